"""What follows a scanned figure's digits and is none of them (``readers/scan_figure_marks``): a footnote mark
raised after it, on a real scan of a report that marks its figures so and on glyphs drawn here for what must
not be taken for one; a speck of toner read as a point ending it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np
import pypdfium2 as pdfium

from conftest import NEEDS_LIBREOFFICE, NEEDS_OCR, SAMPLES
from reportcheck.pipeline import load_report
from reportcheck.readers.ocr_engine import ODD_CHAR, Reading
from reportcheck.readers.scan_figure_marks import figure_end, with_raised_mark
from reportcheck.readers.scan_image import Piece
from reportcheck.readers.scan_page import _without_trailing_specks


@NEEDS_LIBREOFFICE
@NEEDS_OCR
def test_a_scanned_figures_raised_footnote_mark_is_no_digit_of_it(tmp_path: Path) -> None:
    """Y02 marks 73.9¹ and 8719² in table 2.1. Scanned (its page printed by LibreOffice, taken at 300 dpi in
    grey), the recogniser read the marks as digits: 73.91 and 87192, each a doubt. Told by their glyphs, the
    scan's figures of the page are the Word file's, none of table 2.1 in doubt."""
    from reportcheck.readers.convert import convert_to_pdf

    word = SAMPLES / "external" / "Y02.docx"
    printed = tmp_path / "Y02.pdf"
    printed.write_bytes(convert_to_pdf(word, ".docx"))
    page = next(p for p in pdfium.PdfDocument(printed) if "集群从业人员数量" in p.get_textpage().get_text_range())
    scan = tmp_path / "Y02-page.pdf"
    page.render(scale=300 / 72, grayscale=True).to_pil().save(scan, resolution=300)
    got, want = load_report(scan), load_report(word)
    theirs = {(i.section, i.key): i.values for i in want.indicators}
    read = {(i.section, i.key): i for i in got.indicators}
    assert read[("2.1", "total_output")].values["2022"] == 73.9
    assert read[("2.1", "employees")].values["2022"] == 8719
    assert {k: i.values for k, i in read.items()} == {k: theirs[k] for k in read}
    assert not [i.doubts for (section, _), i in read.items() if section == "2.1" and i.doubts]


def _line(text: str, raised: bool) -> np.ndarray:
    """The ink of a figure drawn as a scan's line: ``text`` at full size, then (with ``raised``) a digit 2 at
    three fifths the size, its foot at half the digits' height."""
    ink = np.zeros((40, 200), np.uint8)
    cv2.putText(ink, text, (4, 32), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 1, 2)
    width = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.9, 2)[0][0]
    if raised:
        cv2.putText(ink, "2", (width + 8, 20), cv2.FONT_HERSHEY_SIMPLEX, 0.55, 1, 2)
    return ink.astype(bool)


def test_a_raised_last_digit_is_a_mark_and_a_last_digit_on_the_line_is_not() -> None:
    assert with_raised_mark("87192", _line("8719", raised=True)) == "8719²"
    assert with_raised_mark("73.92", _line("73.9", raised=True)) == "73.9²"
    assert with_raised_mark("87192", _line("87192", raised=False)) == "87192"
    assert with_raised_mark("73.92", _line("73.92", raised=False)) == "73.92"


def test_a_speck_after_a_figure_whose_last_digits_run_together_is_no_mark() -> None:
    """A dark copy's 20.99: its 99 one glyph, a speck of toner after it — as many glyphs as characters, the
    last small and above the foot. A speck is no digit, however small a mark is: 20.99 stays."""
    ink = _line("20.99", raised=False)
    gap = [c for c in range(ink.shape[1]) if not ink[:, c].any() and ink[:, :c].any() and ink[:, c:].any()][-1]
    ink[20:24, gap - 3:gap + 3] = True  # the two 9s touch
    ink[14:17, 90:93] = True
    assert with_raised_mark("20.99", ink) == "20.99"


def test_glyphs_that_do_not_match_the_characters_read_change_nothing() -> None:
    """The recogniser read the figure without its mark (8719): its last digit is no mark though a raised
    glyph follows it; a label is never a figure."""
    assert with_raised_mark("8719", _line("8719", raised=True)) == "8719"
    assert with_raised_mark("P36-38", _line("8719", raised=True)) == "P36-38"


def _printed(text: str, speck: bool) -> SimpleNamespace:
    """A line of print as a prepared scan holds it (``grey`` and its ``ink``): ``text`` in dark grey, and with
    ``speck`` a blot of toner after it, under half a digit's height, off its foot."""
    grey = np.full((44, 220), 255, np.uint8)
    cv2.putText(grey, text, (6, 34), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 30, 2, cv2.LINE_AA)
    if speck:
        right = int(np.flatnonzero((grey < 150).any(axis=0))[-1])
        grey[22:26, right + 7:right + 11] = 40
    return SimpleNamespace(grey=grey, ink=grey < 150)


@NEEDS_OCR
def test_a_speck_read_as_a_point_ending_a_figure_is_read_again_without_it() -> None:
    """A dark copy's 205 with a speck after it was read 205. at 55 %: no figure, in doubt. Read again from
    its digits' ink alone, it is 205. A figure whose last digit the first reading missed (205.5 read 205.)
    is read again whole, and not taken: the reading stays as it was."""
    for text, first, want in (("205", "205.", "205"), ("205.5", "205.", "205.")):
        page = _printed(text, speck=text == "205")
        piece = Piece(0, 0, page.grey.shape[1], page.grey.shape[0])
        got = _without_trailing_specks(page, [piece], [Reading(first, 0.55, 0.8, 0.55)], ODD_CHAR)  # type: ignore[arg-type]
        assert got[0].text == want


def test_where_a_figure_read_with_a_point_at_its_end_ends_in_ink() -> None:
    page = _printed("205", speck=True)
    digits_end = int(np.flatnonzero(_printed("205", speck=False).ink.any(axis=0))[-1]) + 1
    assert figure_end("205.", page.ink) == digits_end
    assert figure_end("205", page.ink) is None and figure_end("第205.", page.ink) is None
