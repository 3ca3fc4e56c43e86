"""Scan variants: a clean text PDF of a report turned into the image-only PDFs other people's devices send.

Each transform renders every page of a LibreOffice-printed report (``samples/pdf/*.pdf``) with pypdfium2 and
degrades it the way one kind of real scan does, then writes a PDF holding one image per page and nothing else
(no fonts, no text layer but a scanner's own invisible one where a transform says so, fixed dates and /ID):

* ``photo`` — a 12 MP phone photo of the printed sheet lying on a desk: keystone, in-plane rotation, uneven
  light and a soft shadow, defocus, colour cast, phone sharpening, JPEG ~q75;
* ``curled_photo`` — the same photo of a sheet whose right side lifts off the desk: its rows bow, by up to
  0.3–0.4 % of the photo's height at the edge, so its tables' lines across are no longer straight;
* ``fax`` — a group-3 fax: 1728 dots across, 196 or 98 lines per inch down, thresholded to 1 bit, specks,
  broken hairlines, a transmission header line; written as 1-bit Flate images;
* ``fax_fine`` — the same fax at fine resolution (196 lines per inch), sent without error correction: a few
  scan lines on each page lost on the line, printed white right across it;
* ``halftone`` — a light copy whose greys (and the toner of the text itself) are a ~100 lpi dot screen,
  scanned at 300 dpi grey, so strokes are dotty and the screen beats faintly against the scanner's grid;
* ``rotated`` — a 300-dpi colour scan where one table page lies sideways and another upside down, with a red
  seal across table 2.1;
* ``seal_over_table`` — a 200-dpi colour scan with a red seal across table 2.1's figures and a blue-black
  signature or reviewer's ticks across the rules of another table;
* ``dark_copy`` — every page a dark, low-contrast photocopy, scanned at 200 dpi;
* ``handwritten_correction`` — a 200-dpi colour scan where two printed figures in table cells are struck
  through with a pen and a different figure is written by hand beside or above them;
* ``binder_shadow`` — a bound report scanned open on a flatbed at 300 dpi grey: the binding's dark shadow
  along the left edge, two punched holes in the margin, a keystone of about 1 % whose corners the closed
  lid leaves black;
* ``copy_of_copy`` — a photocopy of a photocopy scanned at 200 dpi: dark-grey print on mottled grey paper,
  blur, faint vertical toner streaks down the page, specks, enlarged 1–2 % and shifted;
* ``ocr_text_layer`` — a 300-dpi colour scan with the scanner's own OCR laid under each image as invisible text,
  read in the wrong language (Chinese as Latin letters, digits as look-alike letters);
* ``stamps_beside_headings`` — a 200-dpi colour scan with a blue 已审核 stamp pressed on the line of some section
  headings, right of their titles, a few degrees off straight;
* ``stamps_black_and_white`` — the same stamps, the report scanned in an office scanner's black-and-white mode;
* ``pen_underlines`` — a 200-dpi colour scan where a reviewer drew ballpoint lines under two rows of each table
  page, across its column lines (between a two-line label's lines where a row has one);
* ``steep_skew`` — a 200-dpi grey scan of pages laid 2–3.5° off straight, one way then the other;
* ``feeder_streaks`` — a 200-dpi grey scan through a sheet feeder with dust on its glass: dark lines down the
  whole of every page at the same x, one through a column of figures;
* ``shaded_headers`` — a 200-dpi colour scan where every table's first row is filled light grey, blue-grey or
  navy with its text in white.
* ``traditional`` — a 200-dpi grey scan of the report typed in traditional characters (电驱 as 電驅, 座舱 as 座艙),
  some of which the recogniser's alphabet lacks.
* ``faint_rules`` — a 300-dpi grey scan of the report with every table bordered in Word's thin light grey, which
  a mono laser prints as a chain of halftone dots: no pixel of a rule is as dark as print;
* ``folded`` — a 200-dpi grey scan of the report folded in thirds: two creases right across every page, through
  its tables and text, each a thin grey line with a highlight beside it.

Where the marks go comes from the source PDF's text layer (character boxes) and from the table rules found in a
rendering of the source page; the OCR reader is not used. Everything is drawn from one seeded generator, so
the same source, transform and seed give the same bytes. Seals, signatures, the "scanner" and the dark
photocopy come from ``scripts/make_scans.py``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import math
import re
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
TRANSFORMS: tuple[str, ...] = ("photo", "curled_photo", "fax", "fax_fine", "halftone", "rotated", "seal_over_table",
                               "dark_copy", "handwritten_correction", "binder_shadow", "copy_of_copy",
                               "black_and_white", "ocr_text_layer", "stamps_beside_headings", "stamps_black_and_white",
                               "coarse_screen_copy", "footnote_marks", "two_up",
                               "two_up_a3", "auto_cropped", "toner_low", "dotted_borders", "line_lost_in_a_row",
                               "pen_underlines", "steep_skew", "feeder_streaks", "shaded_headers", "traditional",
                               "faint_rules", "folded")
PDF_DATE = "D:20240315093012+08'00'"


def _load_make_scans() -> ModuleType:
    """scripts/make_scans.py (scripts/ is not a package)."""
    name = "make_scans"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "make_scans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


ms = _load_make_scans()
INK_RED: np.ndarray = ms.INK_RED
INK_BLUE: np.ndarray = ms.INK_BLUE
INK_STAMP = np.array([36, 72, 180], dtype=np.float32)  # a stamp pad's blue: brighter than a ballpoint's


@dataclass(frozen=True)
class Correction:
    page: int  # 1-based page of the output PDF
    label: str  # the row label (first cell of the row) as in the source PDF's text layer
    printed: str  # the printed figure that was struck through, exactly as in the text layer
    written: str  # the different figure written by hand


@dataclass(frozen=True)
class ScanVariant:
    path: Path
    transform: str
    notes: tuple[str, ...]  # one human line per page saying what was done to it
    # page (1-based) -> degrees the page's content is turned *clockwise* in its image (90, 180, 270); turning
    # the image that many degrees anticlockwise puts the page upright
    turned: dict[int, int]
    corrections: tuple[Correction, ...]  # for "handwritten_correction": the struck and rewritten figures


# ================================================================ the source: text layer and table rules

ANALYSIS_SCALE = 2.0  # 144 dpi: the rendering in which the table rules are found
CJK = re.compile(r"[\u3400-\u9fff]")
FIGURE = re.compile(r"\d{1,6}(?:\.\d{1,3})?")
NUMERIC = re.compile(r"[\d.,%]*\d[\d.,%]*")
Box = tuple[float, float, float, float]  # left, top, right, bottom in points, y down from the top of the page


def _union(boxes: list[Box]) -> Box:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


@dataclass(frozen=True)
class _Char:
    text: str
    box: Box


@dataclass(frozen=True)
class _Word:
    text: str
    box: Box


@dataclass(frozen=True)
class _Figure:
    """A table cell holding one plain number, and the row it is in."""
    page: int  # 0-based
    word: _Word
    cell: Box
    label: str


class _Page:
    def __init__(self, page: pdfium.PdfPage, index: int) -> None:
        self.page = page
        self.index = index
        self.width = page.get_width()
        self.height = page.get_height()
        textpage = page.get_textpage()
        chars = []
        for i in range(textpage.count_chars()):
            ch = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
            left, bottom, right, top = textpage.get_charbox(i)
            chars.append(_Char(ch, (left, self.height - top, right, self.height - bottom)))
        self.chars = chars
        self.text = "".join(c.text for c in chars)
        boxes = np.array([c.box for c in chars], dtype=np.float64).reshape(-1, 4)
        self._centres = np.column_stack([(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2])
        self._in_line = np.array([c.text not in "\r\n" for c in chars], dtype=bool)
        self.words = self._words()
        self._masks: tuple[np.ndarray, np.ndarray] | None = None
        self._figures: list[_Figure] | None = None

    def _words(self) -> list[_Word]:
        words: list[_Word] = []
        run: list[_Char] = []

        def close() -> None:
            if run:
                words.append(_Word("".join(c.text for c in run), _union([c.box for c in run])))
                run.clear()

        for c in self.chars:
            if c.text.isspace() or c.box[2] <= c.box[0]:
                close()
                continue
            if run:
                last = run[-1].box
                size = max(last[3] - last[1], c.box[3] - c.box[1], 1.0)
                if c.box[0] - last[2] > 0.6 * size or abs((c.box[1] + c.box[3]) - (last[1] + last[3])) > size:
                    close()
            run.append(c)
        close()
        return words

    def find(self, needle: str) -> list[Box]:
        """Boxes of each occurrence of ``needle`` (whitespace in the text layer ignored)."""
        kept = [c for c in self.chars if not c.text.isspace()]
        squashed = "".join(c.text for c in kept)
        boxes = []
        start = squashed.find(needle)
        while start >= 0:
            boxes.append(_union([c.box for c in kept[start:start + len(needle)]]))
            start = squashed.find(needle, start + 1)
        return boxes

    @property
    def masks(self) -> tuple[np.ndarray, np.ndarray]:
        """Horizontal and vertical table rules (bool arrays at ANALYSIS_SCALE)."""
        if self._masks is None:
            grey = self.page.render(scale=ANALYSIS_SCALE, grayscale=True).to_numpy()
            ink = (grey < 170).astype(np.uint8)
            h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (40, 1)))
            v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 40)))
            self._masks = (h > 0, v > 0)
        return self._masks

    @property
    def rules(self) -> int:
        """How many horizontal table rules the page has."""
        h, _ = self.masks
        rows = np.flatnonzero(h.sum(axis=1) > 2 * 72 * ANALYSIS_SCALE)  # at least 2 inches long
        return int(np.count_nonzero(np.diff(rows) > 1)) + (1 if len(rows) else 0)

    def cell_at(self, x: float, y: float) -> Box | None:
        """The ruled cell holding the point (points, y down), or None when it is not inside one."""
        h, v = self.masks
        xi, yi = round(x * ANALYSIS_SCALE), round(y * ANALYSIS_SCALE)
        if not (0 <= yi < h.shape[0] and 0 <= xi < h.shape[1]):
            return None
        left, right = np.flatnonzero(v[yi, :xi]), np.flatnonzero(v[yi, xi:])
        up, down = np.flatnonzero(h[:yi, xi]), np.flatnonzero(h[yi:, xi])
        if not (len(left) and len(right) and len(up) and len(down)):
            return None
        s = ANALYSIS_SCALE
        return (left[-1] + 1) / s, (up[-1] + 1) / s, (xi + right[0]) / s, (yi + down[0]) / s

    def first_cell(self, cell: Box) -> Box | None:
        """The first (leftmost) cell of the row ``cell`` is in."""
        _, v = self.masks
        yi = round((cell[1] + cell[3]) / 2 * ANALYSIS_SCALE)
        cols = np.flatnonzero(v[yi, :round(cell[0] * ANALYSIS_SCALE)])
        if not len(cols):
            return None
        starts = cols[np.concatenate([[True], np.diff(cols) > 1])]
        x = (starts[0] + (starts[1] if len(starts) > 1 else cell[0] * ANALYSIS_SCALE)) / 2 / ANALYSIS_SCALE
        return self.cell_at(x, (cell[1] + cell[3]) / 2)

    def cell_text(self, cell: Box) -> str:
        x, y = self._centres[:, 0], self._centres[:, 1]
        inside = np.flatnonzero(self._in_line & (cell[0] <= x) & (x <= cell[2]) & (cell[1] <= y) & (y <= cell[3]))
        return re.sub(r"\s+", " ", "".join(self.chars[i].text for i in inside)).strip()

    def figures(self) -> list[_Figure]:
        """Cells holding one plain number (like 51.7 or 12), not in the first column, in rows with a label."""
        if self._figures is not None:
            return self._figures
        h, _ = self.masks
        ruled = np.flatnonzero(h.any(axis=1))
        lowest = ruled[-1] / ANALYSIS_SCALE if len(ruled) else 0.0  # the page's last rule, points
        found = []
        for word in self.words:
            if not FIGURE.fullmatch(word.text):
                continue
            cell = self.cell_at((word.box[0] + word.box[2]) / 2, (word.box[1] + word.box[3]) / 2)
            if cell is None or self.cell_text(cell) != word.text:
                continue
            if lowest > 0.75 * self.height and abs(cell[3] - lowest) < 3:
                continue  # the last row of a table running on over the page: its label may be cut
            first = self.first_cell(cell)
            if first is None or abs(first[0] - cell[0]) < 1:
                continue
            label = self.cell_text(first)
            if CJK.search(label) and label.count("（") == label.count("）") and label.count("(") == label.count(")"):
                found.append(_Figure(self.index, word, cell, label))
        self._figures = found
        return found


class _Source:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf = pdfium.PdfDocument(path)
        self.pages = [_Page(p, i) for i, p in enumerate(self.pdf)]
        self.texts = [p.text for p in self.pages]
        self._table_21: tuple[int, Box, str] | None = None

    def close(self) -> None:
        self.pdf.close()

    def grey(self, index: int, dpi: float) -> np.ndarray:
        return self.pages[index].page.render(scale=dpi / 72, grayscale=True).to_numpy()

    def table_pages(self) -> list[int]:
        return [p.index for p in self.pages if p.rules >= 4]

    def table_21(self) -> tuple[int, Box, str]:
        """Page (0-based) and region (points) of table 2.1's figures, and how it was found: the numbers under
        the first 「…主要经济指标」 heading, down to 「…企业培育」 (2.2) or the foot of the page."""
        if self._table_21 is None:
            self._table_21 = self._find_table_21()
        return self._table_21

    def _find_table_21(self) -> tuple[int, Box, str]:
        for page in self.pages:
            heads = page.find("主要经济指标")
            if not heads:
                continue
            head = heads[0]
            ends = [b[1] for b in page.find("企业培育") if b[1] > head[3] + 20]
            end = min(ends, default=page.height - 36)
            numbers = [w.box for w in page.words if NUMERIC.fullmatch(w.text) and len(w.text) >= 2
                       and head[3] + 4 < w.box[1] and w.box[3] < end]
            if len(numbers) >= 4:
                return page.index, _union(numbers), "table 2.1"
        # no heading: the table page with most figures
        best = max(self.pages, key=lambda p: (len(p.figures()), -p.index))
        boxes = [f.word.box for f in best.figures()] or [(best.width * 0.3, best.height * 0.3, best.width * 0.7,
                                                         best.height * 0.6)]
        return best.index, _union(boxes), "the table with most figures (no 2.1 heading found)"


def _rng(source: Path, transform: str, seed: int) -> np.random.Generator:
    digest = hashlib.sha256(f"{seed}:{transform}:{source.name}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


# ================================================================ pen strokes

def _pen(strokes: list[np.ndarray], width: float, rng: np.random.Generator) -> tuple[np.ndarray, int, int]:
    """Ink density (0..1) of ballpoint strokes through the given points (page pixels), smoothed as splines,
    pressure swelling and tapering. Returns the density and its top-left corner on the page."""
    ss = 3
    pts = np.vstack(strokes)
    pad = width * 2 + 3
    x0, y0 = math.floor(pts[:, 0].min() - pad), math.floor(pts[:, 1].min() - pad)
    x1, y1 = math.ceil(pts[:, 0].max() + pad), math.ceil(pts[:, 1].max() + pad)
    img = Image.new("L", ((x1 - x0) * ss, (y1 - y0) * ss), 0)
    draw = ImageDraw.Draw(img)
    for stroke in strokes:
        p = (np.asarray(stroke, dtype=np.float64) - [x0, y0]) * ss
        if len(p) == 1:
            p = np.vstack([p, p + 0.8 * ss])
        path = ms.catmull_rom(p, 16)
        seg = np.linalg.norm(np.diff(path, axis=0), axis=1)
        total = float(seg.sum())
        dense = np.interp(np.arange(0, total + 0.5, 0.6), np.concatenate([[0], np.cumsum(seg)]), np.arange(len(path)))
        idx = np.floor(dense).astype(int).clip(0, len(path) - 2)
        frac = (dense - idx)[:, None]
        curve = path[idx] * (1 - frac) + path[idx + 1] * frac
        u = np.linspace(0, 1, len(curve))
        ends = max(0.04, min(0.3, 6 * ss / max(total, 1.0)))
        taper = np.clip(np.minimum(u / ends, (1 - u) / ends), 0, 1) ** 0.5
        pressure = 0.75 + 0.45 * ms.smooth_field(rng, (1, len(u)), max(2.0, len(u) / 12))[0]
        radii = width * ss / 2 * (0.45 + 0.55 * taper) * pressure
        for (x, y), r in zip(curve, radii, strict=True):
            draw.ellipse([x - r, y - r, x + r, y + r], fill=255)
    small = np.asarray(img.resize((x1 - x0, y1 - y0), Image.Resampling.LANCZOS), dtype=np.float32) / 255
    skips = 0.82 + 0.18 * rng.random(small.shape, dtype=np.float32)  # a ballpoint's uneven ink
    return np.clip(small * skips * 0.95, 0, 1), x0, y0


def _ink(paper: np.ndarray, density: np.ndarray, colour: np.ndarray, x0: int, y0: int) -> None:
    """Multiply ink of ``colour`` with ``density`` onto ``paper`` (H×W×3 uint8 RGB, in place), top left at (x0, y0):
    make_scans.multiply_ink on 8-bit paper."""
    h, w = density.shape
    px0, py0 = max(x0, 0), max(y0, 0)
    px1, py1 = min(x0 + w, paper.shape[1]), min(y0 + h, paper.shape[0])
    if px1 <= px0 or py1 <= py0:
        return
    d = density[py0 - y0:py1 - y0, px0 - x0:px1 - x0, None]
    patch = paper[py0:py1, px0:px1].astype(np.float32) * (1 - d * (1 - colour / 255))
    paper[py0:py1, px0:px1] = np.clip(patch + 0.5, 0, 255).astype(np.uint8)


def _ink_centred(paper: np.ndarray, density: np.ndarray, colour: np.ndarray, cx: float, cy: float) -> None:
    _ink(paper, density, colour, round(cx - density.shape[1] / 2), round(cy - density.shape[0] / 2))


# handwritten digits: pen paths in a unit box (x 0..0.62, y 0..1 down), one list of points per stroke
DIGITS: dict[str, list[list[tuple[float, float]]]] = {
    "0": [[(0.34, 0.02), (0.1, 0.22), (0.06, 0.6), (0.25, 0.97), (0.5, 0.9), (0.6, 0.5), (0.5, 0.1),
           (0.3, 0.04), (0.22, 0.1)]],
    "1": [[(0.14, 0.22), (0.36, 0.02), (0.34, 0.55), (0.32, 0.99)]],
    "2": [[(0.06, 0.26), (0.22, 0.04), (0.46, 0.04), (0.56, 0.26), (0.42, 0.55), (0.04, 0.97), (0.3, 0.94),
           (0.62, 0.95)]],
    "3": [[(0.06, 0.14), (0.3, 0.0), (0.52, 0.12), (0.46, 0.36), (0.22, 0.47), (0.48, 0.55), (0.58, 0.78),
           (0.38, 0.98), (0.04, 0.88)]],
    "4": [[(0.42, 0.0), (0.04, 0.66), (0.62, 0.66)], [(0.46, 0.28), (0.44, 0.99)]],
    "5": [[(0.14, 0.02), (0.1, 0.45), (0.36, 0.38), (0.58, 0.58), (0.52, 0.87), (0.3, 0.99), (0.04, 0.88)],
          [(0.14, 0.03), (0.6, 0.0)]],
    "6": [[(0.52, 0.02), (0.24, 0.3), (0.08, 0.66), (0.22, 0.97), (0.5, 0.92), (0.56, 0.68), (0.36, 0.52),
           (0.1, 0.64)]],
    "7": [[(0.02, 0.05), (0.6, 0.02), (0.36, 0.5), (0.22, 0.99)]],
    "8": [[(0.5, 0.12), (0.3, 0.0), (0.1, 0.14), (0.22, 0.4), (0.52, 0.6), (0.56, 0.86), (0.32, 1.0),
           (0.08, 0.86), (0.16, 0.6), (0.48, 0.38), (0.52, 0.14)]],
    "9": [[(0.54, 0.24), (0.34, 0.03), (0.08, 0.17), (0.16, 0.44), (0.46, 0.4), (0.56, 0.2), (0.5, 0.6),
           (0.42, 0.99)]],
    ".": [[(0.12, 0.92), (0.16, 0.96)]],
}
ADVANCE = {".": 0.3}


def _handwritten(text: str, x: float, baseline: float, height: float, rng: np.random.Generator) -> list[np.ndarray]:
    """Pen strokes writing ``text`` (digits and '.') from (x, baseline), each stroke jittered and slanted."""
    strokes = []
    slant = rng.uniform(0.12, 0.26)
    scale = height * rng.uniform(0.92, 1.08)
    for ch in text:
        glyph = DIGITS[ch]
        size = scale * rng.uniform(0.9, 1.06)
        lift = rng.normal(0, 0.04) * height  # digits do not sit on one line
        for part in glyph:
            pts = np.array(part, dtype=np.float64)
            pts += rng.normal(0, 0.028, pts.shape)
            px = x + (pts[:, 0] + (1 - pts[:, 1]) * slant) * size
            py = baseline - size + pts[:, 1] * size + lift
            strokes.append(np.column_stack([px, py]))
        x += (ADVANCE.get(ch, 0.66) + rng.uniform(0.0, 0.1)) * size
    return strokes


def _strike(box: tuple[float, float, float, float], rng: np.random.Generator, twice: bool) -> list[np.ndarray]:
    """One or two slightly wavy pen lines through a box (pixels: left, top, right, bottom)."""
    left, top, right, bottom = box
    h = bottom - top
    strokes = []
    for k in range(2 if twice else 1):
        y = (top + bottom) / 2 + (k - 0.5) * 0.32 * h * (1 if twice else 0) + rng.normal(0, 0.06) * h
        x_from, x_to = left - rng.uniform(0.15, 0.45) * h, right + rng.uniform(0.15, 0.5) * h
        n = max(4, int((x_to - x_from) / (0.8 * h)) + 2)
        xs = np.linspace(x_from, x_to, n)
        slope = rng.uniform(-0.06, 0.04)
        ys = y + (xs - x_from) * slope + rng.normal(0, 0.05, n) * h
        pts = np.column_stack([xs, ys])
        strokes.append(pts if k == 0 or rng.random() < 0.5 else pts[::-1])
    return strokes


def _tick(x: float, y: float, size: float, rng: np.random.Generator) -> list[np.ndarray]:
    """A reviewer's tick whose bottom vertex is at (x, y); the long arm goes up and right."""
    unit = np.array([(-0.32, -0.42), (-0.14, -0.16), (0.0, 0.0), (0.3, -0.48), (0.62, -0.9), (0.74, -1.02)])
    unit += rng.normal(0, 0.03, unit.shape)
    return [np.column_stack([x + unit[:, 0] * size, y + unit[:, 1] * size])]


# ================================================================ seals on the pages

def _to_px(box: Box, scale: float) -> tuple[float, float, float, float]:
    return box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale


def _stamp_table_21(src: _Source, paper: np.ndarray, index: int, dpi: float, rng: np.random.Generator,
                    font: tuple[str, int] | None) -> str | None:
    """A red official seal across table 2.1's figures, when that table is on page ``index``."""
    page, region, what = src.table_21()
    if page != index:
        return None
    org = ms.unit_names(src.texts)[0]
    left, top, right, bottom = _to_px(region, dpi / 72)
    cx = left + (right - left) * rng.uniform(0.35, 0.65)
    cy = top + (bottom - top) * rng.uniform(0.3, 0.6)
    diameter = round(ms.SEAL_CM / 2.54 * dpi)
    _ink_centred(paper, ms.seal_density(org, diameter, font, rng), INK_RED, cx, cy)
    return f"red seal 「{org}」 ({ms.SEAL_CM:.0f} cm) stamped across {what}'s figures"


def _paper(grey: np.ndarray) -> np.ndarray:
    """White paper with the print on it: 8-bit RGB."""
    return cv2.cvtColor(np.clip(grey, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2RGB)


class _Grain:
    """A field of sensor noise (uint8 around 128) made once per variant; each page takes another patch of it."""

    def __init__(self, rng: np.random.Generator, size: int, sigma: float) -> None:
        self.rng = rng
        self.field = np.clip(rng.normal(128, sigma, (size + 64, size + 64)), 0, 255).astype(np.uint8)

    def patch(self, h: int, w: int) -> np.ndarray:
        y, x = (int(v) for v in self.rng.integers(0, 64, 2))
        return self.field[y:y + h, x:x + w]


def _sensor(src: _Source, rng: np.random.Generator, dpi: int, luma: float = 3.5,
            colour: float = 1.0) -> tuple[_Grain, _Grain]:
    """The scanner's noise, brightness then colour, in a field large enough for every page at ``dpi``."""
    side = max(round(max(p.width, p.height) / 72 * dpi) for p in src.pages)
    return _Grain(rng, side, luma), _Grain(rng, side, colour)


def _scan(paper: np.ndarray, rng: np.random.Generator, angle: float, shift: tuple[int, int], grain: _Grain,
          chroma: _Grain) -> Image.Image:
    """make_scans.scan's scanner in 8-bit OpenCV (it is several times faster): skew and shift with white fill,
    slight blur, the scanner's black and white points and slightly warm lamp, noise, sensor softness, dust
    specks and sometimes a hair. ``paper`` is H×W×3 uint8 RGB."""
    h, w = paper.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)  # anticlockwise for positive angles, as PIL
    matrix[:, 2] += shift
    img = cv2.warpAffine(paper, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=(255, 255, 255))
    img = cv2.GaussianBlur(img, (0, 0), 0.5)
    ramp = np.arange(256, dtype=np.float32)
    lut = np.stack([np.clip(26 + ramp * (247 - 26) / 255 * k + 0.5, 0, 255) for k in (1.0, 0.995, 0.985)], axis=-1)
    img = cv2.LUT(img, lut.astype(np.uint8).reshape(256, 1, 3))
    lum = grain.patch(h, w)
    img = cv2.addWeighted(img, 1.0, cv2.merge([lum, lum, lum]), 1.0, -128)
    img = cv2.addWeighted(img, 1.0, cv2.merge([chroma.patch(h, w) for _ in range(3)]), 1.0, -128)
    img = cv2.GaussianBlur(img, (0, 0), 0.55)  # the sensor's own softness: noise grains are not single pixels
    for _ in range(int(rng.integers(8, 20))):  # dust specks
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        rad = float(rng.uniform(0.6, 2.0))
        cv2.circle(img, (x, y), max(1, round(rad)), (60, 60, 60), -1, lineType=cv2.LINE_AA)
    if rng.random() < 0.5:  # a hair
        x, y = int(rng.integers(0, w - 60)), int(rng.integers(0, h - 60))
        pts = np.array([[x, y], [x + 20, y + 12], [x + 38, y + 9], [x + 55, y + 30]], dtype=np.int32)
        cv2.polylines(img, [pts], False, (90, 90, 90), 1, lineType=cv2.LINE_AA)
    return Image.fromarray(img, "RGB")


def _skew(rng: np.random.Generator) -> tuple[float, tuple[int, int]]:
    angle = float(rng.uniform(0.3, 1.5) * rng.choice([-1.0, 1.0]))
    return angle, (int(rng.integers(-9, 10)) or 3, int(rng.integers(-9, 10)) or -4)


@dataclass
class _Out:
    """One page of the output PDF: its image stream and the page size in points."""
    data: bytes
    width: int
    height: int
    colour: str  # DeviceRGB or DeviceGray
    bits: int
    filter: str  # DCTDecode or FlateDecode
    page_w: float
    page_h: float
    hidden: tuple[tuple[float, float, float, str], ...] = ()  # invisible text: x, y from the foot, size, text


def _jpeg(img: Image.Image, quality: int, dpi: float, page_w: float, page_h: float) -> _Out:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(round(dpi), round(dpi)), optimize=True, subsampling=2)
    colour = "DeviceGray" if img.mode == "L" else "DeviceRGB"
    return _Out(buf.getvalue(), img.width, img.height, colour, 8, "DCTDecode", page_w, page_h)


# ================================================================ transforms

@dataclass
class _Result:
    pages: list[_Out]
    notes: list[str]
    turned: dict[int, int] = field(default_factory=dict)
    corrections: list[Correction] = field(default_factory=list)


Marks = Callable[[int, np.ndarray], tuple[list[str], int]]


def _colour_scan(src: _Source, rng: np.random.Generator, dpi: int, quality: int, marks: Marks, what: str) -> _Result:
    """Render, let ``marks(index, paper)`` ink the paper (returning notes, and optionally a turn), scan, JPEG."""
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    for i, page in enumerate(src.pages):
        paper = _paper(src.grey(i, dpi))
        extras, turn = marks(i, paper)
        if turn:
            paper = np.ascontiguousarray(np.rot90(paper, k=-turn // 90))
            result.turned[i + 1] = turn
        angle, shift = _skew(rng)
        img = _scan(paper, rng, angle, shift, grain, chroma)
        w, h = (page.height, page.width) if turn in (90, 270) else (page.width, page.height)
        result.pages.append(_jpeg(img, quality, dpi, w, h))
        turned = f"; page turned {turn}° clockwise (landscape image)" if turn in (90, 270) else (
            "; page upside down (turned 180°)" if turn == 180 else "")
        result.notes.append(f"page {i + 1}: {what}, skew {angle:+.2f}°, shift {shift}, JPEG q{quality}{turned}"
                            + "".join(f"; {e}" for e in extras))
    return result


def _seal_over_table(src: _Source, rng: np.random.Generator) -> _Result:
    dpi = 200
    font = ms.find_cjk_font()
    seal_page = src.table_21()[0]
    others = [i for i in src.table_pages() if i != seal_page and src.pages[i].figures()]
    mark_page = int(rng.choice(others)) if others else None
    kind = "signature" if rng.random() < 0.5 else "ticks"
    s = dpi / 72

    def marks(i: int, paper: np.ndarray) -> tuple[list[str], int]:
        notes = []
        if (seal := _stamp_table_21(src, paper, i, dpi, rng, font)) is not None:
            notes.append(seal)
        if i == mark_page:
            figures = src.pages[i].figures()
            if kind == "signature":
                f = figures[int(rng.integers(len(figures) // 2, len(figures)))]
                sig_w, sig_h = (round(v / 2.54 * dpi) for v in ms.SIGNATURE_CM)
                cx = ((f.cell[0] + f.cell[2]) / 2 + (f.cell[2] - f.cell[0]) * rng.uniform(-0.2, 0.3)) * s
                cy = f.cell[3] * s + rng.uniform(-0.15, 0.15) * sig_h  # on the rule under the figure
                _ink_centred(paper, ms.signature_density(sig_w, sig_h, rng), INK_BLUE, cx, cy)
                notes.append(f"blue-black signature across the rules at the row 「{f.label}」")
            else:
                chosen = _tick_run(figures, rng)
                strokes = []
                for f in chosen:  # right of the figure, the long arm up through the rule above
                    size = rng.uniform(0.7, 1.0) / 2.54 * dpi
                    x = f.word.box[2] * s + size * rng.uniform(0.4, 0.6)
                    y = f.word.box[3] * s + (f.word.box[3] - f.word.box[1]) * s * rng.uniform(0.0, 0.3)
                    strokes += _tick(x, y, size, rng)
                density, x0, y0 = _pen(strokes, rng.uniform(0.3, 0.4) / 25.4 * dpi, rng)
                _ink(paper, density, INK_BLUE, x0, y0)
                notes.append(f"{len(chosen)} blue-black reviewer's ticks crossing the rules, rows "
                             + "、".join(f"「{f.label}」" for f in chosen))
        return notes, 0

    return _colour_scan(src, rng, dpi, int(rng.integers(72, 80)), marks, f"{dpi}-dpi colour scan")


def _tick_run(figures: list[_Figure], rng: np.random.Generator) -> list[_Figure]:
    """3 to 6 figures one under another in one column of one table (cells touching), as a reviewer ticks them."""
    runs: list[list[_Figure]] = []
    for f in sorted(figures, key=lambda f: (round(f.cell[0]), f.cell[1])):
        last = runs[-1][-1] if runs else None
        if last is not None and abs(last.cell[0] - f.cell[0]) < 2 and abs(last.cell[3] - f.cell[1]) < 3:
            runs[-1].append(f)
        else:
            runs.append([f])
    long = [r for r in runs if len(r) >= 3] or [max(runs, key=len)]
    run = long[int(rng.integers(len(long)))]
    n = min(len(run), int(rng.integers(3, 7)))
    start = int(rng.integers(0, len(run) - n + 1))
    return run[start:start + n]


def _pen_underlines(src: _Source, rng: np.random.Generator) -> _Result:
    """A reviewer's blue-black ballpoint lines under two rows of each table page: from the label across the column
    lines to the row's last figure, a little under its figures, wobbling and sloping a little. Rows whose label
    takes two lines are chosen where there are any, so the line runs between the label's lines, and a row of a
    list (its label a name, no unit in brackets) first among them."""
    dpi = 200
    s = dpi / 72

    def underline(page: _Page, row: list[_Figure], paper: np.ndarray) -> bool:
        first = page.first_cell(row[0].cell)
        if first is None:
            return False
        x_from = (first[0] + rng.uniform(2, 8)) * s
        x_to = (max(f.word.box[2] for f in row) + rng.uniform(0, 6)) * s
        y = (max(f.word.box[3] for f in row) + rng.uniform(1.0, 2.5)) * s
        n = max(4, int((x_to - x_from) / 60) + 2)
        xs = np.linspace(x_from, x_to, n)
        ys = y + (xs - x_from) * rng.uniform(-0.004, 0.004) + rng.normal(0, 0.8, n)
        density, x0, y0 = _pen([np.column_stack([xs, ys])], rng.uniform(0.3, 0.45) / 25.4 * dpi, rng)
        _ink(paper, density, INK_BLUE, x0, y0)
        return True

    def marks(i: int, paper: np.ndarray) -> tuple[list[str], int]:
        page = src.pages[i]
        rows: dict[tuple[int, int], list[_Figure]] = {}
        for f in page.figures():
            rows.setdefault((round(f.cell[1]), round(f.cell[3])), []).append(f)
        two_lines = [r for r in rows.values()
                     if r[0].cell[3] - r[0].cell[1] > 2.2 * (r[0].word.box[3] - r[0].word.box[1])]
        pool = two_lines or list(rows.values())
        order = [int(k) for k in rng.permutation(len(pool))]
        order.sort(key=lambda k: "（" in pool[k][0].label or "(" in pool[k][0].label)  # names first
        notes = []
        for k in [k for j, k in enumerate(order) if pool[k][0].label not in {pool[m][0].label for m in order[:j]}][:2]:
            if underline(page, pool[k], paper):
                notes.append(f"blue-black pen line under the row 「{pool[k][0].label}」"
                             + (" (between its label's two lines)" if two_lines else ""))
        return notes, 0

    return _colour_scan(src, rng, dpi, int(rng.integers(74, 82)), marks, f"{dpi}-dpi colour scan")


def _rotated(src: _Source, rng: np.random.Generator) -> _Result:
    dpi = 300
    font = ms.find_cjk_font()
    seal_page = src.table_21()[0]
    tables = src.table_pages()
    pool = [i for i in tables if i != seal_page] or tables or list(range(len(src.pages)))
    if len(pool) < 2:
        pool = list(range(len(src.pages)))
    picked = [int(i) for i in rng.choice(pool, size=min(2, len(pool)), replace=False)]
    sideways, upside = picked[0], (picked[1] if len(picked) > 1 else -1)
    quarter = int(rng.choice([90, 270]))

    def marks(i: int, paper: np.ndarray) -> tuple[list[str], int]:
        seal = _stamp_table_21(src, paper, i, dpi, rng, font)
        return ([seal] if seal else []), (quarter if i == sideways else 180 if i == upside else 0)

    return _colour_scan(src, rng, dpi, 80, marks, f"{dpi}-dpi colour scan")


def _new_figure(printed: str, rng: np.random.Generator) -> str:
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    value = float(printed)
    for _ in range(50):
        change = rng.uniform(0.04, 0.22) * rng.choice([-1.0, 1.0])
        step = rng.choice([-1.0, 1.0]) * rng.integers(1, 4)  # small counts change by a few
        new = value * (1 + change) if value >= 5 or decimals else value + step
        text = f"{max(new, 0):.{decimals}f}"
        if text != printed and float(text) > 0:
            return text
    return printed.replace(printed[-1], "7" if printed[-1] != "7" else "3")


@dataclass
class _Plan:
    """One handwritten correction, laid out in page pixels."""
    figure: _Figure
    written: str
    strokes: list[np.ndarray]  # the written figure, in place
    where: str  # beside, above or below the printed one
    width: float  # the pen's line width, pixels


def _free(page: _Page, box: tuple[float, float, float, float], s: float) -> bool:
    """Whether no printed character (its box, pixels at scale ``s``) comes within 2 px of ``box``."""
    left, top, right, bottom = box
    if left < 0 or top < 0 or right > page.width * s or bottom > page.height * s:
        return False
    return not any(c.box[2] > c.box[0] and c.box[0] * s < right + 2 and c.box[2] * s > left - 2
                   and c.box[1] * s < bottom + 2 and c.box[3] * s > top - 2 for c in page.chars)


def _plan_correction(page: _Page, f: _Figure, s: float, rng: np.random.Generator) -> _Plan | None:
    """Where the new figure goes: beside the struck one in its cell, or above it (across the rule if need be),
    or below it in a tall cell — somewhere no print is. None when there is no such place."""
    written = _new_figure(f.word.text, rng)
    left, top, right, bottom = _to_px(f.word.box, s)
    h = bottom - top
    size = h * rng.uniform(1.05, 1.3)
    strokes = _handwritten(written, 0.0, 0.0, size, rng)
    pts = np.vstack(strokes)
    x0, y0, x1, y1 = pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max()
    cell = _to_px(f.cell, s)
    options = {
        "beside": (right + rng.uniform(0.7, 1.1) * h, bottom + rng.uniform(-0.1, 0.1) * h),
        "above": (left + rng.uniform(-0.1, 0.4) * h, top - rng.uniform(0.15, 0.3) * h),
        "below": (left + rng.uniform(0.0, 0.4) * h, bottom + rng.uniform(0.25, 0.4) * h - y0),
    }
    order = ["beside", "above", "below"] if rng.random() < 0.7 else ["above", "beside", "below"]
    for where in order:
        x, baseline = options[where]
        box = (x + x0 - 3, baseline + y0 - 3, x + x1 + 3, baseline + y1 + 3)
        if where == "beside" and box[2] > cell[2] - 0.2 * h:
            continue
        if where == "below" and box[3] > cell[3] - 2:
            continue
        if _free(page, box, s):
            width = rng.uniform(0.3, 0.42) / 25.4 * 200
            return _Plan(f, written, [st + np.array([x, baseline]) for st in strokes], where, width)
    return None


def _handwritten_correction(src: _Source, rng: np.random.Generator) -> _Result:
    dpi = 200
    s = dpi / 72
    seal_page, region, _ = src.table_21()
    figures = [f for p in src.pages for f in p.figures()]
    decimals = [f for f in figures if "." in f.word.text]
    pool = decimals if len(decimals) >= 5 else figures
    in_21 = [f for f in pool if f.page == seal_page and region[1] - 2 <= f.word.box[1] <= region[3] + 2]
    plans: list[_Plan] = []

    def pick(group: list[_Figure]) -> _Plan | None:
        for k in rng.permutation(len(group)):
            f = group[int(k)]
            if any((p.figure.page, p.figure.label) == (f.page, f.label) for p in plans):
                continue  # one correction a row
            if (plan := _plan_correction(src.pages[f.page], f, s, rng)) is not None:
                return plan
        return None

    # one figure of table 2.1, one of another table; failing those, any two
    for group in (in_21, [f for f in pool if f not in in_21], pool):
        if len(plans) < 2 and (plan := pick(group)) is not None:
            plans.append(plan)
    plans.sort(key=lambda p: (p.figure.page, p.figure.word.box[1]))
    corrections = [Correction(p.figure.page + 1, p.figure.label, p.figure.word.text, p.written) for p in plans]

    def marks(i: int, paper: np.ndarray) -> tuple[list[str], int]:
        notes = []
        for plan in (p for p in plans if p.figure.page == i):
            f = plan.figure
            strike = _pen(_strike(_to_px(f.word.box, s), rng, rng.random() < 0.5), plan.width, rng)
            _ink(paper, strike[0], INK_BLUE, strike[1], strike[2])
            pen = _pen(plan.strokes, plan.width, rng)
            _ink(paper, pen[0], INK_BLUE, pen[1], pen[2])
            notes.append(f"「{f.label}」 {f.word.text} struck through, {plan.written} written by hand {plan.where} it")
        return notes, 0

    result = _colour_scan(src, rng, dpi, int(rng.integers(74, 82)), marks, f"{dpi}-dpi colour scan")
    result.corrections = corrections
    return result


def _dark_copy(src: _Source, rng: np.random.Generator) -> _Result:
    dpi = 200
    quality = int(rng.integers(70, 78))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    for i, page in enumerate(src.pages):
        grey = ms.dark_photocopy(src.grey(i, dpi).astype(np.float32), rng)
        h, w = grey.shape
        edge = ""
        if rng.random() < 0.5:  # the lid was not down: a dark band along one edge of the glass
            edge_side = str(rng.choice(["left", "top", "right", "bottom"]))
            band = rng.uniform(0.15, 0.5) / 2.54 * dpi
            across = np.arange(w if edge_side in ("left", "right") else h, dtype=np.float32)
            if edge_side in ("right", "bottom"):
                across = across[::-1]
            fall = np.clip((band - across) / (0.25 * band) + 1, 0, 1) * 0.75
            fall = fall[None, :] if edge_side in ("left", "right") else fall[:, None]
            grey = grey * (1 - fall) + 20 * fall
            edge = f", dark band along the {edge_side} edge ({band / dpi * 25.4:.0f} mm)"
        angle, shift = _skew(rng)
        img = _scan(_paper(grey), rng, angle, shift, grain, chroma)
        result.pages.append(_jpeg(img, quality, dpi, page.width, page.height))
        result.notes.append(f"page {i + 1}: dark photocopy (grey background ~150, black ~35, toner mottle, drum "
                            f"streaks, blur){edge}, scanned at {dpi} dpi, skew {angle:+.2f}°, JPEG q{quality}")
    return result


def _steep_skew(src: _Source, rng: np.random.Generator) -> _Result:
    """A careless flatbed scan: each page laid 2–3.5° off straight, turning one way then the other, scanned at
    200 dpi grey; straightened, one page's column lines land a few points off the page before's."""
    dpi = 200
    quality = int(rng.integers(74, 82))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    for i, page in enumerate(src.pages):
        angle = float(rng.uniform(2.0, 3.5)) * (1 if i % 2 else -1)
        shift = (int(rng.integers(-12, 13)), int(rng.integers(-12, 13)))
        img = _scan(_paper(src.grey(i, dpi)), rng, angle, shift, grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, page.width, page.height))
        result.notes.append(f"page {i + 1}: grey {dpi} dpi, skew {angle:+.2f}°, shift {shift}, JPEG q{quality}")
    return result


def _binder_shadow(src: _Source, rng: np.random.Generator) -> _Result:
    dpi, quality = 300, int(rng.integers(66, 74))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi, 3.0, 0.5)
    for i, page in enumerate(src.pages):
        grey = src.grey(i, dpi).astype(np.float32)
        h, w = grey.shape
        inset = w * rng.uniform(0.006, 0.012)  # the edge away from the hinge lies a little lower: keystone
        corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        far = [[inset, 0], [w - inset, 0], [w, h], [0, h]] if rng.random() < 0.5 else \
            [[0, 0], [w, 0], [w - inset, h], [inset, h]]
        grey = cv2.warpPerspective(grey, cv2.getPerspectiveTransform(corners, np.float32(far)), (w, h),
                                   flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=20)
        band = w * rng.uniform(0.03, 0.045)  # the binding's shadow, darkest at the edge
        fall = (np.clip(1 - np.arange(w, dtype=np.float32) / band, 0, 1) ** 1.5 * 0.85)[None, :]
        grey = grey * (1 - fall) + 15 * fall
        radius, centre_x = 3 / 25.4 * dpi, band + rng.uniform(0.55, 0.75) / 2.54 * dpi
        apart = 80 / 25.4 * dpi
        for cy in (h / 2 - apart / 2, h / 2 + apart / 2):
            cv2.circle(grey, (round(centre_x), round(cy + rng.uniform(-20, 20))), round(radius), 10, -1,
                       lineType=cv2.LINE_AA)
        angle = float(rng.uniform(0.1, 0.5) * rng.choice([-1.0, 1.0]))
        img = _scan(_paper(grey), rng, angle, (0, 0), grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, page.width, page.height))
        result.notes.append(f"page {i + 1}: {dpi}-dpi grey scan of a bound copy, binding shadow "
                            f"{band / dpi * 25.4:.0f} mm, two punched holes, keystone {inset / w:.1%}, "
                            f"skew {angle:+.2f}°, JPEG q{quality}")
    return result


def _copy_of_copy(src: _Source, rng: np.random.Generator) -> _Result:
    dpi, quality = 200, 75
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    for i, page in enumerate(src.pages):
        grey = src.grey(i, dpi).astype(np.float32)
        h, w = grey.shape
        zoom = 1 + rng.uniform(0.01, 0.02)
        matrix = cv2.getRotationMatrix2D((w * rng.uniform(0.4, 0.6), h * rng.uniform(0.4, 0.6)), 0, zoom)
        matrix[:, 2] += rng.uniform(-12, 12, 2)
        grey = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
        grey = cv2.GaussianBlur(grey, (0, 0), 0.9)  # two generations of copier optics
        mottle = cv2.resize(rng.normal(0, 1, (9, 7)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        paper, toner = 224 + 7 * mottle, 72 + 10 * mottle
        grey = toner + (paper - toner) * (grey / 255)
        streaks = int(rng.integers(2, 5))
        for _ in range(streaks):  # a dirty drum's faint lines down the page
            x, width = int(rng.integers(w // 10, 9 * w // 10)), int(rng.integers(1, 4))
            grey[:, x:x + width] -= float(rng.uniform(25, 45))
        for _ in range(int(rng.integers(40, 90))):  # toner specks
            cv2.circle(grey, (int(rng.integers(0, w)), int(rng.integers(0, h))), int(rng.integers(1, 3)),
                       float(rng.uniform(60, 120)), -1)
        angle, shift = _skew(rng)
        img = _scan(_paper(grey), rng, angle, shift, grain, chroma)
        result.pages.append(_jpeg(img, quality, dpi, page.width, page.height))
        result.notes.append(f"page {i + 1}: copy of a copy (print ~72 on paper ~224, mottled), enlarged {zoom - 1:.1%},"
                            f" {streaks} toner streaks, scanned at {dpi} dpi, skew {angle:+.2f}°, JPEG q{quality}")
    return result


# ---------------------------------------------------------------- halftone

def _screen(h: int, w: int, lpi: float, angle: float, fine: int) -> np.ndarray:
    """A round-dot screen (uint8 thresholds: low at the dots' centres) of ``lpi`` lines at ``angle`` radians."""
    k = 2 * math.pi * lpi / fine
    x = np.arange(w, dtype=np.float32)
    out = np.empty((h, w), np.uint8)
    ca, sa = math.cos(angle), math.sin(angle)
    cu_x, su_x = np.cos(k * ca * x), np.sin(k * ca * x)  # u = x cos + y sin; v = -x sin + y cos
    cv_x, sv_x = np.cos(-k * sa * x), np.sin(-k * sa * x)
    for y0 in range(0, h, 512):
        y = np.arange(y0, min(h, y0 + 512), dtype=np.float32)[:, None]
        cos_u = np.cos(k * sa * y) * cu_x - np.sin(k * sa * y) * su_x
        cos_v = np.cos(k * ca * y) * cv_x - np.sin(k * ca * y) * sv_x
        out[y0:y0 + len(y)] = np.clip((0.5 - 0.25 * (cos_u + cos_v)) * 255, 0, 255).astype(np.uint8)
    return out


def _halftone(src: _Source, rng: np.random.Generator) -> _Result:
    """A light copy made on a copier in photo mode: every tone, the text's toner included, is a dot screen
    (printed at 600 dpi), then scanned at 300 dpi grey."""
    dpi, fine = 300, 600
    lpi = float(rng.uniform(96, 110))
    angle = math.radians(45 + rng.uniform(-4, 4))
    lightness = float(rng.uniform(0.6, 0.7))  # how much toner black gets
    background = float(rng.uniform(0.03, 0.06))  # the copier does not quite suppress the paper
    quality = int(rng.integers(76, 83))
    sizes = [(round(p.height / 72 * fine), round(p.width / 72 * fine)) for p in src.pages]
    screen = _screen(max(h for h, _ in sizes), max(w for _, w in sizes), lpi, angle, fine)
    result = _Result([], [])
    grain = _Grain(rng, max(max(hw) for hw in sizes) // 2 + 8, 10.0)  # the toner's scatter, in cover units
    scanner = _Grain(rng, max(max(hw) for hw in sizes) // 2 + 8, 2.0)
    ramp = np.arange(256, dtype=np.float32)
    to_cover = np.clip((255 - ramp) * lightness + 0.5, 0, 255).astype(np.uint8)
    # toner t (0..255) -> paper 255 - 0.93 t -> the scanner's black and white points (12, 250)
    to_scan = np.clip(12 + (255 - ramp * 0.93) * (250 - 12) / 255 + 0.5, 0, 255).astype(np.uint8)
    for i, page in enumerate(src.pages):
        h, w = sizes[i]
        grey = src.grey(i, dpi)
        gh, gw = grey.shape
        cover = cv2.LUT(grey, to_cover)  # toner cover wanted, 0..255
        mottle = cv2.resize(ms.smooth_field(rng, (gh // 16, gw // 16), 4), (gw, gh), interpolation=cv2.INTER_LINEAR)
        cover = cv2.max(cover, np.clip(background * (0.5 + mottle) * 255, 0, 255).astype(np.uint8))
        cover = cv2.addWeighted(cover, 1.0, grain.patch(gh, gw), 1.0, -128)
        big = cv2.GaussianBlur(cv2.resize(cover, (w, h), interpolation=cv2.INTER_CUBIC), (0, 0), 1.0)
        toner = cv2.compare(big, screen[:h, :w], cv2.CMP_GT)  # 255 where a dot prints
        toner = cv2.GaussianBlur(toner, (0, 0), 0.7)  # toner spreads a little
        scanned = cv2.LUT(cv2.resize(toner, (gw, gh), interpolation=cv2.INTER_AREA), to_scan)
        skew, shift = _skew(rng)
        matrix = cv2.getRotationMatrix2D((gw / 2, gh / 2), skew, 1.0)
        matrix[:, 2] += shift
        scanned = cv2.warpAffine(scanned, matrix, (gw, gh), flags=cv2.INTER_LINEAR, borderValue=250)
        scanned = cv2.addWeighted(scanned, 1.0, scanner.patch(gh, gw), 1.0, -128)
        img = Image.fromarray(scanned, "L")
        result.pages.append(_jpeg(img, quality, dpi, page.width, page.height))
        result.notes.append(f"page {i + 1}: light copy, tones as a {lpi:.0f} lpi round-dot screen at "
                            f"{math.degrees(angle):.1f}° printed at {fine} dpi (black at {lightness:.0%} cover, "
                            f"background {background:.0%}), scanned {dpi} dpi grey, skew {skew:+.2f}°, "
                            f"JPEG q{quality}")
    return result


def _coarse_screen_copy(src: _Source, rng: np.random.Generator) -> _Result:
    """A copy of a copy: the first copy washed out, printed again through a coarse dot screen (a cheap copier
    in photo mode), then scanned at 150 dpi grey without descreening, so the screen beats against the
    scanner's grid (moiré) and the paper is a pattern as dark, after a stretch, as a thin rule."""
    dpi, fine = 150, 600
    lpi = float(rng.uniform(50, 58))
    angle = math.radians(float(rng.uniform(18, 45)))
    black, white = float(rng.uniform(100, 115)), float(rng.uniform(188, 200))
    quality = int(rng.integers(72, 78))
    sizes = [(round(p.height / 72 * fine), round(p.width / 72 * fine)) for p in src.pages]
    screen = _screen(max(h for h, _ in sizes), max(w for _, w in sizes), lpi, angle, fine)
    ramp = np.arange(256, dtype=np.float32)
    washed = np.clip(40 + ramp * (215 - 40) / 255, 0, 255).astype(np.uint8)  # the first copy: grey on grey
    result = _Result([], [])
    for i, page in enumerate(src.pages):
        h, w = sizes[i]
        grey = cv2.LUT(src.grey(i, 300), washed)
        cover = 255 - cv2.resize(grey, (w, h), interpolation=cv2.INTER_CUBIC)  # toner wanted, 0..255
        toner = cv2.compare(cover, screen[:h, :w], cv2.CMP_GT)
        paper = 255 - cv2.GaussianBlur(toner, (0, 0), 0.8)
        gh, gw = round(page.height / 72 * dpi), round(page.width / 72 * dpi)
        scanned = cv2.resize(paper, (gw, gh), interpolation=cv2.INTER_LINEAR)  # no descreening: moiré
        scanned = cv2.LUT(scanned, np.clip(black + ramp * (white - black) / 255, 0, 255).astype(np.uint8))
        skew, shift = _skew(rng)
        matrix = cv2.getRotationMatrix2D((gw / 2, gh / 2), skew, 1.0)
        matrix[:, 2] += np.array(shift) * dpi / 300
        scanned = cv2.warpAffine(scanned, matrix, (gw, gh), flags=cv2.INTER_LINEAR, borderValue=round(white))
        result.pages.append(_jpeg(Image.fromarray(scanned, "L"), quality, dpi, page.width, page.height))
        result.notes.append(f"page {i + 1}: copy of a washed-out copy through a {lpi:.0f} lpi screen at "
                            f"{math.degrees(angle):.0f}°, scanned {dpi} dpi grey without descreening (black "
                            f"{black:.0f}, white {white:.0f}), skew {skew:+.2f}°, JPEG q{quality}")
    return result


# ---------------------------------------------------------------- fax

FAX_DOTS = 1728  # per scan line, across 8.5 in
FAX_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
             "/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf",
             "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
             "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _fax_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FAX_FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _fax_fine(src: _Source, rng: np.random.Generator) -> _Result:
    return _fax(src, rng, fine=True)


def _fax(src: _Source, rng: np.random.Generator, fine: bool = False) -> _Result:
    standard = bool(rng.random() < 0.6) and not fine
    lines_per_inch = 98 if standard else 196
    n = len(src.pages)
    month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
    start = int(rng.integers(8 * 3600, 17 * 3600))
    sender = f"0731 8{int(rng.integers(0, 10**7)):07d}"
    receiver = f"0731 8{int(rng.integers(0, 10**7)):07d}"
    style = int(rng.integers(0, 2))
    threshold = float(rng.uniform(150, 175))
    # the sending machine's contact sensor: elements a little more or less sensitive, a few nearly dead ones
    # (the same on every page: thin white gaps down the page that break every horizontal rule they cross)
    response = cv2.GaussianBlur(rng.normal(0, 9, (1, FAX_DOTS)).astype(np.float32), (0, 0), 0.8)[0]
    weak = sorted(int(x) for x in rng.integers(FAX_DOTS // 10, FAX_DOTS - FAX_DOTS // 10, int(rng.integers(2, 5))))
    response[weak] += 95
    result = _Result([], [])
    clock_s = start
    for i, page in enumerate(src.pages):
        across = FAX_DOTS / page.width * 72  # dots per inch across
        w = FAX_DOTS
        h = round(page.height / 72 * across)
        grey = cv2.resize(src.grey(i, across), (w, h), interpolation=cv2.INTER_AREA).astype(np.float32)
        # the sending machine's feeder: skew and a little vertical stretch
        skew = float(rng.uniform(0.2, 1.2) * rng.choice([-1.0, 1.0]))
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0)
        matrix[1, 1] *= float(rng.uniform(0.99, 1.01))
        matrix[:, 2] += (float(rng.uniform(-6, 6)), float(rng.uniform(-8, 8)))
        grey = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
        # the header (TTI) the sending machine prints into the top of every page
        clock = f"{clock_s // 3600:02d}:{clock_s // 60 % 60:02d}"
        clock_s += int(rng.integers(20, 45))  # the next page goes out half a minute later
        if style == 0:
            header = (f"{MONTHS[month - 1]}-{day:02d}-2024  {clock}      FROM:{sender}"
                      f"          TO:{receiver}          P.{i + 1:02d}/{n:02d}")
        else:
            header = (f"2024/{month:02d}/{day:02d} {clock}   FAX {sender}   CS-JKQ GXJ   #{int(rng.integers(100, 999))}"
                      f"   P.{i + 1:03d}/{n:03d}")
        strip = Image.new("L", (w, 40), 255)
        ImageDraw.Draw(strip).text((round(rng.uniform(30, 70)), 8), header, fill=0, font=_fax_font(22))
        top = round(rng.uniform(0.06, 0.14) * across)
        grey[top:top + 40] = np.minimum(grey[top:top + 40], np.asarray(strip, dtype=np.float32))
        # the scan lines: 98 or 196 per inch, each the average of the strip of paper it covers
        rows = round(page.height / 72 * lines_per_inch)
        grey = cv2.resize(grey, (w, rows), interpolation=cv2.INTER_AREA)
        grey = cv2.GaussianBlur(grey, (0, 0), 0.5)
        grey += rng.normal(0, 14, grey.shape).astype(np.float32)
        grey += (cv2.resize(ms.smooth_field(rng, (rows // 16, w // 16), 2), (w, rows)) - 0.5) * 30
        # the CCD's uneven response, blotches a few dots wide: thin lines and light strokes drop out in places
        grey += (cv2.resize(ms.smooth_field(rng, (rows // 3, w // 3), 1.0), (w, rows)) - 0.5) * 120
        grey += response[None, :]
        black = grey < threshold
        # line noise: specks, clusters, pinholes, a dirty glass streak, a few garbled or dropped scan lines
        specks = rng.random(black.shape) < 0.0007
        black |= specks
        clusters = rng.random(black.shape) < 0.00004
        black |= cv2.dilate(clusters.astype(np.uint8), np.ones((2, 3), np.uint8)) > 0
        black &= ~(rng.random(black.shape) < 0.015)
        what = []
        if rng.random() < 0.5:
            x = int(rng.integers(w // 8, w - w // 8))
            black[:, x] |= rng.random(rows) < 0.9
            what.append("a dirty-glass streak down the page")
        for _ in range(int(rng.integers(1, 4))):
            y = int(rng.integers(rows // 10, rows - 4))
            x0 = int(rng.integers(0, w // 2))
            x1 = int(rng.integers(x0 + w // 8, w))
            if rng.random() < 0.5:
                black[y, x0:x1] = black[y - 1, x0:x1]
            else:
                black[y, x0:x1] = rng.random(x1 - x0) < 0.35
        what.append("garbled scan lines")
        if fine:  # without error correction, a line lost on the line prints white
            lost = sorted(int(y) for y in rng.integers(rows // 10, rows - 4, int(rng.integers(4, 9))))
            for y in lost:
                black[y:y + int(rng.integers(1, 3))] = False
            what.append(f"scan lines lost at y={lost}")
        bits = np.packbits(~black, axis=1)  # 1 = white in /DeviceGray
        data = zlib.compress(bits.tobytes(), 9)
        result.pages.append(_Out(data, w, rows, "DeviceGray", 1, "FlateDecode", page.width, page.height))
        result.notes.append(f"page {i + 1}: fax, {'standard' if standard else 'fine'} resolution ({across:.0f}×"
                            f"{lines_per_inch} dpi, {w}×{rows} 1-bit), threshold {threshold:.0f}, skew {skew:+.2f}°, "
                            f"header 「{header.strip()}」, weak sensor dots at x={weak}, specks, {', '.join(what)}")
    return result


def _black_and_white(src: _Source, rng: np.random.Generator, marks: Marks | None = None) -> _Result:
    """An office scanner's black-and-white mode at 300 dpi: the page scanned in grey (a little skew, blur and
    noise, the toner's grain), then each pixel set black or white against its neighbourhood (an adaptive
    threshold, as such scanners and their drivers do). A thin rule where the toner is light drops out in
    pieces; what is left of it stands in the text beside it. ``marks`` are made on the paper first."""
    dpi = 300
    block, offset = 31, float(rng.uniform(36, 44))
    result = _Result([], [])
    for i, page in enumerate(src.pages):
        grey = src.grey(i, dpi).astype(np.float32)
        marked = ""
        if marks is not None:
            paper = cv2.cvtColor(grey.astype(np.uint8), cv2.COLOR_GRAY2RGB)
            notes, _ = marks(i, paper)
            grey = cv2.cvtColor(paper, cv2.COLOR_RGB2GRAY).astype(np.float32)
            marked = "".join(f"; {note}" for note in notes)
        h, w = grey.shape
        grain = cv2.GaussianBlur(rng.standard_normal((h, w), dtype=np.float32), (0, 0), 1.5)
        toner = np.clip(0.92 + 0.2 * grain / max(float(grain.std()), 1e-6), 0.2, 1.0)  # toner's grain
        grey = 255 - (255 - grey) * toner  # lighter print where the toner is thin
        angle = float(rng.uniform(-0.5, 0.5))
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        grey = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
        grey = cv2.GaussianBlur(grey, (0, 0), 0.8) + rng.normal(0, 4, grey.shape).astype(np.float32)
        scanned = np.clip(grey, 0, 255).astype(np.uint8)
        black = cv2.adaptiveThreshold(scanned, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY,
                                      block, offset) == 0
        data = zlib.compress(np.packbits(~black, axis=1).tobytes(), 9)  # 1 = white in /DeviceGray
        result.pages.append(_Out(data, w, h, "DeviceGray", 1, "FlateDecode", page.width, page.height))
        result.notes.append(f"page {i + 1}: black and white at {dpi} dpi, adaptive threshold (block {block}, "
                            f"offset {offset:.0f}), skew {angle:+.2f}°, grainy toner{marked}")
    return result


# ---------------------------------------------------------------- phone photo

PHOTO_W, PHOTO_H = 3024, 4032  # 12 MP, held upright
DESKS = ("oak desk", "grey laminate desk", "beige office desk", "dark desk pad")


def _desk(kind: str, rng: np.random.Generator) -> np.ndarray:
    """A desk surface (uint8 RGB) a little larger than the photo, so each page can be taken at another spot."""
    w, h = (PHOTO_W + 256) // 2, (PHOTO_H + 256) // 2
    if kind == "oak desk":
        ang = rng.uniform(-0.3, 0.3) + (math.pi / 2 if rng.random() < 0.5 else 0)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        v = -xx * math.sin(ang) + yy * math.cos(ang)
        warp = cv2.resize(ms.smooth_field(rng, (h // 64 + 2, w // 64 + 2), 1.5), (w, h)) * 60
        rings = 0.5 + 0.5 * np.sin((v + warp) * (2 * math.pi / rng.uniform(28, 45)))
        fibres = ms.smooth_field(rng, (h, w), 0.8)
        streak_shape = (h, 8) if abs(math.cos(ang)) > 0.7 else (8, w)
        streaks = cv2.resize(ms.smooth_field(rng, streak_shape, 0.6), (w, h))
        tone = 0.55 * rings ** 3 + 0.25 * streaks + 0.2 * fibres
        base, dark = np.array([196, 150, 104], np.float32), np.array([142, 96, 60], np.float32)
        desk = base * (1 - tone[..., None]) + dark * tone[..., None]
    else:
        base = {"grey laminate desk": (150, 152, 150), "beige office desk": (206, 194, 170),
                "dark desk pad": (52, 50, 52)}[kind]
        grain = rng.normal(0, 1, (h, w)).astype(np.float32)
        grain = cv2.GaussianBlur(grain, (0, 0), 0.7) * (6 if kind != "dark desk pad" else 4)
        low = (cv2.resize(ms.smooth_field(rng, (h // 32, w // 32), 3), (w, h)) - 0.5) * 14
        desk = np.array(base, np.float32) + (grain + low)[..., None]
    return cv2.resize(np.clip(desk, 0, 255).astype(np.uint8), (PHOTO_W + 256, PHOTO_H + 256),
                      interpolation=cv2.INTER_LINEAR)


def _blend(a: np.ndarray, b: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """a × weight + b × (1 − weight), all uint8 (weight 0..255, as many channels as the images)."""
    return cv2.add(cv2.multiply(a, weight, scale=1 / 255), cv2.multiply(b, cv2.bitwise_not(weight), scale=1 / 255))


def _half_blur(img: np.ndarray, sigma: float) -> np.ndarray:
    """A wide gaussian blur, done at half size (it is smooth anyway)."""
    h, w = img.shape[:2]
    half = cv2.GaussianBlur(cv2.resize(img, (w // 2, h // 2), interpolation=cv2.INTER_AREA), (0, 0), sigma / 2)
    return cv2.resize(half, (w, h), interpolation=cv2.INTER_LINEAR)


def _curled_photo(src: _Source, rng: np.random.Generator) -> _Result:
    return _photo(src, rng, curl=True)


def _photo(src: _Source, rng: np.random.Generator, curl: bool = False) -> _Result:
    dpi = 300  # the page is rendered at this, then drawn into the photo about life size
    kind = DESKS[int(rng.integers(len(DESKS)))]
    desk = _desk(kind, rng)
    warm = rng.random() < 0.6
    cast = np.array([1.0, 0.94, 0.82] if warm else [0.9, 0.97, 1.0], np.float32) * rng.uniform(0.97, 1.03, 3)
    paper_rgb = np.array([250, 248, 242], np.float32)
    noise_field = cv2.GaussianBlur(rng.normal(128, 5.5, (PHOTO_H + 64, PHOTO_W + 64)).astype(np.float32), (0, 0), 0.7)
    noise_field = np.clip(noise_field, 0, 255).astype(np.uint8)
    quality = 75
    coarse_w, coarse_h = PHOTO_W // 8, PHOTO_H // 8
    result = _Result([], [])
    for i in range(len(src.pages)):
        grey = src.grey(i, dpi)
        grey = cv2.LUT(grey, np.clip(24 + np.arange(256) * (231 / 255), 0, 255).astype(np.uint8))  # printed black
        gh, gw = grey.shape
        # where the sheet lies in the picture: size, place, turn; then the camera's tilt (keystone)
        theta = float(rng.uniform(0.6, 4.0) * rng.choice([-1.0, 1.0]))
        scale = rng.uniform(0.8, 0.88) * PHOTO_H / gh
        cx, cy = PHOTO_W / 2 + rng.uniform(-0.03, 0.03) * PHOTO_W, PHOTO_H / 2 + rng.uniform(-0.025, 0.025) * PHOTO_H
        corners = np.array([[-gw / 2, -gh / 2], [gw / 2, -gh / 2], [gw / 2, gh / 2], [-gw / 2, gh / 2]]) * scale
        rot = np.array([[math.cos(math.radians(theta)), -math.sin(math.radians(theta))],
                        [math.sin(math.radians(theta)), math.cos(math.radians(theta))]])
        placed = corners @ rot.T + [cx, cy]
        tilt_v = float(rng.uniform(0.03, 0.08)) * (1 if rng.random() < 0.75 else -1)  # top farther than bottom
        tilt_h = float(rng.uniform(-0.04, 0.04))
        frame = np.array([[0, 0], [PHOTO_W, 0], [PHOTO_W, PHOTO_H], [0, PHOTO_H]], np.float32)
        squeeze = np.array([[max(tilt_v, 0) + max(tilt_h, 0), max(tilt_h, 0)],
                            [max(tilt_v, 0) + max(-tilt_h, 0), max(-tilt_h, 0)],
                            [max(-tilt_v, 0) + max(-tilt_h, 0), max(-tilt_h, 0)],
                            [max(-tilt_v, 0) + max(tilt_h, 0), max(tilt_h, 0)]]) / 2
        toward = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]], np.float32)
        camera = frame + toward * squeeze * [PHOTO_W, PHOTO_H]
        tilt = cv2.getPerspectiveTransform(frame, camera.astype(np.float32))
        dst = cv2.perspectiveTransform(placed.reshape(1, 4, 2).astype(np.float64), tilt).reshape(4, 2)
        dst += rng.normal(0, 0.003, (4, 2)) * [gw * scale, gh * scale]
        # keep the whole sheet in the picture
        margin = 0.015 * PHOTO_W
        lo, hi = dst.min(axis=0), dst.max(axis=0)
        fit = min(1.0, (PHOTO_W / 2 - margin) / max(PHOTO_W / 2 - lo[0], hi[0] - PHOTO_W / 2),
                  (PHOTO_H / 2 - margin) / max(PHOTO_H / 2 - lo[1], hi[1] - PHOTO_H / 2))
        dst = (dst - [PHOTO_W / 2, PHOTO_H / 2]) * fit + [PHOTO_W / 2, PHOTO_H / 2]
        src_corners = np.array([[0, 0], [gw, 0], [gw, gh], [0, gh]], np.float32)
        homography = cv2.getPerspectiveTransform(dst.astype(np.float32), src_corners)  # photo -> page
        # the inverse map on a coarse grid, with the paper not quite flat, then at full size
        gy, gx = np.mgrid[0:coarse_h + 1, 0:coarse_w + 1].astype(np.float32) * 8
        bend = 8.0 * float(rng.uniform(0.4, 1.0))  # pixels: a sheet lying not quite flat bends gently
        for grid in (gx, gy):
            grid += (cv2.resize(rng.random((4, 3), dtype=np.float32), (grid.shape[1], grid.shape[0]),
                                interpolation=cv2.INTER_CUBIC) - 0.5) * bend
        lift = 0.0
        if curl:  # one side of the sheet lifts off the desk (it was folded, or stapled): its rows bow
            lift = float(rng.uniform(0.003, 0.004)) * PHOTO_H
            start = float(rng.uniform(0.35, 0.5)) * PHOTO_W
            along = np.clip((gx - start) / (PHOTO_W - start), 0, None)
            gy += lift * along ** 2 * (1 if rng.random() < 0.5 else -1)
        pts = cv2.perspectiveTransform(np.stack([gx, gy], axis=-1).reshape(1, -1, 2).astype(np.float64), homography)
        pts = pts.reshape((*gx.shape, 2)).astype(np.float32)
        mapx = cv2.resize(pts[..., 0], (PHOTO_W + 8, PHOTO_H + 8), interpolation=cv2.INTER_LINEAR)[:PHOTO_H, :PHOTO_W]
        mapy = cv2.resize(pts[..., 1], (PHOTO_W + 8, PHOTO_H + 8), interpolation=cv2.INTER_LINEAR)[:PHOTO_H, :PHOTO_W]
        sheet = cv2.remap(grey, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255)
        mask = cv2.remap(np.full_like(grey, 255), mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=0)
        paper = cv2.merge([cv2.convertScaleAbs(sheet, alpha=float(c) / 255) for c in paper_rgb])
        ox, oy = int(rng.integers(0, 256)), int(rng.integers(0, 256))
        table = np.ascontiguousarray(desk[oy:oy + PHOTO_H, ox:ox + PHOTO_W])
        scene = _blend(paper, table, cv2.merge([mask, mask, mask]))
        # light: exposure, a gradient, vignetting, the sheet's shadow on the desk, the phone's shadow
        yy, xx = np.mgrid[0:coarse_h, 0:coarse_w].astype(np.float32)
        xn, yn = (xx - coarse_w / 2) / (coarse_w / 2), (yy - coarse_h / 2) / (coarse_h / 2)
        phi = rng.uniform(0, 2 * math.pi)
        gradient = 1 + rng.uniform(0.12, 0.25) * (xn * math.cos(phi) + yn * math.sin(phi)) / 1.4
        vignette = 1 - rng.uniform(0.15, 0.28) * (xn ** 2 + yn ** 2) / 2
        small_mask = cv2.resize(mask, (coarse_w, coarse_h), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
        contact = cv2.GaussianBlur(np.roll(small_mask, (1, 1), axis=(0, 1)), (0, 0), 1.2) * (1 - small_mask)
        blob = np.zeros((coarse_h, coarse_w), np.float32)
        side = int(rng.integers(4))
        depth = float(rng.uniform(0.25, 0.42))
        reach = rng.uniform(0.25, 0.5)
        along = rng.uniform(0.25, 0.75)
        half = rng.uniform(0.12, 0.22)
        if side in (0, 2):  # from the bottom or top edge: the phone held over the sheet
            x_mid = along * coarse_w
            y_edge = coarse_h + 20 if side == 0 else -20
            y_tip = coarse_h * (1 - reach) if side == 0 else coarse_h * reach
            poly = [(x_mid - half * coarse_w, y_edge), (x_mid + half * coarse_w, y_edge),
                    (x_mid + half * coarse_w * 0.8, y_tip), (x_mid - half * coarse_w * 0.8, y_tip)]
        else:  # from the left or right edge: a hand
            y_mid = along * coarse_h
            x_edge = coarse_w + 20 if side == 1 else -20
            x_tip = coarse_w * (1 - reach) if side == 1 else coarse_w * reach
            poly = [(x_edge, y_mid - half * coarse_h), (x_edge, y_mid + half * coarse_h),
                    (x_tip, y_mid + half * coarse_h * 0.7), (x_tip, y_mid - half * coarse_h * 0.7)]
        cv2.fillPoly(blob, [np.round(np.array(poly)).astype(np.int32)], 1.0, lineType=cv2.LINE_AA)
        blob = cv2.GaussianBlur(blob, (0, 0), rng.uniform(8, 16))
        light = gradient * vignette
        light = (light / light.max() * rng.uniform(0.9, 0.98) * (1 - 0.35 * contact))[..., None] * cast
        light = light * (1 - depth * blob[..., None] * np.array([1.0, 0.97, 0.9], np.float32))  # shadows cooler
        light_full = cv2.resize(np.clip(light * 255, 0, 255).astype(np.uint8), (PHOTO_W, PHOTO_H),
                                interpolation=cv2.INTER_LINEAR)
        img = cv2.multiply(scene, light_full, scale=1 / 255)
        # optics: defocus, worse towards one side; sensor noise; the phone's sharpening
        sigma = float(rng.uniform(1.1, 1.7))
        soft = cv2.GaussianBlur(img, (0, 0), sigma)
        softer = _half_blur(soft, sigma * 1.5)
        psi = rng.uniform(0, 2 * math.pi)
        focus = np.clip(0.5 + 0.6 * (xn * math.cos(psi) + yn * math.sin(psi)), 0, 1) ** 2
        focus8 = cv2.resize(np.clip(focus * 255, 0, 255).astype(np.uint8), (PHOTO_W, PHOTO_H),
                            interpolation=cv2.INTER_LINEAR)
        img = _blend(softer, soft, cv2.merge([focus8, focus8, focus8]))
        channels = []
        for c in cv2.split(img):  # each channel its own patch of the noise field
            ax, ay = (int(v) for v in rng.integers(0, 64, 2))
            channels.append(cv2.addWeighted(c, 1.0, noise_field[ay:ay + PHOTO_H, ax:ax + PHOTO_W], 1.0, -128))
        img = cv2.merge(channels)
        img = cv2.addWeighted(img, 1.45, _half_blur(img, 2.0), -0.45, 0)  # the phone's sharpening
        pil = Image.fromarray(img, "RGB")  # every colour above is RGB; cv2 does not care about the order
        page_w = 612.0
        result.pages.append(_jpeg(pil, quality, PHOTO_W / page_w * 72, page_w, page_w * PHOTO_H / PHOTO_W))
        flat = (placed - [PHOTO_W / 2, PHOTO_H / 2]) * fit + [PHOTO_W / 2, PHOTO_H / 2]
        shift = np.abs(dst - flat).max() / (gh * scale * fit) * 100
        result.notes.append(
            f"page {i + 1}: phone photo {PHOTO_W}×{PHOTO_H} on a {kind}, sheet turned {theta:+.1f}°, keystone "
            f"(corners moved up to {shift:.1f}% of the page), {'warm' if warm else 'cool'} cast, light gradient and "
            f"vignetting, {['phone', 'hand', 'phone', 'hand'][side]} shadow from the "
            f"{['bottom', 'right', 'top', 'left'][side]} ({depth:.0%} darker), defocus σ {sigma:.1f}px, "
            f"JPEG q{quality}" + (f", the sheet's right side lifted: its rows bow up to {lift:.0f}px" if curl else ""))
    return result


# ================================================================ the PDF

def _pdf_string(text: str) -> bytes:
    return text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _write_pdf(path: Path, pages: list[_Out], title: str, transform: str) -> None:
    """One full-page image per page, and nothing else but a scanner's invisible text where a transform lays
    one under the image. Fixed dates and /ID."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    tree = add(b"")
    kids = []
    for p in pages:
        image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent %d "
                    b"/Filter /%s /Length %d >>\nstream\n"
                    % (p.width, p.height, p.colour.encode(), p.bits, p.filter.encode(), len(p.data))
                    + p.data + b"\nendstream")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (p.page_w, p.page_h) + b"".join(
            b"\nBT 3 Tr /F1 %.1f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (size, x, y, _pdf_string(text))
            for x, y, size, text in p.hidden)
        content = zlib.compress(content, 9)
        stream = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream")
        proc = b"/ImageC" if p.colour == "DeviceRGB" else b"/ImageB"
        font = b" /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>" if p.hidden else b""
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                        b"/Resources << /XObject << /Im0 %d 0 R >>%s /ProcSet [/PDF %s] >> >>"
                        % (tree, p.page_w, p.page_h, stream, image, font, proc)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(kids), b" ".join(b"%d 0 R" % k for k in kids))
    info = add(b"<< /Title <%s> /Producer (reportcheck tests/variants/scans.py, simulated %s) "
               b"/CreationDate (%s) /ModDate (%s) >>"
               % (("\ufeff" + title).encode("utf-16-be").hex().encode(), transform.encode(), PDF_DATE.encode(),
                  PDF_DATE.encode()))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    file_id = hashlib.md5(bytes(out)).hexdigest().encode()  # an identifier, not security
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, file_id, file_id, xref))
    path.write_bytes(bytes(out))


_STAMPED_TITLES = ("集群主要经济指标", "集群企业培育情况", "集群创新情况", "集群绿色发展情况", "园区主要经济指标")


def _stamp_density(text: str, font: tuple[str, int] | None, height: int, rng: np.random.Generator) -> np.ndarray:
    """A rectangular rubber stamp's ink (0..1): a border and ``text``, pressed unevenly and a few degrees off
    straight (the image is taller than the stamp by the room its turn takes)."""
    width = round(height * (0.9 * len(text) + 0.7))
    img = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(img)
    border = max(2, height // 12)
    draw.rectangle([border // 2, border // 2, width - 1 - border // 2, height - 1 - border // 2], outline=255,
                   width=border)
    face = ImageFont.truetype(font[0], round(height * 0.62), index=font[1]) if font else _fax_font(height // 2)
    draw.text((width / 2, height / 2), text, fill=255, font=face, anchor="mm")
    pressed = cv2.GaussianBlur(rng.random((height, width), dtype=np.float32), (0, 0), height / 6)
    pressed = 0.65 + 0.35 * (pressed - pressed.min()) / max(float(np.ptp(pressed)), 1e-6)
    density = np.asarray(img, np.float32) / 255 * pressed
    tilt = float(rng.uniform(-6, 6))  # a hand presses a stamp a few degrees off straight
    pad = round(width * 0.06)
    density = cv2.copyMakeBorder(density, pad, pad, 0, 0, cv2.BORDER_CONSTANT, value=0)
    turn = cv2.getRotationMatrix2D((width / 2, height / 2 + pad), tilt, 1.0)
    return cv2.warpAffine(density, turn, density.shape[::-1], flags=cv2.INTER_LINEAR)


def _stamps_beside_headings(src: _Source, rng: np.random.Generator) -> _Result:
    """A 200-dpi colour scan of a report a bureau received and checked: a blue 已审核 stamp pressed on the line of
    some section headings, a few millimetres right of their titles (as a clerk stamps what was checked)."""
    dpi = 200
    return _colour_scan(src, rng, dpi, int(rng.integers(76, 84)), _heading_stamps(src, rng, dpi),
                        f"{dpi}-dpi colour scan")


def _stamps_black_and_white(src: _Source, rng: np.random.Generator) -> _Result:
    """The stamped report of :func:`_stamps_beside_headings` scanned in an office scanner's black-and-white
    mode (:func:`_black_and_white`): the stamp's blue is black like the print, its colour no longer tells it."""
    return _black_and_white(src, rng, _heading_stamps(src, rng, 300))


def _heading_stamps(src: _Source, rng: np.random.Generator, dpi: int) -> Marks:
    """A blue 已审核 stamp pressed right of some section titles, for a scan at ``dpi``."""
    font, s = ms.find_cjk_font(), dpi / 72

    def marks(i: int, paper: np.ndarray) -> tuple[list[str], int]:
        notes = []
        for title in _STAMPED_TITLES:
            for box in src.pages[i].find(title)[:1]:
                height = round((box[3] - box[1]) * s * rng.uniform(1.5, 1.8))
                density = _stamp_density("已审核", font, height, rng)
                x0 = round((box[2] + rng.uniform(10, 16)) * s)
                y0 = round((box[1] + box[3]) / 2 * s - density.shape[0] / 2)
                _ink(paper, density, INK_STAMP, x0, y0)
                notes.append(f"blue 已审核 stamp right of 「{title}」")
        return notes, 0

    return marks


_LOOK_ALIKE = {"0": "O", "1": "l", "5": "S", "8": "B", "2": "Z", "6": "b"}
_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _misread(text: str, rng: np.random.Generator) -> str:
    """``text`` as an OCR set to English reads a Chinese page: each Chinese character some Latin letter, a
    third of the digits a letter like them (0 → O, 5 → S), other ASCII kept."""
    out = []
    for ch in text:
        if ch in _LOOK_ALIKE and rng.random() < 0.3:
            out.append(_LOOK_ALIKE[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            out.append(_LATIN[int(rng.integers(len(_LATIN)))])
    return "".join(out)


def _ocr_text_layer(src: _Source, rng: np.random.Generator) -> _Result:
    """A 300-dpi colour scan by a scanner (or an app) that lays its own OCR under each page image, as
    invisible text (render mode 3), read with the wrong language: Chinese as Latin letters, digits as look-alike
    letters, and every word where the page stood before the scan's skew moved it."""
    result = _colour_scan(src, rng, 300, 82, lambda _i, _paper: ([], 0), "300-dpi colour scan, invisible OCR layer")
    for i, page in enumerate(src.pages):
        hidden = tuple((w.box[0], page.height - w.box[3], max(4.0, w.box[3] - w.box[1]), _misread(w.text, rng))
                       for w in page.words if w.text.strip())
        result.pages[i] = replace(result.pages[i], hidden=hidden)
        result.notes[i] += f"; {len(hidden)} words of invisible text read in the wrong language"
    return result


# ---------------------------------------------------------------- footnote marks

MARK_SIZE = 0.62  # a superscript's size against the figure's digits, as Word sets it


def _glyph(page: _Page, digit: str, near: Box) -> _Char | None:
    """A printed ``digit`` of the page (the one nearest ``near``): its glyph is the mark's, in the page's font."""
    found = [c for c in page.chars if c.text == digit and c.box[2] > c.box[0]]
    return min(found, key=lambda c: abs(c.box[1] - near[1]) + abs(c.box[0] - near[0]), default=None)


def _figure_right_of(figure: _Figure, figures: list[_Figure]) -> bool:
    return any(abs(f.cell[1] - figure.cell[1]) < 1 and f.cell[0] > figure.cell[0] + 1 for f in figures)


def _footnote_marks(src: _Source, rng: np.random.Generator) -> _Result:
    """A 300-dpi grey scan of a report that marks some figures with footnote numbers, as Word sets them (73.9¹):
    the page's own digit, three fifths its size, its top at the figure's top, just after it. Eight figures of
    the tables with another figure right of them in their row (a year's, not the growth's), numbered 1, 2, 3 …
    in order."""
    dpi, quality = 300, int(rng.integers(78, 86))
    figures = [f for page in src.pages for f in page.figures() if _figure_right_of(f, page.figures())]
    chosen = sorted(rng.choice(len(figures), size=min(8, len(figures)), replace=False)) if figures else []
    by_page: dict[int, list[tuple[int, _Figure]]] = {}
    for n, k in enumerate(chosen, start=1):
        by_page.setdefault(figures[k].page, []).append((n, figures[k]))
    s = dpi / 72

    def marks(index: int, paper: np.ndarray) -> tuple[list[str], int]:
        page, notes = src.pages[index], []
        for n, figure in by_page.get(index, []):
            glyph = _glyph(page, str(n), figure.word.box)
            if glyph is None:
                continue
            x0, top, x1, bottom = (round(v * s) for v in glyph.box)
            crop = paper[top:bottom, x0:x1]
            small = cv2.resize(crop, None, fx=MARK_SIZE, fy=MARK_SIZE, interpolation=cv2.INTER_AREA)
            left, up = round(figure.word.box[2] * s + 0.4 * s), round(figure.word.box[1] * s)
            h, w = small.shape[:2]
            paper[up:up + h, left:left + w] = np.minimum(paper[up:up + h, left:left + w], small)
            notes.append(f"{figure.label} {figure.word.text} marked {n}")
        return notes, 0

    return _colour_scan(src, rng, dpi, quality, marks, f"grey scan at {dpi} dpi with footnote marks")


def _toner_low(src: _Source, rng: np.random.Generator) -> _Result:
    """A laser printer low on toner: the print lighter all over, and one or two bands down every page (where
    the drum ran dry, the same on each) faint and broken — a table's rules there come in dashes, characters
    have gaps; scanned in grey at 300 dpi."""
    dpi, quality = 300, int(rng.integers(72, 80))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    width = round(src.pages[0].width / 72 * dpi)
    bands = []
    for _ in range(int(rng.integers(1, 3))):
        band = round(rng.uniform(0.5, 1.0) * dpi)
        x0 = int(rng.integers(round(0.3 * width), round(0.85 * width) - band))
        bands.append((x0, x0 + band))
    for i in range(len(src.pages)):
        ink = 255 - src.grey(i, dpi).astype(np.float32)
        h, w = ink.shape
        ink *= 0.85
        for x0, x1 in bands:
            x1 = min(x1, w)
            if x1 <= x0:
                continue
            field = rng.random((h // 5 + 1, (x1 - x0) // 5 + 1)).astype(np.float32)
            missed = cv2.resize(field, ((x1 - x0 + 4) // 5 * 5, (h + 4) // 5 * 5),
                                interpolation=cv2.INTER_NEAREST)[:h, :x1 - x0] < 0.2
            ink[:, x0:x1] *= np.where(missed, 0.0, 0.6)
        angle, shift = _skew(rng)
        img = _scan(_paper(255 - ink), rng, angle, shift, grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, src.pages[i].width, src.pages[i].height))
        result.notes.append(f"page {i + 1}: toner low (print at 85 %, faint broken bands at x="
                            + ", ".join(f"{a / dpi * 25.4:.0f}–{b / dpi * 25.4:.0f} mm" for a, b in bands)
                            + f"), grey {dpi} dpi, skew {angle:+.2f}°, JPEG q{quality}")
    return result


def _auto_cropped(src: _Source, rng: np.random.Generator) -> _Result:
    """A scanner's auto-crop: each page cut to its print with a margin of its own, one or two sides cut
    tight, so that pages come in different sizes and a table going on over a page stands further left or
    up on one page than on the page before (grey, 200 dpi)."""
    dpi, quality = 200, int(rng.integers(72, 80))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    for i in range(len(src.pages)):
        angle, shift = _skew(rng)
        grey = np.asarray(_scan(_paper(src.grey(i, dpi)), rng, angle, shift, grain, chroma).convert("L"))
        rows, cols = np.nonzero(cv2.medianBlur(grey, 5) < 160)  # the print, not a speck of dust
        if not len(rows):  # a blank page: nothing to cut it to
            rows, cols = np.array([0, grey.shape[0] - 1]), np.array([0, grey.shape[1] - 1])
        tight = set(rng.choice(["left", "top", "right", "bottom"], size=int(rng.integers(1, 3)), replace=False))
        margin = {side: int(rng.integers(3, 8)) if side in tight else int(rng.integers(40, 160))
                  for side in ("left", "top", "right", "bottom")}
        h, w = grey.shape
        top, bottom = max(0, rows.min() - margin["top"]), min(h, rows.max() + margin["bottom"])
        left, right = max(0, cols.min() - margin["left"]), min(w, cols.max() + margin["right"])
        img = Image.fromarray(np.ascontiguousarray(grey[top:bottom, left:right]), "L")
        result.pages.append(_jpeg(img, quality, dpi, img.width / dpi * 72, img.height / dpi * 72))
        result.notes.append(f"page {i + 1}: auto-cropped to {img.width}×{img.height} px (cut tight: "
                            f"{', '.join(sorted(tight))}), grey {dpi} dpi, skew {angle:+.2f}°, JPEG q{quality}")
    return result


def _two_up_a3(src: _Source, rng: np.random.Generator) -> _Result:
    return _two_up(src, rng, a3=True)


def _two_up(src: _Source, rng: np.random.Generator, a3: bool = False) -> _Result:
    """Two pages printed side by side on one landscape sheet, as a printer driver's "2 pages per sheet" does,
    then scanned: on A4 (each page scaled to about 0.7 with a gutter, 300 dpi, so its text stands about
    210 dpi), or on A3 (each half an A4 page at full size, 200 dpi); an odd last page alone on the left half."""
    dpi = 200 if a3 else 300
    quality = int(rng.integers(70, 80))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi * 2)
    for first in range(0, len(src.pages), 2):
        page = src.pages[first]
        if a3:
            sheet_w, sheet_h, fit = 2 * page.width, page.height, 1.0
        else:
            sheet_w, sheet_h = page.height, page.width  # the same A4 sheet turned landscape
            fit = min((sheet_w / 2 - 0.6 * 72 / 2.54) / page.width, (sheet_h - 1.0 * 72 / 2.54) / page.height)
        w, h = round(sheet_w / 72 * dpi), round(sheet_h / 72 * dpi)
        sheet = np.full((h, w), 255.0, np.float32)
        placed = []
        for half, index in enumerate(range(first, min(first + 2, len(src.pages)))):
            grey = src.grey(index, dpi).astype(np.float32)
            if fit != 1.0:
                grey = cv2.resize(grey, None, fx=fit, fy=fit, interpolation=cv2.INTER_AREA)
            gh, gw = grey.shape
            x = round(w / 4 + half * w / 2 - gw / 2)
            y = round((h - gh) / 2)
            sheet[y:y + gh, x:x + gw] = np.minimum(sheet[y:y + gh, x:x + gw], grey[:h - y, :w - x])
            placed.append(str(index + 1))
        angle, shift = _skew(rng)
        img = _scan(_paper(sheet), rng, angle, shift, grain, chroma)
        result.pages.append(_jpeg(img, quality, dpi, sheet_w, sheet_h))
        laid = f"pages {placed[0]} and {placed[1]} side by side" if len(placed) > 1 else f"page {placed[0]} alone"
        result.notes.append(f"sheet {first // 2 + 1}: {laid} on {'A3' if a3 else f'A4 at {fit:.2f}'} landscape, "
                            f"{dpi}-dpi colour scan, skew {angle:+.2f}°, JPEG q{quality}")
    return result


def _dotted_borders(src: _Source, rng: np.random.Generator) -> _Result:
    """Tables with Word's dotted (点线) inner borders and a dashed outer border, and every other one set with
    the line over it (its section's heading) inside a one-cell table bordered in dashes — a dashed frame round
    both; printed and scanned in grey at 300 dpi: no rule of a table is a solid line any more."""
    dpi, quality = 300, int(rng.integers(75, 85))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    period = int(rng.integers(5, 8))  # a 2-px dot every 5–7 px: about a point apart
    dash, gap = int(rng.integers(14, 20)), int(rng.integers(7, 11))
    for i in range(len(src.pages)):
        grey = src.grey(i, dpi).copy()
        ink = (grey < 160).astype(np.uint8)
        across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 90), np.uint8)).astype(bool)
        down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((90, 1), np.uint8)).astype(bool)
        h, w = grey.shape
        count, labels, stats, _ = cv2.connectedComponentsWithStats(
            cv2.dilate((across | down).astype(np.uint8), np.ones((5, 5), np.uint8)), connectivity=8)
        kept = [k + 1 for k, stat in enumerate(stats[1:count]) if stat[2] >= 200 and stat[3] >= 60]  # not a rule alone
        tables = [tuple(int(v) for v in stats[k][:4]) for k in kept]
        ys, xs = np.arange(h)[:, None], np.arange(w)[None, :]
        border = np.zeros((h, w), bool)
        for x, y, bw, bh in tables:
            border[y:y + bh, x:x + bw] = True
            border[y + 7:y + bh - 7, x + 7:x + bw - 7] = False  # the band a table's outer border lies in
        rules = (across | down) & np.isin(labels, kept)
        grey[rules] = 255
        dots = (across & (xs % period < 2)) | (down & (ys % period < 2))
        dashes = (across & (xs % (dash + gap) < dash)) | (down & (ys % (dash + gap) < dash))
        grey[rules & ~border & dots] = 40
        grey[rules & border & dashes] = 40
        framed = [(x - 20, _heading_above(ink, x, y, bw) - 12, x + bw + 20, y + bh + 20)
                  for x, y, bw, bh in tables[::2] if not ink[y + bh:y + bh + 26, x:x + bw].any()]  # room below
        framed = [box for box in framed if box[0] >= 0 and box[1] >= 0 and box[2] <= w and box[3] <= h]
        for box in framed:
            _dashed_frame(grey, box, dash, gap)
        angle, shift = _skew(rng)
        img = _scan(_paper(grey), rng, angle, shift, grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, src.pages[i].width, src.pages[i].height))
        result.notes.append(f"page {i + 1}: {len(tables)} tables with dotted inner borders (a dot every {period} px) "
                            f"and dashed outer ones, {len(framed)} framed in dashes with the line above them, "
                            f"grey {dpi} dpi, skew {angle:+.2f}°, JPEG q{quality}")
    return result

def _heading_above(ink: np.ndarray, x: int, y: int, width: int) -> int:
    """The top (pixels) of the line of text standing over a table at ``y`` within 120 px, the outer cell
    holding the section's heading and its table; ``y`` itself where there is none."""
    rows = np.flatnonzero(ink[max(0, y - 120):y - 12, x:x + width].any(axis=1))[::-1]  # going up
    if not len(rows):
        return y
    breaks = np.flatnonzero(np.diff(rows) < -6)  # paper between two lines
    return max(0, y - 120) + int(rows[breaks[0]] if len(breaks) else rows[-1])


def _dashed_frame(grey: np.ndarray, box: tuple[int, int, int, int], dash: int, gap: int) -> None:
    """Draw a 3-px dashed rectangle (pixels: left, top, right, bottom) on a grey page, in place."""
    x0, y0, x1, y1 = box
    on_x = np.arange(x0, x1) % (dash + gap) < dash
    on_y = np.arange(y0, y1) % (dash + gap) < dash
    for y in (y0, y1 - 3):
        grey[y:y + 3, x0:x1][:, on_x] = 40
    for x in (x0, x1 - 3):
        grey[y0:y1, x:x + 3][on_y, :] = 40

def _line_lost_in_a_row(src: _Source, rng: np.random.Generator) -> _Result:
    """On every page with tables, one column line lost for the height of one row below the header (a crease,
    a faint spot, a speck of dirt on the drum's edge), so that row's two cells stand as one; grey, 300 dpi."""
    dpi, quality = 300, int(rng.integers(75, 85))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    for i in range(len(src.pages)):
        grey = src.grey(i, dpi).copy()
        ink = (grey < 160).astype(np.uint8)
        across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 90), np.uint8))
        down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((90, 1), np.uint8))
        count, _, stats, _ = cv2.connectedComponentsWithStats(down, connectivity=8)
        lost = "no table"
        stretches = []
        for x, y, w, h, _area in stats[1:count]:
            column = x + w // 2
            ys = np.flatnonzero(across[y:y + h, max(0, column - 8)] & across[y:y + h, column + 8])  # rules through it
            rules = [y + int(g[0]) for g in np.split(ys, np.flatnonzero(np.diff(ys) > 1) + 1) if len(g)]
            stretches += [(column, a, b) for a, b in pairwise(rules[2:]) if b - a > 30]  # below the header
        if stretches:
            column, a, b = stretches[int(rng.integers(len(stretches)))]
            grey[a + 4:b - 3, column - 4:column + 5] = np.maximum(grey[a + 4:b - 3, column - 4:column + 5], 250)
            mm = [round(v / dpi * 25.4) for v in (column, a, b)]
            lost = f"the column line at x={mm[0]} mm lost between y={mm[1]} and {mm[2]} mm"
        angle, shift = _skew(rng)
        img = _scan(_paper(grey), rng, angle, shift, grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, src.pages[i].width, src.pages[i].height))
        result.notes.append(f"page {i + 1}: {lost}, grey {dpi} dpi, skew {angle:+.2f}°, JPEG q{quality}")
    return result

def _feeder_streaks(src: _Source, rng: np.random.Generator) -> _Result:
    """A sheet feeder's dust on the glass: two or three dark lines down the whole of every page at the same x
    (1–3 px, 50–85 % dark, their darkness wandering along them), one through a column of figures of the first
    table page; grey, 200 dpi."""
    dpi, quality = 200, int(rng.integers(75, 85))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    s = dpi / 72
    first = next((p for p in src.pages if p.figures()), src.pages[0])
    through = [round((f.word.box[0] + f.word.box[2]) / 2 * s) for f in first.figures()]
    width_px = round(src.pages[0].width * s)
    xs = [int(rng.choice(through))] if through else []
    xs += [int(rng.integers(width_px // 8, 7 * width_px // 8)) for _ in range(int(rng.integers(1, 3)))]
    lines = [(x, int(rng.integers(1, 4)), float(rng.uniform(0.5, 0.85))) for x in xs]
    for i in range(len(src.pages)):
        grey = src.grey(i, dpi).astype(np.float32)
        h = grey.shape[0]
        for x, width, dark in lines:
            wander = 1 + 0.25 * (cv2.resize(ms.smooth_field(rng, (max(2, h // 200), 1), 1.0), (1, h)) - 0.5)
            grey[:, x:x + width] *= np.clip(1 - dark * wander, 0, 1)
        angle, shift = 0.0, (0, 0)  # the feeder draws the sheet straight past the dust
        img = _scan(_paper(np.clip(grey, 0, 255).astype(np.uint8)), rng, angle, shift, grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, src.pages[i].width, src.pages[i].height))
        result.notes.append(f"page {i + 1}: dark streaks down the page at x = "
                            + ", ".join(f"{x / dpi * 25.4:.0f} mm ({w} px, {d:.0%})" for x, w, d in lines)
                            + f", grey {dpi} dpi, JPEG q{quality}")
    return result


NAVY = np.array([31, 56, 100], np.float32)  # Word's dark blue cell fill (1F3864)


def _reversed_on(band: np.ndarray, fill: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """A row of print (RGB) filled ``fill`` with its text in white, as Word prints white text on a dark fill: the
    column lines through it (``lines``: the band's pixel columns that are a rule's) stay black."""
    ink = 1 - band.mean(axis=2, keepdims=True) / 255
    out = fill * (1 - ink) + 255 * ink
    out[:, lines] = np.minimum(band[:, lines], fill * 0.4)
    return out


def _shaded_headers(src: _Source, rng: np.random.Generator) -> _Result:
    """Every table's first row shaded as Word's cell fill does it (printed under the text and rules): light grey
    (D9D9D9) on most tables, a blue-grey (8EA9DB) on some, and on some navy (1F3864) with its text in white; a
    200-dpi colour scan."""
    dpi = 200
    s = dpi / 72 / ANALYSIS_SCALE  # analysis pixels to page pixels
    fills = {"light grey": np.array([217, 217, 217], np.float32), "blue-grey": np.array([142, 169, 219], np.float32)}

    def marks(i: int, paper: np.ndarray) -> tuple[list[str], int]:
        across, down = src.pages[i].masks
        count, _, stats, _ = cv2.connectedComponentsWithStats((across | down).astype(np.uint8))
        notes = []
        for k in range(1, count):
            x, y, w, h = (int(v) for v in stats[k, :4])
            if w < 200 or h < 60:
                continue  # no table: a rule alone, a signature line
            rows = np.flatnonzero(across[y:y + h, x:x + w].sum(axis=1) > 0.9 * w) + y
            rules = [int(g[0]) for g in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1) if len(g)]
            if len(rules) < 2:
                continue
            r = rng.random()
            name = "blue-grey" if r < 0.3 else "navy, its text white" if r < 0.45 else "light grey"
            top, bottom = round(rules[0] * s) + 2, round(rules[1] * s) - 1
            area = (slice(top, bottom), slice(round(x * s) + 2, round((x + w) * s) - 2))
            band = paper[area].astype(np.float32)
            if name.startswith("navy"):  # the source's column lines through the row, in page pixels
                columns = down[rules[0] + 2:rules[1] - 1].any(axis=0)
                xs = (np.arange(area[1].start, area[1].stop) / s).astype(int)
                lines = cv2.dilate(columns[np.clip(xs, 0, columns.size - 1)].astype(np.uint8)[None], np.ones((1, 3),
                                   np.uint8))[0].astype(bool)
                paper[area] = _reversed_on(band, NAVY, lines).astype(np.uint8)
            else:
                paper[area] = (band * fills[name] / 255).astype(np.uint8)
            notes.append(f"a table's first row filled {name}")
        return notes, 0

    return _colour_scan(src, rng, dpi, int(rng.integers(74, 82)), marks, f"{dpi}-dpi colour scan")


@lru_cache(maxsize=64)
def traditional_face(size: int) -> ImageFont.FreeTypeFont:
    """A CJK face with traditional glyph shapes (Noto Sans CJK TC where there is one), else any CJK face."""
    for path in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                 "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"):
        for index in range(5):
            try:
                face = ImageFont.truetype(path, size, index=index)
            except OSError:
                break
            if " TC" in face.getname()[0]:
                return face
    found = ms.find_cjk_font()
    if found is None:
        raise RuntimeError("no CJK font to type traditional characters with (fonts-noto-cjk)")
    return ImageFont.truetype(found[0], size, index=found[1])


def _traditional(src: _Source, rng: np.random.Generator) -> _Result:
    """The report typed in traditional characters: every character of the text layer whose traditional form
    (OpenCC s2tw, as typed in Taiwan) differs is painted out and typed again in that form, in its box; a 200-dpi
    grey scan."""
    import opencc

    to_traditional = opencc.OpenCC("s2tw")
    dpi, quality = 200, int(rng.integers(78, 88))
    s = dpi / 72
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    for i, page in enumerate(src.pages):
        grey = Image.fromarray(src.grey(i, dpi))
        draw = ImageDraw.Draw(grey)
        typed = 0
        converted = to_traditional.convert(page.text)
        for char, new in zip(page.chars, converted, strict=True):  # s2tw maps character for character here
            if new == char.text or char.box[2] <= char.box[0]:
                continue
            x0, top, x1, bottom = (v * s for v in char.box)
            size = max(x1 - x0, bottom - top)
            draw.rectangle((x0 - 1, top - 1, x1 + 1, bottom + 1), fill=255)
            draw.text(((x0 + x1) / 2, (top + bottom) / 2), new, fill=0, font=traditional_face(round(size * 1.08)),
                      anchor="mm")
            typed += 1
        angle, shift = float(rng.uniform(-0.3, 0.3)), (int(rng.integers(-6, 7)), int(rng.integers(-6, 7)))
        img = _scan(_paper(np.asarray(grey, np.float32)), rng, angle, shift, grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, page.width, page.height))
        result.notes.append(f"page {i + 1}: {typed} characters typed in their traditional form, grey {dpi} dpi, "
                            f"skew {angle:+.2f}°, JPEG q{quality}")
    return result


LIGHT_RULES = {"A6A6A6": 166, "BFBFBF": 191}  # Word's light greys a table's borders are set in


def _faint_rules(src: _Source, rng: np.random.Generator) -> _Result:
    """Every table bordered in Word's thin light grey (A6A6A6 or BFBFBF, one per connected run of rules: a table,
    or a part of one) instead of black, as a mono laser prints a grey: each rule a chain of a fine screen's dots
    (printed at 600 dpi), about half its length paper; scanned in grey at 300 dpi. No pixel of a rule is as dark
    as print."""
    dpi, fine = 300, 600
    quality = int(rng.integers(74, 82))
    lpi = float(rng.uniform(130, 150))
    angle = math.radians(45 + rng.uniform(-3, 3))
    sizes = [(round(p.height / 72 * fine), round(p.width / 72 * fine)) for p in src.pages]
    screen = _screen(max(h for h, _ in sizes), max(w for _, w in sizes), lpi, angle, fine)
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    for i, page in enumerate(src.pages):
        grey = src.grey(i, dpi).copy()
        ink = (grey < 160).astype(np.uint8)
        across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 90), np.uint8))
        down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((90, 1), np.uint8))
        rules = cv2.dilate(across | down, np.ones((3, 3), np.uint8))  # with their antialiased edges
        count, labels = cv2.connectedComponents(rules, connectivity=8)
        names = [str(rng.choice(list(LIGHT_RULES))) for _ in range(count)]
        level = np.full(grey.shape, 255, np.uint8)
        for k in range(1, count):
            level[labels == k] = LIGHT_RULES[names[k]]
        drawn = (across | down).astype(bool)
        grey[rules.astype(bool)] = 255
        h, w = sizes[i]
        cover = cv2.resize(np.where(drawn, 255 - level, 0).astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST)
        toner = cv2.GaussianBlur(cv2.compare(cover, screen[:h, :w], cv2.CMP_GT), (0, 0), 0.55)
        dots = cv2.resize(toner, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_AREA)
        grey = np.minimum(grey, (255 - dots.astype(np.float32) * 0.93).astype(np.uint8))
        skew, shift = _skew(rng)
        img = _scan(_paper(grey), rng, skew, shift, grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, page.width, page.height))
        used = sorted({names[k] for k in range(1, count)})
        result.notes.append(f"page {i + 1}: {count - 1} rulings in light grey ({', '.join(used) or 'none'}) as a "
                            f"{lpi:.0f} lpi dot screen at {fine} dpi, grey {dpi} dpi, skew {skew:+.2f}°, "
                            f"JPEG q{quality}")
    return result


def _folded(src: _Source, rng: np.random.Generator) -> _Result:
    """The report folded in thirds (to be posted) and scanned flat: on every page two creases right across the
    sheet near a third and two thirds of its height, each a thin grey line with a light highlight beside it and the
    print a pixel lower past it, up to half a degree off level (the stack was folded together: the same on every
    page, a few pixels apart); a 200-dpi grey scan."""
    dpi, quality = 200, int(rng.integers(78, 88))
    result = _Result([], [])
    grain, chroma = _sensor(src, rng, dpi)
    creases = [(share + float(rng.uniform(-0.02, 0.02)), float(rng.uniform(-0.5, 0.5)), float(rng.uniform(0.3, 0.45)))
               for share in (1 / 3, 2 / 3)]  # where (share of the height), how far off level (degrees), how dark
    for i, page in enumerate(src.pages):
        grey = src.grey(i, dpi).astype(np.float32)
        h, w = grey.shape
        xs = np.arange(w, dtype=np.float32)
        for share, tilt, depth in creases:
            ys = share * h + float(rng.uniform(-3, 3)) + (xs - w / 2) * math.tan(math.radians(tilt))
            top, bottom = max(1, int(ys.min()) - 12), min(h, int(ys.max()) + 12)
            band = grey[top - 1:bottom]
            d = np.arange(top, bottom, dtype=np.float32)[:, None] - ys[None, :]
            lowered = np.where(d > 0, band[:-1], band[1:])  # the print past the crease a pixel lower
            shade = 1 - depth * np.exp(-d ** 2 / 2) + 0.06 * np.exp(-(d - 3) ** 2 / 3)
            grey[top:bottom] = np.clip(lowered * shade, 0, 255)
        skew, shift = _skew(rng)
        img = _scan(_paper(grey), rng, skew, shift, grain, chroma).convert("L")
        result.pages.append(_jpeg(img, quality, dpi, page.width, page.height))
        result.notes.append(f"page {i + 1}: creases across at " + ", ".join(
            f"{share:.0%} of the height ({tilt:+.2f}°, {depth:.0%} dark)" for share, tilt, depth in creases)
            + f", grey {dpi} dpi, skew {skew:+.2f}°, JPEG q{quality}")
    return result


_MAKERS = {
    "photo": _photo,
    "curled_photo": _curled_photo,
    "fax": _fax,
    "fax_fine": _fax_fine,
    "halftone": _halftone,
    "rotated": _rotated,
    "seal_over_table": _seal_over_table,
    "dark_copy": _dark_copy,
    "handwritten_correction": _handwritten_correction,
    "binder_shadow": _binder_shadow,
    "copy_of_copy": _copy_of_copy,
    "black_and_white": _black_and_white,
    "ocr_text_layer": _ocr_text_layer,
    "stamps_beside_headings": _stamps_beside_headings,
    "stamps_black_and_white": _stamps_black_and_white,
    "coarse_screen_copy": _coarse_screen_copy,
    "footnote_marks": _footnote_marks,
    "two_up": _two_up,
    "two_up_a3": _two_up_a3,
    "auto_cropped": _auto_cropped,
    "toner_low": _toner_low,
    "dotted_borders": _dotted_borders,
    "line_lost_in_a_row": _line_lost_in_a_row,
    "pen_underlines": _pen_underlines,
    "steep_skew": _steep_skew,
    "feeder_streaks": _feeder_streaks,
    "shaded_headers": _shaded_headers,
    "traditional": _traditional,
    "faint_rules": _faint_rules,
    "folded": _folded,
}


def make_scan_variant(source: Path, transform: str, out: Path, seed: int = 0) -> ScanVariant:
    """Write ``out``: the report ``source`` (a text PDF) as the image-only scan ``transform`` makes of it."""
    if transform not in _MAKERS:
        raise ValueError(f"unknown scan transform {transform!r}; known: {', '.join(TRANSFORMS)}")
    source, out = Path(source), Path(out)
    src = _Source(source)
    try:
        result = _MAKERS[transform](src, _rng(source, transform, seed))
    finally:
        src.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    _write_pdf(out, result.pages, f"{source.stem} {transform}", transform)
    return ScanVariant(out, transform, tuple(result.notes), dict(result.turned), tuple(result.corrections))
