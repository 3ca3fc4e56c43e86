from __future__ import annotations

import pytest

from reportcheck.normalize.evidence import split_evidence
from reportcheck.normalize.numbers import POINTS, parse_growth, parse_value
from reportcheck.normalize.text import normalize_text, to_simplified


@pytest.mark.parametrize(("text", "unit", "value", "decimals"), [
    ("120.5", "亿元", 120.5, 1), ("1,234.5", "亿元", 1234.5, 1), ("１２０．５", "亿元", 120.5, 1),
    ("120.5亿元", "亿元", 120.5, 1), ("12.3%", "%", 12.3, 1), ("约120", "亿元", 120.0, 0), ("≈5.5", "%", 5.5, 1),
    ("-3.2", "%", -3.2, 1), ("1205000万元", "亿元", 120.5, 4), ("12家", "个", 12.0, 0),
    ("6（P23）", "个", 6.0, 0),
    # zeros closing two decimals are a spreadsheet's "0.00" format, not precision; one decimal stays one
    ("120.50", "亿元", 120.5, 1), ("10.20", "%", 10.2, 1), ("161.70", "个", 161.7, 1), ("0.05", "%", 0.05, 2),
    ("10.0", "%", 10.0, 1), ("10.00", "%", 10.0, 0), ("176.00", "个", 176.0, 0),
    # a Chinese full stop for the point; a remark in brackets after the figure is the applicant's, a unit its own
    ("3。2", "%", 3.2, 1), ("0.8（海关数据）", "亿元", 0.8, 1), ("596.4（同比增长14.7%）", "亿元", 596.4, 1),
    ("120（亿元）", "亿元", 120.0, 0), ("45（其中规上30）", "个", 45.0, 0),
    # thousands grouped by a space or a Chinese comma; a scale in the unit (rounded to the 万: −2 decimals)
    ("1 180.5", "亿元", 1180.5, 1), ("1，180.5", "亿元", 1180.5, 1), ("86 500", "人", 86500.0, 0),
    ("1.25万人", "人", 12500.0, -2), ("494,000万元", "亿元", 49.4, 4), ("51.7 亿元", "亿元", 51.7, 1),
    # a decimal comma (a European spreadsheet's, a slip): a thousands comma groups three digits after no 0
    ("77,9", "%", 77.9, 1), ("0,62", "亿元", 0.62, 2), ("100,0", "%", 100.0, 1), ("-3,2", "%", -3.2, 1),
    ("30,012", "人", 30012.0, 0),
    # a count's scale written alone
    ("1.14万", "人", 11400.0, -2), ("3亿", "亿元", 3.0, 0),
    # a footnote mark after the figure is the note's
    ("51.7*", "亿元", 51.7, 1), ("36.8①", "%", 36.8, 1), ("12.5%注1", "%", 12.5, 1),
    # a remark of figures after the figure: stock codes, the calculation (its own brackets inside)
    ("5（688187、300831、301155）", "个", 5.0, 0), ("74.9\n（43.9÷58.6）", "%", 74.9, 1),
    ("21.33（(1.82-1.50)÷1.50×100）", "%", 21.33, 2),
    # a small count in Chinese numerals with its measure word; a letter O typed for a zero
    ("两个", "个", 2.0, 0), ("十二家", "个", 12.0, 0), ("二十三项", "个", 23.0, 0),
    ("6O.0", "亿元", 60.0, 1), ("3O2", "个", 302.0, 0),
])
def test_numbers_as_applicants_write_them(text, unit, value, decimals):
    parsed = parse_value(normalize_text(text), unit)
    assert parsed.value == value
    assert parsed.decimals == decimals
    assert parsed.problem is None


@pytest.mark.parametrize("text", ["", "—", "/", "无", "-", "——", "#DIV/0!", "新增"])  # Excel: a growth on 0; a new item
def test_empty_marks_are_empty_not_zero(text):
    parsed = parse_value(normalize_text(text), "亿元")
    assert parsed.value is None and parsed.empty and parsed.problem is None


@pytest.mark.parametrize("text", ["暂不填报", "无权威统计口径，暂不填报", "该项未统计，不填报"])
def test_a_note_that_the_figure_is_not_given_is_an_empty_cell(text):
    parsed = parse_value(normalize_text(text), "%")
    assert parsed.value is None and parsed.empty and parsed.problem is None


def test_unreadable_and_ambiguous_units_are_reported_not_guessed():
    assert parse_value("九十七点三", "亿元").problem == "unreadable"
    assert parse_value("一", "个").problem == "unreadable"  # a lone 一: as often a dash typed with the IME
    assert parse_value("120（118）", "亿元").problem == "unreadable"  # another figure in brackets: which?
    assert parse_value("同左", "亿元").problem == "same_as_before"  # the row's reader takes the figure before it
    mismatch = parse_value("12个", "亿元")
    assert mismatch.problem == "unit_mismatch" and mismatch.value is None


@pytest.mark.parametrize(("text", "value", "points"), [
    ("12.5", 12.5, False), ("+12.5", 12.5, False), ("12.5%", 12.5, False), ("增长13.2%", 13.2, False),
    ("同比增长13.2%", 13.2, False), ("下降3.6%", -3.6, False), ("(3.2)", -3.2, False), ("（2.6）", -2.6, False),
    ("+0.7个百分点", 0.7, True), ("-0.4个百分点", -0.4, True), ("提高12.7个百分点", 12.7, True),
    ("降低0.3个百分点", -0.3, True), ("持平", 0.0, False), ("↑16.6", 16.6, False), ("↓2.5%", -2.5, False),
    ("增长1.5倍", 150.0, False), ("增长2倍", 200.0, False),
])
def test_growth_as_applicants_write_it(text, value, points):
    parsed = parse_growth(normalize_text(text))
    assert (parsed.value, parsed.unit == POINTS, parsed.problem) == (value, points, None)


def test_a_growth_in_another_unit_is_unreadable():
    assert parse_growth(normalize_text("增长3亿元")).problem == "unreadable"


def test_times_are_a_rise_only_with_its_word_and_stated_to_their_precision():
    """增长1.5倍 is +150 % to within 5 %; 1.5倍 alone (增长到? 增长了?) and a fall of so many times are no growth."""
    assert parse_growth(normalize_text("增长1.5倍")).decimals == -1
    assert parse_growth(normalize_text("1.5倍")).problem == "unreadable"
    assert parse_growth(normalize_text("下降2倍")).problem == "unreadable"


@pytest.mark.parametrize(("text", "pages"), [
    ("6（P12）", [12]), ("6(见佐证材料第12页)", [12]), ("6[第12-13页]", [12, 13]), ("6 佐证P12", [12]),
    ("5（P3、P7）", [3, 7]), ("3 页码:5", [5]), ("7", []),
    ("6（12页）", [12]), ("6（见佐证材料12-13页）", [12, 13]), ("6（共12页）", []), ("2（12）", []),
    # the report's own pages named beside the appendix's are no evidence pages
    ("4（名单见本报告第3页，附件第58-59页）", [58, 59]), ("4（名单见本报告第3页）", []),
])
def test_evidence_references_in_every_form(text, pages):
    assert split_evidence(normalize_text(text))[1] == pages


@pytest.mark.parametrize(("text", "figure", "pages"), [
    ("3（佐证材料P40-", "3", [40]), ("6（佐证第", "6", []), ("2 (见第12", "2", []), ("5（含3家", "5(含3家", []),
])
def test_a_note_a_page_break_left_open_is_no_part_of_the_figure(text, figure, pages):
    """3（佐证材料P40- at a page's foot, 41） on the next: the figure is 3, the note's pages what it shows; a
    bracket left open on words that are no note (含3家) stays, and the figure unread."""
    assert split_evidence(normalize_text(text)) == (figure, pages)


def test_traditional_text_becomes_simplified_in_one_call():
    assert to_simplified(["集群從業人員數量", "", "2021"]) == ["集群从业人员数量", "", "2021"]


def test_fullwidth_and_spaces_are_normalised():
    assert normalize_text("集群总产值\u3000（亿元）\n\n  ") == "集群总产值 (亿元)"


def test_kangxi_radicals_and_subscript_digits_read_as_what_they_look_like():
    """Text pasted from a PDF may carry ⼯ (U+2F2F, a Kangxi radical) for 工; CO₂ is written with a subscript."""
    assert normalize_text("规上\u2f2f业企业营业收\u2f0a") == "规上工业企业营业收入"
    assert normalize_text("CO\u2082排放量") == "CO2排放量"


def test_a_figure_alone_in_brackets_is_a_negative_only_where_a_negative_is_what_it_can_be():
    """(3.2) in a growth cell is an accountant's −3.2; (850) in a value cell may be an aside: no figure, a doubt."""
    assert parse_growth(normalize_text("(3.2)")).value == -3.2
    for text in ("(850)", "（120亿元）"):
        parsed = parse_value(normalize_text(text), "亿元")
        assert (parsed.value, parsed.problem, parsed.empty) == (None, "bracketed", False)


def test_none_in_a_counts_cell_is_zero_elsewhere_no_figure():
    """无 where a number of enterprises stands says there are none; where an amount stands, no figure."""
    assert (parse_value("无", "个").value, parse_value("无", "家").value) == (0.0, 0.0)
    none = parse_value("无", "亿元")
    assert none.value is None and none.empty
