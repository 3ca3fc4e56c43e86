"""Every bundled sample extracts to the figures it was built with, and gives the planted findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import (
    FILLED,
    check_basic,
    check_cluster_values,
    check_evidence_range,
    check_findings,
    check_identity,
    check_indicators,
    check_lists,
    check_texts,
    expected,
    report_of,
)
from reportcheck.rules import issue_types, run_rules
from reportcheck.typed import to_data


def test_there_are_samples_of_both_stages_categories_and_layouts() -> None:
    names = {p.stem for p in FILLED}
    assert any(n.startswith("prelim_advanced") for n in names)
    assert any(n.startswith("prelim_sme") for n in names)
    assert any(n.startswith("final_advanced") for n in names)
    assert any(n.startswith("final_sme") for n in names)
    assert any("_merged_" in n for n in names) and any("_split_" in n for n in names)


def _assert_none(mismatches: list[str]) -> None:
    assert not mismatches, "\n".join(mismatches)


def test_stage_category_and_years_come_from_the_document(sample: Path) -> None:
    _assert_none(check_identity(report_of(sample), expected(sample)))


def test_every_indicator_row_matches_the_figures_put_in(sample: Path) -> None:
    _assert_none(check_indicators(report_of(sample), expected(sample)))


def test_park_rows_give_the_cluster_share_put_in(sample: Path) -> None:
    _assert_none(check_cluster_values(report_of(sample), expected(sample)))


def test_basic_information_and_contacts_are_as_filled_in(sample: Path) -> None:
    _assert_none(check_basic(report_of(sample), expected(sample)))


def test_list_tables_have_the_rows_and_cells_put_in(sample: Path) -> None:
    _assert_none(check_lists(report_of(sample), expected(sample)))


def test_texts_state_the_figures_written_and_miss_the_aspects_left_out(sample: Path) -> None:
    _assert_none(check_texts(report_of(sample), expected(sample)))


def test_evidence_range_is_the_one_stated(sample: Path) -> None:
    _assert_none(check_evidence_range(report_of(sample), expected(sample)))


def test_findings_are_exactly_the_planted_ones(sample: Path) -> None:
    _assert_none(check_findings(report_of(sample), expected(sample)))


def _planted_errors(path: Path) -> list[tuple[str, str, str]]:
    """The planted findings whose code is an error by default (the rule catalogue's severity)."""
    severity = {t.code: t.severity for t in issue_types()}
    return sorted((i["code"], i["section"] or "", i["field"] or "") for i in expected(path)["issues"]
                  if severity[i["code"]] == "error")


def _errors(path: Path) -> list[tuple[str, str, str]]:
    return sorted((i.code, i.section or "", i.field or "") for i in run_rules(report_of(path))
                  if i.severity == "error")


CLEAN = [p for p in FILLED if "_defects" not in p.stem]
DEFECTS = [p for p in FILLED if "_defects" in p.stem]


@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_clean_samples_have_no_error(path: Path) -> None:
    assert _planted_errors(path) == [], "a clean sample plants no error"
    assert _errors(path) == []


@pytest.mark.parametrize("path", DEFECTS, ids=[p.stem for p in DEFECTS])
def test_defect_samples_give_exactly_their_planted_errors(path: Path) -> None:
    planted = _planted_errors(path)
    assert planted, "a defect sample plants at least one error"
    assert _errors(path) == planted


def test_same_report_in_both_layouts_extracts_identically() -> None:
    from conftest import SAMPLES

    split = report_of(SAMPLES / "prelim_advanced_split_clean.docx")
    merged = report_of(SAMPLES / "prelim_advanced_merged_clean.docx")
    assert [_without(i, "location", "raw", "cells") for i in split.indicators] == \
        [_without(i, "location", "raw", "cells") for i in merged.indicators]
    assert [_text_figures(t) for t in split.texts] == \
        [_text_figures(t) for t in merged.texts]
    assert _without(split.basic, "locations") == _without(merged.basic, "locations")
    assert [[r.values for r in t.rows] for t in split.lists] == [[r.values for r in t.rows] for t in merged.lists]


def test_messy_spellings_read_as_plain_numbers() -> None:
    from conftest import SAMPLES

    report = report_of(SAMPLES / "prelim_sme_merged_messy.docx")
    imports = report.indicator("imports")
    assert imports.values == {"2022": 1.2, "2023": 1.4}  # written as 12000万元 / 14000万元 in an 亿元 row
    assert report.indicator("total_output").raw["2023"].startswith("４")  # full-width digits kept as written
    assert report.indicator("listed_enterprises").evidence_pages == [10, 11]
    assert report.indicator("foreign_investment").values == {"2022": None, "2023": None}  # "/" is empty


def _without(obj, *names: str) -> dict:
    """A model object as JSON data, some fields left out."""
    data = to_data(obj)
    for name in names:
        data.pop(name, None)
    return data


def _text_figures(block) -> dict:
    """A text block without where it and its claims are (the two layouts place them differently)."""
    data = _without(block, "location")
    for claim in data["claims"]:
        claim.pop("location")
    return data
