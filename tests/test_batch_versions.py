"""``reportcheck batch`` on a folder holding two versions of one report: the sheet 版本比对 (and the same in
JSON and CSV), and the cross-report findings meeting a report sent in two versions once."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl

from conftest import SAMPLES
from reportcheck.normalize.text import label_key
from test_cli import run

SCANNED = SAMPLES / "scanned"
CLEAN = SAMPLES / "final_advanced_merged_clean.docx"
EDITED = SCANNED / "final_advanced_merged_edited.docx"
EDITS = [e for e in json.loads((SCANNED / "edits.json").read_text("utf-8")) if e["file"] == EDITED.name]
BATCH = SAMPLES / "batch"


def _folder(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "received"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder)
    return folder


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _value_is(manifest: str, cell: object) -> bool:
    if cell is None:
        return manifest == ""
    if isinstance(cell, int | float):
        try:
            return float(manifest) == cell
        except ValueError:
            return False
    return cell == manifest


def _names(row: dict, where: dict) -> bool:
    """Every place the manifest names is one the row names (table, item or column)."""
    places = [label_key(str(row[k] or "")) for k in ("表格", "项目", "列")]
    return all(any(p and (p in label_key(v) or label_key(v) in p) for p in places)
               for k, v in where.items() if k != "new_paragraph_after")


def test_a_word_file_and_its_later_edit_get_a_version_sheet_with_each_edit(tmp_path: Path):
    folder = _folder(tmp_path, CLEAN, EDITED)
    out = tmp_path / "results.xlsx"
    proc = run("batch", str(folder), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "问题清单", "数据", "名单", "批内比对", "版本比对", "未检查"]
    count, *rows = _records(book["版本比对"])
    assert {(Path(r["文件一"]).name, Path(r["文件二"]).name) for r in (count, *rows)} == {(CLEAN.name, EDITED.name)}
    assert count["结果"] == f"本对合计：不一致{len(EDITS)}处"  # the pair's count first
    assert {r["结果"] for r in rows} == {"不一致"}
    for edit in EDITS:
        found = [r for r in rows if _value_is(edit["before"], r["文件一的值"])
                 and _value_is(edit["after"], r["文件二的值"]) and _names(r, edit["where"])]
        assert len(found) == 1, edit
    assert len(rows) == len(EDITS)
    assert book["版本比对"].cell(3, 4).fill.fgColor.rgb.endswith("FFEB9C")  # a difference is amber


def test_the_json_and_csv_exports_carry_the_same_sheet(tmp_path: Path):
    folder = _folder(tmp_path, CLEAN, EDITED)
    run("batch", str(folder), "-o", str(tmp_path / "r.xlsx"))
    run("batch", str(folder), "-o", str(tmp_path / "r.json"))
    run("batch", str(folder), "-o", str(tmp_path / "r.csv"))
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = [list(r) for r in book["版本比对"].iter_rows(values_only=True)]
    data = json.loads((tmp_path / "r.json").read_text("utf-8"))
    sheet = data["sheets"]["版本比对"]
    assert [sheet["header"], *sheet["rows"]] == cells
    [pair] = data["versions"]
    assert (Path(pair["a"]).name, Path(pair["b"]).name, pair["agree"]) == (CLEAN.name, EDITED.name, False)
    assert len(pair["differences"]) == len(EDITS) and "stamps" not in pair
    with (tmp_path / "r_版本比对.csv").open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [["" if v is None else str(v) for v in row] for row in cells]


def test_versions_that_agree_are_one_row_and_a_batch_without_versions_has_no_such_sheet(tmp_path: Path):
    folder = _folder(tmp_path, CLEAN, SAMPLES / "pdf" / "final_advanced_merged_clean.pdf",
                     SAMPLES / "prelim_advanced_merged_clean.docx")  # same cluster, but a 初赛 report
    out = tmp_path / "results.xlsx"
    run("batch", str(folder), "-o", str(out))
    [row] = _records(openpyxl.load_workbook(out)["版本比对"])
    assert (Path(row["文件一"]).name, Path(row["文件二"]).name, row["结果"]) == (
        CLEAN.name, "final_advanced_merged_clean.pdf", "一致")
    single = tmp_path / "single.xlsx"
    run("batch", str(CLEAN), "-o", str(single))
    assert "版本比对" not in openpyxl.load_workbook(single).sheetnames


def test_a_report_sent_in_two_versions_meets_the_other_clusters_once(tmp_path: Path):
    """samples/batch/ is built to share exactly the findings of expected_cross.json; a second copy of one
    report repeats none of them (it is BT005's, and a version pair that agrees)."""
    folder = _folder(tmp_path, *sorted(BATCH.glob("*.docx")))
    shutil.copy(BATCH / "batch_a.docx", folder / "batch_a_v2.docx")
    out = tmp_path / "r.json"
    run("batch", str(folder), "-o", str(out))
    data = json.loads(out.read_text("utf-8"))
    got = sorted((c["code"], *sorted(Path(f).name for f in c["args"]["files"])) for c in data["cross"])
    planted = json.loads((BATCH / "expected_cross.json").read_text("utf-8"))
    want = sorted((c["code"], *sorted(c["files"])) for c in planted)
    assert got == sorted([*want, ("BT005", "batch_a.docx", "batch_a_v2.docx")])
    [pair] = data["versions"]
    assert (Path(pair["b"]).name, pair["agree"]) == ("batch_a_v2.docx", True)


def test_reports_with_the_cluster_name_left_blank_group_by_their_figures(tmp_path: Path) -> None:
    """The defect sample leaves 集群名称 blank; its .docx, its PDF and a copy are one report in three
    versions (the same figures), and a fourth blank-named report with other figures is not one of them."""
    blank = SAMPLES / "prelim_advanced_split_defects.docx"
    folder = _folder(tmp_path, blank, SAMPLES / "pdf" / "prelim_advanced_split_defects.pdf")
    shutil.copy(blank, folder / "copy.docx")
    out = tmp_path / "out.json"
    proc = run("batch", str(folder), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    versions = json.loads(out.read_text("utf-8"))["versions"]
    assert len(versions) == 2  # two versions compared with the reference
    assert {Path(v["b"]).name for v in versions} | {Path(v["a"]).name for v in versions} == \
        {blank.name, "prelim_advanced_split_defects.pdf", "copy.docx"}


def test_two_different_reports_naming_one_cluster_are_not_versions() -> None:
    """Same template, same cluster name, figures that mostly differ: two reports, not versions (comparing
    them gave hundreds of amber rows); a version that corrects one figure of three is one."""
    from reportcheck.batch.versions import VersionKey, version_groups
    from reportcheck.rules.cross import Facts

    def facts(*values: float) -> Facts:
        return Facts(path="x", cluster="甲集群", cluster_key="甲集群",
                     fingerprint=tuple(("2.1", f"k{n}", (("2022", v),), None) for n, v in enumerate(values)))

    key = VersionKey("prelim_advanced", label_key("甲集群"))
    keys = dict.fromkeys(range(4), key)
    found = {0: facts(1, 2, 3), 1: facts(1, 2, 4), 2: facts(7, 8, 9), 3: facts(7, 8, 9)}
    assert version_groups(keys, found) == [[0, 1], [2, 3]]
