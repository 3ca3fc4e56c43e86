"""A scanned row broken over two pages whose tail the next page shows as one cell across the table (the tail's short
rules not found): the cell above it is a doubt that quotes the tail, never a confident half."""

from __future__ import annotations

from reportcheck.extract.ocr import unsure
from reportcheck.layout import Cell, Table
from reportcheck.readers.pdf_reader import _append_rows, _laid_on

_COLUMNS = ((85, 258), (258, 344), (344, 431), (431, 517))
_GRID = (85.0, 258.0, 344.0, 431.0, 517.0)


def _row(texts: tuple[str, ...], page: int) -> list[Cell]:
    return [Cell(text, 0, 0, c, page=page, bbox=(x0, 700.0, x1, 720.0), confidence=0.99,
                 ink=(x0 + 4, x0 + 4 + 10 * len(text)))  # left-aligned, ten points a character
            for c, (text, (x0, x1)) in enumerate(zip(texts, _COLUMNS, strict=True))]


def _across(text: str, ink: tuple[float, float], confidence: float | None = 0.99) -> list[Cell]:
    return [Cell(text, 0, 0, 0, colspan=4, page=6, bbox=(85.0, 60.0, 517.0, 80.0), confidence=confidence,
                 ink=ink if confidence is not None else None)]


def _table() -> Table:
    return Table(index=0, rows=[_row(("名称", "级别", "批准单位", "批准时间"), 5),
                                _row(("湖南省汽车零部件公共服务平台6", "省级", "湖南省工业和信", "2021年9月"), 5)],
                 grid=_GRID)


def test_a_tail_under_one_column_makes_the_cell_above_a_doubt_that_quotes_it():
    table = _table()
    _append_rows(table, [_across("息化厅", (350.0, 390.0))], _GRID)
    approver = table.rows[1][2]
    assert approver.broken_off == "息化厅" and approver.text == "湖南省工业和信"
    assert "息化厅" in (unsure(approver) or "")
    assert [c.broken_off for c in table.rows[1] if c is not approver] == ["", "", ""]
    assert len(table.rows) == 3  # kept apart: it could be a new row across the table


def test_a_tail_with_a_speck_before_it_makes_both_cells_it_stands_under_doubts():
    table = _table()
    _append_rows(table, [_across("系息化厅", (258.0, 432.0))], _GRID)
    assert [c.broken_off for c in table.rows[1]] == ["", "系息化厅", "系息化厅", ""]


def test_a_tail_on_a_page_lying_further_across_is_measured_where_the_page_before_lies():
    table = _table()
    shifted = tuple(x + 60 for x in _GRID)  # the next page scanned 60 points further right, its grid with it
    tail = _across("息化厅", (410.0, 450.0))
    tail[0].bbox = (145.0, 60.0, 577.0, 80.0)
    rows, grid = _laid_on([tail], shifted, (_GRID[0], _GRID[-1]))  # as the reader lays a page on the one before
    _append_rows(table, rows, grid)
    assert [c.broken_off for c in table.rows[1]] == ["", "", "息化厅", ""]


def test_a_row_across_the_table_a_text_layer_or_a_long_tail_leaves_the_row_above_sure():
    for first in (_across("省级及以上质量奖（国家级、省级）", (150.0, 420.0)),  # a title row under several columns
                  _across("2.5集群绿色发展情况", (89.0, 240.0)),  # a section's title row, on the left
                  _across("国家级", (280.0, 322.0)),  # a group's title, centred across the table
                  _across("单位：万元", (470.0, 514.0)),  # a note set to the right
                  _across("息化厅", (350.0, 390.0), confidence=None),  # a text layer: its rows are joined as drawn
                  _across("这一行很长超过了一个断行的尾巴应有的字数", (350.0, 428.0))):
        table = _table()
        _append_rows(table, [first], _GRID)
        assert not any(c.broken_off for c in table.rows[1])
        assert unsure(table.rows[1][2]) is None
