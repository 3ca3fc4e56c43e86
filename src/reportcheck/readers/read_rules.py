"""A scanned cell that spans grid columns because the scan lost the line down between them, cut where the
recogniser read what was left of that line as a character.

A thin column line a scanner's black-and-white mode broke into pieces is no line to the line finder, so
the cells either side of it become one; its pieces stay on the page, and the recogniser reads them
inside the text it runs through: “级别「批准时间”, “长沙远航动力科技有丨36998”, “2021年　丨2022年”.
Such a mark standing where the table has a column line in the rows around (a line of its grid inside
the cell, as many lines as marks) is that line: the text is cut there and each part kept in its column.
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
_INSIDE = 1.0  # points a grid line must stand inside a word to cut it
_STUB = re.compile(r"^[1lI|丨｜!！]$")  # a piece of the line read alone: a bar, or a 1
_ON_LINE = 2.0  # points from a grid line a stub's middle stands (a figure 1 stands a cell's margin off it)


def columns_of_lost_rules(box: tuple[float, ...], words: list[dict], xs: list[float]
                          ) -> list[tuple[int, int, tuple[float, ...], list[dict]]]:
    """``box`` (a cell over the grid columns between ``xs``, its edges included) and its ``words`` cut at
    the grid lines its words read as marks; each part as (its first and last grid column within the box,
    its box, its words). Uncut: the one part, the box as it is."""
    whole = [(0, len(xs) - 1, box, words)]
    inner = xs[1:-1]
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
            pieces += _cut(word, crossed)
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


def _cut(word: dict, at: list[float]) -> list[dict]:
    """The word's text split at its marks, each part set between the grid lines round it (empty parts
    dropped: a mark at a word's end only shows where the line was)."""
    texts = _RULE_READ.split(word["text"])
    bounds = [word["x0"], *at, word["x1"]]
    return [{**word, "text": text.strip(), "x0": x0, "x1": x1}
            for text, (x0, x1) in zip(texts, pairwise(bounds), strict=True) if text.strip()]
