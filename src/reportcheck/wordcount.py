"""Count text the way Word's 字数 does, and 字符数(不计空格) beside it.

字数 = East-Asian characters (CJK ideographs, full-width forms, CJK punctuation and the
quotes/dashes Chinese text uses; not the ideographic space U+3000 that indents paragraphs) + runs
of other non-space characters, each run counting 1 ("2024" is one word). 字符数(不计空格) counts
every non-space character.
"""

from __future__ import annotations

from collections.abc import Callable

_EAST_ASIAN_RANGES = (
    (0x1100, 0x11FF), (0x2E80, 0x2FFF), (0x3001, 0x303F), (0x3040, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)
# Punctuation that Chinese text sets in an East-Asian font, so Word counts each one.
_EAST_ASIAN_PUNCT = frozenset("“”‘’—…·")


class CharTable(dict):
    """A ``str.translate`` table giving each character as ``shown(ch)`` (None drops it), filled as characters are
    met: the translation runs in C, without a Python step per character, and nothing is built at import (a
    character class over the East-Asian ranges costs a regular expression milliseconds to compile)."""

    def __init__(self, shown: Callable[[str], str | None]) -> None:
        super().__init__()
        self._shown = shown

    def __missing__(self, code: int) -> str | None:
        self[code] = shown = self._shown(chr(code))
        return shown


def _east_asian(ch: str) -> bool:
    code = ord(ch)
    return ch in _EAST_ASIAN_PUNCT or any(lo <= code <= hi for lo, hi in _EAST_ASIAN_RANGES)


_DROPPED = CharTable(lambda ch: None if _east_asian(ch) else ch)  # East-Asian characters taken out
_SPACED = CharTable(lambda ch: " " if _east_asian(ch) else ch)  # made spaces: the other runs lie between them


def word_count(text: str) -> int:
    """Word's 字数."""
    return len(text) - len(text.translate(_DROPPED)) + len(text.translate(_SPACED).split())


def char_count(text: str) -> int:
    """Word's 字符数(不计空格)."""
    return sum(1 for ch in text if not ch.isspace())
