"""Read a PDF exported from Word, WPS or LibreOffice into the neutral layout.

pdfium (:mod:`reportcheck.readers.pdf_source`) gives the words and the ruled tables. Every word of
the page is placed once: in the smallest cell whose box holds its centre, or else in a text line
outside the tables. Spans come from the cell boxes against the table's grid; a frame cell that
holds other cells is not a cell. A table that runs on to the next page is joined to the one before
it on a common grid (a repeated header row is dropped; a row broken over the page is put back
together). Page headers, footers and page numbers are left out. Every paragraph and cell carries
its page and bounding box.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.layout import Cell, Document, Paragraph, Table, number_after
from reportcheck.readers.fed_twice import pages_fed_twice
from reportcheck.readers.figure_lines import tables_of_figure_lines
from reportcheck.readers.limits import MB, PdfLimits, pdf_limits
from reportcheck.readers.pdf_page import PageContent, holds_another
from reportcheck.readers.pdf_rule_tables import Carry, find_rule_tables, mid_phrase
from reportcheck.readers.pdf_source import GARBLED_SHARE
from reportcheck.readers.pdf_text import Line, group_lines, least_confidence
from reportcheck.readers.read_rules import columns_of_lost_rules, lines_around

_THIN = 6.0  # points: narrower cells are gaps between nested ruling lines, not cells
_MARGIN = 0.08  # top and bottom share of the page where headers and footers live
_BODY = 0.06  # a table of horizontal rules may reach this close to the page's top and foot
_PAGE_SHIFT = 12.0  # points a scanned page may lie across from the one before
_SCAN_WIDTH = 0.05  # share by which a scanned or photographed table's width may differ from its first page's
_DRIFT = 10.0  # points a scanned page's column line may stand off the page before's, at a row broken over them
_TAIL_CHARS = 12  # characters at most of a row's tail at the head of the next page, read as one cell across
_NUMBERED = re.compile(r"\d|[一二三四五六七八九十]+、|[（(]")  # how a heading or a new entry begins, not a tail
_COLUMN_SLACK = 0.01  # share of a table's width a scanned page's column line may stand off the one before's
_TITLE_MIN = 6  # characters a title row's title has at least (2.1集群主要经济指标: 11)
_STAMPED = 8  # characters a stamp's words and frame may add to a scanned title row
_SAME_HEADER = 85  # similarity (%) of two OCR readings of one repeated header row, or of one running head
_HEAD_PIECE = 8  # characters: the shortest piece of a running head matched loosely
UNRULED_ROWS = 4  # a scanned page with this many table rows read without their table lost part of its grid
# A page number between any dashes or marks ("— 3 —", "-3-", and OCR's "=3—").
# A line a machine printed in the margin — a fax's or a copier's date, numbers and page — holds no Chinese.
_MACHINE_STAMP = re.compile(r"^[^\u4e00-\u9fff]*(?:\d[^\u4e00-\u9fff]*){4}$")
_PAGE_NUMBER = re.compile(r"^[^\w]*(?:第\s*)?\d+\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d+\s*页?)?[^\w]*$")


def read_pdf(path: Path) -> Document:
    import pypdfium2 as pdfium

    from reportcheck.readers.pdf_source import read_pages

    name = str(path)
    limits = pdf_limits(name)
    _check_size(path, limits)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableInput(name, "encrypted", "PDF已加密（设有密码），请导出不加密的PDF或提交.docx",
                                  "the PDF is encrypted; export it without a password or send the .docx") from None
        raise UnreadableInput(name, "corrupt", "PDF文件已损坏，无法读取，请重新导出",
                              "the PDF is broken and cannot be read; export it again") from None
    try:
        if len(pdf) > limits.max_pages:
            raise UnreadableInput(name, "pdf_too_many_pages",
                                  f"PDF有{len(pdf)}页，超过限制（{limits.max_pages}页），已拒绝。请提交.docx",
                                  f"the PDF has {len(pdf)} pages, over the limit of {limits.max_pages}")
        pages = read_pages(pdf, name, limits)
    except pdfium.PdfiumError:
        raise UnreadableInput(name, "corrupt", "PDF文件已损坏，无法读取，请重新导出",
                              "the PDF is broken and cannot be read; export it again") from None
    finally:
        pdf.close()
    return assemble(name, pages)


def assemble(name: str, pages: list[PageContent]) -> Document:
    """The layout of pages read from a PDF, or of a picture read by OCR as one page."""
    return _Reader(name).read(pages)


def _check_size(path: Path, limits: PdfLimits) -> None:
    size = path.stat().st_size
    if size > limits.max_mb * MB:
        raise UnreadableInput(str(path), "pdf_too_large",
                              f"PDF文件有{size / MB:.0f}MB，超过限制（{limits.max_mb:g}MB），已拒绝。"
                              "请压缩图片后重新导出，或提交.docx",
                              f"the PDF is {size / MB:.0f} MB, over the limit of {limits.max_mb:g} MB")


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.doc = Document(path=name, source_format="pdf")
        self.n_par = 0
        self.n_tbl = 0

    def read(self, contents: list[PageContent]) -> Document:
        self._check_text_layer(contents)
        self.doc.garbled_pages = [c.number for c in contents if c.garbled and not c.unread]
        self.doc.unread_pages = [c.number for c in contents if c.unread and not c.image_page]
        self.doc.image_pages = [c.number for c in contents if c.image_page and not c.unread]
        self.doc.unread_image_pages = [c.number for c in contents if c.image_page and c.unread]
        self.doc.repeated_pages = pages_fed_twice(contents)
        self.doc.unruled_pages = [c.number for c in contents
                                  if c.rows_unruled >= UNRULED_ROWS and c.number not in self.doc.repeated_pages]
        self.doc.half_pages = [c.number for c in contents if c.half]
        pages = []
        carry: Carry | None = None
        for content in contents:
            if content.number in self.doc.repeated_pages:  # read once: its place kept, so pages keep their numbers
                pages.append(([], content.height))
                continue
            blocks, carry = self._page(content, carry)
            pages.append((blocks, content.height))
        furniture = _repeated_furniture(pages)
        previous_table: Table | None = None
        for number, (blocks, height) in enumerate(pages, start=1):
            first = True
            for kind, item in blocks:
                if kind == "line":
                    if _is_furniture(item, height, furniture):
                        continue
                    self.doc.blocks.append(Paragraph(self.n_par, item.text, page=number, bbox=item.bbox,
                                                     confidence=least_confidence(item.words)))
                    self.n_par += 1
                    previous_table = None
                else:
                    rows, grid = item
                    if first and previous_table is not None and _same_frame(previous_table, rows, grid):
                        rows, grid = _laid_on(rows, grid, (previous_table.grid[0], previous_table.grid[-1]))  # type: ignore[index]
                        _append_rows(previous_table, rows, grid)
                    else:
                        previous_table = self._table(rows, grid)
                first = False
        number_after(tables_of_figure_lines(self.doc.blocks), self.n_tbl, self.n_par)
        return self.doc

    def _check_text_layer(self, contents: list[PageContent]) -> None:
        chars = sum(c.chars for c in contents)
        if not chars and any(c.by_ocr for c in contents):
            raise UnreadableInput(self.name, "ocr_no_text",
                                  "PDF是扫描件，按图像识别（OCR）也没有读出文字：页面可能是空白的，或图像太模糊、太小。"
                                  "请重新扫描（300dpi、黑白或灰度）或提交.docx",
                                  "the PDF is a scan and OCR of its pages found no text (blank, blurred or too small "
                                  "pages); scan it again at 300 dpi or send the .docx")
        if not chars and all(c.blank for c in contents):
            raise UnreadableInput(self.name, "empty",
                                  "PDF的页面都是空白的（没有文字，也没有图像），请确认导出的是填写好的报告",
                                  "every page of the PDF is blank (no text, no image); export the filled-in report")
        if not chars:
            raise UnreadableInput(self.name, "no_text_layer",
                                  "PDF没有文字层（可能是扫描件），请先做文字识别（OCR）或提交.docx",
                                  "the PDF has no text layer (scanned?): OCR it first")
        garbled = sum(c.unmapped for c in contents)
        if garbled / chars > GARBLED_SHARE:
            raise UnreadableInput(self.name, "garbled",
                                  f"PDF文字无法识别（{garbled}/{chars}个字符不是正常文字，字体可能缺少ToUnicode映射），"
                                  "请用Word或WPS重新导出PDF或提交.docx",
                                  "the PDF text is garbled (fonts without a ToUnicode map); "
                                  "export it again with embedded fonts or send the .docx")

    def _page(self, content: PageContent, carry: Carry | None) -> tuple[list[tuple[str, object]], Carry | None]:
        """The page as blocks in reading order: ('line', Line) and ('table', (rows, grid)), and the
        table of horizontal rules left open at its foot."""
        boxes = [t.bbox for t in content.tables]
        inner = [[c for c in t.cells if not holds_another(c, t.cells)] for t in content.tables]
        frames = [[c for c in t.cells if holds_another(c, t.cells)] for t in content.tables]
        cell_words: dict[int, list[dict]] = {i: [] for i in range(len(content.tables))}
        loose: list[dict] = []
        for word in content.words:
            cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
            owner = next((i for i, b in enumerate(boxes) if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
            if owner is not None and "conf" not in word and _within(cx, cy, frames[owner]) \
                    and not _within(cx, cy, inner[owner]):
                owner = None  # a frame's own text, above the table inside it (3.1 园区主要经济指标): a line
            (loose if owner is None else cell_words[owner]).append(word)
        height = content.height
        rule_tables, lines, carry = find_rule_tables(
            group_lines(loose), content.rules, content.number, height * _BODY, height * (1 - _BODY),
            [(b[1], b[3]) for b in boxes], carry)
        blocks: list[tuple[float, str, object]] = [(line.top, "line", line) for line in lines]
        for i, table in enumerate(content.tables):  # placed where its first cell is, below a frame's own text
            top = min((c[1] for c in inner[i]), default=table.bbox[1]) if frames[i] else table.bbox[1]
            blocks.append((top, "table", _grid_rows(table, cell_words[i], content.number)))
        blocks += [(t.top, "table", (t.rows, t.grid)) for t in rule_tables]
        blocks.sort(key=lambda b: b[0])
        return [(kind, item) for _, kind, item in blocks], carry

    def _table(self, rows: list[list[Cell]], grid: tuple[float, ...]) -> Table:
        table = Table(index=self.n_tbl, rows=rows, grid=grid)
        table.page = rows[0][0].page if rows and rows[0] else None
        self.n_tbl += 1
        for r, row in enumerate(rows):
            for cell in row:
                cell.table, cell.row = table.index, r
        self.doc.blocks.append(table)
        return table


_ROW_SLACK = 0.3  # share of its height a scanned text line may stand past its row's rule (specks, a crop's margin)
_TOP_OF_ROW = 5.0  # points below its row's top rule a row's first text line stands (a centred block: more)


def _within(x: float, y: float, boxes: list[tuple[float, ...]]) -> bool:
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _grid_rows(table, words: list[dict], page: int) -> tuple[list[list[Cell]], tuple[float, ...]]:
    """Cells with grid columns and spans from the table's cell boxes; words placed by centre. On a scan, one
    column line drawn a few points apart in two parts of the table (a photographed sheet that did not lie
    flat) is one column: no cell is narrower than :data:`_THIN`."""
    xs = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
    ys = sorted({round(c[1], 1) for c in table.cells} | {round(c[3], 1) for c in table.cells})
    xs, ys = _dedupe(xs, _THIN if any("conf" in w for w in words) else 1.5), _dedupe(ys)

    def index(values: list[float], v: float) -> int:
        return min(range(len(values)), key=lambda i: abs(values[i] - v))

    boxes = [tuple(c) for c in table.cells if not holds_another(c, table.cells)]  # a frame holds cells
    texts: dict[tuple[float, ...], list[dict]] = {box: [] for box in boxes}
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        inside = [b for b in boxes if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]]
        if inside:
            texts[min(inside, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))].append(word)
    origins: dict[tuple[int, int], Cell] = {}
    spans = [(index(ys, box[1]), index(ys, box[3]), index(xs, box[0]), index(xs, box[2])) for box in boxes]
    for box, span, drawn in zip(boxes, spans, lines_around(spans), strict=True):
        if not texts[box] and (box[2] - box[0] < _THIN or box[3] - box[1] < _THIN):
            continue  # the strip between a frame table and the table inside it
        r0, r1, c0, c1 = span
        lines = {line - c0 for line in drawn}
        for first, last, column_box, column_words in columns_of_lost_rules(box, texts[box], xs[c0:c1 + 1], lines):
            for r, part, words_in in _rows_of_lost_rules(column_box, column_words, ys[r0:r1 + 1]):
                origins[(r0 + r, c0 + first)] = Cell(
                    "\n".join(line.text for line in group_lines(words_in)), 0, r0 + r, c0 + first,
                    max(1, last - first), max(1, r1 - r0) if part == column_box else 1, page=page, bbox=part,
                    confidence=least_confidence(words_in), written_on=any(w.get("pen") for w in words_in),
                    crossed=any(w.get("streak") for w in words_in), ink=_ink(words_in))
    rows: list[list[Cell]] = [[] for _ in range(len(ys) - 1)]
    for (r0, c0), cell in sorted(origins.items()):
        rows[r0].append(cell)
        for r in range(r0 + 1, r0 + cell.rowspan):
            rows[r].append(Cell(cell.text, 0, r, c0, cell.colspan, 1, continued=True, page=page,
                                bbox=cell.bbox, confidence=cell.confidence, written_on=cell.written_on,
                                crossed=cell.crossed))
    for row in rows:
        row.sort(key=lambda c: c.col)
    return [row for row in rows if row], tuple(xs)


def _rows_of_lost_rules(box: tuple[float, ...], words: list[dict], ys: list[float]
                        ) -> list[tuple[int, tuple[float, ...], list[dict]]]:
    """A scanned cell spanning grid rows the rest of its row divides, cut into one cell a row where the scan
    lost the rule between them: its text lines then stand apart in those rows, each row's at its top, as a
    table's rows are written (上交税金总额 above 进口总额, one rule lost). A cell merged over rows on purpose
    holds its text as one block (centred, running across a row boundary, or its phrase going on over one).
    Otherwise the cell as it is.
    Each part as (its row within the cell, its box, its words)."""
    whole = [(0, box, words)]
    if len(ys) < 3 or not words or any("conf" not in w for w in words):
        return whole
    lines = group_lines(words)
    parts = []
    for r, (top, bottom) in enumerate(pairwise(ys)):
        inside = [ln for ln in lines if top - _ROW_SLACK * (ln.bottom - ln.top) <= ln.top
                  and ln.bottom <= bottom + _ROW_SLACK * (ln.bottom - ln.top)]
        if not inside or inside[0].top - top > _TOP_OF_ROW:
            return whole
        parts.append((r, (box[0], top, box[2], bottom), [w for ln in inside for w in ln.words]))
    if sum(len(part[2]) for part in parts) != len(words):
        return whole  # a line runs across a row boundary
    if any(mid_phrase(_text(above[2]), _text(below[2])) for above, below in pairwise(parts)):
        return whole  # its text goes on over the boundary: 专精特新企业数量（需 | 提供佐证材料）
    return parts


def _text(words: list[dict]) -> str:
    return "".join(w["text"] for w in words)


def _dedupe(values: list[float], tolerance: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _same_frame(table: Table, rows: list[list[Cell]], grid: tuple[float, ...]) -> bool:
    """The next page's table has the same outer edges: the same table going on. A scanned page may
    lie a few points off the one before it, and a photographed one, flattened on its own, a little larger
    or smaller: there the width must agree within ``_SCAN_WIDTH`` and the position nearly — or, where the
    whole page lies further across (a scanner's auto-crop cut one page's margin and not the other's), the
    table's column lines stand where the one before's do, measured from its left edge."""
    previous = table.grid
    if previous is None:
        return False
    width, before = grid[-1] - grid[0], previous[-1] - previous[0]
    if any(c.confidence is not None for row in rows for c in row):
        return abs(width - before) <= _SCAN_WIDTH * before and (
            abs(previous[0] - grid[0]) <= _PAGE_SHIFT or _same_columns(previous, grid))
    return abs(width - before) <= 2.0 and abs(previous[0] - grid[0]) <= 2.0


def _same_columns(previous: tuple[float, ...], grid: tuple[float, ...]) -> bool:
    """The column lines of one stand where the other's do, each measured from its table's left edge (within
    :data:`_COLUMN_SLACK` of the width): the same table, wherever the page put it. A page's part of a form
    may lack a line another part has (its rows span that column), so the fewer lines need only be among the
    more; at least one line inside the table must be so."""
    slack = _COLUMN_SLACK * (previous[-1] - previous[0])
    fewer, more = sorted(([x - previous[0] for x in previous], [x - grid[0] for x in grid]), key=len)
    return len(fewer) > 2 and all(any(abs(a - b) <= slack for b in more) for a in fewer)


def _laid_on(rows: list[list[Cell]], grid: tuple[float, ...], frame: tuple[float, float]
             ) -> tuple[list[list[Cell]], tuple[float, ...]]:
    """A table's rows and grid moved (and stretched) across to lie on ``frame`` (the left and right edges
    of the table it continues)."""
    left, right = grid[0], grid[-1]
    if abs(left - frame[0]) < 0.01 and abs(right - frame[1]) < 0.01:
        return rows, grid
    factor = (frame[1] - frame[0]) / max(0.01, right - left)

    def x(value: float) -> float:
        return frame[0] + (value - left) * factor

    for row in rows:
        for cell in row:
            if cell.bbox is not None:
                x0, top, x1, bottom = cell.bbox
                cell.bbox = (x(x0), top, x(x1), bottom)
            if cell.ink is not None:
                cell.ink = (x(cell.ink[0]), x(cell.ink[1]))
    return rows, tuple(x(v) for v in grid)


def _regrid(rows: list[list[Cell]], grid: list[float]) -> None:
    """Column and span of every cell against a common grid (pages may show different columns)."""
    for row in rows:
        for cell in row:
            if cell.bbox is None:
                continue
            c0 = min(range(len(grid)), key=lambda i: abs(grid[i] - cell.bbox[0]))
            c1 = min(range(len(grid)), key=lambda i: abs(grid[i] - cell.bbox[2]))
            cell.col, cell.colspan = c0, max(1, c1 - c0)


def _texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def _repeats(row: list[Cell], header: list[Cell]) -> bool:
    """The next page's first row repeats the table's first row (Word's repeated header). Read by
    OCR, the two readings of one printed row may differ in a character or a space."""
    if _texts(row) == _texts(header):
        return True
    if not any(c.confidence is not None for c in row):
        return False
    from rapidfuzz import fuzz

    a, b = ("".join("".join(c.text.split()) for c in r) for r in (row, header))
    return (len(row) == len(header) and fuzz.ratio(a, b) >= _SAME_HEADER) or _same_title_stamped(a, b, row, header)


def _same_title_stamped(a: str, b: str, row: list[Cell], header: list[Cell]) -> bool:
    """A title row with a stamp pressed beside the title on each page, read from a black-and-white scan: the
    same title, then the stamp's words and frame read otherwise on each page (2.1集群主要经济指标!已审核! and
    2.1集群主要经济指标L_匕审核), in one cell or cut in two by the frame."""
    if len(row) > 2 or len(header) > 2:
        return False
    same = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    rests = (a[same:], b[same:])
    return same >= _TITLE_MIN and all(len(rest) <= _STAMPED and not any(ch.isdigit() for ch in rest)
                                      for rest in rests)


def _append_rows(table: Table, rows: list[list[Cell]], grid: tuple[float, ...]) -> None:
    """Continue ``table`` with the next page's rows: one grid for both, no repeated header row,
    a row broken over the page put back together."""
    if table.grid != grid:
        # a scanned page's column lines lie a point or two off the page before's: the same lines
        scanned = any(c.confidence is not None for row in rows for c in row)
        union = _dedupe(sorted({*table.grid, *grid}), _THIN if scanned else 1.5)  # type: ignore[misc]
        _regrid(table.rows, union)
        _regrid(rows, union)
        table.grid = tuple(union)
    if rows and table.rows and _repeats(rows[0], table.rows[0]):
        rows = rows[1:]
    if rows and table.rows and (cut := _broken_off(table.rows[-1], rows[0])) is not None:
        for cell in cut[0]:
            cell.broken_off = cut[1]
    elif rows and table.rows and _is_row_tail(table.rows[-1], rows[0]):
        last, tail = table.rows[-1], rows.pop(0)
        for cell in last:
            extra = next((t for t in tail if _same_column(cell, t) and t.text and not t.continued), None)
            if extra is not None:
                origin = _origin(table.rows, cell) if cell.continued else cell
                _carry_on(origin, extra)
    start = len(table.rows)
    for r, row in enumerate(rows, start=start):
        for cell in row:
            cell.table, cell.row = table.index, r
        table.rows.append(row)


def _carry_on(cell: Cell, tail: Cell) -> None:
    """``cell`` with the text of its ``tail`` (its next lines, at the head of the next page) put after its own,
    and the tail's doubts with it: a name whose second line was read unsure is unsure as a whole."""
    cell.text = f"{cell.text}\n{tail.text}" if cell.text else tail.text
    if tail.confidence is not None:
        cell.confidence = tail.confidence if cell.confidence is None else min(cell.confidence, tail.confidence)
    cell.written_on |= tail.written_on
    cell.crossed |= tail.crossed


def _origin(rows: list[list[Cell]], cell: Cell) -> Cell:
    """The cell a continued cell carries on: the nearest one above it in its column that is not."""
    for row in reversed(rows):
        for other in row:
            if other.col == cell.col and not other.continued:
                return other
    return cell


def _is_row_tail(last: list[Cell], first: list[Cell]) -> bool:
    """A row broken over the page: the next page's first row goes on only in some of its columns, each one
    filled in the row before, and a column it leaves empty was filled there (a new row fills them all; a cell
    spanning down into the row before fills its column there)."""
    filled = [c for c in first if c.text and not c.continued]
    empty = [c for c in first if not c.text and not c.continued]
    before = [c for c in last if c.text]
    return (bool(filled) and len(last) > 1 and all(any(_same_column(b, c) for b in before) for c in filled)
            and any(_same_column(b, c) for c in empty for b in before))


def _broken_off(last: list[Cell], first: list[Cell]) -> tuple[list[Cell], str] | None:
    """The cells of a scanned table's last row on a page that the next page's first row may go on, where that
    row was read as one cell across the table (the short rules of a row's tail were not found): a few characters
    standing under one column of the row before, or two (a speck beside them: 湖南省工业和信 | … then 系息化厅),
    lined up with the text of a cell above, and no heading's number. They are not joined — the row could as well
    be a new one across the table — but the cells above are then not sure to be whole. Those cells and the
    tail's text, or None."""
    own = [c for c in first if c.text.strip() and not c.continued]
    if len(own) != 1 or own[0].ink is None or len(last) < 2:
        return None
    tail, text = own[0], "".join(own[0].text.split())
    if len(text) > _TAIL_CHARS or _NUMBERED.match(text):
        return None
    before = [b for b in last if b.text and not b.continued and b.bbox is not None]
    if any(_same_column(b, tail) for b in before):
        return None
    x0, x1 = tail.ink
    under = [b for b in before if min(x1, b.bbox[2]) - max(x0, b.bbox[0]) > _DRIFT]  # type: ignore[index]
    if not 1 <= len(under) <= 2 or not any(_lined_up(b, tail.ink) for b in under):
        return None
    return under, " ".join(tail.text.split())


def _lined_up(cell: Cell, ink: tuple[float, float]) -> bool:
    """Whether text standing at ``ink`` goes on ``cell``'s lines: it begins where they begin, or is centred where
    they are (a group's title across the table, or right-aligned, is not)."""
    if cell.ink is None:
        return False
    return abs(cell.ink[0] - ink[0]) <= _DRIFT or abs(sum(cell.ink) - sum(ink)) / 2 <= _DRIFT


def _ink(words: list[dict]) -> tuple[float, float] | None:
    """How far across a scanned cell's words stand; None for a text layer's or an empty cell."""
    if not words or not any("conf" in w for w in words):
        return None
    return min(w["x0"] for w in words), max(w["x1"] for w in words)


def _same_column(upper: Cell, lower: Cell) -> bool:
    """``lower`` stands under ``upper``: both its edges within :data:`_DRIFT` of ``upper``'s. A scanned page's
    column lines may lie points off the page before's (straightened at another slant), so that the common grid
    holds both and the two cells' grid columns differ by one; a cell under part of a wider one (a new row's
    empty cell under the row before's merged one) is not the same column. By grid columns where either has
    no box."""
    if upper.bbox is None or lower.bbox is None:
        return upper.col == lower.col
    return abs(upper.bbox[0] - lower.bbox[0]) <= _DRIFT and abs(upper.bbox[2] - lower.bbox[2]) <= _DRIFT


def _repeated_furniture(pages: list[tuple[list[tuple[str, object]], float]]) -> set[str]:
    """Texts standing in the header or footer band of at least half the pages (digits ignored). On a scan
    a running head is read a little otherwise on each page, or cut into pieces (a fax's header line, its
    time and page number changing): a text also counts where another page's margin holds one much like it."""
    margins = [{re.sub(r"\d+", "#", item.text) for kind, item in blocks
                if kind == "line" and _in_margin(item, height)} for blocks, height in pages]
    needed = max(2, len(pages) / 2)
    out = set()
    for i, texts in enumerate(margins):
        for text in texts:
            seen = 1 + sum(any(_alike(text, other) for other in others)
                           for j, others in enumerate(margins) if j != i)
            if len(pages) > 1 and seen >= needed:
                out.add(text)
    return out


def _alike(one: str, other: str) -> bool:
    """One running head's readings: the same text, or a long enough piece of one found, nearly, in the other."""
    if one == other:
        return True
    from rapidfuzz import fuzz

    return min(len(one), len(other)) >= _HEAD_PIECE and fuzz.partial_ratio(one, other) >= _SAME_HEADER


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom < height * _MARGIN or line.top > height * (1 - _MARGIN)


def _is_furniture(line: Line, height: float, repeated: set[str]) -> bool:
    if not _in_margin(line, height):
        return False
    return (bool(_PAGE_NUMBER.match(line.text)) or bool(_MACHINE_STAMP.match(line.text))
            or re.sub(r"\d+", "#", line.text) in repeated)
