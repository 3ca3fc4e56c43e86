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
_DESK = 0.02  # share of the picture that must lie outside the sheet for it to be a photo
_DARKER = 0.8  # what lies round a photographed sheet is darker than its paper by this factor (a desk)
_PAPER = 31  # pixels (at the picture's scale /4): wider than any stroke of print, so closing leaves paper
_EDGE = 0.01  # of the sheet's longer side: its margin left off the flattened page, edge and all
_UNEVEN = 40  # grey levels between the page's brighter and darker paper (5th to 95th percentile): uneven light


def find_sheet(bgr: np.ndarray) -> np.ndarray | None:
    """The sheet's four corners (top-left, top-right, bottom-right, bottom-left, in pixels) when the picture
    is a photo of a page on a desk, else None (a scan is the page itself). The sheet's outline is the
    outer edge of everything the edge detector finds: paper meets desk in a sharp edge even where a
    shadow darkens both, which a threshold on brightness would cut off."""
    h, w = bgr.shape[:2]
    factor = _WORK / max(h, w)
    small = cv2.resize(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), None, fx=factor, fy=factor,
                       interpolation=cv2.INTER_AREA)
    edges = cv2.Canny(cv2.GaussianBlur(small, (5, 5), 0), 20, 60)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = cv2.convexHull(max(contours, key=lambda c: cv2.contourArea(cv2.convexHull(c))))
    area = cv2.contourArea(outline) / (small.shape[0] * small.shape[1])
    if not _MIN_SHARE <= area <= _MAX_SHARE:
        return None
    corners = next((c for share in (0.01, 0.02, 0.03, 0.05, 0.08)
                    if len(c := cv2.approxPolyDP(outline, share * cv2.arcLength(outline, True), True)) == 4), None)
    if corners is None:
        return None
    if not _on_a_desk(small, corners.reshape(4, 2)):
        return None
    return _ordered(corners.reshape(4, 2).astype(np.float32) / factor)


def _on_a_desk(small: np.ndarray, corners: np.ndarray) -> bool:
    """What lies round the outline is no paper: darker than the paper within it (a table's outline on a
    scanned page has white paper round it too)."""
    inside = np.zeros(small.shape, np.uint8)
    cv2.fillConvexPoly(inside, corners.astype(np.int32), 1)
    outside = small[inside == 0]
    if outside.size < _DESK * small.size:
        return False
    paper = float(np.percentile(small[inside == 1], 90))
    return float(np.median(outside)) < _DARKER * paper


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
    m = _EDGE * long_side  # the sheet's own edge (a dark line against the desk) is left outside
    target = np.array([[-m, -m], [width - 1 + m, -m], [width - 1 + m, height - 1 + m], [-m, height - 1 + m]],
                      dtype=np.float32)
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
