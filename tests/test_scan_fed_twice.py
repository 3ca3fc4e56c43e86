"""A sheet scanned twice (a feeder's double feed retried, a stack put back): the page is read once and said
once (X023), so its list rows are not entries twice; pages that only say much the same (a self-evaluation
that repeats its sentences, page after page) are each read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium

from conftest import NEEDS_OCR, SAMPLES, report_of
from reportcheck.readers.fed_twice import pages_fed_twice
from reportcheck.readers.pdf_page import PageContent, PageTable
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


def _as_read_by_ocr(path: Path, table: bool) -> list[PageContent]:
    """The pages of a text PDF as OCR would give them: their words, each page marked read by OCR, and (``table``)
    as holding a table of one cell round the page."""
    pdf = pdfium.PdfDocument(path)
    pages = []
    for i, page in enumerate(pdf, start=1):
        text = page.get_textpage().get_text_range()
        words = [{"text": line} for line in text.split()]
        box = (0.0, 0.0, page.get_width(), page.get_height())
        tables = [PageTable(box, [box])] if table else []
        pages.append(PageContent(i, page.get_height(), words, tables, [], len(text), 0, by_ocr=True))
    return pages


def test_pages_of_a_self_evaluation_that_repeats_its_sentences_are_not_repeats() -> None:
    """prelim_sme_merged_defects' self-evaluation says its eight sentences over for pages on end: each page
    holds the same sentences, begun where the one before stopped. Told by where they begin and end, even
    were each page a table's; the same page again is a repeat."""
    pages = _as_read_by_ocr(SAMPLES / "pdf" / "prelim_sme_merged_defects.pdf", table=True)
    assert pages_fed_twice(pages) == {}
    again = [*pages[:9], replace(pages[8], number=10), *[replace(p, number=p.number + 1) for p in pages[9:]]]
    assert pages_fed_twice(again) == {10: 9}


def test_pages_of_prose_alike_word_for_word_are_each_read() -> None:
    """final_advanced_split_defects' self-evaluation is padded by its sentences said over, a page's worth at a
    time: pages 19 to 21 are one another's very words. Prose read twice is only longer; each page is read."""
    pages = _as_read_by_ocr(SAMPLES / "pdf" / "final_advanced_split_defects.pdf", table=False)
    assert "".join(w["text"] for w in pages[18].words) == "".join(w["text"] for w in pages[19].words)
    assert pages_fed_twice(pages) == {}


def test_a_page_read_again_with_a_figure_otherwise_is_kept() -> None:
    """The same table page again but with one figure otherwise (a corrected page put in beside the first, or a
    digit OCR read otherwise): both readings are kept for the checks to weigh, not one dropped as a repeat."""
    pages = _as_read_by_ocr(SAMPLES / "pdf" / "prelim_sme_merged_defects.pdf", table=True)
    words = [dict(w) for w in pages[1].words]
    figure = next(i for i, w in enumerate(words) if w["text"].replace(".", "").isdigit() and len(w["text"]) >= 3)
    same = replace(pages[1], number=3)
    words[figure]["text"] = str(int(words[figure]["text"].replace(".", "")) + 1200)
    otherwise = replace(pages[1], number=3, words=words)
    assert pages_fed_twice([pages[0], pages[1], same]) == {3: 2}
    assert pages_fed_twice([pages[0], pages[1], otherwise]) == {}
