"""Print on filled cells of a scanned page: a header row shaded in Word, in a mid tone (grey, blue-grey) or dark
with its text in white (navy). Print is told by its darkness against what it stands on, not by a fixed level:
stretched, a mid-tone fill is as dark as print, and a dark fill's text is lighter than the paper's."""

from __future__ import annotations

import cv2
import numpy as np

from reportcheck.readers.scan_levels import INK

_FILL_SPAN = 15  # pixels: wider than any stroke of print at 200 dpi; a cell's fill runs far wider
_ON_FILL = 60  # grey levels print is darker than the cell fill it stands on (or, reversed, lighter)
_DARK_CELL = (60, 25)  # pixels wide and high: the least a cell filled dark spans (a one-line row is about 35 high)
_RECTANGLE = 0.8  # share of its bounding box a dark fill covers: a cell's is a rectangle; a photo's dark is not
_TEXT = 30  # light pixels inside a dark fill that make it hold text (a character has about 80)
_RULE_ON_DARK = 3  # grey levels a rule is darker than a dark fill, in most of its pixels (the fill's noise: about 3)
_EVEN = 25  # grey levels about its median within which a pixel is of a fill's tone
_EVEN_SHARE = 0.5  # share of a region's pixels of its tone for it to be a fill, not close print
_FILL_SHARE = 0.25  # share of a column through a dark fill's white text that is the fill (a dense label: 0.3)
_RULE_RUN = 0.8  # share of a column (row) of the fill's box darker than the fill for it to be a rule down (across)


def _fill(grey: np.ndarray) -> np.ndarray:
    """What each pixel stands on: the page's grey with every stroke narrower than :data:`_FILL_SPAN` closed."""
    return cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_FILL_SPAN,) * 2))


def print_ink(grey: np.ndarray) -> np.ndarray:
    """Pixels of print: darker than :data:`INK`, and on a cell filled in a mid tone (:func:`_filled_cells`) darker
    than the fill by :data:`_ON_FILL`. Taken for ink, a blue-grey fill made each empty cell of its row one the
    recogniser read as nothing ("?", in doubt), and a name's tail run on over the page was no longer told a row's
    tail. Elsewhere the fixed level: a dense character's closing is dark too, and its middle is print."""
    ink = grey < INK
    fill = _fill(grey)
    for box, cell in _filled_cells(grey, fill < INK + _ON_FILL):
        ink[box] = np.where(cell, grey[box].astype(np.int16) < fill[box].astype(np.int16) - _ON_FILL, ink[box])
    return ink


def _filled_cells(grey: np.ndarray, tinted: np.ndarray) -> list[tuple[tuple[slice, slice], np.ndarray]]:
    """The regions of ``tinted`` (where the closing is darker than paper) that are a cell's fill: rectangles at
    least a row high (:func:`_cell_shaped`), most of whose pixels are the fill's own tone (a run of dense
    characters closes dark too, but its pixels are black strokes and white gaps)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(tinted.astype(np.uint8), connectivity=4)
    out = []
    for i in range(1, count):
        x, y, width, height, area = (int(v) for v in stats[i])
        if not _cell_shaped(x, y, width, height, area, grey.shape):
            continue
        box = (slice(y, y + height), slice(x, x + width))
        cell = labels[box] == i
        tones = grey[box][cell].astype(np.int16)
        if float((np.abs(tones - int(np.median(tones))) <= _EVEN).mean()) >= _EVEN_SHARE:
            out.append((box, cell))
    return out


def _cell_shaped(x: int, y: int, width: int, height: int, area: int, shape: tuple[int, ...]) -> bool:
    """A cell's fill: a rectangle at least :data:`_DARK_CELL`, inside the page (a binding's shadow, the lid's edge
    reach the image's edge)."""
    inside = x > 0 and y > 0 and x + width < shape[1] and y + height < shape[0]
    return width >= _DARK_CELL[0] and height >= _DARK_CELL[1] and area >= _RECTANGLE * width * height and inside


def reversed_fills(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The page with each cell filled dark and written in white (a navy header row) turned to dark on light, as
    the rest of the page is printed (left, the row's labels were no ink and the table they head went unread),
    and where such fills are (a navy fill is as blue and as dark as a ballpoint's ink: no hand is there).
    A dark fill is told from other dark areas by its shape and content: a rectangle at least a row high, inside
    the page (:func:`_cell_shaped`), holding light strokes. Its rules, black on the fill, stay black: the row's
    column lines and the table's top rule (:func:`_rules`; the dark rings a JPEG leaves round white strokes are
    turned with the fill)."""
    dark = (_fill(grey) < INK).astype(np.uint8)
    filled = np.zeros(grey.shape, bool)
    if not dark.any():
        return grey, filled
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=4)
    out = grey
    for i in range(1, count):
        x, y, width, height, area = (int(v) for v in stats[i])
        if not _cell_shaped(x, y, width, height, area, grey.shape):
            continue
        level = int(np.median(grey[y:y + height, x:x + width][labels[y:y + height, x:x + width] == i]))
        box = _grown(grey, x, y, width, height)
        cell = grey[box]
        if int((cell > level + _ON_FILL).sum()) < _TEXT:
            continue
        if out is grey:
            out = grey.copy()
        out[box] = np.where(_rules(cell, level), 0, 255 - cell)
        filled[box] = True
    return out, filled


def _grown(grey: np.ndarray, x: int, y: int, width: int, height: int) -> tuple[slice, slice]:
    """The rectangle of a dark fill grown to its rules: round dense white text (two lines of a label) and a bold
    figure near a rule, the closing is light, and the fill found there stops short of the cell's edge. Grown
    while the next column (row) is dark enough: the fill round its text, then the rule; paper beyond is not."""
    h, w = grey.shape
    x0, x1, y0, y1 = x, x + width, y, y + height
    while x0 > 0 and _mostly_dark(grey[y0:y1, x0 - 1]):
        x0 -= 1
    while x1 < w and _mostly_dark(grey[y0:y1, x1]):
        x1 += 1
    while y0 > 0 and _mostly_dark(grey[y0 - 1, x0:x1]):
        y0 -= 1
    while y1 < h and _mostly_dark(grey[y1, x0:x1]):
        y1 += 1
    return slice(y0, y1), slice(x0, x1)


def _mostly_dark(line: np.ndarray) -> bool:
    """A column (row) of a dark fill: a share of it dark (:data:`_FILL_SHARE`), as round the densest white text."""
    return float((line < INK).mean()) >= _FILL_SHARE


def _rules(cell: np.ndarray, level: int) -> np.ndarray:
    """The pixels of a dark fill's box that are its rules: columns (rows) darker than the fill down (across) most of
    it (:data:`_RULE_RUN`). Told by the share of a column, not each pixel: stretched, the fill is the page's
    darkest print but for its rules, and they stand only a few grey levels under it (navy 10, its rules 0–5)."""
    darker = cell.astype(np.int16) < level - _RULE_ON_DARK
    down = darker.mean(axis=0) >= _RULE_RUN
    across = darker.mean(axis=1) >= _RULE_RUN
    return down[None, :] | across[:, None]
