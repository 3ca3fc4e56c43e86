"""A scanned page's ruling lines told from its text: what survives an opening with a kernel far longer than
any character, apart from a scanner's or a copier's streaks down the whole page; on a page printed in dots or
specks (a fax, a halftone copy, a copy of a copy) lines across looked for in dashes and lines down as dots;
lines carried on where a scan lost their ends, lines across joined over a band where the print went faint in
dashes, and a table border put back where rows of lines end at one x.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import cv2
import numpy as np

from reportcheck.readers.scan_dotted import dotted_lines
from reportcheck.readers.scan_faint import faint_lines
from reportcheck.readers.scan_folds import folds
from reportcheck.readers.scan_levels import INK, PAPER

_MEET = 6  # pixels: how close a vertical line's ends must come to horizontal lines
_GAP_ACROSS = 60  # pixels: a break this short in a line across is not its end
_GAP_DOWN = 24  # and in a line down (a one-line row is about 35 px high at 200 dpi)
_BORDER_GAP = 300  # pixels: lines across further apart than this (1.5 in) belong to no one row
_BORDER_ROWS = 3  # lines across that end at one x make a table border there
_BORDER_DRAWN = 0.3  # share with ink, along a stretch between two lines across, of a border drawn in pieces
_REACH = 200  # pixels a line across may have lost at an end
_TOUCH = 2  # pixels: a one-row column line touches the lines across; a character's stroke stops short
_ROW_DOWN = 20  # pixels: the shortest column line of one row (a one-line row is about 35 px high)
_MIN_ACROSS, _MIN_DOWN = 66, 38  # pixels: the line kernels on an A4 page at 200 dpi (width / 25, height / 60)
_DOT_GAP = 5  # rows: the widest break between the dots of a line down printed through a screen
_SIDE, _LINE_CONTRAST = 5, 25  # a thin line down is this much darker than the page this far either side of it
_BLURRED = 3  # pixels a rule's blur darkens on either side of it
_DOTS_FILL, _DOTS_CROSSED = 0.9, 0.15  # shares of a dotted line's rows: with ink on it; with ink across it
_STRADDLE, _STRADDLE_TALL = 20, 8  # pixels: how far either side of a line a character on it is looked for; its height
_DOTS_FAINT = 0.5  # share of rows with ink over which two pieces of a dotted line down are one line
_LONG_DOWN = 3  # line kernels: a line down this long is no character's stroke, however its dots were joined
_DASH_GAP = 15  # pixels: the widest break a fax or a worn copy leaves in a line across
_EDGE = 0.03  # share of the page's height: ink this near its top and bottom edges is on the glass, not the paper
_STREAK = 0.6  # share of the page's height a line from edge to edge is drawn along
_STREAK_WIDTH = 5  # pixels of ink across a streak's band in a row where nothing else is
_STREAK_DARKER = 40  # grey levels a column line a streak runs along is darker than the streak
_DASH_THICK = 6  # pixels: the thickest line across a fax draws
_BRIDGE = 300  # pixels: the longest gap in a line two pieces of it are joined over, where it goes on in dashes
_DASH_FILL, _DASH_ALONE = 0.5, 0.4  # shares of a broken line's length: with ink; with ink and nothing beside it
_CORNER_TRACE = 0.15  # share of its way a lost rule's traces cover for a line across to be carried on from a corner
_BORDER_REACH = 400  # pixels a fax's rule across may have lost before the corner it makes with a table's border
_CORNER_LOST = 40  # pixels of a border's end a scan may lose before the corner it makes with a rule across
_CELL_FILLED = 0.6  # share of a cell's width a run of dashes spans to be the rule under it
_DASH_FILL_TILTED = 0.75  # share with ink of a run of dashes taller than a line draws, to be a tilted line
_DASH_FILL_CROWDED = 0.4  # share with ink of a run that carries on a rule where text presses on it


@dataclass(frozen=True)
class Segment:
    """A ruling line in pixels: horizontal (``y`` fixed, ``a``..``b`` along x) or vertical."""

    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass
class _Lines:
    mask: np.ndarray
    segments: list[Segment]


def ruling(ink: np.ndarray, streaks: np.ndarray, grey: np.ndarray, broken: bool = False,
            one_bit: bool = False) -> _Lines:
    """Ruling lines: ink that survives an opening with a kernel far longer than any character, apart from
    the ``streaks`` (bands round lines down the whole page): in a band, only a line clearly darker than the
    streak is a column's. On a ``broken`` page (a fax, a halftone copy) lines across come in dashes, and are
    looked for as such too; on any other that is not ``one_bit``, lines printed in a light grey are looked for in
    the page's grey (:func:`faint_lines`). A fold in the paper is taken out first (:func:`folds`)."""
    binary = ink.astype(np.uint8)
    fold = folds(binary, grey)  # the paper's, through its margins: no rule
    binary &= ~fold
    wide, tall = line_kernels(ink.shape)
    # on a page in dots or specks (a fax, a halftone copy) darkness is the dots', not the line's: left as it is
    down = _opened(binary if broken else _darker_than_streaks(binary, streaks, grey), 1, tall, close=9)
    fine_dots = dotted_lines(binary, tall, horizontal=False)
    fine_rows = dotted_lines(binary, _ROW_DOWN, horizontal=False) & ~fine_dots  # taken only under a line's (below)
    down |= fine_dots
    streak = _alone_in(streaks, binary)  # dirt on the glass or the drum: neither a rule nor text
    binary &= ~streak
    down &= ~streak
    # dotted across only as long as two line kernels: a row of a figure's digits has the arcs of its 0s in a row
    across = _opened(binary, wide, 1, close=9) | dotted_lines(binary, 2 * wide, horizontal=True)
    if not (broken or one_bit):  # a page in black and white, or in dots, has no grey a rule could be printed in
        light_across, light_down = faint_lines(grey, wide, tall, across, down, streaks, fold)
        across |= light_across
        down |= light_down
    dashed, crowded = _dashed(binary, wide) if broken else (np.zeros_like(across), [])
    horizontals = _bridged(_joined(_segments(across | dashed, True), _GAP_ACROSS), binary)
    long_down = 3 * tall
    verticals = [s for s in _joined(_segments(down, False), _GAP_DOWN)
                 if s.b - s.a >= long_down or _meets(s, horizontals)]
    verticals += _dotted_rows(fine_rows, verticals, horizontals)
    down |= fine_rows
    down &= ~_not_lines(fine_dots | fine_rows, verticals)  # a glyph's edge of short strokes: ink given back to text
    if broken:
        spread = cv2.dilate(binary, np.ones((1, 3), np.uint8))  # a dotted line's dots, a pixel either side
        dotted = _dotted_down(spread, tall, verticals, horizontals)
        verticals = _over_faint(_joined(verticals + dotted, _GAP_DOWN), horizontals, spread, tall)
        for s in dotted:
            down[round(s.a):round(s.b), max(0, round(s.pos) - 1):round(s.pos) + 2] = 1
    if broken:  # a run of dashes that crosses no line down, nor fills a cell, is a row of characters' bottom strokes
        solid = _segments(across, True)
        horizontals = [s for s in horizontals if _crosses(s, verticals) or _fills_cell(s, verticals) or any(
            abs(o.pos - s.pos) <= _MEET and o.a < s.b and s.a < o.b for o in solid)]
        horizontals = _carried_on(horizontals, crowded)
    horizontals = _reaching(horizontals, verticals)  # first: a line that lost its end is not a border there
    verticals += _one_row_lines(binary, grey, horizontals, verticals)
    verticals += _borders(horizontals, verticals, binary)
    horizontals = _through_holes(_reaching(horizontals, verticals), verticals)
    if broken or one_bit:
        verticals = _to_corners(verticals, horizontals)
        horizontals = _to_border_corners(horizontals, verticals)
        horizontals = _cornered(horizontals, verticals, binary)
    horizontals, bottoms = _text_bottoms_apart(_joined(horizontals, _GAP_ACROSS))
    for s in bottoms:  # the characters' strokes, given back to them
        rows = slice(max(0, round(s.pos) - _DASH_THICK), round(s.pos) + _DASH_THICK)
        across[rows, round(s.a):round(s.b)] = dashed[rows, round(s.a):round(s.b)] = 0
    segments = horizontals + verticals
    mask = cv2.dilate(across | dashed | down, np.ones((3, 3), np.uint8)).astype(bool) | (streak | fold).astype(bool)
    return _Lines(mask, segments)


def line_kernels(shape: tuple[int, ...]) -> tuple[int, int]:
    """The lengths (across, down) ink must run to be a ruling line: a share of an A4 page, and never shorter
    than on one — a picture of a table is far smaller than a page, and its characters' strokes are not lines."""
    h, w = shape[:2]
    return max(w // 25, _MIN_ACROSS), max(h // 60, _MIN_DOWN)


def _dotted_rows(found: np.ndarray, verticals: list[Segment], horizontals: list[Segment]) -> list[Segment]:
    """One row's dotted lines down (a header's row, where the line between 2021年 and 2022年 stands): taken only
    from rule to rule and where a longer line down of the page stands at the same x — the edge of a character
    of short strokes across (群) in a title row looks as even, but stands under no column line."""
    return [s for s in _segments(found, False) if _meets(s, horizontals)
            and any(abs(v.pos - s.pos) <= _MEET / 2 for v in verticals)
            and not any(abs(v.pos - s.pos) <= _MEET and v.a - _MEET <= s.a and s.b <= v.b + _MEET for v in verticals)]


def _not_lines(found: np.ndarray, verticals: list[Segment]) -> np.ndarray:
    """The parts of ``found`` (a mask of lines down) that lie along none of the lines down taken."""
    out = np.zeros_like(found)
    for s in _segments(found, False):
        if not any(abs(v.pos - s.pos) <= _MEET and v.a - _MEET <= s.a and s.b <= v.b + _MEET for v in verticals):
            rows, cols = slice(round(s.a), round(s.b) + 1), slice(max(0, round(s.pos) - 3), round(s.pos) + 4)
            out[rows, cols] = found[rows, cols]
    return out


def _row_by_row(s: Segment, horizontals: list[Segment], wide: np.ndarray) -> list[Segment]:
    """The parts of a dotted line down that are a line's all along: cut at the lines across it, each stretch
    between two of them kept where it is a line's, if faint (:func:`_faint_line`) — a title row spanning the
    table, or a row of text the joined strokes ran on into, is not."""
    ys = sorted(h.pos for h in horizontals if h.a - _MEET <= s.pos <= h.b + _MEET and s.a < h.pos < s.b)
    parts: list[Segment] = []
    for a, b in pairwise([s.a, *ys, s.b]):
        if b - a > 2 * _MEET and not _faint_line(wide, s.pos, a, b):
            continue
        if parts and abs(parts[-1].b - a) < 0.5:
            parts[-1] = Segment(False, s.pos, parts[-1].a, b)
        else:
            parts.append(Segment(False, s.pos, a, b))
    return parts


def _down_at(wide: np.ndarray, x: int, a: float, b: float) -> tuple[float, float]:
    """Along rows ``a``..``b`` at column ``x`` of an ink image: the share of rows with ink on it, and the
    share with ink reaching out on both sides (strokes across it: a character's, where a line has few; the
    rules it runs between, at its ends, left out)."""
    rows = wide[round(a):round(b)].astype(bool)
    if not len(rows):
        return 0.0, 0.0
    inner = rows[_DASH_THICK:len(rows) - _DASH_THICK]
    on = rows[:, max(0, x - 1):x + 2].any(axis=1)
    across = inner[:, max(0, x - 7):max(0, x - 3)].any(axis=1) & inner[:, x + 4:x + 8].any(axis=1)
    return float(on.mean()), float(across.mean()) if len(inner) else 0.0


def _text_bottoms_apart(horizontals: list[Segment]) -> tuple[list[Segment], list[Segment]]:
    """Lines across, and apart from them the runs of characters' bottom strokes taken for lines (a row of
    上工业 on a blurred copy): a run closer to a longer line than a line of text is high, lying within its
    length. Two rules of a table are a row apart; a double border's two lines are as long as each other."""
    lines, bottoms = [], []
    for s in horizontals:
        if any(0 < abs(o.pos - s.pos) < _ROW_DOWN and o.a - _MEET <= s.a and s.b <= o.b + _MEET
               and o.b - o.a > s.b - s.a + 2 * _MEET for o in horizontals):
            bottoms.append(s)
        else:
            lines.append(s)
    return lines, bottoms


def _dotted_down(wide: np.ndarray, tall: int, verticals: list[Segment], horizontals: list[Segment]) -> list[Segment]:
    """Lines down printed as dots (through a copier's screen) or wavering a pixel either way: found once the
    dots are joined (``wide``: the ink spread a pixel either side; here gaps of up to :data:`_DOT_GAP` rows
    bridged). Joined so, strokes of characters stacked in a column and a stroke and the rule under it run
    together too; what is taken is straight and bare — ink in nearly every row along it, few rows where ink
    reaches out on both sides (a character's strokes across), row by row (:func:`_row_by_row`) — and long, or
    standing where a column line of the page stands."""
    joined = cv2.morphologyEx(wide, cv2.MORPH_CLOSE, np.ones((_DOT_GAP, 1), np.uint8))
    lines = []
    for found in _joined(_segments(_opened(joined, 1, tall, close=9), False), _GAP_DOWN):
        for s in _row_by_row(found, horizontals, wide):
            if s.b - s.a < tall:
                continue
            if any(abs(v.pos - s.pos) <= _MEET and v.a - _MEET <= s.a and s.b <= v.b + _MEET for v in verticals):
                continue  # found already
            filled, crossed = _down_at(wide, round(s.pos), s.a, s.b)
            if filled >= _DOTS_FILL and crossed <= _DOTS_CROSSED:
                lines.append(s)
    long = [s for s in lines if s.b - s.a >= _LONG_DOWN * tall]
    columns = verticals + long
    short = [_to_rules(s, horizontals, wide, tall) for s in lines if s.b - s.a < _LONG_DOWN * tall]
    return long + [s for s in short if _meets(s, horizontals) and any(abs(v.pos - s.pos) <= _MEET / 2 for v in columns)]


def _over_faint(verticals: list[Segment], horizontals: list[Segment], wide: np.ndarray, tall: int) -> list[Segment]:
    """Dotted lines down carried on over stretches where their dots grew faint (a row or two, up to
    :data:`_LONG_DOWN` line kernels): between two pieces of one line, and from an end that meets no line
    across on to the next line across its way (:func:`_to_rules`). ``wide``: the ink spread a pixel either
    side, as :func:`_dotted_down` takes it."""
    spans = [Segment(False, (upper.pos + lower.pos) / 2, upper.b, lower.a) for upper in verticals for lower in verticals
             if abs(lower.pos - upper.pos) <= _MEET / 2 and 0 < lower.a - upper.b <= _LONG_DOWN * tall
             and _faint_line(wide, (upper.pos + lower.pos) / 2, upper.b, lower.a)]
    return _joined([_to_rules(v, horizontals, wide, tall) for v in verticals] + spans, _GAP_DOWN)


def _to_rules(v: Segment, horizontals: list[Segment], wide: np.ndarray, tall: int) -> Segment:
    """A dotted line down whose end meets no line across, carried on to the next line across its way where
    the stretch between is a faint line's (:func:`_faint_line`)."""
    met = [h.pos for h in horizontals if h.a - _MEET <= v.pos <= h.b + _MEET]
    a, b = v.a, v.b
    if not any(abs(y - v.b) <= _MEET for y in met):
        below = min((y for y in met if v.b < y <= v.b + _LONG_DOWN * tall), default=None)
        if below is not None and _faint_line(wide, v.pos, v.b, below):
            b = below
    if not any(abs(y - v.a) <= _MEET for y in met):
        above = max((y for y in met if v.a - _LONG_DOWN * tall <= y < v.a), default=None)
        if above is not None and _faint_line(wide, v.pos, above, v.a):
            a = above
    return Segment(False, v.pos, a, b)


def _faint_line(wide: np.ndarray, x: float, a: float, b: float) -> bool:
    """Rows ``a``..``b`` at ``x`` hold a line gone faint: ink on it in most of them (half), few strokes across
    — where a row spanning the table, or the cell over a column, has none, or a character's strokes."""
    filled, crossed = _down_at(wide, round(x), a, b)
    return filled >= _DOTS_FAINT and crossed <= _DOTS_CROSSED and not _straddled(wide, round(x), a, b)


def _straddled(wide: np.ndarray, x: int, a: float, b: float) -> bool:
    """A character stands across column ``x`` between rows ``a`` and ``b`` (the rules at their ends left out):
    a blot of ink as tall as a stroke group reaching out past the line on both sides — the text of a merged
    cell, through which no column line runs (a 区 where the column below has its line)."""
    top, bottom = round(a) + _DASH_THICK, round(b) - _DASH_THICK
    lo = max(0, x - _STRADDLE)
    if bottom - top < _STRADDLE_TALL:
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(wide[top:bottom, lo:x + _STRADDLE + 1].astype(np.uint8))
    span = min(x + _STRADDLE + 1, wide.shape[1]) - lo
    return any(left < x - lo - _SIDE and left + w > x - lo + _SIDE and h >= _STRADDLE_TALL
               and (left > 0 or left + w < span)  # a rule across runs through the whole window
               for left, _, w, h, _ in stats[1:count])


def _opened(binary: np.ndarray, width: int, height: int, close: int) -> np.ndarray:
    """What survives an opening with a ``width`` × ``height`` line, its breaks up to ``close`` long closed."""
    lines = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width, height)))
    kernel = (close, 1) if width > height else (1, close)
    return cv2.morphologyEx(lines, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))


def find_streaks(ink: np.ndarray) -> np.ndarray:
    """Bands round lines down that run from the paper's top edge to its bottom edge: dirt on a scanner's or
    a fax's glass draws them through everything on the page; a form's column lines stop at its tables'
    borders. Looked for before the page is straightened, where they stand exactly upright."""
    h = ink.shape[0]
    edge = max(1, int(h * _EDGE))
    near = cv2.dilate(ink.astype(np.uint8), np.ones((1, 3), np.uint8))  # within a pixel either side
    whole, top, bottom = near.mean(axis=0), near[:edge].mean(axis=0), near[h - edge:].mean(axis=0)
    columns = (whole >= _STREAK) & (top >= _STREAK / 2) & (bottom >= _STREAK / 2)
    band = np.zeros_like(near)
    band[:, columns] = 1
    return cv2.dilate(band, np.ones((1, 7), np.uint8))


def _darker_than_streaks(binary: np.ndarray, streaks: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """``binary`` where, inside a streak's band, only what is clearly darker than the streak is kept: a column
    line the streak runs along (or a stroke crossing it); the streak itself, and its remains where it crosses
    text, are no column's line. The streak's darkness is taken where it is alone: in the page's top and
    bottom margins (:data:`_EDGE`), which it crosses and no table reaches. A streak as dark as print (a
    fax's in black and white, a sheet feeder's dust) cannot be told from a line by its darkness: there the
    pixel columns it inks in the margins are taken out down the whole page (a column line standing on them is
    lost with it, and the cells it parted, crossed by the streak, are in doubt)."""
    inside = streaks.astype(bool)
    if not inside.any():
        return binary
    kept = binary.copy()
    h = grey.shape[0]
    edge = max(1, int(h * _EDGE))
    columns = np.nonzero(inside.any(axis=0))[0]
    for run in np.split(columns, np.nonzero(np.diff(columns) > 1)[0] + 1):
        band = grey[:, run[0]:run[-1] + 1]
        margins = np.concatenate([band[:edge], band[h - edge:]])
        level = float(np.median(margins.min(axis=1)))
        if level < INK:  # as dark as print: its own pixel columns, inked in the margins, taken out
            for x in run[0] + np.flatnonzero((margins < INK).mean(axis=0) >= _STREAK / 2):
                kept[:, max(0, x - 1):x + 2] = 0  # and a pixel either side, its blur
            continue
        kept[:, run[0]:run[-1] + 1] &= (band < level - _STREAK_DARKER).astype(kept.dtype)
    return kept


def no_streaks(ink: np.ndarray) -> np.ndarray:
    return np.zeros(ink.shape, np.uint8)


def _alone_in(band: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """The ink of a streak's band in the rows where it is the streak alone (a few pixels wide): taken from
    the text too, where the recogniser reads it as a "1"; a character the streak crosses keeps its strokes."""
    inside = (band > 0) & (ink > 0)
    counts = np.zeros(ink.shape[0], int)
    np.add.at(counts, np.nonzero(inside)[0], 1)
    return (inside & (counts <= _STREAK_WIDTH)[:, None]).astype(np.uint8)


def _crosses(across: Segment, verticals: list[Segment]) -> bool:
    return any(across.a + _MEET < v.pos < across.b - _MEET and v.a - _MEET <= across.pos <= v.b + _MEET
               for v in verticals)


def _fills_cell(across: Segment, verticals: list[Segment]) -> bool:
    """A run of dashes that lies between two neighbouring lines down, starts at one of them and spans most of
    the way to the other: the rule under one cell, the rest of its row's rule lost (a fax's). A scan line the
    fax garbled runs from and to anywhere."""
    xs = sorted(v.pos for v in verticals if v.a - _MEET <= across.pos <= v.b + _MEET)
    left = max((x for x in xs if x <= across.a + _MEET), default=None)
    right = min((x for x in xs if x >= across.b - _MEET), default=None)
    if left is None or right is None or right - left <= 2 * _MEET:
        return False
    touches = min(across.a - left, right - across.b) <= 2 * _MEET
    return touches and (across.b - across.a) >= _CELL_FILLED * (right - left)


def _dashed(binary: np.ndarray, wide: int) -> tuple[np.ndarray, list[Segment]]:
    """Lines across broken into dashes. Strokes down (and column lines) are set aside, what is left is
    bridged over short breaks and opened with the long kernel; a run of it is a rule where it has ink
    along most of its length and most of that ink stands alone, nothing just above or below it — a row of
    characters bridged the same way has its other strokes there. Runs with the ink but crowded by text
    (a rule between two rows of characters set close to it) are given apart, to be taken only where they
    carry on a rule found."""
    down = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _DASH_THICK + 1)))
    bridged = cv2.morphologyEx(binary & ~down, cv2.MORPH_CLOSE,
                               cv2.getStructuringElement(cv2.MORPH_RECT, (_DASH_GAP, 1)))
    candidates = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (wide, 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(candidates, connectivity=8)
    keep = np.zeros(count, bool)
    crowded = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        band = binary[y:y + h, x:x + w].any(axis=0)
        # Taller than a line draws: a line a little tilted (a skew under the one the page was turned by) is
        # thin all along it, and solid; a fax's garbled scan line, as tilted, is half gaps.
        if h > _DASH_THICK and (band.mean() < _DASH_FILL_TILTED
                                or np.median((labels[y:y + h, x:x + w] == label).sum(axis=0)) > _DASH_THICK):
            continue
        above = binary[max(0, y - 4):max(0, y - 1), x:x + w].any(axis=0)
        below = binary[y + h + 1:y + h + 4, x:x + w].any(axis=0)
        keep[label] = band.mean() >= _DASH_FILL and (band & ~above & ~below).mean() >= _DASH_ALONE
        if not keep[label] and band.mean() >= _DASH_FILL_CROWDED:
            crowded.append(Segment(True, y + h / 2, float(x), float(x + w)))
    return (keep[labels] & (candidates > 0)).astype(np.uint8), crowded


def _carried_on(lines: list[Segment], crowded: list[Segment]) -> list[Segment]:
    """Crowded runs of dashes that lie on a rule found and carry it on (the same height, a short break
    between): the rule's stretch where text presses on it."""
    out = list(lines)
    grown = True
    while grown and crowded:
        grown = False
        for c in list(crowded):
            if any(abs(c.pos - s.pos) <= _MEET / 2 and c.a - s.b <= _GAP_ACROSS and s.a - c.b <= _GAP_ACROSS
                   for s in out):
                out.append(c)
                crowded.remove(c)
                grown = True
    return _joined(out, _GAP_ACROSS)


def _segments(mask: np.ndarray, horizontal: bool) -> list[Segment]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for x, y, w, h, _area in stats[1:count]:
        length, thickness = (w, h) if horizontal else (h, w)
        if thickness > 12 or length < 3 * thickness:
            continue  # a blot, not a line
        if horizontal:
            out.append(Segment(True, y + h / 2, float(x), float(x + w)))
        else:
            out.append(Segment(False, x + w / 2, float(y), float(y + h)))
    return out


def _joined(segments: list[Segment], gap: int) -> list[Segment]:
    """Pieces of one line broken by a fade, a fold or a seal's edge, joined across short gaps. Down,
    the gap must stay under a row's height: a column line stops at a row that spans the table."""
    return _merged(segments, lambda last, s: s.a - last.b <= gap)


def _bridged(segments: list[Segment], binary: np.ndarray) -> list[Segment]:
    """Two pieces of one line across joined over a longer gap (up to :data:`_BRIDGE`) where the line goes on
    along it in dashes standing alone (:func:`_trace`, :func:`_alone`): a band the printer's toner missed leaves a
    table's rules faint and broken there, too short for the line kernel. Only pieces found on either side are
    joined, so no line is made out of text; lines down are not, for a column line stops at a merged cell whose
    text may stand where it would run (the long stroke down of 区 passes for its dashes)."""
    return _merged(segments, lambda last, s: 0 < s.a - last.b <= _BRIDGE and _dashes_between(last, s, binary))


def _through_holes(horizontals: list[Segment], verticals: list[Segment]) -> list[Segment]:
    """Two pieces of one line across joined over a hole (up to :data:`_BRIDGE`) that a fax or a worn copy left in
    it: where neither piece stops at a line down — a rule never stops inside a cell, and one that stops at a
    cell spanning rows does so at that cell's line down — and together they run from a line down to a line
    down. Lost, the hole opened the cell above into the one below, and a table's title row was read as none.
    What lies in the hole is not looked at: the row's text may stand close under it (a fax's rows are tight),
    and the rule's own traces in it are dashes; two lines to write on with a word between them, both reaching
    a cell's sides, are taken for one rule across the cell (the cell split in two rows, no text lost)."""
    def down_at(x: float, y: float) -> bool:
        return any(abs(v.pos - x) <= _MEET and v.a - _MEET <= y <= v.b + _MEET for v in verticals)

    def joins(last: Segment, s: Segment) -> bool:
        y = (last.pos + s.pos) / 2
        return (0 < s.a - last.b <= _BRIDGE and not down_at(last.b, y) and not down_at(s.a, y)
                and down_at(last.a, y) and down_at(s.b, y))

    return _merged(horizontals, joins)


def _merged(segments: list[Segment], joins: Callable[[Segment, Segment], bool]) -> list[Segment]:
    """Pieces of one line (at one height, within half of :data:`_MEET`) taken from its start on, each joined
    to the piece before it where ``joins(before, piece)``."""
    rows: list[list[Segment]] = []
    for s in sorted(segments, key=lambda s: s.pos):
        if rows and s.pos - rows[-1][-1].pos <= _MEET / 2:
            rows[-1].append(s)
        else:
            rows.append([s])
    out: list[Segment] = []
    for row in rows:
        start = len(out)
        for s in sorted(row, key=lambda s: s.a):
            last = out[-1] if len(out) > start else None
            if last is not None and joins(last, s):
                out[-1] = Segment(s.horizontal, (last.pos + s.pos) / 2, last.a, max(last.b, s.b))
            else:
                out.append(s)
    return out


def _dashes_between(first: Segment, then: Segment, binary: np.ndarray) -> bool:
    """The line across of ``first`` goes on to ``then`` in dashes: ink along most of the gap, most of it alone."""
    at, span = round((first.pos + then.pos) / 2), [first.b, then.a]
    return _trace(binary, at, span, horizontal=True) >= _DASH_FILL and _alone(binary, at, span) >= _DASH_ALONE


def _borders(horizontals: list[Segment], verticals: list[Segment], binary: np.ndarray) -> list[Segment]:
    """A table's left and right borders where the scan lost them: rows of lines that end at one x
    (three or more, one below the other, none further from the next than a row can be high) are closed
    by a line down there. Two tables one above the other, text between them, stay two: apart by more than a
    row can be high, or, where the border is there in pieces (a fax's), with no ink of it between them."""
    out = []
    for end in ("a", "b"):
        groups: list[list[Segment]] = []
        for s in sorted(horizontals, key=lambda s: getattr(s, end)):
            if groups and abs(getattr(s, end) - getattr(groups[-1][-1], end)) <= _MEET:
                groups[-1].append(s)
            else:
                groups.append([s])
        runs = [part for g in groups for run in _close_runs(sorted(g, key=lambda s: s.pos))
                for uncrossed in _uncrossed(run, end, horizontals)
                for part in _drawn_apart(uncrossed, end, binary, verticals)]
        for group in (g for g in runs if len(g) >= _BORDER_ROWS):
            x = float(np.median([getattr(s, end) for s in group]))
            top, bottom = min(s.pos for s in group), max(s.pos for s in group)
            covered = sum(max(0.0, min(v.b, bottom) - max(v.a, top)) for v in verticals if abs(v.pos - x) <= _MEET)
            if covered < 0.9 * (bottom - top):
                out.append(Segment(False, x, top, bottom))
    return out


def _uncrossed(run: list[Segment], end: str, horizontals: list[Segment]) -> list[list[Segment]]:
    """Lines across (top to bottom) that end at one x, cut where another line across runs on through that x
    between two of them: no rule crosses a table's border, so the x is a column line's inside the table
    (whose rows that span it are no border's to close)."""
    x = float(np.median([getattr(s, end) for s in run]))
    parts = [[run[0]]]
    for above, line in pairwise(run):
        if any(above.pos < h.pos < line.pos and h.a < x - _MEET and h.b > x + _MEET for h in horizontals):
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts


def _drawn_apart(run: list[Segment], end: str, binary: np.ndarray, verticals: list[Segment]) -> list[list[Segment]]:
    """Lines across (top to bottom) that end at one x, cut where one table ends and the next begins: the
    border they share, drawn in pieces between some of them, breaks off between two for longer than a line
    down can (:data:`_GAP_DOWN`), and no other line down of theirs runs on there either, its other border
    included (a table whose border alone the scan lost keeps its column lines, or its other border across
    a title row that spans it)."""
    if len(run) < 2:
        return [run]
    x = round(float(np.median([getattr(s, end) for s in run])))
    strip = binary[:, max(0, x - 3):x + 4].any(axis=1)
    stretches = [strip[round(a.pos) + 3:max(round(a.pos) + 3, round(b.pos) - 2)] for a, b in pairwise(run)]
    if max((float(s.mean()) for s in stretches if s.size), default=0.0) < _BORDER_DRAWN:
        return [run]  # the border is lost all along (faint, cut off): closed from end to end
    parts = [[run[0]]]
    for (above, line), stretch in zip(pairwise(run), stretches, strict=True):
        inside = [v for v in verticals if max(above.a, line.a) - _MEET <= v.pos <= min(above.b, line.b) + _MEET]
        goes_on = any(v.a <= above.pos + _MEET and v.b >= line.pos - _MEET for v in inside)
        if _longest_blank(stretch) > _GAP_DOWN and not goes_on:
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts


def _longest_blank(filled: np.ndarray) -> int:
    """The longest run of False in a 1-D bool array."""
    if not filled.size:
        return 0
    edges = np.flatnonzero(np.diff(np.concatenate(([True], filled, [True])).astype(np.int8)))
    return int(np.max(edges[1::2] - edges[::2], initial=0))


def _close_runs(lines: list[Segment]) -> list[list[Segment]]:
    """Lines across (top to bottom) cut where two follow each other further apart than a row can be high."""
    runs: list[list[Segment]] = []
    for s in lines:
        if runs and s.pos - runs[-1][-1].pos <= _BORDER_GAP:
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


def _reaching(horizontals: list[Segment], verticals: list[Segment]) -> list[Segment]:
    """Lines across drawn out to the nearest line down on each side where the scan lost their ends:
    a table's rule runs from one line down to another, never stopping inside a cell."""
    out = []
    for h in horizontals:
        crossing = [v.pos for v in verticals if v.a - _MEET <= h.pos <= v.b + _MEET]
        reach = min(_REACH, (h.b - h.a) / 2)
        a, b = h.a, h.b
        if not any(abs(x - h.a) <= _MEET for x in crossing):  # it does not already end at a line down
            a = max((x for x in crossing if h.a - reach <= x < h.a), default=h.a)
        if not any(abs(x - h.b) <= _MEET for x in crossing):
            b = min((x for x in crossing if h.b < x <= h.b + reach), default=h.b)
        out.append(Segment(True, h.pos, a, b))
    return out


def _to_corners(verticals: list[Segment], horizontals: list[Segment]) -> list[Segment]:
    """On a page in dots or specks (a fax), lines down drawn on to the corner they make with a line across
    that ends where they stand, when their end meets no line across and the fax lost its last stretch (its
    weak dots, a lost scan line under the table's top border). A line down stopping short of a line across
    that runs on past it is a column under a cell that spans (研发投入 over 2021年 | 2022年): left as it is.
    Not on a clean page: there a border that stops short may stop short, and a row it would close (a title
    row over the table) may have lost more than its corner."""
    out = []
    for v in verticals:
        ending = [h.pos for h in horizontals if min(abs(h.a - v.pos), abs(h.b - v.pos)) <= _MEET]
        met = [h.pos for h in horizontals if h.a - _MEET <= v.pos <= h.b + _MEET]
        a, b = v.a, v.b
        if not any(abs(y - v.a) <= _MEET for y in met):
            a = max((y for y in ending if v.a - _CORNER_LOST <= y < v.a), default=v.a)  # the nearest
        if not any(abs(y - v.b) <= _MEET for y in met):
            b = min((y for y in ending if v.b < y <= v.b + _CORNER_LOST), default=v.b)
        out.append(Segment(False, v.pos, a, b))
    return out


def _to_border_corners(horizontals: list[Segment], verticals: list[Segment]) -> list[Segment]:
    """On a fax, a line across drawn on to the corner it makes with a table's border: a line down that starts
    or stops at the line's height, further off than a lost end is looked for (a fax's streak or weak dots
    took a long stretch of the table's top rule), with no line down crossing the way between."""
    out = []
    for h in horizontals:
        crossing = [v.pos for v in verticals if v.a - _MEET <= h.pos <= v.b + _MEET]
        corners = [v.pos for v in verticals if min(abs(v.a - h.pos), abs(v.b - h.pos)) <= _MEET]
        a, b = h.a, h.b
        if not any(abs(x - h.a) <= _MEET for x in crossing):
            a = max((x for x in corners if h.a - _BORDER_REACH <= x < h.a
                     and not any(x < c < h.a for c in crossing)), default=h.a)
        if not any(abs(x - h.b) <= _MEET for x in crossing):
            b = min((x for x in corners if h.b < x <= h.b + _BORDER_REACH
                     and not any(h.b < c < x for c in crossing)), default=h.b)
        out.append(Segment(True, h.pos, a, b))
    return out


def _cornered(horizontals: list[Segment], verticals: list[Segment], binary: np.ndarray) -> list[Segment]:
    """Lines across carried on from a corner or from nowhere inside a table. Where a line across ends at a
    line down that ends there too, and the table goes on past them (a line down further on crosses that
    height), the cells round the corner would make an L, which no table has: one of the two lines was lost
    (a fax's thin rule across, in pieces). Where it ends at no line down at all, its end was lost. It is
    carried on to the next line down when the rule's traces lie along the way (at a corner: more than
    along the line down's way on)."""
    out = []
    for h in horizontals:
        a, b = h.a, h.b
        for end in (-1, 1):
            x = a if end < 0 else b
            if any(abs(v.pos - x) <= _MEET and v.a + _MEET < h.pos < v.b - _MEET for v in verticals):
                continue  # it ends where a line down crosses: a T, as tables have
            corner = [v for v in verticals if abs(v.pos - x) <= _MEET and _ends_at(v, h.pos)]
            beyond = [v.pos for v in verticals if (v.pos - x) * end > _MEET and v.a + _MEET < h.pos < v.b - _MEET]
            if not beyond:
                continue
            to = min(beyond, key=lambda p: abs(p - x))
            span = sorted((x, to))
            across = _trace(binary, round(h.pos), span, horizontal=True)
            if corner:
                down = max(_trace(binary, round(x), _on_from(v, h.pos, horizontals), horizontal=False) for v in corner)
                lost = across >= _CORNER_TRACE and across > down
            else:  # from nowhere: its traces must be a rule's dashes, not a row of characters
                lost = across >= _DASH_FILL and _alone(binary, round(h.pos), span) >= _DASH_ALONE
            if lost:
                a, b = (to, b) if end < 0 else (a, to)
        out.append(Segment(True, h.pos, a, b))
    return out


def _ends_at(vertical: Segment, y: float) -> bool:
    return abs(vertical.a - y) <= _MEET or abs(vertical.b - y) <= _MEET


def _on_from(vertical: Segment, y: float, horizontals: list[Segment]) -> list[float]:
    """Where a line down ending at ``y`` would run on: to the next line across on its other side."""
    up = abs(vertical.b - y) <= _MEET  # it comes down to y: it would go on below
    crossing = [h.pos for h in horizontals if h.a - _MEET <= vertical.pos <= h.b + _MEET
                and ((h.pos - y) > _MEET if up else (y - h.pos) > _MEET)]
    if not crossing:
        return [y, y]
    return sorted((y, min(crossing) if up else max(crossing)))


def _alone(binary: np.ndarray, y: int, span: list[float]) -> float:
    """The share of a stretch across at ``y`` with ink there and none just above or below it (a rule's dash,
    not a character's stroke)."""
    lo, hi = round(span[0]) + 3, round(span[1]) - 3
    if hi <= lo:
        return 0.0
    band = binary[max(0, y - 2):y + 3, lo:hi].any(axis=0)
    near = binary[max(0, y - 6):max(0, y - 3), lo:hi].any(axis=0) | binary[y + 4:y + 7, lo:hi].any(axis=0)
    return float((band & ~near).mean())


def _trace(binary: np.ndarray, at: int, span: list[float], horizontal: bool) -> float:
    """The share of a stretch (``span``) along which a line at ``at`` (±2 pixels) has ink."""
    lo, hi = round(span[0]) + 3, round(span[1]) - 3
    if hi <= lo:
        return 0.0
    band = binary[max(0, at - 2):at + 3, lo:hi] if horizontal else binary[lo:hi, max(0, at - 2):at + 3]
    return float(band.any(axis=0 if horizontal else 1).mean())


def _one_row_lines(binary: np.ndarray, grey: np.ndarray, horizontals: list[Segment],
                   verticals: list[Segment]) -> list[Segment]:
    """Column lines of a single row (the last row of a table run on at the head of a page, or one a photo's
    shadow made faint): shorter than the kernel that tells lines from strokes, so they are taken only where a
    column line of the page stands at the same x and they run from one line across to the next — a stroke
    of a character does neither. A faint line loses its pixels next to a dark line across (the rule's
    darkness lifts the threshold round it): an end carried over such a gap (:func:`_over_grey`) meets it."""
    short = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _ROW_DOWN)))
    out = []
    for s in _segments(short, False):
        column = any(abs(v.pos - s.pos) <= _MEET / 2 for v in verticals)
        covered = any(abs(v.pos - s.pos) <= _MEET and v.a - _MEET <= s.a and s.b <= v.b + _MEET for v in verticals)
        if column and not covered:
            s = _over_grey(s, horizontals, grey)
            if _meets(s, horizontals, _TOUCH):
                out.append(s)
    return out


def _over_grey(vertical: Segment, horizontals: list[Segment], grey: np.ndarray) -> Segment:
    """A short line down with each end carried on to a line across up to two :data:`_MEET` short of it, where
    every row between is a thin line's (:func:`_thin_line_rows`: a faint line's last pixels; a character's
    stroke stops short of the rule with paper between, or its other strokes run across), or drawn back to one
    it ran into (a thick border's far edge)."""
    x = round(vertical.pos)
    crossing = [h.pos for h in horizontals if h.a - _MEET <= vertical.pos <= h.b + _MEET]
    ends = []
    for end, way in ((vertical.a, -1), (vertical.b, 1)):
        near = [y for y in crossing if -_MEET / 2 <= (y - end) * way <= 2 * _MEET]
        y = min(near, key=lambda y: abs(y - end), default=end)
        lo, hi = sorted((round(y), round(end)))
        ends.append(y if (y - end) * way <= _TOUCH or _thin_line_rows(grey[lo:hi], x, way) else end)
    return Segment(False, vertical.pos, ends[0], ends[1])


def _thin_line_rows(rows: np.ndarray, x: int, way: int) -> bool:
    """Every one of ``rows`` (of the grey page, between a line down's end and the rule ``way`` of it: -1 above,
    1 below) is darker than paper at ``x`` (±1) — no paper between, as there is above a character's stroke —
    and, but for the few the rule's own blur darkens, clearly darker there than a few pixels either side: a
    thin line down runs through them, not a character's strokes across."""
    if x < _SIDE + 1 or x + _SIDE + 2 > rows.shape[1]:
        return False
    centre = rows[:, x - 1:x + 2].min(axis=1).astype(np.int16)
    sides = np.minimum(rows[:, x - _SIDE:x - 2].min(axis=1), rows[:, x + 3:x + _SIDE + 1].min(axis=1))
    lined = centre + _LINE_CONTRAST <= sides
    clear = lined[_BLURRED:] if way < 0 else lined[:-_BLURRED]  # off the rule's blur
    return bool((centre < PAPER).all() and clear.all())


def _meets(vertical: Segment, horizontals: list[Segment], near: float = _MEET) -> bool:
    """A ruling line down runs from one line across to another (its ends within ``near``); strokes of
    characters stacked in a cell do not."""
    def reaches(y: float) -> bool:
        return any(abs(h.pos - y) <= near and h.a - _MEET <= vertical.pos <= h.b + _MEET for h in horizontals)

    return reaches(vertical.a) and reaches(vertical.b)
