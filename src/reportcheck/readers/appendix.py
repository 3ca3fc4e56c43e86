"""The evidence appendix's pages as they lie in its files: each page's text layer (cheap, every page, for
the page numbers printed on it) and, for a cited page without one (a scanned certificate), its lines read
by OCR. A Word file is laid out in pages by LibreOffice first; a PDF is read as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.readers.limits import pdf_limits
from reportcheck.spec import load_json_resource

WORD = frozenset({".docx", ".doc", ".wps", ".rtf", ".odt"})
SUPPORTED = WORD | {".pdf"}
_DPI = 200  # what a certificate's print needs to be read; the scan reader's own resolution
_SURE = 0.8  # a line read less surely than this is not taken as the page's words
_THUMBNAIL_DPI = 44
# The heading that opens the evidence appendix, a line of its own: 七、佐证材料（第10-40页）, 附件：证明材料,
# 支撑材料清单 (the words: schemas/lexicon/headings.json). A line that goes on (佐证材料见第12页) is no heading.
APPENDIX_HEADING = re.compile(
    r"\s*(?:附件\s*\d*\s*[:：、]?\s*)?(?:[一二三四五六七八九十\d]+\s*[、.．]\s*)?(?:"
    + "|".join(map(re.escape, load_json_resource("lexicon", "headings.json")["appendix"]))
    + r")(?:清单|目录|汇编)?\s*(?:[（(][^（）()]*[）)])?\s*[:：]?\s*$")


@dataclass(slots=True)
class Sheet:
    """One page of the appendix: its file, its place there (1 for the first), its text layer's lines."""

    file: Path
    place: int
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OcrPage:
    """A page read by OCR: its lines top to bottom (those read surely enough), the share of its
    characters read that surely, and the lines left out as unsure."""

    lines: list[str]
    sure: float
    unsure: int


class Appendix:
    """The appendix's files opened once: their sheets in order, and a sheet's image read on request."""

    def __init__(self, files: list[Path]) -> None:
        import pypdfium2 as pdfium

        self._documents: dict[Path, pdfium.PdfDocument] = {}
        self.sheets: list[Sheet] = []
        for path in files:
            document = self._open(path)
            self._documents[path] = document
            for place, page in enumerate(document, start=1):
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                self.sheets.append(Sheet(path, place, [line.strip() for line in text.splitlines() if line.strip()]))

    def _open(self, path: Path):
        import pypdfium2 as pdfium

        limits = pdf_limits(str(path))
        name = path.name
        if path.suffix.lower() in WORD:
            from reportcheck.readers.convert import convert_to_pdf

            data: bytes | Path = convert_to_pdf(path, path.suffix.lower())
        elif path.suffix.lower() == ".pdf":
            if path.stat().st_size > limits.max_mb * 2**20:
                raise UnreadableInput(str(path), "too_large", f"佐证材料“{name}”超过{limits.max_mb:g}MB",
                                      f"the appendix {name} is larger than {limits.max_mb:g} MB")
            data = path
        else:
            raise UnreadableInput(str(path), "unsupported", f"佐证材料“{name}”不是PDF或Word文件",
                                  f"the appendix {name} is neither PDF nor a Word file")
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            raise UnreadableInput(str(path), "bad_pdf", f"佐证材料“{name}”无法打开（文件可能已损坏或设有密码）",
                                  f"the appendix {name} cannot be opened") from None
        if len(document) > limits.max_pages:
            raise UnreadableInput(str(path), "too_many_pages", f"佐证材料“{name}”超过{limits.max_pages}页",
                                  f"the appendix {name} has too many pages")
        return document

    def read_by_ocr(self, sheet: Sheet, number: int, of: int) -> OcrPage:
        """The sheet's image read by OCR (the ``number``-th page so read, of ``of``: its supervisor gives it
        the time a scanned page has). Raises :class:`OcrMissing` without the OCR extra."""
        import numpy as np

        from reportcheck.readers.ocr_engine import detect_and_recognise
        from reportcheck.runtime import ocr_progress

        page = self._documents[sheet.file][sheet.place - 1]
        ocr_progress.page_begun(number, of, pdf_limits(str(sheet.file)).ocr_page_seconds)
        image = np.ascontiguousarray(page.render(scale=_DPI / 72, grayscale=True).to_numpy())
        found = sorted(detect_and_recognise(image), key=lambda line: (line[0][1], line[0][0]))
        total = sum(len(text) for _, text, _ in found)
        sure = [text for _, text, conf in found if conf >= _SURE]
        return OcrPage(sure, sum(map(len, sure)) / total if total else 0.0, len(found) - len(sure))

    def thumbnail(self, sheet: Sheet) -> str:
        """A small grey picture of the sheet (JPEG, base64): enough to see what kind of page it is."""
        import base64
        import io

        page = self._documents[sheet.file][sheet.place - 1]
        picture = page.render(scale=_THUMBNAIL_DPI / 72, grayscale=True).to_pil()
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=60)
        return base64.b64encode(out.getvalue()).decode("ascii")

    def close(self) -> None:
        for document in self._documents.values():
            document.close()
