"""Folds in the paper: a report folded in thirds to be posted or filed, then scanned flat, shows each fold as a
thin dark line (a light highlight beside it) from the sheet's left edge to its right, through its tables and its
text. Taken for a rule across, a fold parted a table's rows where no rule is (洞庭传感器 | 有限公司), and a list
read with one row too many, each figure under the wrong enterprise.

A fold is told from a rule by where it runs: on through both side margins, outside all the page's print, to the
sheet's edges; a rule ends at its table, and a three-line table's or a running header's inside the margin. Its
path between them is the straight line joining its two pieces there (a fold climbs or falls a degree at most);
along that path the ink is taken out, save what is clearly darker than the fold itself (a black rule it runs
along, a character's stroke it crosses). A fold as dark as print is left as it is: its ink cannot be told from
theirs.
"""

from __future__ import annotations

import cv2
import numpy as np

from reportcheck.readers.scan_levels import INK

_EDGE = 0.03  # share of the page's width at its sides where the lid, not the paper, may show
_MARGIN_RUN = 30  # pixels a fold's line runs through a side margin at the least (a margin is about 200 wide)
_CONTENT = 10  # ink pixels in a column of the page that make it part of the print (a speck of dust has fewer)
_SLOPE = 0.02  # how far a fold climbs or falls, as a share of its way across: about a degree
_BAND = 4  # pixels either side of a fold's path where its ink is taken out (the fold wavers a pixel or two)
_DARKER = 40  # grey levels print under a fold is darker than the fold
_AT_EDGE = 2  # pixels from a margin's paper edge a fold's piece there reaches (it runs on to the sheet's edge)


def folds(binary: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """A mask (uint8, as ``binary``: the page's ink) of each fold across the page: the pixels along its path not
    clearly darker than the fold."""
    h, w = binary.shape
    edge = max(1, int(w * _EDGE))
    lines = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, _MARGIN_RUN), np.uint8))
    content = np.flatnonzero((binary & ~lines).sum(axis=0) >= _CONTENT)
    out = np.zeros_like(binary)
    if content.size == 0:
        return out
    left = _pieces(lines[:, edge:content[0]], grey[:, edge:content[0]], edge, "left")
    right = _pieces(lines[:, content[-1] + 1:w - edge], grey[:, content[-1] + 1:w - edge], content[-1] + 1, "right")
    columns = np.arange(w)
    for (ly, lx, light), (ry, rx, dark) in _paired(left, right):
        level = min(light, dark)
        if level < INK:
            continue  # a fold as dark as print: its ink cannot be told from a rule's or a stroke's
        ys = np.round(ly + (columns - lx) * (ry - ly) / (rx - lx)).astype(int)
        for dy in range(-_BAND, _BAND + 1):
            rows = np.clip(ys + dy, 0, h - 1)
            out[rows, columns] |= (grey[rows, columns] >= level - _DARKER).astype(np.uint8)
    return out


def _pieces(lines: np.ndarray, grey: np.ndarray, offset: int, offset_side: str) -> list[tuple[int, int, float]]:
    """The lines across in a side margin (``lines``, ``offset`` pixels in from the page's left; the paper's edge on
    its ``offset_side``) that run on to the edge: the middle of each (y, x) and its darkness (the median grey of
    its pixels). A rule over the print (a three-line table's, a running header's) ends inside the margin. None
    where print comes near the edge (a page cropped to its print)."""
    if lines.shape[1] < _MARGIN_RUN:
        return []
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(lines, connectivity=8)
    outer = 0 if offset_side == "left" else lines.shape[1]  # the paper's edge side of the margin
    return [(round(centroids[k][1]), round(centroids[k][0]) + int(offset), float(np.median(grey[labels == k])))
            for k in range(1, count) if stats[k, cv2.CC_STAT_WIDTH] >= _MARGIN_RUN
            and min(abs(stats[k, cv2.CC_STAT_LEFT] - outer),
                    abs(stats[k, cv2.CC_STAT_LEFT] + stats[k, cv2.CC_STAT_WIDTH] - outer)) <= _AT_EDGE]


def _paired(left: list[tuple[int, int, float]],
            right: list[tuple[int, int, float]]) -> list[tuple[tuple[int, int, float], tuple[int, int, float]]]:
    """Each line in the left margin with the line in the right margin it runs on into, if any: the nearest in
    height, within :data:`_SLOPE` of the way between them."""
    pairs = []
    for piece in left:
        ly, lx, _ = piece
        near = [(abs(r[0] - ly), r) for r in right if abs(r[0] - ly) <= _SLOPE * (r[1] - lx)]
        if near:
            pairs.append((piece, min(near)[1]))
    return pairs
