"""Tables ruled with horizontal lines only: 三线表 and tables with a rule between rows but none down.

pdfplumber's geometry needs vertical lines to find cells, so such tables are found here, from the
page's horizontal rules and its text:

* **Frames.** Rules are grouped by the row they stand at (segments at one height are one rule) and
  by extent: consecutive rules of one extent with tabular text between them (some line in two or
  more chunks) make a frame. Narrower rules inside a frame are inner rules. A frame left open at
  the page's foot goes on at the next page's head (``Carry``), down to its first rule there.
* **Columns.** Every line of the frame is cut into chunks at gaps of at least ``MIN_GAP``. A column
  boundary is an x-range no chunk covers; where a few lines' chunks (a spanning cell) cover it, the
  range fewest lines cover, if it is wide enough and few enough lines cross it.
* **Rows.** A band between two frame rules is one row when rules stand between the rows (two or
  more closed body bands) and for the header band (the first of a frame that starts on the page).
  Otherwise the band is split at lines that put text in a column whose text in the row has ended
  (it did not reach the column's right edge, ends with closing punctuation, and the next line does
  not open a bracket), or where the line spacing is clearly wider than inside a cell. Inner rules
  split rows too; a column an inner rule leaves open continues the cell above (a rowspan).
* **Spans.** A chunk crossing a column boundary spans the columns it crosses.
"""

from __future__ import annotations

import re
from bisect import bisect
from dataclasses import dataclass, field
from itertools import pairwise

from reportcheck.layout import Cell
from reportcheck.readers.pdf_page import Rule
from reportcheck.readers.pdf_text import Line, group_lines, least_confidence

MIN_GAP = 7.0  # points: the narrowest gap between two columns' texts
_SAME = 3.0  # rule ends this close are the same extent; rule heights this close one rule
_LONE_RULE = 200.0  # points: a single rule this long with table text below may start a table
_CROSSERS = 0.2  # share of lines that may cross a column boundary (spanning cells)
_CLOSING = tuple("）)】」』。；;！!？?")
_OPENING = tuple("（(【「『")
_GOES_ON = tuple("-－—、，,/")

_FOOT = 60.0  # points: a table whose last rule is this close to the page's foot may go on
_FIGURE = re.compile(r"^[+-]?[\d,]+(?:\.\d+)?%?$")  # a figure is whole: it does not wrap

@dataclass
class Carry:
    """A frame open at the foot of a page: its extent and columns, to go on at the next page."""

    x0: float
    x1: float
    grid: tuple[float, ...]


@dataclass
class RuleTable:
    top: float
    rows: list[list[Cell]]
    grid: tuple[float, ...]


@dataclass
class _RuleRow:
    """Rule segments standing at one height."""

    y: float
    segments: list[tuple[float, float]]

    @property
    def x0(self) -> float:
        return min(s[0] for s in self.segments)

    @property
    def x1(self) -> float:
        return max(s[1] for s in self.segments)


@dataclass
class _Chunk:
    words: list[dict]

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]

    @property
    def text(self) -> str:
        return "".join(w["text"] for w in self.words)


@dataclass
class _Frame:
    x0: float
    x1: float
    rules: list[_RuleRow]
    open_top: bool = False
    open_bottom: bool = False
    inner: list[_RuleRow] = field(default_factory=list)


@dataclass
class _Row:
    lines: list[Line] = field(default_factory=list)
    starts: dict[int, list[_Chunk]] = field(default_factory=dict)  # start column → its chunks
    ends: dict[int, int] = field(default_factory=dict)  # start column → last column it spans
    open_cols: set[int] = field(default_factory=set)  # columns the rule above leaves open


def chunks(line: Line) -> list[_Chunk]:
    """A line's words cut where the gap is a column gap."""
    out: list[_Chunk] = []
    for word in line.words:
        if out and word["x0"] - out[-1].x1 < MIN_GAP:
            out[-1].words.append(word)
        else:
            out.append(_Chunk([word]))
    return out


def find_rule_tables(lines: list[Line], rules: list[Rule], page: int, top: float, bottom: float,
                     blocked: list[tuple[float, float]], carry: Carry | None
                     ) -> tuple[list[RuleTable], list[Line], Carry | None]:
    """Tables of horizontal rules on one page, the lines left over, and the frame open at its foot.

    ``top``/``bottom`` bound the page's body (headers and footers lie outside); ``blocked`` are the
    vertical ranges of the page's fully ruled tables, which no frame may cross."""
    rows = _rule_rows([r for r in rules if top < r.y < bottom])
    # A rule heading the page heads a table going on, whose first band may hold only a broken row's tail.
    tail_rule = rows[0] if rows and not _between(lines, top, rows[0].y) else None
    frames = _frames(rows, lines, blocked, tail_rule)
    _open_ends(frames, rows, lines, top, bottom, blocked, carry)
    tables: list[RuleTable] = []
    used: set[int] = set()
    next_carry = None
    for frame in frames:
        y0 = top if frame.open_top else frame.rules[0].y
        y1 = bottom if frame.open_bottom else frame.rules[-1].y
        inside = [ln for ln in lines if y0 <= (ln.top + ln.bottom) / 2 <= y1]
        used.update(id(ln) for ln in inside)
        continued = frame.open_top and carry is not None
        grid = carry.grid if continued else (frame.x0, *_boundaries(inside), frame.x1)  # type: ignore[union-attr]
        table_rows = _table_rows(frame, inside, grid, y0, y1, page)
        if table_rows:
            tables.append(RuleTable(y0, table_rows, grid))
        if frame.open_bottom:
            next_carry = Carry(frame.x0, frame.x1, grid)
    return tables, [ln for ln in lines if id(ln) not in used], next_carry


def _rule_rows(rules: list[Rule]) -> list[_RuleRow]:
    out: list[_RuleRow] = []
    for rule in sorted(rules, key=lambda r: (r.y, r.x0)):
        if out and rule.y - out[-1].y <= _SAME:
            out[-1].segments.append((rule.x0, rule.x1))
        else:
            out.append(_RuleRow(rule.y, [(rule.x0, rule.x1)]))
    return out


def _same_extent(a: _RuleRow | _Frame | Carry, b: _RuleRow | _Frame | Carry) -> bool:
    return abs(a.x0 - b.x0) <= _SAME and abs(a.x1 - b.x1) <= _SAME


def _between(lines: list[Line], y0: float, y1: float) -> list[Line]:
    return [ln for ln in lines if y0 < (ln.top + ln.bottom) / 2 < y1]


def _tabular(lines: list[Line]) -> bool:
    """Text of a table band rather than paragraphs: empty, or some line in two or more chunks."""
    return not lines or any(len(chunks(ln)) > 1 for ln in lines)


def _crosses(blocked: list[tuple[float, float]], y0: float, y1: float) -> bool:
    return any(y0 < b1 and b0 < y1 for b0, b1 in blocked)


def _frames(rows: list[_RuleRow], lines: list[Line], blocked: list[tuple[float, float]],
            tail_rule: _RuleRow | None) -> list[_Frame]:
    """Runs of rules of one extent with tabular bands between; narrower rules inside are inner.
    The band under ``tail_rule`` belongs to the table whatever it holds."""
    runs: list[_Frame] = []
    for row in rows:  # top to bottom
        run = next((f for f in reversed(runs) if _same_extent(f, row)), None)
        if run is None or not _joins(run, row, lines, blocked, tail_rule):
            runs.append(_Frame(row.x0, row.x1, [row]))
        else:
            run.rules.append(row)
    frames: list[_Frame] = []
    for run in sorted(runs, key=lambda f: -(f.x1 - f.x0)):  # the widest make the frames
        host = _host(frames, run.rules[0], lines)
        if host is not None and all(_host([host], r, lines) is host for r in run.rules):
            host.inner += run.rules
        else:
            frames.append(run)
    for frame in frames:
        frame.inner.sort(key=lambda r: r.y)
    return sorted(frames, key=lambda f: f.rules[0].y)


def _joins(run: _Frame, row: _RuleRow, lines: list[Line], blocked: list[tuple[float, float]],
           tail_rule: _RuleRow | None) -> bool:
    """``row`` goes on ``run``'s frame: table text (or the tail of a broken row, under the rule heading the
    page) between them, and never a ruled table."""
    if run.rules == [tail_rule]:
        return not _crosses(blocked, run.rules[-1].y, row.y)
    return _tabular_between(lines, blocked, run.rules[-1].y, row.y)


def _host(frames: list[_Frame], row: _RuleRow, lines: list[Line]) -> _Frame | None:
    """The wider frame a rule stands in: between its rules, or under its last with table text between."""
    for frame in sorted(frames, key=lambda f: -f.rules[-1].y):
        if _same_extent(frame, row) or not (frame.x0 - _SAME <= row.x0 and row.x1 <= frame.x1 + _SAME):
            continue
        if frame.rules[0].y < row.y < frame.rules[-1].y:
            return frame
        if row.y > frame.rules[-1].y:
            below = _between(lines, frame.rules[-1].y, row.y)
            others = any(f is not frame and frame.rules[-1].y < r.y < row.y for f in frames for r in f.rules)
            return frame if below and _tabular(below) and not others else None
    return None


def _tabular_between(lines: list[Line], blocked: list[tuple[float, float]], y0: float, y1: float) -> bool:
    """Table text (or none) between two rules, and no ruled table."""
    return _tabular(_between(lines, y0, y1)) and not _crosses(blocked, y0, y1)


def _open_ends(frames: list[_Frame], rows: list[_RuleRow], lines: list[Line], top: float, bottom: float,
               blocked: list[tuple[float, float]], carry: Carry | None) -> None:
    """Mark the frame going on from the previous page and the one going on to the next; drop lone
    rules that are neither."""
    first_y = min([r.y for r in rows] + [b[0] for b in blocked], default=bottom)
    head = _between(lines, top, first_y)
    if carry is not None and head and _tabular(head):
        if frames and frames[0].rules[0].y == first_y and _same_extent(frames[0], carry):
            frames[0].open_top = True
        elif not rows and not blocked:
            frames.insert(0, _Frame(carry.x0, carry.x1, [], open_top=True, open_bottom=True))
    if frames and frames[-1].rules:
        last = frames[-1]
        below = _between(lines, last.rules[-1].y, bottom)
        wide = len(last.rules) > 1 or last.x1 - last.x0 >= _LONE_RULE
        at_foot = not below and bottom - last.rules[-1].y < _FOOT  # a header at the page's foot
        if wide and (at_foot or (below and _tabular(below))) and not _crosses(blocked, last.rules[-1].y, bottom):
            last.open_bottom = True
    frames[:] = [f for f in frames if len(f.rules) > 1 or f.open_top or f.open_bottom]


_PAGE_LIMIT = 14400.0  # points: PDF's largest page is 200 inches wide


def _boundaries(lines: list[Line]) -> list[float]:
    """Column boundaries: x-ranges no chunk covers, or, where a spanning cell covers one, the range
    fewest lines cover (at most a fifth of them)."""
    spans = [(c.x0, c.x1) for ln in lines for c in chunks(ln)
             if -_PAGE_LIMIT < c.x0 <= c.x1 < _PAGE_LIMIT]  # text off any page (a damaged file) is no column
    if not spans:
        return []
    left, right = min(s[0] for s in spans), max(s[1] for s in spans)
    step = 0.5
    n = int((right - left) / step) + 1
    delta = [0] * (n + 1)
    for x0, x1 in spans:
        delta[int((x0 - left) / step)] += 1
        delta[int((x1 - left) / step) + 1] -= 1
    cover, running = [], 0
    for d in delta[:n]:
        running += d
        cover.append(running)
    allowed = max(1, int(len(lines) * _CROSSERS))
    out = []
    for lo, hi in _runs_where(cover, lambda v: v <= allowed):
        for level in range(min(cover[lo:hi]), allowed + 1):  # fewest crossing lines first
            found = [(a + lo, b + lo) for a, b in _runs_where(cover[lo:hi], lambda v, m=level: v <= m)]
            found = [(a, b) for a, b in found if a > 0 and b < n and (b - a) * step >= MIN_GAP]
            if found:
                # just left of the next column's text: a longer text on another page still fits
                out += [left + b * step - MIN_GAP / 2 for _, b in found]
                break
    return out


def _runs_where(values: list[int], test) -> list[tuple[int, int]]:
    """Maximal index ranges [lo, hi) whose values pass ``test``."""
    out, start = [], None
    for i, v in enumerate(values):
        if test(v) and start is None:
            start = i
        elif not test(v) and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(values)))
    return out


def _table_rows(frame: _Frame, lines: list[Line], grid: tuple[float, ...], y0: float, y1: float,
                page: int) -> list[list[Cell]]:
    bounds = list(grid[1:-1])
    cuts = [y0, *[r.y for r in frame.rules if y0 < r.y < y1], y1]
    bands = [(a, b) for a, b in pairwise(cuts)]
    closed = [i for i in range(len(bands)) if (i > 0 or not frame.open_top)
              and (i < len(bands) - 1 or not frame.open_bottom)]
    header = 0 if not frame.open_top and len(bands) > 1 else None
    ruled_rows = len([i for i in closed if i != header]) >= 2
    rows: list[_Row] = []
    for i, (a, b) in enumerate(bands):
        inner = [r for r in frame.inner if a < r.y < b]
        sub_cuts = [a, *[r.y for r in inner], b]
        for k, (sa, sb) in enumerate(pairwise(sub_cuts)):
            band_lines = [ln for ln in lines if sa <= (ln.top + ln.bottom) / 2 <= sb]
            if not band_lines:
                continue
            whole = i == header or ruled_rows or k < len(inner)
            band_rows = _one_row(band_lines, bounds) if whole else _split_rows(band_lines, bounds)
            if k > 0:
                band_rows[0].open_cols = _open_columns(inner[k - 1], grid)
            rows += band_rows
    return _cells(rows, grid, page)


def _open_columns(rule: _RuleRow, grid: tuple[float, ...]) -> set[int]:
    """Columns an inner rule does not cross: their cells go on below it."""
    out = set()
    for c in range(len(grid) - 1):
        mid = (grid[c] + grid[c + 1]) / 2
        if not any(x0 - _SAME <= mid <= x1 + _SAME for x0, x1 in rule.segments):
            out.add(c)
    return out


def _place(row: _Row, line: Line, bounds: list[float]) -> None:
    row.lines.append(line)
    for chunk in chunks(line):
        c0, c1 = bisect(bounds, chunk.x0 + 1), bisect(bounds, chunk.x1 - 1)
        row.starts.setdefault(c0, []).append(chunk)
        row.ends[c0] = max(row.ends.get(c0, c0), c1)


def _one_row(lines: list[Line], bounds: list[float]) -> list[_Row]:
    row = _Row()
    for line in lines:
        _place(row, line, bounds)
    return [row]


def _split_rows(lines: list[Line], bounds: list[float]) -> list[_Row]:
    """A band's lines split into rows (see the module's docstring)."""
    edges = _right_edges(lines, bounds)
    gaps = [b.top - a.top for a, b in pairwise(lines)]
    heights = sorted(ln.bottom - ln.top for ln in lines)
    pitch = min((g for g in gaps if g > 0.8 * heights[len(heights) // 2]), default=0.0)
    rows: list[_Row] = []
    for i, line in enumerate(lines):
        wide = i > 0 and pitch > 0 and gaps[i - 1] > 1.3 * pitch
        if not rows or wide or _restarts(rows[-1], line, bounds, edges):
            rows.append(_Row())
        _place(rows[-1], line, bounds)
    return rows


def _right_edges(lines: list[Line], bounds: list[float]) -> dict[int, float]:
    """For each column, the right end of the longest text ending in it."""
    out: dict[int, float] = {}
    for line in lines:
        for chunk in chunks(line):
            c1 = bisect(bounds, chunk.x1 - 1)
            out[c1] = max(out.get(c1, 0.0), chunk.x1)
    return out


def _restarts(row: _Row, line: Line, bounds: list[float], edges: dict[int, float]) -> bool:
    """The line puts text in a column whose text in the row has ended: a new row begins. So does a line
    with text in every column the row has text in, none of them left mid-phrase: a wrapped cell goes on
    in the columns that overflowed, not in all of them at once (a short 级别 or date column does not wrap)."""
    pieces = chunks(line)
    columns = set()
    for chunk in pieces:
        c = bisect(bounds, chunk.x0 + 1)
        columns.add(c)
        if any(s < c <= e for s, e in row.ends.items()):
            return True  # under a spanning cell of the row
        if c in row.starts and not _wraps(row.starts[c][-1], chunk, edges.get(row.ends[c], chunk.x1)):
            return True
    if len(row.starts) < 2 or not set(row.starts) <= columns:
        return False
    return not any(_mid_phrase(row.starts[c][-1], chunk)
                   for chunk in pieces if (c := bisect(bounds, chunk.x0 + 1)) in row.starts)


def _mid_phrase(above: _Chunk, below: _Chunk) -> bool:
    return mid_phrase(above.text, below.text)


def mid_phrase(above: str, below: str) -> bool:
    """Text ``above`` stops where it cannot end: an open bracket, a trailing 、 or -, or ``below`` opens one."""
    text = above.rstrip()
    unclosed = sum(text.count(ch) for ch in _OPENING) > sum(text.count(ch) for ch in _CLOSING[:5])
    return unclosed or below.startswith(_OPENING) or text.endswith(_GOES_ON)


def _wraps(above: _Chunk, below: _Chunk, edge: float) -> bool:
    """``below`` goes on with the text of ``above``: wrapped at the column's edge or mid-phrase."""
    text = above.text.rstrip()
    if text.endswith(_CLOSING) or (_FIGURE.match(text) and _FIGURE.match(below.text.strip())):
        return False  # a figure is whole: right-aligned figures reach the edge and still end there
    if _mid_phrase(above, below):
        return True
    size = above.words[-1]["bottom"] - above.words[-1]["top"]
    return above.x1 >= edge - 1.2 * size


def _cells(rows: list[_Row], grid: tuple[float, ...], page: int) -> list[list[Cell]]:
    """Layout cells: one per column or span, empty ones too; open columns continue the cell above."""
    ncols = len(grid) - 1
    out: list[list[Cell]] = []
    above: dict[int, Cell] = {}
    continued: list[tuple[Cell, Cell]] = []
    for r, row in enumerate(rows):
        top = min(ln.top for ln in row.lines)
        bottom = max(ln.bottom for ln in row.lines)
        cells: list[Cell] = []
        c = 0
        while c < ncols:
            if c in row.open_cols and c in above:
                origin = above[c]
                _extend(origin, row.starts.get(c, []), bottom)
                cell = Cell("", 0, r, origin.col, origin.colspan, 1, continued=True, page=page)
                continued.append((cell, origin))
                cells.append(cell)
                c = origin.col + origin.colspan
                continue
            end = min(row.ends.get(c, c), _next_start(row, c, ncols) - 1)
            chunk_list = row.starts.get(c, [])
            cell = Cell(_text(chunk_list), 0, r, c, end - c + 1, 1, page=page,
                        bbox=(grid[c], top, grid[end + 1], bottom), confidence=_confidence(chunk_list))
            cells.append(cell)
            for k in range(c, end + 1):
                above[k] = cell
            c = end + 1
        out.append(cells)
    for cell, origin in continued:
        cell.text, cell.bbox, cell.confidence = origin.text, origin.bbox, origin.confidence
    return out


def _extend(origin: Cell, chunk_list: list[_Chunk], bottom: float) -> None:
    """A cell running on into the next row: one more row, and the text found there."""
    text = _text(chunk_list)
    found = [c for c in (origin.confidence, _confidence(chunk_list)) if c is not None]
    origin.confidence = min(found) if found else None
    if text:
        origin.text = f"{origin.text}\n{text}" if origin.text else text
    origin.rowspan += 1
    if origin.bbox is not None:
        origin.bbox = (origin.bbox[0], origin.bbox[1], origin.bbox[2], bottom)


def _next_start(row: _Row, c: int, ncols: int) -> int:
    return min([s for s in row.starts if s > c] + [ncols])


def _confidence(chunk_list: list[_Chunk]) -> float | None:
    return least_confidence([w for ch in chunk_list for w in ch.words])


def _text(chunk_list: list[_Chunk]) -> str:
    """A cell's chunks as lines of text, as a ruled table's cell reads."""
    return "\n".join(line.text for line in group_lines([w for ch in chunk_list for w in ch.words]))
