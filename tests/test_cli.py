"""The command line as a user runs it: exit codes, JSON shape, bad input, nothing written."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import BAD, SAMPLES

CLEAN = SAMPLES / "prelim_advanced_split_clean.docx"
DEFECTS = SAMPLES / "prelim_advanced_split_defects.docx"


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportcheck", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120, cwd=cwd)


def test_extract_json_has_every_indicator_row_in_the_documented_shape():
    proc = run("extract", str(CLEAN))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    rows = {(r["section"], r["label"]): r for r in data["indicators"]}
    revenue = rows[("2.1", "集群企业营业收入")]
    assert revenue["values"] == {"2021": 1250.4, "2022": 1408.9}
    assert revenue["growth_pct"] == 12.7
    assert rows[("2.2", "上市和挂牌企业数量")]["evidence_pages"] == [10]
    assert {r["section"] for r in data["indicators"]} == {"2.1", "2.2", "2.4", "2.5", "2.6", "2.7", "3.1", "5.1"}
    assert rows[("5.1", "集群总产值")]["values"] == {"2022": 1326.8, "2023": 1480.0, "2024": 1650.0, "2025": 1850.0}


def test_extract_text_format():
    proc = run("extract", str(CLEAN), "--format", "text")
    assert proc.returncode == 0
    assert "集群企业营业收入（亿元）  2021: 1250.4  2022: 1408.9  增幅 12.7%" in proc.stdout


def test_check_exit_codes_and_json():
    clean = run("check", str(CLEAN), "--format", "json")
    assert clean.returncode == 0
    assert json.loads(clean.stdout)[0]["status"] == "ok"
    defects = run("check", str(DEFECTS), "--format", "json")
    assert defects.returncode == 1
    [result] = json.loads(defects.stdout)
    assert result["status"] == "issues"
    issue = next(i for i in result["issues"] if i["code"] == "AR001")
    assert set(issue) >= {"code", "severity", "section", "field", "message", "location"}
    assert issue["severity"] == "error" and issue["section"] == "2.1" and issue["field"] == "集群总产值"
    assert "15.3" in issue["message"] and "1180.5" in issue["message"]


def test_check_text_is_grouped_by_file_and_section_without_colour_when_piped():
    proc = run("check", str(DEFECTS))
    assert proc.returncode == 1
    assert "\033[" not in proc.stdout
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(str(DEFECTS))
    assert "  2.1 集群主要经济指标" in lines


BAD_CASES = {
    "empty.docx": "文件为空", "truncated.docx": "损坏或不完整", "not_zip.docx": "不是Word",
    "encrypted.docx": "密码", "not_a_report.docx": "不是湖南省产业集群竞赛参赛报告",
}


@pytest.mark.parametrize(("name", "words"), list(BAD_CASES.items()))
def test_bad_input_gives_one_clear_line_and_exit_2(name, words):
    path = BAD / name
    proc = run("extract", str(path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and " / " in lines[0]  # Chinese / English


def test_missing_file_and_usage_errors_exit_2():
    proc = run("extract", str(SAMPLES / "no_such_report.docx"))
    assert proc.returncode == 2 and "文件不存在" in proc.stderr and "Traceback" not in proc.stderr
    assert run("check").returncode == 2
    assert run("extract", str(CLEAN), "--format", "xml").returncode == 2


def test_batch_survives_bad_files_and_leaves_inputs_untouched(tmp_path):
    files = [CLEAN, *sorted(BAD.glob("*.docx")), DEFECTS]
    digests = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    before = {p.parent: sorted(os.listdir(p.parent)) for p in files}
    proc = run("check", *map(str, files), "--format", "json")
    assert proc.returncode == 2
    results = json.loads(proc.stdout)
    assert [r["status"] for r in results] == ["ok"] + ["unreadable"] * 5 + ["issues"]
    assert all(r["error"]["message"] for r in results if r["status"] == "unreadable")
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files} == digests
    assert {p.parent: sorted(os.listdir(p.parent)) for p in files} == before


def test_startup_imports_nothing_heavy():
    code = ("import sys, reportcheck.cli as c\n"
            "c._parser()\n"
            "heavy = {'pydantic', 'opencc', 'rapidfuzz', 'lxml', 'docx', 'pdfplumber'}\n"
            "print(sorted(m for m in heavy if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_an_internal_error_is_one_file_unreadable_not_the_end_of_the_batch(monkeypatch):
    import reportcheck.pipeline
    from reportcheck.outcome import check_file
    from reportcheck.rules import load_pack

    def broken(path, package=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(reportcheck.pipeline, "load_report", broken)
    outcome = check_file(str(CLEAN), load_pack())
    assert outcome.status == "unreadable" and outcome.error.reason == "internal_error"
    assert "RuntimeError" in outcome.error.zh


COMMANDS = ("extract", "check", "annotate", "batch", "compare", "score", "grade", "serve", "rules", "template")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommands_help_says_what_it_does_an_example_and_its_exit_codes(command: str, capsys) -> None:
    from reportcheck.cli import main

    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in description), description  # a line in Chinese
    examples = text.split("示例 / examples:\n", 1)[1].split("退出码")[0]
    assert f"reportcheck {command}" in examples
    assert "退出码 / exit codes: 0" in text


def test_reportcheck_alone_shows_the_help_and_a_mistake_is_said_in_chinese(capsys) -> None:
    from reportcheck.cli import main

    assert main([]) == 0
    out = capsys.readouterr().out
    assert all(command in out for command in COMMANDS)
    with pytest.raises(SystemExit) as done:
        main(["chek"])
    assert done.value.code == 2 and "命令行有误" in capsys.readouterr().err


def test_every_rule_has_a_chinese_name_and_the_catalogue_shows_it(capsys) -> None:
    """`rules` names each check in Chinese (schemas/lexicon/rule_names.json), one name per code."""
    from reportcheck.cli import main
    from reportcheck.render.rules import name_zh
    from reportcheck.rules import issue_types

    types = issue_types()
    names = [name_zh(t) for t in types]
    assert len(set(names)) == len(types)
    assert all(re.fullmatch(r"[\u4e00-\u9fff、“”·／（）]{4,16}", n) for n in names), names
    assert main(["rules"]) == 0
    table = capsys.readouterr().out
    assert all(n in table for n in names) and "extract.value-unreadable" not in table
