"""A row label cut in two cells, one above the other, beside figures that run down over both rows: one label.

It comes of a table edited by splitting a cell (集群规上工业企业 ⏎ 营业收入（亿元） in two rows, the figures merged
down over them), or of a scan where a line was found across the label column only (a streak, a wrapped label's
gap). Read row by row, the first half is only like some row of the template (or like another table's), and
the second like another; read as one, the label is the template's. The lower row is taken into the upper one
when its only cell of its own is under the upper row's label, and every other cell of it with text runs down
from the upper row (merged, or spanning on the scan): it holds nothing the upper row does not.
"""

from __future__ import annotations

from dataclasses import replace

from reportcheck.extract.lines import Line, rewrite_tables


def labels_made_whole(lines: list[Line]) -> list[Line]:
    """``lines`` with each label cut in two over merged figures read as one label, in the upper row."""
    return rewrite_tables(lines, _joined)


def _joined(rows: list[Line]) -> list[Line] | None:
    """A table's rows with every cut label joined, or None when it has none."""
    out: list[Line] = []
    for row in rows:
        upper = out[-1] if out else None
        joined = _join(upper, row) if upper is not None else None
        if joined is None:
            out.append(row)
        else:
            out[-1] = joined
    return out if len(out) < len(rows) else None


def _join(upper: Line, lower: Line) -> Line | None:
    """``upper`` with ``lower``'s label added to its own, when ``lower`` is the rest of a cut label."""
    own = [c for c in lower.cells if c.norm and not c.continued]
    runs_down = [c for c in lower.cells if c.norm and c.continued]
    if len(own) != 1 or not runs_down:
        return None
    upper_own = [c for c in upper.cells if c.norm and not c.continued]
    label = next((c for c in upper_own if c.col == own[0].col and c.colspan == own[0].colspan), None)
    if label is None or next(c for c in upper_own if c.rowspan == 1) is not label:
        return None  # not the upper row's label (its first text of one row): a cell of a list entry, say
    if not all(any(u.col == c.col and u.rowspan > 1 for u in upper.cells) for c in runs_down) \
            or not any(c.col > label.col for c in runs_down):
        return None  # what runs down is only a group label at the left (园区生产总值 over 总额 | 其中集群产业)
    rest = own[0]
    whole = replace(label, text=f"{label.text}\n{rest.text}", norm=f"{label.norm}\n{rest.norm}",
                    confidence=_least(label.confidence, rest.confidence), crossed=label.crossed or rest.crossed)
    return Line(None, [whole if c is label else c for c in upper.cells])


def _least(a: float | None, b: float | None) -> float | None:
    """The less sure of two OCR confidences (None: not read by OCR)."""
    known = [c for c in (a, b) if c is not None]
    return min(known) if known else None
