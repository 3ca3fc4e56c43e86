"""What looks like a light rule on a scanned page and is none (``readers/scan_faint``, ``readers/scan_folds``), on
pages drawn here at 200 dpi: a faint crease through a table's empty row, stripes in a header row's grey fill (a
screen's moiré), and a three-line table's rules and a running header's rule reaching past the print into the
margins. Each table keeps exactly the rules it was drawn with."""

from __future__ import annotations

import math

import cv2
import numpy as np

from reportcheck.readers.scan_folds import folds
from reportcheck.readers.scan_image import _local_ink, prepare

_H, _W = 2339, 1654  # A4 at 200 dpi


def _page() -> np.ndarray:
    return np.full((_H, _W), 250, np.uint8)


def _words(page: np.ndarray, x0: int, x1: int, y0: int, y1: int, step: int = 45) -> None:
    for y in range(y0, y1, step):
        for x in range(x0, x1 - 90, 90):
            cv2.putText(page, "Ab12", (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 20, 2, cv2.LINE_AA)


def _grid(page: np.ndarray, ys: list[int], xs: list[int]) -> None:
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 2)


def _rules_across(page: np.ndarray, top: int, bottom: int) -> list[int]:
    prepared = prepare(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR))
    return sorted(round(s.pos) for s in prepared.segments if s.horizontal and top <= s.pos <= bottom)


def test_a_faint_crease_through_a_tables_empty_row_parts_no_row() -> None:
    page = _page()
    _words(page, 150, 1500, 150, 600)
    ys, xs = list(range(700, 1300, 60)), [200, 600, 1000, 1450]
    _grid(page, ys, xs)
    for y in ys[:-1]:
        if y != 1060:  # the row the crease runs through is empty
            for x in xs[:-1]:
                cv2.putText(page, "Ab12", (x + 30, y + 40), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 20, 2, cv2.LINE_AA)
    _words(page, 150, 1500, 1400, 2200)
    middle = 1090 + (np.arange(_W) - _W / 2) * math.tan(math.radians(0.2))
    away = np.arange(_H, dtype=np.float32)[:, None] - middle[None, :]
    for depth in (0.06, 0.1, 0.15):  # too light for the ink, and as light as a grey rule
        creased = np.clip(page * (1 - depth * np.exp(-away ** 2 / 2)), 0, 255).astype(np.uint8)
        found = _rules_across(creased, 650, 1350)
        assert len(found) == len(ys) and all(min(abs(f - y) for y in ys) <= 2 for f in found), (depth, found)


def test_stripes_in_a_header_rows_fill_are_no_rules() -> None:
    page = _page()
    _words(page, 150, 1500, 150, 350)
    ys, xs = [400, 470, 530, 590], [200, 700, 1200, 1450]
    stripes = np.arange(400, 470)[:, None]
    page[400:470, 200:1450] = np.clip(205 + 8 * np.cos(2 * np.pi * stripes / 6), 0, 255).astype(np.uint8)
    _grid(page, ys, xs)
    _words(page, 150, 1500, 700, 2100)
    found = _rules_across(page, 380, 610)
    assert len(found) == len(ys) and all(min(abs(f - y) for y in ys) <= 2 for f in found), found


def test_rules_reaching_past_the_print_into_the_margins_are_no_folds() -> None:
    page = _page()
    _words(page, 450, 1200, 300, 500)
    for y, grey in ((180, 170), (600, 175), (660, 175), (1000, 175)):  # a running header's rule; a three-line table
        cv2.line(page, (150, y), (1500, y), grey, 2)
    _words(page, 450, 1200, 700, 980, 50)
    prepared = prepare(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR))
    assert not folds(_local_ink(prepared.grey).astype(np.uint8), prepared.grey).any()
    assert len([s for s in prepared.segments if s.horizontal and s.b - s.a > 1000]) == 4
