"""``check --evidence``: each cited page opened in the appendix (a separate file, a folder of files paired by
name, or the report's own pages) and held against its row — on real PDFs built here (tests/evidence_pages.py)
for the sample report's own citations and figures: the right appendix, pages swapped, short of the
claimed count, missing, renumbered, moved, split, unreadable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import NEEDS_LIBREOFFICE, NEEDS_OCR, SAMPLES
from evidence_pages import FILLER, LISTS, page_for, write_appendix
from reportcheck.cli import main
from reportcheck.pipeline import load_report

REPORT = SAMPLES / "prelim_advanced_split_clean.docx"
SCANNED_APPENDIX = SAMPLES / "evidence" / "prelim_advanced_split_clean_佐证材料.scan.pdf"
# What samples/evidence's scanned appendix was made to give (scripts/make_evidence_samples.py).
PLANTED = [("EA002", "省级及以上绿色工厂、绿色产品、绿色园区、绿色供应链数量"),
           ("EA003", "国家级专精特新“小巨人”企业数量")]
FIRST, LAST = 10, 40  # the appendix's pages as the report states them: 七、佐证材料（第10-40页）


REPORT_LISTED = [str(row.values["name"]) for table in load_report(REPORT).lists if table.id in LISTS
                 for row in table.rows]  # every name the report's lists give, on each page that should name them


@pytest.fixture(scope="module")
def claims() -> dict[int, tuple[str, str, int]]:
    """Cited page → (row key, row label, the figure of its latest year), as the report gives them."""
    report = load_report(REPORT)
    assert report.evidence_range == (FIRST, LAST)
    out = {}
    for ind in report.indicators:
        for page in ind.evidence_pages:
            year = max(y for y, v in ind.values.items() if v is not None)
            out[page] = (ind.key, ind.label, int(ind.values[year]))
    assert len(out) >= 10
    return out


def _page(claim: tuple[str, str, int], count: int | None = None, listed: list[str] = REPORT_LISTED) -> list[str]:
    """The page that supports ``claim`` (``count`` items, its figure by default)."""
    return page_for(claim[0], claim[2] if count is None else count, listed)


def _pages(claims: dict, **changed: list[str] | None) -> list[list[str] | None]:
    """Pages FIRST…LAST, each cited one showing what its row claims; ``changed``: p12=[…] replaces page 12."""
    pages = []
    for n in range(FIRST, LAST + 1):
        key = f"p{n}"
        if key in changed:
            pages.append(changed[key])
        elif n in claims:
            pages.append(_page(claims[n]))
        else:
            pages.append(FILLER)
    return pages


def _check(tmp_path: Path, capsys, *evidence: str, report: Path = REPORT) -> list[dict]:
    main(["check", "--format", "json", str(report), "--evidence", *evidence])
    [result] = json.loads(capsys.readouterr().out)
    return [i for i in result["issues"] if i["code"].startswith("EA")]


def _numbers() -> list[int | None]:
    return list(range(FIRST, LAST + 1))


def test_a_right_appendix_gives_nothing(claims, tmp_path: Path, capsys) -> None:
    appendix = write_appendix(tmp_path / "佐证材料.pdf", _pages(claims), _numbers())
    assert _check(tmp_path, capsys, str(appendix)) == []


def test_swapped_pages_are_found_on_their_rows(claims, tmp_path: Path, capsys) -> None:
    a, b = sorted(claims)[1], sorted(claims)[-3]
    pages = _pages(claims, **{f"p{a}": _page(claims[b]),
                              f"p{b}": _page(claims[a])})
    found = _check(tmp_path, capsys, str(write_appendix(tmp_path / "佐证材料.pdf", pages, _numbers())))
    assert sorted((i["code"], i["field"]) for i in found) == sorted(
        [("EA002", claims[a][1]), ("EA002", claims[b][1])])
    assert all("标题为" in i["message"] for i in found), "it says what the page is about"


def test_fewer_items_than_claimed_gives_both_counts(claims, tmp_path: Path, capsys) -> None:
    page = next(p for p, c in sorted(claims.items()) if c[2] >= 5)
    _, label, claimed = claims[page]
    pages = _pages(claims, **{f"p{page}": _page(claims[page], 2, [])})
    [found] = _check(tmp_path, capsys, str(write_appendix(tmp_path / "佐证材料.pdf", pages, _numbers())))
    assert (found["code"], found["field"]) == ("EA003", label)
    assert f"填报{claimed}个" in found["message"] and "只见2项" in found["message"]


def test_cited_pages_beyond_the_appendix_are_missing(claims, tmp_path: Path, capsys) -> None:
    cut = sorted(claims)[len(claims) // 2]
    numbers = list(range(FIRST, cut))
    appendix = write_appendix(tmp_path / "佐证材料.pdf", _pages(claims)[:len(numbers)], numbers)
    found = _check(tmp_path, capsys, str(appendix))
    assert sorted(i["field"] for i in found) == sorted(c[1] for p, c in claims.items() if p >= cut)
    assert {i["code"] for i in found} == {"EA001"}
    assert f"第{FIRST}～{cut - 1}页" in found[0]["message"]


def test_printed_numbers_find_pages_moved_behind_a_cover(claims, tmp_path: Path, capsys) -> None:
    pages = [["佐证材料目录"], ["封面"], *_pages(claims)]
    appendix = write_appendix(tmp_path / "佐证材料.pdf", pages, [None, None, *_numbers()])
    assert _check(tmp_path, capsys, str(appendix)) == []


def test_without_printed_numbers_pages_count_from_the_stated_range(claims, tmp_path: Path, capsys) -> None:
    appendix = write_appendix(tmp_path / "佐证材料.pdf", _pages(claims), [None] * (LAST - FIRST + 1))
    assert _check(tmp_path, capsys, str(appendix)) == []


def test_counted_in_order_behind_a_cover_it_suspects_the_numbering_once(claims, tmp_path: Path, capsys) -> None:
    """Two unnumbered pages in front shift every cited page: one finding says the pages do not match,
    not one per row."""
    pages = [["封面"], ["佐证材料目录"], *_pages(claims)]
    appendix = write_appendix(tmp_path / "佐证材料.pdf", pages, [None] * len(pages))
    [found] = _check(tmp_path, capsys, str(appendix))
    assert found["code"] == "EA006" and "页序" in found["message"]


def test_an_appendix_in_two_files_is_paired_by_name(claims, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    report = folder / "长沙报告.docx"
    shutil.copyfile(REPORT, report)
    middle = 25
    split = middle - FIRST + 1
    write_appendix(folder / "长沙报告_佐证材料1.pdf", _pages(claims)[:split], list(range(FIRST, middle + 1)))
    write_appendix(folder / "长沙报告_佐证材料2.pdf", _pages(claims)[split:], list(range(middle + 1, LAST + 1)))
    write_appendix(folder / "另一份_佐证材料.pdf", [["另一份报告的佐证"]], [FIRST])  # someone else's: not read
    assert _check(tmp_path, capsys, str(folder), report=report) == []


def test_the_reports_own_pages_are_its_appendix(claims, tmp_path: Path, capsys) -> None:
    import pypdfium2 as pdfium

    appendix = write_appendix(tmp_path / "pages.pdf", _pages(claims), _numbers())
    combined = pdfium.PdfDocument.new()
    combined.import_pages(pdfium.PdfDocument(SAMPLES / "pdf" / REPORT.with_suffix(".pdf").name))
    combined.import_pages(pdfium.PdfDocument(appendix))
    whole = tmp_path / "报告含佐证.pdf"
    combined.save(whole)
    assert _check(tmp_path, capsys, report=whole) == []


def test_an_appendix_that_cannot_be_opened_is_said_once(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "佐证材料.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    [found] = _check(tmp_path, capsys, str(broken))
    assert found["code"] == "EA010" and found["severity"] == "info"


def test_a_cited_page_that_cannot_be_read_is_a_doubt_not_a_finding(claims, tmp_path: Path, capsys) -> None:
    page = sorted(claims)[0]
    pages = _pages(claims, **{f"p{page}": None})
    numbers = [None if n == page else n for n in _numbers()]  # a blank scanned page: no text, no number
    [found] = _check(tmp_path, capsys, str(write_appendix(tmp_path / "佐证材料.pdf", pages, numbers)))
    assert (found["code"], found["field"], found["severity"]) == ("EA009", claims[page][1], "info")


def test_a_file_for_several_reports_is_a_usage_error(tmp_path: Path, capsys) -> None:
    appendix = write_appendix(tmp_path / "佐证材料.pdf", [FILLER], [1])
    assert main(["check", str(REPORT), str(REPORT), "--evidence", str(appendix)]) == 2
    assert "只能对应一份报告" in capsys.readouterr().err


@NEEDS_OCR
def test_a_scanned_appendix_is_read_by_ocr_and_gives_what_was_planted(tmp_path: Path, capsys) -> None:
    """samples/evidence: the cited pages as 200-dpi grey scans with a seal (scripts/make_evidence_samples.py);
    page 23 shows the champions' list for the green-factory row, page 13 four of the eleven little giants."""
    found = _check(tmp_path, capsys, str(SCANNED_APPENDIX))
    assert sorted((i["code"], i["field"]) for i in found if i["severity"] != "info") == PLANTED
    assert "第七批制造业单项冠军示范企业名单" in next(i["message"] for i in found if i["code"] == "EA002")
    assert "只见4项" in next(i["message"] for i in found if i["code"] == "EA003")


def test_annotate_comments_the_cell_that_cites_the_page(claims, tmp_path: Path, capsys) -> None:
    from test_annotate import anchored_comments

    a, b = sorted(claims)[1], sorted(claims)[-3]
    pages = _pages(claims, **{f"p{a}": _page(claims[b]),
                              f"p{b}": _page(claims[a])})
    appendix = write_appendix(tmp_path / "佐证材料.pdf", pages, _numbers())
    out = tmp_path / "批注.docx"
    assert main(["annotate", str(REPORT), "-o", str(out), "--evidence", str(appendix)]) == 0
    evidence = [c for c in anchored_comments(out.read_bytes()).values() if c.code == "EA002"]
    assert len(evidence) == 2
    for comment in evidence:
        page = comment.message.split("佐证材料第")[1].split("页")[0]
        assert comment.cell is not None and page in comment.cell, (comment.cell, page)


def test_the_html_report_shows_each_cited_page_and_the_verdict(claims, tmp_path: Path) -> None:
    import re

    a = sorted(claims)[1]
    pages = _pages(claims, **{f"p{a}": FILLER})
    appendix = write_appendix(tmp_path / "佐证材料.pdf", pages, _numbers())
    out = tmp_path / "r.html"
    main(["check", str(REPORT), "--format", "html", "-o", str(out), "--evidence", str(appendix)])
    html = out.read_text("utf-8")
    section = html.split("<h3>佐证材料核对</h3>")[1].split("<h3>")[0]
    assert len(re.findall(r'<img alt="佐证材料第\d+页" src="data:image/jpeg;base64,', section)) == len(claims)
    rows = re.findall(r"<tr><td>(.*?)</td>.*?</tr>", section)
    assert len(rows) == len({c[1] for c in claims.values()})
    wrong = next(r for r in section.split("<tr>") if r.startswith(f"<td>{claims[a][1]}</td>"))
    assert "与本行无关" in wrong and FILLER[0] in wrong, "the page's own heading says what it is"
    assert section.count("相符") == len(rows) - 1


def test_batch_pairs_appendices_by_name_and_sums_each_report_up(claims, tmp_path: Path) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    shutil.copyfile(REPORT, folder / "长沙.docx")
    shutil.copyfile(SAMPLES / "prelim_advanced_split_defects.docx", folder / "株洲.docx")
    a, b = sorted(claims)[1], sorted(claims)[-3]
    pages = _pages(claims, **{f"p{a}": _page(claims[b]),
                              f"p{b}": _page(claims[a])})
    write_appendix(folder / "长沙_佐证材料.pdf", pages, _numbers())
    out = tmp_path / "r.json"
    main(["batch", str(folder), "-o", str(out), "--evidence"])
    data = json.loads(out.read_text("utf-8"))
    assert [Path(f["path"]).name for f in data["files"]] == ["株洲.docx", "长沙.docx"]
    summary = data["sheets"]["汇总"]
    column = summary["header"].index("佐证材料核对")
    by_file = {Path(r[0]).name: r[column] for r in summary["rows"]}
    rows = len({c[1] for c in claims.values()})
    assert by_file["长沙.docx"] == f"相符{rows - 2}行，不符2行，无法核对0行"
    assert by_file["株洲.docx"] != "未核对", "without an appendix file beside it, its own pages are read"
    assert [(Path(s["path"]).name, s["reason"]) for s in data["skipped"]] == [
        ("长沙_佐证材料.pdf", "佐证材料（随“长沙.docx”一起核对）")]
    found = [r for r in data["sheets"]["问题清单"]["rows"] if r[2] == "EA002"]
    assert sorted(r[5] for r in found if Path(r[0]).name == "长沙.docx") == sorted([claims[a][1], claims[b][1]])


def test_a_report_whose_own_pages_hold_no_appendix_says_so_once(tmp_path: Path, capsys) -> None:
    """The sample .docx ends with the form: every cited page lies beyond it — one finding, not one a row."""
    [found] = _check(tmp_path, capsys, report=SAMPLES / "prelim_advanced_split_defects.docx")
    assert found["code"] in ("EA007", "EA010"), found


def test_the_scoring_sheet_says_what_each_cited_page_shows(claims, tmp_path: Path) -> None:
    import openpyxl

    folder = tmp_path / "收件"
    folder.mkdir()
    shutil.copyfile(REPORT, folder / "长沙.docx")
    a = next(p for p, c in sorted(claims.items()) if c[0] == "green_count")  # an indicator the scheme scores
    pages = _pages(claims, **{f"p{a}": FILLER})
    write_appendix(folder / "长沙_佐证材料.pdf", pages, _numbers())
    out = tmp_path / "评分表.xlsx"
    assert main(["score", str(folder), "-o", str(out), "--evidence"]) == 0
    cells = [str(c.value) for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row if c.value]
    evidence = next(c for c in cells if claims[a][1] in c and f"P{a}（" in c)
    assert f"P{a}（{FILLER[0]}）" in evidence, "the page's own heading: not a green-factory list"
    assert any("EA002" in c and claims[a][1] in c for c in cells), "the finding beside it"


@NEEDS_OCR
def test_a_scanned_appendix_behind_a_cover_is_found_by_its_printed_numbers(tmp_path: Path, capsys) -> None:
    """No text layer to find page numbers in: pages are counted in order, so a cover in front shifts them
    all; the numbers OCR reads at the pages' feet put them back (the first, whose counted page is the
    blank cover, is a doubt, as a count OCR read a line of unsurely is)."""
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(SCANNED_APPENDIX)
    width, height = scan[0].get_size()
    scan.new_page(width, height)  # appended blank page …
    moved = pdfium.PdfDocument.new()
    moved.import_pages(scan, [len(scan) - 1, *range(len(scan) - 1)])  # … put in front
    behind = tmp_path / "佐证材料.pdf"
    moved.save(behind)
    found = _check(tmp_path, capsys, str(behind))
    assert sorted((i["code"], i["field"]) for i in found if i["severity"] != "info") == PLANTED
    assert {i["code"] for i in found if i["severity"] == "info"} <= {"EA009"}, "the rest only doubts"


@NEEDS_OCR
@NEEDS_LIBREOFFICE
def test_a_word_appendix_of_pasted_scans_is_laid_out_and_read(tmp_path: Path, capsys) -> None:
    """The appendix as a Word file holding each scanned page as a picture, one a page: LibreOffice lays
    it out in pages, OCR reads the pictures, the planted problems come out as from the PDF."""
    import io

    import docx
    import pypdfium2 as pdfium
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Mm(5)
    scan = pdfium.PdfDocument(SCANNED_APPENDIX)
    for i, page in enumerate(scan):
        picture = io.BytesIO()
        page.render(scale=200 / 72).to_pil().save(picture, "PNG")  # the scan's own resolution
        run = document.add_paragraph().add_run()
        run.add_picture(picture, height=Mm(270))
        if i < len(scan) - 1:
            run.add_break(WD_BREAK.PAGE)
    appendix = tmp_path / "佐证材料.docx"
    document.save(appendix)
    found = _check(tmp_path, capsys, str(appendix))
    assert sorted((i["code"], i["field"]) for i in found if i["severity"] != "info") == PLANTED


def test_a_name_the_report_lists_missing_from_its_page_is_noted(claims, tmp_path: Path, capsys) -> None:
    page = next(p for p, c in claims.items() if c[0] == "green_count")
    green = [str(r.values["name"]) for r in load_report(REPORT).list_table("green_list").rows]
    left_out = green[-1]
    pages = _pages(claims, **{f"p{page}": _page(claims[page], listed=[n for n in REPORT_LISTED if n != left_out])})
    found = _check(tmp_path, capsys, str(write_appendix(tmp_path / "佐证材料.pdf", pages, _numbers())))
    named = next(i for i in found if i["code"] == "EA004")
    assert (named["field"], named["severity"]) == (claims[page][1], "info")
    assert f"“{left_out}”" in named["message"] and "共1个" in named["message"]
    assert {i["code"] for i in found} == {"EA003", "EA004"}, "one enterprise fewer than the nine claimed, too"
