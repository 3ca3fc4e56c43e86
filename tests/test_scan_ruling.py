"""How a scanned page's ruling lines are told from its text (``readers/scan_ruling``), on pages drawn here
with the one habit each test is about: lines printed as dots (a copy through a copier's screen), a row of
characters whose bottom strokes run together into a line, a column line that stops at rows spanning the
table, a label that fills its merged cell down to the rule between two rows."""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2 as pdfium

from conftest import SAMPLES
from reportcheck.readers.pdf_reader import _rows_of_lost_rules
from reportcheck.readers.scan_image import prepare
from reportcheck.readers.scan_ruling import Segment, _dashed, _text_bottoms_apart, _uncrossed

_LEFT, _RIGHT, _TOP, _ROW = 200, 1400, 400, 80
_COLUMNS = (700, 1000)


def _dotted_table(rows: int = 8, seed: int = 3) -> np.ndarray:
    """An A4 page at 200 dpi with a table whose lines are dots two pixels long two apart, wavering a pixel
    either way, as a coarse screen prints a thin rule; a figure in each cell."""
    rng = np.random.default_rng(seed)
    page = np.full((2339, 1654), 250, np.uint8)
    bottom = _TOP + rows * _ROW
    for x in (_LEFT, *_COLUMNS, _RIGHT):
        for y in range(_TOP, bottom, 4):
            dx = int(rng.integers(-1, 2))
            page[y:y + 2, x + dx - 1:x + dx + 1] = 60
    for r in range(rows + 1):
        y = _TOP + r * _ROW
        for x in range(_LEFT, _RIGHT, 4):
            dy = int(rng.integers(-1, 2))
            page[y + dy - 1:y + dy + 1, x:x + 2] = 60
    for r in range(rows):
        for x0 in (_LEFT, *_COLUMNS):
            cv2.putText(page, f"{r + 1}2.{r}", (x0 + 20, _TOP + r * _ROW + 55), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 40, 3)
    return cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)


def _covered(segments: list[Segment], x: float, top: float, bottom: float) -> float:
    """Share of ``top``..``bottom`` that lines down at ``x`` cover."""
    spans = [(max(s.a, top), min(s.b, bottom)) for s in segments if not s.horizontal and abs(s.pos - x) <= 4]
    return sum(max(0.0, b - a) for a, b in spans) / (bottom - top)


def test_column_lines_printed_as_dots_are_found_from_top_to_bottom() -> None:
    prepared = prepare(_dotted_table())
    bottom = _TOP + 8 * _ROW
    for x in _COLUMNS:
        assert _covered(prepared.segments, x, _TOP, bottom) >= 0.9, f"column at x={x} lost"


def test_a_row_of_bottom_strokes_just_above_a_rule_is_no_line_but_a_double_border_is_two() -> None:
    rule = Segment(True, 531.0, 218.0, 1446.0)
    strokes = Segment(True, 522.0, 552.0, 748.0)  # 上工业 on a blurred copy, 9 px above the rule
    next_rule = Segment(True, 571.0, 218.0, 1446.0)  # a row further down: a rule of its own
    lines, bottoms = _text_bottoms_apart([rule, strokes, next_rule])
    assert bottoms == [strokes] and lines == [rule, next_rule]
    double = [Segment(True, 400.0, 200.0, 1400.0), Segment(True, 404.0, 200.0, 1400.0)]
    assert _text_bottoms_apart(double) == (double, [])


def test_lines_ending_at_a_column_are_no_border_across_the_rows_that_span_it() -> None:
    # rules of 企业数量's rows start at the column x = 434; the rows of 上市和挂牌 and 获得两化 span the table
    run = [Segment(True, y, 434.0, 1446.0) for y in (493.0, 531.0, 730.0, 890.0)]
    spanning = [Segment(True, y, 217.0, 1446.0) for y in (573.0, 653.0)]
    assert _uncrossed(run, "a", run + spanning) == [run[:2], run[2:]]
    assert _uncrossed(run, "a", run) == [run]


def _word(text: str, top: float) -> dict:
    return {"text": text, "x0": 80.0, "x1": 150.0, "top": top, "bottom": top + 10.0, "conf": 0.9}


def test_a_label_filling_its_merged_cell_stays_whole_where_its_phrase_goes_on_over_a_row() -> None:
    box, ys = (78.0, 292.0, 156.0, 349.0), [292.0, 320.5, 349.0]
    label = [_word("专精特新企", 294.0), _word("业数量（需", 307.0), _word("提供佐证材", 322.0), _word("料）", 335.0)]
    assert [part[0] for part in _rows_of_lost_rules(box, label, ys)] == [0]
    two_rows = [_word("上交税金总额", 294.0), _word("进口总额", 322.0)]  # the rule between them lost
    assert [part[0] for part in _rows_of_lost_rules(box, two_rows, ys)] == [0, 1]


def _tilted(binary: np.ndarray, y: int, every: int) -> None:
    """A line two pixels thick from x = 200 to 1400, falling 6 pixels on its way (a skew of 0.3°, less than
    a page is turned by), drawn on ``every`` pixel along it in 2 (solid) or 4 (half gaps)."""
    for x in range(200, 1400):
        if (x // 2) % (every // 2) == 0:
            dy = round(6 * (x - 200) / 1200)
            binary[y + dy:y + dy + 2, x] = 1


def test_a_rule_left_a_little_tilted_is_a_line_and_a_garbled_fax_scan_line_as_tilted_is_not() -> None:
    binary = np.zeros((600, 1654), np.uint8)
    _tilted(binary, 100, every=2)  # a rule the deskew left at 0.3°: taller than a line draws, yet solid
    _tilted(binary, 400, every=4)  # a fax's scan line garbled to dashes, as tilted
    mask, _ = _dashed(binary, 66)
    assert mask[95:115].any(), "the tilted rule was lost"
    assert not mask[395:415].any(), "a garbled scan line taken for a rule"


def _table_with_faint_last_row(stroke_row: bool) -> tuple[np.ndarray, int, int]:
    """A page at 200 dpi: a table of one-line rows (37 px) in dark rules, its column line at ``_COLUMNS[1]``
    printed faint (grey 165) in the last row, as a photo's shadow leaves it, and the page a little blurred.
    With ``stroke_row``, a row spanning the columns below holds a character at that x (工) whose bars come
    within 4 px of the rules. Returns the page and the last row's top and bottom."""
    page = np.full((2339, 1654), 250, np.uint8)
    row, rows = 37, 6
    bottom = _TOP + rows * row
    for r in range(rows + 1):
        page[_TOP + r * row - 1:_TOP + r * row + 1, _LEFT:_RIGHT] = 40
    for x in (_LEFT, _COLUMNS[0], _RIGHT):
        page[_TOP:bottom, x - 1:x + 1] = 40
    page[_TOP:bottom - row, _COLUMNS[1] - 1:_COLUMNS[1] + 1] = 40
    page[bottom - row:bottom, _COLUMNS[1] - 1:_COLUMNS[1] + 1] = 165
    if stroke_row:
        page[bottom:bottom + row + 1, _LEFT - 1:_LEFT + 1] = page[bottom:bottom + row + 1, _RIGHT - 1:_RIGHT + 1] = 40
        page[bottom + row - 1:bottom + row + 1, _LEFT:_RIGHT] = 40
        x = _COLUMNS[1]  # 工, its bars 4 px off the rules: no paper between, but strokes across
        page[bottom + 4:bottom + row - 4, x - 1:x + 1] = 40
        page[bottom + 4:bottom + 6, x - 12:x + 12] = page[bottom + row - 6:bottom + row - 4, x - 12:x + 12] = 40
    for r in range(rows):
        cv2.putText(page, f"{r + 3}1.{r}", (_LEFT + 20, _TOP + r * row + 28), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 40, 2)
    page = cv2.GaussianBlur(page, (0, 0), 1.5)
    return cv2.cvtColor(page, cv2.COLOR_GRAY2BGR), bottom - row, bottom


def test_a_column_line_a_photo_left_faint_in_the_last_row_is_found_and_a_stroke_under_it_is_not() -> None:
    """Next to a dark rule across, a faint column line's pixels are no ink to a threshold taken round them
    (the rule darkens their surroundings): the one-row line stopped short of both rules and was dropped, and
    the last row's two figures were read as one (8680 and 7.3 as 86807.3). A character at the same x in a
    spanning row below, whose strokes across come as near the rules, stays a character: a thin line has
    paper either side."""
    page, top, bottom = _table_with_faint_last_row(stroke_row=False)
    assert _covered(prepare(page).segments, _COLUMNS[1], top, bottom) >= 0.9
    page, top, bottom = _table_with_faint_last_row(stroke_row=True)
    segments = prepare(page).segments
    assert _covered(segments, _COLUMNS[1], top, bottom) >= 0.9
    assert _covered(segments, _COLUMNS[1], bottom, bottom + 37) == 0.0


def test_a_page_laid_four_and_a_half_degrees_askew_is_turned_straight():
    """A sheet put on the glass by hand and not squared (another hand's scans: 1.5° to 3.8°, page by page)."""
    pdf = pdfium.PdfDocument(str(SAMPLES / "pdf" / "prelim_advanced_split_clean.pdf"))
    rgb = np.asarray(pdf[0].render(scale=150 / 72).to_pil().convert("RGB"))
    pdf.close()
    h, w = rgb.shape[:2]
    turned = cv2.warpAffine(rgb[:, :, ::-1].copy(), cv2.getRotationMatrix2D((w / 2, h / 2), 4.5, 1.0), (w, h),
                            borderValue=(255, 255, 255))
    assert abs(abs(prepare(turned, streaks=False).angle) - 4.5) < 0.2
