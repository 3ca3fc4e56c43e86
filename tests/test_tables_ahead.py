"""A table standing right before the heading of the section its rows are (a floating table Word keeps before its
anchor, a title written under its table) is read after that heading; any other table stays where it stands."""

from __future__ import annotations

from conftest import SAMPLES
from reportcheck.extract.indicators import row_index
from reportcheck.extract.lines import Line
from reportcheck.extract.sections import build_heading_index
from reportcheck.extract.tables_ahead import tables_after_their_headings
from reportcheck.layout import Cell, Paragraph
from reportcheck.pipeline import load_report
from reportcheck.spec import template_by_stage

SPEC = template_by_stage("初赛")
HEADINGS = build_heading_index(SPEC)
ROWS = {t.id: row_index(t) for t in SPEC.indicator_tables}


def _para(text: str) -> Line:
    return Line(Paragraph(0, text, norm=text), [])


def _table(number: int, *rows: tuple[str, ...]) -> list[Line]:
    return [Line(None, [Cell(text, number, r, c, norm=text) for c, text in enumerate(row)])
            for r, row in enumerate(rows)]


_GREEN = _table(1, ("指标名称", "2021年", "2022年"), ("大宗工业固废综合利用率（%）", "92.5", "94.1"),
                ("工业用水重复利用率（%）", "88.0", "90.3"))
_QUALITY = _table(2, ("指标名称", "2021年", "2022年"), ("获得质量、环境、职业健康安全管理体系认证企业数量", "45", "57"),
                  ("落实产品合格证管理制度，产品合格证覆盖率（%）", "91.6", "93.0"))


def _texts(lines: list[Line]) -> list[str]:
    return [line.para.norm if line.para is not None else line.cells[0].norm for line in lines]


def test_a_table_before_the_heading_of_its_rows_is_read_after_it():
    lines = [_para("2.5 集群绿色发展情况"), *_GREEN, *_QUALITY, _para("2.6 集群产品质量发展情况"),
             _para("省级及以上质量奖（国家级、省级）")]
    moved = tables_after_their_headings(lines, HEADINGS, ROWS)
    assert _texts(moved) == [_texts(lines)[k] for k in (0, 1, 2, 3, 7, 4, 5, 6, 8)]  # 2.6, then its table
    assert _texts(moved)[4:6] == ["2.6 集群产品质量发展情况", "指标名称"]


def test_a_table_of_its_own_section_or_before_a_section_that_has_its_table_stays():
    in_place = [_para("2.5 集群绿色发展情况"), *_GREEN, _para("2.6 集群产品质量发展情况"), *_QUALITY]
    assert tables_after_their_headings(in_place, HEADINGS, ROWS) == in_place
    twice = [_para("2.5 集群绿色发展情况"), *_QUALITY, _para("2.6 集群产品质量发展情况"), *_table(3, *[
        tuple(c.norm for c in line.cells) for line in _QUALITY])]
    assert tables_after_their_headings(twice, HEADINGS, ROWS) == twice


def test_a_report_by_another_hand_with_a_floating_table_before_its_heading_gives_that_table():
    report = load_report(SAMPLES / "external" / "K10.docx")
    quality = [i for i in report.indicators if i.section == "2.6"]
    assert len(quality) == 2 and {tuple(i.values.values()) for i in quality} == {(45, 57), (91.6, 93.0)}
    assert not [i for i in report.extraction_issues if i.code == "X012"]
