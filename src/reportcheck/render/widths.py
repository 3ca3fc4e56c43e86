"""How wide a text shows, in a terminal column or a spreadsheet's width units: an East-Asian wide or
full-width character (Chinese) counts two."""

from __future__ import annotations

import unicodedata


class _Doubled(dict):
    """A ``str.translate`` table giving each wide or full-width character as two characters and any other as
    itself, filled as characters are met: the translation runs in C, so a workbook's thousands of cells are
    measured without a Python step per character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        self[code] = shown = ch * 2 if unicodedata.east_asian_width(ch) in "WF" else ch
        return shown


_DOUBLED = _Doubled()


def display_width(value: object) -> int:
    """The width of ``value`` as text (``None`` is empty)."""
    text = "" if value is None else str(value)
    if text.isascii():
        return len(text)
    return len(text.translate(_DOUBLED))
