"""A table typed as text aligned by tabs or spaces (``指标名称⇥2021年⇥2022年``, then ``label⇥v1⇥v2`` row by row,
in paragraphs or in the lines of one), as people type one when inserting a table is more trouble than
setting tab stops or pressing the space bar: it is read as the table it shows.

A run is taken as a table only when it looks like one: two lines or more, each cut by its gaps (tabs, or two
spaces or more) into the same number of fields (two or more, none as long as a sentence), two of them with a
figure after their first field, and no table of contents (titles, each with a page number not before the
last). Tabs and spaces before and after a line's text are indentation, not columns. A field left empty shows
as two tabs in a row; so a row is cut at each run of tabs, or at each single tab when that gives the
header's number of fields. A paragraph is taken whole or not at all; one that does not fit ends the run (it
stays a paragraph, and a table missing its rows says so as it would). Its cells say which paragraph their
row is, so a finding on one points there."""

from __future__ import annotations

import re

from reportcheck.layout import Cell, Paragraph, Table

_GAP = re.compile(r"\t+| {2,}|\u3000{2,}")  # between two cells: tabs, or spaces typed to align the columns
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[。；！？]")
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
        run = _run_from(blocks, i)
        if run is None:
            i += 1
            continue
        rows, where, used = run
        table = Table(index=-1, rows=[[Cell(text, -1, r, c, paragraph=where[r]) for c, text in enumerate(fields)]
                                      for r, fields in enumerate(rows)])
        blocks[i:i + used] = [table]
        made.append(table)
        i += 1
    return made


def _run_from(blocks: list[Paragraph | Table], start: int) -> tuple[list[list[str]], list[int], int] | None:
    """The rows of the aligned table starting at ``blocks[start]``, the paragraph each row is, and how many
    paragraphs it takes; None when none starts there. A paragraph is taken whole: every line of it a row."""
    rows: list[list[str]] = []
    where: list[int] = []
    used = 0
    for block in blocks[start:]:
        if not isinstance(block, Paragraph) or block.furniture:
            break
        lines = [_fields(line, len(rows[0]) if rows else None) for line in block.text.strip("\n").split("\n")]
        width = len(rows[0]) if rows else len(lines[0] or [])
        if not width or any(fields is None or len(fields) != width for fields in lines):
            break
        rows += lines  # type: ignore[arg-type]
        where += [block.index] * len(lines)
        used += 1
    with_figures = sum(any(_DIGIT.search(f) for f in fields[1:]) for fields in rows)
    return (rows, where, used) if len(rows) >= 2 and with_figures >= 2 and not _contents(rows) else None


def _contents(rows: list[list[str]]) -> bool:
    """Whether ``rows`` are a table of contents typed with tabs: titles, each with a page not before the last."""
    pages = [fields[1] for fields in rows]
    return len(rows[0]) == 2 and all(p.isdigit() for p in pages) and pages == sorted(pages, key=int)


def _fields(text: str, wanted: int | None = None) -> list[str] | None:
    """A line cut at its gaps: tabs, or runs of spaces (at single tabs when that gives ``wanted`` fields and
    the gaps do not). None for a line without a gap."""
    text = text.strip(" \t\u3000")
    fields = _GAP.split(text)
    if len(fields) < 2:
        return None
    if wanted is not None and len(fields) != wanted and len(text.split("\t")) == wanted:
        fields = text.split("\t")
    fields = [f.strip(" \u3000") for f in fields]
    if "\t" not in text and any(_SENTENCE_END.search(f) for f in fields):  # prose with spaces typed in it
        return None
    return fields if all(len(f) <= _MAX_FIELD for f in fields) else None
