"""A footnote mark raised after a scanned figure (8719², 73.9¹): the recogniser reads it as one more digit of
the figure. Its glyph tells it — smaller than the figure's digits and set above their foot — and it is given
as its superscript character, as a text PDF's raised digit is (:data:`reportcheck.layout.RAISED_DIGITS`): the
note's, not the figure's. Where the glyphs do not match the characters read one for one (digits run together
on a blurred page), nothing is changed: the row's own doubts (a digit more than the other year) still see it.
"""

from __future__ import annotations

import re

import numpy as np

from reportcheck.layout import RAISED_BY, RAISED_DIGITS, RAISED_SIZE

_FIGURE = re.compile(r"^[-+]?\d[\d,.]*\d$")
_POINT = 0.45  # a glyph under this share of the digits' height, sitting on their foot, is a point or a comma
_ON_FOOT = 0.25  # share of the digits' height a point's foot may lie off theirs
_MIN_GLYPHS = 3  # a figure and its mark: at least one digit besides the mark, and a mark


def with_raised_mark(text: str, ink: np.ndarray) -> str:
    """``text`` as read from the ``ink`` of its line, its last digit given as a superscript where its glyph
    is a raised footnote mark."""
    if not _FIGURE.match(text):
        return text
    glyphs = _glyphs(ink)
    if len(glyphs) < _MIN_GLYPHS:
        return text
    *figure, (mark_top, mark_bottom) = glyphs
    tallest = max(bottom - top for top, bottom in figure)
    digits = [(top, bottom) for top, bottom in figure if bottom - top >= _POINT * tallest]
    height = float(np.median([bottom - top for top, bottom in digits]))
    foot = float(np.median([bottom for _, bottom in digits]))
    points = [g for g in figure if g[1] - g[0] < _POINT * tallest and abs(g[1] - foot) <= _ON_FOOT * height]
    if len(digits) + len(points) != len(figure) or len(digits) + 1 != sum(c not in ".," for c in text):
        return text  # glyphs and characters not one for one: nothing is sure
    if mark_bottom - mark_top < RAISED_SIZE * height and foot - mark_bottom > RAISED_BY * height:
        return text[:-1] + text[-1].translate(RAISED_DIGITS)
    return text


def _glyphs(ink: np.ndarray) -> list[tuple[int, int]]:
    """The line's glyphs left to right, as runs of columns with ink between blank ones: each one's top and
    bottom row (its last row with ink, plus one)."""
    columns = ink.any(axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], columns.astype(np.int8), [0]))))
    out = []
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        rows = np.flatnonzero(ink[:, start:stop].any(axis=1))
        out.append((int(rows[0]), int(rows[-1]) + 1))
    return out
