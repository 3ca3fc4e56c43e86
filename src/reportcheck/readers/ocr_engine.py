"""The OCR models: RapidOCR's PP-OCRv4 Chinese detection and recognition, shipped inside its wheel.

Loaded once per process (about 0.3 s), only when a page has no text layer. Nothing is downloaded:
rapidocr-onnxruntime carries its .onnx files. Recognition reads text-line crops in batches; the
whole-image detector runs only where a page region has no grid and no clean line structure.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import numpy as np

OCR_INSTALL = "pip install 'reportcheck[ocr]'"


class OcrMissing(ImportError):
    """The optional OCR extra is not installed."""


@lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrMissing(str(exc)) from None
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return RapidOCR(rec_batch_num=16)


def available() -> bool:
    try:
        _engine()
    except OcrMissing:
        return False
    return True


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """Text and confidence (0–1) of each single-line crop (grey or BGR), in order."""
    if not crops:
        return []
    bgr = [c if c.ndim == 3 else np.repeat(c[:, :, None], 3, axis=2) for c in crops]
    results, _ = _engine().text_rec(bgr)
    return [(text, float(score)) for text, score in results]


def detect_and_recognise(image: np.ndarray) -> list[tuple[tuple[float, float, float, float], str, float]]:
    """Text lines found by the detector in ``image``: (x0, top, x1, bottom) in its pixels, text, confidence."""
    bgr = image if image.ndim == 3 else np.repeat(image[:, :, None], 3, axis=2)
    results, _ = _engine()(bgr, use_cls=False)
    out = []
    for box, text, score in results or []:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        out.append(((min(xs), min(ys), max(xs), max(ys)), text, float(score)))
    return out
