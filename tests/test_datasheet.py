"""The Excel data sheet: written by ``template data-sheet``, read by ``check`` like a report."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from reportcheck.pipeline import load_report
from reportcheck.rules import load_pack, run_rules
from test_cli import run

SHEET = SAMPLES / "datasheet_sme_3years.xlsx"
EXPECTED = json.loads(SHEET.with_suffix(".expected.json").read_text("utf-8"))


def test_sheet_figures_are_read_as_put_in():
    report = load_report(SHEET)
    assert report.years == EXPECTED["years"]
    assert report.category == EXPECTED["category"]
    assert report.basic.cluster_name == EXPECTED["cluster_name"]
    got = {i.key: i.values for i in report.indicators}
    for key, values in EXPECTED["figures"].items():
        assert got[key] == values, key


@pytest.mark.parametrize("pack", ["guangdong", "hubei"])
def test_sheet_against_other_provinces_criteria(pack):
    issues = run_rules(load_report(SHEET), load_pack(pack))
    assert sorted((i.code, i.section, i.field) for i in issues) == sorted(map(tuple, EXPECTED["issues"][pack]))


def test_hunan_report_against_guangdong_says_what_it_cannot_verify():
    report = load_report(SAMPLES / "prelim_advanced_split_clean.docx")
    issues = run_rules(report, load_pack("guangdong"))
    assert issues and all(i.code == "PR000" and i.severity == "info" for i in issues)
    fields = {i.field for i in issues}
    assert "集群占地面积" in fields and "集群总产值" in fields  # area missing, only two years


def test_template_command_writes_a_sheet_that_reads_back(tmp_path):
    target = tmp_path / "figures.xlsx"
    proc = run("template", "data-sheet", "-o", str(target), "--years", "2021,2022,2023")
    assert proc.returncode == 0, proc.stderr
    report = load_report(target)
    assert report.years == ["2021", "2022", "2023"]
    assert {"area_km2", "sme_rd_spending", "innovative_smes", "total_output"} <= {i.key for i in report.indicators}
    assert all(v is None for i in report.indicators for v in i.values.values())
    again = run("template", "data-sheet", "-o", str(target))
    assert again.returncode == 2 and "--force" in again.stderr  # never overwrites by surprise
