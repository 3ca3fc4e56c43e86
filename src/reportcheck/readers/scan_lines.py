"""A fax's lost scan lines, put back.

A fax machine that misses a scan line prints it white right across the page: every line down, every
stroke, is broken there by one to three rows. The stub of a column line between such a row and the table's
top border is then too short to be a line, and the cells of the table's first row are lost with it. A lost
scan line is known by that: rows with next to no ink, across which two or more lines down break off and go
on, long on one side (a printed page's white rows between lines of text break no line down). It is put back
from its neighbours: ink where the row above and the row below it are both ink.

Looked for before the page is straightened, where the fax's rows are exactly level; only on a picture of
one bit a pixel (a fax), as two tables stacked a pixel or two apart on a grey scan break their lines down
the same way.
"""

from __future__ import annotations

import numpy as np

_WIDEST = 3  # rows a lost scan line takes at most (two at 200 dpi, three after a stretch)
_EMPTY = 0.002  # share of a row's pixels with ink (specks) that still leaves it white
_RUN = 20  # pixels a line down runs on one side of the break (a character's stroke is shorter)
_STUB = 3  # and on the other (a column line's stub under a table's top border)
_LINES = 2  # lines down broken at the same rows: a scan line lost, not one stroke's gap


def restored(grey: np.ndarray, ink_level: int) -> np.ndarray:
    """``grey`` with each lost scan line put back (a copy; ``grey`` itself is left as it is)."""
    dark = grey < ink_level
    h, w = dark.shape
    empty = dark.sum(axis=1) <= max(2, int(_EMPTY * w))
    above, below = _runs(dark), _runs(dark[::-1])[::-1]
    out = grey
    y = 1
    while y < h - 2:
        gap = _gap_at(empty, y, h)
        after = y + gap
        if gap and _breaks_lines(above[y - 1], np.maximum(below[after], below[after + 1])):
            if out is grey:
                out = grey.copy()
            # ink where ink ends just above and goes on just below (a thin line may lose a row more)
            carried = dark[y - 1] & (dark[after] | dark[after + 1])
            out[y:after, carried] = grey[y - 1, carried]
            out[after, carried & ~dark[after]] = grey[y - 1, carried & ~dark[after]]
            y = after
        y += 1
    return out


def _gap_at(empty: np.ndarray, y: int, h: int) -> int:
    """How many white rows start at ``y`` after a row with ink, when they are few enough to be a lost scan
    line and ink follows them (0 otherwise)."""
    if not empty[y] or empty[y - 1]:
        return 0
    for gap in range(1, _WIDEST + 1):
        if y + gap >= h - 1:
            return 0
        if not empty[y + gap]:
            return gap
    return 0


def _breaks_lines(ending: np.ndarray, starting: np.ndarray) -> bool:
    """Two or more separate lines down run into the gap from above and on from it, at least ``_RUN`` pixels on
    one side of it (a pixel to either side: a fax's line down wavers by one)."""
    ending, starting = _widened(ending), _widened(starting)
    long = (ending >= _STUB) & (starting >= _STUB) & ((ending >= _RUN) | (starting >= _RUN))
    if not long.any():
        return False
    columns = np.flatnonzero(long)
    return int((np.diff(columns) > 1).sum()) + 1 >= _LINES


def _widened(row: np.ndarray) -> np.ndarray:
    out = row.copy()
    out[1:] = np.maximum(out[1:], row[:-1])
    out[:-1] = np.maximum(out[:-1], row[1:])
    return out


def _runs(dark: np.ndarray) -> np.ndarray:
    """For each pixel, how many pixels of ink run down to it from above, itself included (0 if it is paper)."""
    runs = np.zeros(dark.shape, np.int32)
    runs[0] = dark[0]
    for y in range(1, dark.shape[0]):
        runs[y] = (runs[y - 1] + 1) * dark[y]
    return runs
