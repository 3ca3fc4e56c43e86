"""The document as one sequence of lines: a paragraph or a table row, nested tables in place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportcheck.layout import Cell, Document, Paragraph, Picture, Table
from reportcheck.model import Loc

_SHORT_HEADING = 30


@dataclass(slots=True)
class Line:
    """A paragraph (``cells`` empty) or a table row (``para`` None)."""

    para: Paragraph | None
    cells: list[Cell]

    @property
    def is_row(self) -> bool:
        return self.para is None

    @property
    def pictures(self) -> list[Picture]:
        if self.para is not None:
            return self.para.pictures
        return [p for c in self.cells if not c.continued for p in c.pictures]

    def texts(self) -> list[str]:
        if self.para is not None:
            return [self.para.norm]
        return [c.norm for c in self.cells if c.norm]

    @property
    def first_text(self) -> str:
        """The first line of the only text in this line, if it has only one (a heading candidate)."""
        if self.para is not None:
            text = self.para.norm
        else:  # a title row is one cell across the table; a data row has empty siblings
            own = [c for c in self.cells if not c.continued]
            if len(own) != 1 and not _title_cut_by_a_streak(own):
                return ""
            text = next(c.norm for c in own if c.norm or len(own) == 1)
        if not text:
            return ""
        # A heading broken over lines ("2.1 集群主要\n经济指标") is read whole; a title cell that
        # goes on with its instruction is read by its first line.
        joined = "".join(text.split())
        return joined if "\n" in text and len(joined) <= _SHORT_HEADING else text.split("\n", 1)[0]

    @property
    def loc(self) -> Loc:
        if self.para is not None:
            return Loc(paragraph=self.para.index, page=self.para.page)
        c = self.cells[0]
        if c.paragraph is not None:
            return Loc(paragraph=c.paragraph, page=c.page)
        return Loc(table=c.table, row=c.at[0] if c.at else c.row, page=c.page)


def cell_loc(cell: Cell) -> Loc:
    if cell.paragraph is not None:  # a row typed as a paragraph aligned by tabs: found as that paragraph
        return Loc(paragraph=cell.paragraph, page=cell.page)
    row, col = cell.at or (cell.row, cell.col)
    return Loc(table=cell.table, row=row, col=col, page=cell.page)


def flatten(doc: Document) -> list[Line]:
    """Paragraphs and rows in reading order; a frame cell's content stands where the frame is."""
    lines: list[Line] = []
    _add_blocks(doc.blocks, lines)
    return lines


def _add_blocks(blocks: list[Paragraph | Table], lines: list[Line]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.norm or block.pictures:
                lines.append(Line(block, []))
            continue
        for row in block.rows:
            frames = [c for c in row if c.content and not c.continued]
            if not frames:
                if row:
                    lines.append(Line(None, row))
                continue
            plain = [c for c in row if not c.content]
            if any(c.norm for c in plain):
                lines.append(Line(None, plain))
            for cell in frames:
                _add_blocks(cell.content, lines)


def _title_cut_by_a_streak(cells: list[Cell]) -> bool:
    """A scan's title row read as the title over most of the row and one empty cell beside it, where a
    streak drew a line down the row. Only on a scan, and only one such cell: a blank form's row of figures
    (its label as wide, its two or three figures not filled in) is no title."""
    filled = [c for c in cells if c.norm]
    return len(cells) == 2 and len(filled) == 1 and filled[0].confidence is not None \
        and 2 * filled[0].colspan > sum(c.colspan for c in cells)


def rewrite_tables(lines: list[Line], rewrite: Callable[[list[Line]], list[Line] | None]) -> list[Line]:
    """``lines`` with each table's rows (from its first row on, while the lines are its rows) replaced by the
    lines ``rewrite`` makes of them; a table it gives None for is kept as it is."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        rows = table_from(lines, i)
        made = rewrite(rows) if rows else None
        if made is None:
            out.append(lines[i])
            i += 1
        else:
            out += made
            i += len(rows)
    return out


def table_from(lines: list[Line], start: int) -> list[Line]:
    """The rows of the table whose first row is ``lines[start]`` (none when that is no table's first row)."""
    first = lines[start]
    if not first.is_row or not first.cells or first.cells[0].row != 0:
        return []
    table = first.cells[0].table
    rows = [first]
    for line in lines[start + 1:]:
        if not line.is_row or not line.cells or line.cells[0].table != table:
            break
        rows.append(line)
    return rows
