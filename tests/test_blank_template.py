"""The blank templates (built from the seed text) read as reports with every row and no figure."""

from __future__ import annotations

import pytest

from conftest import SAMPLES, report_of
from reportcheck.rules import run_rules
from reportcheck.spec import template_by_stage

BLANKS = {"初赛": SAMPLES / "blank" / "hunan_competition_preliminary.docx",
          "决赛": SAMPLES / "blank" / "hunan_competition_final.docx"}


@pytest.mark.parametrize("stage", list(BLANKS))
def test_blank_template_has_every_row_and_no_value(stage):
    report = report_of(BLANKS[stage])
    spec = template_by_stage(stage)
    assert report.stage == stage
    assert len(report.indicators) == sum(len(t.rows) for t in spec.indicator_tables)
    assert all(v is None for i in report.indicators for v in i.values.values())
    assert {b.id for b in report.texts} == {b.id for b in spec.text_blocks}
    assert all(b.word_count == 0 for b in report.texts)  # instructions are not the applicant's text
    assert report.declaration_present


@pytest.mark.parametrize("stage", list(BLANKS))
def test_blank_template_asks_for_the_basic_information(stage):
    issues = run_rules(report_of(BLANKS[stage]))
    codes = {i.code for i in issues}
    assert "BI001" in codes and "X007" in codes  # 申报类别 still shows its placeholder
    assert "X002" not in codes and "X009" not in codes
