"""The containers offices put a report in (samples/containers, made by scripts/make_containers.py the way
Word, Excel and LibreOffice make them, each the twin of a bundled sample): read with the figures and
findings of the twin.

* Word's "Strict Open XML Document" — the same markup under other namespaces;
* a table pasted as an embedded Excel worksheet object — read from the workbook, not its preview;
* a table pasted as a picture — read by OCR where the table should be (said by X015);
* a PDF whose fonts have no ToUnicode map — its pages read by OCR (said by X014).

What OCR reads in doubt is a doubt (D004), never the basis of a finding, as for a scan.
"""

from __future__ import annotations

from pathlib import Path

from conftest import NEEDS_OCR, SAMPLES, report_of
from reportcheck.figures import figures, read_against
from reportcheck.model import Issue
from reportcheck.rules import run_rules
from variants.compare import differences, findings
from variants.kinds import NO_CHANGE

CONTAINERS = SAMPLES / "containers"


def twin(path: Path) -> Path:
    return SAMPLES / (path.name.split(".")[0] + ".docx")


def _said(issues: list[Issue], told: set[str]) -> set[tuple[str, str | None, str | None]]:
    """Findings apart from doubts and the notes that say how the container was read."""
    return {(i.code, i.section, i.field) for i in issues if not i.code.startswith("D") and i.code not in told}


def test_strict_open_xml_is_read_as_its_twin() -> None:
    path = CONTAINERS / "final_advanced_merged_clean.strict.docx"
    original, read = report_of(twin(path)), report_of(path)
    assert not differences(original, read, NO_CHANGE)
    assert findings(run_rules(read)) == findings(run_rules(original))


def test_an_embedded_excel_worksheet_is_read_from_its_workbook() -> None:
    path = CONTAINERS / "prelim_advanced_split_clean.embedded_xlsx.docx"
    original, read = report_of(twin(path)), report_of(path)
    assert not differences(original, read, NO_CHANGE)  # decimals as the number format shows them: growth agrees
    assert findings(run_rules(read)) == findings(run_rules(original))
    assert any(r.section == "2.1" and r.rows_read == 14 for r in read.readings)


@NEEDS_OCR
def test_a_table_pasted_as_a_picture_is_read_by_ocr_and_said() -> None:
    path = CONTAINERS / "prelim_sme_merged_defects.picture_table.docx"
    original, read = report_of(twin(path)), report_of(path)
    total, wrong, not_doubted = read_against(original, read)
    assert not not_doubted, [(k, figures(original).get(k), figures(read).get(k)) for k in not_doubted]
    assert len(wrong) <= 0.03 * total
    issues = run_rules(read)
    assert _said(issues, {"X015"}) == _said(run_rules(original), set())  # the planted AR001 of 2.2 included
    assert [i.section for i in issues if i.code == "X015"] == ["2.2"]


def test_a_picture_table_without_the_ocr_extra_is_one_finding(monkeypatch) -> None:
    import sys

    from reportcheck.pipeline import load_report

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    from reportcheck.readers import ocr_engine

    ocr_engine._engine.cache_clear()
    try:
        issues = run_rules(load_report(CONTAINERS / "prelim_sme_merged_defects.picture_table.docx"))
    finally:
        ocr_engine._engine.cache_clear()
    table = [i for i in issues if i.section == "2.2" and i.code.startswith("X")]
    assert [(i.code, i.severity) for i in table] == [("X016", "warning")]
    assert "reportcheck[ocr]" in table[0].message


@NEEDS_OCR
def test_a_pdf_without_tounicode_maps_is_read_by_ocr_and_said() -> None:
    path = CONTAINERS / "prelim_advanced_split_clean.garbled.pdf"
    original, read = report_of(twin(path)), report_of(path)
    total, wrong, not_doubted = read_against(original, read)
    assert not not_doubted, [(k, figures(original).get(k), figures(read).get(k)) for k in not_doubted]
    assert len(wrong) <= 0.03 * total
    issues = run_rules(read)
    assert _said(issues, {"X014"}) == _said(run_rules(original), set())
    [told] = [i for i in issues if i.code == "X014"]
    assert told.severity == "info" and "ToUnicode" in told.message


def test_a_few_garbled_pages_without_the_ocr_extra_are_left_out_and_said(tmp_path: Path, monkeypatch) -> None:
    """The last page (the evidence appendix) merged in from a PDF without ToUnicode maps: without the OCR
    extra the report is read from its other pages, and the page left out is said (X014, a warning)."""
    import sys

    import pypdfium2 as pdfium

    from reportcheck.pipeline import load_report
    from reportcheck.readers import ocr_engine

    good = pdfium.PdfDocument(SAMPLES / "pdf" / "prelim_advanced_split_clean.pdf")
    garbled = pdfium.PdfDocument(CONTAINERS / "prelim_advanced_split_clean.garbled.pdf")
    last = len(good) - 1
    good.del_page(last)
    good.import_pages(garbled, [last])
    merged = tmp_path / "merged.pdf"
    good.save(merged)
    good.close()
    garbled.close()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    ocr_engine._engine.cache_clear()
    try:
        report = load_report(merged)
    finally:
        ocr_engine._engine.cache_clear()
    [told] = [i for i in run_rules(report) if i.code == "X014"]
    assert told.severity == "warning" and f"第{last + 1}页" in told.message and "reportcheck[ocr]" in told.message
    assert len(report.indicators) == len(report_of(SAMPLES / "prelim_advanced_split_clean.docx").indicators)


def test_a_table_of_contents_field_never_ended_does_not_take_the_report(tmp_path: Path) -> None:
    """A TOC field whose end mark was lost (an edit across it): it marks nothing, the report is read."""
    from reportcheck.pipeline import load_report
    from variants import BY_NAME
    from variants.ooxml import Docx, w

    sample = SAMPLES / "prelim_advanced_split_clean.docx"
    BY_NAME["toc_field"].apply(sample, tmp_path / "toc.docx")
    doc = Docx(tmp_path / "toc.docx")
    depth, end = 0, None
    for el in doc.body.iter(w("fldChar"), w("instrText")):
        if el.tag == w("instrText") and (el.text or "").strip().startswith("TOC"):
            depth = 1
        elif depth and el.get(w("fldCharType")) == "begin":
            depth += 1
        elif depth and el.get(w("fldCharType")) == "end":
            depth -= 1
            if depth == 0:
                end = el
                break
    end.getparent().getparent().remove(end.getparent())
    doc.save(tmp_path / "open.docx")
    assert not differences(report_of(sample), load_report(tmp_path / "open.docx"), NO_CHANGE)


def test_broken_relationships_or_a_chart_sheet_cost_the_pictures_only(tmp_path: Path) -> None:
    import zipfile

    from openpyxl import Workbook
    from openpyxl.chart import BarChart

    from reportcheck.pipeline import load_report
    from reportcheck.readers.embedded import workbook_rows

    sample = SAMPLES / "prelim_advanced_split_clean.docx"
    broken = tmp_path / "rels.docx"
    with zipfile.ZipFile(sample) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, b"<Relationships" if info.filename == "word/_rels/document.xml.rels" else data)
    assert not differences(report_of(sample), load_report(broken), NO_CHANGE)
    book = Workbook()
    chart = book.create_chartsheet()
    chart.add_chart(BarChart())
    book.active = 1  # the chart sheet (after the first worksheet) is the one shown
    out = tmp_path / "chart.xlsx"
    book.save(out)
    assert workbook_rows(out.read_bytes(), "x") is None


def test_a_control_filled_by_a_script_that_left_its_placeholder_mark_keeps_its_answer(tmp_path: Path) -> None:
    """w:showingPlcHdr left on a control whose text is an answer (not styled as the prompt): it is read."""
    from lxml import etree

    from reportcheck.pipeline import load_report
    from variants.ooxml import Docx, cell_text, w

    sample = SAMPLES / "prelim_advanced_split_clean.docx"
    doc = Docx(sample)
    tcs = list(doc.body.iter(w("tc")))
    value = next(tcs[i + 1] for i, tc in enumerate(tcs) if cell_text(tc) == "集群名称")
    p = value.find(w("p"))
    sdt = etree.Element(w("sdt"))
    etree.SubElement(etree.SubElement(sdt, w("sdtPr")), w("showingPlcHdr"))
    content = etree.SubElement(sdt, w("sdtContent"))
    p.addprevious(sdt)
    content.append(p)
    doc.save(tmp_path / "scripted.docx")
    assert load_report(tmp_path / "scripted.docx").basic.cluster_name == report_of(sample).basic.cluster_name


def test_a_strict_document_is_annotated_as_the_docx_it_stands_for(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    out = tmp_path / "commented.docx"
    run = subprocess.run([sys.executable, "-m", "reportcheck", "annotate",
                          str(CONTAINERS / "final_advanced_merged_clean.strict.docx"), "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(out) as z:
        assert "word/comments.xml" in z.namelist() and b"reportcheck" in z.read("word/comments.xml")


def test_a_main_part_where_the_package_relationships_put_it_is_read_and_annotated(tmp_path: Path) -> None:
    """word/document2.xml, named by _rels/.rels with an absolute target: read as its twin, and annotated."""
    import subprocess
    import sys
    import zipfile

    path = CONTAINERS / "prelim_advanced_merged_defects.document2.docx"
    original, read = report_of(twin(path)), report_of(path)
    assert not differences(original, read, NO_CHANGE)
    assert findings(run_rules(read)) == findings(run_rules(original)) != set()
    out = tmp_path / "commented.docx"
    run = subprocess.run([sys.executable, "-m", "reportcheck", "annotate", str(path), "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr  # the twin's planted errors, commented
    with zipfile.ZipFile(out) as z:
        assert b"reportcheck" in z.read("word/comments.xml")
        assert b"commentReference" in z.read("word/document2.xml")


def test_a_relationship_to_a_part_the_package_lacks_is_ignored_by_check_and_annotate(tmp_path: Path) -> None:
    """A picture relationship whose part is gone: Word opens the file; check and annotate read it as its twin."""
    import subprocess
    import sys
    import zipfile

    path = CONTAINERS / "final_sme_split_messy.dangling_rel.docx"
    original, read = report_of(twin(path)), report_of(path)
    assert not differences(original, read, NO_CHANGE)
    out = tmp_path / "commented.docx"
    run = subprocess.run([sys.executable, "-m", "reportcheck", "annotate", str(path), "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr + run.stdout
    with zipfile.ZipFile(out) as z:
        assert b"reportcheck" in z.read("word/comments.xml")
        assert b"media/missing.png" not in z.read("word/_rels/document.xml.rels")
    with zipfile.ZipFile(path) as z:
        assert b"media/missing.png" in z.read("word/_rels/document.xml.rels")  # the input as it was


def test_a_pdf_behind_a_ghostscript_banner_is_read_as_its_twin() -> None:
    """Bytes before %PDF- (Ghostscript's banner on stdout): PDF readers look for the header in the
    first 1,024 bytes, and so does reportcheck."""
    path = CONTAINERS / "final_advanced_split_defects.banner.pdf"
    plain = SAMPLES / "pdf" / "final_advanced_split_defects.pdf"
    assert not path.read_bytes().startswith(b"%PDF")
    original, read = report_of(plain), report_of(path)
    assert not differences(original, read, NO_CHANGE)
    assert findings(run_rules(read)) == findings(run_rules(original)) != set()
