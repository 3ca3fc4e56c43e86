"""A picture in a Word file read by OCR into paragraphs and tables: a table pasted as a screenshot.

The picture is scaled to the resolution the scan reader is tuned for (``scan_page.DPI`` at the size the
picture is shown on the page) and read as a scanned page is; what it holds comes out as the same
layout a PDF page gives, every word with its confidence, so an unsure figure is a doubt. Only PNG and
JPEG pictures are read, and none larger than a scanned page may be.
"""

from __future__ import annotations

import struct
import time

from reportcheck.errors import UnreadableInput
from reportcheck.layout import Paragraph, Picture, Table
from reportcheck.readers.limits import pdf_limits
from reportcheck.readers.pdf_page import PageGuard

_MAX_PIXELS = 40_000_000
_MIN_SIDE = 60  # pixels


def read_picture(picture: Picture, name: str) -> list[Paragraph | Table]:
    """The picture's paragraphs and tables (indices from 0, no page); [] when it holds no text.
    Raises :class:`~reportcheck.readers.ocr_engine.OcrMissing` without the OCR extra."""
    data = picture.load()
    size = image_size(data) if data else None
    if data is None or size is None or size[0] * size[1] > _MAX_PIXELS or min(size) < _MIN_SIDE:
        return []
    import cv2
    import numpy as np

    from reportcheck.readers.pdf_reader import assemble
    from reportcheck.readers.scan_page import DPI, read_image

    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        return []
    image = _on_white(image)
    width_pt = picture.width_pt or size[0] * 72 / DPI
    height_pt = picture.height_pt or size[1] * 72 / DPI
    target = (max(1, round(width_pt * DPI / 72)), max(1, round(height_pt * DPI / 72)))
    if target[0] * target[1] > _MAX_PIXELS or min(target) < _MIN_SIDE:
        return []
    shrink = target[0] < image.shape[1]
    image = cv2.resize(image, target, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_CUBIC)
    limits = pdf_limits(name)
    guard = PageGuard(name, 1, limits, time.monotonic() + limits.ocr_page_seconds)
    content = read_image(np.ascontiguousarray(image[:, :, ::-1]), DPI / 72, 1, height_pt, guard, sheet=False)
    try:
        doc = assemble(name, [content])
    except UnreadableInput:  # nothing legible in it
        return []
    for block in doc.iter_blocks():
        block.page = None
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    cell.page = None
    return doc.blocks


def _on_white(image):
    """The picture as BGR on white paper: a transparent background is paper, not black; grey is grey."""
    import cv2
    import numpy as np

    if image.dtype != np.uint8:  # a 16-bit PNG
        image = (image // 257).astype(np.uint8)
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        alpha = image[:, :, 3:4].astype(np.float32) / 255.0
        rgb = image[:, :, :3].astype(np.float32)
        return (rgb * alpha + 255.0 * (1 - alpha)).astype(np.uint8)
    return image


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG or JPEG header, read before anything is decoded; None for others."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:2] != b"\xff\xd8":
        return None
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None
