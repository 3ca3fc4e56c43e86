"""The evidence pages a report cites, found in its appendix (``check --evidence``) and read.

Which page a cited number is. Page numbers printed on the pages are read from each page's first and
last lines (``12``, ``— 12 —``, ``- 12 -``, ``第12页``, ``第12页 共80页``, ``12/80``, ``P12``,
``附件第3页``). When they are found on at least half the pages that have a text layer and most of them
(four in five) lie at one distance from the pages' places, the numbering is "printed": a cited number
is the page printed with it, and a page with no number of its own (a scanned certificate) is the one at
that distance. Otherwise it is "position", and every finding says the pages were counted in order:
the report's own pages from its first; a separate appendix from the first page of the range the report
states for it (佐证材料（第10-40页）), else from 1. In the report's own pages the appendix begins at the
page headed 佐证材料; a report without such a heading (in its text layer) says so once.

What a page says: its text layer, or, for a page without one, what OCR reads on it. A page OCR cannot
read surely enough (most of its characters unsure, or almost nothing on it) is a doubt, and no finding
rests on it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from reportcheck.errors import OCR_INSTALL, OcrMissing, UnreadableInput
from reportcheck.evidence_files import EvidenceFiles
from reportcheck.model import Evidence, EvidencePage, Report
from reportcheck.normalize.text import comparable
from reportcheck.readers.appendix import APPENDIX_HEADING, Appendix, OcrPage, Sheet

_DASHES = r"[-—–－~～一_\s]*"  # OCR reads the dashes around a page number as 一 or _ too
_NUMBER = tuple(re.compile(p) for p in (
    rf"{_DASHES}(\d{{1,4}}){_DASHES}",
    r"第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?",
    r"(?:附件|佐证材料)\s*第?\s*(\d{1,4})\s*页",
    r"(\d{1,4})\s*/\s*\d{1,4}",
    r"[Pp]\.?\s*(\d{1,4})",
))
_NUMBERED_SHARE = 0.5  # of the pages with a text layer, those that must carry a number
_AGREEING = 0.8  # of the numbered pages, those that must lie at one distance from their place
_ENOUGH_TEXT = 10  # characters (not spaces) a text layer needs to be the page's words
_OCR_SURE = 0.6  # share of a page's characters OCR must read surely for the page to be judged
_OCR_ENOUGH = 6  # characters read surely, at least
_HEADING = re.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff]")
_CONTENTS_LINE = re.compile(r"[.…·．\s]\d{1,4}$")
_NO_APPENDIX = ("报告中未见“佐证材料”部分（没有以“佐证材料”开头的标题）；佐证材料是单独的文件或扫描件时，"
                "请用 --evidence 文件 指明")


def printed_number(lines: list[str]) -> int | None:
    """The page number printed on a page: its last line, the one before, or one of its first two."""
    for line in (*lines[-2:][::-1], *lines[:2]):
        for pattern in _NUMBER:
            m = pattern.fullmatch(line.strip())
            if m:
                return int(m.group(1))
    return None


def appendix_of(report: Report, path: str, chosen: EvidenceFiles) -> Evidence:
    """The cited pages of ``report`` (read from ``path``) in the appendix ``chosen`` for it."""
    if chosen.missing is not None:
        return Evidence(files=[], doubt=chosen.missing)
    files = [Path(path)] if chosen.own else [Path(f) for f in chosen.files]
    return read_evidence(report, files, chosen.own)


def read_evidence(report: Report, files: list[Path], own: bool) -> Evidence:
    """The pages ``report`` cites, found in the appendix made of ``files`` (``own``: the report's own file,
    whose pages the report numbers from its first) and read. An appendix that cannot be opened is an
    :class:`Evidence` saying why, never an exception."""
    cited = sorted({p for ind in report.indicators for p in ind.evidence_pages})
    names = [f.name for f in files]
    try:
        appendix = Appendix(files)
    except UnreadableInput as exc:
        return Evidence(files=names, doubt=exc.zh)
    try:
        sheets = appendix.sheets
        start = _appendix_start(sheets) if own else 0
        if start is None:
            return Evidence(files=names, sheets=len(sheets), doubt=_NO_APPENDIX)
        numbers = [printed_number(s.lines) for s in sheets]
        offset = _printed_offset(sheets, numbers)
        if offset is not None:
            numbering, first = "printed", 1 + offset
            where = _by_printed_number(numbers, offset)
        else:
            numbering = "position"
            first = report.evidence_range[0] if report.evidence_range and not own else 1
            where = {first + i: i for i in range(len(sheets))}
        found = {c: where.get(c) for c in cited}
        found = {c: i if i is not None and i >= start else None for c, i in found.items()}  # before it: not in it
        images = [c for c, i in found.items() if i is not None and not _has_text(sheets[i])]
        reader = _PageReader(appendix, start, images, by_order=numbering == "position")
        pages = [reader.page(c, i) for c, i in found.items()]
    finally:
        appendix.close()
    return Evidence(files=names, sheets=len(sheets) - start, numbering=numbering, first=first + start, pages=pages)


def _appendix_start(sheets: list[Sheet]) -> int | None:
    """Where the appendix begins in the report's own pages: the first page headed 佐证材料 (a contents
    line, ending in its page number, is not the heading)."""
    for i, sheet in enumerate(sheets):
        if any(APPENDIX_HEADING.match(line) and not _CONTENTS_LINE.search(line) for line in sheet.lines):
            return i
    return None


def _printed_offset(sheets: list[Sheet], numbers: list[int | None]) -> int | None:
    """The distance of the printed numbers from the pages' places (number − place), when they agree."""
    with_text = sum(1 for s in sheets if s.lines)
    numbered = [(i + 1, n) for i, n in enumerate(numbers) if n is not None]
    if len(numbered) < 2 or len(numbered) < _NUMBERED_SHARE * with_text:
        return None
    offset, agreeing = Counter(n - place for place, n in numbered).most_common(1)[0]
    return offset if agreeing >= _AGREEING * len(numbered) else None


def _by_printed_number(numbers: list[int | None], offset: int) -> dict[int, int]:
    """Cited number → index of its sheet: the page printed with it, else the unnumbered page at the
    numbering's distance."""
    where: dict[int, int] = {}
    for i, n in enumerate(numbers):
        expected = i + 1 + offset
        if n is not None:
            where.setdefault(n, i)
        elif expected not in where:
            where[expected] = i
    return where


def _has_text(sheet: Sheet) -> bool:
    return sum(len(line.replace(" ", "")) for line in sheet.lines) >= _ENOUGH_TEXT


class _PageReader:
    """Reads the cited pages: a text layer as it is, an image by OCR. Counted in order (no printed numbers
    in the text layer), a scanned page's own printed number is checked against the cited one: when it
    differs, the page that many places away is tried (and that distance kept for the next pages) — a
    scanned appendix with a cover in front is still read right; a page found nowhere is a doubt."""

    def __init__(self, appendix: Appendix, start: int, to_ocr: list[int], by_order: bool) -> None:
        self.appendix, self.start, self.to_ocr, self.by_order = appendix, start, to_ocr, by_order
        self.shift = 0
        self.done = 0

    def page(self, cited: int, index: int | None) -> EvidencePage:
        if index is None:
            return EvidencePage(cited=cited)
        sheets = self.appendix.sheets
        if cited not in self.to_ocr:
            return _with_lines(self._found(cited, sheets[index]), sheets[index].lines, "text")
        moved = index + self.shift
        index = moved if self.start <= moved < len(sheets) else index
        read = self._ocr(sheets[index])
        if isinstance(read, str):
            return EvidencePage(cited=cited, doubt=read, **self._where(sheets[index]))
        printed = printed_number(read.lines)
        if self.by_order and printed is not None and printed != cited:
            other = index + cited - printed
            again = self._ocr(sheets[other]) if self.start <= other < len(sheets) else None
            if again is None or isinstance(again, str) or printed_number(again.lines) != cited:
                why = f"按页序对应的页印的页码为第{printed}页，与标注的第{cited}页不符，也未找到印有第{cited}页的页"
                return EvidencePage(cited=cited, doubt=why, **self._where(sheets[index]))
            self.shift += other - index
            index, read = other, again
        page = self._found(cited, sheets[index])
        page.unsure = read.unsure
        if read.sure < _OCR_SURE or sum(map(len, read.lines)) < _OCR_ENOUGH:
            page.doubt, page.read_by = "该页几乎没有可辨认的文字（空白，或图片不清）", "ocr"
            return page
        return _with_lines(page, read.lines, "ocr")

    def _ocr(self, sheet: Sheet) -> OcrPage | str:
        """The sheet read by OCR, or why it cannot be."""
        self.done += 1
        try:
            return self.appendix.read_by_ocr(sheet, self.done, max(self.done, len(self.to_ocr)))
        except (OcrMissing, ImportError):
            return f"该页是图片，核对需要文字识别组件（{OCR_INSTALL}）"

    def _where(self, sheet: Sheet) -> dict:
        return {"file": sheet.file.name, "sheet": sheet.place, "thumbnail": self.appendix.thumbnail(sheet)}

    def _found(self, cited: int, sheet: Sheet) -> EvidencePage:
        return EvidencePage(cited=cited, **self._where(sheet))


def _with_lines(page: EvidencePage, lines: list[str], read_by: str) -> EvidencePage:
    words = [line for line in lines if printed_number([line]) is None]
    page.read_by = read_by
    page.text = comparable("".join(words))
    page.heading = next((line.strip()[:40] for line in words if _HEADING.search(line)), "")
    if len(page.text) < _OCR_ENOUGH:
        page.doubt = "该页几乎没有文字（空白页）"
    return page
