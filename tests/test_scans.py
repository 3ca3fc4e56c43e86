"""Scanned, stamped twins (samples/scanned, made by scripts/make_scans.py from the PDF twins: skew,
noise, a dark photocopied page, red seals over the print, signatures) read by OCR.

Each scan is judged against the .docx it was printed from (whose reading the sample tests hold to
the sample builder's figures): the figures it reads, and the findings ``check`` gives. A figure the
OCR got wrong must be a doubt, never the basis of a finding.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NEEDS_OCR, SAMPLES, SCANNED, report_of
from reportcheck.figures import figures, read_against
from reportcheck.model import Report
from reportcheck.normalize.text import label_key
from reportcheck.rules import SCANNED_NOTE, run_rules
from test_compare import EDITED, EDITS, _fits, _matches, _same

SCANS = sorted(p for p in SCANNED.glob("*.scan.pdf") if ".missing_page." not in p.name)


def word_twin(scan: Path) -> Path:
    return SAMPLES / (scan.name.removesuffix(".scan.pdf") + ".docx")


@NEEDS_OCR
@pytest.mark.parametrize("scan", SCANS, ids=[p.name for p in SCANS])
def test_a_scan_reads_the_figures_of_its_word_file(scan: Path) -> None:
    word, read = report_of(word_twin(scan)), report_of(scan)
    total, wrong, not_doubted = read_against(word, read)
    want, got = figures(word), figures(read)
    assert not not_doubted, "read wrong without a doubt:\n" + "\n".join(
        f"{k}: {want.get(k)!r} read as {got.get(k)!r}" for k in not_doubted)
    right = 1 - len(wrong) / total
    assert right >= 0.97, f"{right:.1%} of the figures read right: {wrong}"


@NEEDS_OCR
@pytest.mark.parametrize("scan", SCANS, ids=[p.name for p in SCANS])
def test_a_scan_gives_the_findings_of_its_word_file_apart_from_doubts(scan: Path) -> None:
    def findings(report: Report) -> set[tuple[str, str]]:
        """What check says, doubts (D) apart; a finding told rather than judged on a scan (something
        not found, that OCR may have misread) is compared by what it says."""
        return {(i.code, i.message.removesuffix(SCANNED_NOTE)) for i in run_rules(report) if not i.code.startswith("D")}

    assert findings(report_of(scan)) == findings(report_of(word_twin(scan)))


@NEEDS_OCR
def test_a_scan_figure_the_ocr_misread_is_a_doubt_that_names_page_and_cell_or_line() -> None:
    report = report_of(SCANNED / "prelim_advanced_merged_clean.scan.pdf")
    doubts = [i for i in report.extraction_issues if i.code == "D004"]
    assert doubts, "the dark, stamped scan has figures the OCR is unsure of"
    for issue in doubts:
        assert issue.severity == "info" and "扫描件" in issue.message and "识别为" in issue.message
        assert issue.location is not None and issue.location.page is not None
        assert issue.location.row is not None or issue.location.paragraph is not None  # its cell, or its line


@NEEDS_OCR
def test_check_on_a_scan_is_a_whole_process_with_the_exit_code_of_its_word_file() -> None:
    scan = SCANNED / "prelim_advanced_merged_defects.scan.pdf"
    run = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(scan), "--timeout", "900"],
                         capture_output=True, text=True, timeout=1200)
    assert run.returncode == 1, run.stderr  # the planted defects are errors on the scan too
    assert "错误" in run.stdout and "Traceback" not in run.stderr


@pytest.mark.parametrize("missing", ["rapidocr_onnxruntime", "numpy", "cv2"])
def test_a_scan_without_the_ocr_extra_is_refused_saying_how_to_add_it(missing: str) -> None:
    """Without the OCR extra (a plain ``pip install``: no numpy, no OpenCV, no RapidOCR), a scan is refused
    with how to add it — not an internal error."""
    scan = SCANNED / "prelim_advanced_merged_clean.scan.pdf"
    code = (f"import sys; sys.modules[{missing!r}] = None; from reportcheck.cli import main; "
            f"sys.exit(main(['check', {str(scan)!r}]))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2  # check lists an unreadable file among its results
    assert "扫描件" in run.stdout and "reportcheck[ocr]" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def _compare(a: Path, b: Path) -> tuple[int, dict]:
    run = subprocess.run([sys.executable, "-m", "reportcheck", "compare", str(a), str(b), "--format", "json",
                          "--timeout", "900"], capture_output=True, text=True, timeout=1200)
    assert "Traceback" not in run.stderr, run.stderr
    return run.returncode, json.loads(run.stdout)


@NEEDS_OCR
def test_compare_finds_every_edit_made_to_the_word_file_after_the_scan_and_nothing_else() -> None:
    """edits.json lists what the sample builder changed in the .docx after the scan was made; each is a
    difference, or, where the OCR was unsure of that very cell, 无法确认 there (never silence)."""
    scan = SCANNED / "final_advanced_merged_clean.scan.pdf"
    code, data = _compare(scan, EDITED)
    assert code == 1 and data["agree"] is False
    planted = [e for e in EDITS if e["file"] == EDITED.name and e["compared_with"] == scan.name]
    assert planted
    for edit in planted:
        where = [v for k, v in edit["where"].items() if k != "new_paragraph_after"]
        found = [d for d in data["differences"] if _matches(edit, d)]
        doubted = [d for d in data["doubts"] if _same(edit["after"], d["b"]) and all(_fits(w, d) for w in where)]
        assert len(found) + len(doubted) >= 1, (edit, data["differences"], data["doubts"])
    unplanted = [d for d in data["differences"] if not any(_matches(e, d) for e in planted)]
    assert unplanted == []


@NEEDS_OCR
def test_compare_of_a_word_file_and_its_own_scan_finds_no_difference() -> None:
    scan = SCANNED / "prelim_advanced_merged_clean.scan.pdf"
    code, data = _compare(word_twin(scan), scan)
    assert data["differences"] == [] and code == 0
    assert data["stamps"]["b"]["seals"] >= 1  # the stamped declaration page


@NEEDS_OCR
def test_compare_names_what_a_scan_with_a_page_left_out_lacks() -> None:
    edit = next(e for e in EDITS if e["kind"] == "page_missing")
    code, data = _compare(SAMPLES / "final_advanced_merged_clean.docx", SCANNED / edit["file"])
    assert code == 1
    missing = [d for d in data["differences"] if d["kind"] == "missing" and d["b"] is None]
    for heading in edit["where"]["headings_on_page"]:
        assert any(label_key(d["label"]) in label_key(heading) for d in missing), (heading, missing)


@NEEDS_OCR
def test_a_scan_whose_pages_ocr_finds_nothing_on_is_said_as_such(tmp_path: Path) -> None:
    """Two blank scanned pages: OCR ran and read nothing — said so (not "OCR it first", which it was)."""
    from PIL import Image

    from reportcheck.errors import UnreadableInput
    from reportcheck.pipeline import load_report

    blank = Image.new("RGB", (1240, 1754), "white")
    blank.save(tmp_path / "blank.pdf", resolution=150, save_all=True, append_images=[blank.copy()])
    with pytest.raises(UnreadableInput) as refused:
        load_report(tmp_path / "blank.pdf")
    assert refused.value.reason == "ocr_no_text"
    assert "按图像识别（OCR）也没有读出文字" in refused.value.zh


def _on_a_terminal(args: list[str]) -> tuple[str, str]:
    """Run reportcheck with its stderr on a pseudo-terminal: (what the terminal showed, stdout)."""
    import os
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "reportcheck", *args], stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal's other end closed with the process
            break
        if not chunk:
            break
        shown += chunk
    out = process.communicate(timeout=600)[0]
    os.close(master)
    return shown.decode("utf-8", "replace"), out.decode("utf-8")


@NEEDS_OCR
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_check_shows_each_scanned_page_on_a_terminal_and_clears_the_line(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(SCANNED / "final_advanced_merged_clean.scan.pdf")
    two = pdfium.PdfDocument.new()
    two.import_pages(source, [0, 1])
    two.save(tmp_path / "two.scan.pdf")
    shown, out = _on_a_terminal(["check", str(tmp_path / "two.scan.pdf")])
    assert "two.scan.pdf  文字识别 第1/2页" in shown and "two.scan.pdf  文字识别 第2/2页" in shown
    assert shown.endswith("\r\x1b[K") and "共检查1个文件" in out  # the line is gone before the results
    plain = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(tmp_path / "two.scan.pdf")],
                           capture_output=True, text=True, timeout=600)
    assert "文字识别" not in plain.stderr  # not a terminal: nothing shown
