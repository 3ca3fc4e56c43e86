"""A table converted to text and printed to PDF (its rows lines of a label and figures a space apart) is read as
the table it shows; a frame table's own title, above the table inside it, is read as a line before that table."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES
from reportcheck.layout import Paragraph, Table
from reportcheck.readers import read_document
from reportcheck.readers.figure_lines import tables_of_figure_lines

_MARGIN = 520.0  # the right edge of the page's text


def _blocks(*texts: str, confidence: float | None = None) -> list[Paragraph | Table]:
    """Lines of a page; one ending in ⏎ runs to the right margin (it was cut there), the others stop short."""
    return [Paragraph(i, text.rstrip("⏎"), page=1, confidence=confidence,
                      bbox=(70.0, 100.0 + 15 * i, _MARGIN if text.endswith("⏎") else 70.0 + 10 * len(text),
                            112.0 + 15 * i))
            for i, text in enumerate(texts)]


def _cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def test_lines_under_a_header_of_years_are_a_table_with_every_habit_of_the_printed_rows():
    blocks = _blocks(
        "2.1集群主要经济指标",
        "指标名称 2022年 2023年 增幅",
        "（%）",  # the header's unit, wrapped onto a line of its own
        "集群总产值（亿元） 318.2 348.7 +9.6",
        "利润总额（亿元） 24.4 二十九 18.9",  # a figure in words
        "国家级单项冠军数量（个，需提供佐证材料） 2 3 佐证P13 50.0",  # the pages cited after the figure
        "参与制定标准（个，需提供佐证材料） 12 15（见佐证材料第16⏎",  # wrapped inside its brackets …
        "页） 25.0",
        "省级及以上绿色工厂数量（个，需提供佐证材料） 6⏎",  # … and between two figures
        "9（P23） 50.0",
        "2.2集群企业培育情况",
    )
    made = tables_of_figure_lines(blocks)
    assert len(made) == 1 and blocks[1] is made[0]
    assert _cells(made[0]) == [
        ["指标名称", "2022年", "2023年", "增幅（%）"],
        ["集群总产值（亿元）", "318.2", "348.7", "+9.6"],
        ["利润总额（亿元）", "24.4", "二十九", "18.9"],
        ["国家级单项冠军数量（个，需提供佐证材料）", "2", "3 佐证P13", "50.0"],
        ["参与制定标准（个，需提供佐证材料）", "12", "15（见佐证材料第16页）", "25.0"],
        ["省级及以上绿色工厂数量（个，需提供佐证材料）", "6", "9（P23）", "50.0"],
    ]
    assert [row[0].paragraph for row in made[0].rows] == [1, 3, 4, 5, 6, 8]  # where a finding points
    assert [getattr(b, "text", None) for b in blocks[2:]] == ["2.2集群企业培育情况"]


def test_a_line_that_is_no_row_ends_the_table_and_stays_a_paragraph():
    blocks = _blocks("指标名称 2021年 2022年 增幅（%）", "企业数量（个） 412 455 10.4",
                     "进口额（亿元） 35.6 40.2",  # a figure short: which column is empty is not sure
                     "出口额（亿元） 60.3 72.8 20.7")
    made = tables_of_figure_lines(blocks)
    assert [_cells(t) for t in made] == [[["指标名称", "2021年", "2022年", "增幅（%）"],
                                          ["企业数量（个）", "412", "455", "10.4"]]]
    rest = [b.text for b in blocks[1:]]  # type: ignore[union-attr]
    assert rest == ["进口额（亿元） 35.6 40.2", "出口额（亿元） 60.3 72.8 20.7"]


def test_a_short_row_is_not_joined_to_the_line_after_it_and_a_label_never_ends_in_a_figure():
    blocks = _blocks("集群以风电整机及关键零部件为主导，已形成原材料供应、核心部件制造、整机生产的产业体系。⏎",
                     "指标名称 2022年 2023年 增幅", "集群总产值（亿元） 318.2 348.7 +9.6",
                     "集群从业人员数量（人） 37436 39479",  # its growth left empty: it ends short of the margin
                     "2.2", "集群企业培育情况")
    made = tables_of_figure_lines(blocks)
    assert [len(t.rows) for t in made] == [2]
    assert [b.text for b in blocks[2:4]] == ["集群从业人员数量（人） 37436 39479", "2.2"]  # type: ignore[union-attr]
    one_more = _blocks("指标名称 2022年 2023年", "国家级单项冠军数量（个） 1 2 50.0",  # a column the header lacks
                       "集群总产值（亿元） 1 250.4 1 408.9")  # thousands parted by a space
    assert tables_of_figure_lines(one_more) == [] and len(one_more) == 3


def test_prose_and_lines_read_by_ocr_are_left_alone():
    prose = _blocks("对比 2021年 2022年 两年，集群总产值从1250.4亿元增长到1408.9亿元。",
                    "集群总产值（亿元） 1250.4 1408.9", "其中 2022年 新增企业 43 家。")
    assert tables_of_figure_lines(prose) == [] and len(prose) == 3
    header_alone = _blocks("指标名称 2021年 2022年", "近两年集群发展态势良好，各项指标稳步增长。")
    assert tables_of_figure_lines(header_alone) == []
    said = _blocks("与2021年 2022年 相比，集群规上工业企业营业收入 1102.7 1256.0", "集群总产值（亿元） 1250.4 1408.9")
    assert tables_of_figure_lines(said) == []  # a sentence's words are no header's
    long_word = _blocks("指标名称 2021年 2022年 同比增速（按可比价格计算的百分比）", "企业数量（个） 412 455 10.4")
    assert tables_of_figure_lines(long_word) == []  # a header's words are short
    scanned = _blocks("指标名称 2021年 2022年 增幅（%）", "企业数量（个） 412 455 10.4", confidence=0.93)
    assert tables_of_figure_lines(scanned) == [] and len(scanned) == 2


def test_a_report_by_another_hand_with_its_table_converted_to_text_gives_every_figure_of_it():
    from reportcheck.pipeline import load_report

    report = load_report(SAMPLES / "external" / "H07.pdf")
    rows = {i.key: i for i in report.indicators if i.section == "2.1"}
    assert len(rows) == 13
    assert (rows["total_output"].values, rows["total_output"].growth_pct) == ({"2022": 318.2, "2023": 348.7}, 9.6)
    assert rows["employees"].values == {"2022": 37436, "2023": 39479}


def test_the_title_inside_a_frame_table_is_a_line_before_the_table_it_frames():
    path = Path(SAMPLES / "variants" / "final_sme_split_messy.pdf_tables_typed.pdf")
    blocks = read_document(path).blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text.startswith("3.1"))
    assert blocks[at].text.replace(" ", "") == "3.1园区主要经济指标"  # type: ignore[union-attr]
    after = blocks[at + 1]
    assert isinstance(after, Table) and after.rows[0][0].text == "园区名称"
