"""Cells a scan lost with a corner of their table: both lines that meet there gone (a thin rule a
black-and-white scan dropped), so no crossing closes the cell and its text would lie in the table's
box yet in no cell of it.

A table's rows run from its left border to its right one. Where a row band's cells stop short of the
border the other rows reach, and the stretch between holds ink (its label: “集群名称”), that stretch is
the lost cell. An empty stretch stays out: nothing there to read, and a table may be narrower in a row.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from reportcheck.readers.pdf_page import PageTable, holds_another

_LEAST_WIDTH = 12.0  # points: a stretch narrower than this is a border's own width, not a cell
_INK = 40  # pixels of ink that make a stretch hold text (a "1" at 200 dpi has about 80)
_INSET = 3  # pixels kept off the stretch's edges, where the table's lines run


def cells_at_lost_corners(table: PageTable, ink: np.ndarray, scale: float) -> list[tuple[float, float, float, float]]:
    """The cells (points) of ``table`` lost at its left or right end, one a row band, found on the page's
    ``ink`` (``scale`` pixels a point)."""
    cells = [c for c in table.cells if not holds_another(c, table.cells)]
    left, right = table.bbox[0], table.bbox[2]
    ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
    out = []
    for top, bottom in pairwise(ys):
        band = [c for c in cells if c[1] < bottom - 0.5 and c[3] > top + 0.5]
        if not band:
            continue
        for x0, x1 in ((left, min(c[0] for c in band)), (max(c[2] for c in band), right)):
            if x1 - x0 >= _LEAST_WIDTH and _holds_ink(ink, (x0, top, x1, bottom), scale):
                out.append((x0, top, x1, bottom))
    return out


def _holds_ink(ink: np.ndarray, box: tuple[float, float, float, float], scale: float) -> bool:
    x0, top, x1, bottom = (round(v * scale) for v in box)
    return int(ink[top + _INSET:bottom - _INSET, x0 + _INSET:x1 - _INSET].sum()) >= _INK
