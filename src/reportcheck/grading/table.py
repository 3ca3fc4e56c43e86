"""Reading score tables: ``.csv`` (UTF-8, with or without BOM) or ``.xlsx`` (first sheet, cached values
of formulas). The first non-empty row is the header; rows are numbered as the file shows them (the
header is row 1 when it is the first line). Every problem is a :class:`GradeInputError` naming the
file row and what to do; nothing here guesses.

- Scores: columns 集群名称, 组别, 得分 (others ignored); 组别 one of the policy's groups; 得分 a number
  within the policy's range; a cluster name appears once in the whole file (compared without
  spaces, full-width and half-width alike).
- Previous year: the same columns, or a previous ``grade`` output — when a 等次 column is present
  its 等次 is taken as published and 得分 is not needed.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from reportcheck.grading.errors import GradeInputError
from reportcheck.grading.policy import GRADES, Policy

NAME, GROUP, SCORE, GRADE = "集群名称", "组别", "得分", "等次"


@dataclass(frozen=True)
class ScoreRow:
    """One cluster's score, with the file row it came from."""

    name: str
    group: str
    score: Decimal
    row: int


@dataclass(frozen=True)
class PublishedGrade:
    """A cluster's 等次 from a previous ``grade`` output."""

    name: str
    group: str
    grade: str
    row: int


def cluster_key(name: str) -> str:
    """The name clusters are matched and deduplicated by: NFKC, without any whitespace."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def read_scores(path: Path, policy: Policy) -> list[ScoreRow]:
    """The score rows of ``path``, validated."""
    header, rows = _read(path)
    _require(path, header, (NAME, GROUP, SCORE))
    out = [ScoreRow(_name(path, number, cells, header), _group(path, number, cells, header, policy),
                    _score(path, number, cells, header, policy), number) for number, cells in rows]
    _no_duplicates(path, out)
    return out


def read_previous(path: Path, policy: Policy) -> list[ScoreRow] | list[PublishedGrade]:
    """Last year's rows: its scores (to be graded) or, when the file has a 等次 column, its 等次."""
    header, rows = _read(path)
    if GRADE not in header:
        return read_scores(path, policy)
    _require(path, header, (NAME, GROUP, GRADE))
    out = [PublishedGrade(_name(path, number, cells, header), _group(path, number, cells, header, policy),
                          _grade(path, number, cells, header), number) for number, cells in rows]
    _no_duplicates(path, out)
    return out


def _read(path: Path) -> tuple[dict[str, int], list[tuple[int, list[Any]]]]:
    """(column → index, [(file row number, cells)]) of the non-empty rows after the header."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise GradeInputError(f"{path}：不支持的文件类型，请另存为 .xlsx 或 .csv（UTF-8） / unsupported file type,"
                              " save it as .xlsx or UTF-8 .csv")
    if suffix == ".xlsx":
        _verify_package(path)
    try:
        lines = list(_csv_rows(path) if suffix == ".csv" else _xlsx_rows(path))
    except UnicodeDecodeError:
        raise GradeInputError(f"{path}：不是UTF-8编码，请在Excel中另存为“CSV UTF-8（逗号分隔）” / the CSV is not UTF-8,"
                              " save it as CSV UTF-8") from None
    except OSError as exc:
        raise GradeInputError(f"{path}：无法读取（{exc.strerror or exc}），请检查文件是否存在"
                              " / cannot read the file") from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled workbook
        raise GradeInputError(f"{path}：无法作为Excel工作簿打开（{type(exc).__name__}），请在Excel中另存为 .xlsx"
                              f" / not a readable .xlsx workbook") from None
    filled = [(number, list(cells)) for number, cells in lines if any(_text(c) for c in cells)]
    if not filled:
        raise GradeInputError(f"{path}：文件为空，应有表头行（{NAME}、{GROUP}、{SCORE}） / the file is empty")
    (_, head), *body = filled
    header: dict[str, int] = {}
    for index, title in enumerate(head):
        header.setdefault(_text(title), index)
    return header, body


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        for cells in reader:
            yield reader.line_num, cells


def _verify_package(path: Path) -> None:
    """Refuse a zip bomb or an XML entity trick before openpyxl (which trusts both) opens it."""
    from reportcheck.errors import UnreadableInput
    from reportcheck.readers.safezip import verify_package

    try:
        verify_package(path)
    except UnreadableInput as exc:
        if exc.reason in ("corrupt", "io_error"):
            return  # openpyxl's own message for a damaged or missing file stays as it was
        raise GradeInputError(f"{path}：{exc.zh} / {exc.en}") from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    try:
        for row in book.worksheets[0].iter_rows():
            yield row[0].row, [cell.value for cell in row]
    finally:
        book.close()


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _cell(cells: list[Any], header: dict[str, int], column: str) -> Any:
    index = header[column]
    return cells[index] if index < len(cells) else None


def _require(path: Path, header: dict[str, int], columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise GradeInputError(f"{path} 表头（第一个非空行）缺少列：{'、'.join(missing)}，应有列 {'、'.join(columns)}"
                              f" / missing column(s) in the header row: add them")


def _name(path: Path, number: int, cells: list[Any], header: dict[str, int]) -> str:
    name = _text(_cell(cells, header, NAME))
    if not name:
        raise GradeInputError(f"{path} 第{number}行：{NAME}为空，请填写或删除该行 / row {number}: empty cluster name")
    return name


def _group(path: Path, number: int, cells: list[Any], header: dict[str, int], policy: Policy) -> str:
    group = "".join(_text(_cell(cells, header, GROUP)).split())
    if group not in policy.groups:
        raise GradeInputError(f"{path} 第{number}行：{GROUP}“{group}”不是第十条的六个组之一，请改为："
                              f"{'、'.join(policy.groups)} / row {number}: unknown group")
    return group


def _score(path: Path, number: int, cells: list[Any], header: dict[str, int], policy: Policy) -> Decimal:
    value = _cell(cells, header, SCORE)
    text = unicodedata.normalize("NFKC", _text(value))
    try:
        score = None if isinstance(value, bool) or not text else Decimal(text)
    except InvalidOperation:
        score = None
    if score is None or not score.is_finite():
        hint = "（若为公式，请在Excel中打开、保存后再试）" if not text and path.suffix.lower() == ".xlsx" else ""
        raise GradeInputError(f"{path} 第{number}行：{SCORE}“{text}”不是数字{hint}，请填写数值 / row {number}:"
                              f" the score is not a number")
    if not policy.min_score <= score <= policy.max_score:
        raise GradeInputError(f"{path} 第{number}行：{SCORE} {text} 超出 {policy.min_score}–{policy.max_score}"
                              f"（百分制加分最多10分），请核对 / row {number}: score outside"
                              f" {policy.min_score}–{policy.max_score}")
    return score


def _grade(path: Path, number: int, cells: list[Any], header: dict[str, int]) -> str:
    grade = _text(_cell(cells, header, GRADE))
    if grade not in GRADES:
        raise GradeInputError(f"{path} 第{number}行：{GRADE}“{grade}”应为 {'、'.join(GRADES)} 之一，请核对"
                              f" / row {number}: unknown grade")
    return grade


def _no_duplicates(path: Path, rows: list[ScoreRow] | list[PublishedGrade]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        key = cluster_key(row.name)
        if key in seen:
            raise GradeInputError(f"{path} 第{row.row}行：集群“{row.name}”与第{seen[key]}行重复，每个集群只能出现一次，"
                                  f"请删除或改名 / row {row.row}: duplicate of row {seen[key]}")
        seen[key] = row.row
