"""The .docx reader on real files: spans resolved, nested tables in place, document order."""

from __future__ import annotations

from conftest import SAMPLES
from reportcheck.readers import read_document


def test_vertical_and_horizontal_spans_are_resolved():
    doc = read_document(SAMPLES / "prelim_advanced_merged_clean.docx")
    basic = doc.tables()[0]
    group = basic.rows[5][0]
    assert group.text == "集群促进组织" and group.rowspan == 3
    continued = basic.rows[6][0]
    assert continued.continued and continued.text == "集群促进组织"  # a row reads on its own
    assert basic.rows[0][1].colspan == 4 and basic.rows[0][1].col == 1


def test_nested_frame_tables_keep_their_place():
    doc = read_document(SAMPLES / "final_sme_split_messy.docx")
    nested = [t for t in doc.tables() if t.parent is not None]
    assert nested, "the sample frames chapters 1 and 3 in one-cell tables"
    assert any(c.text == "集 群 名 称" for t in nested for row in t.rows for c in row)


def test_years_are_read_from_the_header_not_assumed():
    from conftest import report_of

    report = report_of(SAMPLES / "prelim_sme_merged_messy.docx")
    assert report.years == ["2022", "2023"]
    assert set(report.indicator("revenue").values) == {"2022", "2023"}
