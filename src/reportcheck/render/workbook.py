"""The batch workbook: the sheets of ``batch_tables``, laid out by openpyxl in write-only mode (styles,
widths, panes, filters, printing, links, each sheet's header), their rows written as SpreadsheetML text
(:mod:`~reportcheck.render.sheet_rows`: a text is always a text, never a formula) and spliced in
(:mod:`~reportcheck.render.sheet_splice`).

Rows are streamed to temporary files as they are read, so memory does not grow with the number of files.
The files' rows are made as they are checked (:func:`~reportcheck.render.batch_tables.spool_rows`, with
how wide their cells are, which the layout needs before any row) and read here once.
Header rows are bold and frozen (数据 also keeps 文件 and 集群名称 in view), every sheet has a filter,
errors are filled red and warnings amber.
A 汇总 row's 问题清单首行 is an internal hyperlink to that row of 问题清单.

Every sheet prints as a bureau files it: A4 landscape, the header row repeated on every page, a page
header with the batch (the result's file name), the time of the check, the rule pack and the version,
"第 N 页，共 M 页" at the foot; long texts (说明, 原因) wrap in their column. The narrow sheets fit the
page's width; 数据 and 名单, one column per figure, take as many pages across as their widths need.

The same result written under the same name gives the same sheets, styles and workbook parts; only the
created and modified times in ``docProps/core.xml`` (which openpyxl sets on saving) and the zip entries'
dates differ.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink

from reportcheck import __version__
from reportcheck.batch.result import BatchResult
from reportcheck.render.batch_tables import (
    DATA,
    ERROR,
    FINDINGS,
    FIRST_FINDING,
    LISTS,
    SUMMARY,
    SUMMARY_HEADER,
    WARNING,
    BatchTables,
    Cell,
    Row,
)
from reportcheck.render.print_setup import set_up_printing
from reportcheck.render.sheet_rows import SheetRows
from reportcheck.render.sheet_splice import splice
from reportcheck.render.widths import display_width
from reportcheck.rules import DEFAULT_PACK

FILLS = {ERROR: PatternFill("solid", fgColor="FFC7CE"), WARNING: PatternFill("solid", fgColor="FFEB9C")}
BOLD = Font(bold=True)
LINK = Font(color="0563C1", underline="single")
FREEZE = {DATA: "C2"}  # top-left cell of the part that scrolls; A2 elsewhere
MIN_WIDTH, MAX_WIDTH, HEADER_WIDTH = 6, 60, 10
WRAP = Alignment(wrap_text=True)
_LINK_COLUMN = SUMMARY_HEADER.index(FIRST_FINDING)
_WIDE = (DATA, LISTS)  # one column per figure: printed across as many pages as their width needs
_PAGE_WIDTH = 180  # column-width units a landscape A4 page holds at a readable scale
_LINE_POINTS = 14.5  # a line of 11-point text


def write_workbook(result: BatchResult, path: str | Path) -> None:
    """Write the batch's workbook to ``path`` (overwritten)."""
    tables = BatchTables(result)
    widths = _widths(tables)
    book = Workbook(write_only=True)
    title = _page_title(result, Path(path))
    sheets = {name: _sheet(book, name, tables.header(name), widths[name], title) for name in tables.sheets}
    wrapped = {name: {i for i, w in enumerate(widths[name]) if w >= MAX_WIDTH} for name in tables.sheets}
    styles = _Styles(sheets[SUMMARY])
    with ExitStack() as stack:
        rows = {name: SheetRows(stack.enter_context(tempfile.TemporaryFile())) for name in tables.sheets}
        for name, row in tables.rows():
            rows[name].add(row.cells, styles.of(name, row, wrapped[name]),
                           _height(row.cells, wrapped[name], widths[name]))
            if name == SUMMARY:
                sheets[name].append(_link(sheets[name], row))
        for name, sheet in sheets.items():
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(tables.header(name)))}{rows[name].count}"
        with tempfile.TemporaryDirectory(prefix="reportcheck-") as tmp:
            laid_out = Path(tmp) / "laid_out.xlsx"
            book.save(str(laid_out))
            splice(laid_out, Path(path), rows)


def _widths(tables: BatchTables) -> dict[str, list[float]]:
    """Per sheet, each column's width: its widest cell plus a margin, capped; a header wraps, so it asks
    for no more than :data:`HEADER_WIDTH` (a column of small numbers under a long header stays narrow)."""
    cells = tables.widths()
    return {name: [min(MAX_WIDTH, max(MIN_WIDTH, max(min(HEADER_WIDTH, display_width(h)), w) + 2))
                   for h, w in zip(tables.header(name), cells[name], strict=True)] for name in tables.sheets}


def _page_title(result: BatchResult, path: Path) -> tuple[str, str]:
    """(left, right) of each printed page's header: the batch, and when, by which pack and version."""
    pack = (result.pack or {}).get("id") or (result.settings.pack if result.settings else DEFAULT_PACK)
    when = result.started.strftime("%Y-%m-%d %H:%M")
    return (f"reportcheck 批量检查结果　批次：{path.stem}", f"检查时间：{when}　规则包：{pack}　版本：{__version__}")


def _sheet(book: Workbook, name: str, header: list[str], widths: list[float],
           title: tuple[str, str]) -> WriteOnlyWorksheet:
    """A sheet with its widths, frozen header and page setup set (write-only: before any row), header written."""
    sheet = book.create_sheet(name)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = FREEZE.get(name, "A2")
    _page_setup(sheet, name, sum(widths), title)
    height = _height(list(header), set(range(len(header))), widths)
    if height:
        sheet.row_dimensions[1].height = height
    sheet.append([_cell(sheet, h, font=BOLD, alignment=WRAP) for h in header])
    return sheet


def _page_setup(sheet: WriteOnlyWorksheet, name: str, width: float, title: tuple[str, str]) -> None:
    pages_wide = max(1, round(width / _PAGE_WIDTH)) if name in _WIDE else 1
    set_up_printing(sheet, (title[0], name, title[1]), pages_wide=pages_wide)


def _height(cells: list[Cell], wrapped: set[int], widths: list[float]) -> float | None:
    """The height a row needs when its wrapped text takes several lines (neither Excel nor LibreOffice fits
    a row's height to wrapped text on opening)."""
    lines = max((-(-display_width(cells[i]) // max(1, int(widths[i]) - 2)) for i in wrapped), default=1)
    return _LINE_POINTS * lines + 2 if lines > 1 else None


class _Styles:
    """The cell styles the rows use, as their indexes among the workbook's (registered through ``sheet``)."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self._sheet = sheet
        self._ids: dict[tuple[str, bool], int] = {}
        self.link = _cell(sheet, None, font=LINK).style_id

    def of(self, name: str, row: Row, wrapped: set[int]) -> dict[int, int]:
        """Cell index → style for the styled cells of ``row``: a toned cell filled, a wrapped column's text
        wrapped, 汇总's link blue and underlined."""
        styles = {i: self._id(tone, i in wrapped) for i, tone in row.tones.items()}
        styles.update((i, self._id("", True)) for i in wrapped if i not in styles and row.cells[i] is not None)
        if name == SUMMARY and isinstance(row.cells[_LINK_COLUMN], str):
            styles[_LINK_COLUMN] = self.link
        return styles

    def _id(self, tone: str, wrap: bool) -> int:
        key = (tone, wrap)
        if key not in self._ids:
            self._ids[key] = _cell(self._sheet, None, fill=FILLS.get(tone), alignment=WRAP if wrap else None).style_id
        return self._ids[key]


def _link(sheet: WriteOnlyWorksheet, row: Row) -> list[WriteOnlyCell | None]:
    """汇总's row as openpyxl writes it: its link to 问题清单 alone, so the sheet lists the link (the row
    itself is :class:`SheetRows`'s, spliced in its place)."""
    target = row.cells[_LINK_COLUMN]
    if not isinstance(target, str):
        return []
    number = target.removeprefix("第").removesuffix("行")
    link = _cell(sheet, target, font=LINK)
    link.hyperlink = Hyperlink(ref="", location=f"'{FINDINGS}'!A{number}", tooltip="查看该文件的问题")
    return [None] * _LINK_COLUMN + [link]


def _cell(sheet: WriteOnlyWorksheet, value: Cell, font: Font | None = None,
          fill: PatternFill | None = None, alignment: Alignment | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)  # only headers, links and the styles' own: never a report's text
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    return cell

