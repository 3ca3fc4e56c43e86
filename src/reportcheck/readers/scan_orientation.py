"""Which way up a scanned page lies: turned a quarter (a page scanned sideways) or upside down.

A page lies sideways when its columns of ink are sharper than its rows: printed Chinese runs in lines
across, so on an upright page (text, tables alike) the row profile has the sharp steps. Upside down
looks the same to a profile; the recogniser tells it: lines of print read upright are read surely,
turned over they are read as nonsense, far less surely.
"""

from __future__ import annotations

import cv2
import numpy as np

from reportcheck.readers import ocr_engine

_SIDEWAYS = 0.67  # rows this much less sharp than columns: the lines of print run down the page
_SURE_UPRIGHT = 0.85  # lines read this surely as they lie: the page is upright, nothing more is tried
_SAMPLE = 4  # text lines the recogniser tries both ways up
_MIN_WIDE = 4.0  # a sample line at least this many times as wide as high (a short cell says little)


def sideways(ink: np.ndarray) -> bool:
    """The page's lines of print run down it (``ink``: bool, the page's ink, ruling lines with it: a table's
    rules run across it as its text does)."""
    small = cv2.resize(ink.astype(np.uint8) * 255, None, fx=0.25, fy=0.25,
                       interpolation=cv2.INTER_AREA).astype(np.float64)

    def sharpness(profile: np.ndarray) -> float:
        return float(np.square(np.diff(profile)).sum()) / max(1.0, float(np.square(profile).sum()))

    rows, columns = sharpness(small.sum(axis=1)), sharpness(small.sum(axis=0))
    return rows < _SIDEWAYS * columns


def upside_down(crops: list[np.ndarray]) -> bool:
    """The lines of print (crops of the page as it lies, widest first) are read far more surely turned over."""
    sample = [c for c in crops if c.shape[1] >= _MIN_WIDE * c.shape[0]][:_SAMPLE]
    if not sample:
        return False
    upright = float(np.mean([r.conf for r in ocr_engine.recognise(sample)]))
    if upright >= _SURE_UPRIGHT:
        return False
    turned = float(np.mean([r.conf for r in ocr_engine.recognise([np.rot90(c, 2) for c in sample])]))
    return turned > upright + 0.2
