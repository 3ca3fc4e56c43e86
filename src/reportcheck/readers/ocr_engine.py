"""The OCR models: RapidOCR's PP-OCRv4 Chinese detection and recognition, shipped inside its wheel.

Loaded once per process (about 0.3 s), only when a page has no text layer. Nothing is downloaded:
rapidocr-onnxruntime carries its .onnx files. Recognition reads text-line crops in batches; the
whole-image detector runs only where a page region has no grid and no clean line structure.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from reportcheck.errors import OCR_INSTALL, OcrMissing
from reportcheck.layout import UNREAD
from reportcheck.readers.ocr_unread import unread_glyphs
from reportcheck.runtime.ocr_threads import ocr_threads

__all__ = ["OCR_INSTALL", "ODD_CHAR", "ODD_CHAR_BROKEN", "OcrMissing", "Reading", "available",
           "detect_and_recognise", "recognise"]
# Crops recognised at once: one, so none is padded to a wider one's width (padding changed readings,
# and batches were no faster here).
_BATCH = 1
ODD_CHAR = 0.6  # a character read less surely than this makes the whole line as unsure
# and on a page printed in dots or specks (a fax, a halftone copy), where a misread character is often
# read at 0.6–0.8 while the line's mean stays high
ODD_CHAR_BROKEN = 0.85
_DROPPED_CONF = 0.3  # how sure a line is where the recogniser left a glyph unread


class Reading(NamedTuple):
    """One line recognised: its text, how surely (see ``recognise``), its characters' mean probability and
    the least sure character's."""

    text: str
    conf: float
    mean: float
    least: float


@lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrMissing(str(exc)) from None
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return RapidOCR(rec_batch_num=16, intra_op_num_threads=ocr_threads())



def available() -> bool:
    try:
        _engine()
    except OcrMissing:
        return False
    return True


def recognise(crops: list[np.ndarray], odd: float = ODD_CHAR) -> list[Reading]:
    """Text and confidence of each single-line crop (grey or BGR), in order. The confidence is the
    characters' mean probability, as RapidOCR gives it, unless one character is less sure than ``odd``
    (a hair read as "Y", a speck read as "."): then it is that character's."""
    if not crops:
        return []
    rec = _engine().text_rec
    bgr = [c if c.ndim == 3 else np.repeat(c[:, :, None], 3, axis=2) for c in crops]
    ratios = [img.shape[1] / img.shape[0] for img in bgr]
    order = np.argsort(ratios)
    out = [Reading("", 0.0, 0.0, 0.0)] * len(bgr)
    _, height, width = rec.rec_image_shape
    for start in range(0, len(order), _BATCH):
        batch = order[start:start + _BATCH]
        widest = max(width / height, *(ratios[i] for i in batch))
        tensor = np.stack([rec.resize_norm_img(bgr[i], widest) for i in batch]).astype(np.float32)
        preds = rec.session(tensor)[0]
        for i, pred in zip(batch, preds, strict=True):
            step = tensor.shape[3] / pred.shape[0] * bgr[i].shape[0] / height  # crop pixels an output step spans
            out[i] = _decode(pred, rec.postprocess_op.character, odd, crops[i], step)
    return out


def _decode(pred: np.ndarray, alphabet: list[str], odd: float, crop: np.ndarray, step: float) -> Reading:
    """CTC greedy decoding: the best class at each step, repeats and blanks (class 0) dropped. Ink no character
    was read from (:mod:`ocr_unread`: a glyph dropped) stands in the text as :data:`UNREAD`, one for each
    character it is wide, and makes the line as unsure as :data:`_DROPPED_CONF`."""
    best, prob = pred.argmax(axis=1), pred.max(axis=1)
    keep = (best != 0) & np.concatenate(([True], best[1:] != best[:-1]))
    if not keep.any():
        return Reading("", 0.0, 0.0, 0.0)
    least, mean = float(prob[keep].min()), float(prob[keep].mean())
    conf = least if least < odd else mean
    steps = [((i + 0.5) * step, alphabet[best[i]]) for i in np.flatnonzero(keep)]
    dropped = unread_glyphs(crop, steps)
    if dropped:
        conf = min(conf, _DROPPED_CONF)
        steps = sorted(steps + [(x, UNREAD * n) for x, n in dropped if _in_words(steps, x, n)])
    return Reading("".join(char for _, char in steps), conf, mean, least)


_HAN_FROM, _HAN_TO = "\u4e00", "\u9fff"
_SHORT_LINE = 8  # characters of a label or a header (單位名▢, 指標名▢): a glyph dropped at its end is written


def _in_words(steps: list[tuple[float, str]], x: float, n: int) -> bool:
    """Whether glyphs dropped at ``x`` stand in words, and are written (as :data:`UNREAD`): after a Chinese
    character read, and before another, before a bracket (出口▢ (億元)), or ending a short line (單位名▢).
    Ink beside a dash, a point or a mark, or at the end of a long line, is as often a stamp's or a speck's
    (近2年情况——, 批准时间.) and is left out of the text: the line stays in doubt all the same."""
    before = "".join(char for at, char in steps if at < x)
    after = "".join(char for at, char in steps if at > x).lstrip()
    if not _HAN_FROM <= before[-1:] <= _HAN_TO:
        return False
    if not after:
        return len(before) + n <= _SHORT_LINE
    return _HAN_FROM <= after[0] <= _HAN_TO or after[0] in "(（"


def detect_and_recognise(image: np.ndarray) -> list[tuple[tuple[float, float, float, float], str, float]]:
    """Text lines found by the detector in ``image``: (x0, top, x1, bottom) in its pixels, text, confidence."""
    bgr = image if image.ndim == 3 else np.repeat(image[:, :, None], 3, axis=2)
    results, _ = _engine()(bgr, use_cls=False)
    out = []
    for box, text, score in results or []:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        out.append(((min(xs), min(ys), max(xs), max(ys)), text, float(score)))
    return out
