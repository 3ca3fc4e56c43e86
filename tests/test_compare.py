"""``reportcheck compare A B`` on real files: the planted edits of ``samples/scanned/edits.json`` found and
nothing else, twins agreeing, a dropped page shown as what it held, doubts apart from differences, and the
seal and signature detector on the stamped scans' pages (``samples/scanned/README.md`` says where each is).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import BAD, FILLED, SAMPLES
from reportcheck.compare.declaration import find_declaration
from reportcheck.compare.diff import compare_reports
from reportcheck.compare.sentences import compare_texts
from reportcheck.compare.side import check_stamp
from reportcheck.compare.stamp import find_seals, find_signature, render_page, signature_zones
from reportcheck.model import BasicInfo, ListRow
from reportcheck.normalize.text import label_key, normalize_document
from reportcheck.pipeline import load_report
from reportcheck.readers import read_document
from test_cli import run
from test_untouched import _digests
from test_untouched import _run as run_in

SCANNED = SAMPLES / "scanned"
CLEAN = SAMPLES / "final_advanced_merged_clean.docx"
EDITED = SCANNED / "final_advanced_merged_edited.docx"
EDITS = json.loads((SCANNED / "edits.json").read_text("utf-8"))
TRADITIONAL = sorted((SAMPLES / "traditional").glob("*.docx"))
DIFFERENCE_KEYS = {"kind", "section", "label", "column", "a", "b", "a_location", "b_location"}


def _compare(*args: str) -> tuple[int, dict]:
    proc = run("compare", *args, "--format", "json")
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _fits(where: str, d: dict) -> bool:
    """A place the manifest names (table, row, column, group, block) is one the difference names: one
    contains the other once spaces, quotes and units in brackets are set aside."""
    want = label_key(where)
    return any(want and (got := label_key(d[k] or "")) and (got in want or want in got)
               for k in ("table", "label", "column"))


def _same(manifest: str, value: object) -> bool:
    if value is None or value == "":
        return manifest == ""
    if isinstance(value, int | float):
        try:
            return float(manifest) == value
        except ValueError:
            return False
    return manifest == value


def _matches(edit: dict, d: dict) -> bool:
    where = [v for k, v in edit["where"].items() if k != "new_paragraph_after"]
    return _same(edit["before"], d["a"]) and _same(edit["after"], d["b"]) and all(_fits(w, d) for w in where)


def test_the_word_file_edited_after_the_scan_shows_every_planted_edit_and_nothing_else():
    code, data = _compare(str(CLEAN), str(EDITED))
    assert code == 1 and data["agree"] is False
    planted = [e for e in EDITS if e["file"] == EDITED.name]
    assert planted
    for edit in planted:
        found = [d for d in data["differences"] if _matches(edit, d)]
        assert len(found) == 1, (edit, data["differences"])
    unplanted = [d for d in data["differences"] if not any(_matches(e, d) for e in planted)]
    assert unplanted == []
    assert data["doubts"] == [] and data["stamps"] == {"a": None, "b": None}  # Word files carry no seal


def test_the_text_output_quotes_both_values_and_where_they_are():
    proc = run("compare", str(CLEAN), str(EDITED))
    assert proc.returncode == 1
    profit = next(e for e in EDITS if e["kind"] == "indicator")
    row = re.sub(r"（.*?）", "", profit["where"]["row"])  # the label without its unit
    [line] = [line for line in proc.stdout.splitlines() if row in line]
    assert f"A为{profit['before']}" in line and f"B为{profit['after']}" in line and "[表" in line
    changed = next(e for e in EDITS if e["kind"] == "text_changed")
    assert f"A：“{changed['before']}”" in proc.stdout and f"B：“{changed['after']}”" in proc.stdout
    assert "不一致" in proc.stdout.splitlines()[-1]


@pytest.mark.parametrize("docx", FILLED, ids=[p.stem for p in FILLED])
def test_each_sample_agrees_with_its_pdf_twin(docx: Path):
    code, data = _compare(str(docx), str(SAMPLES / "pdf" / f"{docx.stem}.pdf"))
    assert (code, data["differences"], data["doubts"]) == (0, [], [])
    assert data["agree"] is True


@pytest.mark.parametrize("twin", TRADITIONAL, ids=[p.stem for p in TRADITIONAL])
def test_each_sample_agrees_with_its_traditional_twin(twin: Path):
    code, data = _compare(str(SAMPLES / twin.name), str(twin))
    assert (code, data["differences"], data["doubts"]) == (0, [], [])


def test_a_report_agrees_with_itself():
    proc = run("compare", str(CLEAN), str(CLEAN))
    assert proc.returncode == 0, proc.stderr
    assert "两个版本一致" in proc.stdout


def test_an_unreadable_file_is_one_line_and_exit_2():
    proc = run("compare", str(CLEAN), str(BAD / "truncated.docx"))
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.splitlines()
    assert "truncated.docx" in line and "损坏" in line


def test_a_dropped_page_shows_as_the_page_count_and_the_content_it_held(tmp_path: Path):
    """The PDF twin with the page left out that the missing-page scan leaves out (a text PDF: the scan
    itself needs OCR)."""
    import pypdfium2 as pdfium

    edit = next(e for e in EDITS if e["kind"] == "page_missing")
    page = edit["where"]["page"]
    pdf = pdfium.PdfDocument(str(SAMPLES / "pdf" / "final_advanced_merged_clean.pdf"))
    pdf.del_page(page - 1)
    short = tmp_path / "short.pdf"
    pdf.save(str(short))
    pdf.close()
    code, data = _compare(str(SAMPLES / "pdf" / "final_advanced_merged_clean.pdf"), str(short))
    assert code == 1
    pages = [d for d in data["differences"] if d["kind"] == "pages"]
    assert [(d["a"], d["b"]) for d in pages] == [(int(edit["before"].split()[0]), int(edit["after"].split()[0]))]
    missing = [d for d in data["differences"] if d["kind"] == "missing"]
    for heading in edit["where"]["headings_on_page"]:
        assert any(d["b"] is None and label_key(d["label"]) in label_key(heading) for d in missing), heading
    for d in data["differences"]:
        if d["a_location"] is not None:  # all on the dropped page, or a row it cut short
            assert d["a_location"]["page"] in (page - 1, page), d


def test_json_output_has_the_documented_shape():
    code, data = _compare(str(CLEAN), str(SAMPLES / "pdf" / "final_advanced_merged_clean.pdf"))
    assert code == 0
    assert set(data) == {"a", "b", "agree", "differences", "doubts", "stamps"}
    assert data["a"] == str(CLEAN) and data["stamps"]["a"] is None
    stamp = data["stamps"]["b"]
    assert stamp["page"] == _scans()["final_advanced_merged_clean"]["declaration"]
    assert stamp["checked"] is True and stamp["seals"] == 0 and stamp["seal_labels"] == 2
    assert [s["found"] for s in stamp["signatures"]] == [False, False]  # a PDF export: not signed
    _, edited = _compare(str(CLEAN), str(EDITED))
    for d in edited["differences"]:
        assert set(d) >= DIFFERENCE_KEYS


def test_output_to_a_file_is_written_whole_and_replaces_the_old_one_with_force(tmp_path: Path):
    out = tmp_path / "compare.json"
    out.write_text("old", encoding="utf-8")
    kept = run("compare", str(CLEAN), str(EDITED), "--format", "json", "-o", str(out))
    assert kept.returncode == 2 and "--force" in kept.stderr and out.read_text("utf-8") == "old"
    proc = run("compare", str(CLEAN), str(EDITED), "--format", "json", "-o", str(out), "--force")
    assert proc.returncode == 1 and proc.stdout == ""
    assert json.loads(out.read_text("utf-8"))["agree"] is False
    assert [p.name for p in tmp_path.iterdir()] == ["compare.json"]  # no temporary file left beside it
    missing_folder = run("compare", str(CLEAN), str(EDITED), "-o", str(tmp_path / "no" / "x.txt"))
    assert missing_folder.returncode == 2 and "输出目录" in missing_folder.stderr


def test_inputs_are_never_touched_nor_anything_left_behind(tmp_path: Path):
    inputs, tmpdir = tmp_path / "in", tmp_path / "tmp"
    inputs.mkdir()
    tmpdir.mkdir()
    files = (CLEAN, EDITED, SAMPLES / "pdf" / "final_advanced_merged_clean.pdf", BAD / "truncated.docx")
    for path in files:
        shutil.copyfile(path, inputs / path.name)
    before = _digests(inputs)
    a, b, pdf, bad = (str(inputs / p.name) for p in files)
    out = str(tmp_path / "o.txt")
    for args in ([a, b], [a, pdf, "--format", "json"], [a, bad], [a, b, "-o", b], [pdf, a, "-o", out]):
        proc = run_in(tmpdir, "compare", *args)
        assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.stderr, args
        assert _digests(inputs) == before and list(tmpdir.iterdir()) == [], args
    refused = run_in(tmpdir, "compare", a, b, "-o", b)
    assert refused.returncode == 2 and "输入文件不会被改动" in refused.stderr


def test_a_figure_read_in_doubt_is_not_a_difference(tmp_path: Path):
    """A row whose label only nearly matches the template's is read in doubt: its changed figure can be
    confirmed neither way (as an OCR reader marks a figure it is unsure of)."""
    from docx import Document

    doc = Document(str(SAMPLES / "prelim_advanced_split_clean.docx"))
    row = next(r for t in doc.tables for r in t.rows if r.cells[0].text.startswith("集群企业营业收入"))
    row.cells[0].text = "集群企业营业收(亿元)"
    row.cells[2].text = "93.0"
    near = tmp_path / "near_label.docx"
    doc.save(str(near))
    code, data = _compare(str(SAMPLES / "prelim_advanced_split_clean.docx"), str(near))
    assert (code, data["differences"]) == (0, [])
    revenue = {d["column_key"]: d for d in data["doubts"] if d["label"] == "集群企业营业收入"}
    assert revenue["2022"]["b"] == 93.0 and revenue["2022"]["b_location"] is not None
    assert "2021" in revenue and "growth" in revenue  # the same figures in both, but read in doubt in B
    assert all(d["reason"].startswith("B：") for d in revenue.values())
    text = run("compare", str(SAMPLES / "prelim_advanced_split_clean.docx"), str(near)).stdout
    assert "无法确认" in text and "两版读数相同" in text and "B为93亿元" in text


def test_each_doubtful_column_of_an_ocr_reading_is_a_doubt_on_its_own():
    clean = load_report(CLEAN)
    scanned = copy.deepcopy(clean)
    profit = next(i for i in scanned.indicators if i.label == "利润总额")
    profit.values["2022"] = 99.1
    profit.doubts["2022"] = "识别置信度低"
    exports = next(i for i in scanned.indicators if i.label == "出口额")
    exports.growth_pct = 18.6
    comparison = compare_reports(clean, scanned)
    assert [(d.label, d.column_key) for d in comparison.doubts] == [("利润总额", "2022")]
    assert comparison.doubts[0].reason == "B：识别置信度低" and comparison.doubts[0].b_location is not None
    assert [(d.label, d.column_key, d.a, d.b) for d in comparison.differences] == [("出口额", "growth", 20.7, 18.6)]


@pytest.mark.skipif(not all(any(f.name == "doubts" for f in dataclasses.fields(cls)) for cls in (ListRow, BasicInfo)),
                    reason="ListRow.doubts and BasicInfo.doubts come with the OCR reader")
def test_a_list_entry_or_a_basic_field_read_in_doubt_is_not_a_difference():
    clean = load_report(CLEAN)
    scanned = copy.deepcopy(clean)
    row = scanned.list_table("top10_rd").rows[4]
    row.values["name"] = str(row.values["name"]).replace("有限", "有眼")  # a misread name …
    row.doubts["name"] = "扫描件识别置信度低"  # … that the reader was unsure of
    scanned.basic.promotion_org.contact_phone = "13907318826"
    scanned.basic.doubts["promotion_org.contact_phone"] = "扫描件识别置信度低"
    comparison = compare_reports(clean, scanned)
    assert comparison.differences == []
    assert sorted((d.kind, d.column_key) for d in comparison.doubts) == [
        ("basic", "promotion_org.contact_phone"), ("list", "name")]
    row.doubts.clear()  # read with confidence, the other name is an entry each version has alone
    missing = [d for d in compare_reports(clean, scanned).differences if d.kind == "missing"]
    assert sorted((d.a is None, d.b is None) for d in missing) == [(False, True), (True, False)]


def test_a_sentence_differing_only_on_a_line_the_ocr_read_in_doubt_cannot_be_confirmed():
    clean = load_report(CLEAN)
    scanned = copy.deepcopy(clean)
    block = next(t for t in scanned.texts if len(t.text.splitlines()) > 1)
    line = block.text.splitlines()[1]
    misread = line[:6] + "未" + line[7:]  # one character read otherwise
    block.text = block.text.replace(line, misread)
    block.unsure_lines = [misread]
    comparison = compare_reports(clean, scanned)
    assert comparison.differences == []
    assert [(d.kind, d.label, d.reason) for d in comparison.doubts] == [
        ("text", block.title, "B：扫描件中这句识别置信度不足")]
    block.unsure_lines = []  # read surely, the same change is a change
    assert [(d.kind, d.column_key) for d in compare_reports(clean, scanned).differences] == [("text", "changed")]


def test_sentences_are_compared_simplified_and_a_wrapped_line_is_one_sentence():
    assert compare_texts("集群发展良好。规模扩大；", "集群發展良好。規模擴大；") == []
    assert compare_texts("一、基本情况\n集群规上工业企业203家。", "一、基本情况\n集群规上工业企\n业203家。") == []
    [heading] = compare_texts("一、基本情况\n集群发展良好。", "一、发展情况\n集群发展良好。")
    assert (heading.kind, heading.a, heading.b) == ("changed", "一、基本情况", "一、发展情况")
    [wrapped] = compare_texts("二是集群规上工业企业203家。", "二是集群规上工业企\n业205家。")  # a PDF's wrap
    assert (wrapped.kind, wrapped.b) == ("changed", "二是集群规上工业企业205家。")
    kinds = [(c.kind, c.a, c.b) for c in compare_texts("甲方面很好。乙方面一般。", "甲方面很好。丙丙丙丙。")]
    assert kinds == [("only_a", "乙方面一般。", None), ("only_b", None, "丙丙丙丙。")]


# ---------------------------------------------------------------- seals and signatures on the scans


def _scans() -> dict[str, dict]:
    """From the scans' README: each scan's declaration page and, per page, how many seals and signatures
    were put on it (the copy with a page left out has no list of its own)."""
    text = (SCANNED / "README.md").read_text("utf-8")
    scans: dict[str, dict] = {}
    for name, body in re.findall(r"^## (\S+)\.scan\.pdf\n(.*?)(?=^## |\Z)", text, re.M | re.S):
        declaration = re.search(r"Declaration page: (\d+)", body)
        if declaration:
            pages = {int(n): (line.count("seal 「"), line.count("signature "))
                     for n, line in re.findall(r"^- page (\d+): (.*)$", body, re.M)}
            scans[name] = {"declaration": int(declaration.group(1)), "pages": pages}
    return scans


SCANS = _scans()


def _signature_lines(twin: Path, page: int):
    doc = normalize_document(read_document(twin))
    place = find_declaration(doc)
    assert place is not None and place.page == page
    return place


@pytest.mark.parametrize("name", sorted(SCANS))
def test_seals_are_found_where_they_were_put_and_nowhere_else(name: str):
    scan = SCANNED / f"{name}.scan.pdf"
    for page, (seals, _) in SCANS[name]["pages"].items():
        assert len(find_seals(render_page(scan, page))) == seals, (name, page)


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_signature_is_found_beside_each_signature_line_of_the_scan_and_not_on_its_pdf_twin(name: str):
    declaration = SCANS[name]["declaration"]
    twin = SAMPLES / "pdf" / f"{name}.pdf"
    place = _signature_lines(twin, declaration)
    scanned, printed = render_page(SCANNED / f"{name}.scan.pdf", declaration), render_page(twin, declaration)
    zones = signature_zones([s.bbox for s in place.signatures], printed.width_pt)
    assert len(zones) == SCANS[name]["pages"][declaration][1] == 2
    assert [find_signature(scanned, z) for z in zones] == [True, True]
    assert [find_signature(printed, z) for z in zones] == [False, False]
    assert find_seals(printed) == [] and not find_signature(printed)
    for page, (_, signatures) in SCANS[name]["pages"].items():
        if not signatures:
            assert not find_signature(render_page(SCANNED / f"{name}.scan.pdf", page)), (name, page)


def test_a_signature_counts_for_its_own_line_only():
    name = "final_advanced_merged_clean"
    declaration = SCANS[name]["declaration"]
    place = _signature_lines(SAMPLES / "pdf" / f"{name}.pdf", declaration)
    page = render_page(SCANNED / f"{name}.scan.pdf", declaration)
    left, right = signature_zones([s.bbox for s in place.signatures], page.width_pt)
    assert left is not None and right is not None
    scale = page.dpi / 72
    page.pixels[:, int(right[0] * scale):] = 255  # the second line's signature wiped out
    assert (find_signature(page, left), find_signature(page, right)) == (True, False)


def test_without_the_image_libraries_the_seal_is_a_doubt(monkeypatch: pytest.MonkeyPatch):
    twin = SAMPLES / "pdf" / "final_advanced_merged_clean.pdf"
    doc = normalize_document(read_document(twin))
    monkeypatch.setitem(sys.modules, "cv2", None)  # import cv2 raises ImportError
    stamp = check_stamp(twin, doc)
    assert stamp.checked is False and stamp.page == SCANS["final_advanced_merged_clean"]["declaration"]
    assert stamp.note is not None and "无法检查印章" in stamp.note


def test_a_declaration_on_half_of_a_sheet_holding_two_pages_is_not_looked_at_and_says_why() -> None:
    """Read from a sheet of two pages side by side, the declaration page is half of a PDF page: rendering the
    PDF's page of that number would look at another sheet (or the wrong half) and could say no seal is there.
    The check says it cannot be done, a doubt — as it does for a page it cannot render."""
    pdf = SAMPLES / "pdf" / "prelim_advanced_merged_clean.pdf"
    doc = normalize_document(read_document(pdf))
    place = find_declaration(doc)
    assert place is not None and check_stamp(pdf, doc).checked  # a whole page: looked at
    doc.half_pages = [place.page]
    stamp = check_stamp(pdf, doc)
    assert not stamp.checked and "两页并排" in (stamp.note or "") and stamp.page == place.page
