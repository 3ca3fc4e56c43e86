"""The batch workbook: the sheets of ``batch_tables`` written with openpyxl in write-only mode.

Rows are streamed to each sheet as the outcomes are read, so memory does not grow with the number
of files. The outcomes are read three times: the columns of 数据 and 名单, the column widths (set
before a write-only sheet's first row), then the rows. Header rows are bold and frozen (数据 also
keeps 文件 and 集群名称 in view), every sheet has a filter, errors are filled red and warnings amber.
A 汇总 row's 问题清单首行 is an internal hyperlink to that row of 问题清单.

The same result gives the same sheets, styles and workbook parts; only the created and modified
times in ``docProps/core.xml`` (which openpyxl sets on saving) and the zip entries' dates differ.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink

from reportcheck.batch.result import BatchResult
from reportcheck.render.batch_tables import (
    DATA,
    ERROR,
    FINDINGS,
    FIRST_FINDING,
    SUMMARY,
    SUMMARY_HEADER,
    WARNING,
    BatchTables,
    Cell,
    Row,
)

FILLS = {ERROR: PatternFill("solid", fgColor="FFC7CE"), WARNING: PatternFill("solid", fgColor="FFEB9C")}
BOLD = Font(bold=True)
LINK = Font(color="0563C1", underline="single")
FREEZE = {DATA: "C2"}  # top-left cell of the part that scrolls; A2 elsewhere
MIN_WIDTH, MAX_WIDTH = 6, 60
_LINK_COLUMN = SUMMARY_HEADER.index(FIRST_FINDING)


def write_workbook(result: BatchResult, path: str | Path) -> None:
    """Write the batch's workbook to ``path`` (overwritten)."""
    tables = BatchTables(result)
    widths = _widths(tables)
    book = Workbook(write_only=True)
    sheets = {name: _sheet(book, name, tables.header(name), widths[name]) for name in tables.sheets}
    rows = dict.fromkeys(tables.sheets, 1)
    for name, row in tables.rows():
        sheets[name].append(_cells(sheets[name], name, row))
        rows[name] += 1
    for name, sheet in sheets.items():
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(tables.header(name)))}{rows[name]}"
    book.save(str(path))


def _text_width(value: Cell) -> int:
    """Columns a value takes on screen: CJK and full-width characters count two."""
    text = "" if value is None else str(value)
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _widths(tables: BatchTables) -> dict[str, list[float]]:
    """Per sheet, each column's width: its widest cell (the header included) plus a margin, capped."""
    widest: dict[str, list[int]] = {name: [_text_width(h) for h in tables.header(name)] for name in tables.sheets}
    for name, row in tables.rows():
        column = widest[name]
        for i, value in enumerate(row.cells):
            column[i] = max(column[i], _text_width(value))
    return {name: [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in columns] for name, columns in widest.items()}


def _sheet(book: Workbook, name: str, header: list[str], widths: list[float]) -> WriteOnlyWorksheet:
    """A sheet with its widths and frozen header set (write-only: before any row), header written."""
    sheet = book.create_sheet(name)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = FREEZE.get(name, "A2")
    sheet.append([_cell(sheet, h, font=BOLD) for h in header])
    return sheet


def _cells(sheet: WriteOnlyWorksheet, name: str, row: Row) -> list[Cell | WriteOnlyCell]:
    """The row as openpyxl takes it: plain values where a cell has no style (faster), cells where it has."""
    cells: list[Cell | WriteOnlyCell] = [
        _cell(sheet, v, fill=FILLS[row.tones[i]]) if i in row.tones else _plain(sheet, v)
        for i, v in enumerate(row.cells)]
    target = row.cells[_LINK_COLUMN] if name == SUMMARY else None
    if target is not None:
        cells[_LINK_COLUMN] = link = _cell(sheet, target, font=LINK)
        link.hyperlink = Hyperlink(ref="", location=f"'{FINDINGS}'!A{target}", tooltip="查看该文件的问题")
    return cells


def _plain(sheet: WriteOnlyWorksheet, value: Cell) -> Cell | WriteOnlyCell:
    return _cell(sheet, value) if isinstance(value, str) and value.startswith("=") else value


def _cell(sheet: WriteOnlyWorksheet, value: Cell, font: Font | None = None,
          fill: PatternFill | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text from a report is never a formula
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell

