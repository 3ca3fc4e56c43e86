"""A table read on two pages under two grids, and a title row beside which a scan found an empty cell: the
layouts a copy of a copy gave (toner streaks drew extra column lines), laid on a real sample's PDF reading."""

from __future__ import annotations

import dataclasses

from conftest import SAMPLES
from reportcheck.extract.report import extract
from reportcheck.layout import Cell, Document, Table
from reportcheck.normalize.text import normalize_document
from reportcheck.readers import read_document

PDF = SAMPLES / "pdf" / "final_advanced_merged_clean.pdf"


def _read() -> Document:
    return normalize_document(read_document(str(PDF)))


def _table_with(doc: Document, text: str) -> tuple[Table, int]:
    for block in doc.iter_blocks():
        if isinstance(block, Table):
            for i, row in enumerate(block.rows):
                if any(c.norm.startswith(text) for c in row):
                    return block, i
    raise AssertionError(text)


def _values(doc: Document, section: str) -> dict:
    return {i.key: i.values for i in extract(doc).indicators if i.section == section}


def test_a_table_going_on_under_another_grid_keeps_its_columns_by_where_they_stand() -> None:
    """2.2's rows from 规上工业企业数量 on, as if on the next page under a grid of twice the columns (each
    cell spanning two) and a little to the right: read under the header's years by their place, not by
    the grid's numbers (which would put 2021's 186 under 2022)."""
    plain = _values(_read(), "2.2")
    doc = _read()
    table, first = _table_with(doc, "规上工业企业数量")
    other = max(b.index for b in doc.iter_blocks() if isinstance(b, Table)) + 1
    for row in table.rows[first:]:
        if not row or not row[0].norm or "排名前十" in row[0].norm:
            break
        row[:] = [dataclasses.replace(c, table=other, col=2 * c.col, colspan=2 * c.colspan,
                                      bbox=(c.bbox[0] + 4, c.bbox[1], c.bbox[2] + 4, c.bbox[3]))
                  for c in row if c.bbox is not None]
    assert _values(doc, "2.2") == plain


def test_a_title_row_with_an_empty_cell_beside_it_is_still_the_lists_heading() -> None:
    """The 营业收入排名前十 title row read from a scan as the title over most of the row and an empty cell
    beside it (a streak drew a line down the row): the list under it is still found, all ten entries."""
    doc = _read()
    table, at = _table_with(doc, "营业收入排名前十")
    [title] = table.rows[at]
    assert title.colspan >= 4
    x0, top, x1, bottom = title.bbox
    cut = x0 + (x1 - x0) * (title.colspan - 1) / title.colspan
    table.rows[at] = [dataclasses.replace(title, colspan=title.colspan - 1, bbox=(x0, top, cut, bottom),
                                          confidence=0.99),  # read by OCR: only a scan has streaks
                      Cell(text="", table=title.table, row=title.row, col=title.col + title.colspan - 1,
                           page=title.page, bbox=(cut, top, x1, bottom))]
    top10 = extract(doc).list_table("top10_revenue")
    assert top10 is not None and len(top10.rows) == 10
