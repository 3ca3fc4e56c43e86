"""A photographed page made to look scanned: the sheet found on the desk and its perspective undone, and
light and shadow evened out, before the page is cleaned and read (:mod:`reportcheck.readers.scan_image`).

The sheet is the largest bright four-sided shape in the picture that leaves desk showing round it; it is
warped to a flat rectangle of its own proportions, as large as a scanner's page. Light is
evened by dividing each colour by the paper's own brightness around it (the page with its print taken
out by a wide closing), so a shadow, a gradient or a grey copy's background all become white paper and
the print keeps its contrast; red seal ink stays red.
"""

from __future__ import annotations

import cv2
import numpy as np

_WORK = 800  # pixels: the longer side the picture is looked at for the sheet
_MIN_SHARE, _MAX_SHARE = 0.3, 0.97  # of the picture the sheet covers: less is no sheet, more is a scan
_DESK = 0.02  # share of the picture's side that must lie outside the sheet somewhere for it to be a photo
_PAPER = 31  # pixels (at the picture's scale /4): wider than any stroke of print, so closing leaves paper
_UNEVEN = 40  # grey levels between the page's brighter and darker paper (5th to 95th percentile): uneven light


def find_sheet(bgr: np.ndarray) -> np.ndarray | None:
    """The sheet's four corners (top-left, top-right, bottom-right, bottom-left, in pixels) when the picture
    is a photo of a page on something darker, else None (a scan is the page itself)."""
    h, w = bgr.shape[:2]
    factor = _WORK / max(h, w)
    small = cv2.resize(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), None, fx=factor, fy=factor,
                       interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))  # print inside the sheet
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(outline) / (small.shape[0] * small.shape[1])
    if not _MIN_SHARE <= area <= _MAX_SHARE:
        return None
    corners = cv2.approxPolyDP(cv2.convexHull(outline), 0.02 * cv2.arcLength(outline, True), True)
    if len(corners) != 4:
        return None
    points = _ordered(corners.reshape(4, 2).astype(np.float32) / factor)
    margin = _DESK * max(h, w)
    x, y = points[:, 0], points[:, 1]
    inside = (x > margin) & (x < w - margin) & (y > margin) & (y < h - margin)
    return points if inside.sum() >= 2 else None  # desk showing beyond at least two corners


def _ordered(points: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    total, diff = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(total)], points[np.argmin(diff)], points[np.argmax(total)],
                     points[np.argmax(diff)]], dtype=np.float32)


def flattened(bgr: np.ndarray, corners: np.ndarray, long_side: int) -> np.ndarray:
    """The sheet warped flat, its longer side ``long_side`` pixels, the other in its own proportion."""
    top, right = np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[2] - corners[1])
    bottom, left = np.linalg.norm(corners[2] - corners[3]), np.linalg.norm(corners[3] - corners[0])
    across, down = (top + bottom) / 2, (left + right) / 2
    scale = long_side / max(1.0, across, down)
    width, height = max(1, round(across * scale)), max(1, round(down * scale))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(bgr, matrix, (width, height), flags=cv2.INTER_AREA, borderValue=(255, 255, 255))


def even_light(bgr: np.ndarray) -> np.ndarray:
    """Each colour divided by the paper's brightness around it where that varies across the page (a
    shadow, a lamp's gradient): print kept, paper white. Paper lit evenly, even grey (a dark copy, which
    the grey stretch handles), is left as it is: dividing would only add the paper's mottle to the print."""
    h, w = bgr.shape[:2]
    small = cv2.resize(bgr, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_PAPER, _PAPER)))
    paper = cv2.GaussianBlur(paper, (0, 0), _PAPER / 3)
    light = paper.max(axis=2)
    low, high = np.percentile(light, (5, 95))
    if high - low < _UNEVEN:
        return bgr
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    out = bgr.astype(np.float32) * (255.0 / np.maximum(paper, 1.0))
    return np.clip(out, 0, 255).astype(np.uint8)
