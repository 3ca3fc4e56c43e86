"""How wide a text shows, in a terminal column or a spreadsheet's width units: an East-Asian wide or
full-width character (Chinese) counts two."""

from __future__ import annotations

import unicodedata


def display_width(value: object) -> int:
    """The width of ``value`` as text (``None`` is empty)."""
    text = "" if value is None else str(value)
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
