"""What follows a scanned figure's digits and is none of them.

A footnote mark raised after the figure (8719², 73.9¹) reads as one more digit of it. Its glyph tells it —
smaller than the figure's digits, its top at theirs, its foot above theirs — and it is given as its
superscript character, as a text PDF's raised digit is (:data:`reportcheck.layout.RAISED_DIGITS`): the note's,
not the figure's. Where the glyphs do not match the characters read one for one (digits run together on a
blurred page), nothing is changed: the row's own doubts (a digit more than the other year) still see it.

A speck of toner after the figure reads as a point ending it (205.): :func:`figure_end` says where the
figure's digits end, for it to be read again without the speck.
"""

from __future__ import annotations

import re

import numpy as np

from reportcheck.layout import RAISED_BY, RAISED_DIGITS, RAISED_SIZE
from reportcheck.readers.scan_image import runs_of

_FIGURE = re.compile(r"^[-+]?\d[\d,.]*\d$")
_POINT_AFTER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?[.。]$")
_POINT = 0.45  # a glyph under this share of the digits' height, sitting on their foot, is a point or a comma
_ON_FOOT = 0.25  # share of the digits' height a point's foot may lie off theirs
_MIN_GLYPHS = 3  # a figure and its mark: at least one digit besides the mark, and a mark
# A mark is a digit, if a small one: at least this share of the digits' height, its top near theirs (a speck
# of toner beside a figure is smaller, and lies anywhere).
_LEAST_SIZE, _TOP_SLACK = 0.4, 0.25


def with_raised_mark(text: str, ink: np.ndarray) -> str:
    """``text`` as read from the ``ink`` of its line, its last digit given as a superscript where its glyph
    is a raised footnote mark."""
    if not _FIGURE.match(text):
        return text
    glyphs = _glyphs(ink)
    if len(glyphs) < _MIN_GLYPHS:
        return text
    figure = [(top, bottom) for _, _, top, bottom in glyphs[:-1]]
    _, _, mark_top, mark_bottom = glyphs[-1]
    tallest = max(bottom - top for top, bottom in figure)
    digits = [(top, bottom) for top, bottom in figure if bottom - top >= _POINT * tallest]
    height = float(np.median([bottom - top for top, bottom in digits]))
    foot = float(np.median([bottom for _, bottom in digits]))
    points = [g for g in figure if g[1] - g[0] < _POINT * tallest and abs(g[1] - foot) <= _ON_FOOT * height]
    if len(digits) + len(points) != len(figure) or len(digits) + 1 != sum(c not in ".," for c in text):
        return text  # glyphs and characters not one for one: nothing is sure
    top = float(np.median([top for top, _ in digits]))
    size = mark_bottom - mark_top
    if _LEAST_SIZE * height <= size < RAISED_SIZE * height and foot - mark_bottom > RAISED_BY * height \
            and mark_top - top <= _TOP_SLACK * height:
        return text[:-1] + text[-1].translate(RAISED_DIGITS)
    return text


def figure_end(text: str, ink: np.ndarray) -> int | None:
    """Where the ink of a figure read with a point at its end (205., 10.3.: print never ends a figure so) ends:
    the column after its last glyph as tall as a digit — what follows is a speck, or a point the recogniser
    saw in no ink at all. None for any other text, or where no glyph is a digit's."""
    if not _POINT_AFTER.match(text):
        return None
    glyphs = _glyphs(ink)
    if not glyphs:
        return None
    tallest = max(bottom - top for _, _, top, bottom in glyphs)
    return max(x1 for _, x1, top, bottom in glyphs if bottom - top >= _POINT * tallest)


def _glyphs(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The line's glyphs left to right, as runs of columns with ink between blank ones: each one's first and
    last column and top and bottom row (each last one plus one)."""
    out = []
    for start, stop in runs_of(ink.any(axis=0), 1):
        rows = np.flatnonzero(ink[:, start:stop].any(axis=1))
        out.append((start, stop, int(rows[0]), int(rows[-1]) + 1))
    return out
