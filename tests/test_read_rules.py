"""A scanned cell that spans grid columns because the scan lost the line down between them is cut where
the recogniser read the line's remains as a mark; a cell merged on purpose, or marks that do not pair
off with the grid's lines, stay whole. (On whole scans: the black_and_white transform of the scan
variants, which loses such lines.)"""

from __future__ import annotations

from reportcheck.readers.read_rules import columns_of_lost_rules


def _word(text: str, x0: float, x1: float, top: float = 100.0) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 10, "conf": 0.9}


BOX = (100.0, 100.0, 300.0, 130.0)
XS = [100.0, 200.0, 300.0]  # the grid: one line down at x 200 in the rows round the cell


def test_a_mark_where_the_grid_has_its_line_cuts_the_cell_and_its_text() -> None:
    words = [_word("长沙远航动力科技有丨36998", 104, 260), _word("限公司", 104, 140, top=115)]
    parts = columns_of_lost_rules(BOX, words, XS)
    assert [(first, last, box) for first, last, box, _ in parts] == [(0, 1, (100.0, 100.0, 200.0, 130.0)),
                                                                     (1, 2, (200.0, 100.0, 300.0, 130.0))]
    assert [[w["text"] for w in ws] for *_, ws in parts] == [["长沙远航动力科技有", "限公司"], ["36998"]]
    assert all(w["x0"] >= 200 for w in parts[1][3]) and all(w["x1"] <= 200 for w in parts[0][3])


def test_a_dash_between_spaces_is_a_mark_one_between_characters_is_not() -> None:
    assert len(columns_of_lost_rules(BOX, [_word("2021年　—2022年", 104, 290)], XS)) == 2
    assert len(columns_of_lost_rules(BOX, [_word("上—年实际值", 104, 290)], XS)) == 1  # 一 read as a dash
    three = columns_of_lost_rules(BOX, [_word("168.3|110.2　|12.2", 104, 295)], [100.0, 180.0, 240.0, 300.0])
    assert [[w["text"] for w in ws] for *_, ws in three] == [["168.3"], ["110.2"], ["12.2"]]


def test_a_piece_of_the_line_read_alone_on_it_is_the_line() -> None:
    parts = columns_of_lost_rules(BOX, [_word("1", 199, 201), _word("国家级", 104, 140)], XS)
    assert [[w["text"] for w in ws] for *_, ws in parts] == [["国家级"], []]
    figure = [_word("1", 204, 208)]  # a figure 1 a cell's margin right of the line: no stub
    assert columns_of_lost_rules(BOX, figure, XS) == [(0, 2, BOX, figure)]


def test_a_cell_merged_on_purpose_or_marks_that_do_not_pair_off_stay_whole() -> None:
    for words in ([_word("长沙经济技术开发区", 104, 290)],  # no mark
                  [_word("级别「批准「时间", 104, 290)],  # two marks, one line
                  [_word("国家级丨", 104, 190)]):  # the mark does not reach the line
        assert columns_of_lost_rules(BOX, words, XS) == [(0, 2, BOX, words)]
    text_layer = [{k: v for k, v in _word("级别丨批准时间", 104, 290).items() if k != "conf"}]
    assert columns_of_lost_rules(BOX, text_layer, XS) == [(0, 2, BOX, text_layer)]  # not read by OCR
