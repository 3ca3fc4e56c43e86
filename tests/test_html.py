"""``check --format html``: one self-contained document whose findings link to the cells they name.

The documents are parsed (lxml.html) and compared with the findings and the model of the same
files, so what is asserted is where each finding lands, not a copy of the output."""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import lxml.html
import pytest
from docx import Document
from docx.shared import Cm

from conftest import BAD, SAMPLES
from reportcheck.cli import main
from reportcheck.model import Indicator, Loc
from reportcheck.outcome import FileOutcome, check_file
from reportcheck.render.grouping import section_key
from reportcheck.render.html import render_report
from reportcheck.render.titles import section_titles
from reportcheck.spec import load_json_resource
from test_ocr_doubts import _read_as_scanned

DEFECTS = SAMPLES / "prelim_advanced_split_defects.docx"
MERGED = SAMPLES / "prelim_advanced_merged_defects.docx"
CLEAN = SAMPLES / "prelim_advanced_split_clean.docx"
PAYLOAD = "<script>alert('x')</script>"


@cache
def _outcome(path: Path) -> FileOutcome:
    return check_file(str(path), load_json_resource("rules", "hunan_competition_2023.json"))


def _html(*paths: Path, banner: str = "") -> str:
    return render_report([_outcome(p) for p in paths], section_titles(), banner=banner)


def _tree(document: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(document)


def _classes(element: lxml.html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _key(loc: Loc) -> tuple:
    return (loc.table, loc.row, loc.col)


def _indicator_at(indicators: list[Indicator], loc: Loc) -> tuple[Indicator, bool] | None:
    """The indicator ``loc`` names and whether it names one of its figure cells (else its row: its
    label cell, where an evidence page may be written too)."""
    for ind in indicators:
        cells = {_key(cell) for cell in getattr(ind, "cells", {}).values()} - {_key(ind.location or Loc())}
        if _key(loc) in cells:
            return ind, True
    for ind in indicators:
        if ind.location and (ind.location.table, ind.location.row) == (loc.table, loc.row):
            return ind, False
    return None


def _row_of(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    return element if element.tag == "tr" else next(element.iterancestors("tr"))


def _indicator_rows(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return tree.xpath("//table[contains(@class, 'indicators')]/tbody/tr")


def _label(row: lxml.html.HtmlElement) -> str:
    return row.xpath("string(./th[1]/text())").strip()


@pytest.mark.parametrize("path", [DEFECTS, MERGED], ids=["split", "merged"])
def test_every_finding_is_listed_and_links_to_its_highlighted_row_or_cell(path):
    outcome = _outcome(path)
    tree = _tree(_html(path))
    items = tree.xpath("//li[contains(@class, 'finding')]")
    assert len(items) == len(outcome.issues) > 5
    linked = 0
    for issue in outcome.issues:
        [item] = [li for li in items if (li.xpath("string(.//code)"), li.xpath("string(.//*[@class='msg'])"))
                  == (issue.code, issue.message)]
        assert f"sev-{issue.severity}" in _classes(item)
        if issue.location is None or issue.location.table is None:
            continue
        named = _indicator_at(outcome.report.indicators, issue.location)
        if named is None:
            continue
        ind, cell = named
        [link] = item.xpath(".//a[@class='goto']")
        target = tree.get_element_by_id(link.get("href").removeprefix("#"))
        assert {"hl", f"sev-{issue.severity}"} <= _classes(target), issue.code
        assert (target.tag == "td") == cell, issue.code
        assert _label(_row_of(target)) == ind.label, issue.code
        back = [a.get("href") for a in target.xpath(".//a[contains(@class, 'mark')]")]
        assert f"#{item.get('id')}" in back, "the highlighted place links back to its finding"
        linked += 1
    assert linked >= 5


def test_the_growth_error_highlights_the_total_output_row():
    outcome = _outcome(DEFECTS)
    ar001 = next(i for i in outcome.issues if i.code == "AR001" and i.field == "集群总产值")
    tree = _tree(_html(DEFECTS))
    item = tree.xpath(f"//li[contains(@class, 'finding')][.//code[text()='AR001']][contains(., '{ar001.message}')]")[0]
    target = tree.get_element_by_id(item.xpath(".//a[@class='goto']/@href")[0][1:])
    assert "sev-error" in _classes(target)
    row = _row_of(target)
    assert _label(row) == "集群总产值"
    assert row.xpath("ancestor::section[@class='data-section']/h4/text()")[0].startswith("2.1")


def test_findings_are_grouped_by_section_in_template_order():
    tree = _tree(_html(DEFECTS))
    file_section = tree.xpath("//section[@class='file']")[0]
    headings = [h.text for h in file_section.xpath("./h4[following-sibling::ol[1][@class='findings']]")]
    sections = [None if h == "全文" else h.split()[0] for h in headings]
    assert sections == sorted(sections, key=section_key)
    assert {i.section for i in _outcome(DEFECTS).issues} == set(sections)


def test_tables_show_the_figures_and_how_each_table_was_read():
    report = _outcome(MERGED).report
    tree = _tree(_html(MERGED))
    for section in sorted({i.section for i in report.indicators}):
        block = next(s for s in tree.xpath("//section[@class='data-section']")
                     if s.xpath("string(h4)").startswith(section + " "))
        labels = [_label(tr) for tr in block.xpath(".//table[contains(@class, 'indicators')]/tbody/tr")]
        assert labels == [i.label for i in report.indicators if i.section == section]
        [reading] = block.xpath("./table[contains(@class, 'indicators')]/following-sibling::*[1]")
        assert reading.tag == "details" and reading.xpath("string(summary)") == "表格读取方式"
        assert reading.get("open") is None, "collapsed on screen"
    park = next(i for i in report.indicators if i.section == "3.1" and i.cluster_values)
    row = next(tr for tr in _indicator_rows(tree) if _label(tr) == park.label)
    year = max(park.cluster_values)
    assert f"{park.cluster_values[year]:.1f}" in [td.text for td in row.xpath("./td")]
    top10 = report.list_table("top10_revenue")
    names = tree.xpath("(//table[contains(@class, 'list')])[1]/tbody/tr/td[2]/text()")
    assert names == [r.values["name"] for r in top10.rows]


def test_a_figure_read_in_doubt_is_marked(tmp_path):
    doc = Document(str(CLEAN))
    table = next(t for t in doc.tables if any(r.cells[0].text.startswith("集群总产值") for r in t.rows))
    table.add_column(Cm(2))
    table.rows[0].cells[-1].text = "2022年"
    for row in table.rows[1:]:
        row.cells[-1].text = "9999.9"
    path = tmp_path / "two_2022_columns.docx"
    doc.save(str(path))
    tree = _tree(_html(path))
    row = next(tr for tr in _indicator_rows(tree) if _label(tr) == "集群总产值")
    [doubt] = row.xpath(".//*[@class='doubt']")
    assert doubt.get("title").startswith("存疑") and doubt.text_content() == "1326.8"
    assert "存疑" in row.text_content()


def test_an_unreadable_file_shows_its_message_and_no_tables():
    path = BAD / "truncated.docx"
    outcome = _outcome(path)
    assert outcome.error is not None
    tree = _tree(_html(path))
    [section] = tree.xpath("//section[@class='file']")
    assert outcome.error.zh in section.xpath("string(.//*[@class='unreadable'])")
    assert not section.xpath(".//table")


def test_the_document_is_self_contained():
    document = _html(DEFECTS, BAD / "truncated.docx")
    assert "http://" not in document and "https://" not in document
    tree = _tree(document)
    assert tree.get("lang") == "zh-CN"
    assert tree.xpath("//meta/@charset") == ["utf-8"]
    assert not tree.xpath("//*[@src] | //link | //img | //iframe | //object")
    assert all(href.startswith("#") for href in tree.xpath("//a/@href"))
    assert "@media print" in tree.xpath("string(//style)")
    for href in tree.xpath("//a/@href"):
        assert tree.get_element_by_id(href[1:]) is not None, href


def test_text_from_the_report_comes_out_escaped(tmp_path):
    doc = Document(str(DEFECTS))
    cluster = next(r for t in doc.tables for r in t.rows if r.cells[0].text.strip() == "集群名称")
    cluster.cells[1].text = PAYLOAD
    company = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text == "湖南智行汽车股份有限公司")
    company.text = PAYLOAD
    path = tmp_path / "planted.docx"
    doc.save(str(path))
    document = _html(path)
    assert PAYLOAD not in document
    tree = _tree(document)
    assert not any("alert" in (s.text or "") for s in tree.xpath("//script"))
    shown = [td for td in tree.xpath("//td") if td.text == PAYLOAD]
    assert len(shown) >= 2, "the planted text is shown as text, in basic information and in the list"


def test_the_banner_opens_the_body():
    tree = _tree(_html(DEFECTS, banner='<form id="upload"></form>'))
    assert tree.body[0].get("id") == "upload"


def test_cli_writes_one_document_and_prints_nothing(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["check", str(DEFECTS), "--format", "html", "-o", str(out)]) == 1
    assert capsys.readouterr().out == ""
    tree = _tree(out.read_text("utf-8"))
    assert len(tree.xpath("//section[@class='file']")) == 1
    codes = {i["code"] for i in json.loads(_json(DEFECTS, capsys))[0]["issues"]}
    assert codes == set(tree.xpath("//li[contains(@class, 'finding')]//code/text()"))


def _json(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    main(["check", str(path), "--format", "json"])
    return capsys.readouterr().out


def test_several_files_make_one_document_with_a_combined_summary(tmp_path, capsys):
    clean = tmp_path / "clean.docx"
    shutil.copy(CLEAN, clean)
    out = tmp_path / "all.html"
    files = [clean, DEFECTS, BAD / "truncated.docx"]
    assert main(["check", *map(str, files), "--format", "html", "-o", str(out)]) == 2
    assert capsys.readouterr().out == ""
    document = out.read_text("utf-8")
    assert document.count("<html") == 1
    tree = _tree(document)
    sections = tree.xpath("//section[@class='file']")
    assert [s.xpath("string(h2)") for s in sections] == [p.name for p in files]
    summary = tree.xpath("//section[@class='combined']//tbody/tr")
    assert [tr.xpath("string(td[1])") for tr in summary] == [p.name for p in files]
    assert [tr.xpath("td[1]/a/@href")[0] for tr in summary] == [f"#{s.get('id')}" for s in sections]
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique across files"


def test_the_report_says_when_against_which_pack_and_by_which_version_for_filing(tmp_path) -> None:
    import datetime

    from reportcheck import __version__
    from reportcheck.cli import main

    out = tmp_path / "r.html"
    assert main(["check", str(SAMPLES / "prelim_advanced_split_defects.docx"), "--format", "html", "-o", str(out),
                 "--pack", "guangdong"]) == 1
    page = out.read_text("utf-8")
    assert f"检查时间 {datetime.date.today():%Y-%m-%d}" in page and "规则包 guangdong" in page
    assert f"reportcheck {__version__}" in page


def test_a_finding_on_the_evidence_chapter_heads_by_its_name() -> None:
    """A scan's page range of the evidence read unsurely is said in chapter 7, which no table or text block
    names: its findings head by the chapter's title (佐证材料), as every template names it, not a bare 7."""
    report = _read_as_scanned(CLEAN, "佐证材料")
    outcome = FileOutcome(str(CLEAN), report, [i for i in report.extraction_issues if i.section == "7"])
    assert outcome.issues
    headings = _tree(render_report([outcome], section_titles())).xpath("//section[@class='file']/h4/text()")
    assert "7 佐证材料" in headings
