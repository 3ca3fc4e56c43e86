"""A scanned cell that spans grid columns because the scan lost the line down between them is cut where
the recogniser read the line's remains as a mark; a cell merged on purpose, or marks that do not pair
off with the grid's lines, stay whole. (On whole scans: the black_and_white transform of the scan
variants, which loses such lines.)"""

from __future__ import annotations

from reportcheck.readers.read_rules import columns_of_lost_rules, lines_around


def _word(text: str, x0: float, x1: float, top: float = 100.0) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 10, "conf": 0.9}


BOX = (100.0, 100.0, 300.0, 130.0)
XS = [100.0, 200.0, 300.0]  # the grid: one line down at x 200 in the rows round the cell
DRAWN = {1}  # its place in XS


def test_a_mark_where_the_grid_has_its_line_cuts_the_cell_and_its_text() -> None:
    words = [_word("长沙远航动力科技有丨36998", 104, 260), _word("限公司", 104, 140, top=115)]
    parts = columns_of_lost_rules(BOX, words, XS, DRAWN)
    assert [(first, last, box) for first, last, box, _ in parts] == [(0, 1, (100.0, 100.0, 200.0, 130.0)),
                                                                     (1, 2, (200.0, 100.0, 300.0, 130.0))]
    assert [[w["text"] for w in ws] for *_, ws in parts] == [["长沙远航动力科技有", "限公司"], ["36998"]]
    assert all(w["x0"] >= 200 for w in parts[1][3]) and all(w["x1"] <= 200 for w in parts[0][3])


def test_a_dash_between_spaces_is_a_mark_one_between_characters_is_not() -> None:
    assert len(columns_of_lost_rules(BOX, [_word("2021年　—2022年", 104, 290)], XS, DRAWN)) == 2
    assert len(columns_of_lost_rules(BOX, [_word("上—年实际值", 104, 290)], XS, DRAWN)) == 1  # 一 read as a dash
    three = columns_of_lost_rules(BOX, [_word("168.3|110.2　|12.2", 104, 295)], [100.0, 180.0, 240.0, 300.0], {1, 2})
    assert [[w["text"] for w in ws] for *_, ws in three] == [["168.3"], ["110.2"], ["12.2"]]


def test_a_piece_of_the_line_read_alone_on_it_is_the_line() -> None:
    parts = columns_of_lost_rules(BOX, [_word("1", 199, 201), _word("国家级", 104, 140)], XS, DRAWN)
    assert [[w["text"] for w in ws] for *_, ws in parts] == [["国家级"], []]
    figure = [_word("1", 204, 208)]  # a figure 1 a cell's margin right of the line: no stub
    assert columns_of_lost_rules(BOX, figure, XS, DRAWN) == [(0, 2, BOX, figure)]


def test_a_cell_merged_on_purpose_or_marks_that_do_not_pair_off_stay_whole() -> None:
    for words in ([_word("长沙经济技术开发区", 104, 290)],  # no mark
                  [_word("级别「批准「时间", 104, 290)],  # two marks, one line
                  [_word("国家级丨", 104, 190)]):  # the mark does not reach the line
        assert columns_of_lost_rules(BOX, words, XS, DRAWN) == [(0, 2, BOX, words)]
    text_layer = [{k: v for k, v in _word("级别丨批准时间", 104, 290).items() if k != "conf"}]
    assert columns_of_lost_rules(BOX, text_layer, XS, DRAWN) == [(0, 2, BOX, text_layer)]  # not read by OCR


def test_gaps_cut_where_the_cell_lost_more_lines_than_it_shows_marks_and_the_parts_are_in_doubt() -> None:
    parts = columns_of_lost_rules(BOX, [_word("412\u3000455\u3000丨10.4", 104, 295)], [100.0, 180.0, 240.0, 300.0],
                                  {1, 2})
    assert [[(w["text"], w["conf"] < 0.9) for w in ws] for *_, ws in parts] == [[("412", True)], [("455", True)],
                                                                                  [("10.4", True)]]
    unmarked = [_word("湖南 长沙 望城", 104, 295)]  # gaps alone are no sign of a lost line
    assert columns_of_lost_rules(BOX, unmarked, [100.0, 180.0, 240.0, 300.0], {1, 2}) == [(0, 3, BOX, unmarked)]


def test_a_line_only_another_table_on_the_page_draws_is_not_the_cells() -> None:
    """The page's grid: a list above (columns 0|1|2|3), a title row over all, then a header whose line
    between 建设单位名称 and 项目名称 is lost over the rows below it (0-1|2|3): only line 2 is the header's."""
    spans = [(0, 1, 0, 1), (0, 1, 1, 2), (0, 1, 2, 3), (0, 1, 3, 4),  # the list above
             (1, 2, 0, 4),  # a title row
             (2, 3, 0, 3), (2, 3, 3, 4),  # the header: its line at 2 lost
             (3, 4, 0, 2), (3, 4, 2, 3), (3, 4, 3, 4)]  # a row below: 建设单位名称 over columns 0-1
    drawn = lines_around(spans)
    assert drawn[5] == {2}
    assert drawn[4] == {3}  # the title row: only the line both the list and the header draw
    header = [_word("建设单位名称！项目名称", 104, 290)]
    xs = [100.0, 150.0, 200.0, 300.0]
    assert len(columns_of_lost_rules(BOX, header, xs, {1, 2})) == 1  # every grid line: one mark, two lines
    assert [[w["text"] for w in ws] for *_, ws in columns_of_lost_rules(BOX, header, xs, drawn[5])] == [
        ["建设单位名称"], ["项目名称"]]


def test_a_header_and_row_that_lost_the_same_lines_take_them_from_the_table_above_its_title() -> None:
    spans = [(0, 1, 0, 1), (0, 1, 1, 2), (0, 1, 2, 3),  # the table above: label | 2021 | 2022
             (1, 2, 0, 3),  # the next table's title
             (2, 3, 0, 1), (2, 3, 1, 3),  # its header, the line between the years lost
             (3, 4, 0, 1), (3, 4, 1, 3)]  # its first row, the same line lost; then the page ends
    assert lines_around(spans)[5] == {2} and lines_around(spans)[7] == {2}
