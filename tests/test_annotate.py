"""``reportcheck annotate``: each finding a Word comment on the cell, row or paragraph it is about.

Where a comment sits is read back from the written file's XML (the w:tc or w:p holding its
w:commentRangeStart) and compared with what the finding says — the figure it quotes, the field it
names — not with the annotator's own idea of the location.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import NEEDS_LIBREOFFICE, SAMPLES
from reportcheck.cli import main
from reportcheck.model import Issue, Report
from reportcheck.outcome import check_file
from reportcheck.rules import load_pack

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DEFECTS = sorted(SAMPLES.glob("*_defects.docx"))


@dataclass
class Anchored:
    code: str
    message: str
    cell: str | None  # text of the table cell the comment starts in (None: a paragraph)
    row: str  # text of that cell's row, or of the paragraph
    left: str = ""  # text of the cell before it in its row (the label of a form's value cell)


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(f"{{{W}}}t"))


def anchored_comments(data: bytes) -> dict[int, Anchored]:
    """Comment id → its code, message and the text where its range starts."""
    comments = {c.comment_id: c.text.split("\n") for c in docx.Document(io.BytesIO(data)).comments}
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    out: dict[int, Anchored] = {}
    for start in root.iter(f"{{{W}}}commentRangeStart"):
        cid = int(start.get(f"{{{W}}}id"))
        lines = comments[cid]
        code = re.search(r"[A-Z]{1,2}\d{3}", lines[0])
        tc = next((a for a in start.iterancestors(f"{{{W}}}tc")), None)
        row_el = tc.getparent() if tc is not None else next(start.iterancestors(f"{{{W}}}p"))
        message = "\n".join(lines[1:]) if code is None else lines[1]  # a finding: code, message, 依据
        left = tc.getprevious() if tc is not None else None
        out[cid] = Anchored(code.group(0) if code else "", message, _text(tc) if tc is not None else None,
                            _text(row_el), _text(left) if left is not None and left.tag == tc.tag else "")
    return out


def _squash(text: str) -> str:
    return "".join(text.split())


def sits_right(a: Anchored, issue: Issue, report: Report | None = None) -> bool:
    """The anchor is the finding's own place: a cell holding the figure or name the message quotes, or
    the field's label; an empty cell right of the field's label; a row of the list a finding is about as a
    whole; the start of the self-evaluation's own text (not its instruction); the paragraph holding a
    figure the prose states."""
    cell, message, field = _squash(a.cell or ""), _squash(a.message), issue.field
    name = _squash((field or "").split("·")[-1])
    if "quote" in issue.args:  # a figure in the prose: the paragraph that states it
        return _squash(str(issue.args["quote"])) in _squash(a.cell if a.cell is not None else a.row)
    lists = {t.title: t for t in report.lists} if report is not None else {}
    texts = {t.title: t for t in report.texts} if report is not None else {}
    if field in texts:  # a self-evaluation: where the applicant's own text starts
        return _squash(texts[field].text)[:12] in _squash(a.cell if a.cell is not None else a.row)
    if field in lists:
        names = [_squash(v) for r in lists[field].rows for v in r.values.values() if isinstance(v, str)]
        return any(len(n) >= 4 and n in _squash(a.row) for n in names)
    if a.cell is None:
        return False  # only self-evaluations are commented on paragraphs
    if cell:
        quoted = set(_numbers(cell)) & set(_numbers(message))
        return bool(quoted) or (bool(name) and name in cell) or cell[:20] in message
    label = _squash(a.left)  # an empty value cell: its label is the field's (电话 of 联系人电话)
    return bool(label) and (label in name or name in label)


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


def _annotate(src: Path, out: Path, *extra: str) -> int:
    return main(["annotate", str(src), "-o", str(out), *extra])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("src", DEFECTS, ids=[p.stem for p in DEFECTS])
def test_every_finding_is_a_comment_on_its_own_cell(src: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.docx"
    before = _digest(src)
    assert _annotate(src, out) == 1  # the defect samples have errors
    assert _digest(src) == before, "the report itself is never modified"
    outcome = check_file(str(src), load_pack())
    issues = outcome.issues
    anchored = anchored_comments(out.read_bytes())
    summary = [a for a in anchored.values() if a.code == ""]
    placed = [a for a in anchored.values() if a.code]
    assert len(summary) == 1 and len(placed) + len(summary) == len(anchored)
    with_place = [i for i in issues if i.location is not None]
    assert sorted(a.code for a in placed) == sorted(i.code for i in with_place)
    by_message = {_squash(i.message): i for i in with_place}
    for a in placed:
        issue = by_message[_squash(a.message)]
        assert sits_right(a, issue, outcome.report), (issue.code, issue.message, a.cell, a.row[:80])
    for issue in issues:  # the ones with no place are listed in the summary
        if issue.location is None:
            assert _squash(issue.message) in _squash(summary[0].message + summary[0].row), issue.code
    assert f"已写出 {out}" in capsys.readouterr().out


def test_figures_get_their_own_cell_not_the_row_label(tmp_path: Path) -> None:
    """A growth rate that does not follow from the figures is commented on the growth cell."""
    out = tmp_path / "out.docx"
    _annotate(SAMPLES / "prelim_advanced_split_defects.docx", out)
    by_code = {a.code: a for a in anchored_comments(out.read_bytes()).values()}
    assert _squash(by_code["AR001"].cell or "") in ("15.3", "15.3%")
    assert _squash(by_code["X001"].cell or "") == "九十七点三"
    assert "95" in (by_code["EV002"].cell or "")
    assert by_code["BI001"].cell == "" and "集群名称" in by_code["BI001"].row


def test_summary_comment_opens_the_document_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    _annotate(SAMPLES / "prelim_sme_merged_defects.docx", out)
    root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    first = next(root.iter(f"{{{W}}}commentRangeStart"))
    comments = {c.comment_id: c.text for c in docx.Document(str(out)).comments}
    summary = comments[int(first.get(f"{{{W}}}id"))]
    issues = check_file(str(SAMPLES / "prelim_sme_merged_defects.docx"), load_pack()).issues
    errors = sum(1 for i in issues if i.severity == "error")
    assert summary.startswith("reportcheck 检查结果") and f"错误{errors}条" in summary
    assert all(c.author == "reportcheck" for c in docx.Document(str(out)).comments)


def test_clean_report_gets_only_the_summary_and_its_notes(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    src = SAMPLES / "prelim_advanced_split_clean.docx"
    issues = check_file(str(src), load_pack()).issues
    assert not any(i.severity == "error" for i in issues)
    assert _annotate(src, out) == 0
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == 1 + sum(1 for i in issues if i.location is not None)
    assert "错误" not in comments[-1].text.split("\n")[0]


def test_default_name_beside_the_report_and_no_overwrite_without_force(tmp_path: Path, capsys) -> None:
    src = tmp_path / "报告.docx"
    shutil.copyfile(SAMPLES / "prelim_advanced_split_defects.docx", src)
    assert main(["annotate", str(src)]) == 1
    written = tmp_path / "报告.checked.docx"
    mask = os.umask(0o022)
    os.umask(mask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~mask, "an ordinary file, not a private temporary"
    stamp = written.stat().st_mtime_ns
    assert main(["annotate", str(src)]) == 2
    assert "已存在" in capsys.readouterr().err and written.stat().st_mtime_ns == stamp
    assert main(["annotate", str(src), "--force"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.checked.docx", "报告.docx"], "no temporary left"


def test_refuses_to_write_over_the_report_itself(tmp_path: Path, capsys) -> None:
    src = tmp_path / "r.docx"
    shutil.copyfile(SAMPLES / "prelim_advanced_split_defects.docx", src)
    before = _digest(src)
    assert main(["annotate", str(src), "-o", str(src), "--force"]) == 2
    assert "输入文件不会被改动" in capsys.readouterr().err and _digest(src) == before


def test_pdf_gets_the_html_report_instead(tmp_path: Path, capsys) -> None:
    src = SAMPLES / "pdf" / "prelim_advanced_split_defects.pdf"
    assert main(["annotate", str(src), "-o", str(tmp_path / "x.docx")]) == 2  # not a Word file: said
    assert "扩展名应为 .html" in capsys.readouterr().err and not (tmp_path / "x.docx").exists()
    html = tmp_path / "x.html"
    assert main(["annotate", str(src), "-o", str(html)]) == 1
    assert "PDF文件不能加Word批注" in capsys.readouterr().out and html.is_file()
    page = html.read_text("utf-8")
    for issue in check_file(str(src), load_pack()).issues:
        assert issue.code in page


@pytest.mark.parametrize("bad", ["truncated.docx", "not_zip.docx", "empty.docx", "encrypted.docx"])
def test_unreadable_input_is_one_message_and_nothing_written(bad: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.docx"
    assert _annotate(SAMPLES / "bad" / bad, out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_data_sheet_cannot_be_annotated(tmp_path: Path, capsys) -> None:
    assert _annotate(SAMPLES / "datasheet_sme_3years.xlsx", tmp_path / "o.docx") == 2
    assert "数据表" in capsys.readouterr().err


@NEEDS_LIBREOFFICE
def test_doc_is_annotated_as_its_converted_docx(tmp_path: Path) -> None:
    src = SAMPLES / "doc" / "prelim_advanced_split_defects.doc"
    out = tmp_path / "out.docx"
    assert _annotate(src, out) == 1
    outcome = check_file(str(src), load_pack())
    anchored = anchored_comments(out.read_bytes())
    by_message = {_squash(i.message): i for i in outcome.issues if i.location is not None}
    placed = [a for a in anchored.values() if a.code]
    assert len(placed) == len(by_message)
    for a in placed:
        assert sits_right(a, by_message[_squash(a.message)], outcome.report), a


@NEEDS_LIBREOFFICE
def test_comments_survive_a_libreoffice_round_trip_on_their_cells(tmp_path: Path) -> None:
    """LibreOffice opens the annotated file and saves it again with every comment on the same cell."""
    from reportcheck.readers.convert import convert_to_docx

    out = tmp_path / "out.docx"
    _annotate(SAMPLES / "final_advanced_split_defects.docx", out)
    ours = anchored_comments(out.read_bytes())
    theirs = anchored_comments(convert_to_docx(out, ".docx"))
    key = sorted((a.code, _squash(a.message), a.cell, _squash(a.row)) for a in ours.values() if a.code)
    assert key == sorted((a.code, _squash(a.message), a.cell, _squash(a.row)) for a in theirs.values() if a.code)
    assert len(theirs) == len(ours)
