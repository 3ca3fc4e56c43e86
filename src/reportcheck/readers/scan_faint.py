"""Ruling lines printed light: a table bordered in Word's thin light grey (A6A6A6, BFBFBF at 0.25 pt), which a
mono laser prints as a chain of halftone dots. Scanned, such a rule is 25-40 grey levels darker than the paper,
lighter than print, and half its length is paper between the dots: no pixel of it is ink and no opening keeps it,
and a page of such tables read as text with no table at all.

Looked for in the page's grey rather than its ink: a rule's dots are pixels darker than the pixels two either side
of them, never as dark as print (a character's strokes are), and along a rule they come again and again, where
a row of characters has few. Only ridges of such dots that run on for two line kernels are taken, and only those
that cross or meet two lines the other way (light or dark) and end there: a table's rules make a grid, while a
sheet's edge runs alone and a crease runs on past the table into the margins. Each is carried on, cell by cell,
where text pressed close on it. A scanner's streak (faint down the whole page, through its top and bottom
margins), stripes in a cell's fill, a dark line's halo and the gap between two characters are left out.
"""

from __future__ import annotations

import cv2
import numpy as np

from reportcheck.readers.scan_levels import INK, PAPER

_ALONG = 21  # pixels a rule is looked at over along its way: several of a halftone's dots and the gaps between
_BESIDE = 2  # pixels either side of a rule's pixel where the paper is measured
_RIDGE = 10  # grey levels a light rule's dot is darker than the paper either side of it (found: 25-40)
_DOTS = 0.15  # share of the pixels along :data:`_ALONG` that are a rule's dots (a rule: half; a row of text: few)
_EDGE = 0.03  # share of the page's height (width): a ridge this near an edge is the glass's or the lid's
_STREAK = 0.3  # share of a column's top and bottom margins a streak's ridge runs through
_MEET = 5  # pixels: how near a line the other way a light rule must come to cross or meet it
_CROSSINGS = 2  # lines the other way a table's rule crosses or meets (its own table's borders at least)
_SHORT = 7  # pixels a rule is averaged over along its way where it is carried on: over its dots' gaps
_DARKER = 12  # grey levels a light rule carried on is darker than the paper round it
_OFF_ROW = 12  # pixels either side of a rule where the paper round it is measured
_CARRIED = 0.75  # share of a cell's width a rule carried on over it is darker than the paper (found: 0.84-1)
_PIECE = 0.5  # share of each piece of it (as long as :data:`_ALONG`) darker than the paper
_PRINT_ON = 0.05  # share of it that may be as dark as print (a row of characters: 0.08 and more)
_CLOSE = (3, 7)  # pixels either side of a line down where print beside it stands close (a cell's padding: 15)
_CLEAN_LEVEL, _MOTTLED = 235, 0.15  # paper darker than this, over this share of it: mottled, no clean paper
_APART = 20  # pixels: lines across (down) nearer than this are no two rows (columns) of a table
_STACK = 3  # such lines in a stack: a texture
_HALO = 0.5  # share of a light line's pixels beside a dark line along it, for it to be that line's halo
_BESIDE_PRINT = 0.3  # share of a line down's length with print close beside it (a column's rule: none; a gap
# between two characters: 0.6 and more)


def faint_lines(grey: np.ndarray, wide: int, tall: int, across: np.ndarray, down: np.ndarray,
                streaks: np.ndarray, folds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks (uint8, as ``across``) of light ruling lines across and down that are not among ``across`` and
    ``down`` (the lines found in the page's ink) nor in ``streaks`` (a streak's band) or ``folds`` (the paper's)."""
    if not _clean_paper(grey):
        return np.zeros_like(across), np.zeros_like(down)
    light_across = _ridges(grey, 2 * wide, horizontal=True) & ~folds
    light_down = _ridges(grey, 2 * tall, horizontal=False) & ~streaks.astype(np.uint8)
    light_down &= ~_edge_to_edge(light_down, grey)
    light_across = _in_a_grid(light_across, light_down | down, grey, horizontal=True)
    light_across = _not_texture(_not_halos(light_across, across, True), True)
    light_down = _not_texture(_in_a_grid(light_down, light_across | across, grey, horizontal=False), False)
    return light_across & ~across, _apart_from_text(_not_halos(light_down, down, False), grey) & ~down


def _clean_paper(grey: np.ndarray) -> bool:
    """Whether the page's paper is even white, so a light rule on it stands out: on a copy's mottled grey paper
    (a third to a half of it under :data:`_CLEAN_LEVEL`; a clean scan's: a twentieth) its mottle makes ridges
    no rule is told from."""
    paper = grey[grey >= PAPER]
    return paper.size > 0 and float((paper < _CLEAN_LEVEL).mean()) <= _MOTTLED


def _ridges(grey: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    """Ridges lighter than print, at least ``length`` long, across (``horizontal``) or down: where, along
    :data:`_ALONG` pixels, enough pixels (:data:`_DOTS`) are darker by :data:`_RIDGE` than the pixels
    :data:`_BESIDE` either side of them (a dot of the rule; beside it a character pressed close may stand)."""
    page = np.ascontiguousarray(grey if horizontal else grey.T)
    padded = cv2.copyMakeBorder(page, _BESIDE, _BESIDE, 0, 0, cv2.BORDER_REPLICATE)
    beside = cv2.min(padded[:-2 * _BESIDE], padded[2 * _BESIDE:])  # the darker side
    dots = cv2.compare(cv2.subtract(beside, page), _RIDGE, cv2.CMP_GE) & cv2.compare(page, INK, cv2.CMP_GE)
    dots = cv2.dilate(dots, np.ones((2, 1), np.uint8))  # a rule two pixels thick is a ridge in one of them
    ridge = cv2.compare(cv2.blur(dots, (_ALONG, 1)), round(_DOTS * 255), cv2.CMP_GE) // 255
    h, w = ridge.shape
    rows, columns = max(1, int(h * _EDGE)), max(1, int(w * _EDGE))
    ridge[:rows], ridge[h - rows:], ridge[:, :columns], ridge[:, w - columns:] = 0, 0, 0, 0
    found = cv2.morphologyEx(ridge, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    return np.ascontiguousarray(found if horizontal else found.T)


def _edge_to_edge(down: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """The pixel columns (as a mask over the page) where light lines down run on into both the top and the bottom
    margins, just inside the edges :func:`_ridges` cleared, where there is no print: a streak of the scanner's
    glass, no column's rule. A picture cropped to its table has print there, and its column lines stay."""
    h = down.shape[0]
    edge = max(1, int(h * _EDGE))
    out = np.zeros_like(down)
    if h < 4 * edge:
        return out
    top, bottom = down[edge:2 * edge], down[h - 2 * edge:h - edge]
    columns = (top.mean(axis=0) >= _STREAK) & (bottom.mean(axis=0) >= _STREAK)
    if not columns.any():
        return out
    columns = cv2.dilate(columns.astype(np.uint8)[None], np.ones((1, 7), np.uint8))[0].astype(bool)
    printed = grey < INK
    if printed[edge:2 * edge, ~columns].any() or printed[h - 2 * edge:h - edge, ~columns].any():
        return out  # print in those rows: no margin
    out[:, columns] = 1
    return out


def _not_texture(lines: np.ndarray, horizontal: bool) -> np.ndarray:
    """``lines`` without those that lie in a stack of :data:`_STACK` or more, each nearer the next than any two
    rows of a table (:data:`_APART`) over much of their way: stripes in a cell's fill (a screen's moiré), not
    rules."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    if count <= _STACK:
        return lines
    boxes = [(int(s[1]), int(s[0]), int(s[0] + s[2])) if horizontal else (int(s[0]), int(s[1]), int(s[1] + s[3]))
             for s in stats[1:count]]  # (where across the lines, from, to)
    textured = [k + 1 for k, (pos, a, b) in enumerate(boxes)
                if sum(abs(p - pos) < _APART and min(b, to) - max(a, fr) > 0.5 * min(b - a, to - fr)
                       for p, fr, to in boxes) >= _STACK]  # itself included
    if textured:
        lines[np.isin(labels, textured)] = 0
    return lines


def _in_a_grid(lines: np.ndarray, others: np.ndarray, grey: np.ndarray, horizontal: bool) -> np.ndarray:
    """The lines of ``lines`` that cross or meet :data:`_CROSSINGS` separate lines of ``others`` and end there (a rule
    ends at its table's border; one running on past both its outermost crossings is a crease), each cut back to
    its first and last such line and then carried on, cell by cell, over cells where text pressed close on it
    (:func:`_ruled`)."""
    if not lines.any():
        return lines
    if not horizontal:
        return np.ascontiguousarray(_in_a_grid(lines.T, others.T, grey.T, horizontal=True).T)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    kept = np.zeros_like(lines)
    near = cv2.dilate(others, np.ones((2 * _MEET + 1,) * 2, np.uint8))
    _, other_labels = cv2.connectedComponents(near, connectivity=8)
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        box = (slice(y, y + h), slice(x, x + w))
        mine = labels[box] == k
        met = other_labels[box] * mine
        touched = np.unique(met[met > 0])
        if touched.size < _CROSSINGS:
            continue
        middles = [int(np.flatnonzero((met == t).any(axis=0)).mean()) for t in touched]
        first, last = min(middles), max(middles)
        if min(first, w - 1 - last) > _MEET + _ALONG:
            continue  # runs on past the outermost lines it crosses at both ends: a crease, no table's rule
        mine[:, :first] = mine[:, last + 1:] = False
        kept[box][mine] = 1
        row = y + int(np.median(np.nonzero(mine)[0]))
        crossings = _crossings(others[max(0, row - _MEET):row + _MEET + 1])
        for a, b in _carried(grey, row, x + first, x + last, crossings):
            kept[row:row + 2, a:b] = 1
    return kept


def _not_halos(lines: np.ndarray, dark: np.ndarray, horizontal: bool) -> np.ndarray:
    """The lines of ``lines`` that are no halo of a ``dark`` line along them: a light ridge a few pixels beside a
    dark line (:data:`_CLOSE`) along most of its length is the dark line's ringing in a coarse JPEG; a light rule
    the ink gave pieces of lies on them."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    if count <= 1:
        return lines
    across = (2 * _CLOSE[1] + 1, 1) if horizontal else (1, 2 * _CLOSE[1] + 1)
    on = (3, 1) if horizontal else (1, 3)
    beside = cv2.dilate(dark, np.ones(across, np.uint8)) & ~cv2.dilate(dark, np.ones(on, np.uint8))
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        mine = labels[y:y + h, x:x + w] == k
        if float(beside[y:y + h, x:x + w][mine].mean()) > _HALO:
            lines[labels == k] = 0
    return lines


def _apart_from_text(down: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """The lines of ``down`` with print pressed close beside them (:data:`_CLOSE`) along no more than
    :data:`_BESIDE_PRINT` of their length: a cell keeps its text a padding away from its column lines, while the
    pale gap between two characters of a line (a coarse JPEG's ringing) is a ridge down a row, met by its rules."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(down, connectivity=8)
    printed = grey < INK
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        rows = printed[y:y + h]
        left = rows[:, max(0, x - _CLOSE[1]):max(0, x - _CLOSE[0] + 1)].any(axis=1)
        right = rows[:, x + w - 1 + _CLOSE[0]:x + w + _CLOSE[1]].any(axis=1)
        if float((left | right).mean()) > _BESIDE_PRINT:
            down[labels == k] = 0
    return down


def _crossings(band: np.ndarray) -> list[int]:
    """The middles of the lines the other way through a band along a rule."""
    columns = band.any(axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], columns.astype(np.int8), [0]))))
    return [int(a + b) // 2 for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _carried(grey: np.ndarray, row: int, first: int, last: int, crossings: list[int]) -> list[tuple[int, int]]:
    """The stretches (from, to) a rule at ``row`` found from ``first`` to ``last`` goes on over, outwards a cell at
    a time to the next line the other way while the cell is :func:`_ruled` at that row."""
    stretches = []
    for outwards in (-1, 1):
        end = first if outwards < 0 else last
        beyond = sorted((c for c in crossings if (c - end) * outwards > _MEET), key=lambda c: abs(c - end))
        for c in beyond:
            a, b = sorted((end, c))
            if not _ruled(grey, row, a, b):
                break
            stretches.append((a, b + 1))
            end = c
    return stretches


def _ruled(grey: np.ndarray, row: int, a: int, b: int) -> bool:
    """Whether a light rule runs along ``row`` from ``a`` to ``b``: nearly all of the way (:data:`_CARRIED`), and
    in each piece of it (:data:`_PIECE`), a short average along it is darker than the paper round it by
    :data:`_DARKER`, and hardly any of it (:data:`_PRINT_ON`) is as dark as print — a row of characters across
    there has both light and dark; a line down that goes on through one row and stops at the next has a piece
    of paper in the row it does not cross."""
    a, b = a + _MEET, b - _MEET
    if b - a < _ALONG or row < _OFF_ROW or row + _OFF_ROW >= grey.shape[0]:
        return False
    band = grey[row - 1:row + 3, a:b]
    near = cv2.blur(band.astype(np.float32), (_SHORT, 1)).min(axis=0)
    paper = float(np.percentile(grey[row - _OFF_ROW:row + _OFF_ROW, a:b], 90))
    darker = near <= paper - _DARKER
    pieces = np.array_split(darker, max(1, darker.size // _ALONG))
    printed = float((band.min(axis=0) < INK).mean())
    return (float(darker.mean()) >= _CARRIED and min(float(p.mean()) for p in pieces) >= _PIECE
            and printed <= _PRINT_ON)
