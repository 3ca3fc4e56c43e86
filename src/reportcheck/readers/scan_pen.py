"""A ballpoint's hand on a scanned page, told from the print by its colour: blue or blue-black, and dark (a
light blue-grey cell fill is print). Its strokes are kept out of the ink ruling lines are looked for in: a
reviewer's line under a row, drawn across the column lines, is no rule."""

from __future__ import annotations

import cv2
import numpy as np

from reportcheck.readers.scan_ruling import line_kernels

_PEN_BLUE = 30  # how much bluer than red a pixel of ballpoint ink is (blue-black ink: about 75)
_PEN_DARK = 150  # green level under which a bluish pixel is ink, not a light fill (ballpoint blue: 50–110)
_PEN_EDGE = 5  # pixels: a ballpoint stroke's paler edge, too faint to be told blue, round its core
_PEN_BRIDGE = 15  # pixels: the widest gap a stroke taken out leaves in a rule it crossed
_PEN_RULED = 0.5  # share of a page's long lines in the pen's blue past which the page's rules are printed so
_FILL_WINDOW = 21  # pixels: the square over which a pixel's surroundings are its cell's fill (a stroke is 2–5 wide)


def pen_ink(bgr: np.ndarray) -> np.ndarray:
    """Blue or blue-black ink: a ballpoint's hand on the printed page (a correction, a tick, a signature). Dark:
    a header row filled in a light blue-grey in Word (8EA9DB: green 169) is no hand. And bluer than what
    surrounds it: print on a cell filled blue-grey or navy takes the fill's tint at its edges (a column line
    through a blue-grey header row is dark and bluish), but is no bluer than the fill round it. (A dark blue
    fill, navy, is as blue and as dark as the ink: it is told by its shape, :func:`scan_fills.reversed_fills`.)"""
    b, g, r = (bgr[:, :, i].astype(np.int16) for i in range(3))
    bluer = b - r
    pen = (bluer > _PEN_BLUE) & (b - g > _PEN_BLUE // 3) & (b < 220) & (g < _PEN_DARK)
    if not pen.any():
        return pen
    around = cv2.medianBlur(np.clip(bluer, 0, 255).astype(np.uint8), _FILL_WINDOW).astype(np.int16)
    return pen & (bluer - around > _PEN_BLUE)


def without_hand(ink: np.ndarray, pen: np.ndarray) -> np.ndarray:
    """``ink`` without a ballpoint's strokes, to look for ruling lines in: a reviewer's line under a row, drawn
    across the column lines, is no rule (taken for one, it cut a two-line name in two and made an entry of its
    second line). A page whose long lines are themselves mostly in the pen's blue has its table printed so (a
    border coloured in Word): there the hand is not told from the print, and all the ink stays; so do lines
    across in blue that run from a black line down to another (:func:`_ruled_in_blue`). Where a stroke
    crossed a rule, the rule's ink under it is kept: what bridges the gap along a line down or across."""
    if not pen.any():
        return ink
    hand = cv2.dilate(pen.astype(np.uint8), np.ones((_PEN_EDGE, _PEN_EDGE), np.uint8)).astype(bool)
    wide, tall = line_kernels(ink.shape)
    binary = ink.astype(np.uint8)
    long = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, wide), np.uint8)) | cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, np.ones((tall, 1), np.uint8))
    lines = long.astype(bool)
    if int((lines & hand).sum()) > _PEN_RULED * int(lines.sum()):
        return ink
    hand &= ~_ruled_in_blue(ink, hand, wide, tall)
    kept = (ink & ~hand).astype(np.uint8)
    bridged = cv2.morphologyEx(kept, cv2.MORPH_CLOSE, np.ones((_PEN_BRIDGE, 1), np.uint8)) | cv2.morphologyEx(
        kept, cv2.MORPH_CLOSE, np.ones((1, _PEN_BRIDGE), np.uint8))
    return kept.astype(bool) | (ink & hand & bridged.astype(bool))


def _ruled_in_blue(ink: np.ndarray, hand: np.ndarray, wide: int, tall: int) -> np.ndarray:
    """The strokes in ``hand`` that are rules printed in blue: lines across that end, both ends, on a line down
    printed black (a table's rows ruled in Word's blue inside a black frame). A hand's line under a row starts
    and stops inside cells, where no line down stands."""
    down = cv2.morphologyEx((ink & ~hand).astype(np.uint8), cv2.MORPH_OPEN, np.ones((tall, 1), np.uint8))
    strokes = cv2.morphologyEx(hand.astype(np.uint8), cv2.MORPH_OPEN, np.ones((1, wide), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(strokes)
    h = ink.shape[0]

    def on_a_line(x: int, top: int, bottom: int) -> bool:
        return bool(down[max(0, top - tall):min(h, bottom + tall), max(0, x - _PEN_EDGE):x + _PEN_EDGE + 1].any())

    printed = np.zeros(ink.shape, bool)
    for i in range(1, count):
        x, y, width, height = (int(v) for v in stats[i, :4])
        if on_a_line(x, y, y + height) and on_a_line(x + width - 1, y, y + height):
            printed |= labels == i
    return cv2.dilate(printed.astype(np.uint8), np.ones((_PEN_EDGE, _PEN_EDGE), np.uint8)).astype(bool)
