"""A table pasted into Word as an embedded Excel worksheet (Paste Special ▸ Microsoft Excel Worksheet
Object, Insert ▸ Object): the workbook's cells, not the preview picture Word shows.

The cells are read as Excel displays them — a figure with its number format's decimals (``0.0`` shows
1256 as 1256.0), a percentage format times 100 — since the decimals written are what a growth rate is
checked against. Merged cells become spans, a vertical merge continues its first cell as Word's does.
The workbook passes the same zip checks as any package before openpyxl opens it.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from reportcheck.layout import Cell
from reportcheck.readers.safezip import Package

_DECIMALS = re.compile(r"\.([0#?]+)")
_MAX_CELLS = 20_000  # an embedded table larger than this is no form table


def workbook_rows(data: bytes, name: str) -> list[list[Cell]] | None:
    """The shown sheet's used range as layout rows (table index 0, to be renumbered); None when the
    workbook cannot be read (broken, a chart sheet shown, too large)."""
    try:
        with Package(data, name) as package:
            package.verify()
        from openpyxl import load_workbook

        return _rows(load_workbook(io.BytesIO(data), data_only=True).active)
    except Exception:  # a broken embedded object is no table; the report is read without it
        return None


def _rows(sheet) -> list[list[Cell]] | None:
    if sheet is None or not hasattr(sheet, "merged_cells") or sheet.max_row * sheet.max_column > _MAX_CELLS:
        return None  # a chart sheet shows no cells
    spans: dict[tuple[int, int], tuple[int, int]] = {}  # origin (row, col) -> (rows, cols), 1-based
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # cell inside a merge -> its origin
    for merged in sheet.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = (merged.max_row - merged.min_row + 1,
                                                   merged.max_col - merged.min_col + 1)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    covered[(r, c)] = (merged.min_row, merged.min_col)
    rows: list[list[Cell]] = []
    origins: dict[tuple[int, int], Cell] = {}
    for r, excel_row in enumerate(sheet.iter_rows(), start=1):
        row: list[Cell] = []
        for c, xl in enumerate(excel_row, start=1):
            origin = covered.get((r, c))
            if origin is not None:
                first = origins.get(origin)
                if first is not None and origin[0] < r and origin[1] == c:  # merged down: continued
                    row.append(Cell(first.text, 0, r - 1, c - 1, first.colspan, 1, continued=True))
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            cell = Cell(display(xl.value, xl.number_format), 0, r - 1, c - 1, colspan, rowspan)
            origins[(r, c)] = cell
            row.append(cell)
        rows.append(row)
    while rows and not any(cell.text for cell in rows[-1]):
        rows.pop()
    return rows or None


def display(value: object, number_format: str | None) -> str:
    """A cell's value as Excel shows it under its number format (the common formats of a form)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月" if value.day == 1 else f"{value.year}-{value.month:02d}-{value.day:02d}"
    if not isinstance(value, int | float):
        return str(value)
    fmt = (number_format or "General").split(";")[0]
    percent = "%" in fmt
    number = value * 100 if percent else value
    m = _DECIMALS.search(fmt)
    if fmt == "General" or (m is None and "0" not in fmt and "#" not in fmt):
        text = f"{number:.10g}"
    else:
        places = len(m.group(1)) if m else 0
        text = f"{number:,.{places}f}" if "," in fmt else f"{number:.{places}f}"
    return text + ("%" if percent else "")
