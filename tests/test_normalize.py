from __future__ import annotations

import pytest

from reportcheck.normalize.evidence import split_evidence
from reportcheck.normalize.numbers import parse_value
from reportcheck.normalize.text import normalize_text, to_simplified


@pytest.mark.parametrize(("text", "unit", "value", "decimals"), [
    ("120.5", "亿元", 120.5, 1), ("1,234.5", "亿元", 1234.5, 1), ("１２０．５", "亿元", 120.5, 1),
    ("120.5亿元", "亿元", 120.5, 1), ("12.3%", "%", 12.3, 1), ("约120", "亿元", 120.0, 0),
    ("-3.2", "%", -3.2, 1), ("1205000万元", "亿元", 120.5, 4), ("12家", "个", 12.0, 0),
    ("6（P23）", "个", 6.0, 0), ("120.50", "亿元", 120.5, 2),
])
def test_numbers_as_applicants_write_them(text, unit, value, decimals):
    parsed = parse_value(normalize_text(text), unit)
    assert parsed.value == value
    assert parsed.decimals == decimals
    assert parsed.problem is None


@pytest.mark.parametrize("text", ["", "—", "/", "无", "-", "——"])
def test_empty_marks_are_empty_not_zero(text):
    parsed = parse_value(normalize_text(text), "亿元")
    assert parsed.value is None and parsed.empty and parsed.problem is None


def test_unreadable_and_ambiguous_units_are_reported_not_guessed():
    assert parse_value("九十七点三", "亿元").problem == "unreadable"
    mismatch = parse_value("12个", "亿元")
    assert mismatch.problem == "unit_mismatch" and mismatch.value is None


@pytest.mark.parametrize(("text", "pages"), [
    ("6（P12）", [12]), ("6(见佐证材料第12页)", [12]), ("6[第12-13页]", [12, 13]), ("6 佐证P12", [12]),
    ("5（P3、P7）", [3, 7]), ("3 页码:5", [5]), ("7", []),
])
def test_evidence_references_in_every_form(text, pages):
    assert split_evidence(normalize_text(text))[1] == pages


def test_traditional_text_becomes_simplified_in_one_call():
    assert to_simplified(["集群從業人員數量", "", "2021"]) == ["集群从业人员数量", "", "2021"]


def test_fullwidth_and_spaces_are_normalised():
    assert normalize_text("集群总产值\u3000（亿元）\n\n  ") == "集群总产值 (亿元)"
