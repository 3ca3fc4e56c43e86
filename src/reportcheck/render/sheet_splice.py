"""Rows made by :class:`~reportcheck.render.sheet_rows.SheetRows` put into a workbook openpyxl saved.

openpyxl lays the workbook out (styles, column widths, frozen panes, filters, page setup, links) with each
sheet's header row and, where a row carries a link, that cell alone (so openpyxl lists the sheet's links);
``splice`` copies the workbook and puts the rows in place of everything after each sheet's header row.
"""

from __future__ import annotations

import posixpath
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from reportcheck.render.sheet_rows import SheetRows

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def splice(laid_out: Path, target: Path, rows: dict[str, SheetRows]) -> None:
    """Copy the workbook ``laid_out`` to ``target``, the rows of each sheet named in ``rows`` after its
    header row taken from there."""
    with zipfile.ZipFile(laid_out) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        replaced = {part: rows[name] for name, part in _sheet_parts(source).items() if name in rows}
        for info in source.infolist():
            data = source.read(info)
            if info.filename not in replaced:
                out.writestr(info, data)
                continue
            header_end, rows_end = data.index(b"</row>") + len(b"</row>"), data.index(b"</sheetData>")
            part = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            with out.open(part, "w") as sheet:
                sheet.write(data[:header_end])
                shutil.copyfileobj(replaced[info.filename].file(), sheet)
                sheet.write(data[rows_end:])


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the part holding it (``xl/worksheets/sheet1.xml``), from the workbook and its links."""
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_REL}Relationship")}
    sheets = ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{_MAIN}sheet")
    return {sheet.get("name", ""): _part(targets[sheet.get(f"{_REL}id")]) for sheet in sheets}


def _part(target: str) -> str:
    """A relationship's target as a name in the package: relative to ``xl/``, or absolute."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
