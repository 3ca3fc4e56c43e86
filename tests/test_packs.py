"""Rule packs as data a bureau can write: a file extending a shipped pack with only its changes, merged in
depth; and a pack that is not what the rules read refused in one line, exit 2 — never a rule silently
gone or an "internal error" on every report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, report_of
from reportcheck.rules import PackError, available_packs, load_pack, run_rules
from test_cli import run

SME = SAMPLES / "prelim_sme_merged_messy.docx"
SHIPPED = SAMPLES.parent / "schemas" / "rules"


def _pack(tmp_path: Path, data: dict, name: str = "mine.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_every_shipped_pack_is_what_the_rules_read() -> None:
    """The shipped packs are checked here, not on every run (it costs start-up): as a bureau's file would be."""
    for name in available_packs():
        assert load_pack(str(SHIPPED / f"{name}.json"))["id"]


def test_a_bureaus_pack_changes_one_threshold_and_keeps_the_rest_of_its_group(tmp_path: Path) -> None:
    """A pack file that extends the competition's and raises 集群产值≥30亿元 to 5000: EL003 now fires on an
    SME sample that passes it, quoting 5000, and the group's other thresholds are still there."""
    report = report_of(SME)
    assert "EL003" not in {i.code for i in run_rules(report)}
    path = _pack(tmp_path, {"id": "changsha_2025", "extends": "hunan_competition_2023",
                            "thresholds": {"sme_output_min": {"value": 5000}}})
    pack = load_pack(str(path))
    assert pack["thresholds"]["sme_output_min"]["indicator"] == "total_output"
    assert set(pack["thresholds"]) == set(load_pack()["thresholds"])
    [raised] = [i for i in run_rules(report, pack) if i.code == "EL003"]
    assert "5000亿元" in raised.message
    proc = run("check", str(SME), "--pack", str(path), "--select", "EL003")
    assert proc.returncode == 1 and "5000亿元" in proc.stdout


@pytest.mark.parametrize(("data", "said"), [
    ({"id": "x", "extends": "guangdong", "criteria": {"sme_share_mn": {"value": 60, "text": "t", "source": "s"}}},
     "“criteria”中有不认识的设置“sme_share_mn”（是否应为“sme_share_min”？）"),
    ({"id": "x", "extends": "hunan_competition_2023", "thresholds": {"sme_output_min": {"value": "三十"}}},
     "“thresholds.sme_output_min.value”应为数字，而不是“三十”"),
    ({"id": "x", "programme": "p", "families": ["AR"]}, "运行AR类规则需要设置“growth_checks”"),
    ({"id": "x", "extends": "mine.json"}, "规则包互相继承"),
])
def test_a_pack_the_rules_cannot_read_is_one_line_and_exit_2(tmp_path: Path, data: dict, said: str) -> None:
    path = _pack(tmp_path, data)
    with pytest.raises(PackError, match=said.replace("(", r"\(").replace("?", r"\?")):
        load_pack(str(path))
    proc = run("check", str(SME), "--pack", str(path))
    assert proc.returncode == 2 and not proc.stdout and "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert said in line and str(path.name) in line
