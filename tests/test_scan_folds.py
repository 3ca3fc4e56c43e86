"""Folds in a scanned report's paper (``readers/scan_folds``), on real scans: the project's own scan of a sample
has none, so none of its rules is taken out as one; the same report folded in thirds (the ``folded`` transform)
has two on each page, found through the margins and taken out inside its tables; and a page cropped to its
print, with no margins to find one in, is read all the same."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import SAMPLES
from reportcheck.readers.scan_folds import folds
from reportcheck.readers.scan_image import _local_ink, prepare
from reportcheck.readers.scan_sheet import even_light
from variants.scans import make_scan_variant

CLEAN = SAMPLES / "scanned" / "prelim_advanced_merged_clean.scan.pdf"


def _pages(path: Path, count: int) -> list[np.ndarray]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [even_light(np.ascontiguousarray(pdf[i].render(scale=200 / 72).to_numpy()[:, :, :3]))
                for i in range(min(count, len(pdf)))]
    finally:
        pdf.close()


def _folds_on(page: np.ndarray) -> np.ndarray:
    grey = prepare(page).grey
    return folds(_local_ink(grey).astype(np.uint8), grey)


def _bands(mask: np.ndarray) -> list[tuple[int, int]]:
    """The rows (first, last) of each band of rows the mask is set in."""
    rows = np.flatnonzero(mask.any(axis=1))
    if not rows.size:
        return []
    breaks = np.flatnonzero(np.diff(rows) > 1)
    return [(int(group[0]), int(group[-1])) for group in np.split(rows, breaks + 1)]


def test_a_clean_scan_has_no_fold() -> None:
    for page in _pages(CLEAN, 4):
        assert not _folds_on(page).any()


@pytest.fixture(scope="module")
def folded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("folded") / "folded.pdf"
    make_scan_variant(SAMPLES / "pdf" / "final_advanced_merged_clean.pdf", "folded", out)
    return out


def test_a_report_folded_in_thirds_has_two_folds_a_page_where_it_was_folded(folded: Path) -> None:
    for page in _pages(folded, 3):
        mask = _folds_on(page)
        height = mask.shape[0]
        bands = _bands(mask)
        assert len(bands) == 2, bands
        for (first, last), share in zip(bands, (1 / 3, 2 / 3), strict=True):
            assert abs((first + last) / 2 / height - share) < 0.04  # creases near a third and two thirds down
            assert last - first < 0.03 * height  # a line (a degree at most off level), not a patch
        assert mask.any(axis=0).mean() > 0.9  # right across the page, through its tables


def test_a_page_cropped_to_its_print_is_read_without_margins_to_find_a_fold_in() -> None:
    page = _pages(CLEAN, 2)[1]
    grey = page.min(axis=2)
    rows, columns = np.flatnonzero((grey < 128).any(axis=1)), np.flatnonzero((grey < 128).any(axis=0))
    cropped = np.ascontiguousarray(page[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1])
    prepared = prepare(cropped)
    assert not folds(_local_ink(prepared.grey).astype(np.uint8), prepared.grey).any()
    assert sum(s.horizontal for s in prepared.segments) >= 10  # its table is read as before
