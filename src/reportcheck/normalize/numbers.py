"""Numbers as written in filled forms: 120.5, 1,234.5, 1 234.5, 120.5亿元, 1.25万人, 12.3%, 约120, (3.2),
增长13.2%, 提高0.7个百分点, —, /, 无, 6（P23）, 0.8（海关数据）, 3。2.

One reader for every figure of the form; its words — the units with their scales, the conversions,
the empty marks, the rise and fall words and the hedges — are data (``schemas/lexicon/numbers.json``).
A figure in parentheses alone is negative, as accountants write it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from reportcheck.layout import UNREAD
from reportcheck.normalize.evidence import split_evidence

_NUMBER = re.compile(r"^([+-]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(.*)$")
# A decimal comma, as a European spreadsheet or a slip writes it: 0,62 and 77,9 — a thousands comma groups three
# digits, after a first group that is no 0 (30,012 stays thirty thousand).
_DECIMAL_COMMA = re.compile(r"^([+-]?)(\d+),(\d+)(?![\d,.])")
_PARENTHESISED = re.compile(r"^\(\s*([+-]?[\d.,]+\s*[^()]*)\)$")
# A footnote mark after a figure (51.7*, 51.7①, 51.7注1, 51.7¹) is the note's, not the figure's.
_FOOTNOTE = re.compile(r"(?<=[\d%元个人家项件亩])\s*(?:[*※†‡]+|[\u2460-\u2473]|[¹²³\u2070-\u2079]+|注\s*\d{1,2})$")
# The applicant's remark in brackets after a figure (0.8（海关数据）, 596.4（同比增长14.7%）): words, not a unit.
_REMARK = re.compile(r"^([+-]?\s*\d[^()]*?)\s*\((.*)\)$", re.DOTALL)  # its brackets balanced: _balanced
_REMARK_WORDS = re.compile(r"[\d\u4e00-\u9fff]")  # a remark says something: (USD) or (‰) is an unknown unit
_LONE_FIGURE = re.compile(r"\s*[+-]?[\d.,]+\s*%?\s*")  # (118) after a figure: another figure, no remark
_LETTER_O = re.compile(r"(?<=[\d.])[Oo〇]|[Oo〇](?=[\d.])")  # 6O.0, 3O2: a letter O typed for a zero
_CHINESE_COUNT = re.compile(r"^([零〇一二两三四五六七八九十]{1,3})([个家项件户座处台名])?$")  # 两个, 十二家
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_DECIMAL_STOP = re.compile(r"(?<=\d)。(?=\d)")  # 3。2: a Chinese full stop typed for the decimal point
# A minus typed as another dash (−5.8, –9.4, ‐8.1: a formula editor, an autocorrect, a PDF's hyphen).
_DASHES = "\u2010\u2011\u2012\u2013\u2212\ufe63"
_MINUS = re.compile(f"^[{_DASHES}](?=\\s*\\d)")
_COUNT = "个"
POINTS = "pp"  # the canonical unit of a change in percentage points
_TIMES = "倍"  # a rise of so many times the base: 增长1.5倍 is +150 %
_BARE_SCALES = {"万": 10_000.0, "亿": 100_000_000.0}  # 万 and 亿 alone: money, or a count's scale
_MONEY = frozenset({"亿元", "万元", "元", "%", POINTS})


@dataclass(frozen=True, slots=True)
class _Words:
    units: dict[str, tuple[str, float]]
    conversions: dict[tuple[str, str], float]
    empty: frozenset[str]
    none_in_counts: frozenset[str]  # in a count's cell: there are none, 0 (elsewhere: no figure)
    not_given: re.Pattern[str]  # a note without a figure ending so: not filled in (无权威统计口径，暂不填报)
    same_as_before: frozenset[str]  # the figure is the one before it in the row: 同左
    rise: re.Pattern[str]
    fall: re.Pattern[str]
    flat: frozenset[str]
    approx_before: re.Pattern[str]
    approx_after: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    from reportcheck.spec import load_json_resource

    data = load_json_resource("lexicon", "numbers.json")

    def starting(words: list[str]) -> re.Pattern[str]:
        return re.compile("^(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\s*")

    return _Words(
        units={k: (v[0], float(v[1])) for k, v in data["units"].items()},
        conversions={(a, b): float(f) for a, b, f in data["conversions"]},
        empty=frozenset(data["empty"]), none_in_counts=frozenset(data["none_in_counts"]),
        not_given=re.compile("(?:" + "|".join(map(re.escape, data["not_given_after"])) + r")\W*$"),
        same_as_before=frozenset(data["same_as_before"]),
        rise=starting(data["rise"]), fall=starting(data["fall"]), flat=frozenset(data["flat"]),
        approx_before=starting(data["approx_before"]),
        approx_after=re.compile(r"\s*(?:" + "|".join(map(re.escape, data["approx_after"])) + ")$"))


def _precision(frac: str) -> int:
    """Digits after the point a figure was rounded to. Zeros that close two or more decimals are a
    spreadsheet's format (10.20, 161.70, 176.00 under "0.00"), not precision: 10.20 says no more than 10.2,
    176.00 no more than 176. One decimal stays one (10.0 is 10.0, not 10)."""
    return len(frac) if len(frac) < 2 else len(frac.rstrip("0"))


def unit_of(text: str) -> str | None:
    """The canonical unit a unit word stands for (家 → 个, 亿 → 亿元, 万人 → 人), or None."""
    found = _words().units.get(text.strip())
    return found[0] if found else None


def unit_words() -> frozenset[str]:
    """Every word a figure's unit is written with."""
    return frozenset(_words().units)


def scaled_unit(text: str) -> tuple[str, float] | None:
    """A unit word's canonical unit and how many of it one stands for: 万人 → (人, 10000)."""
    return _words().units.get(text.strip())


@dataclass(slots=True)
class ParsedValue:
    """A cell's figure. ``decimals`` is how many digits stood after the point (for rounding)."""

    raw: str
    value: float | None = None
    decimals: int = 0
    unit: str | None = None
    approximate: bool = False
    empty: bool = True
    pages: list[int] = field(default_factory=list)
    problem: str | None = None  # "unreadable" | "unit_mismatch"
    converted_from: str | None = None


def is_empty_mark(text: str) -> bool:
    """A cell's text saying there is nothing to give: —, /, 无, 不适用 (in a name's column as in a figure's)."""
    text = text.strip()
    words = _words()
    return text in words.empty or (words.not_given.search(text) is not None and not any(c.isdigit() for c in text))


def _decimal_point(text: str) -> str:
    """``text`` with a decimal comma written as a point (0,62 → 0.62, 77,9 → 77.9); a thousands comma stays."""
    m = _DECIMAL_COMMA.match(text)
    if m is None or (m.group(2) != "0" and len(m.group(3)) == 3):
        return text
    return f"{m.group(1)}{m.group(2)}.{m.group(3)}{text[m.end():]}"


def parse_value(norm: str, row_unit: str | None = None, accounting: bool = False) -> ParsedValue:
    """Parse a normalised (half-width, simplified) cell text into a figure in ``row_unit``.

    A figure alone in parentheses is an accountant's negative where a negative is what it can be
    (``accounting``: a growth); elsewhere it may as well be an aside (其中 figures are bracketed), so it is
    read as no figure, ``problem`` "bracketed", for the reader to doubt."""
    words = _words()
    stripped = norm.replace(UNREAD, "").strip()  # a scan's unread glyph: the cell is in doubt, its figure stands
    text, pages = split_evidence(_MINUS.sub("-", stripped) if stripped[:1] in _DASHES else stripped)
    out = ParsedValue(raw=norm, pages=pages)
    text = _FOOTNOTE.sub("", (_DECIMAL_STOP.sub(".", text) if "。" in text else text).strip(" [],;:"))
    remark = _REMARK.match(text)
    if remark and _balanced(remark.group(2)) and _REMARK_WORDS.search(remark.group(2)) \
            and not _LONE_FIGURE.fullmatch(remark.group(2)):
        # a unit in the brackets is its unit: 120（亿元）; a calculation is a remark: 21.33（(1.82-1.50)÷1.50×100）
        unit = remark.group(2).strip()
        text = remark.group(1) + (unit if unit in words.units else "")
    negative = False
    bracketed = _PARENTHESISED.match(text.replace(" ", ""))
    if bracketed and not accounting:
        out.empty, out.problem = False, "bracketed"
        return out
    if bracketed:  # (3.2): an accountant's −3.2
        text, negative = bracketed.group(1), True
    text = text.strip(" ()")
    if text in words.none_in_counts and row_unit and (unit_of(row_unit) or row_unit) == _COUNT:  # 无 家: none
        out.value, out.empty = 0.0, False
        return out
    if is_empty_mark(text):
        return out
    out.empty = False
    if text in words.same_as_before:
        out.problem = "same_as_before"
        return out
    text = _chinese_count(text) or text
    if _LETTER_O.search(text) and any(ch.isdigit() for ch in text):
        text = _LETTER_O.sub("0", text)
    body = words.approx_before.sub("", text)
    body = words.approx_after.sub("", body)
    out.approximate = body != text
    m = _NUMBER.match(_decimal_point(body.replace(" ", "")))
    if not m:
        out.problem = "unreadable"
        return out
    sign, whole, frac, unit_text = m.groups()
    value = float(whole.replace(",", "") + ("." + frac if frac else ""))
    if not math.isfinite(value):  # over 300 digits: no figure, and inf would poison every sum
        out.problem = "unreadable"
        return out
    out.value = -value if (sign == "-") != negative else value
    out.decimals = _precision(frac or "")
    unit_text = unit_text.strip()
    if not unit_text:
        return out
    target = unit_of(row_unit) or row_unit if row_unit else None
    known = words.units.get(unit_text)
    if unit_text in _BARE_SCALES and target and target not in _MONEY:  # 1.14万 in a 人 row: 11400 people
        known = (target, _BARE_SCALES[unit_text])
    if known is None:
        out.problem = "unreadable"
        out.value = None
        return out
    unit, scale = known
    if scale != 1:  # 1.25万人 is 12500人: the scale moves the decimals too
        out.value = times(out.value, scale)
        out.decimals -= round(math.log10(scale))
        out.converted_from = unit_text
    out.unit = unit
    if target and unit != target:
        factor = words.conversions.get((unit, target))
        if factor is None:
            out.problem = "unit_mismatch"
            out.value = None
            return out
        out.converted_from = unit_text
        out.value = times(out.value, factor)
        out.decimals -= round(math.log10(factor))
        out.unit = target
    if out.value is not None and not math.isfinite(out.value):  # 1e305 亿元 in 万元 overflows
        out.problem = "unreadable"
        out.value = None
    return out


def _balanced(text: str) -> bool:
    """Every bracket in ``text`` closed in order: it is the inside of one bracketed remark."""
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def _chinese_count(text: str) -> str | None:
    """A small count written in Chinese numerals with its measure word, in digits: 两个 2个, 十二家 12家, 二十三项
    23项. Without a measure word it is none (二十 in a row of 亿元 is no count; 一 alone is as often a dash)."""
    m = _CHINESE_COUNT.match(text)
    if m is None or not m.group(2):
        return None
    digits, measure = m.group(1), m.group(2)
    if "十" not in digits:
        return f"{_CHINESE_DIGITS[digits]}{measure}" if len(digits) == 1 else None
    tens, _, ones = digits.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones or "两" in digits:
        return None  # 两 counts alone (两个), never with 十 (两十, 二十两)
    return f"{_CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(ones, 0)}{measure}"


def times(value: float, factor: float) -> float:
    """``value × factor`` in decimal, as written: 1.14万 is 11400, not 11399.999999999998."""
    try:
        return float(Decimal(repr(value)) * Decimal(repr(factor)))
    except (InvalidOperation, OverflowError):
        return math.inf


def convertible(unit: str, row_unit: str) -> bool:
    """Whether a figure written in ``unit`` can be given in ``row_unit``."""
    a, b = unit_of(unit) or unit, unit_of(row_unit) or row_unit
    return a == b or (a, b) in _words().conversions


def parse_growth(norm: str) -> ParsedValue:
    """A growth in % or in percentage points (unit ``pp``): 12.5, +12.5, 12.5%, 增长12.5%, 下降3.2% (→ −3.2),
    (3.2) (→ −3.2), 提高0.7个百分点, -0.4个百分点, 持平 (→ 0), 增长1.5倍 (→ 150, stated to the ten)."""
    words = _words()
    text = norm.strip()
    if text.strip("。") in words.flat:  # 持平: no change
        return ParsedValue(raw=norm, value=0.0, unit="%", empty=False)
    falling = words.fall.match(text)
    rising = None if falling else words.rise.match(text)
    rest = text[(falling or rising).end():] if (falling or rising) else text
    parsed = parse_value(rest, accounting=True)
    if parsed.value is not None:
        if parsed.unit == _TIMES and rising:  # 增长1.5倍: a rise of 150 %, to within 5 %
            parsed.unit, parsed.converted_from = "%", None
        if parsed.unit not in (None, "%", POINTS):
            parsed.problem, parsed.value = "unreadable", None
            return parsed
        if falling:
            parsed.value = -abs(parsed.value)
        parsed.unit = parsed.unit or "%"
    return parsed
