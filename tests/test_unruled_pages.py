"""A scanned page whose table rows were read without their lines (a photographed sheet bent or tilted):
the reader counts such rows, and the report says the page once (D010) and counts no list on it.

The reader's count is held to lines of words as the OCR gives them; the report's part to the stamped scan
of a sample, read by OCR, with the page holding the key projects list taken as one that lost its grid."""

from __future__ import annotations

from conftest import NEEDS_OCR, SCANNED
from reportcheck.extract.report import extract
from reportcheck.normalize.text import normalize_document
from reportcheck.readers import read_document
from reportcheck.readers.scan_page import rows_unruled
from reportcheck.rules import run_rules


def _word(text: str, x0: float, top: float, width: float = 60.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 10}


def test_loose_lines_in_pieces_or_crossed_by_lines_down_are_table_rows() -> None:
    prose = [_word("集群发展总体情况良好，产业基础不断夯实。", 50, 100 + 14 * i, 400) for i in range(6)]
    row = ("麓谷激光雷达科技有限公司", "40000", "2022-2024")
    pieces = [_word(t, x, 300 + 14 * i) for i in range(3) for t, x in zip(row, (50, 220, 300), strict=True)]
    crossed = [_word(t, x, 400) for t, x in (("浏河车联网科技有限公司", 50), ("31000", 220))]
    down = [{"x0": x, "top": 280, "bottom": 420} for x in (200, 210)]
    assert rows_unruled(prose, down) == 0
    assert rows_unruled(pieces + crossed, down) == 4
    assert rows_unruled(crossed, []) == 0  # two pieces, no line down through them: a label and its value


@NEEDS_OCR
def test_a_page_whose_rows_lost_their_lines_is_said_once_and_its_lists_are_not_counted() -> None:
    scan = SCANNED / "final_advanced_merged_clean.scan.pdf"
    doc = normalize_document(read_document(scan))
    assert doc.unruled_pages == []  # a flat, straight scan has none
    whole = extract(doc)
    page = max(r.location.page for r in whole.list_table("key_projects").rows if r.location)  # it runs on to
    doc.unruled_pages = [page]
    read = extract(doc)
    [said] = [i for i in read.extraction_issues if i.code == "D010"]
    assert f"第{page}页" in said.message and said.severity == "warning"
    assert all("row" in row.doubts for row in read.list_table("key_projects").rows)
    assert all("row" in ind.doubts for ind in read.indicators if ind.location and ind.location.page == page)
    on_page = [i for i in whole.extraction_issues if i.code == "D004" and i.location and i.location.page == page]
    assert not [i for i in read.extraction_issues if i in on_page]  # folded into the one finding
    codes = {i.code for i in run_rules(read) if i.field and "重点项目" in i.field}
    assert not codes & {"CO010"}, codes


