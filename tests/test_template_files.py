"""A new notice year's form is one data file: it extends a shipped form, holds only its differences, declares
how its reports are recognised, and a report filled in it is read with it — no Python change.

The report is the bundled clean 初赛 sample moved two years on (2021/2022 → 2023/2024, as a 2025 notice asks)
with one row the new form adds to table 2.4."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import docx
import pytest

from conftest import SAMPLES
from reportcheck.extending import merged
from reportcheck.spec import load_templates
from test_cli import run

SAMPLE = SAMPLES / "prelim_advanced_split_clean.docx"
NEW_ROW = ("数字化转型企业数量（个）", "120", "150", "25.0")
FORM_2025 = {
    "id": "hunan_competition_2025_preliminary", "extends": "hunan_competition_preliminary",
    "source": "2025年通知 附件1 参赛报告（初赛）",
    "recognition": {"years": ["2023", "2024"], "default": False},
    "indicator_tables": [{"id": "2.4", "rows": [
        {"key": "digital_firms", "label": "数字化转型企业数量", "unit": "个", "form_label": NEW_ROW[0]}]}],
}


def _two_years_on(path: Path) -> Path:
    """The sample with every year moved on by two and the new form's row added to table 2.4."""
    document = docx.Document(str(SAMPLE))
    for node in document.element.body.iter(docx.oxml.ns.qn("w:t")):
        if node.text:
            node.text = re.sub(r"20[1-3]\d", lambda m: str(int(m.group()) + 2), node.text)
    table = next(t for t in document.tables if t.rows[1].cells[0].text.startswith("集群研发经费"))
    row = copy.deepcopy(table.rows[1]._tr)
    table._tbl.append(row)
    for cell, text in zip(table.rows[-1].cells, NEW_ROW, strict=True):
        cell.paragraphs[0].runs[0].text = text
        for extra in cell.paragraphs[0].runs[1:]:
            extra.text = ""
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("form2025")
    form = folder / "初赛2025.json"
    form.write_text(json.dumps(FORM_2025, ensure_ascii=False), "utf-8")
    return form, _two_years_on(folder / "报告2025.docx")


def _extract(*args: str) -> dict:
    proc = run("extract", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_report_of_the_new_form_is_read_with_it(files: tuple[Path, Path]) -> None:
    form, report = files
    data = _extract(str(report), "--template", str(form))
    assert data["template"] == FORM_2025["id"] and data["years"] == ["2023", "2024"]
    [row] = [i for i in data["indicators"] if i["key"] == "digital_firms"]
    assert row["values"] == {"2023": 120, "2024": 150} and row["section"] == "2.4"
    assert not [i for i in data["extraction_issues"] if i["code"] in {"X002", "X010", "X017"}]
    checked = run("check", str(report), "--template", str(form), "--format", "json")
    codes = {i["code"] for i in json.loads(checked.stdout)[0]["issues"]}
    assert not codes & {"X002", "X010", "AR001"}, codes


def test_a_config_file_names_the_form_beside_it(files: tuple[Path, Path]) -> None:
    form, report = files
    config = form.parent / "settings.toml"
    config.write_text(f'templates = ["{form.name}"]\nselect = ["X010"]\n', "utf-8")
    known = run("check", str(report), "--format", "json", "--config", str(config))
    config.write_text('select = ["X010"]\n', "utf-8")
    unknown = run("check", str(report), "--format", "json", "--config", str(config))
    assert json.loads(known.stdout)[0]["issues"] == []
    assert "数字化转型企业数量" in json.loads(unknown.stdout)[0]["issues"][0]["message"]


def test_without_the_form_the_new_row_is_not_the_templates(files: tuple[Path, Path]) -> None:
    _, report = files
    data = _extract(str(report))
    assert data["template"] == "hunan_competition_preliminary"
    assert "数字化转型企业数量" in {i["args"].get("label") for i in data["extraction_issues"] if i["code"] == "X010"}


def test_a_report_of_the_old_form_keeps_its_form_when_the_new_one_is_known(files: tuple[Path, Path]) -> None:
    form, _ = files
    data = _extract(str(SAMPLE), "--template", str(form))
    assert data["template"] == "hunan_competition_preliminary" and data["years"] == ["2021", "2022"]


def test_the_final_form_is_the_preliminary_one_with_its_differences() -> None:
    specs = {s.id: s for s in load_templates()}
    final, preliminary = specs["hunan_competition_final"], specs["hunan_competition_preliminary"]
    assert [t.id for t in final.indicator_tables] == [t.id for t in preliminary.indicator_tables if t.id != "5.1"]
    assert final.list_tables == preliminary.list_tables and final.recognition.years == ["2021", "2022"]
    assert final.recognition.title == ["参赛报告", "决赛"] and not final.recognition.default


def test_merging_keeps_the_base_and_changes_items_by_their_identity() -> None:
    base = {"rows": [{"key": "a", "unit": "个"}, {"key": "b", "unit": "人"}], "group": {"x": 1, "y": 2}}
    child = {"rows": [{"key": "b", "unit": "家"}, {"key": "a", "removed": True}, {"key": "c", "unit": "%"}],
             "group": {"y": 3}}
    assert merged(base, child) == {"rows": [{"key": "b", "unit": "家"}, {"key": "c", "unit": "%"}],
                                   "group": {"x": 1, "y": 3}}


@pytest.mark.parametrize(("change", "said"), [
    ({"recognition": {"yeras": ["2023"]}}, "“recognition”中有不认识的设置“yeras”（是否应为“years”？）"),
    ({"extends": "hunan_2025"}, "extends“hunan_2025”有误"),
    ({"id": "hunan_competition_final"}, "与随附的模板相同"),
])
def test_a_wrong_form_file_is_one_line_and_exit_2(tmp_path: Path, change: dict, said: str) -> None:
    form = tmp_path / "form.json"
    form.write_text(json.dumps({**FORM_2025, **change}, ensure_ascii=False), "utf-8")
    proc = run("check", str(SAMPLE), "--template", str(form))
    assert proc.returncode == 2 and not proc.stdout and "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert said in line and "form.json" in line
