"""One failed reading is one finding, never one per field or row (issue 17, point 2): real samples with a
part of the form taken away or made unreadable."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import SAMPLES
from reportcheck.batch.verdict import entry_verdict
from reportcheck.outcome import FileOutcome
from reportcheck.pipeline import load_report
from reportcheck.rules import run_rules
from reportcheck.settings import Settings
from variants.ooxml import Docx, cell_text, cells, new_paragraph, para_text, rows, segments, set_cell_text, w

SAMPLE = SAMPLES / "prelim_advanced_split_clean.docx"


def _edited(tmp_path: Path, edit: Callable[[Docx], None], sample: Path = SAMPLE) -> Path:
    doc = Docx(sample)
    edit(doc)
    out = tmp_path / "edited.docx"
    doc.save(out)
    return out


def _basic_table(doc: Docx):
    return next(t for t in doc.body.iter(w("tbl")) if any(cell_text(c) == "集群名称" for c in t.iter(w("tc"))))


def _findings(path: Path) -> list:
    return run_rules(load_report(path))


def test_a_basic_information_table_not_found_is_one_finding(tmp_path: Path) -> None:
    def drop(doc: Docx) -> None:
        table = _basic_table(doc)
        table.getparent().remove(table)

    issues = _findings(_edited(tmp_path, drop))
    basic = [i for i in issues if i.section == "1" and i.code in ("BI001", "BI004", "X007")]
    assert [(i.code, i.severity) for i in basic] == [("BI004", "warning")]
    assert "未找到集群基本信息表" in basic[0].message


def test_a_group_of_contacts_not_read_is_one_finding(tmp_path: Path) -> None:
    def drop_group(doc: Docx) -> None:
        for tr in rows(_basic_table(doc)):
            if any("促进组织" in cell_text(tc) for tc in cells(tr)[:1]) or (
                    cells(tr) and not cell_text(cells(tr)[0]) and any("负责人" in cell_text(c) for c in cells(tr))
                    and "促进" in "".join(cell_text(c) for c in cells(tr))):
                tr.getparent().remove(tr)

    issues = _findings(_edited(tmp_path, drop_group))
    assert not [i for i in issues if i.code == "BI001" and "促进组织" in (i.field or "")]
    [found] = [i for i in issues if i.code == "BI004"]
    assert "集群促进组织·单位名称" in found.message and "集群核心承载园区" not in found.message


def test_a_table_whose_labels_are_mostly_unrecognisable_is_one_finding(tmp_path: Path) -> None:
    def rename(doc: Docx) -> None:
        seg = [s for s in segments(doc.document) if s.kind == "indicator"][1]  # 2.2
        label = seg.col("label")
        for n, tr in enumerate(seg.data[2:]):  # two rows keep their labels: the table is found, not its rows
            tc = next(tc for tc in cells(tr) if tc is not None)
            if label is not None:
                set_cell_text(tc, f"第{n + 1}项指标")

    issues = _findings(_edited(tmp_path, rename))
    assert [i.code for i in issues if i.section == "2.2" and i.code in ("X002", "X012", "X017")] == ["X017"]


def test_rows_written_under_the_applicants_own_labels_are_one_finding_not_one_each(tmp_path: Path) -> None:
    """Three rows of 2.2 renamed (their figures kept), the others as the template has them: the rows are there
    under other names, which is said once (X017), not as three missing rows."""
    def rename(doc: Docx) -> None:
        seg = [s for s in segments(doc.document) if s.kind == "indicator"][1]  # 2.2
        for n, tr in enumerate(seg.data[:3]):
            set_cell_text(cells(tr)[seg.col("label")], f"本集群自定义指标{n + 1}")

    issues = _findings(_edited(tmp_path, rename))
    assert [i.code for i in issues if i.section == "2.2" and i.code in ("X002", "X017")] == ["X017"]
    [once] = [i for i in issues if i.code == "X017"]
    assert "3个指标行未找到" in once.message


def test_a_list_or_a_text_not_found_is_one_finding(tmp_path: Path) -> None:
    def drop_headings(doc: Docx) -> None:
        for p in list(doc.body.iter(w("p"))):
            text = re.sub(r"\s", "", para_text(p))
            if text.startswith(("营业收入排名前十", "4.3")):
                p.getparent().remove(p)

    issues = _findings(_edited(tmp_path, drop_headings))
    # (EL009 may say that the entry condition resting on the top-10 list cannot be verified: it is a check
    # that cannot run saying so, not a second finding about the list)
    assert [i.code for i in issues if i.field == "营业收入排名前十企业发展情况" and i.code != "EL009"] == ["X009"]
    assert [i.code for i in issues if i.code == "X019"] == ["X019"]


def test_a_report_read_almost_not_at_all_is_one_finding_at_the_top(tmp_path: Path) -> None:
    """Only the title, the basic information and 2.1 kept: 2 of the form's 23 parts."""

    def keep_little(doc: Docx) -> None:
        body = list(doc.body)
        tables = [el for el in body if el.tag == w("tbl")]
        keep = set(tables[:2])  # the basic information and the 2.1 table
        cut = False
        for el in body:
            if el.tag == w("sectPr"):
                continue
            if el.tag == w("tbl") and el not in keep:
                cut = True
            heading = el.tag == w("p") and re.match(r"\s*(?:[二三四五六七]、|[2-7]\.[2-9])", para_text(el))
            if (cut or heading) and not (el.tag == w("p") and para_text(el).startswith("2.1")):
                doc.body.remove(el)

    report = load_report(_edited(tmp_path, keep_little))
    issues = run_rules(report)
    assert report.reading_failed
    assert [(i.code, i.severity) for i in issues] == [("X018", "error")]
    assert "集群基本信息" in issues[0].message
    # not to be ignored away, graded as settings say, and no entry verdict rests on it
    assert [i.code for i in run_rules(report, settings=Settings(ignore=["X"]))] == ["X018"]
    assert [i.severity for i in run_rules(report, settings=Settings(severity={"X018": "warning"}))] == ["warning"]
    outcome = FileOutcome(path=report.source, report=report, issues=issues)
    assert entry_verdict(outcome).status == "无法核验"


def test_every_sample_is_read_well_enough() -> None:
    for sample in sorted(SAMPLES.glob("*.docx")):
        assert not load_report(sample).reading_failed, sample.name


def test_an_unreadable_figure_in_a_row_left_to_the_other_category_is_told_not_an_error(tmp_path: Path) -> None:
    """An advanced-manufacturing report writes words in the SME-share row (仅中小企业特色产业集群填报)."""

    def words(doc: Docx) -> None:
        seg = next(s for s in segments(doc.document) if s.kind == "indicator")
        for tr in seg.data:
            if "中小企业产值" in cell_text(cells(tr)[0]) or "中小企业产值" in "".join(cell_text(c) for c in cells(tr)):
                year = sorted(r for r in seg.roles.values() if r.startswith("year:"))[-1]
                from variants.ooxml import data_cell

                set_cell_text(data_cell(seg, tr, year), "不适用本类")

    issues = _findings(_edited(tmp_path, words))
    [told] = [i for i in issues if i.code == "X001"]
    assert told.severity == "info" and "不适用本类" in told.message


def test_contents_whose_entry_holds_a_year_range_do_not_swallow_the_report(tmp_path: Path) -> None:
    """The template's own 5.1 title has a range in it (未来三年（2023-2025年）…): a typed contents entry with it
    is an entry, and the next entry alone anchors no section for good."""

    def contents(doc: Docx) -> None:
        first = next(p for p in doc.body.iter(w("p")) if para_text(p).strip().startswith(("一、", "—、")))
        for text in ("目录", "一、集群基本信息\t1", "二、集群发展总体情况\t2", "2.1集群主要经济指标\t2",
                     "三、集群核心承载园区情况\t8", "五、培育发展产业集群实施方案\t10",
                     "5.1未来三年（2023-2025年）集群主要经济指标发展目标\t10", "5.2培育发展省级产业集群实施方案\t11"):
            first.addprevious(new_paragraph(text, first))

    report = load_report(_edited(tmp_path, contents))
    assert not report.reading_failed
    assert {i.code for i in run_rules(report)} == {i.code for i in run_rules(load_report(SAMPLE))}


def _row(*texts: str, continued: tuple[int, ...] = ()):
    from reportcheck.extract.lines import Line
    from reportcheck.layout import Cell

    return Line(None, [Cell(t, 0, 1, i, continued=i in continued, norm=t) for i, t in enumerate(texts)])


def test_a_sub_row_read_by_its_own_label_against_its_parents_words_is_in_doubt() -> None:
    """集群主导产业 | 营业收入 is no row of 2.1; read as 集群企业营业收入 by its own words, its figures must not be
    judged as that row's. 进出口 | 进口额 is 进口额 for sure."""
    from reportcheck.extract.columns import HeaderMap
    from reportcheck.extract.indicators import row_index
    from reportcheck.extract.labels import SURE_SCORE
    from reportcheck.extract.row_labels import match_label
    from reportcheck.spec import template_by_stage

    index = row_index(next(t for t in template_by_stage("初赛").indicator_tables if t.id == "2.1"))
    doubtful = match_label(index, HeaderMap(), _row("集群主导产业", "营业收入", "100.5", "120.3", "19.7"))
    sure = match_label(index, HeaderMap(), _row("进出口", "进口额", "35.6", "40.2", "12.9"))
    assert doubtful is not None and doubtful.score < SURE_SCORE
    assert sure is not None and sure.row.key == "imports" and sure.score >= SURE_SCORE


def test_a_unit_nobody_listed_in_a_unit_column_is_a_unit_not_a_label() -> None:
    from reportcheck.extract.columns import read_header
    from reportcheck.extract.indicators import row_index
    from reportcheck.extract.row_labels import match_label
    from reportcheck.spec import template_by_stage

    index = row_index(next(t for t in template_by_stage("初赛").indicator_tables if t.id == "2.1"))
    header = read_header([_row("指标名称", "单位", "2021年", "2022年", "增幅（%）").cells], "indicators")
    hit = match_label(index, header, _row("出口额", "亿美元", "9.1", "10.0", "9.9"))
    assert hit is not None and hit.row.key == "exports" and [c.norm for c in hit.cells] == ["出口额"]


def test_a_value_alone_in_brackets_is_a_doubt_not_a_negative(tmp_path: Path) -> None:
    """总产值 written (1180.5): an accountant's negative or an aside — told (D008), no finding rests on it."""

    def bracket(doc: Docx) -> None:
        from variants.ooxml import data_cell

        seg = next(s for s in segments(doc.document) if s.kind == "indicator")
        year = sorted(r for r in seg.roles.values() if r.startswith("year:"))[0]
        cell = data_cell(seg, seg.data[0], year)
        set_cell_text(cell, f"({cell_text(cell)})")

    report = load_report(_edited(tmp_path, bracket))
    issues = [i for i in run_rules(report) if i.section == "2.1"]
    assert [i.code for i in issues] == ["D008"]
    assert next(i for i in report.indicators if i.key == "total_output").doubts


def test_empty_sections_one_after_another_are_no_contents_list(tmp_path: Path) -> None:
    """四、4.1、4.2、4.3 left without text: four headings back to back, but nothing repeats them later."""

    def empty_chapter_four(doc: Docx) -> None:
        paragraphs = list(doc.body.iter(w("p")))
        start = next(i for i, p in enumerate(paragraphs) if re.match(r"\s*4\.1\s*基本情况", para_text(p)))
        end = next(i for i, p in enumerate(paragraphs) if para_text(p).strip().startswith(("五、", "五.")))
        for p in paragraphs[start:end]:
            if not re.match(r"\s*4\.\d", para_text(p)) and p.getparent() is doc.body:
                doc.body.remove(p)

    issues = _findings(_edited(tmp_path, empty_chapter_four))
    assert not [i for i in issues if i.code == "X019"]


def test_a_rule_that_fails_is_one_finding_naming_it_and_the_others_stand(monkeypatch) -> None:
    """A bug in one rule (here AR001 raising) costs its own findings only: one X020 naming the rule, and
    every other rule's findings on the defective sample as before; --select keeps the X020 in sight."""
    import dataclasses

    import reportcheck.rules as rules

    report = load_report(str(SAMPLES / "prelim_advanced_split_defects.docx"))
    before = run_rules(report)
    assert any(i.code == "AR001" for i in before)

    def broken(rule, report, pack):
        raise KeyError("growth_checks")

    registry = tuple(dataclasses.replace(r, check=broken) if r.code == "AR001" else r for r in rules.REGISTRY)
    monkeypatch.setattr(rules, "REGISTRY", registry)
    after = run_rules(report)
    [failed] = [i for i in after if i.code == "X020"]
    assert "AR001" in failed.message and "KeyError" in failed.message and failed.severity == "warning"
    assert [i for i in after if i.code != "X020"] == [i for i in before if i.code != "AR001"]
    assert [i.code for i in run_rules(report, settings=Settings(select=["AR001"]))] == ["X020"]


def test_a_first_table_showing_one_year_of_two_does_not_make_the_year_before_the_latest(tmp_path: Path) -> None:
    """2.1's two year headers run together into one cell (2021年2022年, as a scan's lost dotted line leaves
    them): its reader finds one year. The report's years are those of the first table that shows two — not
    2021 alone, which made every count of 2021 against the 2022 lists a CO005 warning."""
    def run_together(doc: Docx) -> None:
        table = next(t for t in doc.body.iter(w("tbl")) if any(cell_text(c).startswith("集群总产值")
                                                                  for c in t.iter(w("tc"))))
        header = cells(rows(table)[0])
        set_cell_text(header[1], "2021年2022年")
        set_cell_text(header[2], "")

    report = load_report(_edited(tmp_path, run_together))
    assert report.years == ["2021", "2022"]
    assert not [i for i in run_rules(report) if i.code == "CO005"]
