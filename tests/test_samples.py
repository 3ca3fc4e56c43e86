"""Every bundled sample extracts to the figures it was built with, and gives the planted findings."""

from __future__ import annotations

from conftest import FILLED, expected, report_of
from reportcheck.rules import run_rules


def test_there_are_samples_of_both_stages_categories_and_layouts():
    names = {p.stem for p in FILLED}
    assert any(n.startswith("prelim_advanced") for n in names)
    assert any(n.startswith("prelim_sme") for n in names)
    assert any(n.startswith("final_advanced") for n in names)
    assert any(n.startswith("final_sme") for n in names)
    assert any("_merged_" in n for n in names) and any("_split_" in n for n in names)


def test_stage_category_and_years_come_from_the_document(sample):
    exp = expected(sample)
    report = report_of(sample)
    assert report.stage == exp["stage"]
    assert report.category == exp["category"]
    assert report.years == exp["years"]
    assert report.basic.cluster_name == exp["cluster_name"]


def test_every_indicator_row_matches_the_figures_put_in(sample):
    exp = expected(sample)
    got = {(i.section, i.label): i for i in report_of(sample).indicators}
    assert len(got) == len(exp["indicators"])
    for row in exp["indicators"]:
        ind = got[(row["section"], row["label"])]
        assert ind.values == row["values"], row["label"]
        assert ind.growth_pct == row["growth_pct"], row["label"]
        assert ind.evidence_pages == row["evidence_pages"], row["label"]


def test_list_tables_have_the_rows_put_in(sample):
    exp = expected(sample)
    got = {t.id: len(t.rows) for t in report_of(sample).lists}
    for list_id, count in exp["list_rows"].items():
        assert got[list_id] == count, list_id


def test_findings_are_exactly_the_planted_ones(sample):
    exp = expected(sample)
    issues = run_rules(report_of(sample))
    got = sorted(((i.code, i.section, i.field) for i in issues), key=str)
    want = sorted(((i["code"], i["section"], i["field"]) for i in exp["issues"]), key=str)
    assert got == want


def test_clean_samples_have_no_error(sample):
    if "defects" in sample.stem:
        return
    assert [i for i in run_rules(report_of(sample)) if i.severity == "error"] == []


def test_same_report_in_both_layouts_extracts_identically():
    from conftest import SAMPLES

    split = report_of(SAMPLES / "prelim_advanced_split_clean.docx")
    merged = report_of(SAMPLES / "prelim_advanced_merged_clean.docx")
    assert [i.model_dump(exclude={"location", "raw"}) for i in split.indicators] == \
        [i.model_dump(exclude={"location", "raw"}) for i in merged.indicators]
    assert [t.model_dump(exclude={"location"}) for t in split.texts] == \
        [t.model_dump(exclude={"location"}) for t in merged.texts]
    assert split.basic.model_dump(exclude={"locations"}) == merged.basic.model_dump(exclude={"locations"})
    assert [[r.values for r in t.rows] for t in split.lists] == [[r.values for r in t.rows] for t in merged.lists]


def test_messy_spellings_read_as_plain_numbers():
    from conftest import SAMPLES

    report = report_of(SAMPLES / "prelim_sme_merged_messy.docx")
    imports = report.indicator("imports")
    assert imports.values == {"2022": 1.2, "2023": 1.4}  # written as 12000万元 / 14000万元 in an 亿元 row
    assert report.indicator("total_output").raw["2023"].startswith("４")  # full-width digits kept as written
    assert report.indicator("listed_enterprises").evidence_pages == [10, 11]
    assert report.indicator("foreign_investment").values == {"2022": None, "2023": None}  # "/" is empty
