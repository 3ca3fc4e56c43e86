"""Read an indicator table (2.1 … 2.7, 3.1, 5.1): years from the header, rows by their labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportcheck import catalogue as cat
from reportcheck.extract.labels import LabelIndex
from reportcheck.extract.lines import YEAR, Line, cell_loc
from reportcheck.layout import Cell
from reportcheck.model import Indicator, Issue
from reportcheck.normalize.evidence import split_evidence
from reportcheck.normalize.numbers import UNIT_ALIASES, ParsedValue, parse_value
from reportcheck.normalize.text import label_key
from reportcheck.spec import IndicatorTableSpec, RowSpec

_SHORT = 16
_LABEL_UNIT = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class Role:
    kind: str  # year | growth | actual | target | evidence
    year: str | None = None
    part: str = "total"  # 3.1: total (园区总额) | cluster (其中集群产业)


def row_index(spec: IndicatorTableSpec) -> LabelIndex:
    index = LabelIndex()
    for row in spec.rows:
        index.add(row, [row.label, row.form_label, *row.aliases])
    return index


def _header_role(text: str, kind: str) -> Role | None:
    key = label_key(text)
    year = YEAR.search(key)
    if "实际值" in key:
        return Role("actual")
    if year and len(key) <= _SHORT:
        if "目标" in key or kind == "targets":
            return Role("target", year.group(1))
        return Role("year", year.group(1))
    if any(w in key for w in ("增幅", "增速", "增长")) and len(key) <= _SHORT:
        return Role("growth")
    if "页码" in key or "佐证" in key:
        return Role("evidence")
    return None


@dataclass
class IndicatorReader:
    """Feeds on the lines of one indicator section and collects its rows."""

    spec: IndicatorTableSpec
    index: LabelIndex
    roles: dict[int, Role] = field(default_factory=dict)
    found: dict[str, Indicator] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    unmatched: list[Line] = field(default_factory=list)

    @property
    def years(self) -> list[str]:
        return sorted({r.year for r in self.roles.values() if r.kind == "year" and r.year})

    def feed(self, line: Line) -> bool:
        """Read a labelled row or a header row; False for a row this table does not know."""
        if not line.is_row:
            return True
        cells = [c for c in line.cells if c.norm and not c.continued]
        label_text, label_pages = split_evidence(cells[0].norm) if cells else ("", [])
        hit = self.index.match(label_text)
        if hit is not None:  # a labelled row is data, even when its values look like years
            self._read_row(hit[0], cells[0], label_text, label_pages, cells[1:])  # type: ignore[arg-type]
            return True
        return self._header(line) or len(cells) <= 1

    def keep_unknown(self, line: Line) -> None:
        """A row with figures under a label the template does not have (reported as X010)."""
        self.unmatched.append(line)

    def _header(self, line: Line) -> bool:
        found: dict[int, Role] = {}
        parts: dict[int, str] = {}
        for cell in line.cells:
            if not cell.norm:
                continue
            role = _header_role(cell.norm, self.spec.kind)
            if role is not None:
                for col in range(cell.col, cell.col + cell.colspan):
                    found[col] = role
            key = label_key(cell.norm)
            if "园区总额" in key:
                parts[cell.col] = "total"
            elif "集群产业" in key and len(key) <= _SHORT:
                parts[cell.col] = "cluster"
        dated = [r for r in found.values() if r.kind in ("year", "target", "actual")]
        if len({(r.kind, r.year) for r in dated}) >= 2 or (dated and self.spec.kind == "targets"):
            self.roles = found
            return True
        if parts and self.roles:
            for col, part in parts.items():
                role = self.roles.get(col)
                if role is not None and role.kind == "year":
                    self.roles[col] = Role("year", role.year, part)
            return True
        return False

    def _role(self, cell: Cell) -> Role | None:
        for col in range(cell.col, cell.col + cell.colspan):
            if col in self.roles:
                return self.roles[col]
        return None

    def _read_row(self, row: RowSpec, label_cell: Cell, label_text: str, pages: list[int],
                  cells: list[Cell]) -> None:
        section = self.spec.id
        if row.key in self.found:
            raw = " ".join(c.norm for c in cells)
            self.issues.append(cat.ROW_DUPLICATE.issue(
                section=section, field=row.label, location=cell_loc(label_cell),
                label=row.label, raw=raw or label_cell.norm))
            return
        written_unit = _label_unit(label_text)
        ind = Indicator(section=section, key=row.key, label=row.label, unit=row.unit, values={},
                        evidence_required=row.evidence, single_value=row.single_value,
                        location=cell_loc(label_cell))
        ind.raw["label"] = label_cell.text
        all_pages = list(pages)
        if self.spec.kind == "park_indicators":
            ind.cluster_values = {}
        if row.single_value:
            year = self.years[-1] if self.years else "value"
            if cells:
                self._put(ind, year, cells[0], row, written_unit, all_pages, "values")
        else:
            for cell in cells:
                role = self._role(cell)
                if role is None:
                    all_pages.extend(split_evidence(cell.norm)[1])
                    continue
                if role.kind == "growth":
                    parsed = self._parse(cell, "%", None, all_pages, ind, "增幅")
                    ind.growth_pct = parsed.value
                    ind.growth_decimals = parsed.decimals if parsed.value is not None else None
                    ind.raw["growth"] = cell.text
                elif role.kind == "evidence":
                    all_pages.extend(split_evidence(cell.norm)[1])
                elif role.kind == "actual":
                    year = self._base_year()
                    ind.base_year = year
                    self._put(ind, year, cell, row, written_unit, all_pages, "values")
                else:
                    target = "cluster_values" if role.part == "cluster" else "values"
                    self._put(ind, role.year or "", cell, row, written_unit, all_pages, target)
        for role in self.roles.values():  # every year of the header is a key, filled or not
            if role.kind in ("year", "target") and role.year and role.part == "total":
                ind.values.setdefault(role.year, None)
            if role.kind == "year" and role.year and ind.cluster_values is not None \
                    and role.part == "cluster":
                ind.cluster_values.setdefault(role.year, None)
        if self.spec.kind == "targets" and ind.base_year is None:
            ind.base_year = self._base_year()
            ind.values.setdefault(ind.base_year, None)
        if row.single_value:
            ind.values = {k: v for k, v in ind.values.items() if k == (self.years or ["value"])[-1]}
        ind.evidence_pages = sorted(set(all_pages))
        self.found[row.key] = ind

    def _base_year(self) -> str:
        targets = sorted(r.year for r in self.roles.values() if r.kind == "target" and r.year)
        return str(int(targets[0]) - 1) if targets else "actual"

    def _put(self, ind: Indicator, year: str, cell: Cell, row: RowSpec, written_unit: str | None,
             pages: list[int], target: str) -> None:
        column = f"{year}年" + ("（其中集群产业）" if target == "cluster_values" else "")
        parsed = self._parse(cell, row.unit, written_unit, pages, ind, column)
        getattr(ind, target)[year] = parsed.value
        key = year if target == "values" else f"{year}:cluster"
        ind.raw[key] = cell.text
        if parsed.value is not None:
            ind.decimals[key] = parsed.decimals
            if parsed.approximate:
                ind.approximate.append(key)

    def _parse(self, cell: Cell, unit: str, written_unit: str | None, pages: list[int],
               ind: Indicator, column: str) -> ParsedValue:
        text = cell.norm.replace("\n", " ")
        parsed = parse_value(text, unit)
        if parsed.value is not None and parsed.unit is None and written_unit \
                and written_unit != unit:
            parsed = parse_value(f"{text}{written_unit}", unit)
        pages.extend(parsed.pages)
        where = dict(section=self.spec.id, field=ind.label, location=cell_loc(cell))
        if parsed.problem == "unreadable":
            self.issues.append(cat.VALUE_UNREADABLE.issue(**where, raw=cell.text.strip(),
                                                          column=column))
        elif parsed.problem == "unit_mismatch":
            self.issues.append(cat.UNIT_MISMATCH.issue(**where, raw=cell.text.strip(),
                                                       cell_unit=parsed.unit, unit=unit))
        elif parsed.converted_from:
            self.issues.append(cat.UNIT_CONVERTED.issue(
                **where, raw=cell.text.strip(), from_unit=parsed.converted_from,
                value=parsed.value, unit=unit))
        return parsed


def _label_unit(label: str) -> str | None:
    """The unit the report's own label states, e.g. '(万元)' on a row the template has in 亿元."""
    for group in _LABEL_UNIT.findall(label.replace("\n", "")):
        for part in re.split(r"[,，、]", group):
            unit = UNIT_ALIASES.get(part.strip())
            if unit:
                return unit
    return None


def missing_rows(spec: IndicatorTableSpec, reader: IndicatorReader,
                 category: str | None) -> list[Issue]:
    """Rows the template has and the report lost (rows of the other category excepted)."""
    return [cat.ROW_MISSING.issue(section=spec.id, field=row.label, label=row.label)
            for row in spec.rows
            if row.key not in reader.found and (not row.categories or category in row.categories)]



def unknown_rows(spec: IndicatorTableSpec, reader: IndicatorReader) -> list[Issue]:
    """Rows the applicant added that are not in the template and carry figures."""
    issues = []
    for line in reader.unmatched:
        cells = [c for c in line.cells if c.norm and not c.continued]
        label = re.split(r"[(（]", "".join(cells[0].text.split()), maxsplit=1)[0]
        issues.append(cat.ROW_UNKNOWN.issue(section=spec.id, field=label, location=cell_loc(cells[0]),
                                            label=label))
    return issues
