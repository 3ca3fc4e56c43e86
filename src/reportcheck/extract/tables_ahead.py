"""A table standing right before the heading of the section it belongs to, read after that heading.

Word draws a floating table (``w:tblpPr``) where its anchor puts it, not where its XML stands: a table dragged
under its section's heading can stay in the file before that heading (2.5's list, the 2.6 table, then
``2.6 集群产品质量发展情况``); and some people write a table's title under it, as a caption. Read where it
stands, the table's rows fall in the section before and are not read, and its own section reads as empty.

The table is taken for the heading's when its rows say so: at least half of them are rows of the heading's
table, and more of them than of any other indicator table; and the heading's section has no rows of that table
of its own before the next heading. Else it stays where it is.
"""

from __future__ import annotations

from reportcheck.extract.labels import LabelIndex
from reportcheck.extract.lines import Line, table_from
from reportcheck.extract.sections import Section, match_heading
from reportcheck.normalize.evidence import split_evidence


def tables_after_their_headings(lines: list[Line], headings: LabelIndex,
                                row_indexes: dict[str, LabelIndex]) -> list[Line]:
    """``lines`` with each table that stands right before the heading of the indicator table its rows are, moved
    after that heading."""
    out = list(lines)
    i = 0
    while i < len(out):
        rows = table_from(out, i)
        if not rows:
            i += 1
            continue
        j = i + len(rows)
        section = _indicator_heading(out[j], headings) if j < len(out) else None
        if section is not None and _rows_of(rows, section.id, row_indexes) \
                and not _own_rows_after(out, j + 1, row_indexes[section.id], headings):
            out[i:j + 1] = [out[j], *out[i:j]]
            i = j + 1
        else:
            i += len(rows)
    return out


def _indicator_heading(line: Line, headings: LabelIndex) -> Section | None:
    found = match_heading(headings, line.first_text)
    return found[0] if found is not None and found[0].kind == "indicators" else None


def _label(line: Line) -> str:
    """A row's first text, its evidence pages left out: the label, where an indicator table has it."""
    first = next((c.norm for c in line.cells if c.norm and not c.continued), "")
    return split_evidence(first)[0]


def _rows_of(rows: list[Line], table: str, row_indexes: dict[str, LabelIndex]) -> bool:
    """Whether ``rows`` are the rows of ``table``: half of them at least, and more than of any other table."""
    labels = [_label(row) for row in rows]
    counts = {key: sum(index.match(label) is not None for label in labels if label)
              for key, index in row_indexes.items()}
    mine = counts.pop(table)
    return mine * 2 >= len(rows) and mine > max(counts.values(), default=0)


def _own_rows_after(lines: list[Line], start: int, index: LabelIndex, headings: LabelIndex) -> bool:
    """Whether a row of ``index``'s table stands between ``lines[start]`` and the next heading."""
    for line in lines[start:]:
        if match_heading(headings, line.first_text) is not None:
            return False
        if line.is_row and (label := _label(line)) and index.match(label) is not None:
            return True
    return False
