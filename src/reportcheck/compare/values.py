"""When two values of two versions agree: numbers as numbers, texts after normalising.

The readers already give numbers in the row's unit (12000万元 in an 亿元 row is 1.2) and simplified
text for labels and cells; what is left here is comparing them as a person would: 97.3 and 97.30 are
the same figure, full- and half-width forms and spaces do not count, a phone number is its digits.
"""

from __future__ import annotations

import math
from functools import lru_cache

from reportcheck.normalize.text import squash, to_halfwidth

Value = str | float | int | list[int] | None


@lru_cache(maxsize=1 << 16)
def text_key(text: str | None) -> str:
    """A text as compared: half-width, without whitespace (line breaks in a cell included); kept, as a
    version's texts are keyed again for each version compared with it."""
    return squash(to_halfwidth(text or ""))


def phone_key(text: str | None) -> str:
    """A phone number as compared: its digits (0731-88886666, （0731）88886666 and 0731—88886666 agree)."""
    return "".join(ch for ch in to_halfwidth(text or "") if ch.isdigit())


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def same_value(a: Value, b: Value) -> bool:
    """Two cells of a list or a form: numbers as numbers, anything else as normalised text; an empty
    cell and a missing one agree."""
    if _is_number(a) and _is_number(b):
        return same_number(float(a), float(b))  # type: ignore[arg-type]
    return text_key(show(a)) == text_key(show(b))


def show(value: Value) -> str:
    """A value as a message quotes it: 97.3, 17520 (not 17520.0), pages as 12、13; empty as ""."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else format(value, ".12g")
    return str(value)


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
