"""A sheet scanned twice (a feeder's double feed retried, a stack put back): the page is read once and said
once (X023), so its list rows are not entries twice; pages that only say much the same (a self-evaluation
that repeats its sentences, page after page) are each read."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from conftest import NEEDS_OCR, SAMPLES, report_of
from reportcheck.readers.fed_twice import pages_fed_twice
from reportcheck.readers.pdf_page import PageContent
from reportcheck.rules import run_rules

SCAN = SAMPLES / "scanned" / "prelim_advanced_merged_defects.scan.pdf"


def _with_page_twice(source: Path, page: int, out: Path) -> Path:
    """``source`` with its page ``page`` (1-based) scanned again right after it."""
    src, new = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    order = list(range(len(src)))
    new.import_pages(src, [*order[:page], page - 1, *order[page:]])
    new.save(out)
    return out


@NEEDS_OCR
def test_a_page_scanned_twice_is_read_once_and_said(tmp_path: Path) -> None:
    read = report_of(_with_page_twice(SCAN, 4, tmp_path / "twice.pdf"))
    word = report_of(SAMPLES / "prelim_advanced_merged_defects.docx")
    [said] = [i for i in read.extraction_issues if i.code == "X023"]
    assert said.location is not None and said.location.page == 5 and "第4页" in said.message
    assert {t.id: len(t.rows) for t in read.lists} == {t.id: len(t.rows) for t in word.lists}
    duplicates = [sorted(i.message for i in run_rules(r) if i.code == "CO009") for r in (read, word)]
    assert duplicates[0] == duplicates[1]  # no entry said twice but the report's own


def _as_read_by_ocr(path: Path) -> list[PageContent]:
    """The pages of a text PDF as OCR would give them: their words, each page marked read by OCR."""
    pdf = pdfium.PdfDocument(path)
    pages = []
    for i, page in enumerate(pdf, start=1):
        text = page.get_textpage().get_text_range()
        words = [{"text": line} for line in text.split()]
        pages.append(PageContent(i, page.get_height(), words, [], [], len(text), 0, by_ocr=True))
    return pages


def test_pages_of_a_self_evaluation_that_repeats_its_sentences_are_not_repeats() -> None:
    """prelim_sme_merged_defects' self-evaluation says its eight sentences over for pages on end: each page
    holds the same sentences, begun where the one before stopped."""
    pages = _as_read_by_ocr(SAMPLES / "pdf" / "prelim_sme_merged_defects.pdf")
    assert pages_fed_twice(pages) == {}
    again = [*pages[:9], PageContent(10, pages[8].height, pages[8].words, [], [], 0, 0, by_ocr=True)]
    assert pages_fed_twice(again) == {10: 9}
