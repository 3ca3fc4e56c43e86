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
_CLOSE_PRINT = 9  # pixels (on the small picture): print inside the sheet closed over
_UNEVEN = 40  # grey levels between the page's brighter and darker paper (5th to 95th percentile): uneven light


def find_sheet(bgr: np.ndarray) -> np.ndarray | None:
    """The sheet's four corners (top-left, top-right, bottom-right, bottom-left, in pixels) when the picture
    is a photo of a page on a desk, else None (a scan is the page itself).

    Two outlines are tried. One is the outer edge of everything the edge detector finds: paper meets desk in
    a sharp edge even where a shadow darkens both, which a threshold on brightness would cut off. On a
    grained or patterned desk (wood, a striped mat) the desk's own edges join the sheet's and that outline
    takes in the desk; the other, the largest bright region, finds the sheet there. Of the two, the one
    whose sides run along the detector's edges for more of their length is the sheet's."""
    h, w = bgr.shape[:2]
    factor = _WORK / max(h, w)
    small = cv2.resize(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), None, fx=factor, fy=factor,
                       interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(blurred, 20, 60), np.ones((3, 3), np.uint8))
    candidates = [c for c in (_quad(edges), _quad(_bright(blurred))) if c is not None and _on_a_desk(small, c)]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: _along_edges(edges, c))
    return _ordered(best.astype(np.float32) / factor)


def _quad(mask: np.ndarray) -> np.ndarray | None:
    """The four corners of the largest shape in ``mask`` (its outer outline's hull), when it covers a
    sheet's share of the picture and is four-sided."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = cv2.convexHull(max(contours, key=lambda c: cv2.contourArea(cv2.convexHull(c))))
    area = cv2.contourArea(outline) / mask.size
    if not _MIN_SHARE <= area <= _MAX_SHARE:
        return None
    corners = next((c for share in (0.01, 0.02, 0.03, 0.05, 0.08)
                    if len(c := cv2.approxPolyDP(outline, share * cv2.arcLength(outline, True), True)) == 4), None)
    return None if corners is None else corners.reshape(4, 2)


def _bright(grey: np.ndarray) -> np.ndarray:
    """Paper: brighter than Otsu's split of the picture, its print closed over."""
    _, paper = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((_CLOSE_PRINT, _CLOSE_PRINT), np.uint8))


def _along_edges(edges: np.ndarray, corners: np.ndarray) -> float:
    """The share of points along a four-sided outline's sides that lie on an edge the detector found."""
    h, w = edges.shape
    hits = total = 0
    for a, b in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        for t in np.linspace(0.05, 0.95, 40):
            x, y = (a + (b - a) * t).round().astype(int)
            if 0 <= x < w and 0 <= y < h:
                total += 1
                hits += bool(edges[y, x])
    return hits / max(1, total)


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
