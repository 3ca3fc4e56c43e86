"""Nothing touched, nothing left behind: every command, run as a user runs it, leaves its inputs
byte for byte as they were and its temporary folder empty — also when it fails or is interrupted.

Each command runs as a process with TMPDIR pointing at a folder of the test's own, so every
temporary file it or LibreOffice makes is seen there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BAD, NEEDS_LIBREOFFICE, SAMPLES

INPUTS = [SAMPLES / "prelim_advanced_split_defects.docx", SAMPLES / "prelim_sme_merged_messy.docx",
          SAMPLES / "pdf" / "prelim_advanced_merged_defects.pdf", SAMPLES / "datasheet_sme_3years.xlsx",
          BAD / "truncated.docx", BAD / "scanned.pdf"]


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(inputs, outputs, tmpdir): copies of real samples, a folder for outputs, the TMPDIR."""
    inputs, outputs, tmpdir = tmp_path / "in", tmp_path / "out", tmp_path / "tmp"
    for folder in (inputs, outputs, tmpdir):
        folder.mkdir()
    for path in INPUTS:
        shutil.copyfile(path, inputs / path.name)
    return inputs, outputs, tmpdir


def _run(tmpdir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "reportcheck", *args], capture_output=True, text=True,
                          env=env, timeout=300, stdin=subprocess.DEVNULL)


def _commands(inputs: Path, out: Path) -> list[list[str]]:
    docx, pdf = inputs / "prelim_advanced_split_defects.docx", inputs / "prelim_advanced_merged_defects.pdf"
    every = [str(p) for p in sorted(inputs.iterdir())]
    return [
        ["extract", str(docx)], ["extract", "--format", "text", str(pdf)],
        ["check", *every], ["check", "--format", "json", *every],
        ["check", "--format", "html", "-o", str(out / "report.html"), *every],
        ["annotate", str(docx), "-o", str(out / "a.docx")], ["annotate", str(pdf), "-o", str(out / "p.html")],
        ["annotate", str(inputs / "truncated.docx"), "-o", str(out / "t.docx")],
        ["batch", str(inputs), "-o", str(out / "b.xlsx")], ["batch", str(inputs), "-o", str(out / "b.csv")],
        ["score", str(inputs), "-o", str(out / "s.xlsx")],
        ["rules"], ["template", "data-sheet", "-o", str(out / "t.xlsx")],
    ]


def test_every_command_leaves_its_inputs_and_the_temporary_folder_as_they_were(workspace) -> None:
    inputs, outputs, tmpdir = workspace
    before = _digests(inputs)
    for command in _commands(inputs, outputs):
        proc = _run(tmpdir, *command)
        assert proc.returncode in (0, 1, 2), (command, proc.stderr)
        assert "Traceback" not in proc.stderr, command
        assert _digests(inputs) == before, f"{command[0]} changed an input"
        assert list(tmpdir.iterdir()) == [], f"{command} left {list(tmpdir.iterdir())}"
    hidden = [p.name for p in outputs.iterdir() if p.name.startswith(".")]
    assert hidden == [], "no half-written output left beside the outputs"
    grade_input = outputs / "s.xlsx"
    before_scores = hashlib.sha256(grade_input.read_bytes()).hexdigest()
    proc = _run(tmpdir, "grade", str(grade_input), "-o", str(outputs / "g.csv"))
    assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr
    assert hashlib.sha256(grade_input.read_bytes()).hexdigest() == before_scores


@NEEDS_LIBREOFFICE
@pytest.mark.parametrize("command", ["check", "annotate", "batch"])
def test_an_interrupted_conversion_leaves_nothing_behind(command: str, workspace) -> None:
    """Ctrl-C while LibreOffice converts a .doc: the command stops (130), LibreOffice with it, and its
    temporary folder and half-written output are gone."""
    inputs, outputs, tmpdir = workspace
    doc = inputs / "report.doc"
    shutil.copyfile(SAMPLES / "doc" / "prelim_advanced_split_defects.doc", doc)
    before = _digests(inputs)
    args = {"check": ["check", str(doc)], "annotate": ["annotate", str(doc), "-o", str(outputs / "a.docx")],
            "batch": ["batch", str(doc), "-o", str(outputs / "b.xlsx")]}[command]
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "reportcheck", *args], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _soffice_in(tmpdir) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert _soffice_in(tmpdir), "LibreOffice was converting when interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    time.sleep(0.5)
    assert not _soffice_in(tmpdir), "LibreOffice stopped with it"
    assert list(tmpdir.iterdir()) == [] and list(outputs.iterdir()) == []
    assert _digests(inputs) == before


def _soffice_in(tmpdir: Path) -> bool:
    """A LibreOffice process whose profile lies under ``tmpdir`` (the conversion's private folder)."""
    needle = str(tmpdir).encode()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if b"soffice" in cmdline and needle in cmdline:
                return True
    return False
