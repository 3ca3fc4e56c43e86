"""A table folded into blocks side by side to save paper: its header written twice across one row
(``指标名称 | 2021年 | 2022年 | 增幅 | 指标名称 | 2021年 | 2022年 | 增幅``), the first rows on the left and the
rest on the right. It is read block after block, as if the right-hand block were a 续表 under the left one:
the left half of every row, then the right half of every row under its own copy of the header. Cells keep
their places in the file; only the order they are read in changes.

A table is taken as folded only when its first row is one header written twice over: the same texts, in the
same order, two times or more, each block starting with a label column's header (指标名称, 项目 …)."""

from __future__ import annotations

from reportcheck.extract.columns import column_role
from reportcheck.extract.lines import Line, rewrite_tables
from reportcheck.normalize.text import label_key

_MIN_BLOCK = 3  # cells a block's header has at least: a label and two years


def blocks_one_after_another(lines: list[Line]) -> list[Line]:
    """``lines`` with each folded table's rows read block after block."""
    return rewrite_tables(lines, _in_blocks)


def _in_blocks(rows: list[Line]) -> list[Line] | None:
    """A folded table's rows read block after block, or None when the table is not folded."""
    starts = _block_starts(rows[0])
    if not starts:
        return None
    bounds: list[int | None] = [*starts, None]
    out = []
    for start, end in zip(starts, bounds[1:], strict=True):
        for row in rows:
            cells = [c for c in row.cells if start <= c.col and (end is None or c.col < end)]
            if any(c.norm for c in cells):
                out.append(Line(None, cells))
    return out


def _block_starts(line: Line) -> list[int] | None:
    """The grid columns each block of a header written two times or more over starts at, or None."""
    cells = [c for c in line.cells if not c.continued]
    keys = [label_key(c.norm) for c in cells]
    for size in range(_MIN_BLOCK, len(keys) // 2 + 1):
        if len(keys) % size or any(keys[j] != keys[j % size] for j in range(len(keys))):
            continue
        role = column_role(cells[0].norm, "indicators")
        if role is not None and role.kind == "label":
            return [cells[k].col for k in range(0, len(cells), size)]
    return None
