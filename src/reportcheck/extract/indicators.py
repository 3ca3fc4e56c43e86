"""Read an indicator table (2.1 … 2.7, 3.1, 5.1): columns from the header step, rows by their labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import combinations, pairwise

from reportcheck import catalogue as cat
from reportcheck.extract.columns import (
    VALUE_KINDS,
    Column,
    HeaderMap,
    looks_like_header,
    read_header,
    stated_years,
    unit_in_parens,
)
from reportcheck.extract.labels import SURE_SCORE, LabelIndex, chinese_lines, clean_label
from reportcheck.extract.lines import Line, cell_loc
from reportcheck.extract.ocr import scanned, unsure
from reportcheck.extract.page_notes import names_evidence, noted_pages, starts_note
from reportcheck.extract.reading import ReadingLog
from reportcheck.extract.row_doubts import row_doubts, target_doubts
from reportcheck.extract.row_labels import ORDINAL, LabelHit, match_label
from reportcheck.layout import Cell, Paragraph
from reportcheck.model import Indicator, Issue, Loc
from reportcheck.normalize.evidence import split_evidence
from reportcheck.normalize.numbers import POINTS, ParsedValue, convertible, parse_growth, parse_value, unit_of
from reportcheck.normalize.text import label_key
from reportcheck.spec import IndicatorTableSpec, RowSpec

_OPTIONAL_NOTE = "（本行按模板本类别可不填，仅作提示）"
_MANY_MISSING = 3  # rows not found from which, when they are half the table or more, the reading failed
_UNIT_LINE = re.compile(r"^\(?(?:计量)?单位[:：]?(.+?)\)?$")
_ENUMERATOR = re.compile(r"^(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|[\u2460-\u2473])")
_TRAILING_PARENS = re.compile(r"(?:[(（][^()（）]*[)）])+$")
_FIGURE_ONLY = re.compile(r"[-+]?[\d.,%]+")  # a "label" that is only a figure


def _growth_by_place(header: HeaderMap) -> str | None:
    """A scan's header with year columns and no growth column, where the template has one: the one column
    right of every year column whose header was read as no known word (总额增幅 read 总额增中) is the growth
    column, taken so and its figures in doubt. What was read there, or None."""
    columns = header.columns.values()
    years = [col for col, role in header.columns.items() if role.kind == "year"]
    if not years or any(role.kind == "growth" for role in columns):
        return None
    right = [col for col in header.unmapped if col > max(years)]
    if len(right) != 1 or any(col > right[0] for col in header.columns):
        return None
    text = header.unmapped.pop(right[0])
    header.columns[right[0]] = Column("growth", header=text)
    return text


def row_index(spec: IndicatorTableSpec) -> LabelIndex:
    index = LabelIndex()
    for row in spec.rows:
        index.add(row, [row.label, row.form_label, *row.aliases])
    return index


@dataclass
class IndicatorReader:
    """Feeds on the lines of one indicator section and collects its rows."""

    spec: IndicatorTableSpec
    index: LabelIndex
    header: HeaderMap = field(default_factory=HeaderMap)
    pending: list[list[Cell]] = field(default_factory=list)
    found: dict[str, Indicator] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    unmatched: list[Line] = field(default_factory=list)
    log: ReadingLog = field(init=False)

    def __post_init__(self) -> None:
        self.log = ReadingLog(self.spec.id, self.spec.title)
        self._unmapped_told: set[int] = set()
        self._last_unknown: Line | None = None
        self._last_hit: LabelHit | None = None
        self._table_units: list[str] = []  # a 单位：亿元、个 line above the table
        self._fallback_unit: str | None = None  # the unit the table's unit line gives the row being read
        self._growth_guessed: str | None = None  # a scan's growth header taken by its place: what was read
        self._borrowed: str | None = None  # the years of another table's header a scan's rows are read under
        self._notes: list[tuple[list[str], Paragraph | Cell, Loc]] = []  # notes naming evidence pages, in lines
        self._note_open = False  # the last line was a note's: a PDF's next line may go on with it
        self._stated_years: dict[int, int] = {}  # a line above the table: 本年为2022年 (for 上年 | 本年 headers)

    @property
    def years(self) -> list[str]:
        return self.header.years("year")

    def feed(self, line: Line, hit: LabelHit | None = None, borrow: HeaderMap | None = None) -> bool:
        """Read a labelled row or a header row; False for a row this table does not know. ``borrow`` is the
        header of the table read before, taken for a scan's rows whose own header lost its years."""
        if not line.is_row:
            self._note_units(line.para.norm if line.para is not None else "")
            self._stated_years.update(stated_years(line.para.norm if line.para is not None else ""))
            if line.para is not None:
                self._note_line(line.para.norm, line.para, line.loc)
            return True
        self._note_open = False
        cells = [c for c in line.cells if c.norm and not c.continued]
        stated = stated_years(cells[0].norm) if len(cells) == 1 else {}
        if stated:  # a row across the table saying what 上年 | 本年 stand for: no header, though it names years
            self._stated_years.update(stated)
            return True
        if self.pending and cells and not looks_like_header(line.cells, self.spec.kind):
            self.take_header()  # the header rows above a data row say what its cells are
        hit = hit or match_label(self.index, self.header, line, self._last_hit)
        self._last_hit = hit
        if hit is not None:  # a labelled row is data, even when its values look like years
            self._last_unknown = None
            self.take_header()
            if borrow is not None and not self.header.columns and borrow.table == hit.cell.table:
                self._same_table(borrow)
            elif borrow is not None and not self.header.has_values() and any(scanned(c) for c in cells):
                self._borrow(borrow, hit.cell)
            self._read_row(hit.row, hit.score, hit.cell, hit.text, hit.pages,
                           [c for c in cells if all(c is not label for label in hit.cells)])
            return True
        if len(cells) == 1 and self._last_unknown is not None and self._label_goes_on(cells[0]):
            return True
        self._last_unknown = None
        if cells and looks_like_header(line.cells, self.spec.kind):
            if self.header.columns and not self.pending and self.found:
                self.log.skip(line, "重复的表头（续表）")
            self.pending.append(line.cells)
            return True
        if len(cells) <= 1:
            if cells and not self._note_units(cells[0].norm):
                self.log.skip(line, "标题或说明行")
                self._note_line(cells[0].norm, cells[0], cell_loc(cells[0]))
            return True
        stacked = self._stacked(line)
        for row in stacked:
            self.feed(row)
        return bool(stacked)

    def _stacked(self, line: Line) -> list[Line]:
        """Template rows the applicant typed into one row with Enter (进口额（亿元）⏎出口额（亿元） over 3.7⏎14.0,
        a growth ⏎0.0 whose first line is empty), or a scan read as one row where the rule between them was
        lost: every filled cell but the label holds as many lines, and the label's lines, taken in that many
        consecutive groups (a narrow label column wraps 进口额（亿⏎元）), are as many rows of the template. Each
        as its own row, the cells' lines taken in order; none when that is not so. On a scan a cell of one line
        beside cells of several (that growth ⏎0.0: a blank line is no ink) cannot be given to a row: it is left
        out of each, and said once as a doubt."""
        own = [c for c in line.cells if not c.continued]
        label = next((c for c in own if c.norm and not ORDINAL.match(c.norm)), None)
        if label is None:
            return []
        lines = {id(c): _lines_of(c) for c in own if c.norm}
        counts = {len(parts) for key, parts in lines.items() if key != id(label)}
        unplaced = _unplaced(own, label, lines, counts) if scanned(label) else []
        if unplaced:
            counts = {max(counts)}
        named = lines[id(label)]
        count = counts.pop() if len(counts) == 1 else len(named)
        if count < 2 or counts or len(named) < count or len(named) > _MOST_LABEL_LINES:
            return []
        for c in unplaced:
            lines[id(c)] = [""] * count
        for groups in _consecutive_groups(len(named), count):
            parts = {**lines, id(label): ["\n".join(named[a:b]) for a, b in groups]}
            rows = [Line(None, [replace(c, norm=parts[id(c)][i], text=parts[id(c)][i]) if id(c) in parts else c
                                for c in line.cells]) for i in range(count)]
            hits = [match_label(self.index, self.header, row) for row in rows]
            if all(hit is not None for hit in hits) and len({hit.row.key for hit in hits if hit is not None}) == count:
                self.issues += [cat.OCR_UNSURE.issue(
                    section=self.spec.id, field=hits[0].row.label, location=cell_loc(c),  # type: ignore[union-attr]
                    what="、".join(f"“{hit.row.label}”" for hit in hits if hit is not None) + "所在一格",
                    raw=c.text.strip(), why=f"同一行其他格各有{count}行，该格只有一行，无法确定属于哪一行，未读取")
                    for c in unplaced]
                return rows
        return []

    def _note_line(self, text: str, block: Paragraph | Cell, loc: Loc) -> None:
        """A line of a note that may give rows' evidence pages by name (注：参与制定标准见佐证材料P30；…): one that
        names 佐证 starts a note, the lines after it go on with it until a row or another note comes (a PDF gives a
        paragraph's wrapped lines one by one)."""
        if self._note_open and not starts_note(text):
            self._notes[-1][0].append(text)
        elif names_evidence(text):
            self._notes.append(([text], block, loc))
            self._note_open = True

    def settle_notes(self) -> None:
        """Give each row the evidence pages the notes name it with (:mod:`reportcheck.extract.page_notes`)."""
        for lines, block, loc in self._notes:
            for row, pages in noted_pages("".join(lines), self.spec.rows):
                if row.key in self.found:
                    _noted(self.found[row.key], pages, block, loc)

    def _note_units(self, text: str) -> bool:
        """A line stating the table's units (（单位：亿元）, 单位：亿元、个): remembered for rows whose label
        names none. True when the line was such a line."""
        m = _UNIT_LINE.match(label_key(text))
        if m is None:
            return False
        units = [u for part in re.split(r"[、,，;；]", m.group(1)) if (u := unit_of(part.strip("()")))]
        if units:
            self._table_units = units
        return bool(units)

    def _table_unit(self, row: RowSpec) -> str | None:
        """The unit the table's unit line gives a row: its own unit, else the one it converts from."""
        if row.unit in self._table_units:
            return row.unit
        fits = [u for u in self._table_units if convertible(u, row.unit)]
        return fits[0] if len(fits) == 1 else None

    def take_header(self) -> None:
        """Apply the header rows seen since the last data row (a 续表 repeats them)."""
        if not self.pending:
            return
        header = read_header(self.pending, self.spec.kind)
        header.give_years(self._stated_years)
        scanned_header = any(scanned(c) for row in self.pending for c in row)
        where = cell_loc(self.pending[0][0])
        self.pending = []
        if not header.has_values() and self.header.columns:
            return
        self._growth_guessed = _growth_by_place(header) if scanned_header and self.spec.growth else None
        if self._growth_guessed is not None:
            self.issues.append(cat.OCR_UNSURE.issue(
                section=self.spec.id, field=self.spec.title, location=where, what=f"“{self.spec.title}”增幅列的表头",
                raw=self._growth_guessed, why="认不出是增幅，已按模板中的位置读作增幅列，该列数字"))
        self.header = header
        self.log.columns(header)

    def _same_table(self, header: HeaderMap) -> None:
        """Rows of a table that holds another section above them under its header (2.1's rows, a row titled
        2.2, then 2.2's rows, with no header of their own): they stand under that header, as the table's grid
        says. A section with a header of its own that names no year is not read so."""
        self.header = replace(header, columns=dict(header.columns), unmapped=dict(header.unmapped))
        self.log.columns(self.header)

    def _borrow(self, header: HeaderMap, first: Cell) -> None:
        """A scan's rows under a header of which no year or growth was read (a fax lost its 2021年 | 2022年):
        read under the years of the table before (where their columns stand under its), in doubt."""
        own = " ".join(" ".join([c.header for c in self.header.columns.values()]
                                + list(self.header.unmapped.values())).split())
        self.header = replace(header, columns=dict(header.columns), unmapped=dict(header.unmapped))
        self._borrowed = "、".join(header.years())
        self.log.columns(self.header)
        self.issues.append(cat.OCR_UNSURE.issue(
            section=self.spec.id, field=self.spec.title, location=cell_loc(first), what=f"“{self.spec.title}”的表头",
            raw=own,
            why=f"没有读出年份，已按上一张表格的表头（{self._borrowed}）对应各列，本表数字"))

    def keep_unknown(self, line: Line) -> None:
        """A row with figures under a label the template does not have (reported as X010)."""
        self.unmatched.append(line)
        self._last_unknown = line
        self.log.skip(line, "模板中没有的指标")

    def _label_goes_on(self, cell: Cell) -> bool:
        """A label broken over two table rows (a PDF row split at the label's line break): the row
        before had the figures and an unknown label; with this text the label is the template's."""
        line = self._last_unknown
        assert line is not None
        hit = match_label(self.index, self.header, line)
        own = [c for c in line.cells if c.norm and not c.continued]
        label_cell = next((c for c in own if not ORDINAL.match(c.norm)), None)
        if hit is not None or label_cell is None:
            return False
        text, pages = split_evidence(f"{label_cell.norm}{cell.norm}")
        joined = self.index.match(text)
        if joined is None:
            return False
        self.unmatched.remove(line)
        self.log.skipped.pop()
        self._last_unknown = None
        self._read_row(joined[0], joined[1], label_cell, text, pages,  # type: ignore[arg-type]
                       [c for c in own if c is not label_cell])
        return True

    def _read_row(self, row: RowSpec, score: float, label_cell: Cell, label_text: str, pages: list[int],
                  cells: list[Cell]) -> None:
        section = self.spec.id
        if row.key in self.found:
            raw = " ".join(c.norm for c in cells)
            self.issues.append(cat.ROW_DUPLICATE.issue(
                section=section, field=row.label, location=cell_loc(label_cell),
                label=row.label, raw=raw or label_cell.norm))
            self.log.skip_cell(label_cell, "重复的指标行")
            return
        self.log.rows_read += 1
        written_unit = unit_in_parens(label_text) or self._unit_column(cells)
        ind = Indicator(section=section, key=row.key, label=row.label, unit=row.unit, values={},
                        evidence_required=row.evidence, single_value=row.single_value,
                        location=cell_loc(label_cell))
        ind.raw["label"] = label_cell.text
        all_pages: list[int] = []
        _note_pages(ind, label_cell, pages, all_pages)
        if self.spec.kind == "park_indicators" and not row.single_value:
            ind.cluster_values = {}
        if score < SURE_SCORE:
            ind.doubts["row"] = f"指标名称“{clean_label(label_text)}”只是近似匹配"
            self.issues.append(cat.LABEL_UNCERTAIN.issue(
                section=section, field=row.label, location=cell_loc(label_cell),
                written="".join(label_cell.text.split()), label=row.label, score=score))
        self._fallback_unit = self._table_unit(row)
        if row.single_value:
            self._single_value(ind, row, cells, written_unit or self._fallback_unit, all_pages)
        else:
            self._values(ind, row, cells, written_unit, all_pages)
        for role in self.header.columns.values():  # every year of the header is a key, filled or not
            if role.kind in ("year", "target") and role.year and role.part == "total":
                ind.values.setdefault(role.year, None)
            if role.kind == "year" and role.year and ind.cluster_values is not None \
                    and role.part == "cluster" and not row.single_value:
                ind.cluster_values.setdefault(role.year, None)
        if self.spec.kind == "targets" and ind.base_year is None:
            ind.base_year = self._base_year(None)
            ind.values.setdefault(ind.base_year, None)
        if row.single_value:  # the latest year, and an earlier one only where it has its own figure
            latest = (self.years or ["value"])[-1]
            ind.values = {k: v for k, v in ind.values.items() if k == latest or v is not None}
        if self._borrowed is not None:
            read = [year for year, value in ind.values.items() if value is not None]
            why = f"扫描件中本表表头的年份未能读出，各列按上一张表格的表头（{self._borrowed}）对应"
            for key in read + (["growth"] if ind.growth_pct is not None else []):
                ind.doubts.setdefault(key, why)
        if self._growth_guessed is not None and ind.growth_pct is not None:
            ind.doubts.setdefault("growth", f"扫描件中增幅列的表头（识别为“{self._growth_guessed}”）未能认出，"
                                            "按模板中的位置读作增幅")
        ind.evidence_pages = sorted(set(all_pages))
        self.found[row.key] = ind

    def _single_value(self, ind: Indicator, row: RowSpec, cells: list[Cell], written_unit: str | None,
                      pages: list[int]) -> None:
        """3.1's 园区开发面积, 投资强度, 亩均税收: one figure a year where each year has its own cell (the form's
        园区总额 of the year), else the one value cell (merged across the year columns) as the latest year's."""
        latest = self.years[-1] if self.years else "value"
        values: list[tuple[Cell, Column | None]] = []
        for cell in cells:
            role = self.header.at(cell)
            if role is None or role.kind in VALUE_KINDS:
                values.append((cell, role))
            elif role.kind == "evidence":
                _note_pages(ind, cell, split_evidence(cell.norm)[1], pages)
        own = {role.year: c for c, role in reversed(values) if role is not None and role.year in self.years
               and role.part == "total" and role.kind == "year"}
        if latest not in own or len({id(c) for c in own.values()}) < len(own):  # merged: one figure
            own = {latest: own.get(latest) or values[0][0]} if values else {}
        for year in sorted(own):
            self._put(ind, year, own[year], row, written_unit, pages, "values")

    def _values(self, ind: Indicator, row: RowSpec, cells: list[Cell], written_unit: str | None,
                pages: list[int]) -> None:
        seen: dict[tuple, Cell] = {}
        growths = [parse_growth(c.norm) for c in cells if (role := self.header.at(c)) is not None
                   and role.kind == "growth"]
        unchanged = any(g.value == 0 for g in growths)  # the same figure in both years
        no_growth = not growths or all(g.empty for g in growths)  # 0 to 0 has none: "—", or left blank
        for cell in cells:
            role = self.header.at(cell)
            if role is None:
                _note_pages(ind, cell, split_evidence(cell.norm)[1], pages)
                self._unmapped(cell)
                continue
            if role.kind in ("ordinal", "unit", "label"):
                continue
            if role.kind in ("evidence", "note"):  # a 备注 may name the evidence page: 佐证材料见P36
                _note_pages(ind, cell, split_evidence(cell.norm)[1], pages)
                continue
            slot = (role.kind, role.year, role.part)
            if slot in seen:
                self._conflict(ind, role, seen[slot], cell)
                continue
            seen[slot] = cell
            if role.kind == "growth":
                parsed = self._parse(cell, "%", None, pages, ind, "增幅", "growth", growth=True)
                ind.growth_pct = parsed.value
                ind.growth_decimals = parsed.decimals if parsed.value is not None else None
                ind.growth_in_points = parsed.unit == POINTS
                ind.raw["growth"] = cell.text
                ind.cells["growth"] = cell_loc(cell)
                if cell.formula:
                    ind.formulas["growth"] = cell.formula
            elif role.kind == "actual":
                year = self._base_year(role)
                ind.base_year = year
                self._put(ind, year, cell, row, _unit(written_unit, role, row, self._fallback_unit), pages, "values")
            elif role.year:
                if role.part == "cluster" and ind.cluster_values is None:  # a damaged header's 其中集群产业
                    self.log.skip_cell(cell, "本表没有“其中集群产业”一列")
                    continue
                target = "cluster_values" if role.part == "cluster" else "values"
                merged = self._years_merged(cell, role, unchanged or (no_growth and _zero(cell)))
                for year in merged:
                    seen[(role.kind, year, role.part)] = cell
                    self._put(ind, year, cell, row, _unit(written_unit, role, row, self._fallback_unit), pages,
                              target)
                if len(merged) == 1:
                    self._run_together(ind, merged[0], target, cell)
        years = {slot[1]: c for slot, c in seen.items() if slot[0] == "year" and slot[2] != "cluster"}
        cluster = {slot[1]: c for slot, c in seen.items() if slot[0] == "year" and slot[2] == "cluster"}
        growth = next((c for slot, c in seen.items() if slot[0] == "growth"), None)
        targets = {ind.base_year if slot[0] == "actual" else slot[1]: c for slot, c in seen.items()
                   if slot[0] in ("actual", "target") and slot[2] != "cluster"}
        self.issues += target_doubts(ind, targets, self.spec.id) if targets \
            else row_doubts(ind, self.spec.id, years, growth, cluster)

    def _run_together(self, ind: Indicator, year: str, target: str, cell: Cell) -> None:
        """A scan's year figure whose cell runs over columns of different figures (a year and its growth: the
        line between them lost, so 8680 | 7.3 may be read as 86807.3) is a doubt. A row of one figure (3.1's
        园区开发面积), merged across the years by the form itself, is not read here."""
        key = year if target == "values" else f"{year}:cluster"
        if not scanned(cell) or key in ind.doubts or (getattr(ind, target) or {}).get(year) is None \
                or not self._across_figures(cell):
            return
        ind.doubts[key] = f"扫描件{_RUN_TOGETHER_WHY}"
        self.issues.append(cat.OCR_UNSURE.issue(
            section=self.spec.id, field=ind.label, location=cell_loc(cell), what=f"“{ind.label}”{year}年",
            raw=cell.text.strip().replace("\n", ""), why=_RUN_TOGETHER_WHY))

    def _across_figures(self, cell: Cell) -> bool:
        """The cell lies over columns of different figures (years, parts, a growth)."""
        roles = {(c.kind, c.year, c.part) for col in range(cell.col, cell.col + cell.colspan)
                 if (c := self.header.columns.get(col)) is not None and (c.kind in VALUE_KINDS or c.kind == "growth")}
        return len(roles) > 1

    def _years_merged(self, cell: Cell, role: Column, unchanged: bool) -> list[str]:
        """The years a figure stands for: its column's, and every other year's its cell is merged across (a
        figure the same in both years written once over both columns). A scan's cell over two columns may be
        a lost line with one year empty (or two figures run together), so on a scan it counts only where the
        row says the figure did not change (``unchanged``): its growth 0, or a 0 whose growth is "—" or blank
        (0 to 0 has none)."""
        if cell.colspan == 1 or (scanned(cell) and not unchanged):
            return [role.year]  # type: ignore[list-item]
        spanned = [self.header.columns.get(col) for col in range(cell.col, cell.col + cell.colspan)]
        if any(c is None or c.kind != role.kind or c.part != role.part or not c.year for c in spanned):
            return [role.year]  # type: ignore[list-item]
        return sorted({c.year for c in spanned})  # type: ignore[union-attr,misc]

    def _conflict(self, ind: Indicator, role: Column, first: Cell, second: Cell) -> None:
        """Two cells of one row claim the same figure: neither is trusted."""
        if role.kind == "growth":
            key = "growth"
        elif role.kind == "actual":
            key = self._base_year(role)
        else:
            key = f"{role.year}:cluster" if role.part == "cluster" else str(role.year)
        ind.doubts[key] = "两列对应同一数值"
        what = role.describe()
        self.issues.append(cat.COLUMN_CONFLICT.issue(
            section=self.spec.id, field=ind.label, location=cell_loc(second), label=ind.label, what=what,
            a=first.text.strip(), b=second.text.strip()))

    def _unmapped(self, cell: Cell) -> None:
        """A figure under a header no role fits: say so once per column."""
        header = self.header.unmapped.get(cell.col)
        if header is None or cell.col in self._unmapped_told or parse_value(cell.norm).value is None:
            return
        self._unmapped_told.add(cell.col)
        self.issues.append(cat.COLUMN_UNMAPPED.issue(
            section=self.spec.id, field=self.spec.title, location=cell_loc(cell), title=self.spec.title,
            header=header, what="的数值"))

    def _unit_column(self, cells: list[Cell]) -> str | None:
        for cell in cells:
            role = self.header.at(cell)
            if role is not None and role.kind == "unit":
                return unit_of(cell.norm.strip("()（） "))
        return None

    def _base_year(self, role: Column | None) -> str:
        """5.1's 上一年实际值: the year its header names, else the year before the first target."""
        if role is not None and role.year:
            return role.year
        targets = self.header.years("target")
        return str(int(targets[0]) - 1) if targets else "actual"

    def _put(self, ind: Indicator, year: str, cell: Cell, row: RowSpec, written_unit: str | None,
             pages: list[int], target: str) -> None:
        column = f"{year}年" + ("（其中集群产业）" if target == "cluster_values" else "")
        key = year if target == "values" else f"{year}:cluster"
        parsed = self._parse(cell, row.unit, written_unit, pages, ind, column, key)
        getattr(ind, target)[year] = parsed.value
        ind.raw[key] = cell.text
        ind.cells[key] = cell_loc(cell)
        if cell.formula:
            ind.formulas[key] = cell.formula
        if parsed.value is not None:
            ind.decimals[key] = parsed.decimals
            if parsed.approximate:
                ind.approximate.append(key)

    def _parse(self, cell: Cell, unit: str, written_unit: str | None, pages: list[int],
               ind: Indicator, column: str, key: str, growth: bool = False) -> ParsedValue:
        text = cell.norm.replace("\n", " ")
        parsed = parse_growth(text) if growth else parse_value(text, unit)
        if parsed.problem == "same_as_before":  # 同左: the figure left of it, if any (a growth has none)
            left = None if growth else _left_of(ind, cell)
            parsed = replace(left, pages=parsed.pages) if left else replace(parsed, problem="unreadable")
        if parsed.value is not None and parsed.unit is None and written_unit \
                and written_unit != unit and not growth:
            parsed = parse_value(f"{text}{written_unit}", unit)
        _note_pages(ind, cell, parsed.pages, pages)
        where = dict(section=self.spec.id, field=ind.label, location=cell_loc(cell))
        why = unsure(cell) or ("识别结果不是数值" if scanned(cell) and parsed.problem else None) or (
            _BROKEN_FIGURE_WHY if scanned(cell) and parsed.value is not None and _BROKEN_FIGURE.search(
                split_evidence(cell.norm)[0]) else None)
        if why is not None:  # a scan's unsure figure: a doubt, never an error
            ind.doubts[key] = f"扫描件{why}"
            self.issues.append(cat.OCR_UNSURE.issue(**where, what=f"“{ind.label}”{column}",
                                                    raw=cell.text.strip().replace("\n", ""), why=why))
        elif parsed.problem == "bracketed":
            ind.doubts[key] = "数字写在括号里"
            self.issues.append(cat.BRACKETED_FIGURE.issue(**where, what=f"“{ind.label}”{column}",
                                                          raw=cell.text.strip()))
        elif parsed.problem == "unreadable":
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


# A scan's figure whose digits a gap or a line break cuts (113⏎3 for 113.3): the point, a speck, may be lost there.
_MOST_LABEL_LINES = 12  # lines of a label cell past which it is not cut into rows (a paragraph, not labels)
_BROKEN_FIGURE = re.compile(r"\d\s+\d")
_BROKEN_FIGURE_WHY = "数字中间有断开，可能漏识别了小数点"
_RUN_TOGETHER_WHY = "该格与相邻一格之间未识别出表格线，两格的数字可能连在一起"


def _zero(cell: Cell) -> bool:
    return parse_value(split_evidence(cell.norm)[0], None).value == 0


def _note_pages(ind: Indicator, cell: Cell, found: list[int], pages: list[int]) -> None:
    """Add evidence pages read from ``cell``, remembering the cell of each (``cells["page:95"]``); a
    page a scan's OCR was unsure of is a doubt (``doubts["page:95"]``)."""
    pages.extend(found)
    _pages_at(ind, found, cell, cell_loc(cell))


def _noted(ind: Indicator, pages: list[int], block: Paragraph | Cell, loc: Loc) -> None:
    """Evidence pages a note gives the row."""
    ind.evidence_pages = sorted(set(ind.evidence_pages) | set(pages))
    _pages_at(ind, pages, block, loc)


def _pages_at(ind: Indicator, pages: list[int], block: Paragraph | Cell, loc: Loc) -> None:
    """Where each of a row's evidence pages was read (``cells["page:95"]``); a page a scan's OCR was unsure of
    is a doubt (``doubts["page:95"]``)."""
    why = unsure(block)
    for page in pages:
        ind.cells.setdefault(f"page:{page}", loc)
        if why is not None:
            ind.doubts[f"page:{page}"] = f"扫描件{why}"


def _unit(written: str | None, role: Column, row: RowSpec, table_unit: str | None) -> str | None:
    """The unit a figure is written in: the row's label says it, else the column's header — when the
    header's unit can be the row's at all (a 2022年（亿元） header says nothing of a % row) — else the
    table's unit line."""
    if written:
        return written
    return role.unit if role.unit and convertible(role.unit, row.unit) else table_unit


def missing_rows(spec: IndicatorTableSpec, reader: IndicatorReader,
                 category: str | None) -> list[Issue]:
    """Rows the template has and the report lost (rows of the other category excepted).

    A table of which not one row was read is one finding (X012), not a finding per row; so is a table of
    which most rows were not found, or whose missing rows are as many as the rows with figures under labels
    the template does not have (X017: written otherwise, not lost)."""
    wanted = [row for row in spec.rows if not row.categories or category in row.categories]
    if not reader.found:
        tried = "已按表头和模板中的指标名称查找"
        if not reader.header.columns:
            tried += "；未找到含年份的表头"
        return [cat.TABLE_UNREAD.issue(section=spec.id, field=spec.title, title=spec.title, tried=tried)]
    missing = [row for row in wanted if row.key not in reader.found]
    renamed = sum(1 for line in reader.unmatched if any(ch.isdigit() for c in line.cells[1:] for ch in c.norm))
    if (len(missing) >= _MANY_MISSING and len(missing) * 2 >= len(wanted)) or 2 <= len(missing) <= renamed:
        # the reading failed, or the rows are there under the applicant's own names: not a finding per row
        return [cat.ROWS_UNREAD.issue(section=spec.id, field=spec.title, title=spec.title, count=len(missing),
                                      labels="、".join(row.label for row in missing))]
    return [cat.ROW_MISSING.issue(section=spec.id, field=row.label, label=row.label) for row in missing]


def optional_unreadable(spec: IndicatorTableSpec, issues: list[Issue], category: str | None) -> list[Issue]:
    """A figure that cannot be read in a row the template leaves to the other category (集群内中小企业产值占比,
    仅中小企业特色产业集群填报) is told, not an error: nothing rests on it."""
    optional = {row.label for row in spec.rows if row.categories and category is not None
                and category not in row.categories}
    return [replace(i, severity="info", message=i.message + _OPTIONAL_NOTE)
            if i.code == cat.VALUE_UNREADABLE.code and i.field in optional and i.severity == "error" else i
            for i in issues]


def _misread_label(spec: IndicatorTableSpec, cells: list[Cell], label: str) -> str | None:
    """Why a scan's unknown row is the reading's, not the applicant's: its label read unsurely, only a
    figure where the label should be (the label cell not read), two of the table's labels in one cell
    (the rule between two rows not found), or no figure at all (a list's header row whose title was
    misread, so the list was never entered)."""
    cell = cells[0]
    if not scanned(cell):
        return None
    if _FIGURE_ONLY.fullmatch(label):
        return "只读出了数值，未读出指标名称"
    if not any(ch.isdigit() for c in cells[1:] for ch in c.text):
        return "该行没有数值，可能是名单的表头（名单标题未能识别）"
    key = label_key(label)
    if sum(1 for row in spec.rows if label_key(row.label) in key) >= 2:
        return "含两个指标名称，可能是相邻两行连在了一起"
    return unsure(cell)


def unknown_rows(spec: IndicatorTableSpec, reader: IndicatorReader) -> list[Issue]:
    """Rows the applicant added that are not in the template and carry figures."""
    issues = []
    for line in reader.unmatched:
        cells = [c for c in line.cells if c.norm and not c.continued and not ORDINAL.match(c.norm)]
        if not cells:
            continue
        written = _ENUMERATOR.sub("", "".join(chinese_lines(cells[0].text).split()))
        label = _TRAILING_PARENS.sub("", written) or written
        why = _misread_label(spec, cells, label)
        if why is not None:
            issues.append(cat.OCR_UNSURE.issue(section=spec.id, field=spec.title, location=cell_loc(cells[0]),
                                               what=f"“{spec.title}”中一行的指标名称", raw=label,
                                               why=f"{why}，该行未读取"))
            continue
        issues.append(cat.ROW_UNKNOWN.issue(section=spec.id, field=label, location=cell_loc(cells[0]),
                                            label=label))
    return issues


def _consecutive_groups(n: int, k: int) -> list[list[tuple[int, int]]]:
    """Every way to cut ``n`` lines, in order, into ``k`` consecutive non-empty groups (as index ranges), the
    most even first."""
    cuts = combinations(range(1, n), k - 1)
    groups = [list(pairwise((0, *c, n))) for c in cuts]
    return sorted(groups, key=lambda g: max(b - a for a, b in g))


def _unplaced(cells: list[Cell], label: Cell, lines: dict[int, list[str]], counts: set[int]) -> list[Cell]:
    """The cells beside the ``label`` holding one line where the row's other filled cells all hold as many
    lines, more than one (``counts``: the numbers of lines they hold); none when the row is not so."""
    if len(counts) != 2 or min(counts) != 1:
        return []
    return [c for c in cells if c is not label and len(lines.get(id(c), [])) == 1]


def _lines_of(cell: Cell) -> list[str]:
    """A cell's lines as written, blank ones kept (a growth ⏎0.0 is a blank line and 0.0), each normalised:
    the normalised text drops blank lines and keeps the others in order."""
    norms = iter(cell.norm.split("\n"))
    written = [line.strip() for line in cell.text.split("\n")]
    if sum(1 for w in written if w) != len(cell.norm.split("\n")):
        return cell.norm.split("\n")
    return [next(norms) if w else "" for w in written]


def _left_of(ind: Indicator, cell: Cell) -> ParsedValue | None:
    """The figure of the row's nearest cell left of ``cell`` already read (a year's, of either part), for a
    cell that says 同左; None when there is none."""
    left = [(loc.col, key) for key, loc in ind.cells.items()
            if key[:4].isdigit() and loc is not None and loc.col is not None and loc.col < cell.col]
    if not left:
        return None
    key = max(left)[1]
    year, _, part = key.partition(":")
    figures = (ind.cluster_values or {}) if part else ind.values
    value = figures.get(year)
    if value is None:
        return None
    return ParsedValue(raw=cell.norm, value=value, decimals=ind.decimals.get(key, 0), empty=False)
