"""Two pages side by side on one landscape sheet are found by their gutter, and nothing else is: a landscape page
of one wide table, a portrait page scanned sideways, one portrait page. On renders of a sample report's pages
(the whole reading of such sheets is held by tests/test_scan_variants.py, transforms two_up and two_up_a3)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import SAMPLES
from reportcheck.readers.scan_image import rotate
from reportcheck.readers.scan_two_up import LOOK_DPI, halves, page_scale


@pytest.fixture(scope="module")
def pages() -> list[np.ndarray]:
    pdf = pdfium.PdfDocument(str(SAMPLES / "pdf" / "prelim_advanced_split_clean.pdf"))
    try:
        return [page.render(scale=LOOK_DPI / 72, grayscale=True).to_numpy().copy() for page in pdf]
    finally:
        pdf.close()


def _side_by_side(left: np.ndarray, right: np.ndarray | None, gutter: int = 0) -> np.ndarray:
    h, w = left.shape
    sheet = np.full((h, 2 * w + gutter), 255, np.uint8)
    sheet[:, :w] = left
    if right is not None:
        sheet[:, w + gutter:] = right
    return sheet


def test_two_pages_side_by_side_split_at_the_gutter_between_them(pages: list[np.ndarray]) -> None:
    sheet = _side_by_side(pages[2], pages[3])
    gutter = halves(sheet)
    assert gutter is not None and gutter[0] < 0.5 < gutter[1]


def test_a_sheet_laid_two_degrees_askew_still_splits(pages: list[np.ndarray]) -> None:
    assert halves(rotate(_side_by_side(pages[2], pages[3]), 2.0)) is not None


def test_an_odd_last_page_alone_on_the_left_is_read_as_its_page(pages: list[np.ndarray]) -> None:
    gutter = halves(_side_by_side(pages[-1], None))
    assert gutter is not None and gutter[1] <= 0.6


def test_a_landscape_page_of_one_wide_table_is_one_page(pages: list[np.ndarray]) -> None:
    page = pages[2]  # table rows across the whole page, stretched to a landscape page's width
    wide = cv2.resize(page, (round(page.shape[0] * 1.414), page.shape[0]), interpolation=cv2.INTER_AREA)
    assert halves(wide) is None


def test_a_portrait_page_scanned_sideways_is_left_to_be_turned() -> None:
    pdf = pdfium.PdfDocument(str(SAMPLES / "pdf" / "prelim_sme_merged_messy.pdf"))
    try:  # its cover page: lines far apart, so a clear band runs across the page between two of them
        cover = pdf[0].render(scale=LOOK_DPI / 72, grayscale=True).to_numpy().copy()
    finally:
        pdf.close()
    assert halves(np.ascontiguousarray(np.rot90(cover))) is None


def test_a_portrait_page_is_one_page(pages: list[np.ndarray]) -> None:
    assert halves(pages[2]) is None


def test_a_half_of_an_a4_sheet_is_read_larger_and_of_an_a3_sheet_as_it_is() -> None:
    assert page_scale(595.0) == pytest.approx(842 / 595)
    assert page_scale(842.0) == 1.0


@pytest.mark.parametrize(("dpi", "seed"), [(200, 3), (300, 1)])
def test_a_scanned_landscape_table_whose_rules_are_pale_when_looked_at_small_is_one_page(
        tmp_path: Path, dpi: int, seed: int) -> None:
    """W10's 园区主要经济指标 on a landscape page, through the variants' scanner: its thin rules across, averaged
    at the size the sheet is looked at, are paler than print; taken for paper, a gap between two columns of
    its text passed for a gutter and the table was cut in two (its 2021 figures lost, nine D002 warnings)."""
    from reportcheck.readers import scan_two_up
    from reportcheck.readers.scan_page import _two_pages
    from variants import scans

    source = scans._Source(SAMPLES / "external" / "W10.pdf")
    try:
        page = source.pages[6]
        rng = np.random.default_rng(seed)
        grain, chroma = scans._sensor(source, rng, dpi)
        angle, shift = scans._skew(rng)
        scanned = scans._scan(scans._paper(source.grey(6, dpi)), rng, angle, shift, grain, chroma)
        scans._write_pdf(tmp_path / "w10.pdf", [scans._jpeg(scanned, 75, dpi, page.width, page.height)], "w10", "x")
    finally:
        source.close()
    pdf = pdfium.PdfDocument(str(tmp_path / "w10.pdf"))
    try:
        look = pdf[0].render(scale=scan_two_up.LOOK_DPI / 72).to_numpy()[:, :, :3]
    finally:
        pdf.close()
    assert look.shape[1] > look.shape[0]  # the page is landscape
    assert _two_pages(np.ascontiguousarray(look)) is None
