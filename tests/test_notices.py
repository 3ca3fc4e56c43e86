"""审核意见 (``--notices DIR`` of batch and check): one Word document per report that a bureau sends back as
it is — every finding, errors first, with where it is and what to do; a file that could not be read says
why. Never inside a folder being checked, never over an input or (without --force) an earlier notice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from conftest import BAD, NEEDS_LIBREOFFICE, SAMPLES
from reportcheck.cli import main
from reportcheck.model import SEVERITY_ZH
from reportcheck.outcome import check_file
from reportcheck.rules import load_pack

DEFECTS = SAMPLES / "prelim_advanced_split_defects.docx"
CLEAN = SAMPLES / "prelim_advanced_split_clean.docx"


def _notice(path: Path) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, rows


def test_batch_writes_a_notice_per_report_with_every_finding_errors_first(tmp_path: Path) -> None:
    out = tmp_path / "意见"
    code = main(["batch", str(DEFECTS), str(CLEAN), str(BAD / "encrypted.docx"), "-o", str(tmp_path / "r.xlsx"),
                 "--notices", str(out)])
    assert code == 2  # one file unreadable
    assert sorted(p.name for p in out.iterdir()) == [f"{stem}.审核意见.docx" for stem in (
        "encrypted", "prelim_advanced_split_clean", "prelim_advanced_split_defects")]
    paragraphs, rows = _notice(out / "prelim_advanced_split_defects.审核意见.docx")
    issues = check_file(str(DEFECTS), load_pack()).issues
    assert paragraphs[0] == "参赛报告审核意见" and "报告文件：prelim_advanced_split_defects.docx" in paragraphs
    assert rows[0] == ["序号", "处理", "位置", "问题及修改要求"] and len(rows) == 1 + len(issues)
    assert sorted(r[3] for r in rows[1:]) == sorted(i.message for i in issues)
    levels = [list(SEVERITY_ZH.values()).index(r[1].split("\n")[0]) for r in rows[1:]]
    assert levels == sorted(levels) and [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(issues) + 1)]
    assert rows[1][1] == "错误\n须修改"
    paragraphs, rows = _notice(out / "encrypted.审核意见.docx")
    assert not rows and any(p.startswith("该文件未能检查：") and "密码" in p for p in paragraphs)


def test_check_writes_notices_and_never_into_a_folder_being_checked_nor_over_one_without_force(
        tmp_path: Path, capsys) -> None:
    received = tmp_path / "收件"
    received.mkdir()
    shutil.copy(DEFECTS, received)
    inside = received / "意见"
    assert main(["batch", str(received), "-o", str(tmp_path / "r.xlsx"), "--notices", str(inside)]) == 2
    assert "在待检查的文件夹" in capsys.readouterr().err and not inside.exists()
    out = tmp_path / "意见"
    assert main(["check", str(received / DEFECTS.name), "--notices", str(out)]) == 1
    notice = out / "prelim_advanced_split_defects.审核意见.docx"
    assert notice.is_file()
    notice.write_bytes(b"kept")
    assert main(["check", str(received / DEFECTS.name), "--notices", str(out)]) == 2
    assert "--force" in capsys.readouterr().err and notice.read_bytes() == b"kept"
    assert main(["check", str(received / DEFECTS.name), "--notices", str(out), "--force"]) == 1
    assert _notice(notice)[0][0] == "参赛报告审核意见"


@NEEDS_LIBREOFFICE
def test_a_notice_opens_and_prints_in_libreoffice(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    out = tmp_path / "意见"
    assert main(["check", str(DEFECTS), "--notices", str(out)]) == 1
    notice = out / "prelim_advanced_split_defects.审核意见.docx"
    exe = shutil.which("soffice") or "soffice"
    subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(notice)],
                   capture_output=True, timeout=180, check=False, stdin=subprocess.DEVNULL)
    printed = tmp_path / "prelim_advanced_split_defects.审核意见.pdf"
    if not printed.is_file():
        pytest.fail("LibreOffice did not print the notice")
    pdf = pdfium.PdfDocument(printed)
    assert 1 <= len(pdf) <= 4
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "prelim_advanced_split_defects.docx" in text and "hunan_competition_2023" in text
