"""A rubber stamp's blue ink taken off a scanned page, as a seal's red is.

A clerk stamps what was checked (已审核, 已核对) in a stamp pad's blue, beside a heading or on a table's title
row. The stamp's frame is no cell's border and its words are no part of the heading; a ballpoint's hand in the
same blue (a figure struck through and written again) must stay. What tells them apart is the frame: a stamp's
ink is held in a closed rectangle, wider than tall and taller than a line of handwriting's stroke is thick;
a hand draws no such box round its figures. Within the frame the print under the stamp stays: there the page's
grey is its blue channel, which blue ink hardly darkens and black print does, and what is surely blue is paper.
"""

from __future__ import annotations

import cv2
import numpy as np

_STAMP_MIN = 24  # pixels: the least height of a stamp's frame (3 mm at 200 dpi; a line of text is about 35)
_STAMP_WIDE = 1.5  # a stamp's frame is at least this many times as wide as it is tall
_SIDE = 0.8  # share of each side of the frame's box that ink covers
_HOLLOW = 0.3  # share of the frame's inside its own ink may fill (the words inside are ink of their own)
_LIGHT = 0.6  # share of the paper's blue a stamp's ink keeps in the blue channel (print under it: far less)
_GROUP = 15  # pixels: blue ink this near is one mark (a frame cut by print crossing it, the words inside it)
_DARK = 0.6  # share of the paper's grey under which a pixel is print
_SIDES_BLUE = 0.6  # share of the frame's sides drawn in blue (the rest may lie under print)
_MARGIN = 3  # pixels round the frame where its ink, too faint to be told blue, still lies


def without_stamps(bgr: np.ndarray, grey: np.ndarray, pen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``grey`` with each blue stamp faded to paper, and ``pen`` without the stamps' ink (a stamped cell is
    not written on by hand). Neither input is changed."""
    if not pen.any():  # most pages: no blue ink at all
        return grey, pen
    groups = cv2.dilate(pen.astype(np.uint8), np.ones((_GROUP, _GROUP), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(groups, connectivity=8)
    dark = grey < _DARK * float(np.percentile(grey[::4, ::4], 90))
    boxes = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if min(w, h) < _STAMP_MIN:
            continue
        region = (slice(y, y + h), slice(x, x + w))
        mine = labels[region] == i
        if _framed(pen[region] & mine, dark[region]):
            boxes.append((x, y, w, h))
    if not boxes:
        return grey, pen
    grey, pen = grey.copy(), pen.copy()
    paper = float(np.percentile(bgr[::4, ::4, 0], 90))
    for x, y, w, h in boxes:
        box = (slice(max(0, y - _MARGIN), y + h + _MARGIN), slice(max(0, x - _MARGIN), x + w + _MARGIN))
        blue = bgr[box][:, :, 0]
        grey[box] = np.maximum(grey[box], blue)
        grey[box][pen[box] & (blue >= _LIGHT * paper)] = 255  # the stamp's own ink, not print under it
        pen[box] = False
    return grey, pen


def _framed(blue: np.ndarray, dark: np.ndarray) -> bool:
    """The ``blue`` ink of a patch of the page is a stamp's: held in a box (pressed straight or at a slant)
    wide and tall enough, whose four sides are drawn along nearly all their length — in blue, or where print
    runs along a side (a rule the stamp was pressed on), in print — and whose inside is open."""
    (cx, cy), (rw, rh), angle = cv2.minAreaRect(cv2.findNonZero(blue.astype(np.uint8)))
    short, long = min(rw, rh), max(rw, rh)
    if short < _STAMP_MIN or long < _STAMP_WIDE * short:
        return False
    band = max(2, round(short / 10))
    kernel = np.ones((2 * band + 1, 2 * band + 1), np.uint8)
    near_blue = cv2.dilate(blue.astype(np.uint8), kernel).astype(bool)
    near_ink = near_blue | cv2.dilate(dark.astype(np.uint8), kernel).astype(bool)
    h, w = blue.shape
    corners = cv2.boxPoints(((cx, cy), (rw, rh), angle))
    in_blue = []
    for p, q in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        along = np.linspace(p, q, 40)
        xs = np.clip(np.round(along[:, 0]).astype(int), 0, w - 1)
        ys = np.clip(np.round(along[:, 1]).astype(int), 0, h - 1)
        if near_ink[ys, xs].mean() < _SIDE:
            return False
        in_blue.append(near_blue[ys, xs].mean())
    if float(np.mean(in_blue)) < _SIDES_BLUE:
        return False
    inside = np.zeros(blue.shape, np.uint8)
    inner = cv2.boxPoints(((cx, cy), (max(1.0, rw - 4 * band), max(1.0, rh - 4 * band)), angle))
    cv2.fillPoly(inside, [np.round(inner).astype(np.int32)], 1)
    return not inside.any() or float(blue[inside.astype(bool)].mean()) <= _HOLLOW
