"""Property tests (hypothesis) of the normaliser, the word count and the label keys: any text at all,
and text made of what filled forms are made of (digits, full-width digits, units, page references,
Chinese punctuation), never makes them raise; and what each promises holds on all of it."""

from __future__ import annotations

import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportcheck.extract.labels import clean_label, label_keys, strip_parens
from reportcheck.normalize.evidence import split_evidence
from reportcheck.normalize.numbers import parse_growth, parse_value, unit_words
from reportcheck.normalize.text import label_key, normalize_text, to_halfwidth, to_simplified
from reportcheck.rounding import half_unit
from reportcheck.wordcount import char_count, word_count

# Derandomized: the same examples on every run, so a landing never fails on a case no change brought; to
# explore new ones, run with --hypothesis-seed=N (what they find is added below as an @example).
FAST = settings(max_examples=120, deadline=None, derandomize=True)

# The pieces filled forms are written with, some of them in their full-width or traditional form.
PIECES = [*"0123456789", *"０１２３４５６７８９", "。", "，", "、", "％", "%", "（", "）", "(", ")", "[", "]", "【",
          "】", "—", "——", "-", "－", "～", "~", "至", "到", "P", "p", "P.", "第", "页", "页码", ":", "：", "亿元",
          "万人", "个百分点", "万元", "元", "亿", "万", "个", "家", "项", "人", "亩", ".", "．", ",", " ", "\u3000",
          "\t", "\n", "\r\n",
          "\u200b", "\ufeff", "\xa0", "约", "左右", "以上", "同比", "增长", "下降", "见", "详见", "佐证材料",
          "附件", "无", "/", "n/a", "集群", "產值", "營業收入", "1.", "（1）", "①", "一、", "*", "注1", "“", "”",
          "《", "》", "\x1e", "+", "e", "9" * 40]
DOMAIN = st.lists(st.sampled_from(PIECES) | st.text(max_size=2), max_size=25).map("".join)
TEXT = st.text() | DOMAIN
UNITS = st.sampled_from([None, *sorted(unit_words()), "吨", "xyz"])


def _sorted_unique(pages: list[int]) -> bool:
    return pages == sorted(set(pages))


# numbers --------------------------------------------------------------------------------------


@FAST
@given(TEXT, UNITS)
@example("9" * 400, "亿元")  # a float past 1e308 is inf
@example("1" + "0" * 305 + "亿元", "万元")  # finite, but not once converted
@example("0亿", "万")  # converted up: written to the 亿, so precise to 10⁴ 万 (decimals −4)
@example("(0)", None)  # alone in parentheses: an aside or a negative, in doubt
def test_parse_value_never_raises_and_is_consistent(text: str, unit: str | None) -> None:
    for written in (text, normalize_text(text)):
        parsed = parse_value(written, unit)
        assert parsed.problem in (None, "unreadable", "unit_mismatch", "bracketed")  # "(0)": an aside or a negative
        assert _sorted_unique(parsed.pages)
        if parsed.value is not None:
            assert math.isfinite(parsed.value) and parsed.problem is None and not parsed.empty
            assert 0 < half_unit(parsed.decimals) < math.inf  # may be negative: 1万人 is precise to 10⁴人
        if parsed.empty:
            assert parsed.value is None and parsed.problem is None


@FAST
@given(TEXT)
def test_parse_growth_never_raises_and_a_fall_is_not_positive(text: str) -> None:
    assert parse_growth(text).problem in (None, "unreadable", "unit_mismatch")
    falling = parse_growth("下降" + text)
    assert falling.value is None or falling.value <= 0


AMOUNTS = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)


@FAST
@given(AMOUNTS, st.booleans(), st.booleans())
def test_a_formatted_figure_reads_back(x: float, thousands: bool, negative: bool) -> None:
    written = f"{-x if negative else x:{',' if thousands else ''}.2f}"
    parsed = parse_value(written, "亿元")
    closing_zeros = len(written) - len(written.rstrip("0"))  # "0.00" format's zeros say no precision
    assert parsed.value == float(written.replace(",", "")) and parsed.decimals == 2 - closing_zeros
    assert parsed.problem is None and not parsed.empty


@FAST
@given(AMOUNTS)
def test_a_figure_with_its_unit_or_full_width_digits_reads_back(x: float) -> None:
    written = f"{x:.2f}"
    assert parse_value(written + "亿元", "亿元").value == float(written)
    full_width = written.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789."})
    assert parse_value(normalize_text(full_width), "亿元").value == float(written)
    converted = parse_value(written + "万元", "亿元")
    assert math.isclose(converted.value, float(written) * 1e-4, rel_tol=1e-9, abs_tol=1e-12)
    closing_zeros = len(written) - len(written.rstrip("0"))
    assert converted.decimals == 4 + 2 - closing_zeros and converted.converted_from == "万元"
    assert parse_value(f"约{written}左右", "亿元").approximate


@FAST
@given(AMOUNTS)
def test_growth_reads_rises_and_falls(x: float) -> None:
    written = f"{x:.1f}"
    assert parse_growth(f"增长{written}%").value == float(written)
    assert parse_growth(f"同比下降{written}%").value == -float(written)


# evidence -------------------------------------------------------------------------------------


@FAST
@given(TEXT)
def test_split_evidence_never_raises_and_gives_sorted_unique_pages(text: str) -> None:
    for written in (text, normalize_text(text)):
        rest, pages = split_evidence(written)
        assert _sorted_unique(pages) and all(p >= 0 for p in pages)
        assert len(rest) <= len(written) and rest == rest.strip()


def test_a_run_of_thousands_of_digits_is_no_page_reference() -> None:
    assert split_evidence("P" + "9" * 5000)[1] == []
    assert split_evidence("第" + "1" * 5000 + "页")[1] == []


PAGES = st.lists(st.integers(min_value=1, max_value=99999), min_size=1, max_size=6)


@FAST
@given(PAGES, st.sampled_from(["、", ",", "，", ";"]), st.sampled_from(["（{}）", "({})", "[{}]", "【{}】", " {}"]))
def test_listed_pages_come_back_sorted_and_unique(pages: list[int], sep: str, bracket: str) -> None:
    refs = sep.join(f"P{p}" for p in pages)
    rest, got = split_evidence("6" + bracket.format(refs))
    assert got == sorted(set(pages)) and rest == "6"


@FAST
@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=0, max_value=200),
       st.sampled_from(["-", "~", "至", "到", "—"]))
def test_a_page_range_gives_every_page_in_it(first: int, more: int, sep: str) -> None:
    pages = list(range(first, first + more + 1))
    assert split_evidence(f"6（见佐证材料第{first}{sep}{first + more}页）") == ("6", pages)


# text -----------------------------------------------------------------------------------------


@FAST
@given(TEXT)
def test_normalize_text_is_idempotent_and_tidy(text: str) -> None:
    norm = normalize_text(text)
    assert normalize_text(norm) == norm
    lines = norm.split("\n")
    assert all(line and line == line.strip() and "  " not in line for line in lines if norm)
    assert not any(0xFF01 <= ord(ch) <= 0xFF5E or ch == "\u3000" for ch in norm)


@FAST
@given(TEXT)
def test_to_halfwidth_is_idempotent(text: str) -> None:
    assert to_halfwidth(to_halfwidth(text)) == to_halfwidth(text)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(TEXT, max_size=6))
@example(["產值\n\x1e", "\n營業收入"])  # texts that hold the batch's record mark
def test_to_simplified_in_one_batch_is_each_text_on_its_own(texts: list[str]) -> None:
    batch = to_simplified(texts)
    assert batch == [to_simplified([t])[0] for t in texts]
    assert all(b == t for b, t in zip(batch, texts, strict=True) if all(ord(c) <= 0x2E7F for c in t))


# label keys -----------------------------------------------------------------------------------


@FAST
@given(TEXT)
def test_label_key_is_idempotent_without_spaces_or_quotes(text: str) -> None:
    key = label_key(text)
    assert label_key(key) == key
    assert not any(ch.isspace() or ch in "\"'“”‘’「」『』《》:：" for ch in key)


@FAST
@given(TEXT)
def test_strip_parens_is_idempotent_and_never_longer(text: str) -> None:
    key = label_key(text)
    bare = strip_parens(key)
    assert strip_parens(bare) == bare and len(bare) <= len(key)


@FAST
@given(TEXT)
def test_label_keys_are_distinct_non_empty_keys_most_specific_first(text: str) -> None:
    keys = label_keys(text)
    assert all(keys) and len(set(keys)) == len(keys)
    assert not any(ch.isspace() for k in keys for ch in k)
    if clean_label(text):
        assert keys[0] == clean_label(text)
    assert len(keys[-1]) <= len(keys[0]) if keys else True


# word count -----------------------------------------------------------------------------------


@FAST
@given(TEXT)
def test_counts_are_bounded(text: str) -> None:
    words, chars = word_count(text), char_count(text)
    assert 0 <= words <= chars <= len(text)
    assert (words == 0) == (chars == 0)


@FAST
@given(TEXT, TEXT, st.sampled_from([" ", "\n", "\t", "\u3000", " \n "]))
def test_word_count_adds_up_across_a_space(a: str, b: str, sep: str) -> None:
    assert word_count(a + sep + b) == word_count(a) + word_count(b)
    assert char_count(a + sep + b) == char_count(a) + char_count(b)


@FAST
@given(TEXT, TEXT, st.sampled_from(["，", "。", "、", "集", "“"]))
def test_an_east_asian_separator_is_one_more_word(a: str, b: str, sep: str) -> None:
    assert word_count(a + sep + b) == word_count(a) + word_count(b) + 1
