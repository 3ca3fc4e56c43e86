"""A page with no text layer (a scan) read by OCR into the same page content a text PDF gives.

The page is rendered at ``DPI``, cleaned and straightened (:mod:`reportcheck.readers.scan_image`);
its ruling lines become the same edges a drawn table gives, so the same table geometry finds the
cells. Each cell's text lines are cut out and recognised (no detector: a cell is its own layout);
text outside the tables is cut into lines the same way, and a region that is no clean line (a
signature over text, a drawing) goes to the detector. Every word keeps its confidence (``conf``),
which the reader carries to the cell or paragraph it lands in.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pypdfium2 as pdfium

from reportcheck.errors import UnreadableInput
from reportcheck.layout import UNREAD
from reportcheck.readers import ocr_engine
from reportcheck.readers.lost_corners import cells_at_lost_corners
from reportcheck.readers.pdf_page import PageContent, PageGuard, edge, holds_another, ruled_tables
from reportcheck.readers.scan_bend import unbent
from reportcheck.readers.scan_figure_marks import figure_end, with_raised_mark
from reportcheck.readers.scan_image import INK, Piece, Prepared, prepare, text_pieces
from reportcheck.readers.scan_orientation import sideways, upside_down
from reportcheck.readers.scan_sheet import even_light, find_sheet, flattened
from reportcheck.readers.scan_two_up import LOOK_DPI, halves, page_scale

DPI = 200
_INSET = 4  # pixels kept off a cell's ruling lines
_PAD = 6  # white pixels round a crop for the recogniser
_LOOSE_MIN_CONF = 0.5  # text outside tables read below this is a scribble or a stamp's remains
_SPECK_CHARS, _SPECK_SURE = 2, 0.8  # loose text this short, read less surely, is a mark, not text
_TALL = 2.2  # a line this many times the usual height is no single text line
_LINE_PT = 11  # height of a line of body text (五号 10.5 pt), in points
_MAX_PIXELS = 40_000_000  # a page larger than A4 at 200 dpi (3.7 MP) is rendered at a lower dpi
_MIN_SIDE = 100  # pixels: a page narrower or lower than this holds nothing to read
_PEN_CONF = 0.3  # what a word of a cell written on by hand, or one a streak runs through, counts as (a doubt)
_PEN_MIN = 40  # pixels of ballpoint ink in a cell that make it written on (a stray dot has a few)
_CROSSING = 2  # lines down crossing a line of loose text that make it a table's row read without its table
_PIECES = 3  # pieces apart in a line of loose text that make it one too
_SHEET_INCHES = 11.0  # a photographed sheet's longer side is read as long as a Letter page's (A4: 11.7 in)
# lines with a glyph the recogniser dropped that tell a page's script outruns its alphabet (a simplified page:
# a rare character in a name or two)
_SHORT_ALPHABET = 3


def read_scanned_page(page, number: int, height: float, guard: PageGuard) -> list[PageContent]:
    """The content of an image-only page, read by OCR (coordinates in PDF points, as for text): one page, or
    two where the sheet holds two pages side by side (:mod:`reportcheck.readers.scan_two_up`)."""
    width = page.get_width()
    scale = min(DPI / 72, math.sqrt(_MAX_PIXELS / max(1.0, width * height)))
    if min(width, height) * scale < _MIN_SIDE:
        return [PageContent(number, height, [], [], [], 0, 0)]  # a sliver: nothing to read
    finer, bits = _largest_image(page, width * height)
    gutter = _two_pages(_render(page, LOOK_DPI / 72, number, guard))
    if gutter is not None:
        return [_read_half(page, number, height, cut, guard, bits == 1) for cut in _cuts(width, gutter)]
    image = _render(page, scale, number, guard)
    if finer > scale * 1.2 and find_sheet(image) is not None:  # a photo: the sheet is a part of the picture,
        image, scale = _render(page, finer, number, guard), finer  # looked at in the camera's own pixels
    return [read_image(image, scale, number, height, guard, fax=bits == 1)]


def _two_pages(look: np.ndarray) -> tuple[float, float] | None:
    """Where a scanned sheet (``look``: rendered small) splits into two pages side by side; never for a photo
    (the sheet on a desk), which the reader finds and flattens first."""
    if find_sheet(look) is not None:
        return None
    return halves(np.ascontiguousarray(look.min(axis=2)))


def _cuts(width: float, gutter: tuple[float, float]) -> tuple[tuple[float, float], tuple[float, float]]:
    """What to cut off the sheet's left and right (points) to leave each of its two pages: at the gutter's middle."""
    middle = width * (gutter[0] + gutter[1]) / 2
    return (0.0, width - middle), (middle, 0.0)


def _read_half(page, number: int, height: float, cut: tuple[float, float], guard: PageGuard, fax: bool) -> PageContent:
    """One of two pages side by side on a sheet, read at the size it was laid out at (a page printed at 0.7 is
    rendered 1/0.7 larger), so its print stands as a page's would."""
    width = page.get_width() - cut[0] - cut[1]
    scale = min(DPI / 72 * page_scale(height), math.sqrt(_MAX_PIXELS / max(1.0, width * height)))
    image = _render(page, scale, number, guard, crop=(cut[0], 0.0, cut[1], 0.0))
    return read_image(image, DPI / 72, number, image.shape[0] / (DPI / 72), guard, fax=fax)


def _render(page, scale: float, number: int, guard: PageGuard,
            crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)) -> np.ndarray:
    try:
        bitmap = page.render(scale=scale, crop=crop)
    except pdfium.PdfiumError:
        raise UnreadableInput(guard.name, "corrupt", f"PDF第{number}页的图像已损坏，无法读取，请重新扫描",
                              f"the image of page {number} is broken; scan it again") from None
    return np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])


def _largest_image(page, points: float) -> tuple[float, int]:
    """The page's largest image: the pixels a point of it holds (kept under ``_MAX_PIXELS``; 0 without one),
    and its bits per pixel (1: a fax, or a scan saved in black and white)."""
    import pypdfium2.raw as raw

    best, bits = 0.0, 0
    for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, _, right, _ = image.get_bounds()
        if right > left and image.get_px_size()[0] / (right - left) > best:
            best, bits = image.get_px_size()[0] / (right - left), _bits(image)
    return min(best, math.sqrt(_MAX_PIXELS / max(1.0, points))), bits


def _bits(image) -> int:
    """An image's bits per pixel; 0 where pdfium cannot tell (a damaged image, read as no fax)."""
    try:
        return image.get_metadata().bits_per_pixel
    except pdfium.PdfiumError:
        return 0


def read_image(image: np.ndarray, scale: float, number: int, height: float, guard: PageGuard,
               sheet: bool = True, fax: bool = False) -> PageContent:
    """The content of an image (``scale`` pixels a point, about ``DPI`` / 72), read by OCR, turned upright
    first if it was scanned sideways or upside down, and flattened first if it is a photo of the sheet
    (``height`` is then that of the page as read) or its rules bend (a sheet not lying flat). A ``sheet``
    is a scanned page, with margins a scanner's or a copier's streak runs through; a picture cut to a table
    (not a sheet) has its lines reach its edges. A ``fax`` (a picture of one bit a pixel) has the scan lines
    it lost on the line put back."""
    corners = find_sheet(image)
    if corners is not None:
        image, scale = flattened(image, corners, round(_SHEET_INCHES * DPI)), DPI / 72
    image = even_light(image)
    if not fax:  # a fax machine pulls the sheet flat through its rollers: what bends there is its scan lines
        image = unbent(image)
    prepared = prepare(image, streaks=sheet, lost_lines=fax)
    if sideways(prepared.grey < INK):
        image = np.ascontiguousarray(np.rot90(image, -1))
        prepared = prepare(image, streaks=sheet, lost_lines=fax)
    if upside_down(_sample_lines(prepared)):
        image = np.ascontiguousarray(np.rot90(image, 2))
        prepared = prepare(image, streaks=sheet, lost_lines=fax)
    height = image.shape[0] / scale
    edges = [_edge(s, scale) for s in prepared.segments]
    tables, rules = ruled_tables(edges, guard)
    for table in tables:
        table.cells += cells_at_lost_corners(table, prepared.ink, scale)
    boxes: list[tuple[int, int, int, int]] = []
    for table in tables:
        for cell in table.cells:
            if not holds_another(cell, table.cells):
                boxes.append(_inset(cell, scale))
    line = round(DPI * _LINE_PT / 72)
    written = [box for box in boxes if _written_on(prepared.pen, box)]
    crossed = [box for box in boxes if _crossed(prepared, box, line)]
    pieces = [p for box in boxes for p in text_pieces(prepared.ink, box, line, split=False)]
    in_tables = np.zeros(prepared.ink.shape, bool)
    for table in tables:
        x0, top, x1, bottom = (round(v * scale) for v in table.bbox)
        in_tables[max(0, top - 2):bottom + 2, max(0, x0 - 2):x1 + 2] = True
    loose_ink = prepared.ink & ~in_tables
    h, w = loose_ink.shape
    loose = text_pieces(loose_ink, (0, 0, w, h), line)
    words = _read(prepared, pieces, scale, min_conf=0.0)
    for word in words:
        if any(_inside(word, box, scale) for box in written):
            word["conf"], word["pen"] = min(word["conf"], _PEN_CONF), True
        if any(_inside(word, box, scale) for box in crossed):
            word["conf"], word["streak"] = min(word["conf"], _PEN_CONF), True
    loose_words = _read_loose(prepared, loose, scale, in_tables)
    for word in loose_words:
        if _crossed(prepared, _box_of(word, scale), line):
            word["conf"] = min(word["conf"], _PEN_CONF)
        words.append(word)
    _doubt_lookalikes(words)
    chars = sum(len(word["text"]) for word in words)
    return PageContent(number, height, words, tables, rules, chars, 0,
                       rows_unruled=rows_unruled(loose_words, [e for e in edges if e["orientation"] == "v"]))


def _doubt_lookalikes(words: list[dict]) -> None:
    """On a page whose script outruns the recogniser's alphabet (a report typed in traditional characters:
    項, 額, 稱 are not in it), what it cannot read it drops (read as :data:`UNREAD`) or reads as a lookalike it
    knows, less surely than print (項 as 頂 at 0.6–0.75): there a line is as unsure as its least sure
    character under ``ODD_CHAR_BROKEN``, as on a fax. Told by :data:`_SHORT_ALPHABET` lines with a glyph
    dropped. Each word's ``least`` is taken out."""
    short = sum(UNREAD in word["text"] for word in words) >= _SHORT_ALPHABET
    for word in words:
        least = word.pop("least", 1.0)
        if short and least < ocr_engine.ODD_CHAR_BROKEN:
            word["conf"] = min(word["conf"], least)


def rows_unruled(words: list[dict], verticals: list[dict]) -> int:
    """How many lines of text outside every table read look like a table's row: in three or more pieces
    apart, or crossed between their words by two or more of the page's lines down. Rows of a table whose
    lines were not found (a photographed page bent or tilted, rules broken), read as loose text. A page's
    own loose lines are one piece each, but for a fax's header line and a signature's date."""
    count = 0
    for line in _text_lines(words):
        middle, left, right = (line[0]["top"] + line[0]["bottom"]) / 2, line[0]["x0"], line[-1]["x1"]
        crossing = [v for v in verticals if v["top"] <= middle <= v["bottom"] and left < v["x0"] < right]
        count += len(line) >= _PIECES or len(crossing) >= _CROSSING
    return count


def _text_lines(words: list[dict]) -> list[list[dict]]:
    """Words on one line together (a word whose middle lies within the first word's height), left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        line = next((ln for ln in lines if ln[0]["top"] <= middle <= ln[0]["bottom"]), None)
        if line is None:
            lines.append([word])
        else:
            line.append(word)
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _written_on(pen: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """A cell holds a hand's ballpoint ink: a figure struck through and written again, a tick, a remark."""
    x0, top, x1, bottom = box
    return int(pen[top:bottom, x0:x1].sum()) >= _PEN_MIN


def _crossed(prepared: Prepared, box: tuple[int, int, int, int], reach: int) -> bool:
    """A line down the whole page runs through the text in ``box`` (a cell, or a line of text) or within
    ``reach`` pixels of it (where it may have taken a character whole, or been read as the cell's border):
    what it took out of the characters (a decimal point, a stroke) or left in them may have changed what was
    read."""
    x0, top, x1, bottom = (max(0, v) for v in box)
    ink = prepared.ink[top:bottom, x0:x1]
    across, down = np.nonzero(ink.any(axis=0))[0], np.nonzero(ink.any(axis=1))[0]
    if not len(across):
        return False
    left, right = max(0, x0 + across[0] - reach), x0 + across[-1] + 1 + reach
    return bool(prepared.streaks[top + down[0]:top + down[-1] + 1, left:right].any())


def _box_of(word: dict, scale: float) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = (round(word[k] * scale) for k in ("x0", "top", "x1", "bottom"))
    return x0, top, x1, bottom


def _inside(word: dict, box: tuple[int, int, int, int], scale: float) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2 * scale, (word["top"] + word["bottom"]) / 2 * scale
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _sample_lines(prepared: Prepared) -> list[np.ndarray]:
    """The page's widest lines of print, as crops for the recogniser."""
    h, w = prepared.ink.shape
    pieces = sorted(text_pieces(prepared.ink, (0, 0, w, h), round(DPI * _LINE_PT / 72)),
                    key=lambda p: p.x1 - p.x0, reverse=True)
    return [_padded(prepared.grey[p.top:p.bottom, p.x0:p.x1]) for p in pieces[:8]]


def _edge(segment, scale: float) -> dict:
    pos, a, b = segment.pos / scale, segment.a / scale, segment.b / scale
    return edge(a, pos, b, pos, "h") if segment.horizontal else edge(pos, a, pos, b, "v")


def _inset(cell: tuple[float, ...], scale: float) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = (round(v * scale) for v in cell)
    return x0 + _INSET, top + _INSET, max(x0 + _INSET, x1 - _INSET), max(top + _INSET, bottom - _INSET)


def _read_loose(prepared: Prepared, pieces: list[Piece], scale: float, in_tables: np.ndarray) -> list[dict]:
    """Text outside the tables: clean lines recognised directly, tall regions through the detector — with the
    tables (``in_tables``) painted out of what it looks at: a tall region round a table (a frame drawn round
    it in dashes, which no line kernel keeps) would have it read the table's text again, loose."""
    if not pieces:
        return []
    usual = float(np.median([p.bottom - p.top for p in pieces]))
    lines = [p for p in pieces if p.bottom - p.top <= _TALL * usual]
    words = [w for w in _read(prepared, lines, scale, min_conf=_LOOSE_MIN_CONF)
             if len(w["text"]) > _SPECK_CHARS or w["conf"] >= _SPECK_SURE]  # a speck or a tick read as "了"
    for p in pieces:
        if p.bottom - p.top > _TALL * usual:
            area = (slice(p.top, p.bottom), slice(p.x0, p.x1))
            crop = np.where(in_tables[area], 255, prepared.grey[area]).astype(np.uint8)
            for (x0, top, x1, bottom), text, conf in ocr_engine.detect_and_recognise(_padded(crop)):
                text = _clean(text)
                if text and conf >= _LOOSE_MIN_CONF:
                    box = Piece(int(p.x0 + x0 - _PAD), int(p.top + top - _PAD),
                                int(p.x0 + x1 - _PAD), int(p.top + bottom - _PAD))
                    words.append(_word(text, conf, box, scale))
    return words


def _read(prepared: Prepared, pieces: list[Piece], scale: float, min_conf: float) -> list[dict]:
    crops = [_padded(prepared.grey[p.top:p.bottom, p.x0:p.x1]) for p in pieces]
    out = []
    odd = ocr_engine.ODD_CHAR_BROKEN if prepared.broken else ocr_engine.ODD_CHAR
    readings = _without_trailing_specks(prepared, pieces, ocr_engine.recognise(crops, odd), odd)
    for piece, reading in zip(pieces, readings, strict=True):
        text = with_raised_mark(_clean(reading.text), prepared.ink[piece.top:piece.bottom, piece.x0:piece.x1])
        if text and (reading.mean >= min_conf or _NUMBERED.match(text)):  # kept, in doubt where unsure
            out.append(_word(text, reading.conf, piece, scale) | {"least": reading.least})
        elif not text and not min_conf:  # ink in a cell the recogniser read as nothing: not a blank
            out.append(_word("?", 0.0, piece, scale))
    return out


def _without_trailing_specks(prepared: Prepared, pieces: list[Piece], readings: list[ocr_engine.Reading],
                             odd: float) -> list[ocr_engine.Reading]:
    """Figures read with a point at their end (205., 10.3.: a speck of toner after the figure, read as its
    point) read again from their digits' ink alone: the crop cut after the last glyph as tall as a digit,
    paper wherever there is no ink. Taken where it reads the same figure without the point, at the surety
    it has then."""
    again = []
    for i, (piece, reading) in enumerate(zip(pieces, readings, strict=True)):
        ink = prepared.ink[piece.top:piece.bottom, piece.x0:piece.x1]
        end = figure_end(_clean(reading.text), ink)
        if end is not None:
            grey = prepared.grey[piece.top:piece.bottom, piece.x0:piece.x0 + end]
            again.append((i, _padded(np.where(ink[:, :end], grey, 255).astype(np.uint8))))
    out = list(readings)
    for (i, _), reading in zip(again, ocr_engine.recognise([crop for _, crop in again], odd), strict=True):
        if _clean(reading.text) == _clean(readings[i].text)[:-1]:
            out[i] = reading
    return out


# A line that begins with a section's number and goes on in words is a heading however unsurely read (a fax's
# "2.6集群产品质警发展情况"); no scribble or stamp's remains reads so.
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s*[\u4e00-\u9fff]{4}")
_DOT_IN_NUMBER = re.compile(r"(?<=\d)[·•](?=\d)")
_STRAY_DOT = re.compile(r"[·•]|(?<=[\u4e00-\u9fff])[.,:;](?=[\u4e00-\u9fff]|$)"
                        r"|^[.,](?=\d{4}\s*(?:年|[-—~至到]\s*\d{4}\s*(?:年|[.,]?$)))"
                        r"|(?<=\d)[.,](?=[年月日])|(?<=[年月])[.,](?=\d)|(?<=[\d年月日])\s*[:：;；]+$"
                        r"|(?:(?<=[\u4e00-\u9fff]\d)|(?<=[\u4e00-\u9fff]\d\d))[.,]$")
_YEARS_THEN_POINT = re.compile(r"(\d{4}\s*[-—~至到]\s*\d{4})[.,]$")  # 2022-2024. : a speck after a span of years
_LEADING_DOT = re.compile(r"^[.,:;`]+(?=[\u4e00-\u9fff])")  # .望城…: no line of print begins so
# A bar beside a Chinese character is a ruling line's stub the crop caught, not text.
_RULE_STUB = re.compile(r"(?<=[\u4e00-\u9fff])\s*\||\|\s*(?=[\u4e00-\u9fff])")


def _clean(text: str) -> str:
    """A middle dot between digits is a decimal point; elsewhere, like a half-width point, comma or colon after a
    Chinese character (print would have 。，：) or ending a line after a name's number (技术中心6.), a point before a
    year or a span of years (.2022-2024) or between a date's figure and its 年/月/日 (2022年1.月, 2022年.1月), a
    colon ending a figure or a date (2021年6月：) or a point ending a span of years (2022-2024.), it is dust the
    recogniser read; so are a mark before a line's first Chinese character (.望城), a single quote mark without its
    partner, and a bar beside a Chinese character (a ruling line's stub). A point before another character (12.亿)
    may be a lost digit's: it stays."""
    text = _unpaired_quotes(_STRAY_DOT.sub("", _DOT_IN_NUMBER.sub(".", text)).strip())
    return _RULE_STUB.sub("", _YEARS_THEN_POINT.sub(r"\1", _LEADING_DOT.sub("", text))).strip()


def _unpaired_quotes(text: str) -> str:
    """Without a single quote mark that has no partner: print sets ‘…’ (and '…') in pairs, so a lone one in a
    line is a speck the recogniser read as a mark (智能制造升级项目‘10期, 86500')."""
    for opening, closing in (("‘", "’"), ("'", "'")):
        marks = text.count(opening) + (text.count(closing) if closing != opening else 0)
        if marks == 1:
            text = text.replace(opening, "").replace(closing, "")
    return text


def _padded(crop: np.ndarray) -> np.ndarray:
    return np.pad(crop, _PAD, constant_values=255)


def _word(text: str, conf: float, piece: Piece, scale: float) -> dict:
    return {"text": text, "x0": piece.x0 / scale, "x1": piece.x1 / scale, "top": piece.top / scale,
            "bottom": piece.bottom / scale, "space": False, "conf": round(conf, 3)}
