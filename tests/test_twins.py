"""PDF, .doc and traditional-Chinese twins give the figures and findings of their .docx.

The twins are rendered from the .docx samples by scripts/render_samples.py (LibreOffice, OpenCC)
and committed; each is compared, check by check, with what the sample builder put into its .docx
(the .docx's expected JSON): figures, 3.1 cluster shares, basic information, list cells, the figures
stated in the texts, the aspects left out, the evidence range and the planted findings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BAD, CHECKS, NEEDS_LIBREOFFICE, SAMPLES, expected, report_of
from reportcheck.rules import run_rules
from test_cli import run

PDF = sorted((SAMPLES / "pdf").glob("*.pdf"))
DOC = sorted((SAMPLES / "doc").glob("*.doc"))
TRADITIONAL = sorted((SAMPLES / "traditional").glob("*.docx"))


def _twin_of(path: Path) -> Path:
    return SAMPLES / f"{path.stem}.docx"


def _assert_as_built(path: Path, check: str) -> None:
    """The twin's model against what the builder put into its .docx (the .docx's expected JSON)."""
    mismatches = CHECKS[check](report_of(path), expected(_twin_of(path)))
    assert not mismatches, "\n".join(mismatches)


def test_every_docx_sample_has_pdf_and_doc_twins() -> None:
    docx = {p.stem for p in SAMPLES.glob("*.docx")}
    assert {p.stem for p in PDF} == docx and {p.stem for p in DOC} == docx
    assert TRADITIONAL


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("path", PDF, ids=[p.stem for p in PDF])
def test_pdf_twin_gives_the_figures_and_findings_put_in(path: Path, check: str) -> None:
    _assert_as_built(path, check)


@NEEDS_LIBREOFFICE
@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("path", DOC, ids=[p.stem for p in DOC])
def test_doc_twin_gives_the_figures_and_findings_put_in(path: Path, check: str) -> None:
    _assert_as_built(path, check)


OTHER = sorted((SAMPLES / "other").glob("*.*"))


@NEEDS_LIBREOFFICE
@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("path", OTHER, ids=[p.suffix for p in OTHER])
def test_odt_rtf_and_wps_twins_give_the_figures_and_findings_put_in(path: Path, check: str) -> None:
    assert report_of(path).source.endswith(path.suffix)
    _assert_as_built(path, check)


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("path", TRADITIONAL, ids=[p.stem for p in TRADITIONAL])
def test_traditional_twin_gives_the_figures_and_findings_put_in(path: Path, check: str) -> None:
    assert "總產值" in report_of(path).indicator("total_output").raw["label"]  # read as written
    _assert_as_built(path, check)


def test_traditional_messages_are_simplified_and_quote_the_original() -> None:
    path = SAMPLES / "traditional" / "prelim_sme_merged_defects.docx"
    issues = run_rules(report_of(path))
    [phone] = [i for i in issues if i.code == "BI002"]
    assert "电话" in phone.message and "0731-8888" in phone.message and "負責人" not in phone.message
    [industry] = [i for i in issues if i.code == "EL007"]
    assert "生物醫藥、鐵合金" in industry.message  # quoted as written
    assert "可能属于国家规定的禁止" in industry.message  # the message itself stays simplified


def test_pdf_findings_carry_their_page() -> None:
    report = report_of(SAMPLES / "pdf" / "prelim_advanced_split_defects.pdf")
    growth = next(i for i in run_rules(report) if i.code == "AR001")
    assert growth.location.page >= 1
    assert f"第{growth.location.page}页" in growth.location.describe()


def test_pdf_layout_has_pages_and_boxes_and_no_page_furniture() -> None:
    from reportcheck.readers import read_document

    doc = read_document(SAMPLES / "pdf" / "prelim_sme_merged_messy.pdf")
    paragraphs = [b for b in doc.iter_blocks() if not hasattr(b, "rows")]
    cells = [c for t in doc.tables() for row in t.rows for c in row]
    assert all(p.page and p.bbox for p in paragraphs) and all(c.page and c.bbox for c in cells)
    texts = [p.text for p in paragraphs]
    assert not any(t == "湖南省产业集群竞赛参赛报告" for t in texts)  # the page header
    assert not any(t.strip("— ").isdigit() for t in texts)  # the page numbers
    spanning = [t for t in doc.tables() if len({c.page for row in t.rows for c in row}) > 1]
    assert spanning, "tables run on over pages and are joined"
    for table in spanning:  # Word repeats the first row on every page; it is read once
        first = [c.text for c in table.rows[0]]
        assert sum(1 for row in table.rows if [c.text for c in row] == first) == 1


# What the one line must tell the user. corrupt.doc is an OLE (Word 97) file whose stream is garbage:
# the user must hear that the file is damaged, not that it is some other document than a report.
BAD_PDF: dict[str, tuple[str, ...]] = {
    "scanned.pdf": ("没有文字层",), "garbled.pdf": ("ToUnicode",), "encrypted.pdf": ("加密",),
    "broken.pdf": ("损坏",), "corrupt.doc": ("损坏",)}
NOT_A_REPORT = "不是湖南省产业集群竞赛参赛报告"


@pytest.mark.parametrize(("name", "words"), list(BAD_PDF.items()))
def test_bad_pdf_and_doc_give_one_clear_line(name: str, words: tuple[str, ...]) -> None:
    if name.endswith(".doc") and shutil.which("soffice") is None \
            and not os.environ.get("REPORTCHECK_REQUIRE_LIBREOFFICE"):
        pytest.skip("LibreOffice not installed")
    proc = run("extract", str(BAD / name))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and " / " in lines[0]
    assert all(word in lines[0] for word in words), lines[0]
    assert NOT_A_REPORT not in lines[0], lines[0]  # a broken file is not "another document"


def test_doc_without_libreoffice_says_how_to_install_it(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "reportcheck", "extract", str(DOC[0])], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == 2
    assert "LibreOffice" in proc.stderr and "apt-get install libreoffice-writer-nogui" in proc.stderr
