"""Two years typed in one column: a header 2022年/2023年 over figures 61.7/68.4, as an applicant saves a column.

The column is parted into the two the template has, each figure under its year, before the table is read. Only
where every cell of the column is such a pair, or holds no figure at all (—, /): a lone figure there could be either
year's, and the column is then left as it is, its cells said not to be figures (D007), never guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportcheck.extract.lines import Line, rewrite_tables
from reportcheck.layout import Cell

_YEAR = r"((?:19|20)\d{2})\s*年?度?"
_PAIR_HEADER = re.compile(rf"^{_YEAR}\s*[/／]\s*{_YEAR}$")
_PAIR = re.compile(r"^([^/／]*)[/／]([^/／]*)$")
_DIGIT = re.compile(r"\d")
_NOTHING = "/"  # a half left blank beside its slash (/68.4, or / alone): the applicant's mark for nothing


def years_parted(lines: list[Line]) -> list[Line]:
    """``lines`` with each table's column of two years' figures parted in two."""
    return rewrite_tables(lines, _parted)


def _parted(rows: list[Line]) -> list[Line] | None:
    """A table's rows with its pair column parted, or None when it has none (or one not wholly pairs)."""
    found = next(((at, c) for at, row in enumerate(rows) for c in row.cells
                  if c.colspan == 1 and _PAIR_HEADER.match("".join(c.norm.split()))), None)
    if found is None:
        return None
    at, header = found
    col = header.col
    below = [c for row in rows[at + 1:] for c in row.cells if c.col == col and c.colspan == 1 and not c.continued]
    if not below or any(_DIGIT.search(c.norm) and not _PAIR.match(c.norm) for c in below):
        return None
    first, second = _PAIR_HEADER.match("".join(header.norm.split())).groups()  # type: ignore[union-attr]
    return [Line(row.para, _split(row.cells, col, (f"{first}年", f"{second}年") if i == at else None))
            for i, row in enumerate(rows)]


def _split(cells: list[Cell], col: int, header: tuple[str, str] | None) -> list[Cell]:
    """A row's cells with the one at ``col`` made two (the header's years, the figures either side of its /, or
    a text without one in each), those after it moved one column on, one spanning it widened."""
    out: list[Cell] = []
    for cell in cells:
        if cell.col == col and cell.colspan == 1:
            pair = _PAIR.match(cell.norm)
            halves = header or (tuple(half.strip() or _NOTHING for half in pair.groups()) if pair
                                else (cell.norm, cell.norm))
            out += [replace(cell, text=text, norm=text, col=col + i) for i, text in enumerate(halves)]
        elif cell.col > col:
            out.append(replace(cell, col=cell.col + 1))
        elif cell.col + cell.colspan > col:
            out.append(replace(cell, colspan=cell.colspan + 1))
        else:
            out.append(cell)
    return out
