"""The history rules (HY) on their case files: each case's archived reports are recorded in a real SQLite
archive, the case's report is held against it. Reports are written in the rule cases' shorthand."""

from __future__ import annotations

import hashlib
import json

import pytest

from reportcheck.archive.location import archive_url
from reportcheck.archive.record import snapshot_of
from reportcheck.archive.store import open_archive
from reportcheck.rules import load_pack
from reportcheck.rules.history import HISTORY_RULES
from test_rule_cases import CASES, build_report

PACK = load_pack("hunan_competition_2023")


def _load(code: str) -> dict:
    return json.loads((CASES / f"{code}.json").read_text("utf-8"))


def _snapshot(short: dict, file: str):
    digest = hashlib.sha256(json.dumps([file, short], ensure_ascii=False).encode()).hexdigest()
    return snapshot_of(f"/收件/{file}", build_report(short), [], "hunan_competition_2023", digest)


def _run(rule, case: dict, tmp_path, pack: dict = PACK) -> list:
    archive = open_archive(archive_url(str(tmp_path / "archive.sqlite3")))
    for kept in _load(rule.code)["archive"]:
        archive.record(_snapshot(kept["report"], kept["file"]))
    snap = _snapshot(case["report"], "本报告.docx")
    return list(rule.check(snap, archive.history_of(snap), pack))


def _cases(kind: str):
    for rule in HISTORY_RULES:
        for i, case in enumerate(_load(rule.code)[kind]):
            yield pytest.param(rule, case, id=f"{rule.code}-{i}-{case['name']}")


@pytest.mark.parametrize(("rule", "case"), list(_cases("pass")))
def test_passing_case_gives_no_finding(rule, case, tmp_path):
    assert _run(rule, case, tmp_path) == []


@pytest.mark.parametrize(("rule", "case"), list(_cases("fail")))
def test_failing_case_gives_its_finding(rule, case, tmp_path):
    issues = _run(rule, case, tmp_path)
    assert [i.code for i in issues] == [case.get("expect_code", rule.code)] * len(case["expect"])
    assert [i.field for i in issues] == case["expect"]
    assert all(i.message and "{" not in i.message for i in issues)
    assert all(i.args.get("other_file") for i in issues), "a finding names the archived report it rests on"
    assert all(i.severity == case.get("expect_severity", i.severity) for i in issues)


@pytest.mark.parametrize("rule", HISTORY_RULES, ids=[r.code for r in HISTORY_RULES])
def test_every_history_rule_has_docs_source_cases_and_options(rule):
    from reportcheck.rules import pack_model as pm

    assert rule.type.source
    assert "反例" in rule.doc and "正例" in rule.doc
    cases = _load(rule.code)
    assert cases["fail"] and cases["pass"] and cases["archive"]
    for option in rule.options:
        kind, meaning = pm.describe_option(option)
        assert kind and meaning
