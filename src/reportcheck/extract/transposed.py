"""An indicator table laid on its side: the indicators across the top, the years down the first column
(``年份＼指标 | 绿色工厂… | 二氧化碳排放量…`` over ``2022年 | 4 | 0.76`` and ``2023年 | 5 | 0.67``), as some
applicants lay out a table of few rows. It is read turned upright: one line per indicator under a header of
the years, every cell keeping where it is in the file (:attr:`Cell.at`), so a finding on one points there.

A table is taken as on its side only when it says so plainly: two cells or more of its first row are rows
of one indicator table of the form, matched surely, and every row below it starts with a year (two at
least) or with what a column of the form may be headed (增幅, 佐证材料页码, 备注). A figure
merged down over both years (the same in both, written once) stands for both, as a file's merge says."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from reportcheck.extract.columns import column_role
from reportcheck.extract.labels import SURE_SCORE, LabelIndex
from reportcheck.extract.lines import Line, rewrite_tables
from reportcheck.layout import Cell

_MIN_LABELS = 2
_HEADS = frozenset({"year", "growth", "evidence", "note", "unit"})  # what the first column may say of a row


def turned_upright(lines: list[Line], indexes: Iterable[LabelIndex]) -> list[Line]:
    """``lines`` with each indicator table laid on its side replaced by its lines turned upright."""
    known = list(indexes)
    return rewrite_tables(lines, lambda rows: _upright(rows, known))


def _upright(rows: list[Line], indexes: list[LabelIndex]) -> list[Line] | None:
    """The table's lines turned upright, or None when it is not an indicator table on its side."""
    top, *below = rows
    labels = [c for c in top.cells[1:] if c.norm and not c.continued]
    roles = [column_role(line.cells[0].norm, "indicators") for line in below]
    years = [role.year for role in roles if role is not None and role.kind == "year" and role.year]
    if len(years) < 2 or len(set(years)) != len(years) or any(role is None or role.kind not in _HEADS
                                                              for role in roles):
        return None
    if not any(sum(index.match(c.norm, SURE_SCORE) is not None for c in labels) >= _MIN_LABELS
               for index in indexes):
        return None
    corner = top.cells[0]
    header = [_moved(corner, 0, 0, "指标名称")] + [_moved(line.cells[0], 0, r) for r, line in enumerate(below, 1)]
    out = [Line(None, header)]
    for label in labels:
        cells = [_moved(label, label.col, 0)]
        for r, line in enumerate(below, 1):
            value = next((c for c in line.cells if c.col <= label.col < c.col + c.colspan), None)
            if value is not None:
                cells.append(_moved(value, label.col, r))
        out.append(Line(None, cells))
    return out


def _moved(cell: Cell, row: int, col: int, text: str | None = None) -> Cell:
    """``cell`` at (``row``, ``col``) of the table turned upright, remembering where it is in the file; a
    figure merged down from the year above is its own (it stands for that year too)."""
    own = cell.continued and cell.confidence is None  # a scan's merge may be a lost line, not the file's
    moved = replace(cell, row=row, col=col, colspan=1, rowspan=1, continued=cell.continued and not own,
                    at=cell.at or (cell.row, cell.col))
    if text is not None:
        moved.text = moved.norm = text
    return moved
