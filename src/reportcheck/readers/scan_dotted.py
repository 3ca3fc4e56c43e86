"""Ruling lines printed as a row of fine, evenly spaced dots — Word's dotted (点线) table border, printed and
scanned: at 200 dpi a dot a pixel or two long every three to five pixels, a quarter to a half of the line's
length inked. No opening with a line's kernel keeps them, and a scan where they are lost reads a row's cells
run together (汽车零部件2.1). Told from text by what no character has: a long run of short dots at one even
spacing, with nothing reaching out across the line beside them.
"""

from __future__ import annotations

import cv2
import numpy as np

_DOT_LONG = 4  # pixels: the longest a dot runs along its line (blurred by the scan); a character's stroke runs on
_DOT_GAP = 5  # pixels: the widest paper between two dots of a line
_PERIOD = 6  # pixels: the widest spacing of a dotted border's dots (about a point); a row of digits' arcs, 灬 or a
# leader's dots (……) stand further apart
_EVEN = 1  # pixels: how far the spacing of a line's dots may stray from their usual spacing
_CROSSED = 0.15  # share of a line's rows where ink reaches out on both sides (a character's strokes across)


def dotted_lines(ink: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    """A mask (uint8, as ``ink``) with each dotted ruling line of ``ink`` drawn solid, three pixels wide: runs of
    dots at least ``length`` long, across (``horizontal``) or down."""
    page = ink.T if horizontal else ink
    found = _dotted_down(np.ascontiguousarray(page.astype(np.uint8)), length)
    return np.ascontiguousarray(found.T) if horizontal else found


def _dotted_down(ink: np.ndarray, length: int) -> np.ndarray:
    spread = cv2.dilate(ink, np.ones((1, 3), np.uint8))  # a line wavering a pixel either way
    strokes = cv2.morphologyEx(spread, cv2.MORPH_OPEN, np.ones((_DOT_LONG + 1, 1), np.uint8))
    dots = spread & ~strokes  # what runs no longer than a dot down
    joined = cv2.morphologyEx(dots, cv2.MORPH_CLOSE, np.ones((_DOT_GAP + 2, 1), np.uint8))
    runs = cv2.morphologyEx(joined, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    out = np.zeros_like(ink)
    count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    for x, y, w, h, _area in stats[1:count]:
        column = x + int(np.argmax(dots[y:y + h, x:x + w].sum(axis=0)))
        for a, b in _evenly_dotted(spread[y:y + h, column]):
            if b - a >= length and _crossed(spread[y + a:y + b], column) <= _CROSSED:
                out[y + a:y + b, max(0, column - 1):column + 2] = 1
    return out


def _evenly_dotted(line: np.ndarray) -> list[tuple[int, int]]:
    """The stretches of a line (rows from, to) inked in short dots at one spacing, four dots at least: the dots
    bridged to a character's strokes where a line stops at a merged cell are left out (a rule across, crossing
    it, makes one dot longer or nearer: the stretch goes on over one such)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], line.astype(np.int8), [0]))))
    starts, ends = edges[::2], edges[1::2]
    if len(starts) < 4:
        return []
    usual = float(np.median(np.diff(starts)))
    if usual > _PERIOD:
        return []
    fits = [(ends[k] - starts[k] <= _DOT_LONG) and (k == 0 or abs(starts[k] - starts[k - 1] - usual) <= _EVEN)
            for k in range(len(starts))]
    stretches, first, missed = [], None, 0
    for k, fit in enumerate([*fits, False, False]):
        if fit:
            first, missed = (k if first is None else first), 0
            continue
        missed += 1
        if first is not None and (missed > 1 or k >= len(fits)):
            last = k - missed  # the last dot that fits
            if last - first + 1 >= 4:
                stretches.append((int(starts[first]), int(ends[last])))
            first = None
    return stretches


def _crossed(rows: np.ndarray, x: int) -> float:
    """The share of ``rows`` where ink reaches out on both sides of column ``x`` (three to seven pixels off)."""
    left = rows[:, max(0, x - 7):max(0, x - 3)].any(axis=1)
    right = rows[:, x + 4:x + 8].any(axis=1)
    return float((left & right).mean()) if len(rows) else 0.0
