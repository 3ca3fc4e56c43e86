"""Every rule against its case file (tests/rule_cases/CODE.json): passing and failing reports, built
on the typed model (no document), plus the meta-test that every rule has docs, a source and cases.

A case's report is written in shorthand: indicators by key with values by year (section, label and
unit come from the template spec), lists by id, the rest as in the model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportcheck.model import Indicator, ListRow, ListTable, Loc, Report
from reportcheck.rules import HISTORY_RULES, REGISTRY, SHARED_TYPES, load_pack, sure_view
from reportcheck.spec import load_data_sheet_spec, template_by_stage
from reportcheck.typed import from_data

CASES = Path(__file__).parent / "rule_cases"
SPEC = template_by_stage("初赛")
ROWS = {row.key: (section, row) for section, row in load_data_sheet_spec().rows()}
ROWS.update({r.key: (t.id, r) for t in SPEC.indicator_tables for r in t.rows})
LISTS = {t.id: t for t in SPEC.list_tables}
COUNT_UNITS = {"个", "人"}


def _indicator(key: str, entry: dict) -> Indicator:
    section, row = ROWS[key]
    values = {k: v for k, v in entry.items() if k.isdigit()}
    whole = all(float(v).is_integer() for v in values.values())
    default = 0 if row.unit in COUNT_UNITS and whole else 1
    ind = Indicator(section=section, key=key, label=row.label, unit=row.unit, values=values,
                    evidence_required=row.evidence, growth_pct=entry.get("growth"),
                    growth_decimals=1 if "growth" in entry else None, evidence_pages=entry.get("pages", []),
                    growth_in_points=entry.get("growth_in_points", False),
                    base_year=entry.get("base_year"), cluster_values=entry.get("cluster"),
                    single_value=row.single_value, doubts=entry.get("doubts", {}))
    ind.decimals = {y: entry.get("decimals", default) for y in values}
    if "growth_formula" in entry:  # a Word formula field in the growth cell of table row growth_row (from 0)
        ind.formulas["growth"] = entry["growth_formula"]
        ind.cells["growth"] = Loc(table=1, row=entry["growth_row"], col=3)
    if ind.cluster_values:
        ind.decimals.update({f"{y}:cluster": 1 for y in ind.cluster_values})
    return ind


def _list(list_id: str, rows: list[dict]) -> ListTable:
    spec = LISTS[list_id]
    per_year = {c.key for c in spec.columns if c.per_year}
    return ListTable(id=list_id, title=spec.title, section=spec.section, rows=[
        ListRow(values={k: v for k, v in r.items() if k not in per_year},
                by_year={k: v for k, v in r.items() if k in per_year}) for r in rows])


def build_report(short: dict) -> Report:
    data = {"source": "case", "template": SPEC.id, "stage": "初赛", "category": "advanced",
            "years": ["2021", "2022"], "declaration_present": True, **short}
    data["indicators"] = [_indicator(k, v) for k, v in short.get("indicators", {}).items()]
    data["lists"] = [_list(k, v) for k, v in short.get("lists", {}).items()]
    return from_data(Report, data)


def _load(code: str) -> dict:
    return json.loads((CASES / f"{code}.json").read_text("utf-8"))


def _cases(kind: str):
    for rule in REGISTRY:
        path = CASES / f"{rule.code}.json"
        if path.exists():
            for i, c in enumerate(_load(rule.code)[kind]):
                yield pytest.param(rule, c, id=f"{rule.code}-{i}-{c['name']}")


def _pack(rule) -> dict:
    return load_pack(_load(rule.code).get("pack", "hunan_competition_2023"))


@pytest.mark.parametrize(("rule", "case"), list(_cases("pass")))
def test_passing_case_gives_no_finding(rule, case):
    assert rule.run(sure_view(build_report(case["report"])), _pack(rule)) == []


@pytest.mark.parametrize(("rule", "case"), list(_cases("fail")))
def test_failing_case_gives_its_finding(rule, case):
    issues = rule.run(sure_view(build_report(case["report"])), _pack(rule))
    assert [i.code for i in issues] == [case.get("expect_code", rule.code)] * len(case["expect"])
    assert [i.field for i in issues] == case["expect"]
    assert all(i.message and "{" not in i.message for i in issues)
    if "expect_severity" in case:  # what a case says of how sure the finding is, and of its words
        assert {i.severity for i in issues} == {case["expect_severity"]}
    assert all(case.get("expect_message", "") in i.message for i in issues)


@pytest.mark.parametrize("rule", REGISTRY, ids=[r.code for r in REGISTRY])
def test_every_rule_has_docs_source_and_cases(rule):
    assert rule.type.source, "a rule names the document and article it enforces"
    assert "反例" in rule.doc and "正例" in rule.doc, "docs carry a failing and a passing example"
    cases = _load(rule.code)
    assert cases["fail"], "at least one failing case"
    assert cases["pass"] or rule.code == "EL008", "at least one passing case"  # EL008 lists for every report


def test_codes_are_unique_and_shared_codes_are_documented():
    codes = [r.code for r in REGISTRY] + [t.code for t in SHARED_TYPES]
    assert len(codes) == len(set(codes))
    assert all(t.description and t.source for t in SHARED_TYPES)
    history = {r.code for r in HISTORY_RULES}  # their cases are run by test_history_rules.py, on an archive
    assert {p.stem for p in CASES.glob("*.json")} == {r.code for r in REGISTRY} | history
