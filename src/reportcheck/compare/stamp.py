"""Seal and signature on a page image, by colour.

The page is rendered with pypdfium2 at 100 dpi; numpy and OpenCV do the rest (the optional ``ocr`` extra
brings both; without them the caller reports that the page could not be checked).

* **Seal**: an official seal is red ink of a known size (a round seal 3.8–4.5 cm, an oval one about
  4.5 × 3 cm). Strongly red pixels (hue within 10° of red, saturated, not dark) are grouped when closer
  than 2.5 mm — ring, star and characters of one seal, broken by worn ink or by the print showing through
  — and a group counts as a seal when its shorter side measures 2–6.5 cm and its longer side at most
  2.2 times that. Red print (a red title line) is too flat, a red tick too small.
* **Signature**: print — toner, inkjet, a photocopy — is neutral black or grey, and the seal is red;
  a signature is written with pen ink, which in the blue, blue-black, violet or green inks used for
  signing is neither. Dark pixels whose blue or green clearly exceeds their red (by 20 of 255) are pen
  strokes; grouped like the seal's, a group at least 8 mm across with at least 40 such pixels (at 100
  dpi) beside a signature line is a signature. A signature in black ink cannot be told from print
  this way (stroke size and shape were tried on the sample scans: blurred, skewed print made
  character-sized pieces of handwriting and print indistinguishable), so "not found" means "no pen
  ink of a colour print never has" and is reported with that caveat.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportcheck.layout import BBox

if TYPE_CHECKING:
    import numpy as np

DPI = 100.0
_CM = 1 / 2.54  # inches
_SEAL_MIN_CM, _SEAL_MAX_CM, _SEAL_ASPECT = 2.0, 6.5, 2.2
_GROUP_CM = 0.25
_INK_DARKER = 50  # of 255 below the paper around it
_PEN_CHROMA = 20  # blue or green over red, of 255
_STROKE_MIN_CM, _STROKE_MIN_PIXELS = 0.8, 40  # pixels at 100 dpi, scaled by the square of the dpi
_ZONE_LEFT_CM, _ZONE_ABOVE_CM, _ZONE_BELOW_CM = 0.5, 1.2, 1.5  # round a signature line's top left corner


@dataclass(frozen=True, slots=True)
class Page:
    """A rendered page: RGB pixels at ``dpi``, and the page's width in points."""

    pixels: np.ndarray
    dpi: float
    width_pt: float


def render_page(path: str | Path, page: int, dpi: float = DPI) -> Page:
    """Page ``page`` (from 1) of a PDF as RGB pixels. Raises ImportError without pypdfium2/numpy."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        sheet = pdf[page - 1]
        pixels = sheet.render(scale=dpi / 72, rev_byteorder=True).to_numpy()[:, :, :3].copy()
        return Page(pixels, dpi, sheet.get_width())
    finally:
        pdf.close()


def find_seals(page: Page) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, width, height in pixels) of the seal-sized red marks on the page."""
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(page.pixels, cv2.COLOR_RGB2HSV)
    hue, sat, val = (hsv[..., k].astype(np.int16) for k in range(3))
    rgb = page.pixels.astype(np.int16)
    red = (((hue <= 10) | (hue >= 170)) & (sat >= 80) & (val >= 60)
           & (rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2]) >= 40))
    per_cm = page.dpi * _CM
    seals = []
    for x, y, w, h in _groups(red, page.dpi, min_pixels=1):
        short, long = sorted((w / per_cm, h / per_cm))
        if _SEAL_MIN_CM <= short <= _SEAL_MAX_CM and long <= _SEAL_ASPECT * short:
            seals.append((x, y, w, h))
    return seals


def find_signature(page: Page, zone: BBox | None = None) -> bool:
    """Whether pen strokes (see the module's docstring) stand in ``zone`` (x0, top, x1, bottom in PDF
    points), or anywhere on the page when no zone is given."""
    import cv2
    import numpy as np

    grey = cv2.cvtColor(page.pixels, cv2.COLOR_RGB2GRAY)
    size = int(page.dpi * _CM * 0.6) | 1  # wider than any stroke: closing leaves the paper
    paper = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    rgb = page.pixels.astype(np.int16)
    chroma = np.maximum(rgb[..., 1], rgb[..., 2]) - rgb[..., 0]
    pen = ((paper.astype(np.int16) - grey) >= _INK_DARKER) & (chroma >= _PEN_CHROMA)
    scale = page.dpi / 72
    x0, top, x1, bottom = zone if zone is not None else (0.0, 0.0, pen.shape[1] / scale, pen.shape[0] / scale)
    min_pixels = _STROKE_MIN_PIXELS * (page.dpi / DPI) ** 2
    for x, y, w, h in _groups(pen, page.dpi, min_pixels):
        cx, cy = (x + w / 2) / scale, (y + h / 2) / scale
        if max(w, h) >= _STROKE_MIN_CM * page.dpi * _CM and x0 <= cx <= x1 and top <= cy <= bottom:
            return True
    return False


def signature_zones(lines: list[BBox | None], page_width: float) -> list[BBox | None]:
    """Where to look for each signature line's signature (PDF points): from just left of the line's box
    to the next line's box on the same row (or the page's edge), from above its top to below it —
    a signature is written after the label and often runs over the print and the rules around it."""
    cm = 72 * _CM
    zones: list[BBox | None] = []
    for box in lines:
        if box is None:
            zones.append(None)
            continue
        x0, top, _, _ = box
        right = min((b[0] for b in lines if b is not None and b[0] > x0 and _same_row(b, box)), default=page_width)
        below = min((b[1] for b in lines if b is not None and b[1] > top and not _same_row(b, box)),
                    default=top + _ZONE_BELOW_CM * cm)
        zones.append((x0 - _ZONE_LEFT_CM * cm, top - _ZONE_ABOVE_CM * cm, right,
                      min(top + _ZONE_BELOW_CM * cm, below)))
    return zones


def _same_row(a: BBox, b: BBox) -> bool:
    return a[1] < b[3] and b[1] < a[3]


def _groups(mask: np.ndarray, dpi: float, min_pixels: float) -> list[tuple[int, int, int, int]]:
    """Boxes of the mask's pixels grouped when closer than 2.5 mm, each with at least ``min_pixels``."""
    import cv2
    import numpy as np

    reach = max(1, round(dpi * _CM * _GROUP_CM))
    joined = cv2.dilate(mask.astype(np.uint8), np.ones((reach, reach), np.uint8))
    count, labels = cv2.connectedComponents(joined, connectivity=8)
    if count <= 1:
        return []
    ys, xs = np.nonzero(mask)
    owner = labels[ys, xs]  # the mask's own pixels, by group: a group's box is theirs, not the dilation's
    inside = np.bincount(owner, minlength=count)
    left, top = np.full(count, mask.shape[1]), np.full(count, mask.shape[0])
    right, bottom = np.full(count, -1), np.full(count, -1)
    np.minimum.at(left, owner, xs)
    np.minimum.at(top, owner, ys)
    np.maximum.at(right, owner, xs)
    np.maximum.at(bottom, owner, ys)
    return [(int(left[i]), int(top[i]), int(right[i] - left[i] + 1), int(bottom[i] - top[i] + 1))
            for i in range(1, count) if inside[i] >= min_pixels]
