"""Scanned pages fed through the scanner twice: a sheet the feeder took again (a double feed retried, a stack
put back), so the same page stands twice in the file, often with a blank back between. Read twice, its
list rows would be entries twice (each a duplicate, the list too long); it is read once and said.

A page is the same as the last page before it that had text when the two readings' characters agree almost
wholly, in order, there are many of them, the two begin and end alike, and every figure on them is the same.
Two readings of one sheet differ only where OCR was unsure of a character; a page read again with a figure
otherwise (a corrected page put in beside the first, or a digit OCR read otherwise) keeps both readings, for
what stands between them is for the checks to weigh. Two certificates of one kind in an appendix differ in
their names and dates, and a long self-evaluation that says its sentences over again runs on from page to
page (the next page begins where the last one stopped, mid-way through the round). Only a page with a table
is told a repeat: pages of prose alone may be one another's very words (a self-evaluation padded out by
saying its sentences over, the round a page long), and a text read twice is only longer, while a list read
twice is wrong."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from reportcheck.readers.pdf_page import PageContent

_LEAST = 300  # characters a page holds to be told a repeat (a report's table page: 600 and more)
_SAME = 0.95  # share of two readings' characters that agree for them to be one page
_FIGURES = re.compile(r"\d+")
_ENDS, _ENDS_SAME = 60, 0.8  # characters at a page's start and at its end, and the share of them that agree


def pages_fed_twice(contents: list[PageContent]) -> dict[int, int]:
    """Page number → the number of the earlier page it repeats, among pages read by OCR that hold a table."""
    repeats: dict[int, int] = {}
    last: tuple[int, str] | None = None
    for content in contents:
        if not content.by_ocr:
            last = None
            continue
        text = "".join(word["text"] for word in content.words)
        if len(text) < _LEAST:
            continue  # a blank back, a photo: passed over, the page before still the one to compare
        if content.tables and last is not None and _same(last[1], text):
            repeats[content.number] = last[0]
            continue
        last = (content.number, text)
    return repeats


def _same(one: str, other: str) -> bool:
    if _FIGURES.findall(one) != _FIGURES.findall(other):
        return False
    if not (_alike(one[:_ENDS], other[:_ENDS], _ENDS_SAME) and _alike(one[-_ENDS:], other[-_ENDS:], _ENDS_SAME)):
        return False
    return _alike(one, other, _SAME)


def _alike(one: str, other: str, share: float) -> bool:
    matcher = SequenceMatcher(None, one, other, autojunk=False)
    return matcher.real_quick_ratio() >= share and matcher.quick_ratio() >= share and matcher.ratio() >= share
