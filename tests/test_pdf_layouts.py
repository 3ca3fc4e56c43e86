"""The PDF reader on PDFs unlike the LibreOffice twins: tables ruled with horizontal lines only
(三线表, rules between rows), and PDFs drawn with reportlab (a CJK CID font, a table running on to
the next page). The LibreOffice renderings are committed under samples/pdf_layouts/ by
scripts/render_pdf_layouts.py; the reportlab ones are drawn here into tmp_path."""

from __future__ import annotations

import pytest

from conftest import NEEDS_LIBREOFFICE, SAMPLES, expected
from reportcheck.layout import Table
from reportcheck.pipeline import load_report
from reportcheck.readers import read_document
from reportcheck.readers.pdf_text import group_lines

LAYOUTS = SAMPLES / "pdf_layouts"
SOURCE = "prelim_advanced_split_clean"
RULED = [LAYOUTS / f"{SOURCE}.{style}.pdf" for style in ("three_line", "horizontal")]


def _texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def _unwrapped(table: Table) -> list[list[str]]:
    """Cell texts with the line breaks of wrapping taken out."""
    return [[c.text.replace("\n", "") for c in row] for row in table.rows]


def _table_with(path, text: str) -> Table:
    return next(t for t in read_document(path).tables() if any(text in c.text for r in t.rows for c in r))


@pytest.mark.parametrize("path", RULED, ids=["three_line", "horizontal"])
def test_rule_only_tables_give_the_indicator_values_of_the_docx(path):
    report = load_report(path)
    exp = expected(SAMPLES / f"{SOURCE}.docx")
    got = {(i.section, i.label): i for i in report.indicators}
    assert len(got) == len(exp["indicators"])
    for row in exp["indicators"]:
        ind = got[(row["section"], row["label"])]
        assert (ind.values, ind.growth_pct, ind.evidence_pages) == \
            (row["values"], row["growth_pct"], row["evidence_pages"]), row["label"]


@pytest.mark.parametrize("path", RULED, ids=["three_line", "horizontal"])
def test_rule_only_tables_read_like_the_ruled_twin(path):
    twin = SAMPLES / "pdf" / f"{SOURCE}.pdf"
    for marker in ("集群总产值（亿元）", "企业数量（个）", "湖南智行汽车股\n份有限公司", "星城17号工业设计\n中心"):
        assert _texts(_table_with(path, marker)) == _texts(_table_with(twin, marker)), marker


def test_a_two_row_header_keeps_its_spans():
    table = _table_with(LAYOUTS / f"{SOURCE}.three_line.pdf", "湖南智行汽车股\n份有限公司")
    head, sub = table.rows[0], table.rows[1]
    assert [(c.col, c.colspan, c.rowspan, c.text) for c in head] == [
        (0, 1, 2, "企业名称"), (1, 1, 2, "主要产品"), (2, 2, 1, "营业收入（亿元）"), (4, 1, 2, "国内市场占有率\n（%）")]
    assert [(c.col, c.continued, c.text) for c in sub] == [
        (0, True, "企业名称"), (1, True, "主要产品"), (2, False, "2021年"), (3, False, "2022年"),
        (4, True, "国内市场占有率\n（%）")]
    assert len(table.rows) == 12  # header rows and ten companies, joined over the page break


def test_rows_between_rules_keep_their_rowspans():
    table = _table_with(LAYOUTS / f"{SOURCE}.horizontal.pdf", "集群促进组织")
    group = next(r for r in table.rows if r[0].text == "集群促进组织")[0]
    assert group.rowspan == 3
    following = table.rows[group.row + 1]
    assert following[0].continued and [c.text for c in following[1:]] == [
        "负责人姓名、职\n务", "王建国 理事长", "电话", "0731-\n88886666"]


def test_an_all_zero_row_is_read_not_missing():
    report = load_report(LAYOUTS / f"{SOURCE}.zero_row.pdf")
    growth = next(i for i in report.indicators if i.label == "集群研发经费增速")
    assert set(growth.values.values()) == {0} and growth.growth_pct == 0
    assert not [i for i in report.extraction_issues if i.code == "X002"]


# --- PDFs drawn with reportlab ---------------------------------------------------------------

HEADER = ["指标名称", "2021年", "2022年", "增幅（%）"]
ROWS = [[f"第{i}项指标（亿元）", f"{100 + i}.5", f"{110 + i}.0", f"{i}.1"] for i in range(1, 41)]
ROWS[3][0] = "集群主导产业产值占全省该产业的比重（%）"  # wraps in its cell


def _draw(path, style: str) -> None:
    """A title, a paragraph and a 41-row table that runs on to the next page (header repeated)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = ParagraphStyle("cjk", fontName="STSong-Light", fontSize=10.5, leading=14, wordWrap="CJK")
    cells = [[Paragraph(t, text) for t in row] for row in [HEADER, *ROWS]]
    rules = [("GRID", (0, 0), (-1, -1), 0.5, "black")] if style == "grid" else [
        ("LINEABOVE", (0, 0), (-1, 0), 1, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
        ("LINEBELOW", (0, -1), (-1, -1), 1, "black")]
    table = Table(cells, colWidths=[180, 80, 80, 80], repeatRows=1,
                  style=TableStyle([*rules, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [Paragraph("2.1集群主要经济指标", text), Paragraph("下表为集群近两年主要经济指标。", text), table,
             Paragraph("表后的说明文字。", text)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


@pytest.mark.parametrize("style", ["grid", "three_line"])
def test_reportlab_table_over_two_pages(tmp_path, style):
    path = tmp_path / f"{style}.pdf"
    _draw(path, style)
    doc = read_document(path)
    tables = doc.tables()
    assert len(tables) == 1, "the table goes on over the page and is joined"
    assert _unwrapped(tables[0]) == [HEADER, *ROWS]  # the repeated header row is read once
    assert {c.page for r in tables[0].rows for c in r} == {1, 2}
    paragraphs = [b.text for b in doc.blocks if not isinstance(b, Table)]
    assert paragraphs == ["2.1集群主要经济指标", "下表为集群近两年主要经济指标。", "表后的说明文字。"]


@NEEDS_LIBREOFFICE
def test_footnote_marks_in_a_libreoffice_pdf_are_no_digits_of_their_figures(tmp_path):
    """Y02 marks figures with raised footnote numbers (258³ 发明专利). LibreOffice's PDF of it draws each mark
    as a smaller digit set above the line, a hair after the figure: read as one more digit it made 2583 of 258
    and 87192 of 8719 (two false growth errors on a clean PDF). Read as a mark, the PDF's figures are the
    Word file's."""
    from reportcheck.readers.convert import convert_to_pdf

    word = SAMPLES / "external" / "Y02.docx"
    pdf = tmp_path / "Y02.pdf"
    pdf.write_bytes(convert_to_pdf(word, ".docx"))
    got, want = load_report(pdf), load_report(word)
    def values(report):
        return {(i.section, i.key): i.values for i in report.indicators}

    assert values(got) == values(want)


def _word(text: str, top: float, bottom: float, x0: float) -> dict:
    return {"text": text, "top": top, "bottom": bottom, "x0": x0, "x1": x0 + 10 * len(text)}


def test_a_heading_number_boxed_higher_than_its_title_is_on_the_title_line():
    # pdfium's boxes of a 14 pt heading: the number in a Latin font from 365.1, the Chinese title from 368.2
    number, title = _word("3.1", 365.1, 383.4, 74), _word("园区主要经济指标", 368.2, 380.9, 94)
    assert [ln.text for ln in group_lines([title, number])] == ["3.1园区主要经济指标"]
    below = _word("园区名称", 380.5, 391.0, 74)  # the next line, set close: its own
    assert len(group_lines([number, title, below])) == 2
