"""Numbers as written in filled forms: 120.5, 1,234.5, 120.5亿元, 12.3%, 约120, —, /, 无, 6（P23）."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from reportcheck.normalize.evidence import split_evidence

EMPTY_MARKS = frozenset({"", "-", "--", "—", "——", "/", "无", "暂无", "空", "n/a", "N/A", "——/", "暂无数据",
                         "无数据", "不适用", "不涉及", "未统计", "暂缺", "无此项", "-/-", "－"})
_RISE = re.compile(r"^(?:同比)?(?:增长|增加|提高|上升|上涨|增)\s*")
_FALL = re.compile(r"^(?:同比)?(?:下降|减少|降低|下滑|减|降)\s*")
_APPROX_PREFIX = re.compile(r"^(?:约|大约|近|超过|超|逾)\s*")
_APPROX_SUFFIX = re.compile(r"\s*(?:左右|以上|余|多)$")
_NUMBER = re.compile(r"^([+-]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(.*)$")

# unit written in a cell -> (canonical unit, factor to the canonical unit)
UNIT_ALIASES: dict[str, str] = {
    "亿元": "亿元", "亿": "亿元", "万元": "万元", "万": "万元", "元": "元",
    "%": "%", "个": "个", "家": "个", "项": "个", "件": "个", "户": "个", "人": "人",
    "亩": "亩", "吨/万元": "吨/万元", "万元/亩": "万元/亩",
}
# how many of the second unit make one of the first, for conversions that are unambiguous
_FACTORS: dict[tuple[str, str], float] = {
    ("万元", "亿元"): 1e-4, ("元", "亿元"): 1e-8, ("亿元", "万元"): 1e4, ("元", "万元"): 1e-4,
}
_DECIMAL_SHIFT = {1e-4: 4, 1e-8: 8, 1e4: -4}


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


def parse_value(norm: str, row_unit: str | None = None) -> ParsedValue:
    """Parse a normalised (half-width, simplified) cell text into a figure in ``row_unit``."""
    text, pages = split_evidence(norm)
    out = ParsedValue(raw=norm, pages=pages)
    text = text.strip(" ()[],;:")
    if text in EMPTY_MARKS:
        return out
    out.empty = False
    body = _APPROX_PREFIX.sub("", text)
    body = _APPROX_SUFFIX.sub("", body)
    out.approximate = body != text
    m = _NUMBER.match(body.replace(" ", ""))
    if not m:
        out.problem = "unreadable"
        return out
    sign, whole, frac, unit_text = m.groups()
    value = float(whole.replace(",", "") + ("." + frac if frac else ""))
    if not math.isfinite(value):  # over 300 digits: no figure, and inf would poison every sum
        out.problem = "unreadable"
        return out
    out.value = -value if sign == "-" else value
    out.decimals = len(frac) if frac else 0
    unit_text = unit_text.strip()
    if not unit_text:
        return out
    unit = UNIT_ALIASES.get(unit_text)
    if unit is None:
        out.problem = "unreadable"
        out.value = None
        return out
    out.unit = unit
    if row_unit and unit != UNIT_ALIASES.get(row_unit, row_unit):
        factor = _FACTORS.get((unit, row_unit))
        if factor is None:
            out.problem = "unit_mismatch"
            out.value = None
            return out
        out.converted_from = unit
        out.value = round(out.value * factor, 12)
        out.decimals = max(0, out.decimals + _DECIMAL_SHIFT[factor])
        out.unit = row_unit
        if not math.isfinite(out.value):  # 1e305 万元 in 亿元 is fine, 1e305 亿元 in 万元 is not
            out.problem = "unreadable"
            out.value = None
    return out


def convertible(unit: str, row_unit: str) -> bool:
    """Whether a figure written in ``unit`` can be given in ``row_unit``."""
    a, b = UNIT_ALIASES.get(unit, unit), UNIT_ALIASES.get(row_unit, row_unit)
    return a == b or (a, b) in _FACTORS


def parse_growth(norm: str) -> ParsedValue:
    """A growth rate in %: 12.5, +12.5, 12.5%, 增长12.5%, 下降3.2% (→ −3.2)."""
    text = norm.strip()
    falling = _FALL.match(text)
    if falling:
        parsed = parse_value(text[falling.end():], "%")
        if parsed.value is not None:
            parsed.value = -abs(parsed.value)
        return parsed
    rising = _RISE.match(text)
    return parse_value(text[rising.end():] if rising else text, "%")
