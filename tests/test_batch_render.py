"""The batch renderers: the workbook (opened with openpyxl), JSON and CSV, on real samples.

The batch is built as the pool builds it: each sample checked, its outcome spooled, plus an
unreadable file, a hand-made cross-report finding and a skipped file. Figures are compared with
what the sample builder put in (the samples' expected JSON), not with the program's own output.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import weakref
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from conftest import BAD, NEEDS_LIBREOFFICE, SAMPLES, expected
from reportcheck.batch.result import BatchResult, write_outcome
from reportcheck.model import Issue
from reportcheck.outcome import FileOutcome, check_file
from reportcheck.render.batch_export import csv_paths, write_csv, write_json
from reportcheck.render.batch_tables import SHEETS
from reportcheck.render.workbook import FILLS, MAX_WIDTH, write_workbook
from reportcheck.rules import load_pack

DEFECTS = SAMPLES / "prelim_advanced_split_defects.docx"
CLEAN = SAMPLES / "prelim_advanced_split_clean.docx"
SME = SAMPLES / "prelim_sme_merged_defects.docx"
DATASHEET = SAMPLES / "datasheet_sme_3years.xlsx"
TRUNCATED = BAD / "truncated.docx"
PATHS = [DEFECTS, CLEAN, TRUNCATED, SME, DATASHEET]
RED, AMBER = (FILLS[s].fgColor.rgb for s in ("error", "warning"))
CROSS = [
    Issue(code="BT001", severity="warning", section="2.8", message="两份报告的自评段落高度相似（相似度93%）",
          args={"files": [str(DEFECTS), str(CLEAN)], "places": ["2.8 第3段", "2.8 第5段"], "similarity": 93}),
    Issue(code="BT005", severity="error", message="同一份报告提交了两次",
          args={"files": [str(CLEAN), str(SME)], "places": ["长沙智能汽车产业集群", "长沙智能汽车产业集群"]}),
]
SKIPPED = [(str(SAMPLES / "~$prelim_advanced_split_clean.docx"), "Word临时文件"),
           ("=HYPERLINK(\"x\").docx", "不支持的文件类型")]


@pytest.fixture(scope="module")
def outcomes() -> list[FileOutcome]:
    pack = load_pack()
    return [check_file(str(p), pack) for p in PATHS]


@pytest.fixture(scope="module")
def batch(outcomes: list[FileOutcome], tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    spool = tmp_path_factory.mktemp("spool")
    result = BatchResult([str(p) for p in PATHS], spool, cross=CROSS, skipped=SKIPPED)
    for index, outcome in enumerate(outcomes):
        write_outcome(result.outcome_path(index), outcome)
    return result


@pytest.fixture(scope="module")
def xlsx(batch: BatchResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "results.xlsx"
    write_workbook(batch, path)
    return path


@pytest.fixture(scope="module")
def book(xlsx: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(xlsx)


def _records(sheet: Worksheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _values(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_sheets_in_order(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["汇总", "问题清单", "数据", "名单", "批内比对", "未检查"] == list(SHEETS)


def test_summary_has_a_row_per_file_with_its_status_and_counts(book, outcomes) -> None:
    rows = _records(book["汇总"])
    assert [r["文件"] for r in rows] == [str(p) for p in PATHS]
    for row, outcome in zip(rows, outcomes, strict=True):
        counts = [sum(1 for i in outcome.issues if i.severity == s) for s in ("error", "warning", "info")]
        assert [row["错误"], row["警告"], row["提示"]] == counts
        assert row["状态"] == {"ok": "通过", "issues": "有问题", "unreadable": "无法读取"}[outcome.status]
    defects, clean, _, sme, datasheet = rows
    assert (defects["状态"], defects["参赛条件"], defects["申报类别"], defects["阶段"]) == (
        "有问题", "未达标", "先进制造业集群", "初赛")
    assert (clean["状态"], clean["参赛条件"], clean["集群名称"]) == ("通过", "达标", expected(CLEAN)["cluster_name"])
    want = expected(CLEAN)
    revenue = next(r for r in want["indicators"] if r["label"] == "集群企业营业收入")["values"][want["years"][-1]]
    leader = max(r["by_year"]["revenue"][want["years"][-1]] for r in want["lists"]["top10_revenue"])
    assert (clean["营业收入（亿元）"], clean["链主营业收入（亿元）"], clean["产值（亿元）"]) == (revenue, leader, None)
    assert sme["申报类别"] == "中小企业特色产业集群"
    assert sme["营业收入（亿元）"] is None and sme["产值（亿元）"] is not None
    assert datasheet["阶段"] == "数据表"


def test_an_unreadable_file_is_a_row_with_its_reason(book, outcomes) -> None:
    row = _records(book["汇总"])[2]
    error = outcomes[2].error
    assert error is not None
    assert (row["状态"], row["无法读取原因"], row["参赛条件"], row["集群名称"]) == ("无法读取", error.zh, "—", None)
    assert book["汇总"].cell(4, 5).fill.fgColor.rgb == RED  # 状态
    assert row["文件"] in {r["文件"] for r in _records(book["数据"])}


def test_a_known_finding_is_listed_and_red(book) -> None:
    sheet = book["问题清单"]
    rows = _records(sheet)
    index, row = next((n, r) for n, r in enumerate(rows)
                      if r["文件"] == str(DEFECTS) and r["代码"] == "AR001" and r["字段"] == "集群总产值")
    assert (row["严重程度"], row["章节"]) == ("错误", "2.1")
    assert "1326.8" in row["说明"] and row["位置"].startswith("表")
    assert all(cell.fill.fgColor.rgb == RED for cell in sheet[index + 2])
    warning = next(n for n, r in enumerate(rows) if r["严重程度"] == "警告")
    assert sheet.cell(warning + 2, 1).fill.fgColor.rgb == AMBER
    info = next(n for n, r in enumerate(rows) if r["严重程度"] == "提示")
    assert sheet.cell(info + 2, 1).fill.fill_type is None


def test_every_planted_finding_is_listed(book, outcomes) -> None:
    """Each file's findings, except the notes every report of the batch gets word for word: those are
    listed once, at the end, for （本批全部报告）."""
    records = _records(book["问题清单"])
    listed = {(r["代码"], r["章节"], r["字段"]) for r in records if r["文件"] == str(DEFECTS)}
    common = {(r["代码"], r["说明"]) for r in records if r["文件"] == "（本批全部报告）"}
    planted = {(i["code"], i["section"], i["field"]) for i in expected(DEFECTS)["issues"]}
    said_once = {(i.code, i.section, i.field) for i in outcomes[0].issues if (i.code, i.message) in common}
    assert planted <= listed | said_once
    readable = [o for o in outcomes if o.report is not None]
    assert common and all({(i.code, i.message) for i in o.issues} >= common for o in readable)
    assert [r["文件"] for r in records][-len(common):] == ["（本批全部报告）"] * len(common)


def test_the_summary_links_to_the_files_first_finding(book) -> None:
    summary, findings = book["汇总"], _records(book["问题清单"])
    column = [c.value for c in summary[1]].index("问题清单首行") + 1
    for n, row in enumerate(_records(summary), 2):
        cell = summary.cell(n, column)
        mine = [i for i, r in enumerate(findings, 2) if r["文件"] == row["文件"]]
        if not mine:
            assert cell.value is None and cell.hyperlink is None
            continue
        assert cell.value == f"第{mine[0]}行"
        assert cell.hyperlink.location == f"'问题清单'!A{mine[0]}"


def test_data_holds_the_figures_put_in(book) -> None:
    row = next(r for r in _records(book["数据"]) if r["文件"] == str(CLEAN))
    want = expected(CLEAN)
    assert row["2.1 集群总产值（亿元）2022年"] == 1326.8
    for ind in want["indicators"]:
        for suffix, values in (("年", ind["values"]), ("年（其中集群产业）", ind["cluster_values"] or {})):
            for year, value in values.items():
                column = next(h for h in row if h.startswith(f"{ind['section']} {ind['label']}（")
                              and h.endswith(f"{year}{suffix}"))
                assert row[column] == value, column


def test_data_columns_go_by_section_then_template_row_then_year(book) -> None:
    header = _values(book["数据"])[0][2:]
    sections = [h.split()[0] for h in header]
    assert sections.index("2.2") > sections.index("2.1") and sections[-1] in {"5.1", "X"}
    total = [h for h in header if h.startswith("2.1 集群总产值（亿元）")]
    assert total == ["2.1 集群总产值（亿元）2021年", "2.1 集群总产值（亿元）2022年", "2.1 集群总产值（亿元）2023年"]
    assert header.index(total[-1]) + 1 == header.index("2.1 集群内中小企业产值占集群总产值的比重（%）2021年")


def test_lists_hold_every_list_row_put_in(book) -> None:
    rows = [r for r in _records(book["名单"]) if r["文件"] == str(CLEAN)]
    want = expected(CLEAN)
    assert len(rows) == sum(want["list_rows"].values())
    top = [r for r in rows if r["名单"] == "营业收入排名前十企业发展情况"]
    first = want["lists"]["top10_revenue"][0]
    assert (top[0]["章节"], top[0]["企业名称"], top[0]["营业收入（亿元） 2022年"]) == (
        "2.2", first["values"]["name"], first["by_year"]["revenue"]["2022"])


def test_cross_findings_and_skipped_files(book) -> None:
    sheet = book["批内比对"]
    rows = _records(sheet)
    assert rows[0] == {"代码": "BT001", "严重程度": "警告", "说明": CROSS[0].message, "文件一": str(DEFECTS),
                       "位置一": "2.8 第3段", "文件二": str(CLEAN), "位置二": "2.8 第5段", "相似度（%）": 93}
    assert rows[1]["相似度（%）"] is None and rows[1]["严重程度"] == "错误"
    assert sheet.cell(2, 1).fill.fgColor.rgb == AMBER and sheet.cell(3, 8).fill.fgColor.rgb == RED
    assert [(r["文件"], r["原因"]) for r in _records(book["未检查"])] == SKIPPED


def test_text_that_looks_like_a_formula_stays_text(book) -> None:
    cell = book["未检查"].cell(3, 1)
    assert cell.value == SKIPPED[1][0] and cell.data_type == "s"


def test_every_sheet_has_a_bold_frozen_header_a_filter_and_fitting_widths(book) -> None:
    for sheet in book:
        assert sheet.freeze_panes in {"A2", "C2"}
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert all(cell.font.bold for cell in sheet[1])
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(6 <= w <= MAX_WIDTH for w in widths)
    findings = book["问题清单"]
    assert findings.column_dimensions["G"].width == MAX_WIDTH  # 说明: long messages
    assert findings.column_dimensions["C"].width < 10  # 代码


def test_the_same_batch_gives_the_same_workbook(batch: BatchResult, xlsx: Path, tmp_path: Path) -> None:
    (tmp_path / "again").mkdir()
    again = tmp_path / "again" / xlsx.name  # the name is the batch's, printed on its pages
    write_workbook(batch, again)
    with zipfile.ZipFile(xlsx) as one, zipfile.ZipFile(again) as two:
        assert one.namelist() == two.namelist()
        differing = [n for n in one.namelist() if one.read(n) != two.read(n)]
    assert set(differing) <= {"docProps/core.xml"}


def test_json_carries_the_workbooks_rows(batch: BatchResult, book, outcomes, tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    write_json(batch, path)
    data = json.loads(path.read_text("utf-8"))
    for name in SHEETS:
        assert [data["sheets"][name]["header"], *data["sheets"][name]["rows"]] == _values(book[name]), name
    assert [f["path"] for f in data["files"]] == [str(p) for p in PATHS]
    assert data["files"][0]["verdict"]["status"] == "未达标" and data["files"][1]["verdict"]["status"] == "达标"
    assert {k: v for k, v in data["files"][2].items() if k != "verdict"} == outcomes[2].as_json()
    assert [c["code"] for c in data["cross"]] == ["BT001", "BT005"]
    assert data["skipped"] == [{"path": p, "reason": r} for p, r in SKIPPED]


def _as_text(rows: list[list[object]]) -> list[list[str]]:
    return [["" if v is None else str(v) for v in row] for row in rows]


def _as_csv_text(rows: list[list[object]]) -> list[list[str]]:
    """The workbook's cells as the CSV writes them: a text starting with ``=`` behind an apostrophe."""
    return [[f"'{v}" if v.startswith("=") else v for v in row] for row in _as_text(rows)]


def test_csv_carries_the_workbooks_rows(batch: BatchResult, book, tmp_path: Path) -> None:
    write_csv(batch, tmp_path / "results.csv")
    paths = csv_paths(tmp_path / "results.csv")
    assert [p.name for p in paths.values()] == [f"results_{name}.csv" for name in SHEETS]
    assert not (tmp_path / "results.csv").exists()
    for name, path in paths.items():
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert rows == _as_csv_text(_values(book[name])), name
    skipped = paths["未检查"].read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(\"\"x\"\").docx" in skipped  # a file name that is a formula stays text


def _same_number(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except ValueError:
        return a == b


def _soffice_csv(xlsx: Path, out: Path) -> None:
    """Every sheet of ``xlsx`` to its own UTF-8 CSV in ``out`` (``{stem}-{sheet}.csv``), by LibreOffice."""
    exe = shutil.which("soffice") or "soffice"
    filter_options = "44,34,76,1,,0,false,true,false,false,false,-1"  # UTF-8, every sheet to its own file
    subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--convert-to", f"csv:Text - txt - csv (StarCalc):{filter_options}", "--outdir", str(out),
                    str(xlsx)], capture_output=True, timeout=180, check=False, stdin=subprocess.DEVNULL)


def _skip_without_calc(tmp_path: Path) -> None:
    """Skip (unless required) when LibreOffice cannot convert even a one-cell workbook: no Calc."""
    if os.environ.get("REPORTCHECK_REQUIRE_LIBREOFFICE"):
        return
    tmp_path.mkdir(exist_ok=True)
    probe = openpyxl.Workbook()
    probe.active.title = "probe"
    probe.active["A1"] = 1
    probe.save(tmp_path / "probe.xlsx")
    _soffice_csv(tmp_path / "probe.xlsx", tmp_path)
    if not (tmp_path / "probe-probe.csv").is_file():
        pytest.skip("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")


@NEEDS_LIBREOFFICE
def test_libreoffice_opens_the_workbook_with_every_sheet(xlsx: Path, book, tmp_path: Path) -> None:
    """LibreOffice reads each sheet back (one CSV each) with the cells openpyxl wrote."""
    _soffice_csv(xlsx, tmp_path)
    for name in SHEETS:
        out = tmp_path / f"{xlsx.stem}-{name}.csv"
        if not out.is_file():
            _skip_without_calc(tmp_path / "probe")
        assert out.is_file(), f"LibreOffice did not open the workbook (sheet {name})"
        with out.open(encoding="utf-8", newline="") as f:
            got = list(csv.reader(f))
        want = _as_text(_values(book[name]))
        assert len(got) == len(want), name
        for g, w in zip(got, want, strict=True):
            assert all(_same_number(a, b) for a, b in zip(g, w, strict=True)), (name, g, w)


class _Watched(BatchResult):
    """A batch that notes how many of the outcomes it has handed out are still held by the renderer."""

    most_alive = 0

    def outcomes(self) -> Iterator[FileOutcome]:
        alive: list[weakref.ref] = []
        for outcome in super().outcomes():
            alive = [r for r in alive if r() is not None]
            type(self).most_alive = max(type(self).most_alive, len(alive))
            alive.append(weakref.ref(outcome))
            yield outcome
            del outcome


@pytest.mark.parametrize("writer", [write_workbook, write_json, write_csv])
def test_renderers_hold_one_outcome_at_a_time(batch: BatchResult, writer, tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    watched = _Watched(batch.paths * 4, spool, batch.cross, batch.skipped)
    for index in range(len(watched.paths)):
        shutil.copy(batch.outcome_path(index % len(batch.paths)), watched.outcome_path(index))
    _Watched.most_alive = 0
    writer(watched, tmp_path / "results")
    assert _Watched.most_alive <= 1


def test_every_sheet_is_set_up_to_print_as_a_bureau_files_it(book) -> None:
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9, sheet.title
        assert sheet.print_title_rows.replace("$", "") == "1:1", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert "规则包：hunan_competition_2023" in sheet.oddHeader.right.text
        assert sheet.oddHeader.center.text == sheet.title
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
    findings = book["问题清单"]
    message = [c.value for c in findings[1]].index("说明") + 1
    long = [r for r in range(2, findings.max_row + 1) if len(findings.cell(r, message).value or "") > 60]
    assert long and all(findings.cell(r, message).alignment.wrap_text for r in long)
    assert all(findings.row_dimensions[r].height and findings.row_dimensions[r].height > 15 for r in long)


@NEEDS_LIBREOFFICE
def test_the_printed_workbook_takes_pages_in_proportion_to_its_rows(xlsx: Path, book, tmp_path: Path) -> None:
    """LibreOffice prints each sheet (a copy of the workbook holding that sheet alone) to PDF: 汇总 and
    问题清单 fit the page's width and take a page per few dozen rows (a 13-row 汇总 used to take six pages,
    one column each). Pages are counted, not read, so no CJK font is needed."""
    import pypdfium2 as pdfium

    exe = shutil.which("soffice") or "soffice"
    pages: dict[str, int] = {}
    for index, name in enumerate(book.sheetnames):
        alone = openpyxl.load_workbook(xlsx)
        for other in [n for n in alone.sheetnames if n != name]:
            del alone[other]
        copy = tmp_path / f"sheet{index}.xlsx"
        alone.save(copy)
        subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(copy)],
                       capture_output=True, timeout=180, check=False, stdin=subprocess.DEVNULL)
        printed = tmp_path / f"sheet{index}.pdf"
        if not printed.is_file():
            _skip_without_calc(tmp_path / "probe")
        pages[name] = len(pdfium.PdfDocument(printed))
    assert pages["汇总"] <= 1 + book["汇总"].max_row // 30, pages
    assert pages["问题清单"] <= 1 + book["问题清单"].max_row // 8, pages
    assert sum(pages.values()) <= 4 * len(book.sheetnames) + sum(ws.max_row for ws in book.worksheets) // 10, pages


def test_a_column_is_as_wide_as_what_is_written_in_it_not_the_notes_said_once(tmp_path: Path) -> None:
    """The bundled batch's only findings are the note every report gets (EL008), written once for all of
    them: 问题清单's 文件 column is as wide as “（本批全部报告）”, not as the files' long paths."""
    from reportcheck.cli import main
    from reportcheck.render.widths import display_width

    out = tmp_path / "r.xlsx"
    assert main(["batch", str(SAMPLES / "batch"), "-o", str(out)]) in (0, 1)
    sheet = openpyxl.load_workbook(out)["问题清单"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["（本批全部报告）"]
    assert sheet.column_dimensions["A"].width == max(display_width("（本批全部报告）"), 6) + 2
