"""How wide a text shows, in a terminal column or a spreadsheet's width units: an East-Asian wide or
full-width character (Chinese) counts two."""

from __future__ import annotations

import unicodedata

from reportcheck.wordcount import CharTable

# Each wide or full-width character as two, any other as itself: its width in characters.
_DOUBLED = CharTable(lambda ch: ch * 2 if unicodedata.east_asian_width(ch) in "WF" else ch)


def display_width(value: object) -> int:
    """The width of ``value`` as text (``None`` is empty)."""
    text = "" if value is None else str(value)
    if text.isascii():
        return len(text)
    return len(text.translate(_DOUBLED))
