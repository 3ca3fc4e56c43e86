"""What a reading in doubt keeps from the rules, on real samples whose layout is marked as a scan's OCR
would mark it (a cell's or paragraph's confidence), and the edges of deciding what is a scan.

``tests/test_scans.py`` reads the scanned twins themselves; these cases plant one doubt each where
the twins happen to have none."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import NEEDS_OCR, SAMPLES, SCANNED, report_of
from reportcheck.extract.report import extract
from reportcheck.figures import doubtful, figures
from reportcheck.layout import Cell, Paragraph, Table
from reportcheck.model import Issue, Report
from reportcheck.normalize.text import normalize_document
from reportcheck.readers import read_document
from reportcheck.rules import SCANNED_NOTE, load_pack, run_rules

ADVANCED = SAMPLES / "prelim_advanced_merged_clean.docx"


def _read_as_scanned(path: Path, unsure: str, confidence: float = 0.5, sure: float = 0.99) -> Report:
    """The report with every cell and paragraph read as OCR would (confidence ``sure``) and those whose
    text contains ``unsure`` at ``confidence``."""
    doc = normalize_document(read_document(path))
    for block in doc.iter_blocks():
        items = [block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]
        for item in items:
            assert isinstance(item, Cell | Paragraph)
            item.confidence = confidence if unsure and unsure in item.text else sure
    return extract(doc)


def _codes(report: Report) -> set[str]:
    return {i.code for i in run_rules(report) if i.severity != "info"}


def test_a_category_read_in_doubt_is_not_used_and_is_not_called_unknown() -> None:
    report = _read_as_scanned(ADVANCED, "先进制造业集群")
    assert "category" in report.basic.doubts and report.category is None
    assert "X007" not in {i.code for i in report.extraction_issues}
    assert any(i.code == "D004" and i.field == "申报类别" for i in report.extraction_issues)


def test_an_evidence_page_read_in_doubt_is_neither_checked_nor_missing() -> None:
    plain = report_of(ADVANCED)
    report = _read_as_scanned(ADVANCED, "P11")
    champions = next(i for i in report.indicators if 11 in i.evidence_pages)
    assert "page:11" in champions.doubts
    narrowed = dataclasses.replace(report, evidence_range=(12, 40))  # page 11 would be out of the range
    assert not [i for i in run_rules(narrowed) if i.code in ("EV001", "EV002") and i.field == champions.label]
    assert [i for i in run_rules(dataclasses.replace(plain, evidence_range=(12, 40)))
            if i.code == "EV002" and i.field == champions.label]  # read for sure, it is a finding


def test_a_text_block_read_by_ocr_is_over_its_limit_only_past_the_ocr_margin() -> None:
    report = _read_as_scanned(ADVANCED, "")
    block = next(b for b in report.texts if b.limit)
    assert block.ocr_margin == pytest.approx(0.03)
    over = dataclasses.replace(block, word_count=block.limit + block.limit // 100)  # 1 % over
    assert "TX001" not in _codes(dataclasses.replace(report, texts=[over]))
    assert "TX001" in _codes(dataclasses.replace(report, texts=[dataclasses.replace(over, ocr_margin=0.0)]))


def test_a_top_ten_list_with_its_largest_figure_in_doubt_cannot_show_there_is_no_chain_leader() -> None:
    report = report_of(ADVANCED)
    rule = load_pack()["thresholds"]["advanced_chain_leader_revenue_min"]
    year = report.years[-1]
    table = report.list_table(rule["list"])
    small = [dataclasses.replace(r, by_year={rule["column"]: {year: 5.0}}) for r in table.rows]
    doubted = dataclasses.replace(small[0], doubts={f"{rule['column']}:{year}": "扫描件识别置信度54%"})
    lists = [dataclasses.replace(t, rows=[doubted, *small[1:]]) if t is table else t for t in report.lists]
    codes = {i.code: i.severity for i in run_rules(dataclasses.replace(report, lists=lists))}
    assert "EL002" not in codes and codes.get("EL009") == "info"
    sure = [dataclasses.replace(t, rows=small) if t is table else t for t in report.lists]
    assert "EL002" in {i.code for i in run_rules(dataclasses.replace(report, lists=sure))}


def test_an_image_page_in_a_text_pdf_is_not_read_by_ocr(tmp_path: Path) -> None:
    """A photo or certificate page among the text pages (the evidence appendix) leaves the reading as it
    was, and is not sent to OCR (nor refused where OCR is not installed)."""
    twin = SAMPLES / "pdf" / "prelim_advanced_merged_clean.pdf"
    pdf = pdfium.PdfDocument(str(twin))
    pdf.import_pages(pdfium.PdfDocument(str(SCANNED / "prelim_advanced_merged_clean.scan.pdf")), [1])
    mixed = tmp_path / "with_photo.pdf"
    pdf.save(str(mixed))
    report = report_of(mixed)
    assert report.scanned_pages == []
    assert figures(report) == figures(report_of(twin))


@NEEDS_OCR
def test_scanned_pages_inside_a_text_pdf_are_read_by_ocr_and_said_once(tmp_path: Path) -> None:
    """Pages printed, signed and scanned back into their places among a text PDF's pages (its tables 2.1–2.3)
    are the report's own: read by OCR, their figures as the text twin's or in doubt, and said once (X022);
    before, the tables on them were "not found"."""
    twin = SAMPLES / "pdf" / "prelim_advanced_merged_clean.pdf"
    scan = pdfium.PdfDocument(str(SCANNED / "prelim_advanced_merged_clean.scan.pdf"))
    pdf = pdfium.PdfDocument(str(twin))
    pdf.del_page(1)
    pdf.import_pages(scan, [1], index=1)  # page 2, where 2.1 and 2.2 stand, as an image
    mixed = tmp_path / "page_2_scanned.pdf"
    pdf.save(str(mixed))
    report, printed = report_of(mixed), report_of(twin)
    assert report.scanned_pages == [2]
    [said] = [i for i in report.extraction_issues if i.code == "X022"]
    assert said.severity == "info" and "第2页" in said.message
    on_page_2 = [f"{i.section}.{i.key}" for i in printed.indicators if i.location and i.location.page == 2]
    assert on_page_2
    got, want, doubted = figures(report), figures(printed), doubtful(report)
    wrong = [k for k in want if k.rsplit(".", 1)[0] in on_page_2 and got.get(k) != want[k] and k not in doubted]
    assert wrong == []
    assert {i.code for i in run_rules(report)} - {i.code for i in run_rules(printed)} <= {"X022", "D004", "EL009"}


@NEEDS_OCR
def test_a_scan_of_one_tiny_page_is_not_a_report_and_no_crash(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.pdfgen import canvas

    image = tmp_path / "dot.png"
    Image.new("RGB", (8, 8), "black").save(image)
    tiny = tmp_path / "tiny.pdf"
    page = canvas.Canvas(str(tiny), pagesize=(8, 8))
    page.drawImage(str(image), 0, 0, 8, 8)
    page.save()
    run = subprocess.run([sys.executable, "-m", "reportcheck", "check", "--format", "json", str(tiny)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    [result] = json.loads(run.stdout)
    assert result["error"]["reason"] == "ocr_no_text"  # OCR found nothing on it to read: one line, exit 2


def _with_long_top_list(tmp_path: Path) -> Path:
    """The sample with its 营业收入排名前十 list made 19 rows long (nine of its rows copied after the tenth),
    as an OCR that took neighbouring text into the list reads it."""
    import copy

    import docx

    document = docx.Document(str(ADVANCED))
    table = next(t for t in document.tables if any("排名前十" in c.text for r in t.rows for c in r.cells))
    header = next(i for i, r in enumerate(table.rows) if r.cells[2].text.strip() == "2021年"
                  and "企业名称" in r.cells[0].text)
    first, last = table.rows[header + 1]._tr, table.rows[header + 10]._tr
    for tr in [table.rows[header + 1 + n]._tr for n in range(9)][::-1]:
        last.addnext(copy.deepcopy(tr))
    assert first is not last
    out = tmp_path / "long_list.docx"
    document.save(str(out))
    return out


def test_a_scans_list_read_past_its_templates_length_is_one_doubt_and_no_error(tmp_path: Path) -> None:
    """Word: 19 rows in a top-10 list is CO006 (an error). A scan read so: the OCR took other rows in —
    the list is one D004 naming its 19 rows, and no finding counts them."""
    path = _with_long_top_list(tmp_path)
    word = report_of(path)
    assert "CO006" in {i.code for i in run_rules(word)}
    scan = _read_as_scanned(path, "")
    top = scan.list_table("top10_revenue")
    assert top is not None and len(top.rows) == 19
    issues = run_rules(scan)
    assert "CO006" not in {i.code for i in issues}
    [said] = [i for i in issues if i.code == "D004" and i.field == top.title]
    assert "19行" in said.message and "超过模板的10行" in said.message


def test_a_scans_figure_far_out_of_scale_with_the_other_year_is_a_doubt(tmp_path: Path) -> None:
    """企业数量 2021 read as 412455 (two cells run together) against 455 in 2022: in Word an AR001 on the
    growth; read from a scan, both figures doubts, each naming the other (which one was misread the row
    cannot tell), and no finding on the row."""
    import docx

    document = docx.Document(str(ADVANCED))
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith("企业数量"))
    cell = row.cells[2]
    cell.paragraphs[0].runs[0].text = "412455"
    for run in cell.paragraphs[0].runs[1:]:
        run.text = ""
    path = tmp_path / "run_together.docx"
    document.save(str(path))
    word = run_rules(report_of(path))
    assert any(i.code == "AR001" and i.field == "企业数量" for i in word)
    scan = _read_as_scanned(path, "")
    issues = run_rules(scan)
    assert not [i for i in issues if i.field == "企业数量" and i.severity != "info"]
    said = [i for i in issues if i.code == "D004" and i.field == "企业数量"]
    high, low = sorted(said, key=lambda i: "412455" in i.message, reverse=True)
    assert "412455" in high.message and "455的906倍" in high.message
    assert "“企业数量”2022年" in low.message and "412455的906分之一" in low.message


def test_a_scans_thousands_comma_read_as_a_point_is_a_doubt_and_no_error(tmp_path: Path) -> None:
    """集群从业人员数量 2021 printed 86,500 and read 86.500 (the comma a point) against 92300 in 2022: in Word
    an error (a count is a whole number; the growth does not fit); read from a scan, a doubt saying the comma
    may have been read as a point, and no finding on the row."""
    import docx

    document = docx.Document(str(ADVANCED))
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith("集群从业人员数量"))
    _set_text(row.cells[-3], f"{float(row.cells[-3].text) / 1000:.3f}")
    path = tmp_path / "comma_as_point.docx"
    document.save(str(path))
    assert any(i.severity == "error" and i.field == "集群从业人员数量" for i in run_rules(report_of(path)))
    issues = run_rules(_read_as_scanned(path, ""))
    assert not [i for i in issues if i.field == "集群从业人员数量" and i.severity != "info"]
    assert any(i.code == "D004" and "千分位逗号" in i.message for i in issues if i.field == "集群从业人员数量")


def test_a_scans_figure_over_its_growths_column_is_a_doubt_that_the_two_ran_together(tmp_path: Path) -> None:
    """The line between 集群从业人员数量's later year and its growth lost on a phone photo: one cell over both
    columns, read 86807.3 (8680 and 7.3). In Word such a cell is the applicant's and its figure is CO004
    (a count with a fraction); read from a scan, a doubt saying the two cells may have run together, and no
    finding rests on it."""
    import docx

    document = docx.Document(str(ADVANCED))
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith("集群从业人员数量"))
    later, growth = row.cells[-2], row.cells[-1]
    glued = later.text.strip() + growth.text.strip()
    merged = later.merge(growth)
    for paragraph in merged.paragraphs[1:]:  # the growth's own paragraph, which merging keeps
        paragraph._element.getparent().remove(paragraph._element)
    _set_text(merged, glued)
    path = tmp_path / "run_together.docx"
    document.save(str(path))
    assert any(i.code == "CO004" and i.field == "集群从业人员数量" for i in run_rules(report_of(path)))
    issues = run_rules(_read_as_scanned(path, ""))
    assert not [i for i in issues if i.field == "集群从业人员数量" and i.severity != "info"]
    [said] = [i for i in issues if i.code == "D004" and i.field == "集群从业人员数量"]
    assert glued in said.message and "连在一起" in said.message


def test_a_scans_header_cell_over_a_year_and_its_growth_gives_each_column_its_own(tmp_path: Path) -> None:
    """A fax lost the line between 2.2's 2022年 and 增幅（%） in the header row only: one header cell over both
    columns reads 2022年增幅（%）, and both columns had been taken as growth (on the fax, D002 on every row; here,
    where the growth is found by its place, the table's years read wrong, X011). Each column takes its own
    header, in order, and 2.2 reads as printed with nothing said about it."""
    import docx

    document = docx.Document(str(ADVANCED))
    table = next(t for t in document.tables if any(c.text.strip().startswith("企业数量") for c in t.columns[0].cells))
    header = next(r for r in table.rows if r.cells[-1].text.strip().startswith("增幅"))
    later, growth = header.cells[-2], header.cells[-1]
    joined = later.text.strip() + growth.text.strip()
    merged = later.merge(growth)
    for paragraph in merged.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    _set_text(merged, joined)
    path = tmp_path / "header_run_together.docx"
    document.save(str(path))
    scan, printed = _read_as_scanned(path, ""), report_of(ADVANCED)
    assert [i.code for i in scan.extraction_issues if i.section == "2.2"] == []  # no D002, no X011 on its years
    want = {k: v for k, v in figures(printed).items() if k.startswith("2.2.")}
    assert want and {k: figures(scan).get(k) for k in want} == want


def test_a_scans_two_rows_read_as_one_with_their_labels_wrapped_are_two_rows_again(tmp_path: Path) -> None:
    """The rule between 进口额 and 出口额 lost on a scan: one row whose figures stand two lines a cell and whose
    narrow label column wrapped each name (进口额（亿⏎元）⏎出口额（亿⏎元）). Its label's lines are cut into as
    many names as the figures' lines, and both rows read as printed."""
    import docx

    document = docx.Document(str(ADVANCED))
    imports = _imports_row(document)
    exports = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith("出口额"))
    for ours, theirs in zip(imports.cells[1:], exports.cells[1:], strict=True):
        ours.add_paragraph(theirs.text.strip())
    label = imports.cells[0]
    _set_text(label, "进口额（亿")
    for line in ("元）", "出口额（亿", "元）"):
        label.add_paragraph(line)
    exports._tr.getparent().remove(exports._tr)
    path = tmp_path / "rows_run_together.docx"
    document.save(str(path))
    scan, printed = _read_as_scanned(path, ""), report_of(ADVANCED)
    want = {k: v for k, v in figures(printed).items() if k.startswith(("2.1.imports.", "2.1.exports."))
            and not k.endswith(".pages")}
    assert want and {k: figures(scan).get(k) for k in want} == want


def test_a_scans_one_figure_over_both_years_of_a_row_grown_by_nothing_stands_for_both(tmp_path: Path) -> None:
    """国家级单项冠军数量 the same in both years, written once over both year columns, its growth 0.0 (a habit
    of some hands). On a scan a cell over both years may be a lost line, so alone it says nothing; with the
    row's growth 0, its one figure is both years', as in Word. Over a row that grew, it is a doubt."""
    import docx

    document = docx.Document(str(ADVANCED))
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith("国家级单项冠军数量"))
    earlier, later, growth = row.cells[-3], row.cells[-2], row.cells[-1]
    figure = earlier.text.strip()
    merged = earlier.merge(later)
    for paragraph in merged.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    _set_text(merged, figure)
    _set_text(growth, "0.0")
    path = tmp_path / "merged_years.docx"
    document.save(str(path))
    word, scan = report_of(path), _read_as_scanned(path, "")
    [ours] = [i for i in scan.indicators if i.label == "国家级单项冠军数量"]
    [theirs] = [i for i in word.indicators if i.label == "国家级单项冠军数量"]
    assert ours.values == theirs.values and len(set(ours.values.values())) == 1 and not ours.doubts
    _set_text(growth, "50.0")
    document.save(str(path))
    [grew] = [i for i in _read_as_scanned(path, "").indicators if i.label == "国家级单项冠军数量"]
    assert grew.doubts


@pytest.mark.parametrize("growth", ["—", ""])
def test_a_scans_zero_over_both_years_with_no_growth_stands_for_both(tmp_path: Path, growth: str) -> None:
    """获得国家科技进步奖数量 0 in both years, written once over both year columns; 0 to 0 has no growth, so
    the growth is "—" or left blank (seen on a scan made by another hand). Its 0 is both years', as in
    Word; a figure other than 0 so written, with no growth to say it did not change, stays a doubt."""
    import docx

    document = docx.Document(str(ADVANCED))
    row = next(r for t in document.tables for r in t.rows
               if r.cells[0].text.strip().startswith("获得国家科技进步奖数量"))
    earlier, later, growth_cell = row.cells[-3], row.cells[-2], row.cells[-1]
    merged = earlier.merge(later)
    for paragraph in merged.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    _set_text(merged, "0")
    _set_text(growth_cell, growth)
    path = tmp_path / "zero_over_both_years.docx"
    document.save(str(path))
    [ours] = [i for i in _read_as_scanned(path, "").indicators if i.label == "获得国家科技进步奖数量"]
    assert set(ours.values.values()) == {0} and len(ours.values) == 2 and not ours.doubts
    _set_text(merged, "3")
    document.save(str(path))
    [three] = [i for i in _read_as_scanned(path, "").indicators if i.label == "获得国家科技进步奖数量"]
    assert three.doubts and None in three.values.values()


def test_a_scans_cluster_name_off_the_cultivation_list_is_a_hint() -> None:
    """EL006 compares the cluster's name character for character with the list of 培育对象; on a scan one
    character misread (钓具 as 钧具) puts a listed cluster off the list, so there it is a hint saying so."""
    path = SAMPLES / "external" / "Y03.docx"  # a 决赛 report whose cluster is not on the first list
    [word] = [i for i in run_rules(report_of(path)) if i.code == "EL006"]
    scanned = dataclasses.replace(_read_as_scanned(path, ""), scanned_pages=[1])  # its pages read by OCR
    [scan] = [i for i in run_rules(scanned) if i.code == "EL006"]
    assert word.severity == "warning" and scan.severity == "info" and scan.message.endswith(SCANNED_NOTE)


def test_a_scans_self_evaluation_missing_an_aspect_is_a_hint() -> None:
    """TX002 looks for words naming the aspects the form asks for; on a scan a line the OCR lost or ran into
    another page's (two pages side by side on an A3 scan) takes its words, so there it is a hint saying so."""
    path = SAMPLES / "prelim_sme_merged_defects.docx"  # its self-evaluation leaves aspects out
    [word] = [i for i in run_rules(report_of(path)) if i.code == "TX002"]
    scanned = dataclasses.replace(report_of(path), scanned_pages=[1])
    [scan] = [i for i in run_rules(scanned) if i.code == "TX002"]
    assert word.severity == "warning" and scan.severity == "info" and scan.message.endswith(SCANNED_NOTE)


def _set_text(cell, text: str) -> None:
    """A Word cell's text replaced, its first run's formatting kept."""
    cell.paragraphs[0].runs[0].text = text
    for run in cell.paragraphs[0].runs[1:]:
        run.text = ""


def _imports_row(document):
    return next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith("进口额"))


def _imports_doubt(document, path: Path) -> Issue:
    """The 进口额 row as edited: AR001 in Word; read from a scan, no finding but the one doubt returned."""
    document.save(str(path))
    assert any(i.code == "AR001" and i.field == "进口额" for i in run_rules(report_of(path)))
    issues = run_rules(_read_as_scanned(path, ""))
    assert not [i for i in issues if i.field == "进口额" and i.severity != "info"]
    [said] = [i for i in issues if i.code == "D004" and i.field == "进口额"]
    return said


def test_a_scans_growth_that_fits_only_with_the_other_sign_is_a_doubt(tmp_path: Path) -> None:
    """进口额 falls (a growth of -x) and the OCR of a dark copy lost the thin minus sign: in Word
    a growth written without its sign is AR001; read from a scan, a doubt saying the sign may be lost."""
    import docx

    document = docx.Document(str(ADVANCED))
    row = _imports_row(document)
    v0, v1 = (float(row.cells[i].text) for i in (-3, -2))
    computed = (v0 / v1 - 1) * 100  # the two years swapped: the cluster shrank
    for i, text in ((-3, row.cells[-2].text), (-2, row.cells[-3].text), (-1, f"{abs(computed):.1f}")):
        _set_text(row.cells[i], text)
    said = _imports_doubt(document, tmp_path / "sign_lost.docx")
    assert "负号可能未识别" in said.message and f"{computed:.1f}%" in said.message


def test_a_scans_figure_that_lost_its_decimal_point_is_a_doubt_not_a_wrong_growth(tmp_path: Path) -> None:
    """进口额's later year with its point lost (12.6 → 126, a point is a speck the recogniser may drop): in
    Word the growth no longer fits and is AR001; read from a scan, that year is a doubt naming the point,
    and no finding rests on it."""
    import docx

    document = docx.Document(str(ADVANCED))
    later = _imports_row(document).cells[-2]
    assert "." in later.text
    _set_text(later, later.text.replace(".", ""))
    said = _imports_doubt(document, tmp_path / "point_lost.docx")
    assert "小数点" in said.message and later.text in said.message


def test_a_scans_target_row_figure_far_off_the_rest_of_its_row_is_a_doubt(tmp_path: Path) -> None:
    """5.1's 集群总产值 上一年实际值 with its point lost (1326.8 → 13268, as a coarse copy read it): in Word it
    differs from 2.1 (AR005) and stands above the next year's target (CO012); read from a scan, where the targets
    beside it (1480, 1650, 1850) agree among themselves, it is one doubt quoting them, and no finding rests on it."""
    import docx

    document = docx.Document(str(ADVANCED))
    row = next(r for t in document.tables for r in t.rows
               if r.cells[0].text.startswith("集群总产值") and r.cells[1].text == "1326.8")
    targets = [c.text for c in row.cells[2:]]
    _set_text(row.cells[1], "13268")
    path = tmp_path / "target_point_lost.docx"
    document.save(str(path))
    assert {"AR005", "CO012"} <= {i.code for i in run_rules(report_of(path)) if i.field == "集群总产值"}
    issues = [i for i in run_rules(_read_as_scanned(path, "")) if i.field == "集群总产值"]
    assert [i.code for i in issues] == ["D004"]
    assert "13268" in issues[0].message and all(f"{float(t):g}" in issues[0].message for t in targets)


@pytest.mark.parametrize("stamped", ["（4）集群创新情况 甲核", "2.4集群创新情况!已审核!", '2.4集群创新情况L_匕审核"7'])
def test_a_scans_heading_with_a_stamps_words_beside_it_is_still_the_heading(stamped: str, tmp_path: Path) -> None:
    """A blue 已审核 stamped right of a heading is read on the heading's line (（4）集群创新情况 甲核: a part of it;
    on a black-and-white scan with its frame read as marks round it): from a scan the heading is found without
    those words, and its table read."""
    import docx

    path = SAMPLES / "prelim_advanced_split_clean.docx"
    document = docx.Document(str(path))
    heading = next(p for p in document.paragraphs if p.text.strip().startswith("2.4"))
    heading.runs[0].text = stamped  # （4）: numbered within its chapter, as some applicants do
    for run in heading.runs[1:]:
        run.text = ""
    stamped = tmp_path / "stamped.docx"
    document.save(str(stamped))
    innovation = {i.key for i in report_of(path).indicators if i.section == "2.4"}
    scan = _read_as_scanned(stamped, "")
    assert innovation and innovation <= {i.key for i in scan.indicators if i.section == "2.4"}


def test_a_scans_title_row_a_stamps_frame_cut_in_two_is_still_the_heading() -> None:
    """A title row (2.4、集群创新情况, one cell across the table) with a stamp pressed beside the title, from a
    black-and-white scan: the stamp's frame read as a column line, the row is the title and a cell of the
    stamp's words (已审核). The section is still found there and its table read; a row whose second cell holds
    a figure is no such title."""
    path = SAMPLES / "prelim_sme_merged_messy.docx"
    innovation = {i.key for i in report_of(path).indicators if i.section == "2.4"}

    def cut(beside: str) -> Report:
        doc = normalize_document(read_document(path))
        for block in doc.iter_blocks():
            items = [block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]
            for item in items:
                item.confidence = 0.99
            for row in [] if isinstance(block, Paragraph) else block.rows:
                if row and row[0].norm.startswith("2.4") and row[0].colspan > 2:
                    title = row[0]
                    row.append(dataclasses.replace(title, text=beside, norm=beside, col=2, colspan=title.colspan - 2))
                    title.colspan = 2
        return extract(doc)

    assert innovation and innovation <= {i.key for i in cut("已审核").indicators if i.section == "2.4"}
    assert not {i.key for i in cut("12").indicators if i.section == "2.4"}


def test_a_scans_year_header_with_a_2_read_as_z_is_that_year(tmp_path: Path) -> None:
    """A black-and-white scan's header 2022年 read as Z022年 (2O22年, 20l9年: a digit read as the letter like
    it) is the year's column: its figures are read, not dropped as a column of no known meaning."""
    import docx

    document = docx.Document(str(ADVANCED))
    table = next(t for t in document.tables if any(r.cells[0].text.strip().startswith("集群总产值") for r in t.rows))
    header = next(c for r in table.rows for c in r.cells if c.text.strip().startswith("2022"))
    _set_text(header, header.text.strip().replace("2022", "Z022", 1))
    path = tmp_path / "z_year.docx"
    document.save(str(path))
    plain = {i.key: i.values for i in report_of(ADVANCED).indicators if i.section == "2.1"}
    read = {i.key: i.values for i in _read_as_scanned(path, "").indicators if i.section == "2.1"}
    assert plain and read == plain


def test_a_scans_label_with_dashes_at_its_end_is_the_row_it_names(tmp_path: Path) -> None:
    """A label read with dashes after it (集群从业人员数量（人）----: a stamp's frame or a rule read into the
    cell) is still the row of 集群从业人员数量."""
    import docx

    document = docx.Document(str(ADVANCED))
    row = _imports_row(document)
    label = row.cells[0].text.strip()
    _set_text(row.cells[0], label + "----")
    path = tmp_path / "dashes.docx"
    document.save(str(path))
    plain = {i.key: i.values for i in report_of(ADVANCED).indicators if label.startswith(i.label)}
    read = {i.key: i.values for i in _read_as_scanned(path, "").indicators if i.key in plain}
    assert plain and read == plain


def test_a_scans_choice_with_a_question_mark_is_a_doubt(tmp_path: Path) -> None:
    """级别 read as 国家级? (a speck or a stamp's edge read as a question mark) is a doubt, not 国家级 as
    written; in Word it is taken as written."""
    def edit(document) -> None:
        cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.strip() == "国家级")
        _set_text(cell, "国家级?")

    path = _edited(tmp_path, edit)
    scan = _read_as_scanned(path, "")
    assert [i for i in scan.extraction_issues if i.code == "D004" and "国家级?" in i.message]


@pytest.mark.parametrize("glue", ["decimal", "whole"])
def test_a_scans_figure_with_a_footnote_mark_read_as_its_last_digit_is_a_doubt(glue: str, tmp_path: Path) -> None:
    """A footnote mark raised after a figure (73.9¹, 8719²) reads from a scan as one digit more at its end:
    the figure is a doubt naming itself without it — also where the growth still fits (73.91 rounds as 73.9
    does). Read from Word, where the mark is a raised run, the figure is its own."""
    import docx

    document = docx.Document(str(ADVANCED))
    label = "集群总产值" if glue == "decimal" else "集群从业人员数量"
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith(label))
    later = row.cells[-2]
    printed = later.text.strip()
    _set_text(later, printed + "1")
    path = tmp_path / "glued.docx"
    document.save(str(path))
    scan = _read_as_scanned(path, "")
    indicator = next(i for i in scan.indicators if i.label == label)
    year = max(indicator.values)
    assert year in indicator.doubts
    said = [i for i in run_rules(scan) if i.code == "D004" and i.field == label]
    assert said and f"即{float(printed):g}" in said[0].message
    assert not [i for i in run_rules(scan) if i.field == label and i.severity == "error"]


def test_a_scans_list_entry_that_is_none_of_its_columns_values_is_a_doubt(tmp_path: Path) -> None:
    """级别 holds 国家级 or 省级 (the template says so); a scan's 级别 read as "级" (a character dropped on a
    fax) is a doubt naming the values, while in Word it is taken as written."""
    import docx

    document = docx.Document(str(ADVANCED))
    cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.strip() == "省级")
    _set_text(cell, "级")
    path = tmp_path / "level.docx"
    document.save(str(path))
    assert not [i for i in report_of(path).extraction_issues if "国家级、省级" in i.message]
    said = [i for i in _read_as_scanned(path, "").extraction_issues if i.code == "D004" and "国家级、省级" in i.message]
    assert len(said) == 1 and "“级”" in said[0].message


def _edited(tmp_path: Path, edit) -> Path:
    """The sample with ``edit(document)`` applied, saved under ``tmp_path``."""
    import docx

    document = docx.Document(str(ADVANCED))
    edit(document)
    path = tmp_path / "edited.docx"
    document.save(str(path))
    return path


def test_a_scans_name_one_character_off_its_other_readings_is_a_doubt(tmp_path: Path) -> None:
    """麓谷激光雷达科技有限公司 is named in three lists; a scan reading it once as 熊谷 (sure of it) is a doubt
    naming the other reading, and the readings that agree stay sure. In Word both are taken as written."""
    def edit(document) -> None:
        cell = next(c for t in document.tables for r in t.rows for c in r.cells
                    if c.text.strip() == "麓谷激光雷达科技有限公司" and "项目" in r.cells[2].text)
        _set_text(cell, "熊谷激光雷达科技有限公司")

    path = _edited(tmp_path, edit)
    assert not [i for i in report_of(path).extraction_issues if "只差一个字" in i.message]
    scan = _read_as_scanned(path, "")
    [said] = [i for i in scan.extraction_issues if "只差一个字" in i.message]
    assert "熊谷激光雷达科技有限公司" in said.message and "“麓谷激光雷达科技有限公司”" in said.message
    names = [(row.values.get("name") or row.values.get("builder"), row.doubts) for t in scan.lists for row in t.rows]
    assert [d for n, d in names if n == "熊谷激光雷达科技有限公司" and "builder" in d]
    assert not [d for n, d in names if str(n).startswith("麓谷激光雷达科技有限公司") and d]


def test_a_scans_name_one_character_off_readings_it_was_unsure_of_is_a_doubt(tmp_path: Path) -> None:
    """麓谷激光雷达科技有限公司 read unsure in every list where it is named, and once, surely, without its first
    character (谷激光…, as a coarse copy read it): the sure reading is a doubt too, naming the other — the paper
    read two ways is no ground for a finding either way."""
    def edit(document) -> None:
        cell = next(c for t in document.tables for r in t.rows for c in r.cells
                    if c.text.strip() == "麓谷激光雷达科技有限公司" and "项目" in r.cells[2].text)
        _set_text(cell, "谷激光雷达科技有限公司")

    path = _edited(tmp_path, edit)
    scan = _read_as_scanned(path, "麓谷激光雷达科技有限公司", confidence=0.3)
    [said] = [i for i in scan.extraction_issues if "只差一个字" in i.message]
    assert "“谷激光雷达科技有限公司”" in said.message and "“麓谷激光雷达科技有限公司”" in said.message
    assert [row.doubts for t in scan.lists for row in t.rows
            if row.values.get("builder") == "谷激光雷达科技有限公司" and "builder" in row.doubts]


def test_a_scans_list_header_cut_in_two_by_a_line_and_misread_still_heads_its_column() -> None:
    """A coarse copy's 批准时间 header read 批准卧 | 间: a line found through the header row only cuts it in
    two (the dates below run over both columns), and 时 read as 卧. The two halves are one header, one
    character off the field's: the dates are still read as each entry's 批准时间."""
    path = SAMPLES / "prelim_advanced_split_clean.docx"
    doc = normalize_document(read_document(path))
    table = next(b for b in doc.iter_blocks() if isinstance(b, Table) and b.rows[0][0].text == "技术创新载体名称")
    cut = next(c.col for c in table.rows[0] if c.text == "批准时间")
    for i, row in enumerate(table.rows):
        for cell in row:
            cell.confidence = 0.99
            cell.col += cell.col > cut
            cell.colspan += cell.col == cut and i > 0
        if i == 0:
            at = next(j for j, c in enumerate(row) if c.col == cut)
            row[at:at + 1] = [dataclasses.replace(row[at], text=t, norm=t, col=cut + k)
                              for k, t in enumerate(("批准卧", "间"))]

    def dates(report: Report) -> list:
        return [row.values.get("approved_on") for t in report.lists if t.id == "innovation_platforms" for row in t.rows]

    assert dates(report_of(path)) and all(dates(report_of(path)))
    assert dates(extract(doc)) == dates(report_of(path))


def test_a_scans_name_with_a_mark_inside_or_without_its_series_number_is_a_doubt(tmp_path: Path) -> None:
    """A colon inside an enterprise's name (科:技, a fax's speck) and 企业技术中心 among 企业技术中心1…10 (its
    number lost at the cell's edge) are doubts on a scan, and taken as written in Word."""
    def edit(document) -> None:
        cells = [c for t in document.tables for r in t.rows for c in r.cells]
        _set_text(next(c for c in cells if c.text.strip() == "湘江电驱系统有限公司"), "湘江电驱系:统有限公司")
        _set_text(next(c for c in cells if c.text.strip() == "湖南智能汽车企业技术中心2"), "湖南智能汽车企业技术中心")

    path = _edited(tmp_path, edit)
    assert not [i for i in report_of(path).extraction_issues if i.code == "D004"]
    said = [i.message for i in _read_as_scanned(path, "").extraction_issues if i.code == "D004"]
    assert [m for m in said if "湘江电驱系:统有限公司" in m and "夹有标点" in m]
    assert [m for m in said if "“湖南智能汽车企业技术中心”" in m and "漏识别了编号" in m]


def test_a_scans_series_member_one_character_off_the_others_is_a_doubt(tmp_path: Path) -> None:
    """智能制造升级项目1期…10期 are one series; a scan reading one of them 项日 (日 for 目, sure of it) is a doubt
    naming what the others share, and the others stay sure. In Word it is taken as written."""
    def edit(document) -> None:
        cells = [c for t in document.tables for r in t.rows for c in r.cells]
        cell = next(c for c in cells if c.text.strip() == "智能制造升级项目9期")
        _set_text(cell, "智能制造升级项日9期")

    path = _edited(tmp_path, edit)
    assert not [i for i in report_of(path).extraction_issues if i.code == "D004"]
    scan = _read_as_scanned(path, "")
    said = [i.message for i in scan.extraction_issues if i.code == "D004" and "成套编号" in i.message]
    assert len(said) == 1 and "智能制造升级项日9期" in said[0] and re.search(r"“智能制造升级项目\d+期”", said[0])
    projects = scan.list_table("key_projects")
    assert projects is not None
    assert [r.values["project"] for r in projects.rows if r.doubts] == ["智能制造升级项日9期"]


@pytest.mark.parametrize(("printed", "read", "listed", "key", "why", "other"), [
    # a speck read as a decimal point, in a column of whole figures
    ("25168", "2516.8", "top10_rd", "rd:2021", "小数点可能是污点", "2022年的29040"),
    # a point a fax's lost scan line took, in a column of figures with decimals
    ("125.2", "1252", "top10_revenue", "revenue:2021", "小数点可能漏识别", "2022年的142.3"),
])
def test_a_scans_list_figure_with_a_point_unlike_its_columns_is_a_doubt(
        tmp_path: Path, printed: str, read: str, listed: str, key: str, why: str, other: str) -> None:
    """A list figure read with a decimal point where its column's are whole (25168 read 2516.8), or whole
    where they have decimals (125.2 read 1252), about ten times its other year: a doubt naming the other
    year, and no finding rests on it; the other entries stay sure. In Word it is taken as written."""
    def edit(document) -> None:
        cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.strip() == printed)
        _set_text(cell, read)

    path = _edited(tmp_path, edit)
    assert not [i for i in report_of(path).extraction_issues if "小数点" in i.message]
    scan = _read_as_scanned(path, "")
    [said] = [i.message for i in scan.extraction_issues if why in i.message]
    assert read in said and other in said
    table = scan.list_table(listed)
    assert table is not None
    assert [k for row in table.rows for k in row.doubts] == [key]


def test_a_scans_list_whose_header_was_not_read_is_said_once_not_taken_as_empty(tmp_path: Path) -> None:
    """集群研发投入前十位企业 found, its header read as nothing a header holds (a fax's lost lines): on a scan
    one X021 says the list was not read and how many rows stood under it; no rule calls it empty. A Word
    file is taken as written: no X021."""
    def edit(document) -> None:
        _, rows = _rows_after(document, "近2年情况\n企业名称")
        for row in rows[:2]:
            for cell in row.cells:
                _set_text(cell, "■")

    path = _edited(tmp_path, edit)
    assert not [i for i in report_of(path).extraction_issues if i.code == "X021"]
    scan = _read_as_scanned(path, "")
    [said] = [i for i in scan.extraction_issues if i.code == "X021"]
    assert "集群研发投入前十位企业" in said.message and "12行" in said.message  # its 2 header rows and 10 entries
    assert not [i for i in run_rules(scan) if "研发投入前十" in (i.field or "") and i.code.startswith(("CO", "EL"))]


def _rows_after(document, first_name: str) -> tuple[object, list]:
    """The table holding the entry ``first_name`` and its rows from that entry on."""
    for table in document.tables:
        for i, row in enumerate(table.rows):
            if row.cells[0].text.strip() == first_name:
                return table, list(table.rows)[i:]
    raise AssertionError(first_name)


def _fill(cell, lines: list[str]) -> None:
    """A Word cell holding ``lines`` as paragraphs (an empty list: an empty cell)."""
    _set_text(cell, lines[0] if lines else "")
    for line in lines[1:]:
        cell.add_paragraph(line)


def _green(report: Report) -> list[dict]:
    table = report.list_table("green_list")
    assert table is not None
    return [row.values for row in table.rows]


def test_a_scans_entries_run_into_one_row_are_cut_back_and_the_rest_keep_their_places(tmp_path: Path) -> None:
    """Three 绿色工厂 entries read as one row (each cell three lines: the scan lost the lines between them)
    are three entries in doubt, and the six after them keep their places. In Word the row is one entry."""
    def edit(document) -> None:
        _, rows = _rows_after(document, "长沙远航动力科技有限公司绿色工厂")
        first, merged = rows[0], rows[:3]
        for col in range(len(first.cells)):
            if col == 0 or first.cells[col]._tc is not first.cells[col - 1]._tc:
                _fill(first.cells[col], [r.cells[col].text.strip() for r in merged])
        for row in merged[1:]:
            row._tr.getparent().remove(row._tr)

    word, path = report_of(ADVANCED), _edited(tmp_path, edit)
    assert len(_green(report_of(path))) == 7
    scan = _read_as_scanned(path, "")
    table = scan.list_table("green_list")
    assert table is not None and len(table.rows) == 9
    assert all("row" in row.doubts for row in table.rows[1:4]) and not table.rows[0].doubts
    assert _green(scan)[4:] == _green(word)[4:]
    assert [r["name"] for r in _green(scan)[1:4]] == [r["name"] for r in _green(word)[1:4]]


def test_a_scans_entry_cut_in_two_by_a_line_not_on_paper_is_one_entry_and_no_count(tmp_path: Path) -> None:
    """A row under a top-10 entry with no name and nothing read surely (a line the fax drew through the
    entry) is not an eleventh entry: Word's 11 rows are CO006, the scan's are ten and no count."""
    import copy

    def edit(document) -> None:
        _, rows = _rows_after(document, "浏河车联网科技有限公司")
        extra = copy.deepcopy(rows[0]._tr)
        rows[0]._tr.addnext(extra)
        _, rows = _rows_after(document, "浏河车联网科技有限公司")
        for i, cell in enumerate(rows[1].cells):
            _fill(cell, [] if i == 0 else [f"※{i}"])

    path = _edited(tmp_path, edit)
    assert "CO006" in {i.code for i in run_rules(report_of(path))}
    scan = _read_as_scanned(path, "※")
    top = scan.list_table("top10_revenue")
    assert top is not None and len(top.rows) == 10 and "row" in top.rows[7].doubts
    assert "CO006" not in {i.code for i in run_rules(scan)}


def test_a_scans_entry_read_as_its_name_then_the_rest_is_one_entry_again(tmp_path: Path) -> None:
    """湘江's 绿色工厂 entry read as a row with only its name and a row with all but its name (the name
    column's lines found a line off) is one entry in doubt, and the entries after it keep their places."""
    import copy

    def edit(document) -> None:
        _, rows = _rows_after(document, "湘江电驱系统有限公司绿色工厂")
        rows[0]._tr.addnext(copy.deepcopy(rows[0]._tr))
        _, rows = _rows_after(document, "湘江电驱系统有限公司绿色工厂")
        top, bottom = rows[0], rows[1]
        for cell in top.cells:
            if cell._tc is not top.cells[0]._tc:
                _fill(cell, [])
        _fill(bottom.cells[0], [])
        assert bottom.cells[2].text.strip() and top.cells[0].text.strip()

    word, path = report_of(ADVANCED), _edited(tmp_path, edit)
    assert len(_green(report_of(path))) == 10
    scan = _read_as_scanned(path, "")
    assert _green(scan) == _green(word)
    table = scan.list_table("green_list")
    assert table is not None and {1, 2} <= {i for i, row in enumerate(table.rows) if "row" in row.doubts}


def test_a_scans_indicator_row_run_into_a_list_is_not_an_entry(tmp_path: Path) -> None:
    """The 产品合格证覆盖率 row found under the 绿色工厂 list (a scan that lost the heading and gap between
    the tables) is not read as a tenth entry."""
    import copy

    def edit(document) -> None:
        _, rows = _rows_after(document, "洞庭传感器有限公司绿色工厂")
        _, cert = _rows_after(document, next(c.text.strip() for t in document.tables for r in t.rows
                                             for c in r.cells if c.text.strip().startswith("落实产品合格证")))
        rows[0]._tr.addnext(copy.deepcopy(cert[0]._tr))

    path = _edited(tmp_path, edit)
    assert _green(_read_as_scanned(path, "")) == _green(report_of(ADVANCED))


def test_a_scans_list_entry_named_like_an_indicator_is_an_entry(tmp_path: Path) -> None:
    """An entry of the carriers list named as an indicator is (国家级工业设计中心（…公司）, as applicants name
    a centre by its kind) holds no figure, so it is no indicator row run into the list: read from a scan, it
    is the entry it is, as in Word."""
    def edit(document) -> None:
        for table in document.tables:
            for row in table.rows:
                if "国家级" in [c.text.strip() for c in row.cells] and "工业设计中心" in row.cells[0].text:
                    _set_text(row.cells[0], "国家级工业设计中心（星城设计有限公司）")
                    return
        raise AssertionError("no national design centre in the carriers list")

    path = _edited(tmp_path, edit)

    def names(report: Report) -> list:
        table = report.list_table("innovation_platforms")
        assert table is not None
        return [row.values.get("name") for row in table.rows]

    word = names(report_of(path))
    assert any(name and name.startswith("国家级工业设计中心") for name in word)
    assert names(_read_as_scanned(path, "")) == word


def test_a_scans_list_ends_at_another_tables_header_though_no_heading_was_read(tmp_path: Path) -> None:
    """A fax lost the 2.6 heading under the 绿色工厂 list and the label of a row below its table's header
    (近2年情况 指标名称, years lost too): that row's figures (98.5 | 99.2) are no tenth entry. A list's own
    columns are never named 指标, so a Word file so laid out is read the same way."""
    import copy

    def edit(document) -> None:
        table, rows = _rows_after(document, "洞庭传感器有限公司绿色工厂")
        header, figures_row = copy.deepcopy(rows[0]._tr), copy.deepcopy(rows[0]._tr)
        rows[0]._tr.addnext(header)
        header.addnext(figures_row)
        trs = [r._tr for r in table.rows]
        added = [table.rows[trs.index(header)], table.rows[trs.index(figures_row)]]
        for row, texts in zip(added, (["近2年情况\n指标名称", "", "", ""], ["", "98.5", "99.2", ""]), strict=True):
            cells = list({id(c._tc): c for c in row.cells}.values())  # a cell spanning two columns once
            for cell, text in zip(cells, texts, strict=True):
                _set_text(cell, text)

    path = _edited(tmp_path, edit)
    assert _green(_read_as_scanned(path, "")) == _green(report_of(ADVANCED)) == _green(report_of(path))


def test_a_scans_label_with_one_character_misread_is_its_row_in_doubt() -> None:
    """阁定资产投资 (固 misread) is 固定资产投资, scored below sure, so its figures are read in doubt; a misreading
    as near two rows' labels (口总额, 迸口总额: 进口总额 or 出口总额) is neither."""
    from reportcheck.extract.indicators import row_index
    from reportcheck.extract.labels import SURE_SCORE
    from reportcheck.spec import load_templates

    park = next(t for template in load_templates() for t in template.indicator_tables if t.id == "3.1")
    index = row_index(park)
    assert index.match("阁定资产投资（亿元）") is None
    row, score = index.match_misread("阁定资产投资（亿元）")  # type: ignore[misc]
    assert row.key == "park_fixed_investment" and score < SURE_SCORE
    assert index.match_misread("园区招酶引资总额")[0].key == "park_investment_attracted"  # type: ignore[index]
    assert index.match_misread("进口总领")[0].key == "park_imports"  # type: ignore[index]
    assert index.match_misread("迸口总额") is None and index.match_misread("口总额") is None
    assert index.match_misread("利润") is None  # too short to say which


def test_a_scans_growth_header_read_as_no_word_is_the_growth_column_by_its_place_in_doubt(tmp_path: Path) -> None:
    """3.1's 总额增幅 header read 总额增中 on a fax: the one column right of the years, where the template has
    its growth column, is read as growth, every growth figure in doubt saying why. A Word file with that
    header keeps no growth column (nothing was misread there)."""
    def edit(document) -> None:
        cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text == "总额增幅\n（%）")
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.text = run.text.replace("增幅", "增中")

    path = _edited(tmp_path, edit)
    plain = {i.key: i for i in report_of(ADVANCED).indicators if i.section == "3.1"}
    word = {i.key: i for i in report_of(path).indicators if i.section == "3.1"}
    scan = {i.key: i for i in _read_as_scanned(path, "").indicators if i.section == "3.1"}
    assert all(i.growth_pct is None for i in word.values())
    grown = [k for k, i in plain.items() if i.growth_pct is not None]
    assert grown and all(scan[k].growth_pct == plain[k].growth_pct for k in grown)
    assert all("增中" in scan[k].doubts["growth"] for k in grown)
    [said] = [i for i in _read_as_scanned(path, "").extraction_issues if i.code == "D004" and "增幅列" in i.message]
    assert "总额增中" in said.message and "按模板中的位置读作增幅列" in said.message


def test_a_scans_field_label_with_one_character_misread_still_finds_its_value_in_doubt(tmp_path: Path) -> None:
    """负责人姓名、职务 read 负资人姓名、职务 and 集群核心承载园区 read 集郡核心承载园区 on a fax: the leader and
    the park's name are still read, in doubt. In Word those labels are what the applicant wrote: not the
    template's, so the fields are not found."""
    def edit(document) -> None:
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            run.text = run.text.replace("负责人", "负资人").replace("集群核心", "集郡核心")

    path = _edited(tmp_path, edit)
    plain, word, scan = report_of(ADVANCED).basic, report_of(path).basic, _read_as_scanned(path, "").basic
    assert plain.promotion_org.leader and plain.core_park.name
    assert word.promotion_org.leader is None and word.core_park.name is None
    assert scan.promotion_org.leader == plain.promotion_org.leader and scan.core_park.name == plain.core_park.name
    assert "负资人" in scan.doubts["promotion_org.leader"] and "集郡" in scan.doubts["core_park.name"]
    said = [i.message for i in _read_as_scanned(path, "").extraction_issues if i.code == "D004"]
    assert any("负资人姓名、职务" in m and "王建国" in m for m in said)


def test_a_scans_table_whose_header_lost_its_years_reads_under_the_table_befores_in_doubt(tmp_path: Path) -> None:
    """A fax kept 2.6's 近2年情况 指标名称 but lost its 2021年 | 2022年: its rows are read under 2.5's years (the
    columns stand the same), every figure in doubt naming the years it took. A Word file whose header has
    no years gives none."""
    def edit(document) -> None:
        for table in document.tables:
            for above, row in pairwise(table.rows):
                if row.cells[0].text.startswith("获得质量"):
                    for cell in above.cells:
                        if cell.text in ("2021年", "2022年"):
                            _set_text(cell, "")

    path = _edited(tmp_path, edit)
    key = "three_system_certified"

    def row(report: Report):
        return next((i for i in report.indicators if i.key == key), None)

    plain, word, scan = row(report_of(ADVANCED)), row(report_of(path)), row(_read_as_scanned(path, ""))
    assert plain is not None and plain.values["2022"] is not None
    assert word is None or not any(word.values.values())
    assert scan is not None and scan.values == plain.values
    assert all("2021、2022" in scan.doubts[year] for year in ("2021", "2022"))
    said_all = _read_as_scanned(path, "").extraction_issues
    [said] = [i for i in said_all if i.code == "D004" and "没有读出年份" in i.message]
    assert "指标名称" in said.message and "（2021、2022）" in said.message


def _top_ten_header(document) -> list:
    """The rows of the 营业收入排名前十 list from its title row on (title, two header rows, entries)."""
    for table in document.tables:
        rows = list(table.rows)
        for i, row in enumerate(rows):
            if row.cells[0].text == "营业收入排名前十企业发展情况":
                return rows[i:]
    raise AssertionError("no 营业收入排名前十 title row")


def test_a_scans_list_whose_title_was_lost_is_found_by_its_header_under_its_sections_table(tmp_path: Path) -> None:
    """A fax lost the 营业收入排名前十企业发展情况 title row under 2.2's table: the header row 企业名称 | 主要产品 |
    营业收入 | 国内市场占有率 starts that list (the one of 2.2 whose columns it names), read as in Word. A Word
    file without the title is read as written: those rows are no list."""
    def edit(document) -> None:
        title = _top_ten_header(document)[0]
        title._tr.getparent().remove(title._tr)

    path = _edited(tmp_path, edit)

    def top(report: Report) -> list[dict]:
        table = report.list_table("top10_revenue")
        return [dict(row.values, **{f"{k}:{y}": v for k, by in row.by_year.items() for y, v in by.items()})
                for row in table.rows] if table is not None else []

    plain = top(report_of(ADVANCED))
    assert len(plain) == 10 and top(report_of(path)) != plain
    assert top(_read_as_scanned(path, "")) == plain


def test_a_scans_list_header_naming_only_years_takes_the_templates_column_by_year_in_doubt(tmp_path: Path) -> None:
    """The 营业收入（亿元） over 2021年 | 2022年 lost on a fax: those columns are the list's one column by year
    (营业收入), every figure in doubt, said once (D004). In Word the columns stay unread."""
    def edit(document) -> None:
        header = _top_ten_header(document)[1]
        for cell in {id(c._tc): c for c in header.cells}.values():
            if cell.text == "营业收入（亿元）":
                _set_text(cell, "")

    path = _edited(tmp_path, edit)
    plain = report_of(ADVANCED).list_table("top10_revenue")
    word = report_of(path).list_table("top10_revenue")
    scan_report = _read_as_scanned(path, "")
    scan = scan_report.list_table("top10_revenue")
    assert plain is not None and word is not None and scan is not None
    assert all(not row.by_year for row in word.rows)
    assert [row.by_year for row in scan.rows] == [row.by_year for row in plain.rows]
    assert all({"revenue:2021", "revenue:2022"} <= set(row.doubts) for row in scan.rows)
    said = [i for i in scan_report.extraction_issues if i.code == "D004" and i.field.startswith(scan.title)]
    assert len(said) == 1 and "2021年、2022年" in said[0].message and "营业收入" in said[0].message


def test_a_header_cell_holding_several_columns_read_through_their_lines_is_no_column() -> None:
    """A fax read a header row whose column lines it lost as one cell, the lines as 丨: not a 2021 column."""
    from reportcheck.extract.columns import column_role

    assert column_role("近2年情况．．丨2021年丨2022年丨增幅（%) 指标名称", "indicators") is None
    assert column_role("2022年较2021年增长（%）", "indicators").kind == "growth"  # type: ignore[union-attr]
    assert column_role("2021年", "indicators").year == "2021"  # type: ignore[union-attr]


def test_a_speck_before_a_headings_number_leaves_the_heading_and_its_number() -> None:
    """-2.2 集群企业培育情况 (a fax's speck read as a dash) is 2.2's heading; a bullet written —、 stays as written."""
    from reportcheck.extract.labels import strip_numbering

    assert strip_numbering("-2.2 集群企业培育情况") == ("2.2", "集群企业培育情况")
    assert strip_numbering(".2.4集群创新情况") == ("2.4", "集群创新情况")
    assert strip_numbering("—、概述") == ("—", "概述")
    assert strip_numbering("--、集群基本信息") == ("--", "集群基本信息")  # 一、 a scan read as two dashes


def _green_row(document, name: str):
    return next(r for t in document.tables for r in t.rows if any(c.text.strip() == name for c in r.cells))


def test_a_scans_list_entry_with_two_cells_read_unsurely_is_in_doubt_whole(tmp_path: Path) -> None:
    """A 绿色工厂 entry whose 级别 reads 48256 and whose 批准单位 is read unsurely — another table's row run
    into the list on a bent page: its name is in doubt too, not taken as an entry of the list. The entries
    round it stay sure; in Word the row is taken as written."""
    name = "湘江电驱系统有限公司绿色工厂"

    def edit(document) -> None:
        row = _green_row(document, name)
        _set_text(next(c for c in row.cells if c.text.strip() == "国家级"), "48256")
        _set_text(next(c for c in row.cells if c.text.strip() == "工业和信息化部"), "|9030")

    path = _edited(tmp_path, edit)
    assert not [row.doubts for row in report_of(path).list_table("green_list").rows if row.doubts]
    scan = _read_as_scanned(path, "|9030")
    rows = scan.list_table("green_list").rows
    doubted = [row.values.get("name") for row in rows if "row" in row.doubts]
    assert doubted == [name]
    assert all(not row.doubts for row in rows if row.values.get("name") != name)


def test_a_scans_choice_cell_holding_a_neighbours_text_is_a_doubt(tmp_path: Path) -> None:
    """级别 read as “湖南省汽车零部件公共服务平台4丨省级” (the name's cell run into it): it holds 省级 among much
    else, so it is a doubt, not the entry's level. In Word it is taken as written."""
    merged = "湖南省汽车零部件公共服务平台4丨省级"

    def edit(document) -> None:
        row = _green_row(document, "湖南省汽车零部件公共服务平台4")
        _set_text(next(c for c in row.cells if c.text.strip() == "省级"), merged)

    path = _edited(tmp_path, edit)
    assert not [i for i in report_of(path).extraction_issues if merged in i.message]
    scan = _read_as_scanned(path, "")
    [said] = [i for i in scan.extraction_issues if i.code == "D004" and merged in i.message]
    assert "不是该栏可填的值" in said.message


def test_a_list_row_with_nothing_in_any_column_is_no_entry(tmp_path: Path) -> None:
    """A row under 营业收入排名前十 whose only text is “2021年　丨2022年” in a 营业收入 column (a scan's second
    header line, its two cells run together, read as a row): nothing read in any column, so not an 11th entry
    and no CO006 “现列11家”, in Word and in a scan alike."""
    import copy

    def edit(document) -> None:
        from docx.table import _Row

        table, last = next((t, r) for t in document.tables for r in t.rows
                           if [c.text.strip() for c in r.cells[:2]] == ["橘洲精密部件有限公司", "汽车零部件"])
        figures = [i for i, c in enumerate(last.cells) if re.fullmatch(r"\d+\.\d", c.text.strip())]
        last._tr.addnext(copy.deepcopy(last._tr))
        for i, cell in enumerate(_Row(last._tr.getnext(), table).cells):
            _set_text(cell, "2021年　丨2022年" if i == figures[0] else "")

    path = _edited(tmp_path, edit)
    for report in (report_of(path), _read_as_scanned(path, "")):
        assert len(report.list_table("top10_revenue").rows) == 10
        assert "CO006" not in {i.code for i in run_rules(report)}


def test_a_scans_row_naming_its_evidence_in_label_and_figure_is_a_row_not_a_lists_header(tmp_path: Path) -> None:
    """A scanned row ``国家级单项冠军数量（个，需提供佐证材料） | 无 | 1（见佐证材料第11页） |``, its growth left
    blank, names 佐证 twice and holds no bare figure: it had been taken for the header of the section's top-10 list
    (its title not yet met), and every row after it was lost with it (X017: seven rows not found). A figure
    with an evidence note beside it is a figure: the row and those after it read as printed."""
    import docx

    source = SAMPLES / "prelim_sme_merged_messy.docx"
    document = docx.Document(str(source))
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith("国家级单项冠军"))
    first, later, growth = row.cells[-3], row.cells[-2], row.cells[-1]
    assert "佐证" in later.text and first.text.strip() == "1"
    _set_text(first, "无")
    _set_text(growth, "")
    path = tmp_path / "none_and_growth_blank.docx"
    document.save(str(path))
    scan, printed = _read_as_scanned(path, ""), report_of(source)
    assert not [i for i in scan.extraction_issues if i.code == "X017"]
    [changed] = [f"2.2.{i.key}." for i in printed.indicators if i.label.startswith("国家级单项冠军")]
    want = {k: v for k, v in figures(printed).items() if k.startswith("2.2.") and not k.startswith(changed)}
    assert len(want) > 20 and {k: figures(scan).get(k) for k in want} == want
    assert figures(scan)[f"{changed}2023"] == 1


def test_a_year_header_with_its_unit_and_no_nian_is_still_a_header(tmp_path: Path) -> None:
    """The counter-case of the row above: a header ``2023（亿元）`` (the year without 年, its unit beside it) parses
    as a figure, yet heads a year's column: every figure reads as under ``2023年``."""
    import docx

    document = docx.Document(str(ADVANCED))
    changed = 0
    for table in document.tables:
        for row in table.rows[:3]:
            for cell in row.cells:
                year = re.fullmatch(r"(20\d\d)年", cell.text.strip())
                if year and cell.paragraphs[0].runs:
                    _set_text(cell, f"{year.group(1)}（亿元）")
                    changed += 1
    path = tmp_path / "year_unit_headers.docx"
    document.save(str(path))
    assert changed >= 2
    assert figures(report_of(path)) == figures(report_of(ADVANCED))


def test_a_scans_label_cut_in_two_beside_figures_running_down_both_is_one_label(tmp_path: Path) -> None:
    """A line across a scanned label cell only (a copier's streak): 集群规上工业企业营 ⏎ 业收入（亿元） in two cells
    beside figures that run down both rows. Its first half is only like 2.2's 规上工业企业数量 (the row had been
    taken there, and 2.2's own header then for a list's); its second half only like 集群企业营业收入 (read as
    that row again, X008). The two halves are one label: the row reads as printed, 2.2 too."""
    import copy

    import docx

    document = docx.Document(str(ADVANCED))
    row = next(r for t in document.tables for r in t.rows
               if r.cells[0].text.strip().startswith("集群规上工业企业营业收入"))
    below = copy.deepcopy(row._tr)
    row._tr.addnext(below)
    table = next(t for t in document.tables if any(r._tr is below for r in t.rows))
    second = next(r for r in table.rows if r._tr is below)
    label = row.cells[0].text.strip()
    _set_text(row.cells[0], label[:9])
    _set_text(second.cells[0], label[9:])
    for upper, lower in list(zip(row.cells, second.cells, strict=True))[1:]:
        if upper._tc is not row.cells[0]._tc:
            _set_text(lower, "")
            upper.merge(lower)
    path = tmp_path / "label_cut.docx"
    document.save(str(path))
    scan, printed = _read_as_scanned(path, ""), report_of(ADVANCED)
    assert not {i.code for i in scan.extraction_issues} & {"X002", "X008", "X010", "X017"}
    want = {k: v for k, v in figures(printed).items() if k.startswith(("2.1.", "2.2."))}
    assert len(want) > 30 and {k: figures(scan).get(k) for k in want} == want


@pytest.mark.parametrize("growth_read", ["in doubt", "surely"])
def test_a_scans_two_years_far_apart_that_the_growth_does_not_bear_out_are_both_doubts(
        growth_read: str, tmp_path: Path) -> None:
    """A fax's 7325 read 1325 beside 7016: the two years are five times apart and the growth (4.4, or crossed by
    a streak and in doubt) does not bear that out. Both are doubts naming each other, and no error (AR001) rests on
    them; before, the earlier year was taken for one carrying a footnote mark (its digits are as many as the
    other's) and the misread one kept as sure — or, the growth read surely, the report called wrong."""
    import docx

    document = docx.Document(str(ADVANCED))
    label = "集群从业人员数量"
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith(label))
    earlier, later, growth = row.cells[-3], row.cells[-2], row.cells[-1]
    misread = str(int(float(earlier.text.strip())) // 5)
    assert len(misread) == len(earlier.text.strip())  # as many digits: no footnote mark
    _set_text(later, misread)
    if growth_read == "in doubt":
        _set_text(growth, growth.text.strip() + "丨")  # the streak, read as a stroke
    path = tmp_path / "far_apart.docx"
    document.save(str(path))
    scan = _read_as_scanned(path, "丨", confidence=0.3)
    indicator = next(i for i in scan.indicators if i.label == label)
    assert set(indicator.values) <= set(indicator.doubts)
    said = [i for i in run_rules(scan) if i.code == "D004" and i.field == label and misread in i.message]
    assert len(said) == 2
    assert not [i for i in run_rules(scan) if i.severity == "error" and label in (i.field or "")]


def test_two_rows_typed_in_one_read_from_a_scan_where_one_cell_shows_one_line_are_both_read() -> None:
    """X07 types 国家级 and 省级工业设计中心数量 into one row with Enter: figures 0⏎2 in each year, the growth
    ⏎0.0 (its first line blank). A scan sees no blank line: the growth is one line beside cells of two.
    Both rows' years are read; the growth, which no ink ties to a row, is read in neither and said once."""
    doc = normalize_document(read_document(SAMPLES / "external" / "X07.docx"))
    for block in doc.iter_blocks():
        for item in [block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]:
            item.confidence = 0.99
            if isinstance(item, Cell) and item.text == "\n0.0":
                item.text = item.norm = "0.0"
    report = extract(doc)
    read = {i.label: i for i in report.indicators if "工业设计中心" in i.label}
    assert {label: i.values for label, i in read.items()} == {
        "国家级工业设计中心数量": {"2021": 0.0, "2022": 0.0}, "省级工业设计中心数量": {"2021": 2.0, "2022": 2.0}}
    assert all(i.growth_pct is None for i in read.values())
    said = [i for i in report.extraction_issues if i.code == "D004" and "工业设计中心" in i.message]
    assert len(said) == 1 and "“0.0”" in said[0].message and "只有一行" in said[0].message


def test_a_scans_cluster_figure_with_a_footnote_mark_read_as_its_last_digit_is_a_doubt(tmp_path: Path) -> None:
    """3.1's 其中集群产业 figures have no growth of their own, and were held against nothing: a footnote mark
    read as one more digit (96.4¹ read 96.41 beside 110.2) was taken without a doubt. Held against the other
    year's cluster figure as the years' are, it is a doubt naming it without the mark."""
    def edit(document) -> None:
        row = next(r for t in document.tables for r in t.rows if r.cells[0].text.strip().startswith("固定资产投资"))
        _set_text(row.cells[2], row.cells[2].text.strip() + "1")

    scan = _read_as_scanned(_edited(tmp_path, edit), "")
    indicator = next(i for i in scan.indicators if i.label == "固定资产投资")
    first = min(indicator.values)
    assert indicator.cluster_values and indicator.cluster_values[first] == 96.41
    assert f"{first}:cluster" in indicator.doubts
    said = [i for i in scan.extraction_issues if i.code == "D004" and i.field == "固定资产投资"]
    assert said and "即96.4" in said[0].message and "其中集群产业" in said[0].message


def _with_shifted_row(tmp_path: Path) -> Path:
    """The sample with the sixth row of its 营业收入排名前十 list read two columns off, as a scan read it where
    the page curled at its binding and the table's left border and first column were lost: the 2021 and
    2022 figures in the name and product columns, the market share under 2021."""
    import docx

    document = docx.Document(str(ADVANCED))
    table = next(t for t in document.tables if any("排名前十" in c.text for r in t.rows for c in r.cells))
    header = next(i for i, r in enumerate(table.rows) if r.cells[2].text.strip() == "2021年"
                  and "企业名称" in r.cells[0].text)
    cells = table.rows[header + 6].cells
    figures_ = [cells[2].text, cells[3].text, cells[4].text]
    for cell, text in zip(cells[:5], [*figures_, "", ""], strict=True):
        _set_text(cell, text)
    out = tmp_path / "shifted_row.docx"
    document.save(str(out))
    return out


def test_a_scans_list_row_with_a_figure_in_its_name_column_is_in_doubt_whole(tmp_path: Path) -> None:
    """A figure read as an enterprise's name (1.6) is a row whose cells fell into the wrong columns: every figure
    of that row is in doubt, not only its name; the rows read in their columns are not."""
    scan = _read_as_scanned(_with_shifted_row(tmp_path), "")
    top = scan.list_table("top10_revenue")
    assert top is not None
    shifted = next(i for i, row in enumerate(top.rows) if row.values.get("name", "").replace(".", "").isdigit())
    in_doubt = doubtful(scan)
    keys = [k for k in figures(scan) if k.startswith(f"list.top10_revenue.{shifted}.")]
    assert any(k.endswith(":2021") for k in keys) and all(k in in_doubt for k in keys)
    assert not any(k.startswith("list.top10_revenue.0.") for k in in_doubt)


def test_a_scans_product_named_by_a_model_number_is_no_doubt(tmp_path: Path) -> None:
    """A product may be a model number (18650 cells, 6061 alloy): read into its column it is no sign of a row
    read off its columns."""
    import docx

    document = docx.Document(str(ADVANCED))
    table = next(t for t in document.tables if any("排名前十" in c.text for r in t.rows for c in r.cells))
    header = next(i for i, r in enumerate(table.rows) if r.cells[2].text.strip() == "2021年"
                  and "企业名称" in r.cells[0].text)
    _set_text(table.rows[header + 1].cells[1], "18650")
    path = tmp_path / "model_number.docx"
    document.save(str(path))
    scan = _read_as_scanned(path, "")
    top = scan.list_table("top10_revenue")
    assert top is not None and top.rows[0].values.get("product") == "18650"
    assert "row" not in top.rows[0].doubts
    assert not any(k.startswith("list.top10_revenue.0.revenue") for k in doubtful(scan))


def test_a_scans_phone_number_broken_over_two_lines_between_digits_is_a_doubt(tmp_path: Path) -> None:
    """0731-88886666 wraps in its narrow cell as 0731- / 88886666; a coarse copy's OCR lost the hyphen at the
    line's end, and the two lines joined are another number: in doubt. Typed so in Word, it is as written."""
    def edit(document) -> None:
        cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.strip() == "0731-88886666")
        _set_text(cell, "0731")
        cell.add_paragraph("88886666")

    path = _edited(tmp_path, edit)
    assert "promotion_org.leader_phone" not in report_of(path).basic.doubts
    scan = _read_as_scanned(path, "")
    assert "promotion_org.leader_phone" in scan.basic.doubts
    [said] = [i for i in scan.extraction_issues if i.code == "D004" and "073188886666" in i.message]
    assert "“-”" in said.message


def test_a_scans_category_that_is_none_of_the_choices_is_a_doubt_not_unknown(tmp_path: Path) -> None:
    """申报类别 read 先 (a line found through 先进制造业集群 cut it in two): a doubt, not X007 "无法识别";
    typed so in Word it is X007."""
    def edit(document) -> None:
        cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.strip() == "先进制造业集群")
        _set_text(cell, "先")

    path = _edited(tmp_path, edit)
    assert "X007" in {i.code for i in report_of(path).extraction_issues}
    scan = _read_as_scanned(path, "")
    assert "category" in scan.basic.doubts and "X007" not in {i.code for i in scan.extraction_issues}
    assert any(i.code == "D004" and i.field == "申报类别" and "可选项" in i.message for i in scan.extraction_issues)
