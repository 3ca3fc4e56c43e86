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


def _row(texts: list[str], lines: tuple[float, ...], page: int, top: float) -> list[Cell]:
    """One scanned row: a cell between each two of ``lines`` (points), read by OCR."""
    return [Cell(t, 0, 0, c, page=page, bbox=(lines[c], top, lines[c + 1], top + 30), confidence=0.9)
            for c, t in enumerate(texts)]


def test_a_new_row_under_a_merged_cell_is_no_tail_of_the_row_above() -> None:
    """Page 3's last entry typed its approver and year in one merged cell; page 4's first entry leaves its year
    blank. Its empty cell stands under part of the merged one: a new entry, not the tail of the one above (joined,
    entry 10 vanished into entry 9 without a doubt). A tail cell whose column line drifted a few points still joins."""
    from reportcheck.readers.pdf_reader import _append_rows

    lines = (60.0, 100.0, 260.0, 420.0, 480.0)
    header = _row(["序号", "平台名称", "批准单位", "批准年份"], lines, 3, 100)
    last = [*_row(["9", "湖南省工程机械智能制造工程技术研究中心"], lines, 3, 700),
            Cell("国家发展改革委等五部委（2019）", 0, 1, 2, 2, page=3, bbox=(260, 700, 480, 730), confidence=0.9)]
    table = Table(0, [header, last], page=3, grid=lines)
    _append_rows(table, [_row(["10", "湖南省挖掘机械工程研究中心", "湖南省发展和改革委员会", ""], lines, 4, 60)], lines)
    assert [row[0].text for row in table.rows] == ["序号", "9", "10"]

    drifted = (60.0, 100.0, 256.0, 415.0, 480.0)  # straightened at another slant
    table = Table(0, [header, _row(["9", "某研究中心", "湖南省工业和信", "2021"], lines, 3, 700)], page=3, grid=lines)
    _append_rows(table, [_row(["", "", "息化厅", ""], drifted, 4, 60)], drifted)
    assert [row[2].text for row in table.rows] == ["批准单位", "湖南省工业和信\n息化厅"]


def test_a_tail_read_in_doubt_leaves_the_whole_cell_in_doubt() -> None:
    """A name's second line at the head of the next page, read unsure (the recogniser left its last glyph unread:
    息化廳 read 息化), is joined to the first line read sure: the cell is as unsure as its least sure part (it
    took the first line's surety, and 湖南省工业和信息化 stood as the approver without a doubt)."""
    from reportcheck.readers.pdf_reader import _append_rows

    lines = (60.0, 100.0, 260.0, 420.0, 480.0)
    header = _row(["序号", "平台名称", "批准单位", "批准年份"], lines, 3, 100)
    table = Table(0, [header, _row(["9", "某研究中心", "湖南省工业和信", "2021"], lines, 3, 700)], page=3, grid=lines)
    tail = _row(["", "", "息化", ""], lines, 4, 60)
    tail[2].confidence, tail[2].written_on = 0.3, True
    _append_rows(table, [tail], lines)
    joined = table.rows[1][2]
    assert (joined.text, joined.confidence, joined.written_on) == ("湖南省工业和信\n息化", 0.3, True)
