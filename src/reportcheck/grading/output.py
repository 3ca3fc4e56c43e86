"""Writing the result: ``.xlsx`` (sheet 等次 with a bold frozen header, filter and fitted widths, and
sheet 评定依据 with the policy used) or ``.csv`` (UTF-8 with BOM, so Excel reads the Chinese). Written
to a temporary file in the output's folder and renamed into place, so a failure leaves nothing."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from reportcheck.atomic import atomic_path
from reportcheck.grading.policy import SETTING_ZH, VALUE_ZH, Policy
from reportcheck.grading.rules import Graded
from reportcheck.render.csv_cells import csv_row
from reportcheck.render.widths import display_width

BASE_COLUMNS = ("集群名称", "组别", "得分", "组内排名", "等次")
PREVIOUS_COLUMNS = ("上年等次", "星级", "促进组织标级")


def columns(with_previous: bool) -> tuple[str, ...]:
    return BASE_COLUMNS + (PREVIOUS_COLUMNS if with_previous else ()) + ("说明",)


def table(graded: Sequence[Graded], with_previous: bool) -> list[list[object]]:
    """The output rows (without header), in the order of ``graded``."""
    out: list[list[object]] = []
    for g in graded:
        row: list[object] = [g.row.name, g.row.group, _number(g.row.score), g.rank, g.grade]
        if with_previous:
            row += [g.previous_grade, g.star, g.label]
        out.append([*row, "；".join(g.notes)])
    return out


def write(path: Path, graded: Sequence[Graded], with_previous: bool, policy: Policy) -> None:
    """Write atomically to ``path`` (its suffix, ``.xlsx`` or ``.csv``, picks the format)."""
    header, rows = columns(with_previous), table(graded, with_previous)
    with atomic_path(path) as temp:
        if path.suffix.lower() == ".xlsx":
            _xlsx(temp, header, rows, policy)
        else:
            _csv(temp, header, rows)


def _number(score: Decimal) -> int | float:
    return int(score) if score == score.to_integral_value() else float(score)


def _csv(path: Path, header: Sequence[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(csv_row(header))
        writer.writerows(csv_row(row) for row in rows)


def _xlsx(path: Path, header: Sequence[str], rows: list[list[object]], policy: Policy) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "等次"
    _fill(sheet, header, rows)
    basis = book.create_sheet("评定依据")
    settings = ("excellent_percent", "good_percent", "quota_rounding", "ties", "at_pass_mark",
                "below_pass_mark_in_top", "changed_group")
    basis_rows: list[list[object]] = [["依据", policy.source, ""], ["合格线", _number(policy.pass_mark), ""]]
    basis_rows += [[SETTING_ZH[key], VALUE_ZH.get(str(getattr(policy, key)), getattr(policy, key)),
                    policy.explanations.get(key, "")] for key in settings]
    _fill(basis, ("设置", "取值", "说明"), basis_rows)
    _colour_grades(sheet, header)
    book.save(path)


GRADE_FILLS = {"优秀": "C6EFCE", "良好": "DDEBF7", "合格": "FFFFFF", "不合格": "FFC7CE"}


def _colour_grades(sheet, header: Sequence[str]) -> None:
    """等次 (and 上年等次) filled by grade: 优秀 green, 良好 blue, 不合格 red, as the province's tables mark them."""
    from openpyxl.styles import PatternFill

    for index, title in enumerate(header, start=1):
        if title not in ("等次", "上年等次"):
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            colour = GRADE_FILLS.get(str(cell.value or ""))
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)


def _fill(sheet, header: Sequence[str], rows: list[list[object]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, title in enumerate(header, start=1):
        width = max([display_width(title), *(display_width(r[index - 1]) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)


