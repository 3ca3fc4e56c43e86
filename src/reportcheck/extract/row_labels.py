"""A row's label as the template knows it: one cell, or a parent label and a sub-row's own label.

Applicants group rows under a parent label merged down a first label column, the sub-rows' labels in a
second one: ``集群企业营业收入 | 合计`` / ``(merged) | 其中：规上工业企业营业收入``; ``企业数量 | 其中：规上工业企业``;
``单项冠军数量 | 国家级``; ``集群主导产业 | 产值`` / ``(merged) | 占全省该产业的比重（%）``. The template's label is
then the sub-row's own (规上工业企业营业收入), the two joined either way (集群主导产业产值, 国家级单项冠军数量),
the sub-row's label inside the parent's (获得 + 国家 + 科技进步奖数量), the sub-row's label with the parent's
head noun (规上工业企业 + 数量), the parent and the sibling above it (集群主导产业 | 产值, then 占全省该产业的比重),
or the parent itself for a 合计 row; the reading that matches the template best is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportcheck.extract.columns import VALUE_KINDS, HeaderMap
from reportcheck.extract.labels import OF_WHICH, LabelIndex, strip_parens
from reportcheck.extract.lines import Line
from reportcheck.extract.ocr import scanned
from reportcheck.layout import Cell
from reportcheck.normalize.evidence import split_evidence
from reportcheck.normalize.numbers import parse_value, unit_of
from reportcheck.normalize.text import label_key
from reportcheck.spec import RowSpec

ORDINAL = re.compile(r"^(?:\d{1,2}|\(\d{1,2}\)|[\u2460-\u2473]|[一二三四五六七八九十]+)[.、]?$")
_SKIP_KINDS = frozenset({"ordinal", "unit", "note", "evidence", "growth"})
_TOTAL = frozenset({"合计", "小计", "总计", "合计数", "总数", "总额", "全部", "总量"})
_PARENT_DOUBT = 90.0  # the score of a reading a parent's words contradict: read, in doubt (labels.SURE_SCORE)
_UNIT_MARKS = frozenset("元个人家项件亩吨%‰户座台平米公里")
_UNIT_CHARS = 5  # a unit is short: 亿美元, 万平方米
_FIGURE_START = re.compile(r"[\s(（+\-约近超逾]*\d")  # a cell that can be a figure begins with its digits


@dataclass(slots=True)
class LabelHit:
    """The template row a line is, how sure (100 for an exact key), and the cells its label came from."""

    row: RowSpec
    score: float
    cell: Cell  # the cell the label is read from (the sub-row's own, when grouped)
    text: str  # the label as read, without page references
    pages: list[int]
    cells: list[Cell]  # every label cell (parent and own)


def match_label(index: LabelIndex, header: HeaderMap, line: Line, previous: LabelHit | None = None
                ) -> LabelHit | None:
    """Match a row's label cells (those before its figures that are not a 序号, 单位, 备注 … cell).
    ``previous`` is the row above: a sub-row may go on with its sibling's words (集群主导产业 | 产值, then
    占全省该产业的比重: 集群主导产业产值占全省该产业的比重)."""
    if not line.is_row:
        return None
    labels = label_cells(header, line)
    if not labels or labels[-1].continued:
        return None  # no label of its own: the cell is merged down from the row above
    own = labels[-1]
    text, pages = split_evidence(own.norm)
    if len(labels) == 1:
        hit = index.match(text) or (index.match_misread(text) if scanned(own) else None)
        return LabelHit(hit[0], hit[1], own, text, pages, [own]) if hit else None  # type: ignore[arg-type]
    parent_text, parent_pages = split_evidence(labels[-2].norm)
    readings = _readings(parent_text, text)
    if previous is not None and len(previous.cells) == 2 and previous.cells[0].norm == labels[-2].norm \
            and previous.cells[0].col == labels[-2].col and label_key(text) not in _TOTAL:
        sibling = split_evidence(previous.cells[1].norm)[0]
        readings.append(strip_parens(label_key(parent_text)) + strip_parens(OF_WHICH.sub("", label_key(sibling)))
                        + label_key(text))
    best: LabelHit | None = None
    for n, candidate in enumerate(readings):
        hit = index.match(candidate)
        if hit is None or (best is not None and hit[1] <= best.score):
            continue
        score = hit[1]
        if n == 0 and _parent_names_another(index, parent_text, hit[0]):  # type: ignore[arg-type]
            score = min(score, _PARENT_DOUBT)
        best = LabelHit(hit[0], score, own, candidate, sorted({*pages, *parent_pages}),  # type: ignore[arg-type]
                        labels[-2:])
    return best


def _parent_names_another(index: LabelIndex, parent: str, row: RowSpec) -> bool:
    """A sub-row matched by its own label alone while its parent is the stem of another row of the table:
    集群主导产业 | 营业收入 read as 集群企业营业收入, though 集群主导产业 heads 集群主导产业产值. Then the reading is
    in doubt, not sure: its figures rest no finding."""
    stem = strip_parens(label_key(parent)).removeprefix("集群")
    if len(stem) < 2 or stem in label_key(row.label):
        return False
    return any(stem in label_key(t.label) for t in index.fuzzy_targets if t is not row)  # type: ignore[attr-defined]


def label_cells(header: HeaderMap, line: Line) -> list[Cell]:
    """The cells that make a row's label: text cells before its first figure, a parent merged down
    from the rows above included; 序号, 单位, 备注 and evidence cells are not label cells."""
    out: list[Cell] = []
    for cell in line.cells:
        if not cell.norm:
            continue
        role = header.at(cell)
        if role is not None and (role.kind in VALUE_KINDS or role.kind == "field"):
            break
        if (role is not None and role.kind in _SKIP_KINDS and _fits(role.kind, cell.norm)) \
                or (not out and ORDINAL.match(cell.norm)):
            continue
        if role is None and out and _FIGURE_START.match(cell.norm) and parse_value(cell.norm).value is not None:
            break  # no header over it: a figure ends the label
        if out and out[-1].norm == cell.norm:
            continue  # one merged cell seen twice across the grid
        if out and unit_of(label_key(cell.norm).strip("()")):
            continue  # a unit written in a column of its own, without a 单位 header
        out.append(cell)
    return out


def _fits(kind: str, text: str) -> bool:
    """A cell's text is what its column holds: a 单位 column a unit (one it knows or not: 亿美元, 亿元（现价）),
    a 序号 column a number. A sub-row's label standing in a 单位 column (产值（亿元）, the column used for both)
    is a label: without its parenthesis it is a word, no unit."""
    if kind == "unit":
        bare = strip_parens(label_key(text))
        return unit_of(bare) is not None or (len(bare) <= _UNIT_CHARS and any(c in _UNIT_MARKS for c in bare))
    if kind == "ordinal":
        return bool(ORDINAL.match(text))
    return True


def _readings(parent: str, own: str) -> list[str]:
    """The labels a parent and a sub-row's own label can stand for, the sub-row's readings first."""
    own_key = OF_WHICH.sub("", label_key(own))
    parent_key = label_key(parent)
    bare_parent = strip_parens(parent_key)
    if own_key in _TOTAL:
        return [parent_key]
    readings = [own_key, bare_parent + own_key, own_key + bare_parent]
    readings += [bare_parent[:i] + own_key + bare_parent[i:] for i in range(1, len(bare_parent))]
    readings += [own_key + bare_parent[i:] for i in range(1, len(bare_parent) - 1)]
    return readings
