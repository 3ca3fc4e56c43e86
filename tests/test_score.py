"""``reportcheck score``: schemes validated on load, sheets with the report's figures and findings,
totals as live formulas that LibreOffice recalculates after an expert types a score."""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import NEEDS_LIBREOFFICE
from reportcheck.commands import score as command
from reportcheck.scoring.errors import ScoreInputError
from reportcheck.scoring.scheme import check_scheme, load_scheme, template_names

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CLEAN = SAMPLES / "prelim_advanced_split_clean.docx"
DEFECTS = SAMPLES / "prelim_advanced_split_defects.docx"


def _score(tmp_path: Path, scheme: str, *inputs: Path) -> Path:
    out = tmp_path / f"{scheme}.xlsx"
    args = argparse.Namespace(inputs=[str(p) for p in inputs], scheme=scheme, output=str(out), force=False,
                              timeout=120.0, memory_limit=2048.0, evidence=None)
    assert command.run(args) == 0
    return out


def _rows(sheet) -> dict[str, tuple]:
    """Item id → its row's cells (the row number is ``cells[0].row``)."""
    return {row[0].value: row for row in sheet.iter_rows(min_row=5) if row[0].value}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _score(tmp_path_factory.mktemp("score"), "monitoring_advanced", CLEAN, DEFECTS)


@pytest.mark.parametrize("name", ["competition_review", "monitoring_advanced", "monitoring_sme"])
def test_shipped_schemes_load(name: str) -> None:
    scheme = load_scheme(name)
    assert scheme.note and scheme.source and "未公开" in scheme.note


@pytest.mark.parametrize(("name", "development"), [
    ("monitoring_advanced", ["产业规模实力", "技术创新能力", "先进制造能力", "企业综合实力", "产业发展生态"]),
    ("monitoring_sme", ["主导产业", "创新能力", "数字化升级", "绿色化转型", "产业发展生态"]),
])
def test_monitoring_schemes_follow_article_7_and_8(name: str, development: list[str]) -> None:
    scheme = load_scheme(name)
    weights = {p.name: (p.kind, p.points, p.weight_pct) for p in scheme.parts}
    assert weights["产业集群发展水平"] == ("weighted", 100, 70)
    assert weights["产业集群发展促进组织活跃度"] == ("weighted", 100, 30)
    assert weights["加分项"][:2] == ("bonus", 10) and weights["减分项"][:2] == ("deduction", 10)
    firsts = {p.id: [f for f, _ in scheme.first_levels(p)] for p in scheme.parts}
    assert firsts["development"] == development
    assert firsts["organisation"] == ["自身建设", "公共服务", "开放合作", "监督监测"]


def test_competition_scheme_covers_article_6() -> None:
    scheme = load_scheme("competition_review")
    firsts = [f for f, _ in scheme.first_levels(scheme.parts[0])]
    assert firsts == ["集群产业基础", "核心承载园区", "集群促进组织", "地方政府培育思路"]
    assert len(scheme.first_levels(scheme.parts[0])[0][1]) == 9


def _raw(name: str) -> dict:
    path = Path(__file__).resolve().parent.parent / "schemas" / "scoring" / f"{name}.json"
    return json.loads(path.read_text("utf-8"))


def test_points_not_adding_up_name_the_part_and_items() -> None:
    data = copy.deepcopy(_raw("monitoring_advanced"))
    data["items"][0]["points"] = 7
    with pytest.raises(ScoreInputError, match=r"产业集群发展水平.*合计 99.*M1\.1 7"):
        check_scheme(data)


@pytest.mark.parametrize(("where", "value", "words"), [
    ("indicators", "no_such_figure", "条目 M1.1（集群总产值及增长）引用了未知的指标“no_such_figure”"),
    ("lists", "no_such_list", "条目 M1.1（集群总产值及增长）引用了未知的名单表“no_such_list”"),
    ("texts", "9.9", "条目 M1.1（集群总产值及增长）引用了未知的文字部分“9.9”"),
])
def test_unknown_evidence_names_the_item(where: str, value: str, words: str) -> None:
    data = copy.deepcopy(_raw("monitoring_advanced"))
    data["items"][0]["evidence"][where] = [value]
    with pytest.raises(ScoreInputError) as caught:
        check_scheme(data)
    assert words in str(caught.value)


def test_bad_scheme_file_gives_one_line_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = copy.deepcopy(_raw("competition_review"))
    data["items"][2]["formula"]["list"] = "nowhere"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "out.xlsx"
    args = argparse.Namespace(inputs=[str(CLEAN)], scheme=str(bad), output=str(out), force=False,
                              timeout=120.0, memory_limit=2048.0, evidence=None)
    assert command.run(args) == 2
    err = capsys.readouterr().err.strip()
    assert "C1.3" in err and "创新能力" in err and len(err.splitlines()) == 1 and not out.exists()


def test_summary_is_first_and_readable_by_grade(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.sheetnames[0] == "总表"
    header = [c.value for c in book["总表"][1]]
    assert header[:4] == ["集群名称", "组别", "得分", "组内排名"]
    assert str(book["总表"]["C2"].value).startswith("='")
    assert book["总表"]["D2"].value.startswith("=IF(") and "COUNTIFS" in book["总表"]["D2"].value


@pytest.mark.parametrize("sample", [CLEAN, DEFECTS])
def test_evidence_has_the_builders_figures(workbook: Path, sample: Path) -> None:
    expected = json.loads(sample.with_suffix(".expected.json").read_text("utf-8"))
    book = load_workbook(workbook)
    sheet = book[book.sheetnames[1 + [CLEAN, DEFECTS].index(sample)]]
    labels = template_names()[0]
    scheme = load_scheme("monitoring_advanced")
    rows = _rows(sheet)
    checked = 0
    for item in scheme.items:
        evidence = rows[item.id][4].value or ""
        for key in item.evidence.indicators:
            figures = next((i for i in expected["indicators"] if i["label"] == labels[key]
                            and not i["section"].startswith("5")), None)
            if figures is None or key.startswith("target_"):
                continue
            line = next(x for x in evidence.splitlines() if x.startswith(labels[key]))
            for year, value in figures["values"].items():
                if value is not None:
                    assert f"{year}年 {value:g}" in line, (item.id, line)
                    checked += 1
    assert checked > 50


def test_defect_finding_sits_next_to_its_item(workbook: Path) -> None:
    book = load_workbook(workbook)
    rows = _rows(book[book.sheetnames[2]])
    assert "AR001" in (rows["M1.1"][5].value or "") and "15.3" in rows["M1.1"][5].value
    assert "AR001" not in (rows["M1.2"][5].value or "")
    assert "EL001" in (rows["M1.3"][5].value or "")
    clean_rows = _rows(book[book.sheetnames[1]])
    assert not clean_rows["M1.1"][5].value


def test_totals_are_formulas_and_expert_cells_validated(workbook: Path) -> None:
    sheet = load_workbook(workbook).worksheets[1]
    rows = _rows(sheet)
    assert rows["M1.1"][6].value.startswith("=ROUND(D")  # automatic sub-score
    assert rows["M1.4"][6].value is None  # no formula: the expert's
    assert rows["M1.4"][8].value.startswith("=IF(ISNUMBER(H") and rows["M1.4"][8].value.endswith(',""))')
    total = next(r for r in sheet.iter_rows(min_row=5) if r[1].value == "总分")
    assert total[8].value.startswith("=IF(COUNTBLANK(") and "待评" in total[8].value
    assert "ROUND(" in total[8].value and "*70/100" in total[8].value and "*30/100" in total[8].value
    ranges = {str(v.sqref): v.formula2 for v in sheet.data_validations.dataValidation}
    assert any(f"H{rows['O1.1'][0].row}" in r and f == "15" for r, f in ranges.items())


@NEEDS_LIBREOFFICE
def _score_pending(book, value: float = 0) -> None:
    """An expert's score in every item that has no automatic one, in every report's sheet."""
    for sheet in book.worksheets[1:]:
        for cells in _rows(sheet).values():
            if cells[6].value is None:
                sheet[f"H{cells[0].row}"] = value


def test_total_recomputes_after_the_expert_types(workbook: Path, tmp_path: Path) -> None:
    book = load_workbook(workbook)
    _score_pending(book)
    scored = tmp_path / "scored.xlsx"
    book.save(scored)
    sheet = book.worksheets[1]
    rows = _rows(sheet)
    sheet[f"H{rows['O1.1'][0].row}"] = 12  # organisation, weighted 30 %: +3.6
    sheet[f"H{rows['M1.4'][0].row}"] = 4  # development, 70 %: +2.8
    sheet[f"H{rows['B1'][0].row}"] = 5
    sheet[f"H{rows['B2'][0].row}"] = 5
    sheet[f"H{rows['D1'][0].row}"] = 2
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    before, after = _recalculated(scored, tmp_path / "a"), _recalculated(edited, tmp_path / "b")
    assert after - before == pytest.approx(12 * 0.3 + 4 * 0.7 + 10 - 2, abs=0.011)
    sheet[f"H{rows['B1'][0].row}"] = 8  # bonus 13 is capped at 10: no change
    book.save(edited)
    assert _recalculated(edited, tmp_path / "c") == pytest.approx(after, abs=0.011)


def _recalculated(path: Path, out: Path) -> float:
    """The first report's total as LibreOffice computes it, read back through 总表."""
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    book = load_workbook(out / path.name, data_only=True)
    value = book["总表"]["C2"].value
    assert isinstance(value, int | float), value
    return float(value)


@NEEDS_LIBREOFFICE
def test_summary_grades_by_article_10_once_the_group_is_chosen(workbook: Path, tmp_path: Path) -> None:
    """Two reports in one group: 20 % of 2 rounds to no 优秀, 50 % to one 良好; the other is 合格 — or
    不合格 below 60, whatever its place. Expected from the recalculated scores, by 第十条."""
    book = load_workbook(workbook)
    _score_pending(book, 1)
    summary = book["总表"]
    for row in (2, 3):
        summary[f"B{row}"] = "省级先进制造业集群"
    edited = tmp_path / "grouped.xlsx"
    book.save(edited)
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(edited)],
                   check=True, capture_output=True, timeout=180)
    values = load_workbook(tmp_path / "out" / edited.name, data_only=True)["总表"]
    header = [c.value for c in values[1]]
    rows = [dict(zip(header, r, strict=True)) for r in values.iter_rows(min_row=2, max_row=3, values_only=True)]
    for r in rows:
        place = 1 + sum(o["得分"] > r["得分"] for o in rows)
        want = "不合格" if r["得分"] < 60 else ("良好" if place <= 1 else "合格")
        assert (r["组内排名"], r["等次"]) == (place, want)


@NEEDS_LIBREOFFICE
def test_before_the_experts_score_nothing_untrue_is_shown(workbook: Path, tmp_path: Path) -> None:
    """Untouched, with the groups chosen: each total says how many items await an expert, and 总表 gives
    no rank and no 等次 (it used to show automatic items at full marks, the others at 0, and 不合格)."""
    book = load_workbook(workbook)
    pending = [sum(1 for cells in _rows(sheet).values() if cells[6].value is None) for sheet in book.worksheets[1:]]
    for row in (2, 3):
        book["总表"][f"B{row}"] = "省级先进制造业集群"
    grouped = tmp_path / "grouped.xlsx"
    book.save(grouped)
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(grouped)],
                   check=True, capture_output=True, timeout=180)
    values = load_workbook(tmp_path / "out" / grouped.name, data_only=True)["总表"]
    for row, count in zip((2, 3), pending, strict=True):
        assert values[f"C{row}"].value == f"待评（{count}项未评）"
        assert values[f"D{row}"].value in (None, "") and values[f"E{row}"].value in (None, "")


def test_each_finding_is_shown_once_per_sheet_beside_the_first_item_it_touches(workbook: Path) -> None:
    said = 0
    for sheet in load_workbook(workbook).worksheets[1:]:
        lines = [line for cells in _rows(sheet).values() for line in (cells[5].value or "").splitlines()]
        assert len(lines) == len(set(lines)), sheet.title
        said += len(lines)
    assert said  # the defects report's findings are there, each once
    sheet = load_workbook(workbook).worksheets[1]
    tall = [cells for cells in _rows(sheet).values() if len((cells[4].value or "").splitlines()) > 1]
    assert tall and all(sheet.row_dimensions[c[0].row].height >= 30 for c in tall)


def test_the_scoring_sheets_print_landscape_with_their_header_repeated(workbook: Path) -> None:
    book = load_workbook(workbook)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in sheet.oddFooter.center.text
    assert book.worksheets[1].print_title_rows.replace("$", "") == "4:4"  # the item table's header


def test_a_report_and_its_pdf_are_scored_once_and_said(tmp_path: Path, capsys) -> None:
    pdf = SAMPLES / "pdf" / "prelim_advanced_split_defects.pdf"
    out = _score(tmp_path, "competition_review", pdf, DEFECTS)
    book = load_workbook(out)
    assert len(book.worksheets) == 2  # 总表 and one report
    assert book["总表"]["G2"].value == str(DEFECTS)  # scored by its Word file
    err = capsys.readouterr().err
    assert "只评一次" in err and pdf.name in err and DEFECTS.name in err
