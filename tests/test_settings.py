"""Selecting, ignoring and re-grading rules from the command line and from a config file."""

from __future__ import annotations

import json

from conftest import SAMPLES
from test_cli import run

DEFECTS = SAMPLES / "prelim_advanced_split_defects.docx"
SME_DEFECTS = SAMPLES / "prelim_sme_merged_defects.docx"


def _codes(proc) -> list[tuple[str, str]]:
    return [(i["code"], i["severity"]) for i in json.loads(proc.stdout)[0]["issues"]]


def test_select_and_ignore_by_code_or_prefix():
    only = run("check", str(DEFECTS), "--format", "json", "--select", "AR,EL001")
    assert {c for c, _ in _codes(only)} == {"AR001", "EL001"}
    ignored = run("check", str(DEFECTS), "--format", "json", "--ignore", "EL", "--ignore", "X001")
    codes = {c for c, _ in _codes(ignored)}
    assert not any(c.startswith("EL") for c in codes) and "X001" not in codes and "AR001" in codes


def test_severity_override_changes_the_exit_code():
    proc = run("check", str(DEFECTS), "--format", "json", "--select", "AR001", "--severity", "AR001=warning")
    assert _codes(proc) == [("AR001", "warning")]
    assert proc.returncode == 0
    assert run("check", str(DEFECTS), "--severity", "AR001=fatal").returncode == 2


def test_relaxed_turns_thresholds_into_warnings_and_says_so():
    proc = run("check", str(SME_DEFECTS), "--format", "json", "--select", "EL003", "--relaxed")
    [issue] = json.loads(proc.stdout)[0]["issues"]
    assert issue["severity"] == "warning" and "放宽" in issue["message"]


def test_config_file_is_read_from_the_working_directory(tmp_path):
    (tmp_path / "reportcheck.toml").write_text('select = ["AR"]\n[severity]\nAR001 = "info"\n', encoding="utf-8")
    proc = run("check", str(DEFECTS), "--format", "json", cwd=tmp_path)
    assert _codes(proc) == [("AR001", "info")] and proc.returncode == 0
    (tmp_path / "reportcheck.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.reportcheck]\nignore = ["AR", "EL", "X", "TX", "EV", "BI"]\n',
                                             encoding="utf-8")
    proc = run("check", str(DEFECTS), "--format", "json", cwd=tmp_path)
    assert {c for c, _ in _codes(proc)} == {"CO011"}


def test_bad_settings_are_one_clear_line():
    unknown = run("check", str(DEFECTS), "--pack", "shanghai")
    assert unknown.returncode == 2 and "guangdong" in unknown.stderr and "Traceback" not in unknown.stderr


def test_a_bad_config_file_is_one_clear_line_and_exit_2(tmp_path):
    """A missing config file, a misspelt or mistyped setting, broken TOML: each is one line naming the file
    and what to do, exit 2 — never a traceback, never a silent run without the setting."""
    cases = {"missing.toml": None, "misspelt.toml": 'selct = ["AR"]\n', "typed.toml": 'select = "AR"\n',
             "broken.toml": "select = [\n"}
    said = {}
    for name, text in cases.items():
        if text is not None:
            (tmp_path / name).write_text(text, encoding="utf-8")
        proc = run("check", str(DEFECTS), "--config", str(tmp_path / name))
        assert proc.returncode == 2 and "Traceback" not in proc.stderr and not proc.stdout, name
        [said[name]] = proc.stderr.strip().splitlines()
    assert "找不到配置文件" in said["missing.toml"]
    assert "“selct”（是否应为“select”？）" in said["misspelt.toml"]
    assert "“select”应为列表，而不是“AR”" in said["typed.toml"] and 'select = ["AR", "EL001"]' in said["typed.toml"]
    assert "格式错误" in said["broken.toml"]


def test_rules_command_lists_and_explains():
    listing = run("rules")
    assert listing.returncode == 0
    for code in ("AR001", "CO011", "EL006", "PR012", "X001", "EL009"):
        assert code in listing.stdout
    one = run("rules", "ar001")
    assert one.returncode == 0 and "反例" in one.stdout and "正例" in one.stdout and "增幅" in one.stdout
    assert run("rules", "ZZ999").returncode == 2
    data = json.loads(run("rules", "--format", "json").stdout)
    assert all(r["source"] and r["doc"] for r in data)
    readme = (SAMPLES.parent / "README.md").read_text("utf-8")
    assert f"列出全部{len(data)}个代码" in readme  # the README counts what `rules` lists


def test_a_selected_rule_keeps_its_cannot_verify_finding(tmp_path):
    """--select EL001 shows what EL001 finds, its "cannot verify" (EL009) too; --ignore EL009 hides it."""
    from docx import Document

    doc = Document(str(DEFECTS))
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.text.strip().startswith("集群企业营业收入"):
                    for other in row.cells[1:]:
                        other.text = "—"
    blank = tmp_path / "revenue_blank.docx"
    doc.save(str(blank))
    selected = run("check", str(blank), "--format", "json", "--select", "EL001")
    assert [(c, s) for c, s in _codes(selected)] == [("EL009", "warning")]
    assert "集群企业营业收入" in json.loads(selected.stdout)[0]["issues"][0]["message"]
    hidden = run("check", str(blank), "--format", "json", "--select", "EL001", "--ignore", "EL009")
    assert _codes(hidden) == []
