"""CSV output a spreadsheet cannot take for a formula (CSV injection): the batch's and the grades'
CSV files, read back by LibreOffice Calc."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import NEEDS_LIBREOFFICE, SAMPLES
from reportcheck.render.csv_cells import csv_cell
from test_cli import run

HOSTILE_NAMES = ("=HYPERLINK(1,2)", "+SUM(1,1)", "@SUM(1+1)", "-2+3+cmd")


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"])
def test_a_text_that_starts_a_formula_is_quoted(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3.5, 12, "-3.5", "+2", "-12.5%", "集群", "", "1=1"])
def test_numbers_and_ordinary_texts_stay_as_they_are(value: object) -> None:
    assert csv_cell(value) == value


def _calc_cells(csv_path: Path, out: Path) -> list[openpyxl.cell.Cell]:
    """The cells of ``csv_path`` as LibreOffice Calc imports them (UTF-8, comma, formulas evaluated)."""
    exe = shutil.which("soffice") or "soffice"
    subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true",
                    "--convert-to", "xlsx", "--outdir", str(out), str(csv_path)],
                   capture_output=True, timeout=180, check=False, stdin=subprocess.DEVNULL)
    book = openpyxl.load_workbook(out / f"{csv_path.stem}.xlsx")
    return [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]


@NEEDS_LIBREOFFICE
def test_calc_takes_an_unquoted_cell_for_a_formula(tmp_path: Path) -> None:
    """The control: the import the next test uses does evaluate a bare ``=1+1``."""
    raw = tmp_path / "raw.csv"
    raw.write_text("名称\n=1+1\n", encoding="utf-8-sig")
    assert [c.data_type for c in _calc_cells(raw, tmp_path) if c.row == 2] == ["f"]


@NEEDS_LIBREOFFICE
def test_file_names_that_look_like_formulas_stay_text_in_calc(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, sample in zip(HOSTILE_NAMES, sorted(SAMPLES.glob("*.docx")), strict=False):
        shutil.copyfile(sample, folder / f"{name}.docx")
    proc = run("batch", ".", "-o", str(tmp_path / "r.csv"), cwd=folder)
    assert proc.returncode in (0, 1), proc.stderr
    summary = tmp_path / "r_汇总.csv"
    with summary.open(encoding="utf-8-sig", newline="") as f:
        text = f.read()
    for name in HOSTILE_NAMES:
        assert f"'{name}.docx" in text
    cells = _calc_cells(summary, tmp_path)
    assert not [c.value for c in cells if c.data_type == "f"]
    shown = {str(c.value) for c in cells}
    for name in HOSTILE_NAMES:
        assert any(f"{name}.docx" in v for v in shown), (name, shown)


def test_grades_csv_quotes_a_cluster_named_like_a_formula(tmp_path: Path) -> None:
    scores = tmp_path / "scores.csv"
    with scores.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["集群名称", "组别", "得分"], ["=HYPERLINK(1,2)", "省级先进制造业集群", "90"],
                                 ["普通集群", "省级先进制造业集群", "80"]])
    out = tmp_path / "grades.csv"
    proc = run("grade", str(scores), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    with out.open(encoding="utf-8-sig", newline="") as f:
        names = [row[0] for row in csv.reader(f)]
    assert "'=HYPERLINK(1,2)" in names and "普通集群" in names
