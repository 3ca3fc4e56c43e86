"""A blue rubber stamp on a scanned table (``readers/scan_stamps``), on a page drawn here: a table's title row
with a 已审核 stamp pressed on it, straight or at a slant, its frame on the table's bold border and over the
thin rule under the row, and a figure written by hand in a ballpoint's blue in a cell below. The stamp goes
(its frame is no column line, its words no part of the title); the rules under it and the hand's figure stay."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from reportcheck.layout import Cell
from reportcheck.readers.pdf_reader import _repeats
from reportcheck.readers.scan_image import INK, prepare
from reportcheck.readers.scan_pen import pen_ink
from reportcheck.readers.scan_stamps import without_stamps

_LEFT, _RIGHT, _TOP, _ROW = 200, 1400, 400, 70
_COLUMN = 800
_RULE = 110  # grey of a thin rule as scanned: under the stamp's blue it turns blue too
# x0, y0, x1, y1: pressed on the table's top border (print hides its frame's top side) and reaching over the
# rule under the title row (its blue turns that thin rule blue)
_STAMP = (520, _TOP + 1, 720, _TOP + _ROW + 1)
_HAND = (900, _TOP + 2 * _ROW + 10, 1100, _TOP + 3 * _ROW - 10)
_STAMP_BLUE = np.array([180, 72, 36], np.float32)  # BGR: a stamp pad's blue
_PEN_BLUE = np.array([104, 38, 28], np.float32)  # BGR: a ballpoint's


def _pressed(page: np.ndarray, mask: np.ndarray, colour: np.ndarray) -> None:
    """Ink of ``colour`` laid over the page where ``mask`` is set: it darkens what is under it, as ink does."""
    page[mask] = (page[mask].astype(np.float32) * colour / 255).astype(np.uint8)


def _stamped_table(tilt: float = 0.0) -> np.ndarray:
    """The page, its stamp pressed ``tilt`` degrees off straight (as a hand presses it)."""
    page = np.full((2339, 1654, 3), 245, np.uint8)
    rows = 4
    for r in range(rows + 1):  # thin rules, scanned grey
        page[_TOP + r * _ROW:_TOP + r * _ROW + 2, _LEFT:_RIGHT] = _RULE
    page[_TOP - 3:_TOP + 6, _LEFT:_RIGHT] = 20  # the border, bold: straight, the stamp's top side is under it
    for x in (_LEFT, _RIGHT):
        page[_TOP:_TOP + rows * _ROW, x:x + 2] = _RULE
    page[_TOP + _ROW:_TOP + rows * _ROW, _COLUMN:_COLUMN + 2] = _RULE  # the title row spans the table
    cv2.putText(page, "2.1 TITLE", (_LEFT + 20, _TOP + 50), cv2.FONT_HERSHEY_SIMPLEX, 1.3, (20, 20, 20), 3)
    for r in (1, 2, 3):
        cv2.putText(page, f"{r}2.{r}", (_LEFT + 20, _TOP + r * _ROW + 50), cv2.FONT_HERSHEY_SIMPLEX, 1.3,
                    (20, 20, 20), 3)
    stamp = np.zeros(page.shape[:2], np.uint8)
    x0, y0, x1, y1 = _STAMP
    cv2.rectangle(stamp, (x0, y0), (x1, y1), 1, 5)
    cv2.putText(stamp, "OK", (x0 + 60, y1 - 18), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 1, 4)
    turn = cv2.getRotationMatrix2D(((x0 + x1) / 2, (y0 + y1) / 2), tilt, 1.0)
    stamp = cv2.warpAffine(stamp, turn, stamp.shape[::-1], flags=cv2.INTER_NEAREST)
    _pressed(page, stamp.astype(bool), _STAMP_BLUE)
    hand = np.zeros(page.shape[:2], np.uint8)
    cv2.putText(hand, "25", (_HAND[0] + 20, _HAND[3] - 8), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.5, 1, 3)
    _pressed(page, hand.astype(bool), _PEN_BLUE)
    return page


@pytest.mark.parametrize("tilt", [0.0, 6.0, -4.0])
def test_a_stamp_fades_to_paper_and_what_is_under_it_and_a_hands_figure_stay(tilt: float) -> None:
    bgr = _stamped_table(tilt)
    grey, pen = without_stamps(bgr, cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), pen_ink(bgr))
    x0, y0, x1, y1 = _STAMP
    inside = (slice(_TOP + 7, _TOP + _ROW - 2), slice(x0 - 12, x1 + 12))  # the title row round the stamp
    assert grey[inside].min() > INK, "the stamp's frame or words are still ink"
    under = grey[_TOP + _ROW:_TOP + _ROW + 2, x0 + 25:x1 - 25]
    assert (under < INK).mean() > 0.95, "the rule under the stamp was faded with it"
    hx0, hy0, hx1, hy1 = _HAND
    assert pen[hy0:hy1, hx0:hx1].sum() > 100, "the hand's figure was taken for a stamp"
    assert not pen[y0:y1, x0:x1 + 6].any(), "a stamped cell still counts as written on by hand"


@pytest.mark.parametrize("tilt", [0.0, 6.0])
def test_a_stamps_frame_is_no_column_line(tilt: float) -> None:
    prepared = prepare(_stamped_table(tilt), streaks=False)
    x0, _, x1, _ = _STAMP
    downs = [s for s in prepared.segments if not s.horizontal and s.a < _TOP + _ROW - 10]
    assert not [s for s in downs if x0 - 10 <= s.pos <= x1 + 10], downs
    across = [s for s in prepared.segments if s.horizontal and abs(s.pos - (_TOP + _ROW)) < 6]
    assert across and min(s.a for s in across) <= _LEFT + 5 and max(s.b for s in across) >= _RIGHT - 5


def _title_row(*texts: str) -> list[Cell]:
    return [Cell(text, table=0, row=0, col=i, colspan=1, confidence=0.9) for i, text in enumerate(texts)]


@pytest.mark.parametrize("next_page", [("2.1集群主要经济指标L_匕审核",), ("2.1 集群主要经济指标", "巴审核!")])
def test_a_stamped_title_row_repeated_on_the_next_page_is_the_repeat(next_page: tuple[str, ...]) -> None:
    """Word repeats a table's title row on each page; stamped beside the title on each page and scanned in
    black and white, the stamp's words and frame read otherwise each time (in one cell, or cut off by the
    frame read as a column line): still the repeated row, dropped, so the table goes on under its section.
    Another title, or a row of figures, is no repeat."""
    first = _title_row("2.1集群主要经济指标!已审核!")
    assert _repeats(_title_row(*next_page), first)
    assert not _repeats(_title_row("2.2集群企业培育情况!已审核!"), first)
    assert not _repeats(_title_row("2.1集群主要经济指标", "41.3"), first)
