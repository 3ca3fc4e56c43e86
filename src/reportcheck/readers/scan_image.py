"""A scanned page image made ready for OCR, and the ruling lines and text lines found on it.

Steps, each by plain image operations (OpenCV, numpy): red seal ink is taken out by its colour, a blue
stamp by its colour and frame (the print under a stamp stays); the grey level is stretched so
that a dark photocopy's paper is white again; the page is turned straight by the angle that makes
its rows of ink sharpest; its ruling lines are found (``scan_ruling``) and set apart from its text; text
lines are the runs of rows that hold ink, cut at wide gaps into pieces for the recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import cv2
import numpy as np

from reportcheck.readers.scan_fills import print_ink, reversed_fills
from reportcheck.readers.scan_levels import INK, PAPER
from reportcheck.readers.scan_lines import restored
from reportcheck.readers.scan_pen import pen_ink, without_hand
from reportcheck.readers.scan_ruling import Segment, find_streaks, no_streaks, ruling
from reportcheck.readers.scan_stamps import without_stamps

_MAX_SKEW = 5.0  # degrees a page may be turned on the scanner glass (laid down by hand, not squared: 4° is seen)
_SPECK = 30  # pixels: a blot smaller than this, alone, is dust (a decimal point at 200 dpi is about 12)
_NEAR = 10  # pixels: how close other ink must be for a small blot to be print
_MARK = 40  # pixels of ink: less, set apart on a line by a wide gap, is a speck (a "1" has about 80)
_DOT, _DOTTY = 6, 0.003  # pixels of a tiny blot; tiny blots per pixel of ink past which a page is dotty
_TEXTURE = 6.0  # grey levels paper differs from its smoothed self on average past which it is a pattern
_TEXTURE_BLUR = 1.8  # sigma (pixels) of the blur that smooths a patterned paper
_DOT_BLUR = 0.8  # sigma (pixels) of the blur that joins a dotty page's dots
_VALLEY = 0.15  # a row this empty, against the median row of a run, is a gap between two lines
_EDGE_MARK = 0.1  # share of the page's height or width: ink touching the image's edge this long is no text


@dataclass
class Prepared:
    grey: np.ndarray  # the straightened page, white paper
    ink: np.ndarray  # bool: ink that is not a ruling line
    segments: list[Segment]
    angle: float  # degrees the page was turned by
    red_share: float  # share of the page painted white as seal ink
    pen: np.ndarray  # bool: blue ballpoint ink, where the page was written on by hand
    streaks: np.ndarray  # bool: the bands of lines down the whole page (a scanner's glass, a copier's drum)
    broken: bool = False  # printed in dots or specks (a fax, a halftone copy): its characters are read less surely


def prepare(bgr: np.ndarray, streaks: bool = True, lost_lines: bool = False) -> Prepared:
    """The page straightened, without seal ink, with its ruling lines apart from its text; lines down the
    whole page (a scanner's or a copier's streaks) looked for when asked (``streaks``: a whole sheet), and a
    fax's lost scan lines put back (``lost_lines``), while its rows are level."""
    grey, red_share = _without_red(bgr)
    grey, pen = without_stamps(bgr, grey, pen_ink(bgr))
    if lost_lines:
        grey = restored(grey, INK)
    stretched = _stretch(grey)
    textured = _textured(stretched)
    if textured:  # a copy of a copy's screen and moiré, swollen by the stretch: smoothed away first
        grey = cv2.GaussianBlur(grey, (0, 0), _TEXTURE_BLUR)
        stretched = _stretch(grey)
    # A page printed as dots (a halftone copy) or speckled (a fax): blurred a little first, so its strokes and
    # rules are whole again; a clean scan keeps its sharp thin rules.
    dotty = _dotty(stretched < INK)
    grey = _stretch(cv2.GaussianBlur(grey, (0, 0), _DOT_BLUR)) if dotty else stretched
    local = _local_ink(grey)
    found = find_streaks if streaks else no_streaks
    bands = found(local)  # the glass's, upright in the scan
    angle = skew_angle(grey < INK)
    if abs(angle) >= 0.05:
        grey = rotate(grey, angle)
        pen = rotate(pen.astype(np.uint8), angle, fill=0).astype(bool)
        local = _local_ink(grey)
        # and the paper's: a copier's dirty drum printed them upright on the sheet, turned with it on the glass
        bands = rotate(bands, angle, fill=0) | found(local)
    grey, filled = reversed_fills(grey)  # on the straightened page, where a filled row's box is its own
    if filled.any():
        pen &= ~filled
        local = _local_ink(grey)
    ink = _without_edge_marks(_without_specks(print_ink(grey)))
    # a coarse screen's copy, smoothed, is no longer dotty, but its thin rules were printed as the screen's dots
    lines = ruling(without_hand(local, pen), bands, grey, broken=dotty or textured, one_bit=lost_lines)
    return Prepared(grey, ink & ~lines.mask, lines.segments, angle, red_share, pen, bands.astype(bool),
                    broken=dotty or textured)


def _dotty(ink: np.ndarray) -> bool:
    """Ink made of many tiny blots: a halftone screen's dots, a fax's specks and broken strokes."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    tiny = int((stats[1:count, cv2.CC_STAT_AREA] <= _DOT).sum())
    return tiny > _DOTTY * max(1, int(ink.sum()))


def _textured(grey: np.ndarray) -> bool:
    """Paper that is no even white but a pattern: the dots and moiré of a screened copy scanned again at low
    resolution, which the stretch of a grey copy makes as dark as a thin rule. Measured on the paper (what a
    small median leaves white) as its pixels' mean distance from that median, once a halftone's fine dots are
    blurred together (:data:`_DOT_BLUR`): a clean scan, a photo, a fax or a fine halftone copy is 1–2.5, a
    coarse screen's moiré at 150 dpi 11."""
    soft = cv2.GaussianBlur(grey, (0, 0), _DOT_BLUR)
    smooth = cv2.medianBlur(soft, 5)
    paper = smooth > PAPER
    if not paper.any():
        return False
    return float(np.abs(soft.astype(np.int16) - smooth.astype(np.int16))[paper].mean()) > _TEXTURE


def _local_ink(grey: np.ndarray) -> np.ndarray:
    """Pixels clearly darker than their surroundings: a thin ruling line the scanner printed light
    grey is ink here, and blur round a character is not."""
    return cv2.adaptiveThreshold(grey, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 25).astype(bool)


def _without_specks(ink: np.ndarray) -> np.ndarray:
    """Ink without dust: small blots with no other ink near them (a decimal point sits by its digits,
    a faint line broken into dashes has its other dashes)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    total = cv2.integral(ink.astype(np.uint8))
    h, w = ink.shape
    specks = []
    for label in np.flatnonzero(stats[:, cv2.CC_STAT_AREA] < _SPECK):
        if label == 0:
            continue
        x, y, bw, bh, area = stats[label]
        x0, y0 = max(0, x - _NEAR), max(0, y - _NEAR)
        x1, y1 = min(w, x + bw + _NEAR), min(h, y + bh + _NEAR)
        if total[y1, x1] - total[y0, x1] - total[y1, x0] + total[y0, x0] <= area:
            specks.append(label)
    if not specks:
        return ink
    dust = np.zeros(count, bool)
    dust[specks] = True
    return ink & ~dust[labels]


def _without_edge_marks(ink: np.ndarray) -> np.ndarray:
    """Ink without what the scanner saw beyond the print: a binding's shadow, the lid's edge, the dark
    corners of a page laid askew — blots touching the image's edge and running along a tenth of it.
    Left in, they joined every line of loose text on the page into one (a title lost)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    h, w = ink.shape
    x, y, bw, bh = (stats[:, i] for i in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
    edge = (x == 0) | (y == 0) | (x + bw == w) | (y + bh == h)
    marks = edge & ((bh > _EDGE_MARK * h) | (bw > _EDGE_MARK * w))
    marks[0] = False  # the background
    return ink & ~marks[labels] if marks.any() else ink


def _without_red(bgr: np.ndarray) -> tuple[np.ndarray, float]:
    """Grey page without the seal: where a pixel is red, its grey is its red channel, which red ink
    does not darken, so the seal fades to paper while the print under it stays as dark as it was.
    Elsewhere the usual grey (less noisy than one channel). Also the share of the page that is red."""
    b, g, r = (bgr[:, :, i].astype(np.int16) for i in range(3))
    red = r - np.maximum(g, b) > 40
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    grey[red] = bgr[:, :, 2][red]
    return grey, float(red.mean())


def _stretch(grey: np.ndarray) -> np.ndarray:
    """Paper to white and print to black: the 90th percentile (paper) maps to 255, the 0.5th to 0."""
    lo, hi = np.percentile(grey[::4, ::4], (0.5, 90))
    if hi - lo < 30:  # a blank page
        return grey
    out = (grey.astype(np.float32) - lo) * (255.0 / (hi - lo))
    return np.clip(out, 0, 255).astype(np.uint8)


def skew_angle(ink: np.ndarray) -> float:
    """The angle (degrees) that makes the rows of ink sharpest: text lines and rules turned level."""
    small = cv2.resize(ink.astype(np.uint8) * 255, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    if not small.any():
        return 0.0  # a blank page has no angle

    def sharpness(angle: float) -> float:
        rows = rotate(small, angle, fill=0).astype(np.float64).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.25), key=sharpness)
    fine = np.arange(max(-_MAX_SKEW, best - 0.25), min(_MAX_SKEW, best + 0.25) + 0.01, 0.05)
    return float(max(fine, key=sharpness))


def rotate(image: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


@dataclass(frozen=True)
class Piece:
    """A run of text on one line, in pixels: what the recogniser reads at once."""

    x0: int
    top: int
    x1: int
    bottom: int


def text_pieces(ink: np.ndarray, box: tuple[int, int, int, int], line_height: int,
                split: bool = True) -> list[Piece]:
    """The text lines inside ``box`` (x0, top, x1, bottom); with ``split``, each cut where a gap is
    wider than the line is high (columns of a form line, a label and its answer). A cell's line is
    read whole: "1 (P21)" is one figure and its page, and a lone "1" is easily misread."""
    x0, top, x1, bottom = box
    region = ink[top:bottom, x0:x1]
    if region.size == 0 or region.sum() < 8:
        return []
    pieces = []
    for r0, r1 in _lines(region, line_height):
        if r1 - r0 < 5:
            continue  # a speck
        row = region[r0:r1]
        height = r1 - r0
        wide = max(12, int(height * 1.2))
        runs = [(c0, c1) for c0, c1 in runs_of(row.any(axis=0), min_gap=wide) if row[:, c0:c1].sum() >= _MARK]
        groups = [[run] for run in runs] if split else ([runs] if runs else [])
        for group in groups:
            c0, c1 = group[0][0], group[-1][1]
            sub = row[:, c0:c1].any(axis=1).nonzero()[0]
            pieces.append(Piece(x0 + c0, top + r0 + int(sub[0]), x0 + c1, top + r0 + int(sub[-1]) + 1))
    return pieces


def _lines(region: np.ndarray, line_height: int) -> list[tuple[int, int]]:
    """Rows of text: runs of rows holding ink; a run much taller than a line (two lines blurred
    together, as on a dark copy) is cut at its emptiest rows."""
    profile = region.sum(axis=1)
    out = []
    for r0, r1 in runs_of(profile > 0, min_gap=2):
        count = round((r1 - r0) / line_height)
        cuts = [r0]
        for k in range(1, count):
            centre = r0 + (r1 - r0) * k // count
            lo, hi = max(cuts[-1] + 5, centre - line_height // 3), min(r1 - 5, centre + line_height // 3)
            if hi > lo:
                cut = lo + int(np.argmin(profile[lo:hi]))
                if profile[cut] <= _VALLEY * np.median(profile[r0:r1]):
                    cuts.append(cut)
        out += list(pairwise([*cuts, r1]))
    return out


def runs_of(filled: np.ndarray, min_gap: int) -> list[tuple[int, int]]:
    """Runs of True, joined across gaps narrower than ``min_gap``."""
    idx = np.flatnonzero(filled)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > min_gap)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))
