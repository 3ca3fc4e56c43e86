"""What a reader did with a table, for ``extract`` to show: its anchor, columns, skipped rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportcheck.extract.columns import HeaderMap
from reportcheck.extract.lines import Line, cell_loc
from reportcheck.layout import Cell
from reportcheck.model import ColumnReading, SkippedRow, TableReading

_UNMAPPED = "未识别"


@dataclass
class ReadingLog:
    section: str
    title: str
    found_by: str = ""
    rows_read: int = 0
    column_notes: list[ColumnReading] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    reading: str | None = None  # another reading the table's figures needed (extract/agreement.py)

    def columns(self, header: HeaderMap) -> None:
        notes = [ColumnReading(col=col, header=role.header, role=role.describe())
                 for col, role in header.columns.items()]
        notes += [ColumnReading(col=col, header=text, role=_UNMAPPED) for col, text in header.unmapped.items()]
        merged: list[ColumnReading] = []
        for note in sorted(notes, key=lambda n: n.col):
            last = merged[-1] if merged else None
            if last and (last.header, last.role) == (note.header, note.role) and last.col + last.span == note.col:
                last.span += 1
            else:
                merged.append(note)
        self.column_notes = merged

    def skip(self, line: Line, reason: str) -> None:
        text = " | ".join(t.replace("\n", " ") for t in line.texts())
        self.skipped.append(SkippedRow(text=text[:80], reason=reason, location=line.loc))

    def skip_cell(self, cell: Cell, reason: str) -> None:
        self.skipped.append(SkippedRow(text=cell.norm[:80], reason=reason, location=cell_loc(cell)))

    def result(self) -> TableReading:
        return TableReading(section=self.section, title=self.title, found_by=self.found_by or "指标名称",
                            columns=self.column_notes, rows_read=self.rows_read, skipped=self.skipped,
                            reading=self.reading)
