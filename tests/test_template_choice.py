"""Which template a report is read with: its title, unless its own headings are clearly the other round's
(a 决赛 report rewritten from the 初赛 one and still titled 初赛) — real samples with their title changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLES
from reportcheck.pipeline import load_report
from reportcheck.rules import run_rules
from variants.ooxml import Docx, headings, new_paragraph, para_text, set_para_text, w


def _retitled(sample: Path, tmp_path: Path, stage: str, prose: str | None = None) -> Path:
    doc = Docx(sample)
    title = next(p for p in doc.body.iter(w("p")) if "参赛报告" in para_text(p))
    set_para_text(title, re.sub(r"（.*?）|\(.*?\)", f"（{stage}）", para_text(title)))
    if prose is not None:  # a sentence of the applicant's naming a heading of the other form; the form's
        text = next(p for p in doc.body.iter(w("p")) if len(para_text(p)) > 60)  # instructions deleted
        text.addnext(new_paragraph(prose, text))
        for p in list(doc.body.iter(w("p"))):
            if "初赛胜出" in para_text(p):
                p.getparent().remove(p)
    out = tmp_path / "retitled.docx"
    doc.save(out)
    return out


def test_a_final_report_still_titled_preliminary_is_read_as_final_and_told(tmp_path: Path) -> None:
    report = load_report(_retitled(SAMPLES / "final_advanced_merged_clean.docx", tmp_path, "初赛"))
    assert report.stage == "决赛"
    [told] = [i for i in run_rules(report) if i.code == "X013"]
    assert told.severity == "warning" and "初赛" in told.message and "决赛" in told.message
    assert not [i for i in run_rules(report) if i.code in ("X009", "X019")]  # no 5.1 or 4.x sought


def test_a_preliminary_report_titled_final_is_read_as_preliminary(tmp_path: Path) -> None:
    report = load_report(_retitled(SAMPLES / "prelim_advanced_split_clean.docx", tmp_path, "决赛"))
    assert report.stage == "初赛"
    assert [i.code for i in run_rules(report) if i.code == "X013"] == ["X013"]


def test_a_phrase_of_the_other_form_in_the_prose_does_not_overrule_the_title(tmp_path: Path) -> None:
    path = _retitled(SAMPLES / "final_advanced_merged_clean.docx", tmp_path, "决赛",
                     prose="我们将按照培育发展省级产业集群实施方案和未来三年集群主要经济指标发展目标推进工作。")
    report = load_report(path)
    assert report.stage == "决赛"
    assert "X013" not in {i.code for i in run_rules(report)}


# The 决赛 samples whose title names the round (final_sme_split_messy has none: its round is told by its headings).
FINALS = [s for s in sorted(SAMPLES.glob("final_*.docx"))
          if any("参赛报告" in para_text(p) for p in Docx(s).body.iter(w("p")))]


@pytest.mark.parametrize("sample", FINALS, ids=[s.stem for s in FINALS])
def test_a_final_report_that_kept_the_preliminary_plan_chapter_is_read_as_final_as_titled(
        sample: Path, tmp_path: Path) -> None:
    """The 初赛 form's chapter 五 (培育发展产业集群实施方案, 5.1) kept in a 决赛 report, the chapters after it
    numbered on (六、真实性声明, 6.1, 七、佐证材料): read as the 决赛 form its title and chapter 四 say, and
    checked as the report without the kept chapter is."""
    doc = Docx(sample)
    numbered = {"五": "六", "六": "七", "5.1": "6.1"}
    kept = None
    for p, number, title in headings(doc.body):
        if number in numbered:
            set_para_text(p, f"{numbered[number]}{'、' if '.' not in number else ' '}{title}")
            if number == "五":
                kept = p
    assert kept is not None
    for text in ("五、培育发展产业集群实施方案", "5.1 未来三年集群主要经济指标发展目标",
                 "（本节沿用初赛报告内容，目标值见初赛报告。）"):
        kept.addprevious(new_paragraph(text, kept))
    out = tmp_path / sample.name
    doc.save(out)
    report, original = load_report(out), load_report(sample)
    assert report.stage == "决赛"
    assert report.declaration_present == original.declaration_present
    said = sorted((i.code, i.section, i.field) for i in run_rules(report))
    assert said == sorted((i.code, i.section, i.field) for i in run_rules(original))
