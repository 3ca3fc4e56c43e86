"""What a PDF page holds, read with pdfium (pypdfium2): words with their boxes, and ruled tables.

pdfium reads a page about ten times faster than pdfminer. Ruling lines come from the page's path
objects (thin paths are lines, wider ones rectangles with four sides); pdfplumber's table
geometry (merge_edges → intersections → cells → tables) turns them into cell boxes, as its
``lines`` strategy would. Coordinates are PDF points from the top-left, as pdfplumber gives them.
"""

from __future__ import annotations

import contextlib
import re
import statistics
import time

from reportcheck.errors import UnreadableInput
from reportcheck.layout import RAISED_BY, RAISED_DIGITS, RAISED_SIZE
from reportcheck.readers.appendix import APPENDIX_HEADING
from reportcheck.readers.limits import PdfLimits
from reportcheck.readers.pdf_page import MIN_EDGE, PageContent, PageGuard, edge, ruled_tables
from reportcheck.readers.pdf_text import group_lines
from reportcheck.runtime import ocr_progress

_THICK = 2.0  # a path thinner than this is a line
_BOX_SEGMENTS = 6  # a rectangle's: its corner moved to, three or four sides drawn, closed
_CORNER = 1.0  # points: how far a rectangle's point may stand from a corner of its bounds, beyond its stroke
_WORD_GAP = 1.5
GARBLED_SHARE = 0.2  # a page whose characters are more than this share no text is read by OCR
_GARBLED_MIN = 30  # characters a page must have to be judged garbled (a page number, a caption do not)
_LINE_TOLERANCE = 3.0
_MAX_PAGE_POINTS = 200 * 72 * 10  # 2,000 inches: past Acrobat's largest page (200 in × UserUnit 10), damage
# What a Chinese report's text is made of; glyphs read through a font without a ToUnicode map
# come out as control characters and stray scripts instead.
_MEANINGFUL = ((0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x206F), (0x2100, 0x22FF), (0x2460, 0x24FF),
               (0x25A0, 0x27BF), (0x2E80, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xE000, 0xF8FF),
               (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))  # shapes and dingbats (☑ □ ■), a symbol
# font's private use area (Wingdings) are text too. Whole scripts other than Chinese are text as well (an
# Arabic or Russian document is not a report, and is said so, not called garbled): Greek and Cyrillic,
# Hebrew and Arabic with its presentation forms, kana and Hangul.
_OTHER_SCRIPTS = ((0x370, 0x52F), (0x590, 0x6FF), (0x3040, 0x30FF), (0xAC00, 0xD7AF), (0xFB50, 0xFDFF),
                  (0xFE70, 0xFEFF))
_NO_TEXT = re.compile("[^" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                                     for lo, hi in _MEANINGFUL + _OTHER_SCRIPTS) + "]")
# GBK (or another two-byte encoding) drawn through a font read as Latin-1 comes out as accented letters
# ("Ä¿Â¼" for 目录): on a page where they are this share of the characters, they are no text either.
_ACCENTED = re.compile("[\u00c0-\u00ff]")
_MOJIBAKE_SHARE = 0.3


def _edges(page, height: float) -> list[dict]:
    import pypdfium2.raw as raw

    edges = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        y_top, y_bottom = height - top, height - bottom
        w, h = right - left, top - bottom
        if h <= _THICK and w >= MIN_EDGE:
            y = (y_top + y_bottom) / 2
            edges.append(edge(left, y, right, y, "h"))
        elif w <= _THICK and h >= MIN_EDGE:
            x = (left + right) / 2
            edges.append(edge(x, y_top, x, y_bottom, "v"))
        elif w >= MIN_EDGE and h >= MIN_EDGE and _is_rectangle(obj):  # its four sides
            edges += [edge(left, y_top, right, y_top, "h"), edge(left, y_bottom, right, y_bottom, "h"),
                      edge(left, y_top, left, y_bottom, "v"), edge(right, y_top, right, y_bottom, "v")]
    return edges


def _is_rectangle(obj) -> bool:
    """A wide path is a box (round a table, a shaded cell) only when it is one: a single figure of a few
    straight segments, each point a corner of its bounds. A shape drawn over the page — a watermark's 草稿 as
    outlines, hundreds of segments, or a band turned across it — has no sides a table could take for rules."""
    import ctypes

    import pypdfium2.raw as raw

    count = raw.FPDFPath_CountSegments(obj.raw)
    if not 0 < count <= _BOX_SEGMENTS:
        return False
    left, bottom, right, top = obj.get_bounds()  # the stroke's width included
    m = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    near = _CORNER + (x.value if raw.FPDFPageObj_GetStrokeWidth(obj.raw, x) else 0.0)
    moves = 0
    for i in range(count):
        segment = raw.FPDFPath_GetPathSegment(obj.raw, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        moves += kind == raw.FPDF_SEGMENT_MOVETO
        if kind == raw.FPDF_SEGMENT_BEZIERTO or moves > 1 or not raw.FPDFPathSegment_GetPoint(segment, x, y):
            return False
        px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
        if min(abs(px - left), abs(px - right)) > near or min(abs(py - bottom), abs(py - top)) > near:
            return False
    return True


def _pdfium_chars(textpage, height: float) -> list[tuple]:
    """The page's characters as pdfium reads them: (top, bottom, x0, x1, text)."""
    chars = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if ch in ("\r", "\n") or not ch:
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        chars.append((height - top, height - bottom, left, right, ch))
    return chars


def _unread_by_pdfium(page, textpage) -> bool:
    """Text pdfium shows no character for: a font the PDF does not embed (reportlab's STSong-Light, a
    producer's 宋体) whose encoding pdfium maps only through a font installed on this machine. Without
    one the text is lost; pdfminer maps it with its own CMaps. Only the text objects in a font not
    embedded are looked at (Word, WPS and LibreOffice embed theirs), through pdfium's own calls."""
    import ctypes

    import pypdfium2.raw as raw

    embedded: dict[int | None, bool] = {}

    def lost(obj) -> bool:
        font = raw.FPDFTextObj_GetFont(obj)
        key = ctypes.cast(font, ctypes.c_void_p).value
        if key not in embedded:
            embedded[key] = not key or bool(raw.FPDFFont_GetIsEmbedded(font))
        if embedded[key]:
            return False
        size = raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
        buffer = ctypes.create_string_buffer(max(size, 2))
        raw.FPDFTextObj_GetText(obj, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
        return not buffer.raw[:max(0, size - 2)].decode("utf-16-le", "replace").strip()

    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, i)
        kind = raw.FPDFPageObj_GetType(obj)
        inner = [raw.FPDFFormObj_GetObject(obj, j) for j in range(raw.FPDFFormObj_CountObjects(obj))] \
            if kind == raw.FPDF_PAGEOBJ_FORM else [obj]
        if any(raw.FPDFPageObj_GetType(o) == raw.FPDF_PAGEOBJ_TEXT and lost(o) for o in inner):
            return True
    return False


class _Miner:
    """pdfminer (through pdfplumber) on the same file, opened when a page needs it. It may fail on a
    file or a page that pdfium got through (a damaged stream): pdfium's reading stands then."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pdf = None
        self.failed = False

    def chars(self, number: int) -> list[tuple] | None:
        """The page's characters as pdfminer reads them, or None."""
        import logging

        import pdfplumber

        logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its notes on odd fonts are not ours to print
        try:
            if self.pdf is None and not self.failed:
                self.pdf = pdfplumber.open(self.name)
            if self.pdf is None:
                return None
            page = self.pdf.pages[number - 1]
            return [(c["top"], c["bottom"], c["x0"], c["x1"], c["text"]) for c in page.chars
                    if c["text"] and c["text"] not in ("\r", "\n")]
        except Exception:  # pdfminer raises all kinds of errors on a broken file
            self.failed = self.pdf is None
            return None

    def close(self) -> None:
        if self.pdf is not None:
            with contextlib.suppress(Exception):  # closing flushes what pdfminer read lazily: it may fail too
                self.pdf.close()


def _words(chars: list[tuple]) -> tuple[list[dict], int, int]:
    """Characters grouped into words: a space, a line change or a gap ends a word; and how many characters
    there are and how many of them are no text (glyphs without a Unicode mapping: control characters,
    stray scripts, pdfminer's "(cid:123)")."""
    firsts = "".join(c[4][0] for c in chars if not c[4].isspace())
    cids = sum(1 for c in chars if c[4].startswith("(cid:"))
    unmapped = cids + len(_NO_TEXT.findall(firsts))  # a "(cid:N)" begins with "(", which is text
    total = len(firsts)
    accented = len(_ACCENTED.findall(firsts))
    if total and accented > _MOJIBAKE_SHARE * total:
        unmapped += accented
    lines: list[list[tuple]] = []
    for char in sorted(chars, key=lambda c: (round(c[0]), c[2])):
        if lines and abs(lines[-1][0][0] - char[0]) <= _LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    words: list[dict] = []
    for line in lines:
        line.sort(key=lambda c: c[2])
        line[:] = _raised_digits(line)
        current: list[tuple] = []
        spaced = False  # the word follows a space character (kept even where the gap is narrow)
        for char in line:
            if char[4].isspace() or (current and char[2] - current[-1][3] > _WORD_GAP):
                if current:
                    words.append(_word(current, spaced))
                    spaced = False
                spaced = spaced or char[4].isspace()
                current = [] if char[4].isspace() else [char]
            else:
                current.append(char)
        if current:
            words.append(_word(current, spaced))
    return words, total, unmapped


def _raised_digits(line: list[tuple]) -> list[tuple]:
    """A line's characters with its footnote marks (a digit set smaller and raised above the line, as Word
    exports 258³) given as superscript characters: glued to the figure they follow, they are no digit of it."""
    sized = [c for c in line if not c[4].isspace()]
    if len(sized) < 2:
        return line
    height = statistics.median(c[1] - c[0] for c in sized)
    foot = statistics.median(c[1] for c in sized)
    return [(*c[:4], c[4].translate(RAISED_DIGITS)) if c[4].isdigit() and c[1] - c[0] < RAISED_SIZE * height
            and foot - c[1] > RAISED_BY * height else c for c in line]


def _word(chars: list[tuple], spaced: bool) -> dict:
    return {"text": "".join(c[4] for c in chars), "x0": chars[0][2], "x1": chars[-1][3],
            "top": min(c[0] for c in chars), "bottom": max(c[1] for c in chars), "space": spaced}


def read_pages(pdf, name: str, limits: PdfLimits) -> list[PageContent]:
    """Every page's content; refuses (UnreadableInput) a page or a file past ``limits``."""
    import pypdfium2.raw as raw

    deadline = time.monotonic() + limits.seconds
    out = []
    images_only: list[int] = []
    miner = _Miner(name)
    for number, page in enumerate(pdf, start=1):
        guard = PageGuard(name, number, limits, deadline)
        guard.check_time()
        height = page.get_height()
        if max(page.get_width(), height) > _MAX_PAGE_POINTS:
            raise UnreadableInput(name, "corrupt",
                                  f"PDF第{number}页的页面尺寸异常（{page.get_width():.0f}×{height:.0f}磅），文件已损坏，"
                                  "请重新导出PDF或提交.docx",
                                  f"page {number} is {page.get_width():.0f}×{height:.0f} pt: the PDF is damaged")
        textpage = page.get_textpage()
        objects = raw.FPDFPage_CountObjects(page.raw)
        guard.check_objects(objects + textpage.count_chars())
        chars = _pdfium_chars(textpage, height)
        if _unread_by_pdfium(page, textpage):
            chars = miner.chars(number) or chars
        words, total, unmapped = _words(chars)
        if (not total or _text_hidden(page)) and _has_images(page):
            images_only.append(number)
        tables, rules = ruled_tables(_edges(page, height), guard)
        out.append(PageContent(number, height, words, tables, rules, total, unmapped, blank=not objects))
    miner.close()
    # A scan (at least half its pages are images alone, or images under invisible text) is read by OCR. In
    # a PDF with a text layer, an image page inside the report (pages printed, signed and scanned again in
    # place) is read by OCR too; one after the report's last text page, or in its evidence appendix (a
    # photo, a certificate), stays as it is, without text.
    # A page whose text layer is mostly no text (glyphs without a ToUnicode map) is read by OCR too.
    scan = len(images_only) * 2 >= len(out)
    inside = [] if scan else _inside_the_report(images_only, out)
    garbled = [c.number for c in out if c.chars >= _GARBLED_MIN and c.unmapped / c.chars > GARBLED_SHARE]
    to_read = sorted((images_only if scan else inside) + garbled)
    beside: dict[int, list[PageContent]] = {}  # the second page of a sheet holding two side by side
    for scanned, number in enumerate(to_read, start=1):
        deadline += limits.ocr_page_seconds
        ocr_progress.page_begun(scanned, len(to_read), limits.ocr_page_seconds)  # the time limit grows too
        guard = PageGuard(name, number, limits, deadline, scanned)
        guard.check_time()
        page = pdf[number - 1]
        try:
            first, *more = _scanned(page, number, page.get_height(), guard, number in garbled)
            for content in (first, *more):
                content.image_page, content.half = number in inside, bool(more)
            out[number - 1], beside[number] = first, more
            deadline += limits.ocr_page_seconds * len(more)  # a sheet of two pages is read as two
        except UnreadableInput as exc:
            if number in inside and exc.reason == "no_text_layer":  # a few scanned pages without the OCR extra:
                out[number - 1].unread = out[number - 1].image_page = True  # left out, said
                continue
            if exc.reason != "garbled" or 2 * len(garbled) > len(out):
                raise  # a scan, or a PDF mostly garbled, without the OCR extra: refused saying how to add it
            out[number - 1] = PageContent(number, out[number - 1].height, [], [], [], 0, 0, garbled=True,
                                          unread=True)  # a few garbled pages (an appendix): left out, said
    PageGuard(name, len(out), limits, deadline, len(to_read)).check_time()
    return _paged([page for content in out for page in (content, *beside.get(content.number, ()))])


def _paged(pages: list[PageContent]) -> list[PageContent]:
    """The pages numbered as the report's own where a sheet held two side by side: its left page, then its right
    (what the findings name, as every block does by its place in the list), not the sheet."""
    for number, page in enumerate(pages, start=1):
        page.number = number
    return pages


def _inside_the_report(images_only: list[int], pages: list[PageContent]) -> list[int]:
    """Image pages of a text PDF that lie inside the report: a page with text comes after them, and no page
    before them opens the evidence appendix (its first line a heading such as 佐证材料)."""
    texts = [c.number for c in pages if c.number not in images_only and c.chars]
    opening = next((c.number for c in pages if c.number in texts and c.words
                    and APPENDIX_HEADING.match(group_lines(c.words)[0].text)), None)
    last = max((n for n in texts if opening is None or n < opening), default=0)
    return [n for n in images_only if n < last]


def _text_hidden(page) -> bool:
    """Whether all the page's text is invisible (render mode 3): a scanner's or an app's own OCR laid under
    its image. That is another program's reading of the picture, not the applicant's text, and often wrong
    (0 for O, 5 for S, lines shifted off their place): the page is read from its image, as a scan."""
    import pypdfium2.raw as raw

    modes = (raw.FPDFTextObj_GetTextRenderMode(obj.raw)
             for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=2))
    return all(mode == raw.FPDF_TEXTRENDERMODE_INVISIBLE for mode in modes)


def _has_images(page) -> bool:
    import pypdfium2.raw as raw

    return next(iter(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)), None) is not None


def _scanned(page, number: int, height: float, guard: PageGuard, garbled: bool = False) -> list[PageContent]:
    """An image-only (or ``garbled``) page read by OCR (two, where a sheet holds two pages side by side);
    without the OCR extra, the file is refused saying how to add it."""
    try:
        from reportcheck.readers.scan_page import read_scanned_page

        contents = read_scanned_page(page, number, height, guard)
        for content in contents:
            content.garbled, content.by_ocr = garbled, True
        return contents
    except ImportError as exc:
        raise _without_ocr(guard.name, number, garbled, exc) from None


def _without_ocr(name: str, number: int, garbled: bool, exc: ImportError) -> UnreadableInput:
    """Why a page that needs OCR cannot be read: the extra is not installed (how to add it), or it is
    installed but does not load (e.g. the desktop OpenCV without libGL)."""
    from reportcheck.errors import OCR_INSTALL, ocr_missing

    if not ocr_missing(exc):
        return UnreadableInput(
            name, "ocr_unavailable",
            f"文字识别组件无法加载（{exc}），无法读取扫描件。"
            "服务器没有桌面环境时请改装 opencv-python-headless（见README）",
            f"the OCR libraries do not load ({exc}); on a server without a desktop install "
            "opencv-python-headless (see README)")
    if garbled:
        return UnreadableInput(
            name, "garbled",
            f"PDF第{number}页的文字无法识别（字体缺少ToUnicode映射），按图像读取需要文字识别组件：{OCR_INSTALL}；"
            "或用Word/WPS重新导出PDF、提交.docx",
            f"page {number}'s text is garbled (fonts without a ToUnicode map); reading it as an image needs "
            f"the OCR extra: {OCR_INSTALL}")
    return UnreadableInput(
        name, "no_text_layer",
        f"PDF第{number}页没有文字层（扫描件），读取扫描件需要文字识别组件：{OCR_INSTALL}；或提交.docx",
        f"page {number} has no text layer (a scan); reading scans needs the OCR extra: {OCR_INSTALL}")
