"""Doubt is not an error: what the reader is not sure of is said as a doubt, and no rule rests on it.

Each test edits a bundled sample with python-docx the way an applicant might and checks the doubt
that results and the findings that must not."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Cm

from conftest import SAMPLES
from reportcheck.pipeline import load_report
from reportcheck.rules import run_rules

CLEAN = SAMPLES / "prelim_advanced_split_clean.docx"


def _table_with(doc, label: str):
    for table in doc.tables:
        if any(row.cells[0].text.startswith(label) for row in table.rows):
            return table
    raise AssertionError(label)


def _row(table, label: str):
    return next(row for row in table.rows if row.cells[0].text.startswith(label))


def _with_column(header: str, value: str, tmp_path: Path, name: str) -> Path:
    """The clean sample with a column added to table 2.1: ``header`` over ``value`` in every row."""
    doc = Document(str(CLEAN))
    table = _table_with(doc, "集群总产值")
    table.add_column(Cm(2))
    table.rows[0].cells[-1].text = header
    for row in table.rows[1:]:
        row.cells[-1].text = value
    path = tmp_path / name
    doc.save(str(path))
    return path


def _codes(path: Path) -> list[tuple[str, str | None, str]]:
    return [(i.code, i.field, i.severity) for i in run_rules(load_report(path))]


def test_two_columns_for_one_year_are_a_doubt_not_an_error(tmp_path):
    path = _with_column("2022年", "9999.9", tmp_path, "two_2022_columns.docx")
    report = load_report(path)
    total = report.indicator("total_output")
    assert total.doubts["2022"] == "两列对应同一数值"
    codes = _codes(path)
    assert ("D002", "集群总产值", "warning") in codes
    assert not [c for c in codes if c[2] == "error"], "no error may rest on a figure read in doubt"
    assert not [c for c in codes if c[0] == "AR001"]


def test_a_label_only_nearly_the_template_s_is_read_but_not_judged(tmp_path):
    doc = Document(str(CLEAN))
    row = _row(_table_with(doc, "集群企业营业收入"), "集群企业营业收入")
    row.cells[0].text = "集群企业营业收(亿元)"
    row.cells[2].text = "93.0"  # below the 100亿 threshold: must not become an EL001 error
    path = tmp_path / "near_label.docx"
    doc.save(str(path))
    revenue = load_report(path).indicator("revenue")
    assert revenue is not None and revenue.values["2022"] == 93.0 and "row" in revenue.doubts
    codes = _codes(path)
    assert ("D003", "集群企业营业收入", "info") in codes
    assert ("EL009", "集群企业营业收入", "warning") in codes
    assert not [c for c in codes if c[0] == "EL001"]


def test_an_unknown_column_with_figures_is_said_once(tmp_path):
    path = _with_column("预计数", "1.0", tmp_path, "unknown_column.docx")
    codes = _codes(path)
    assert [c for c in codes if c[0] == "D001"] == [("D001", "集群主要经济指标", "info")]
    report = load_report(path)
    reading = next(r for r in report.readings if r.section == "2.1")
    assert any(c.header == "预计数" and c.role == "未识别" for c in reading.columns)


def test_a_table_whose_rows_are_all_unread_is_one_finding(tmp_path):
    doc = Document(str(CLEAN))
    table = _table_with(doc, "省级及以上绿色工厂")
    for row in table.rows[1:]:
        row.cells[0].text = "第" + row.cells[0].text[:2] + "项指标"
    path = tmp_path / "green_unread.docx"
    doc.save(str(path))
    found = [c for c in _codes(path) if c[0] in ("X002", "X012") and c[1] and "绿色" in (c[1] or "")]
    assert found == [("X012", "集群绿色发展情况", "warning")]
