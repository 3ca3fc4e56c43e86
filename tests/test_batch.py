"""``reportcheck batch``: a folder of mixed, some broken, reports → one result, in parallel, inputs untouched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BAD, NEEDS_LIBREOFFICE, SAMPLES, expected
from test_cli import run

BATCH = SAMPLES / "batch"


def _folder(tmp_path: Path) -> Path:
    """Two clean reports, a defect one, a PDF twin of one of them, a broken file, and litter."""
    folder = tmp_path / "received"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES / "prelim_advanced_split_clean.docx", folder)
    shutil.copy(SAMPLES / "prelim_advanced_split_defects.docx", folder / "sub")
    shutil.copy(SAMPLES / "final_sme_split_messy.docx", folder)
    shutil.copy(SAMPLES / "pdf" / "prelim_advanced_split_clean.pdf", folder / "sub")
    shutil.copy(BAD / "truncated.docx", folder)
    (folder / "~$prelim_advanced_split_clean.docx").write_bytes(b"lock")
    (folder / ".hidden.docx").write_bytes(b"x")
    (folder / "readme.txt").write_text("说明", encoding="utf-8")
    return folder


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_gives_a_row_for_every_file_and_leaves_the_inputs_alone(tmp_path):
    folder = _folder(tmp_path)
    before = _hashes(folder)
    out = tmp_path / "results.json"
    proc = run("batch", str(folder), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 2, proc.stderr  # one file could not be read
    assert "Traceback" not in proc.stderr and "共检查5个文件" in proc.stdout
    assert _hashes(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["received", "results.json"]  # nothing else written
    data = json.loads(out.read_text("utf-8"))
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert set(files) == {"prelim_advanced_split_clean.docx", "prelim_advanced_split_defects.docx",
                          "final_sme_split_messy.docx", "prelim_advanced_split_clean.pdf", "truncated.docx"}
    assert files["truncated.docx"]["status"] == "unreadable"
    assert files["prelim_advanced_split_clean.docx"]["status"] == "ok"
    defects = expected(SAMPLES / "prelim_advanced_split_defects.docx")
    planted = {(i["code"], i["section"], i["field"]) for i in defects["issues"]}
    got = {(i["code"], i["section"], i["field"]) for i in files["prelim_advanced_split_defects.docx"]["issues"]}
    assert got == planted  # the same findings as check
    skipped = {Path(s[0]).name if isinstance(s, list) else Path(s["path"]).name for s in data["skipped"]}
    assert skipped == {"~$prelim_advanced_split_clean.docx", ".hidden.docx", "readme.txt"}
    same = [c for c in data["cross"] if c["code"] == "BT005"]
    assert len(same) == 1 and {Path(p).name for p in same[0]["args"]["files"]} == {
        "prelim_advanced_split_clean.docx", "prelim_advanced_split_clean.pdf"}


def test_the_same_inputs_give_the_same_result(tmp_path):
    folder = _folder(tmp_path)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run("batch", str(folder), "-o", str(first), "--jobs", "2")
    run("batch", str(folder), "-o", str(second), "--jobs", "1")
    assert first.read_text("utf-8") == second.read_text("utf-8")


@NEEDS_LIBREOFFICE
def test_a_file_over_the_time_limit_is_a_row_and_the_batch_goes_on(tmp_path):
    """A .doc needs LibreOffice (a second or more, most of it starting LibreOffice): with a limit of half a
    second it is stopped, LibreOffice with it, and the .docx beside it is still checked."""
    out, private = tmp_path / "r.json", tmp_path / "tmp"
    private.mkdir()
    proc = subprocess.run([sys.executable, "-m", "reportcheck", "batch",
                           str(SAMPLES / "doc" / "prelim_advanced_split_clean.doc"),
                           str(SAMPLES / "final_sme_split_messy.docx"), "-o", str(out), "--timeout", "0.5"],
                          capture_output=True, env={**os.environ, "TMPDIR": str(private)}, timeout=120)
    assert proc.returncode == 2
    rows = {Path(r["path"]).name: r for r in json.loads(out.read_text("utf-8"))["files"]}
    slow = rows["prelim_advanced_split_clean.doc"]
    assert slow["status"] == "unreadable" and "0.5秒" in slow["error"]["message"]
    assert rows["final_sme_split_messy.docx"]["status"] == "issues"
    time.sleep(1)
    assert not _working_in(private), "the stopped file's LibreOffice is stopped too"


def _working_in(folder: Path) -> list[int]:
    """Processes still working in ``folder`` (their command line names it: LibreOffice's profile is
    there) — only this test's, never another batch running on the machine."""
    import psutil

    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any(str(folder) in part for part in process.info["cmdline"] or []):
            found.append(process.pid)
    return found


def test_settings_apply_as_in_check(tmp_path):
    out = tmp_path / "r.json"
    run("batch", str(SAMPLES / "prelim_advanced_split_defects.docx"), "-o", str(out), "--select", "AR001")
    [row] = json.loads(out.read_text("utf-8"))["files"]
    assert {i["code"] for i in row["issues"]} == {"AR001"}


def test_cross_report_findings_of_reports_made_to_share(tmp_path):
    out = tmp_path / "r.json"
    proc = run("batch", str(BATCH), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    cross = json.loads(out.read_text("utf-8"))["cross"]
    got = sorted((c["code"], *[(Path(f).name, p) for f, p in zip(c["args"]["files"], c["args"]["places"], strict=True)])
                 for c in cross)
    want = sorted((c["code"], *zip(c["files"], c["places"], strict=True))
                  for c in json.loads((BATCH / "expected_cross.json").read_text("utf-8")))
    assert got == want


def test_the_workbook_has_a_row_for_every_file(tmp_path):
    from openpyxl import load_workbook

    folder = _folder(tmp_path)
    out = tmp_path / "results.xlsx"
    run("batch", str(folder), "-o", str(out))
    book = load_workbook(out)
    assert book.sheetnames[:5] == ["汇总", "问题清单", "数据", "名单", "批内比对"]
    summary = book["汇总"]
    assert summary.max_row == 1 + 5 and summary.freeze_panes == "A2" and summary.auto_filter.ref
    statuses = {Path(row[0]).name: row[4] for row in summary.iter_rows(min_row=2, values_only=True)}
    assert statuses["truncated.docx"] == "无法读取" and statuses["prelim_advanced_split_clean.docx"] == "通过"


def test_bad_arguments_are_one_line(tmp_path):
    unknown = run("batch", str(SAMPLES / "prelim_advanced_split_clean.docx"), "-o", str(tmp_path / "r.txt"))
    assert unknown.returncode == 2 and "输出格式" in unknown.stderr and not (tmp_path / "r.txt").exists()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    report = shutil.copy(SAMPLES / "prelim_advanced_split_clean.docx", inbox)
    before = _hashes(inbox)
    onto_input = run("batch", str(inbox), "-o", str(report), "--format", "json")
    assert onto_input.returncode == 2 and "输入" in onto_input.stderr and _hashes(inbox) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("batch", str(empty), "-o", str(tmp_path / "r.xlsx"))
    assert nothing.returncode == 2 and "没有找到" in nothing.stderr


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_an_interrupt_stops_cleanly_and_writes_nothing(tmp_path, stop):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        shutil.copy(SAMPLES / "pdf" / "prelim_advanced_split_defects.pdf", folder / f"{i:02d}.pdf")
    out = tmp_path / "results.xlsx"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "reportcheck", "batch", str(folder), "-o", str(out), "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(3)
    proc.send_signal(stop)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "已中断" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many"]  # no workbook, no staging folder


def test_a_rerun_with_its_workbook_inside_the_folder_skips_it(tmp_path):
    folder = tmp_path / "received"
    folder.mkdir()
    shutil.copy(SAMPLES / "prelim_advanced_split_clean.docx", folder)
    out = folder / "results.xlsx"
    assert run("batch", str(folder), "-o", str(out)).returncode == 0
    refused = run("batch", str(folder), "-o", str(out))
    assert refused.returncode == 2 and "已存在，加 --force 覆盖" in refused.stderr
    again = run("batch", str(folder), "-o", str(out), "--format", "xlsx", "--force")
    assert again.returncode == 0 and "共检查1个文件" in again.stdout and "未检查1个" in again.stdout


def test_the_workbook_shows_the_cross_findings_of_reports_made_to_share(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "results.xlsx"
    run("batch", str(BATCH), "-o", str(out))
    sheet = load_workbook(out)["批内比对"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    planted = json.loads((BATCH / "expected_cross.json").read_text("utf-8"))
    assert sorted(r["代码"] for r in rows) == sorted(c["code"] for c in planted)
    phone = next(c for c in planted if c["code"] == "BT004")
    [row] = [r for r in rows if r["代码"] == "BT004"]
    assert phone["what"] in row["说明"] and all(p.split()[0] in row["说明"] for p in phone["people"])
    assert {Path(row["文件一"]).name, Path(row["文件二"]).name} == set(phone["files"])


def _as_macro_document(source: Path, target: Path, content_type: str) -> None:
    """``source`` with its main part typed as Word types it in a .docm or .dotx."""
    import zipfile

    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                    content_type.encode())
            dst.writestr(item, data)


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="links and fifos: POSIX")
def test_links_and_special_files_in_a_folder_are_rows_saying_why(tmp_path):
    """A link out of the folder is not followed (it could hand over any file the account reads); a
    dangling link, a link to a device and a pipe are listed in 未检查 with their reason; a link to a
    report inside the folder is read; a .docm and a .dotx are read like .docx."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.docx"
    shutil.copy(SAMPLES / "prelim_advanced_split_defects.docx", secret)
    folder = tmp_path / "received"
    folder.mkdir()
    shutil.copy(SAMPLES / "prelim_advanced_split_clean.docx", folder / "report.docx")
    _as_macro_document(SAMPLES / "final_sme_split_messy.docx", folder / "macro.docm",
                       "application/vnd.ms-word.document.macroEnabled.main+xml")
    _as_macro_document(SAMPLES / "final_advanced_merged_clean.docx", folder / "template.dotx",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")
    (folder / "to_secret.docx").symlink_to(secret)
    (folder / "to_outside_dir").symlink_to(outside, target_is_directory=True)
    (folder / "dangling.docx").symlink_to(tmp_path / "gone.docx")
    (folder / "zero.docx").symlink_to("/dev/zero")
    (folder / "inside.docx").symlink_to(folder / "report.docx")
    os.mkfifo(folder / "pipe.docx")
    out = tmp_path / "results.json"
    proc = run("batch", str(folder), "-o", str(out))
    assert "Traceback" not in proc.stderr, proc.stderr
    data = json.loads(out.read_text("utf-8"))
    read = {Path(f["path"]).name: f["status"] for f in data["files"]}
    assert set(read) == {"report.docx", "macro.docm", "template.dotx", "inside.docx"}, read
    assert read["macro.docm"] != "unreadable" and read["template.dotx"] != "unreadable"
    reasons = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert set(reasons) == {"to_secret.docx", "to_outside_dir", "dangling.docx", "zero.docx", "pipe.docx"}
    assert "文件夹以外" in reasons["to_secret.docx"] and "文件夹以外" in reasons["to_outside_dir"]
    assert "文件夹以外" in reasons["zero.docx"]
    assert "不存在" in reasons["dangling.docx"]
    assert "不是普通文件" in reasons["pipe.docx"]
    assert "secret" not in json.dumps(data["files"], ensure_ascii=False)


def test_a_mistyped_folder_is_refused_and_nothing_written(tmp_path):
    out = tmp_path / "r.xlsx"
    proc = run("batch", str(tmp_path / "收件夾"), "-o", str(out))
    assert proc.returncode == 2 and "找不到" in proc.stderr and "收件夾" in proc.stderr
    assert not out.exists()
