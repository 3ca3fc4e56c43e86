"""Two pages printed side by side on one landscape sheet, scanned as one image: a printer driver's "2 pages per
sheet" (each page scaled to about 0.7 on A4) or two A4 pages on A3. Read as one page, the two pages' lines run
into each other and their tables stand side by side; so the sheet is found by the white gutter down its middle
and each half is read as a page of its own, at the size it was laid out at.

The sheet is looked at small (:data:`LOOK_DPI`), straightened by its own skew first (a gutter a few degrees
off the vertical is no clear column), and taken as two pages only when it is landscape, its print runs across
it (a portrait page scanned sideways is turned by the reader instead) and a band of clear paper runs down its
whole height in the middle fifth, with print on its left. A landscape page of one wide table has rules across
the middle; a blank right half (an odd last page) is read as an empty page after the left one. A photo (the
sheet on a desk) is left to the reader, which finds the sheet first.
"""

from __future__ import annotations

import cv2
import numpy as np

from reportcheck.readers.scan_image import rotate, runs_of, skew_angle
from reportcheck.readers.scan_orientation import sideways

LOOK_DPI = 100
_LANDSCAPE = 1.15  # width over height past which a sheet may hold two pages side by side
_MIDDLE = (0.4, 0.6)  # share of the width the gutter lies in
_CLEAR = 0.004  # share of a column's height that may be ink (specks, dust) and the column still be paper
_MIN_GUTTER = 0.04  # share of the width: the narrowest gutter (a page's two margins, even scaled down, are ~10 %)
_MIN_PRINT = 0.002  # share of a half's pixels that are ink for it to hold a page
_DARKER = 20  # grey levels a pixel is darker than its neighbourhood to be ink: a thin rule, faint when looked at small
_PAGE_LONG_PT = 842.0  # the longer side of an A4 page in points: what each half is read as
_MAX_LARGER = 1.5  # the most a half is read larger than it stands (two A4 pages on one A4 sheet: 1.41)


def halves(grey: np.ndarray) -> tuple[float, float] | None:
    """Where a sheet (``grey``: the page rendered at :data:`LOOK_DPI`, uint8) splits into two pages: the
    gutter's left and right edges as shares of its width; None for one page. Ink is what is darker than its
    neighbourhood, so a thin rule across a wide table, pale when looked at small, still closes the gutter."""
    h, w = grey.shape
    if w < _LANDSCAPE * h:
        return None
    ink = cv2.adaptiveThreshold(grey, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, _DARKER).astype(bool)
    if sideways(ink):
        return None
    angle = skew_angle(ink)
    if angle:
        ink = rotate(ink.astype(np.uint8), angle, fill=0).astype(bool)
    clear = ink.sum(axis=0) <= _CLEAR * h
    lo, hi = round(_MIDDLE[0] * w), round(_MIDDLE[1] * w)
    runs = runs_of(clear[lo:hi], 1)
    if not runs:
        return None
    start, end = (lo + x for x in max(runs, key=lambda run: run[1] - run[0]))
    if end - start < _MIN_GUTTER * w or ink[:, :start].mean() < _MIN_PRINT:
        return None
    return start / w, end / w


def page_scale(sheet_height_pt: float) -> float:
    """How much larger than it stands on the sheet a half is read: the sheet's height is the page's longer
    side as laid out (A3: 1, two pages on A4: about 1.4; never more than :data:`_MAX_LARGER`)."""
    return min(_MAX_LARGER, max(1.0, _PAGE_LONG_PT / sheet_height_pt))
