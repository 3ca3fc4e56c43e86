"""Hostile input (samples/hostile/, built by scripts/make_hostile.py): zip bombs, XML entity tricks and
overloaded PDFs are refused with a reason naming the limit, as one clear result, never a traceback."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from reportcheck.cli import main
from reportcheck.outcome import check_file
from reportcheck.rules import load_pack

HOSTILE = SAMPLES / "hostile"
REFUSED = {  # file -> (reason, words of the message that name what hit)
    "bomb.docx": ("zip_entry_too_large", "word/document.xml 解压后有256MB，超过限制（100MB）"),
    "lying_sizes.docx": ("zip_size_mismatch", "声明50000字节"),
    "many_entries.docx": ("zip_too_many_entries", "超过限制（1000个）"),
    "ratio.docx": ("zip_ratio", "word/media/filler.bin 的压缩比"),
    "billion_laughs.docx": ("xml_doctype", "word/document.xml 含有DOCTYPE"),
    "xxe.docx": ("xml_doctype", "word/document.xml 含有DOCTYPE"),
    "xxe_styles.docx": ("xml_doctype", "word/styles.xml 含有DOCTYPE"),
    "bomb.xlsx": ("zip_entry_too_large", "xl/worksheets/sheet1.xml 解压后有256MB"),
    "xxe.xlsx": ("xml_doctype", "xl/worksheets/sheet1.xml 含有DOCTYPE"),
    "many_pages.pdf": ("pdf_too_many_pages", "超过限制（1000页）"),
    "dense_page.pdf": ("pdf_page_objects", "PDF第1页有100000个对象和字符，超过限制（20000个）"),
    "grid_page.pdf": ("pdf_page_grid", "150条横线×150条竖线，超过限制5000"),
    "truncated.pdf": ("corrupt", "PDF文件已损坏"),
    "garbage.pdf": ("corrupt", "PDF文件已损坏"),
}
PASSWD = Path("/etc/passwd").read_text("utf-8", errors="replace").splitlines()[0]


def _generator():
    spec = importlib.util.spec_from_file_location("make_hostile", ROOT / "scripts" / "make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_sample_is_tested_and_the_generator_rebuilds_them_alike(tmp_path):
    assert sorted(REFUSED) == sorted(p.name for p in HOSTILE.iterdir())
    gen = _generator()
    for name in ("bomb.docx", "lying_sizes.docx", "xxe.docx", "grid_page.pdf"):
        gen.BUILDERS[name](tmp_path / name)
        assert (tmp_path / name).read_bytes() == (HOSTILE / name).read_bytes(), name


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_check_file_refuses_with_the_limit_that_hit(name):
    reason, words = REFUSED[name]
    outcome = check_file(str(HOSTILE / name), load_pack())
    assert outcome.status == "unreadable"
    assert (outcome.error.reason, outcome.error.path) == (reason, str(HOSTILE / name))
    assert words in outcome.error.zh and " / " in outcome.error.line


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_cli_check_exits_2_with_the_reason_once_and_no_traceback(name, capsys):
    assert main(["check", str(HOSTILE / name)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out.count(REFUSED[name][1]) == 1


@pytest.mark.parametrize("name", ["bomb.docx", "lying_sizes.docx", "xxe.docx", "bomb.xlsx", "grid_page.pdf"])
def test_cli_extract_gives_one_stderr_line(name, capsys):
    assert main(["extract", str(HOSTILE / name)]) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert not out and len(lines) == 1 and REFUSED[name][1] in lines[0] and "Traceback" not in err


def test_the_bomb_is_refused_in_little_memory():
    """Peak resident memory of ``check bomb.docx`` and the child it forks, measured in a fresh
    process so no earlier test's children count. Before the limits: 23 GB and killed (1.2 GB bomb)."""
    probe = textwrap.dedent(f"""
        import resource, subprocess, sys
        code = subprocess.run([sys.executable, "-m", "reportcheck", "check", {str(HOSTILE / "bomb.docx")!r}],
                              capture_output=True).returncode
        print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """)
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    code, peak_kb = map(int, proc.stdout.split())
    assert code == 2
    assert peak_kb < 150 * 1024, f"{peak_kb // 1024} MB"


def test_a_hundred_thousand_entries_are_refused_from_the_end_record(tmp_path):
    path = tmp_path / "many.docx"
    _generator().many_entries_docx(path, 100_000)
    outcome = check_file(str(path), load_pack())
    assert outcome.error.reason == "zip_too_many_entries" and "至少65535个条目" in outcome.error.zh  # zip64


def test_xxe_content_appears_in_no_output(tmp_path, capsys):
    for name in ("xxe.docx", "xxe_styles.docx", "xxe.xlsx"):
        for argv in (["check", "--format", "json"], ["check", "--format", "html", "-o", str(tmp_path / "r.html")],
                     ["extract"]):
            main([*argv, str(HOSTILE / name)])
            out, err = capsys.readouterr()
            written = (tmp_path / "r.html").read_text("utf-8") if "html" in argv else ""
            assert PASSWD not in out + err + written


def test_the_xml_parsers_expand_and_fetch_nothing():
    """The second line, behind the DOCTYPE refusal: our parser and python-docx's (annotate) leave
    entities unexpanded and unfetched."""
    import zipfile

    from docx.oxml.parser import parse_xml
    from lxml import etree

    from reportcheck.readers.docx_reader import _parser

    for name in ("xxe.docx", "billion_laughs.docx"):
        xml = zipfile.ZipFile(HOSTILE / name).read("word/document.xml")
        for parse in (lambda x: etree.fromstring(x, _parser()), parse_xml):
            try:
                root = parse(xml)
            except etree.XMLSyntaxError:  # libxml2 refuses the billion laughs outright
                continue
            text = "".join(root.itertext())
            assert PASSWD not in text and "lol" not in text


def test_annotate_refuses_the_package_before_python_docx_sees_it(tmp_path, capsys):
    out = tmp_path / "annotated.docx"
    assert main(["annotate", str(HOSTILE / "xxe_styles.docx"), "-o", str(out)]) == 2
    assert not out.exists() and PASSWD not in "".join(capsys.readouterr())


def test_grade_refuses_a_bomb_score_table(tmp_path, capsys):
    assert main(["grade", str(HOSTILE / "bomb.xlsx"), "-o", str(tmp_path / "g.csv")]) == 2
    assert "超过限制（100MB）" in capsys.readouterr().err


@pytest.mark.parametrize(("variable", "value", "sample", "reason", "words"), [
    ("REPORTCHECK_MAX_ENTRY_MB", "0.1", "prelim_advanced_split_clean.docx", "zip_entry_too_large", "（0.1MB）"),
    ("REPORTCHECK_MAX_TOTAL_MB", "0.5", "prelim_advanced_split_clean.docx", "zip_total_too_large", "（0.5MB）"),
    ("REPORTCHECK_MAX_RATIO", "10", "prelim_advanced_split_clean.docx", "zip_ratio", "（10倍）"),
    ("REPORTCHECK_MAX_ENTRIES", "5", "datasheet_sme_3years.xlsx", "zip_too_many_entries", "（5个）"),
    ("REPORTCHECK_MAX_PDF_MB", "0.01", "pdf/prelim_advanced_split_clean.pdf", "pdf_too_large", "（0.01MB）"),
    ("REPORTCHECK_MAX_PDF_PAGES", "3", "pdf/prelim_advanced_split_clean.pdf", "pdf_too_many_pages", "（3页）"),
    ("REPORTCHECK_MAX_PAGE_OBJECTS", "100", "pdf/prelim_advanced_split_clean.pdf", "pdf_page_objects", "（100个）"),
    ("REPORTCHECK_MAX_PAGE_GRID", "10", "pdf/prelim_advanced_split_clean.pdf", "pdf_page_grid", "限制10"),
    ("REPORTCHECK_PDF_SECONDS", "0.000001", "pdf/prelim_advanced_split_clean.pdf", "pdf_timeout", "限制1e-06秒"),
    ("REPORTCHECK_MAX_RATIO", "abc", "prelim_advanced_split_clean.docx", "bad_limit", "REPORTCHECK_MAX_RATIO"),
])
def test_limits_are_set_by_environment_variables(monkeypatch, variable, value, sample, reason, words):
    monkeypatch.setenv(variable, value)
    outcome = check_file(str(SAMPLES / sample), load_pack())
    assert outcome.error is not None and outcome.error.reason == reason and words in outcome.error.zh


def _fake_soffice(folder: Path) -> Path:
    """A LibreOffice that never finishes and whose real work runs in a grandchild (as soffice.bin)."""
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {folder / 'grandchild'}\nexec sleep 300\n")
    script.chmod(0o755)
    return folder / "grandchild"


def _gone(pid: int, within: float = 5.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":  # killed, waiting to be reaped
            return True
        time.sleep(0.05)
    return False


def test_a_conversion_past_its_time_is_killed_with_its_whole_process_group(tmp_path, monkeypatch):
    from reportcheck.errors import UnreadableInput
    from reportcheck.readers import convert

    grandchild = _fake_soffice(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(convert, "TIMEOUT_SECONDS", 1)
    with pytest.raises(UnreadableInput) as caught:
        convert.convert_to_docx(SAMPLES / "other" / "prelim_advanced_split_clean.wps", ".wps")
    assert caught.value.reason == "convert_timeout"
    assert _gone(int(grandchild.read_text()))


def test_a_conversion_ends_when_its_caller_is_killed(tmp_path):
    """A batch worker or server job killed at its time limit takes LibreOffice with it."""
    grandchild = _fake_soffice(tmp_path)
    caller = subprocess.Popen(
        [sys.executable, "-c", "import pathlib, reportcheck.readers.convert as c; "
         f"c.convert_to_docx(pathlib.Path({str(SAMPLES / 'other' / 'prelim_advanced_split_clean.wps')!r}), '.wps')"],
        env={**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"})
    try:
        end = time.monotonic() + 20
        while not grandchild.exists() or not grandchild.read_text().strip():
            assert time.monotonic() < end, "the fake LibreOffice never started"
            time.sleep(0.05)
    finally:
        caller.send_signal(signal.SIGKILL)
        caller.wait()
    assert _gone(int(grandchild.read_text()))
