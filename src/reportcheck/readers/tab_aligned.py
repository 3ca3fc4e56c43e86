"""A table typed as paragraphs aligned by tabs (``指标名称⇥2021年⇥2022年``, then ``label⇥v1⇥v2`` row by row),
as people type one when inserting a table is more trouble than setting tab stops: it is read as the table it
shows.

A run is taken as a table only when it looks like one: two paragraphs or more in a row, each cut by tabs into
the same number of fields (two or more, none as long as a sentence), two of them with a figure after their
first field, and no table of contents (titles, each with a page number not before the last). Tabs before and
after a paragraph's text are indentation, not columns. A field left empty shows as two tabs in a row; so a
row is cut at each run of tabs, or at each single tab when that gives the header's number of fields. A
paragraph that fits neither ends the run (it stays a paragraph, and a table missing its rows says so as it
would). Its cells say which paragraph their row is, so a finding on one points there."""

from __future__ import annotations

import re

from reportcheck.layout import Cell, Paragraph, Table

_TABS = re.compile(r"\t+")
_DIGIT = re.compile(r"\d")
_MAX_FIELD = 80  # a field longer than this is a sentence with a tab in it, not a cell


def tables_typed_with_tabs(blocks: list[Paragraph | Table]) -> list[Table]:
    """Replace each run of tab-aligned paragraphs in ``blocks`` (and in the cells of frame tables) by the
    table it shows; the tables made, unnumbered (they come after the file's own)."""
    made: list[Table] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if cell.content and not cell.continued:
                        made += tables_typed_with_tabs(cell.content)
            i += 1
            continue
        rows = _run_from(blocks, i)
        if rows is None:
            i += 1
            continue
        table = Table(index=-1, rows=[[Cell(text, -1, r, c, paragraph=blocks[i + r].index)
                                       for c, text in enumerate(fields)] for r, fields in enumerate(rows)])
        blocks[i:i + len(rows)] = [table]
        made.append(table)
        i += 1
    return made


def _run_from(blocks: list[Paragraph | Table], start: int) -> list[list[str]] | None:
    """The rows of the tab-aligned table starting at ``blocks[start]``, or None when none starts there."""
    first = blocks[start]
    header = _fields(first.text) if isinstance(first, Paragraph) and not first.furniture else None
    if header is None:
        return None
    rows = [header]
    for block in blocks[start + 1:]:
        own = isinstance(block, Paragraph) and not block.furniture
        fields = _fields(block.text, len(header)) if own else None
        if fields is None or len(fields) != len(header):
            break
        rows.append(fields)
    with_figures = sum(any(_DIGIT.search(f) for f in fields[1:]) for fields in rows)
    return rows if len(rows) >= 2 and with_figures >= 2 and not _contents(rows) else None


def _contents(rows: list[list[str]]) -> bool:
    """Whether ``rows`` are a table of contents typed with tabs: titles, each with a page not before the last."""
    pages = [fields[1] for fields in rows]
    return len(rows[0]) == 2 and all(p.isdigit() for p in pages) and pages == sorted(pages, key=int)


def _fields(text: str, wanted: int | None = None) -> list[str] | None:
    """``text`` cut at its tabs (at single tabs when that gives ``wanted`` fields and runs of tabs do not)."""
    text = text.strip(" \t\u3000")
    if "\t" not in text or "\n" in text:
        return None
    fields = _TABS.split(text)
    if wanted is not None and len(fields) != wanted and len(text.split("\t")) == wanted:
        fields = text.split("\t")
    fields = [f.strip(" \u3000") for f in fields]
    return fields if all(len(f) <= _MAX_FIELD for f in fields) else None
