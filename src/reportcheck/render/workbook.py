"""The batch workbook: the sheets of ``batch_tables`` written with openpyxl in write-only mode.

Rows are streamed to each sheet as they are read, so memory does not grow with the number of files.
The files' rows are made as they are checked (:func:`~reportcheck.render.batch_tables.spool_rows`, with
how wide their cells are, which a write-only sheet needs before its first row) and read here once.
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
    rows = dict.fromkeys(tables.sheets, 1)
    for name, row in tables.rows():
        rows[name] += 1
        _set_height(sheets[name], rows[name], row.cells, wrapped[name], widths[name])
        sheets[name].append(_cells(sheets[name], name, row, wrapped[name]))
    for name, sheet in sheets.items():
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(tables.header(name)))}{rows[name]}"
    book.save(str(path))


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
    _set_height(sheet, 1, list(header), set(range(len(header))), widths)
    sheet.append([_cell(sheet, h, font=BOLD, alignment=WRAP) for h in header])
    return sheet


def _page_setup(sheet: WriteOnlyWorksheet, name: str, width: float, title: tuple[str, str]) -> None:
    pages_wide = max(1, round(width / _PAGE_WIDTH)) if name in _WIDE else 1
    set_up_printing(sheet, (title[0], name, title[1]), pages_wide=pages_wide)


def _set_height(sheet: WriteOnlyWorksheet, number: int, cells: list[Cell], wrapped: set[int],
                widths: list[float]) -> None:
    """A row whose wrapped text takes several lines gets the height to show them (write-only: set before
    the row is written; neither Excel nor LibreOffice fits a row's height to wrapped text on opening)."""
    lines = max((-(-display_width(cells[i]) // max(1, int(widths[i]) - 2)) for i in wrapped), default=1)
    if lines > 1:
        sheet.row_dimensions[number].height = _LINE_POINTS * lines + 2


def _cells(sheet: WriteOnlyWorksheet, name: str, row: Row, wrapped: set[int]) -> list[Cell | WriteOnlyCell]:
    """The row as openpyxl takes it: plain values where a cell has no style (faster), cells where it has."""
    cells: list[Cell | WriteOnlyCell] = [
        _cell(sheet, v, fill=FILLS.get(row.tones.get(i, "")), alignment=WRAP if i in wrapped else None)
        if i in row.tones or (i in wrapped and v is not None) else _plain(sheet, v)
        for i, v in enumerate(row.cells)]
    target = row.cells[_LINK_COLUMN] if name == SUMMARY else None
    if isinstance(target, str):
        number = target.removeprefix("第").removesuffix("行")
        cells[_LINK_COLUMN] = link = _cell(sheet, target, font=LINK)
        link.hyperlink = Hyperlink(ref="", location=f"'{FINDINGS}'!A{number}", tooltip="查看该文件的问题")
    return cells


def _plain(sheet: WriteOnlyWorksheet, value: Cell) -> Cell | WriteOnlyCell:
    return _cell(sheet, value) if isinstance(value, str) and value.startswith("=") else value


def _cell(sheet: WriteOnlyWorksheet, value: Cell, font: Font | None = None,
          fill: PatternFill | None = None, alignment: Alignment | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text from a report is never a formula
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    return cell

