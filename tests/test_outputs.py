"""No output over an input, ever, on every command that writes ``-o``: an output that is one of the inputs
(the same path, a symbolic link to it, a hard link to it) is refused; an existing output needs ``--force``;
an output named with another extension than what is written is refused. Inputs stay byte for byte."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SAMPLES
from reportcheck.cli import main

REPORT = SAMPLES / "prelim_advanced_split_clean.docx"
OTHER = SAMPLES / "prelim_advanced_split_defects.docx"

# command → (argv for inputs and an output, the output's right extension, a wrong one)
Argv = Callable[[Path, Path], list[str]]
COMMANDS: dict[str, tuple[Argv, str, str]] = {
    "check": (lambda folder, out: ["check", str(folder / "report.docx"), "-o", str(out)], ".txt", ".docx"),
    "check-json": (lambda folder, out: ["check", "--format", "json", str(folder / "report.docx"), "-o", str(out)],
                   ".json", ".txt"),
    "annotate": (lambda folder, out: ["annotate", str(folder / "report.docx"), "-o", str(out)], ".docx", ".pdf"),
    "compare": (lambda folder, out: ["compare", str(folder / "report.docx"), str(folder / "other.docx"),
                                     "-o", str(out)], ".txt", ".docx"),
    "batch": (lambda folder, out: ["batch", str(folder / "report.docx"), str(folder / "sheet.xlsx"),
                                   "--format", "xlsx", "-o", str(out)], ".xlsx", ".docx"),
    "score": (lambda folder, out: ["score", str(folder / "report.docx"), "-o", str(out)], ".xlsx", ".csv"),
    "grade": (lambda folder, out: ["grade", str(folder / "scores.csv"), "-o", str(out)], ".csv", ".txt"),
}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(REPORT, inputs / "report.docx")
    shutil.copyfile(OTHER, inputs / "other.docx")
    shutil.copyfile(SAMPLES / "datasheet_sme_3years.xlsx", inputs / "sheet.xlsx")  # a report batch reads
    (inputs / "scores.csv").write_text("集群名称,组别,得分\n甲集群,省级先进制造业集群,85\n", "utf-8-sig")
    return inputs


def _input_of(command: str, folder: Path) -> Path:
    return folder / {"grade": "scores.csv", "batch": "sheet.xlsx"}.get(command, "report.docx")


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("how", ["same path", "symbolic link", "hard link"])
def test_an_output_that_is_an_input_is_refused_even_with_force(command: str, how: str, folder: Path,
                                                               tmp_path: Path, capsys) -> None:
    argv, _, _ = COMMANDS[command]
    source = _input_of(command, folder)
    target = source
    if how != "same path":  # another name for the same file, with the extension the command writes
        target = tmp_path / f"alias{source.suffix}"
        (target.symlink_to if how == "symbolic link" else target.hardlink_to)(source)
    before = _digests(folder)
    code = main([*_retarget(argv(folder, tmp_path / "x"), target), "--force"])
    err = capsys.readouterr().err
    assert code == 2 and "输入文件不会被改动" in err, err
    assert _digests(folder) == before


def _retarget(argv: list[str], target: Path) -> list[str]:
    return [*argv[:-1], str(target)]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_existing_output_needs_force_and_a_wrong_extension_is_refused(command: str, folder: Path,
                                                                        tmp_path: Path, capsys) -> None:
    argv, right, wrong = COMMANDS[command]
    before = _digests(folder)
    wrong_out = tmp_path / f"out{wrong}"
    assert main(argv(folder, wrong_out)) == 2
    assert "扩展名与写出的内容不符" in capsys.readouterr().err and not wrong_out.exists()
    out = tmp_path / f"out{right}"
    out.write_bytes(b"kept")
    assert main(argv(folder, out)) == 2
    assert "已存在，加 --force 覆盖" in capsys.readouterr().err and out.read_bytes() == b"kept"
    assert main([*argv(folder, out), "--force"]) in (0, 1)
    assert out.read_bytes() != b"kept" and out.stat().st_size > 0
    assert _digests(folder) == before


def test_template_needs_force_and_its_own_extension(tmp_path: Path, capsys) -> None:
    out = tmp_path / "figures.docx"
    assert main(["template", "data-sheet", "-o", str(out)]) == 2 and not out.exists()
    assert "扩展名应为 .xlsx" in capsys.readouterr().err
    sheet = tmp_path / "figures.xlsx"
    sheet.write_bytes(b"kept")
    assert main(["template", "data-sheet", "-o", str(sheet)]) == 2 and sheet.read_bytes() == b"kept"
    assert main(["template", "data-sheet", "-o", str(sheet), "--force"]) == 0 and sheet.read_bytes() != b"kept"

