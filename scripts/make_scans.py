"""Build samples/scanned/: stamped, signed, scanned twins of four samples, and a .docx edited after its scan.

    .venv/bin/python scripts/make_scans.py [--out DIR]

A city bureau receives the printed report signed and stamped, scanned to PDF (盖章扫描件). For each sample in
SCANS this renders every page of its LibreOffice twin ``samples/pdf/<name>.pdf`` with pypdfium2 at the
sample's dpi and makes it look scanned:

* the paper is "stamped" first: a red official seal (ring, five-pointed star, the unit's name set round
  the ring in a CJK font found on the machine, uneven ink, multiplied over the print so black text shows
  through) over the cover's ``（盖章）`` box and over each ``（单位盖章）`` of the declaration page, and a
  handwritten-looking signature (smooth spline strokes of varying width, blue-black ink) right of each
  ``…负责人签字：`` label; the label positions come from the source PDF's text layer;
* one page with many figures (not the cover, not the declaration) becomes a dark photocopy: grey
  background, low contrast, toner mottle;
* then the "scanner": slight skew (0.3°–1.5°, either way, different per page, white fill), a shift of a
  few pixels, a slight blur, gaussian noise and a few specks, JPEG at quality ~70–80.

The pages go into a minimal image-only PDF written here (one DCT image per page, no fonts, no text layer,
fixed dates and /ID), so a re-run gives identical bytes.

It also writes ``final_advanced_merged_edited.docx`` (samples/final_advanced_merged_clean.docx with a few
figures and sentences changed "after the scan", for the compare command), a copy of the final scan with one
middle page left out, ``edits.json`` (the planted edits, as this script applied them) and ``README.md``.

Everything is seeded (SEED); nothing is downloaded. Needs numpy, Pillow, opencv-python-headless, pypdfium2,
lxml (and a CJK font: Noto CJK / WenQuanYi / AR PL; without one the seal characters are drawn as strokes).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import math
import re
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from lxml import etree
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = 20240315
PDF_DATE = "D:20240315093012+08'00'"
MAX_BYTES = 2_450_000  # per scanned PDF; JPEG quality is lowered until the file fits
SEAL_CM = 4.0
SIGNATURE_CM = (2.8, 1.3)
INK_RED = np.array([200, 32, 44], dtype=np.float32)
INK_BLUE = np.array([28, 38, 104], dtype=np.float32)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_P, W_T, W_TR, W_TC = (f"{{{W_NS}}}{tag}" for tag in ("p", "t", "tr", "tc"))


@dataclass(frozen=True)
class ScanSpec:
    name: str
    dpi: int
    quality: int  # the JPEG quality tried first


SCANS = (
    ScanSpec("prelim_advanced_merged_clean", 150, 78),
    ScanSpec("final_advanced_merged_clean", 200, 74),
    ScanSpec("prelim_sme_merged_messy", 170, 76),
    ScanSpec("prelim_advanced_merged_defects", 160, 78),
)
EDITED = "final_advanced_merged_clean"


@dataclass
class PageLog:
    number: int
    skew: float
    shift: tuple[int, int]
    dark: bool = False
    seals: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)


@dataclass
class ScanResult:
    spec: ScanSpec
    pages: list[PageLog]
    jpegs: list[tuple[bytes, int, int, float, float]]  # JPEG, pixels w × h, page size in points
    quality: int
    declaration: int  # 1-based


# ---------------------------------------------------------------- fonts and source text


def find_cjk_font() -> tuple[str, int] | None:
    """A bold serif CJK face if there is one (official seals use Song-style type), else any CJK font."""
    candidates = [
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ]
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
        candidates += sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    for path in candidates:
        if not Path(path).is_file():
            continue
        for index in range(12):
            try:
                face = ImageFont.truetype(path, 20, index=index)
            except OSError:
                break
            if "SC" in face.getname()[0] or not path.endswith(".ttc"):
                return path, index
        return path, 0
    return None


def page_texts(pdf: pdfium.PdfDocument) -> list[str]:
    return [page.get_textpage().get_text_range() for page in pdf]


def declaration_page(texts: list[str]) -> int:
    """0-based index of the declaration page: the last page with 承诺 and a signature label, else the last page."""
    for i in range(len(texts) - 1, -1, -1):
        if "承诺" in texts[i] and ("签字" in texts[i] or "声明" in texts[i]):
            return i
    return len(texts) - 1


def find_boxes(page: pdfium.PdfPage, needle: str) -> list[tuple[float, float, float, float]]:
    """Boxes (left, bottom, right, top, PDF points) of each occurrence of ``needle`` on the page."""
    textpage = page.get_textpage()
    searcher = textpage.search(needle)
    boxes = []
    while (hit := searcher.get_next()) is not None:
        start, count = hit
        chars = [textpage.get_charbox(i) for i in range(start, start + count)]
        boxes.append((min(c[0] for c in chars), min(c[1] for c in chars),
                      max(c[2] for c in chars), max(c[3] for c in chars)))
    return boxes


def unit_names(texts: list[str]) -> tuple[str, str, str]:
    """(promotion organisation, core park, local government) as printed in the report, with fallbacks."""
    joined = "\n".join(texts)
    units = re.findall(r"单位名称\s*([^\s|]+)", joined)
    org = units[0] if units else "集群促进组织"
    park = units[1] if len(units) > 1 else "集群核心承载园区"
    if park.endswith("区"):
        park += "管理委员会"
    gov = re.search(r"编制牵头单位\s*(\S+)", joined)
    if gov:
        return org, park, gov.group(1)
    region = re.search(r"集群地域范围\s*(\S+)", joined)  # 湖南省长沙市 -> 长沙市人民政府
    city = re.sub(r"^.*?省", "", region.group(1)) if region else ""
    return org, park, f"{city}人民政府"


# ---------------------------------------------------------------- ink: seal and signature


def smooth_field(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Low-frequency noise in [0, 1]."""
    noise = rng.random(shape, dtype=np.float32)
    noise = cv2.GaussianBlur(noise, (0, 0), sigma)
    lo, hi = float(noise.min()), float(noise.max())
    return (noise - lo) / max(hi - lo, 1e-6)


def seal_density(text: str, diameter: int, font: tuple[str, int] | None, rng: np.random.Generator) -> np.ndarray:
    """Ink density (0..1, square float32 array) of a round official seal of ``diameter`` pixels."""
    ss = 3  # supersampling
    size = diameter * ss + 8 * ss
    img = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(img)
    c = size / 2
    r = diameter * ss / 2
    ring = max(3, round(r * 0.075))
    draw.ellipse([c - r, c - r, c + r, c + r], outline=255, width=ring)
    star_r = r * 0.30
    star = [(c + (star_r if k % 2 == 0 else star_r * 0.382) * math.cos(-math.pi / 2 + k * math.pi / 5),
             c + (star_r if k % 2 == 0 else star_r * 0.382) * math.sin(-math.pi / 2 + k * math.pi / 5))
            for k in range(10)]
    draw.polygon(star, fill=255)
    n = len(text)
    span = min(262.0, max(200.0, 22.0 * n + 40.0))
    char_h = r * (0.30 if n <= 12 else 0.26)
    radius = r - ring - r * 0.05 - char_h / 2
    face = ImageFont.truetype(font[0], round(char_h), index=font[1]) if font else None
    for i, ch in enumerate(text):
        theta = -90.0 - span / 2 + span * (i + 0.5) / n
        tile = Image.new("L", (round(char_h * 1.3), round(char_h * 1.3)), 0)
        tdraw = ImageDraw.Draw(tile)
        half = tile.width / 2
        if face is not None:
            tdraw.text((half, half), ch, fill=255, font=face, anchor="mm")
        else:  # no CJK font: a few strokes in the character's box
            for _ in range(4):
                x0, y0, x1, y1 = (rng.uniform(0.2, 0.8) * tile.width for _ in range(4))
                tdraw.line([(x0, y0), (x1, y1)], fill=255, width=max(2, tile.width // 10))
        tile = tile.resize((round(tile.width * 0.78), tile.height), Image.Resampling.LANCZOS)  # seal type is narrow
        tile = tile.rotate(-(theta + 90.0), resample=Image.Resampling.BICUBIC, expand=True)
        x = c + radius * math.cos(math.radians(theta)) - tile.width / 2
        y = c + radius * math.sin(math.radians(theta)) - tile.height / 2
        img.paste(255, (round(x), round(y)), tile)
    img = img.rotate(rng.uniform(-18, 18), resample=Image.Resampling.BICUBIC)
    small = np.asarray(img.resize((size // ss, size // ss), Image.Resampling.LANCZOS), dtype=np.float32) / 255
    # uneven ink: pressure falls off to one side, pad texture, a few worn spots
    h, w = small.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    ramp = ((xx - w / 2) * math.cos(ang) + (yy - h / 2) * math.sin(ang)) / (w / 2)
    texture = 0.8 + 0.2 * smooth_field(rng, small.shape, 3.0)
    worn = smooth_field(rng, small.shape, 1.2) > 0.86
    density = small * texture * (0.9 + 0.1 * ramp) * np.where(worn, 0.6, 1.0)
    density = cv2.GaussianBlur(density, (0, 0), 0.6)
    return np.clip(density * 0.92, 0, 1)


def catmull_rom(points: np.ndarray, per_segment: int) -> np.ndarray:
    padded = np.vstack([points[0], points, points[-1]])
    out = []
    t = np.linspace(0, 1, per_segment, endpoint=False)[:, None]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                          + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3))
    out.append(points[-1:])
    return np.vstack(out)


SIGNATURE_PARTS: dict[str, list[tuple[float, float]]] = {  # pen paths in a character's unit box (y down)
    "across": [(0.05, 0.42), (0.5, 0.36), (0.95, 0.3)],
    "down": [(0.55, 0.05), (0.5, 0.5), (0.45, 0.95)],
    "loop": [(0.3, 0.55), (0.55, 0.3), (0.75, 0.5), (0.5, 0.75), (0.3, 0.55), (0.6, 0.45)],
    "zigzag": [(0.15, 0.25), (0.85, 0.2), (0.2, 0.55), (0.85, 0.5), (0.3, 0.85)],
    "hook": [(0.35, 0.1), (0.45, 0.75), (0.3, 0.9), (0.15, 0.7)],
    "sweep": [(0.1, 0.15), (0.45, 0.55), (0.9, 0.85)],
    "dots": [(0.25, 0.3), (0.35, 0.45), (0.7, 0.3), (0.6, 0.45)],
}


def signature_density(width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    """Ink density (0..1) of a quick cursive signature: 2-3 joined "characters" of spline strokes, slanted,
    with pressure that swells and tapers, ending in a tail."""
    ss = 3
    img = Image.new("L", (width * ss, height * ss), 0)
    draw = ImageDraw.Draw(img)
    n_chars = int(rng.integers(2, 4))
    cell_w = width * ss * 0.86 / n_chars
    cell_h = height * ss * 0.8
    top = height * ss * 0.1
    base = height * ss * 0.024
    names = sorted(SIGNATURE_PARTS)
    strokes: list[np.ndarray] = []
    for k in range(n_chars):
        x0 = k * cell_w * 0.95
        pts: list[tuple[float, float]] = []
        for part in rng.choice(names, size=int(rng.integers(2, 4)), replace=False):
            for ux, uy in SIGNATURE_PARTS[str(part)]:
                ux, uy = ux + rng.normal(0, 0.06), uy + rng.normal(0, 0.06)
                pts.append((x0 + (ux + (0.5 - uy) * 0.35) * cell_w, top + uy * cell_h))  # slanted right
        if strokes and rng.random() < 0.6:  # joined to the previous character
            strokes[-1] = np.vstack([strokes[-1], np.array(pts)])
        else:
            strokes.append(np.array(pts))
    end = strokes[-1][-1]
    tail = [end + np.array([cell_w * 0.25, cell_h * 0.15]),
            np.array([width * ss * 0.98, top + cell_h * rng.uniform(0.1, 0.4)])]
    strokes[-1] = np.vstack([strokes[-1], *tail])
    for pts in strokes:
        path = catmull_rom(pts, 40)
        seg = np.linalg.norm(np.diff(path, axis=0), axis=1)
        dense = np.interp(np.arange(0, seg.sum(), 0.7), np.concatenate([[0], np.cumsum(seg)]), np.arange(len(path)))
        idx = np.floor(dense).astype(int).clip(0, len(path) - 2)
        frac = (dense - idx)[:, None]
        curve = path[idx] * (1 - frac) + path[idx + 1] * frac
        u = np.linspace(0, 1, len(curve))
        taper = np.clip(np.minimum(u / 0.04, (1 - u) / 0.12), 0, 1) ** 0.7
        pressure = 0.55 + 0.75 * smooth_field(rng, (1, len(u)), 25)[0]
        # a fast pen thins on long straight runs: width falls with the local speed
        speed = np.gradient(curve[:, 0]) ** 2 + np.gradient(curve[:, 1]) ** 2
        widths = base * (0.3 + taper * pressure) * (1.15 - 0.3 * np.clip(speed / max(float(speed.max()), 1e-6), 0, 1))
        for (x, y), wd in zip(curve, widths, strict=True):
            draw.ellipse([x - wd, y - wd, x + wd, y + wd], fill=255)
    small = np.asarray(img.resize((width, height), Image.Resampling.LANCZOS), dtype=np.float32) / 255
    return np.clip(small * 0.95, 0, 1)


def multiply_ink(page: np.ndarray, density: np.ndarray, colour: np.ndarray, cx: float, cy: float) -> None:
    """Multiply ink of ``colour`` with ``density`` onto ``page`` (H×W×3 float32, in place), centred at (cx, cy)."""
    h, w = density.shape
    x0, y0 = round(cx - w / 2), round(cy - h / 2)
    px0, py0 = max(x0, 0), max(y0, 0)
    px1, py1 = min(x0 + w, page.shape[1]), min(y0 + h, page.shape[0])
    if px1 <= px0 or py1 <= py0:
        return
    d = density[py0 - y0:py1 - y0, px0 - x0:px1 - x0, None]
    page[py0:py1, px0:px1] *= 1 - d * (1 - colour / 255)


# ---------------------------------------------------------------- paper, photocopy, scanner


def dark_photocopy(grey: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A dark, low-contrast photocopy of a greyscale page (float32 0..255)."""
    h, w = grey.shape
    out = 34 + grey * (152 - 34) / 255  # white -> ~152, black -> ~34
    mottle = cv2.resize(smooth_field(rng, (h // 8, w // 8), 6), (w, h), interpolation=cv2.INTER_LINEAR)
    out += (mottle - 0.5) * 22
    out -= np.linspace(0, 14, w, dtype=np.float32)[None, :]  # toner heavier towards one edge
    toner = rng.random((h, w), dtype=np.float32) < 0.0015
    out[toner] -= rng.uniform(30, 80, int(toner.sum())).astype(np.float32)
    for _ in range(2):  # faint drum streaks
        x = int(rng.integers(w // 10, w - w // 10))
        out[:, x:x + int(rng.integers(1, 3))] -= 12
    return np.clip(cv2.GaussianBlur(out, (0, 0), 0.7), 0, 255)


def scan(page: np.ndarray, rng: np.random.Generator, angle: float, shift: tuple[int, int]) -> Image.Image:
    """The scanner: skew and shift (white fill), slight blur, noise and specks."""
    img = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8), "RGB")
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, translate=shift, fillcolor=(255, 255, 255))
    arr = cv2.GaussianBlur(np.asarray(img, dtype=np.float32), (0, 0), 0.5)
    h, w = arr.shape[:2]
    arr = 26 + arr * (247 - 26) / 255  # the scanner's black and white points
    arr *= np.array([1.0, 0.995, 0.985], dtype=np.float32)  # a slightly warm lamp
    arr += rng.normal(0, 3.5, (h, w, 1)).astype(np.float32) + rng.normal(0, 1.0, (h, w, 3)).astype(np.float32)
    arr = cv2.GaussianBlur(arr, (0, 0), 0.55)  # the sensor's own softness: noise grains are not single pixels
    for _ in range(int(rng.integers(8, 20))):  # dust specks
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        rad = float(rng.uniform(0.6, 2.0))
        cv2.circle(arr, (x, y), max(1, round(rad)), (60.0, 60.0, 60.0), -1, lineType=cv2.LINE_AA)
    if rng.random() < 0.5:  # a hair
        x, y = int(rng.integers(0, w - 60)), int(rng.integers(0, h - 60))
        pts = np.array([[x, y], [x + 20, y + 12], [x + 38, y + 9], [x + 55, y + 30]], dtype=np.int32)
        cv2.polylines(arr, [pts], False, (90.0, 90.0, 90.0), 1, lineType=cv2.LINE_AA)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def choose_dark_page(texts: list[str], declaration: int) -> int:
    """0-based: the page with most digits, other than the cover and the declaration page."""
    options = [i for i in range(1, len(texts)) if i != declaration] or [0]
    return max(options, key=lambda i: (sum(ch.isdigit() for ch in texts[i]), -i))


def make_scan(spec: ScanSpec, font: tuple[str, int] | None) -> ScanResult:
    seed = int.from_bytes(hashlib.sha256(f"{SEED}:{spec.name}".encode()).digest()[:8], "big")
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(SAMPLES / "pdf" / f"{spec.name}.pdf")
    texts = page_texts(pdf)
    decl = declaration_page(texts)
    dark = choose_dark_page(texts, decl)
    org, park, gov = unit_names(texts)
    scale = spec.dpi / 72
    seal_px = round(SEAL_CM / 2.54 * spec.dpi)
    sig_w, sig_h = (round(v / 2.54 * spec.dpi) for v in SIGNATURE_CM)
    cm = spec.dpi / 2.54
    logs: list[PageLog] = []
    images: list[Image.Image] = []
    angles: list[float] = []
    sizes: list[tuple[float, float]] = []
    for i, page in enumerate(pdf):
        page_h = page.get_height()
        grey = np.asarray(page.render(scale=scale, grayscale=True).to_pil().convert("L"), dtype=np.float32)
        angle = float(rng.uniform(0.3, 1.5) * rng.choice([-1.0, 1.0]))
        while any(abs(abs(angle) - abs(a)) < 0.05 for a in angles):
            angle = float(rng.uniform(0.3, 1.5) * rng.choice([-1.0, 1.0]))
        angles.append(angle)
        shift = (int(rng.integers(-9, 10)) or 3, int(rng.integers(-9, 10)) or -4)
        log = PageLog(i + 1, round(angle, 2), shift)
        if i == dark:
            grey = dark_photocopy(grey, rng)
            log.dark = True
        paper = np.repeat(grey[:, :, None], 3, axis=2)

        def at(box: tuple[float, float, float, float], page_h: float = page_h) -> tuple[float, float, float, float]:
            left, bottom, right, top = box
            return left * scale, (page_h - top) * scale, right * scale, (page_h - bottom) * scale

        if i == decl:
            for label, who in zip(find_boxes(page, "签字"), ("促进组织负责人", "园区负责人"), strict=False):
                _, y0, x1, y1 = at(label)
                density = signature_density(sig_w, sig_h, rng)
                cx = x1 + 0.45 * cm + sig_w / 2  # after the label's colon
                cy = (y0 + y1) / 2 - 0.15 * cm
                multiply_ink(paper, density, INK_BLUE, cx, cy)
                log.signatures.append(
                    f"{who}签名, right of 「…负责人签字：」 (label at {label[0]:.0f},{label[3]:.0f} pt)")
            seal_boxes = find_boxes(page, "单位盖章")
            if not seal_boxes:  # no label: lower right quarter
                w_pt = page.get_width()
                seal_boxes = [(w_pt * 0.6, page_h * 0.2, w_pt * 0.7, page_h * 0.22)]
            for box, unit in zip(seal_boxes, (org, park), strict=False):
                x0, y0, x1, y1 = at(box)
                multiply_ink(paper, seal_density(unit, seal_px, font, rng), INK_RED,
                             (x0 + x1) / 2 + 0.9 * cm, y1 + 0.15 * cm)
                log.seals.append(f"「{unit}」 over 「（单位盖章）」 and the date line")
        if i == 0:
            boxes = find_boxes(page, "盖章")
            if boxes:
                x0, y0, x1, y1 = at(boxes[0])
                cx, cy = x1 + 1.6 * cm, y1 + 0.1 * cm
                where = "over 「（盖章）」 and the date line of the government's opinion"
            else:
                cx, cy, where = paper.shape[1] * 0.62, paper.shape[0] * 0.78, "over the lower part of the page"
            multiply_ink(paper, seal_density(gov, seal_px, font, rng), INK_RED, cx, cy)
            log.seals.append(f"「{gov}」 {where}")
        images.append(scan(paper, rng, angle, shift))
        sizes.append((page.get_width(), page_h))
        logs.append(log)
    quality = spec.quality
    while True:
        jpegs = [(jpeg_bytes(im, quality, spec.dpi), im.width, im.height, *size)
                 for im, size in zip(images, sizes, strict=True)]
        if sum(len(j[0]) for j in jpegs) + 4000 <= MAX_BYTES or quality <= 55:
            break
        quality -= 2
    return ScanResult(spec, logs, jpegs, quality, decl + 1)


def jpeg_bytes(img: Image.Image, quality: int, dpi: int) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True, subsampling=2)
    return out.getvalue()


# ---------------------------------------------------------------- a minimal image-only PDF


def write_image_pdf(path: Path, pages: list[tuple[bytes, int, int, float, float]], title: str) -> None:
    """One full-page DCT image per page (page size that of the source page), nothing else: no fonts, no text.
    Fixed dates and /ID."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    kids = []
    for jpeg, w, h, width, height in pages:
        image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                    b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(jpeg))
                    + jpeg + b"\nendstream")
        content = zlib.compress(b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (width, height), 9)
        stream = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                        b"/Resources << /XObject << /Im0 %d 0 R >> /ProcSet [/PDF /ImageC] >> >>"
                        % (tree, width, height, stream, image)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
        len(kids), b" ".join(b"%d 0 R" % k for k in kids))
    info = add(b"<< /Title <%s> /Producer (reportcheck scripts/make_scans.py, simulated scan) "
               b"/CreationDate (%s) /ModDate (%s) >>"
               % (("\ufeff" + title).encode("utf-16-be").hex().encode(), PDF_DATE.encode(), PDF_DATE.encode()))
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


# ---------------------------------------------------------------- the .docx edited after the scan


@dataclass(frozen=True)
class CellEdit:
    kind: str
    anchor: str  # a cell text (whitespace ignored) at or before the row: the table / section title
    row: str  # a cell text of the row
    column: int  # the cell's index in the row (w:tc order)
    before: str
    after: str
    where: dict[str, str]


CELL_EDITS = (
    CellEdit("indicator", "2.1集群主要经济指标", "利润总额（亿元）", 2, "97.3", "99.1",
             {"table": "2.1集群主要经济指标", "row": "利润总额（亿元）", "column": "2022年"}),
    CellEdit("growth", "2.1集群主要经济指标", "出口额（亿元）", 3, "20.7", "18.6",
             {"table": "2.1集群主要经济指标", "row": "出口额（亿元）", "column": "增幅（%）"}),
    CellEdit("basic", "集群促进组织", "联系人姓名、职务", 4, "13907310001", "13907318826",
             {"table": "一、集群基本信息", "group": "集群促进组织", "row": "联系人姓名、职务", "column": "电话"}),
    CellEdit("list", "集群研发投入前十位企业", "麓谷激光雷达科技有限公司", 2, "17520", "17250",
             {"table": "集群研发投入前十位企业", "row": "麓谷激光雷达科技有限公司", "column": "2022年"}),
)
TEXT_BLOCK = "2.8  集群发展总体情况自评报告"
TEXT_CHANGED = ("绿色发展方面，新增绿色工厂3家，绿色园区建设有序推进。",
                "绿色发展方面，新增绿色工厂5家，绿色园区建设有序推进。")
TEXT_ADDED_AFTER = "组织保障方面，建立了集群领导及工作推进机制，相关规划和政策有效落实。"
TEXT_ADDED = "下一步，集群将加快建设智能网联汽车测试示范区，力争2024年集群总产值突破1600亿元。"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def node_text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(W_T))


def replace_in(el: etree._Element, before: str, after: str) -> None:
    """Change the one w:t under ``el`` whose text holds ``before`` (its run keeps its formatting)."""
    hits = [t for t in el.iter(W_T) if t.text and before in t.text]
    if len(hits) != 1 or hits[0].text.count(before) != 1:
        raise SystemExit(f"edit: expected one run holding {before!r}, found {len(hits)}")
    hits[0].text = hits[0].text.replace(before, after)


def apply_edits(root: etree._Element) -> None:
    for edit in CELL_EDITS:
        seen = False
        for tr in root.iter(W_TR):
            cells = [node_text(tc) for tc in tr.iter(W_TC)]
            seen = seen or any(squash(c) == squash(edit.anchor) for c in cells)
            if seen and edit.row in cells:
                cell = list(tr.iter(W_TC))[edit.column]
                if node_text(cell) != edit.before:
                    raise SystemExit(f"edit {edit.kind}: cell holds {node_text(cell)!r}, not {edit.before!r}")
                replace_in(cell, edit.before, edit.after)
                break
        else:
            raise SystemExit(f"edit {edit.kind}: row {edit.row!r} after {edit.anchor!r} not found")
    paragraphs = list(root.iter(W_P))
    start = next(i for i, p in enumerate(paragraphs) if squash(node_text(p)) == squash(TEXT_BLOCK))
    block = paragraphs[start:]
    changed = next(p for p in block if node_text(p) == TEXT_CHANGED[0])
    replace_in(changed, *TEXT_CHANGED)
    anchor = next(p for p in block if node_text(p) == TEXT_ADDED_AFTER)
    added = copy.deepcopy(anchor)  # same paragraph and run properties
    replace_in(added, TEXT_ADDED_AFTER, TEXT_ADDED)
    anchor.addnext(added)


def make_edited_docx(out: Path) -> list[dict[str, object]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from render_samples import rewrite_document

    target = out / f"{EDITED.removesuffix('_clean')}_edited.docx"
    rewrite_document(SAMPLES / f"{EDITED}.docx", target, apply_edits)
    base = {"file": target.name, "compared_with": f"{EDITED}.scan.pdf"}
    edits: list[dict[str, object]] = [
        {**base, "kind": e.kind, "where": e.where, "before": e.before, "after": e.after} for e in CELL_EDITS]
    block = TEXT_BLOCK  # as written in the .docx
    edits.append({**base, "kind": "text_changed", "where": {"block": block},
                  "before": TEXT_CHANGED[0], "after": TEXT_CHANGED[1]})
    edits.append({**base, "kind": "text_added",
                  "where": {"block": block, "new_paragraph_after": TEXT_ADDED_AFTER},
                  "before": "", "after": TEXT_ADDED})
    return edits


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SAMPLES / "scanned")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    font = find_cjk_font()
    results = []
    for spec in SCANS:
        result = make_scan(spec, font)
        write_image_pdf(out / f"{spec.name}.scan.pdf", result.jpegs, f"{spec.name} 盖章扫描件")
        results.append(result)
        print(f"{spec.name}.scan.pdf: {len(result.jpegs)} pages, {spec.dpi} dpi, JPEG q{result.quality}")
    edits = make_edited_docx(out)

    final = next(r for r in results if r.spec.name == EDITED)
    n = len(final.pages)
    skip = next(i for i in (n // 2, n // 2 + 1, n // 2 - 1)
                if 0 < i < n - 1 and not final.pages[i].dark and i + 1 != final.declaration)
    missing_name = f"{EDITED}.missing_page.scan.pdf"
    write_image_pdf(out / missing_name, [j for i, j in enumerate(final.jpegs) if i != skip], f"{EDITED} 盖章扫描件")
    dropped_text = page_texts(pdfium.PdfDocument(SAMPLES / "pdf" / f"{EDITED}.pdf"))[skip]
    lines = [line.strip() for line in dropped_text.splitlines() if line.strip()]
    headings = [line for line in lines if re.match(r"^\d+\.\d+\s*\S", line) or line.startswith("集群研发投入")]
    edits.append({"file": missing_name, "compared_with": f"{EDITED}.docx", "kind": "page_missing",
                  "where": {"page": skip + 1, "of_pages": n, "page_starts_with": " / ".join(lines[:3]),
                            "page_ends_with": " / ".join(lines[-3:]), "headings_on_page": headings},
                  "before": f"{n} pages", "after": f"{n - 1} pages (page {skip + 1} of {EDITED}.scan.pdf left out)"})
    (out / "edits.json").write_text(json.dumps(edits, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "README.md").write_text(readme(results, font, skip, edits, out), encoding="utf-8")
    print(f"{missing_name}: page {skip + 1} left out; {len(edits)} planted edits in edits.json")


def readme(results: list[ScanResult], font: tuple[str, int] | None, skip: int, edits: list[dict[str, object]],
           out: Path) -> str:
    lines = [
        "# Scanned, stamped twins (盖章扫描件)",
        "",
        "Made by `scripts/make_scans.py` (seeded; re-run `python scripts/make_scans.py` to rebuild the same bytes).",
        "Each `.scan.pdf` is image-only: one JPEG per page, no fonts and no text layer, page size that of the",
        "LibreOffice twin in `samples/pdf/` (US Letter). Every page: rendered with pypdfium2 at the file's dpi,",
        "skewed (0.3°–1.5°, white fill) and shifted a few pixels, slightly blurred, gaussian noise and dust",
        "specks. Seals are red rings with a star and the unit's name round the ring"
        + (f" ({Path(font[0]).name}),"
           if font else " (drawn strokes: no CJK font was found),"),
        "multiplied over the print so the black text shows through them; signatures are blue-black spline",
        "strokes right of the `…负责人签字：` labels.",
        "",
    ]
    for r in results:
        path = out / f"{r.spec.name}.scan.pdf"
        dark = next(p.number for p in r.pages if p.dark)
        lines += [f"## {path.name}", "",
                  f"From `samples/pdf/{r.spec.name}.pdf`: {len(r.pages)} pages, {r.spec.dpi} dpi, JPEG quality "
                  f"{r.quality}, {path.stat().st_size:,} bytes. Declaration page: {r.declaration}. "
                  f"Dark photocopy: page {dark}.", ""]
        for p in r.pages:
            extras = [*(f"seal {s}" for s in p.seals), *(f"signature {s}" for s in p.signatures)]
            dark_note = "; **dark photocopy**" if p.dark else ""
            lines.append(f"- page {p.number}: skew {p.skew:+.2f}°, shift {p.shift}{dark_note}"
                         + ("; " + "; ".join(extras) if extras else ""))
        lines.append("")
    missing = out / f"{EDITED}.missing_page.scan.pdf"
    lines += [
        f"## {missing.name}", "",
        f"`{EDITED}.scan.pdf` with page {skip + 1} left out (the other pages are the same JPEGs): "
        f"{missing.stat().st_size:,} bytes. For \"pages missing\".", "",
        "## final_advanced_merged_edited.docx", "",
        f"`samples/{EDITED}.docx` with edits made after the scan: compare it with `{EDITED}.scan.pdf`",
        "(the scan shows the original figures). Only the text of runs changed (one paragraph added, a copy of",
        "its neighbour's formatting); zip dates fixed. `edits.json` lists every planted edit as the generator",
        "applied it:", "",
        "| kind | where | before | after |", "|---|---|---|---|",
    ]
    for e in edits:
        where = e["where"]
        place = " / ".join(str(v) for v in where.values()) if isinstance(where, dict) else str(where)
        lines.append(f"| {e['kind']} | {place} | {e['before']} | {e['after']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
