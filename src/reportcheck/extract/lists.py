"""Read a list table (营业收入排名前十, 重点项目, 技术创新载体 …) by its column headers."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportcheck import catalogue as cat
from reportcheck.extract.labels import LabelIndex
from reportcheck.extract.lines import YEAR, Line, cell_loc
from reportcheck.layout import Cell
from reportcheck.model import Issue, ListRow, ListTable
from reportcheck.normalize.numbers import parse_value
from reportcheck.normalize.text import label_key
from reportcheck.spec import ColumnSpec, ListTableSpec

_COLUMN_CUTOFF = 85.0


@dataclass
class ListReader:
    spec: ListTableSpec
    columns: dict[int, tuple[ColumnSpec, str | None]] = field(default_factory=dict)
    table: ListTable | None = None
    issues: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index = LabelIndex()
        for column in self.spec.columns:
            self.index.add(column, [column.label, *column.aliases])
        self.table = ListTable(id=self.spec.id, title=self.spec.title, section=self.spec.section)

    def feed(self, line: Line) -> None:
        if not line.is_row:
            return
        if not self.columns:
            self._header(line)
            return
        if not self.table.rows and self._year_header(line):  # type: ignore[union-attr]
            return
        cells = [c for c in line.cells if not c.continued]
        if not any(c.norm for c in cells):
            return
        row = ListRow(location=cell_loc(cells[0]))
        for cell in cells:
            spot = self._column(cell)
            if spot is None or not cell.norm:
                continue
            column, year = spot
            if column.type == "text":
                row.values[column.key] = cell.norm.replace("\n", "")
                continue
            parsed = parse_value(cell.norm.replace("\n", ""), column.unit)
            if parsed.problem:
                self.issues.append(cat.VALUE_UNREADABLE.issue(
                    section=self.spec.section, field=f"{self.spec.title}·{column.label}",
                    location=cell_loc(cell), raw=cell.text.strip(), column=column.label))
            if year is not None:
                row.by_year.setdefault(column.key, {})[year] = parsed.value
            else:
                row.values[column.key] = parsed.value
        if row.values or row.by_year:
            self.table.rows.append(row)  # type: ignore[union-attr]

    def _header(self, line: Line) -> None:
        found: dict[int, tuple[ColumnSpec, str | None]] = {}
        for cell in line.cells:
            for part in cell.norm.split("\n"):
                hit = self.index.match(part, _COLUMN_CUTOFF)
                if hit is not None:
                    for col in range(cell.col, cell.col + cell.colspan):
                        found[col] = (hit[0], None)  # type: ignore[assignment]
                    break
        if len({c.key for c, _ in found.values()}) >= 2:
            self.columns = found

    def _year_header(self, line: Line) -> bool:
        years = {}
        for cell in line.cells:
            m = YEAR.fullmatch(label_key(cell.norm)) if cell.norm else None
            if m:
                years[cell.col] = m.group(1)
        if not years:
            return False
        for col, year in years.items():
            spot = self.columns.get(col)
            if spot is not None and spot[0].per_year:
                self.columns[col] = (spot[0], year)
        return True

    def _column(self, cell: Cell) -> tuple[ColumnSpec, str | None] | None:
        for col in range(cell.col, cell.col + cell.colspan):
            if col in self.columns:
                return self.columns[col]
        return None
