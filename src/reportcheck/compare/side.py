"""One version of a report read for comparing: its typed report and, for a PDF, its page count and the
seal and signatures on its declaration page.

A PDF is read once into its layout, which gives both the report (the steps of
:func:`reportcheck.pipeline.load_report`: read, normalise, extract) and the pages the declaration
stands on; a Word file or a data sheet goes through ``load_report`` as ``check`` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportcheck.compare.result import SignatureCheck, StampCheck
from reportcheck.errors import UnreadableInput
from reportcheck.layout import Document
from reportcheck.model import Report
from reportcheck.outcome import internal_error

Format = Literal["word", "pdf", "sheet"]
FORMAT_ZH: dict[str, str] = {"word": "Word", "pdf": "PDF", "sheet": "数据表"}
_NO_LIBRARIES = "无法检查印章和签字：缺少 numpy/opencv（pip install 'reportcheck[ocr]'）"


@dataclass(slots=True, kw_only=True)
class Side:
    path: str
    format: Format
    report: Report
    pages: int | None = None
    """a PDF's page count"""
    stamp: StampCheck | None = None
    """a PDF's declaration page; None for Word files and data sheets, which carry no seal"""


def read_side(path: str) -> Side | UnreadableInput:
    """Read one version; an unreadable file (or a bug while reading) is returned as the reason, so a
    child process can send it back (:func:`reportcheck.commands.limited.call_limited`)."""
    try:
        return _read(Path(path))
    except UnreadableInput as exc:
        return exc
    except Exception as exc:  # never a traceback for the user
        return internal_error(path, exc)


def _read(path: Path) -> Side:
    from reportcheck.readers.sniff import sniff

    kind = sniff(path)
    if kind != "pdf":
        from reportcheck.pipeline import load_report

        return Side(path=str(path), format="sheet" if kind == "xlsx" else "word", report=load_report(path))
    from reportcheck.extract.report import extract
    from reportcheck.normalize.text import normalize_document
    from reportcheck.readers import read_document

    doc = normalize_document(read_document(path))
    report = extract(doc)
    return Side(path=str(path), format="pdf", report=report, pages=_page_count(path), stamp=check_stamp(path, doc))


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def check_stamp(path: Path, doc: Document) -> StampCheck:
    """The seals and signatures on the declaration page of a PDF read into ``doc``. What cannot be
    looked at (no declaration found, no image libraries, a page that does not render) is said in
    ``note`` with ``checked`` False — a doubt, never a missing seal."""
    from reportcheck.compare.declaration import find_declaration

    place = find_declaration(doc)
    if place is None:
        return StampCheck(note="未找到真实性声明所在页，无法检查印章和签字")
    if place.page in doc.half_pages:
        return StampCheck(page=place.page, note=f"真实性声明在第{place.page}页，是两页并排扫描在一张纸上的半页，"
                                                "无法检查印章和签字，请对照原件")
    try:
        from reportcheck.compare.stamp import find_seals, find_signature, render_page, signature_zones

        page = render_page(path, place.page)
        seals = len(find_seals(page))
        if place.signatures:
            zones = signature_zones([s.bbox for s in place.signatures], page.width_pt)
            signatures = [SignatureCheck(label=s.text, found=find_signature(page, zone))
                          for s, zone in zip(place.signatures, zones, strict=True)]
        else:
            signatures = [SignatureCheck(label="声明页", found=find_signature(page))]
    except ImportError:
        return StampCheck(page=place.page, note=_NO_LIBRARIES)
    except Exception as exc:  # a page pdfium cannot render: say so, the comparison goes on
        return StampCheck(page=place.page, note=f"无法检查印章和签字：第{place.page}页无法渲染（{type(exc).__name__}）")
    return StampCheck(page=place.page, checked=True, seals=seals, seal_labels=place.seal_places,
                      signatures=signatures)
