"""The .docx reader on real files: spans resolved, nested tables in place, document order."""

from __future__ import annotations

from conftest import SAMPLES
from reportcheck.readers import read_document


def test_vertical_and_horizontal_spans_are_resolved():
    doc = read_document(SAMPLES / "prelim_advanced_merged_clean.docx")
    basic = doc.tables()[0]
    group = basic.rows[5][0]
    assert group.text == "集群促进组织" and group.rowspan == 3
    continued = basic.rows[6][0]
    assert continued.continued and continued.text == "集群促进组织"  # a row reads on its own
    assert basic.rows[0][1].colspan == 4 and basic.rows[0][1].col == 1


def test_nested_frame_tables_keep_their_place():
    doc = read_document(SAMPLES / "final_sme_split_messy.docx")
    nested = [t for t in doc.tables() if t.parent is not None]
    assert nested, "the sample frames chapters 1 and 3 in one-cell tables"
    assert any(c.text == "集 群 名 称" for t in nested for row in t.rows for c in row)


def test_years_are_read_from_the_header_not_assumed():
    from conftest import report_of

    report = report_of(SAMPLES / "prelim_sme_merged_messy.docx")
    assert report.years == ["2022", "2023"]
    assert set(report.indicator("revenue").values) == {"2022", "2023"}


def test_paragraphs_aligned_by_tabs_are_the_table_they_show_and_nothing_else_is(tmp_path):
    """A table typed with tab stops is read as one, each cell pointing at its paragraph; a table of contents
    typed with tabs, a signature line, an indented paragraph and prose with spaces typed in it stay
    paragraphs."""
    import docx

    from reportcheck.layout import Paragraph, Table

    word = docx.Document()
    for text in ("目录", "一、集群基本信息\t1", "二、集群发展总体情况\t3", "三、集群核心承载园区\t9",
                 "\t2.5 集群绿色发展情况", "指标名称\t2021年\t2022年",
                 "工业用水重复利用率（%）\t\t89.9", "\t大宗工业固废综合利用率（%）\t82.1\t85.4\t",
                 "填报人：\t日期：", "负责人：\t电话：",
                 "2022年集群实现总产值  144.9亿元，同比增长  18.0%。", "研发经费  5.2亿元，占营业收入  2.1%。"):
        word.add_paragraph(text)
    word.save(tmp_path / "tabs.docx")
    blocks = read_document(tmp_path / "tabs.docx").blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [[c.text for c in row] for t in tables for row in t.rows] == [
        ["指标名称", "2021年", "2022年"], ["工业用水重复利用率（%）", "", "89.9"],
        ["大宗工业固废综合利用率（%）", "82.1", "85.4"]]
    assert [c.paragraph for c in tables[0].rows[2]] == [7, 7, 7]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "目录", "一、集群基本信息\t1", "二、集群发展总体情况\t3", "三、集群核心承载园区\t9", "\t2.5 集群绿色发展情况",
        "填报人：\t日期：", "负责人：\t电话：", "2022年集群实现总产值  144.9亿元，同比增长  18.0%。",
        "研发经费  5.2亿元，占营业收入  2.1%。"]


def test_a_figure_the_same_in_both_years_merged_across_them_stands_for_both(tmp_path):
    """Each indicator row's years made equal (growth 0.0), then each pair merged into one cell across both
    year columns: the merged file reads as the one with both cells filled."""
    from conftest import report_of
    from variants.office import same_figure_merged
    from variants.ooxml import Docx, cell_from, cell_text, plain_number, segments, set_cell_text

    doc = Docx(SAMPLES / "prelim_advanced_split_clean.docx")
    for seg in segments(doc.document):
        years, growth = sorted(seg.cols("year:")), seg.col("growth")
        if seg.kind == "indicator" and len(years) == 2 and growth is not None:
            for tr in seg.data:
                first, second = cell_from(tr, years[0]), cell_from(tr, years[1])
                if first is not None and second is not None and plain_number(cell_text(first)):
                    set_cell_text(second, cell_text(first))
                    set_cell_text(cell_from(tr, growth), "0.0")
    doc.save(tmp_path / "equal.docx")
    assert same_figure_merged(doc)
    doc.save(tmp_path / "merged.docx")
    equal, merged = report_of(tmp_path / "equal.docx"), report_of(tmp_path / "merged.docx")
    filled = [i for i in equal.indicators if len([v for v in i.values.values() if v is not None]) == 2]
    assert len(filled) > 20
    assert {(i.section, i.key): i.values for i in merged.indicators} == {
        (i.section, i.key): i.values for i in equal.indicators}


def test_a_cell_saying_tong_zuo_is_the_figure_left_of_it_and_nothing_else(tmp_path):
    """同左 in a year's cell is the figure of the cell left of it, of either part of 3.1 (园区总额 | 其中集群产业);
    同左 in a growth's cell, and 同上 (the row above, not the year before), stay unreadable values (X001)."""
    import docx

    from conftest import report_of
    from reportcheck.rules import run_rules

    word = docx.Document(str(SAMPLES / "prelim_advanced_split_clean.docx"))

    def row_of(label: str):
        return next(r for t in word.tables for r in t.rows if r.cells[0].text.startswith(label))

    row_of("税金总额").cells[2].text = "同左"  # 2022 of 42.1 in 2021
    row_of("进口额").cells[3].text = "同左"  # its growth
    row_of("利润总额").cells[2].text = "同上"
    row_of("上市和挂牌企业数量").cells[2].text = "同左（P10）"  # its evidence page with it
    park = row_of("园区生产总值")
    park.cells[2].text = "同左"  # 2021's 其中集群产业, left of it the 2021 园区总额
    word.save(str(tmp_path / "same.docx"))
    original, report = report_of(SAMPLES / "prelim_advanced_split_clean.docx"), report_of(tmp_path / "same.docx")
    tax, park_total = original.indicator("tax"), original.indicator("park_gdp")
    assert report.indicator("tax").values == {"2021": tax.values["2021"], "2022": tax.values["2021"]}
    assert report.indicator("park_gdp").cluster_values["2021"] == park_total.values["2021"]
    listed = report.indicator("listed_enterprises")
    assert listed.values["2022"] == listed.values["2021"] and listed.evidence_pages == [10]
    assert report.indicator("imports").growth_pct is None and report.indicator("profit").values["2022"] is None
    unreadable = {i.field for i in run_rules(report) if i.code == "X001"}
    assert {"进口额", "利润总额"} <= unreadable and "税金总额" not in unreadable
