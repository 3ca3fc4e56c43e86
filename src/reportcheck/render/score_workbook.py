"""The scoring workbook (openpyxl): ``总表`` first (so ``reportcheck grade`` reads it directly: 集群名称,
组别, 得分, then 组内排名), then one sheet per report. Every total is a live Excel formula: item scores
(the expert's cell if filled, else the automatic sub-score) → first-level subtotals → parts → bonus and
deduction, each capped → total. Written to a temporary file beside the output and renamed into place.

The sheet starts honest: an item with neither an automatic sub-score nor an expert's score is blank
(待评), not 0; a report's total reads "待评（N项未评）" until every item has a score, and 总表 gives no
rank and no 等次 for it until then — so nothing untrue is shown before the experts have scored."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reportcheck.atomic import atomic_path
from reportcheck.model import CATEGORY_ZH
from reportcheck.render.print_setup import set_up_printing
from reportcheck.render.widths import display_width
from reportcheck.scoring.scheme import Part, Scheme
from reportcheck.scoring.sheet import ItemRow, ReportSheet

SUMMARY = "总表"
SUMMARY_COLUMNS = ("集群名称", "组别", "得分", "组内排名", "等次", "申报类别", "报告文件", "工作表")
COLUMNS = ("编号", "一级指标", "二级指标", "分值", "报告中的佐证", "相关问题", "自动得分", "专家评分", "得分",
           "同组位次", "计分规则与评分要点")
WIDTHS = (6, 12, 16, 5, 46, 40, 8, 8, 8, 14, 30)  # about 190 units: an A4 landscape page at a readable scale
_LINE_UNITS = (WIDTHS[4] - 3, WIDTHS[5] - 3)  # width a line of 佐证 / 相关问题 holds (a Chinese character is 2)
HEADER_ROW = 4
POINTS, AUTO, EXPERT, SCORE = "D", "G", "H", "I"
_EXPERT_FILL = PatternFill("solid", fgColor="FFF2CC")
_TOTAL_FONT = Font(bold=True)


def write(path: Path, sheets: Sequence[ReportSheet], scheme: Scheme, groups: Sequence[str]) -> None:
    """Write the workbook atomically to ``path``; ``groups`` are the choices offered for 组别."""
    with atomic_path(path) as temp:
        build(sheets, scheme, groups).save(temp)


def build(sheets: Sequence[ReportSheet], scheme: Scheme, groups: Sequence[str]) -> Workbook:
    """The workbook in memory."""
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY
    names = _sheet_names([s.name for s in sheets])
    totals = [_report_sheet(book.create_sheet(name), sheet, scheme) for name, sheet in zip(names, sheets, strict=True)]
    _summary(summary, sheets, names, totals, groups)
    return book


def _grade_formula(row: int, last: int) -> str:
    """监测办法第十条 as the default grading policy reads it (``reportcheck grade`` is the full version):
    top 20 % of the group 优秀, to 50 % 良好, the rest 合格; below 60 不合格 whatever the rank; places
    = group size × 20 % / 50 % rounded half up; tied scores share the better place."""
    size = f"COUNTIF($B$2:$B${last},B{row})"
    return (f'=IF(OR(B{row}="",NOT(ISNUMBER(C{row}))),"",IF(C{row}<60,"不合格",IF(D{row}<=ROUND({size}*0.2,0),"优秀",'
            f'IF(D{row}<=ROUND({size}*0.5,0),"良好","合格"))))')


def _summary(ws: Worksheet, sheets: Sequence[ReportSheet], names: list[str], totals: list[str],
             groups: Sequence[str]) -> None:
    ws.append(list(SUMMARY_COLUMNS))
    last = len(sheets) + 1
    for row, (sheet, name, total) in enumerate(zip(sheets, names, totals, strict=True), start=2):
        ws.append([sheet.name, None, f"={_quote(name)}!{total}",
                   f'=IF(OR(B{row}="",NOT(ISNUMBER(C{row}))),"",'
                   f'COUNTIFS($B$2:$B${last},B{row},$C$2:$C${last},">"&C{row})+1)',
                   _grade_formula(row, last), CATEGORY_ZH.get(sheet.category or "", "未识别"), str(sheet.path), name])
        ws.cell(row, 2).fill = _EXPERT_FILL
    if sheets:
        choice = DataValidation(type="list", formula1='"' + ",".join(groups) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="组别",
                                error="请选择监测办法第十条的六个组别之一")
        choice.add(f"B2:B{last}")
        ws.add_data_validation(choice)
    for cell in ws[1]:
        cell.font = _TOTAL_FONT
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (30, 28, 17, 9, 8, 22, 50, 24), strict=True):
        ws.column_dimensions[letter].width = width
    set_up_printing(ws, ("reportcheck 评分表", SUMMARY, ""))


def _report_sheet(ws: Worksheet, sheet: ReportSheet, scheme: Scheme) -> str:
    """Fill one report's sheet; the address of its total."""
    ws["A1"] = f"{sheet.name} — {scheme.title}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"说明：{scheme.note} 依据：{scheme.source}"
    ws["A3"] = "；".join([f"报告文件：{sheet.path}", *sheet.notes]) + \
        "。黄色单元格由专家填写（0至该项分值）；专家评分留空时取自动得分。"
    last = chr(ord("A") + len(COLUMNS) - 1)
    for row in (2, 3):  # across the table, wrapped: the page is as wide as the table, not as the note
        ws.merge_cells(f"A{row}:{last}{row}")
        ws[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 15 * (-(-len(ws[f"A{row}"].value) // (sum(WIDTHS) // 2 - 4))) + 3
    for col, title in enumerate(COLUMNS, start=1):
        ws.cell(HEADER_ROW, col, title).font = _TOTAL_FONT
    rows = {r.item.id: r for r in sheet.rows}
    row = HEADER_ROW + 1
    validations: dict[float, DataValidation] = {}
    weighted: list[tuple[str, Part]] = []
    capped: list[tuple[str, Part]] = []
    for part in scheme.parts:
        subtotals: list[str] = []
        for first_level, items in scheme.first_levels(part):
            start = row
            for item in items:
                _item_row(ws, row, rows[item.id], validations)
                row += 1
            if part.kind != "weighted":  # a bonus or deduction is capped as a whole, below
                subtotals.append(f"I{start}:I{row - 1}")
                continue
            _total_row(ws, row, "小计", first_level, sum(i.points for i in items), f"=SUM(I{start}:I{row - 1})")
            subtotals.append(f"I{row}")
            row += 1
        if part.kind == "weighted":
            _total_row(ws, row, part.name, f"满分{_num(part.points)}，权重{_num(part.weight_pct or 0)}%", part.points,
                       "=" + "+".join(subtotals))
            weighted.append((f"I{row}", part))
        else:
            _total_row(ws, row, part.name, f"上限{_num(part.points)}分", part.points,
                       f"=MIN(SUM({','.join(subtotals)}),{_num(part.points)})")
            capped.append((f"I{row}", part))
        row += 1
    terms = [f"{cell}*{_num(part.weight_pct or 0)}/100" for cell, part in weighted]
    terms += [("-" if part.kind == "deduction" else "+") + cell for cell, part in capped]
    pending = f"COUNTBLANK({SCORE}{HEADER_ROW + 1}:{SCORE}{row - 1})"  # items neither automatic nor scored
    formula = (f'=IF({pending}>0,"待评（"&{pending}&"项未评）",ROUND(' + "+".join(terms[: len(weighted)])
               + "".join(terms[len(weighted):]) + ",2))")
    _total_row(ws, row, "总分", f"满分{_num(scheme.total)}", scheme.total, formula)
    for validation in validations.values():
        ws.add_data_validation(validation)
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    set_up_printing(ws, (f"reportcheck 评分表 · {scheme.title}", sheet.name, ""),
                    title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return f"I{row}"


def _item_row(ws: Worksheet, row: int, item_row: ItemRow, validations: dict[float, DataValidation]) -> None:
    item = item_row.item
    auto = f"=ROUND({POINTS}{row}*{item_row.auto.ratio},2)" if item_row.auto else None
    values = (item.id, item.first_level, item.name, item.points, "\n".join(item_row.evidence),
              "\n".join(item_row.findings), auto, None,
              f'=IF(ISNUMBER({EXPERT}{row}),{EXPERT}{row},IF(ISNUMBER({AUTO}{row}),{AUTO}{row},""))',
              item_row.standing, item_row.rule)
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row, col, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws[f"{EXPERT}{row}"].fill = _EXPERT_FILL
    lines = max(sum(-(-display_width(text) // width) for text in texts)
                for texts, width in zip((item_row.evidence, item_row.findings), _LINE_UNITS, strict=True))
    ws.row_dimensions[row].height = 14 * min(max(lines, 1), 20) + 3  # 佐证 and 相关问题 readable, not one line
    if item.points not in validations:
        validations[item.points] = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=_num(item.points), allow_blank=True,
            showErrorMessage=True, errorTitle="评分超出范围", error=f"请填写0至{_num(item.points)}之间的分数")
    validations[item.points].add(f"{EXPERT}{row}")


def _total_row(ws: Worksheet, row: int, label: str, name: str, points: float, formula: str) -> None:
    for col, value in ((2, label), (3, name), (4, points), (9, formula)):
        ws.cell(row, col, value).font = _TOTAL_FONT


def _sheet_names(names: Sequence[str]) -> list[str]:
    """Excel sheet names: no []:*?/\\, at most 31 characters, unique, never 总表."""
    out: list[str] = []
    taken = {SUMMARY}
    for name in names:
        base = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("'") or "报告"
        candidate, n = base[:31], 1
        while candidate in taken:
            n += 1
            candidate = f"{base[:31 - len(str(n)) - 1]}-{n}"
        taken.add(candidate)
        out.append(candidate)
    return out


def _quote(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _num(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
