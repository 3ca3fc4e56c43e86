"""A sheet that did not lie flat, made flat: its ruling lines straightened.

A photographed sheet lifted on one side (folded, stapled, curling off the desk) or a page bowed near a
binding keeps its rules bent after its perspective is undone: a rule rises or falls along its length, by a
different amount at the top of the page than at its foot. Line finding takes lines as straight, so a row
bowed by more than a few pixels is lost with its table.

The bend is measured on the page's own rules. Each long stretch of a line across gives its height along
its length, fitted as a bow (a parabola; a slope where the stretch is short). Between two lines the page is
shifted as the lines round it are, interpolated; beyond the outermost lines, or past a line's ends, held at
theirs: nothing is extrapolated. Lines down give the shift across the page the same way. A turn of the
whole page (every line sloping alike) is left to the straightening that follows
(:mod:`reportcheck.readers.scan_image`); only when the lines bend, or slope unalike, by more than
:data:`_BENT` pixels beyond that is the page remapped so that every line lies straight. A page lying flat
(a scan from the glass) is left as it is.
"""

from __future__ import annotations

import cv2
import numpy as np

_INK = 150  # grey level below which a pixel is ink
_KERNEL = 31  # pixels (at half size): a stroke of a character is shorter; a bowed rule keeps this long a straight piece
_SMEAR = 3  # pixels (at half size) a line is thickened by before it is looked for
_STREAK = 0.9  # share of the page's width (or height) a line spans that runs from edge to edge
_LONG = 0.2  # share of the page's width (or height) a stretch of a line spans to be measured
_THICK = 15  # pixels (at half size): a stretch thicker than this (across its length) is no line
_STEP = 8  # pixels (at half size) between the points a stretch is measured at
_LOOKS = 2  # times the page is looked at for a bend
_MIN_LINES = 4  # lines in one direction the field is fitted from
_BENT = 1.5  # pixels (at half size): what a turn leaves must bend a line by more than this to be straightened
_FIT = 0.75  # pixels (at half size): a line's fit must follow its points this close (median) to be believed
_BOWED = 0.4  # share of the page a line spans to be fitted as a bow (shorter: a straight slope)
_MOST = 0.05  # share of the page a line may be shifted by at most


def unbent(bgr: np.ndarray) -> np.ndarray:
    """The page with its rules straightened when they bend (see the module); else the page itself. A second
    look is taken after straightening: rules bent too much to be found at first are found then."""
    for _ in range(_LOOKS):
        straightened = _straightened(bgr)
        if straightened is None:
            break
        bgr = straightened
    return bgr


def _straightened(bgr: np.ndarray) -> np.ndarray | None:
    """One look (at half size, where a line's height is still known to a pixel): the page remapped, or None."""
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY) if bgr.ndim == 3 else bgr
    full = (grey < _INK).astype(np.uint8) * 255  # a thin line's pixels kept: halved, it would be grey
    ink = (cv2.resize(full, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) >= 64).astype(np.uint8)
    h, w = grey.shape
    dy = _field(_traces(ink), ink.shape[1], ink.shape[0], across=True)
    dx = _field([(y, x, k) for x, y, k in _traces(ink.T.copy())], ink.shape[1], ink.shape[0], across=False)
    if dy is None and dx is None:
        return None
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    if dy is not None:
        ys += 2 * cv2.resize(dy, (w, h), interpolation=cv2.INTER_LINEAR)
    if dx is not None:
        xs += 2 * cv2.resize(dx, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.remap(bgr, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                     borderValue=(255, 255, 255) if bgr.ndim == 3 else 255)


def _traces(ink: np.ndarray) -> list[tuple[float, float, int]]:
    """Points (x, y, line) along the long stretches of lines across in ``ink`` (pass it transposed for lines
    down): each stretch's mean height at every :data:`_STEP` pixels of its length."""
    # thickened up and down first, so that a line rising a pixel in every ten still holds a straight run
    ink = cv2.dilate(ink, np.ones((_SMEAR, 1), np.uint8))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (_KERNEL, 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    out: list[tuple[float, float, int]] = []
    for label in range(1, count):
        x, y, width, height, _ = stats[label]
        if width < _LONG * ink.shape[1] or height > _THICK + width * 0.05 or width > _STREAK * ink.shape[1]:
            continue  # short, a blot, or a line from edge to edge (a scanner's streak, straight whatever the page)
        mine = labels[y:y + height, x:x + width] == label
        rows = np.arange(y, y + height, dtype=np.float32)[:, None]
        filled = mine.sum(axis=0)
        mean = (mine * rows).sum(axis=0) / np.maximum(filled, 1)
        for col in range(0, width, _STEP):
            if filled[col] and filled[col] <= _THICK // 3:  # a crossing line down is no point of this one
                out.append((float(x + col), float(mean[col]), label))
    return out


def _field(points: list[tuple[float, float, int]], w: int, h: int, across: bool) -> np.ndarray | None:
    """The shift (pixels, along y for lines ``across``, along x for lines down) to read each pixel from so
    that the lines lie straight, or None when they are straight already (or all turned alike: a skew), too
    few, or bent more than a sheet bends."""
    size_u, size_v = (w, h) if across else (h, w)
    courses = _courses(points, across, size_u)
    if len(courses) < _MIN_LINES:
        return None
    grid_u = np.linspace(0, size_u - 1, max(2, size_u // 8))
    levels = np.array([c[0] for c in courses])
    order = np.argsort(levels)
    if _bend(courses, grid_u, size_u) <= _BENT:
        return None
    devs = np.array([_held(c, grid_u, size_u) for c in courses])[order]  # each line's deviation along u
    if np.abs(devs).max() > _MOST * size_v:
        return None  # no sheet lying on a desk bends this much: the lines are misread
    grid_v = np.linspace(0, size_v - 1, max(2, size_v // 8))
    shift = np.stack([np.interp(grid_v, levels[order], devs[:, j]) for j in range(len(grid_u))], axis=1)
    shift = cv2.resize(shift.astype(np.float32), (size_u, size_v), interpolation=cv2.INTER_LINEAR)
    return shift if across else shift.T


def _bend(courses: list[tuple[float, float, float, np.ndarray]], grid_u: np.ndarray, size_u: int) -> float:
    """How far (pixels, half of peak to peak) the most bent line strays, along its own length, from the
    slope most lines share: a turn of the whole page (a skew) is no bend."""
    slope = float(np.median([np.polyval(np.polyder(fit), (first + last) / 2 / size_u)
                             for _, first, last, fit in courses]))
    worst = 0.0
    for _, first, last, fit in courses:
        u = grid_u[(grid_u >= first) & (grid_u <= last)] / size_u
        if u.size:
            left = np.polyval(fit, u) - slope * u
            worst = max(worst, float(np.ptp(left)) / 2)
    return worst


def _courses(points: list[tuple[float, float, int]], across: bool, size_u: int
             ) -> list[tuple[float, float, float, np.ndarray]]:
    """Each line's (level, first u, last u, fit): its mean level and the polynomial (in u as a share of the
    page, so that the fit is well conditioned) of its deviation from that level along u — a bow where the
    line is long, a slope where it is short — for lines the fit follows to within :data:`_FIT` (median)."""
    by_line: dict[int, list[tuple[float, float]]] = {}
    for x, y, k in points:
        by_line.setdefault(k, []).append((x, y) if across else (y, x))
    out = []
    for pts in by_line.values():
        u, v = np.array(pts).T
        if u.max() - u.min() < _STEP:
            continue
        share = u / size_u
        degree = 2 if u.max() - u.min() >= _BOWED * size_u else 1
        fit = np.polyfit(share, v, degree)
        if np.median(np.abs(np.polyval(fit, share) - v)) > _FIT:
            continue
        level = float(v.mean())
        fit[-1] -= level
        out.append((level, float(u.min()), float(u.max()), fit))
    return out


def _held(course: tuple[float, float, float, np.ndarray], grid_u: np.ndarray, size_u: int) -> np.ndarray:
    """A line's deviation along the page, held at its ends' beyond them."""
    _, first, last, fit = course
    return np.polyval(fit, np.clip(grid_u, first, last) / size_u)
