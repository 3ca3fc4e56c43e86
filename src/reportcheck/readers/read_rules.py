"""A scanned cell that spans grid columns because the scan lost the line down between them, cut where the
recogniser read what was left of that line as a character.

A thin column line a scanner's black-and-white mode broke into pieces is no line to the line finder, so
the cells either side of it become one; its pieces stay on the page, and the recogniser reads them
inside the text it runs through: “级别「批准时间”, “长沙远航动力科技有丨36998”, “2021年　丨2022年”.
Such a mark standing where the table has a column line in the rows around (the nearest cell above or below
that is not merged over the same columns divides there; as many lines as marks) is that line: the text is
cut there and each part kept in its column. A line of the page's grid that only another table on the page
draws (a list above, a title row between) is no line of this cell's.
Where a word has such marks but the cell lost more lines than it shows marks (“412　455　丨10.4” over three
columns), it is cut at its marks and its gaps together when that gives one part a column; a part cut at a
gap is a guess, and stays in doubt.
A piece of the line read alone (a lone “1”) standing on such a line is that line too, and is dropped.
A cell merged on purpose holds no such mark and stays whole; so does one whose marks and lines do not
pair off, and every word read from a text layer (no ``conf``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

# What the recogniser makes of a line down's remains: a bar, a corner bracket, an exclamation mark, or a dash
# set off by a space (one between characters is often 一 misread: 上—年).
_RULE_READ = re.compile(r"[|丨｜│「」!！]|(?<=\s)—|—(?=\s)")
# A mark or a gap: where a line down with a mark also lost its other lines unmarked, the text's gaps cut it.
_MARK_OR_GAP = re.compile(rf"\s*(?:{_RULE_READ.pattern})\s*|\s+")
_GUESSED = 0.3  # the confidence of a part cut at a gap, not at a mark: a doubt, never a sure reading
_INSIDE = 1.0  # points a grid line must stand inside a word to cut it
_STUB = re.compile(r"^[1lI|丨｜!！]$")  # a piece of the line read alone: a bar, or a 1
_ON_LINE = 2.0  # points from a grid line a stub's middle stands (a figure 1 stands a cell's margin off it)


Span = tuple[int, int, int, int]  # a cell's grid rows and columns: first row, row after, first column, column after


def lines_around(spans: list[Span]) -> list[set[int]]:
    """For each cell (its grid span), the grid column lines inside it that the rows around it draw. Above
    and below, the nearest cell over each side of the line says: looking past cells merged over exactly the
    same columns (their line is lost as well) and cells wider than it (a title row spans every line), a
    cell either side of the line draws it, and one over both sides (narrower: a list's wide name column
    under a header) does not. A line counts when a side draws it and neither side denies it."""
    owner = {(r, c): i for i, (r0, r1, c0, c1) in enumerate(spans) for r in range(r0, r1) for c in range(c0, c1)}

    def drawn(span: Span, line: int, below: bool) -> bool | None:
        r = span[1] if below else span[0] - 1
        while (left := owner.get((r, line - 1))) is not None and (right := owner.get((r, line))) is not None:
            if left != right:
                return True
            c0, c1 = spans[left][2:]
            if (c0, c1) != span[2:] and not (c0 <= span[2] and span[3] <= c1):
                return False
            r = spans[left][1] if below else spans[left][0] - 1
        return None

    def counts(span: Span, line: int) -> bool:
        sides = (drawn(span, line, True), drawn(span, line, False))
        return True in sides and False not in sides

    return [{line for line in range(span[2] + 1, span[3]) if counts(span, line)} for span in spans]


def columns_of_lost_rules(box: tuple[float, ...], words: list[dict], xs: list[float], drawn: set[int]
                          ) -> list[tuple[int, int, tuple[float, ...], list[dict]]]:
    """``box`` (a cell over the grid columns between ``xs``, its edges included) and its ``words`` cut at
    the grid lines its words read as marks, of the lines inside it that the rows around draw (``drawn``,
    their places in ``xs``); each part as (its first and last grid column within the box, its box, its
    words). Uncut: the one part, the box as it is."""
    whole = [(0, len(xs) - 1, box, words)]
    inner = [x for i, x in enumerate(xs) if i in drawn and 0 < i < len(xs) - 1]
    if not inner or not words or any("conf" not in w for w in words):
        return whole
    cuts: set[float] = set()
    pieces: list[dict] = []
    for word in words:
        on = [x for x in inner if abs((word["x0"] + word["x1"]) / 2 - x) <= _ON_LINE]
        if _STUB.match(word["text"]) and on:
            cuts.update(on)  # the line's stub, read alone: it only shows where the line was
            continue
        crossed = [x for x in inner if word["x0"] + _INSIDE < x < word["x1"] - _INSIDE]
        marks = len(_RULE_READ.findall(word["text"]))
        if marks and marks == len(crossed):
            cuts.update(crossed)
            pieces += _cut(word, _RULE_READ.split(word["text"]), crossed)
        elif marks and len(parts := _MARK_OR_GAP.split(word["text"].strip())) == len(crossed) + 1:
            cuts.update(crossed)
            pieces += [{**part, "conf": min(part["conf"], _GUESSED)} for part in _cut(word, parts, crossed)]
        else:
            pieces.append(word)
    if not cuts:
        return whole
    lines = sorted(cuts)
    edges = [xs[0], *lines, xs[-1]]
    held: list[list[dict]] = [[] for _ in range(len(edges) - 1)]
    for word in pieces:  # each in the part its middle lies in
        held[bisect_right(lines, (word["x0"] + word["x1"]) / 2)].append(word)
    return [(xs.index(left), xs.index(right), (left, box[1], right, box[3]), inside)
            for (left, right), inside in zip(pairwise(edges), held, strict=True)]


def _cut(word: dict, texts: list[str], at: list[float]) -> list[dict]:
    """The word's text as ``texts`` (split at its marks, or at its marks and gaps), each part set between the
    grid lines round it (empty parts dropped: a mark at a word's end only shows where the line was)."""
    bounds = [word["x0"], *at, word["x1"]]
    return [{**word, "text": text.strip(), "x0": x0, "x1": x1}
            for text, (x0, x1) in zip(texts, pairwise(bounds), strict=True) if text.strip()]
