"""A small word splitter for the figures in free text, in place of a full Chinese dictionary.

Claims (extract/claims.py) only need a few kinds of words to be whole: the template's indicator
words, the words around a figure (hedges such as 约/超过, change words such as 增长/下降, units, 年)
and the figures themselves. Everything else may fall apart into single characters, except the
common words that contain one of those words without being one (节约, 许多, 近年来, 增加值, 人才,
年初 …): they are listed in ``schemas/lexicon/prose_words.json`` so that their 约/多/近/增加 is not
taken for a hedge or a change. Splitting is greedy longest match, indicator words first, so the
result is deterministic and needs no model, download or cache.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from reportcheck.spec import load_json_resource

# a figure, a year or a code such as 5G is one token: 1326.8, 12.4%, 2022
_ATOM = re.compile(r"[A-Za-z0-9]+(?:\.\d+)?%?")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The shipped list of common words that only look like a hedge, a change, a unit or 年."""
    return frozenset(load_json_resource("lexicon", "prose_words.json")["words"])


class Lexicon:
    """Greedy longest-match splitter: ``keywords`` are matched first, then ``words``; whitespace
    separates and is dropped; a run of ASCII letters and digits (with a decimal part and a %) is
    one token; any other character is a token of its own."""

    def __init__(self, keywords: Iterable[str], words: Iterable[str]) -> None:
        self._keywords = frozenset(keywords)
        self._words = frozenset(words) - self._keywords
        self._keyword_lengths = sorted({len(w) for w in self._keywords}, reverse=True)
        self._word_lengths = sorted({len(w) for w in self._words}, reverse=True)

    def split(self, text: str) -> list[str]:
        tokens: list[str] = []
        for chunk in text.split():
            gap = 0  # start of the text not yet split, between atoms and indicator words
            i = 0
            while i < len(chunk):
                atom = _ATOM.match(chunk, i)
                size = atom.end() - i if atom else _longest(chunk, i, self._keywords, self._keyword_lengths)
                if not size:
                    i += 1
                    continue
                tokens.extend(self._split_gap(chunk[gap:i]))
                tokens.append(chunk[i:i + size])
                i = gap = i + size
            tokens.extend(self._split_gap(chunk[gap:]))
        return tokens

    def _split_gap(self, text: str) -> list[str]:
        tokens: list[str] = []
        i = 0
        while i < len(text):
            size = _longest(text, i, self._words, self._word_lengths) or 1
            tokens.append(text[i:i + size])
            i += size
        return tokens


def _longest(text: str, start: int, words: frozenset[str], lengths: list[int]) -> int:
    """Length of the longest of ``words`` at ``text[start:]`` (0: none)."""
    rest = len(text) - start
    for size in lengths:
        if size <= rest and text[start:start + size] in words:
            return size
    return 0
