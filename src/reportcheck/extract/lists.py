"""Read a list table (营业收入排名前十, 重点项目, 技术创新载体 …) through the header step."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportcheck import catalogue as cat
from reportcheck.extract.columns import Column, HeaderMap, column_role, looks_like_header, read_header
from reportcheck.extract.labels import LabelIndex
from reportcheck.extract.lines import Line, cell_loc
from reportcheck.extract.ocr import scanned, unsure
from reportcheck.extract.reading import ReadingLog
from reportcheck.layout import Cell
from reportcheck.model import RUN_TOGETHER, Issue, ListRow, ListTable
from reportcheck.normalize.numbers import is_empty_mark, parse_value
from reportcheck.normalize.text import label_key
from reportcheck.spec import ColumnSpec, ListTableSpec, load_json_resource

WHOLE_ROW = "row"  # a doubt key: the whole row (not one of its columns) is in doubt
_DOUBTS_IN_A_ROW = 2  # a scan's row with this many cells in doubt is in doubt whole: its reading is suspect
_PAST_TEMPLATE = 1.5  # a scan's list this many times its template's length was not read as written
_OPEN_LIST = 20  # the length taken for a list the template sets none for (10 projects "or so", platforms):
# a scan's such list past 30 entries took in what followed it (a fax's lost rules: 51 "projects")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计|共计|合\s*计)")
_ORDINAL_ONLY = re.compile(r"^\(?\d{1,3}\)?[.、]?$")
_STRAY_MARK = re.compile(r"[?？!！_|]")  # marks OCR makes of specks and frames, never written in a 级别 cell
# A row heading a group of entries by level: (一)国家级(1个), 省级(3个), 二、省级： (schemas/lexicon/headings.json)
_GROUP_ROW = re.compile(r"^(?:\(?[一二三四五六七八九十\d]{1,2}\)?[、.]?)?(?:"
                        + "|".join(map(re.escape, load_json_resource("lexicon", "headings.json")["list_group"]))
                        + r")(?:及以上)?(?:[^\d()]{0,6}?(?:\(\d{1,3}[个家项]?\)|[:：]))?$")
_SHIFTED = 5  # one year this many times the other: a point moved, not a year's change
_WHOLE_SHARE = 0.8  # a column this whole (its figures integers), or this far not, is written so
_OUT_OF_COLUMN = 50  # a scan's figure this many times off its column's middle was misread, more likely than not
_COLUMN_MIN = 4  # figures a column needs for its middle to say anything
_SHORTEST_NAME_REST = 2  # characters: a name's rest carried over a page break this short is no name (司, 心）)


# Columns that hold a name: an enterprise's or a body's is never a bare figure; a product's or a project's may be a
# model number (18650, 6061), never a figure with a point or a per cent.
_NAMES = frozenset({"name", "enterprise", "builder", "approver"})
_NAMED = _NAMES | {"product", "project"}
_BARE_FIGURE = re.compile(r"[-+]?\d+(?:\.\d+)?%?")
_MEASURED = re.compile(r"[-+]?\d+\.\d+%?|[-+]?\d+%")
_FIGURE_AS_NAME = "扫描件该行名称栏读出的是数字或级别，各栏可能错位（表格的边线或某一栏未能读出）"
_ONE_ENTRY_TWO_ROWS = "同一企业分两行填写（名称单元格跨行），两行的数值不同，取第一行"


@dataclass
class ListReader:
    spec: ListTableSpec
    header: HeaderMap = field(default_factory=HeaderMap)
    pending: list[list[Cell]] = field(default_factory=list)
    table: ListTable | None = None
    issues: list[Issue] = field(default_factory=list)
    scanned: bool = False  # some of its cells came from OCR
    headless: int = 0  # a scan's rows under its title passed over because no header was read above them
    ended: bool = False  # another table's header came: what follows is not this list's (a lost heading)
    by_place: str | None = None  # a column a scan's header named only by its years, taken by the template
    yearless: str | None = None  # a column by year a scan's header named without its years

    def __post_init__(self) -> None:
        self.index = list_index(self.spec)
        self.columns = {c.key: c for c in self.spec.columns}
        self.table = ListTable(id=self.spec.id, title=self.spec.title, section=self.spec.section)
        self.log = ReadingLog(self.spec.section, self.spec.title)
        self._instruction = label_key(self.spec.instruction or "")

    def feed(self, line: Line) -> None:
        if not line.is_row:
            return
        cells = [c for c in line.cells if c.norm and not c.continued]
        if not cells:
            return
        if self.ended or (self.header.columns and indicator_header(line.cells)):
            self.ended = True
            self.log.skip(line, "另一张指标表格的表头及其以下各行（其标题未读出）")
            return
        if looks_like_header(line.cells, "list", self.index):
            if self.header.columns and not self.pending:
                self.log.skip(line, "重复的表头（续表）")
            self.pending.append(line.cells)
            return
        self._take_header()
        if not self.header.columns:
            self.log.skip(line, "表头之前的行")
            self.headless += any(scanned(c) for c in cells)
            return
        reason = self._skip_reason(cells)
        if reason:
            self.log.skip(line, reason)
            return
        if self._split_entry(line) or self._more_of_the_entry_above(line, cells):
            return
        entries = _entries_run_together(cells)
        for entry in entries:
            row = self._row(entry)
            if len(entries) > 1:
                row.doubts[WHOLE_ROW] = "扫描件" + RUN_TOGETHER
            if _holds_anything(row):
                self.table.rows.append(row)  # type: ignore[union-attr]
                self.log.rows_read += 1
            else:  # cells in the list's columns with nothing read in any (a header's second line read as a row)
                self.log.skip(line, "各栏都没有读出内容的行")

    def _take_header(self) -> None:
        if not self.pending:
            return
        header = read_header(self.pending, "list", self.index)
        scanned_header = any(scanned(c) for row in self.pending for c in row)
        where = cell_loc(self.pending[0][0])
        self.pending = []
        if len({c.field for c in header.columns.values() if c.kind == "field"}) >= 2:
            self.header = header
            self.log.columns(header)
            if scanned_header:
                self._years_by_place(where)
                self._years_lost(where)

    def _years_by_place(self, where) -> None:
        """A scan's list header with year columns that name no field (the 营业收入 over 2021年 | 2022年 lost),
        where the template has one column by year: they are that column's, read in doubt, said once."""
        by_year = [c for c in self.spec.columns if c.per_year]
        bare = {col: role for col, role in self.header.columns.items() if role.kind == "year" and role.year}
        if len(by_year) != 1 or not bare or any(r.field == by_year[0].key for r in self.header.columns.values()):
            return
        column = by_year[0]
        for col, role in bare.items():
            self.header.columns[col] = replace(role, kind="field", field=column.key, field_label=column.label)
        self.by_place = column.key
        self.issues.append(cat.OCR_UNSURE.issue(
            section=self.spec.section, field=f"{self.spec.title}·{column.label}", location=where,
            what=f"“{self.spec.title}”的表头", raw="、".join(f"{r.year}年" for r in bare.values()),
            why=f"没有读出这几列是什么，已按模板读作{column.label}，这几列数字"))

    def _years_lost(self, where) -> None:
        """A scan's list header that names a column the template has by year (营业收入 over 2021年 | 2022年)
        without its years: which year its figures are is not known; they are read in doubt, said once."""
        columns = {role.field for role in self.header.columns.values()
                   if role.kind == "field" and role.field and role.year is None
                   and self.columns[role.field].per_year}
        if not columns:
            return
        self.yearless = columns.pop()
        label = self.columns[self.yearless].label
        self.issues.append(cat.OCR_UNSURE.issue(
            section=self.spec.section, field=f"{self.spec.title}·{label}", location=where,
            what=f"“{self.spec.title}”的表头", raw=label,
            why=f"没有读出{label}各列的年份，这些数字"))

    def _split_entry(self, line: Line) -> bool:
        """A scan's row that is the entry above again, cut by a line the scan drew where there is none: not a
        new entry (a top-10 list read with 11), and the entry above is in doubt as a whole. Such a row runs
        down from the row above in its first cell and, in its other cells, mostly too, or has nothing read
        surely (the cut went through the entry's characters)."""
        first = line.cells[0]
        rows = self.table.rows if self.table else []
        fresh = [c for c in line.cells if c.norm and not c.continued]
        carried = sum(c.continued for c in line.cells)
        if not (any(scanned(c) for c in line.cells) and rows and (first.continued or not first.norm)):
            return False
        if carried <= len(fresh) and not all(unsure(c) for c in fresh):
            return False  # a row filled anew beside a first cell that spans down is an entry of its own
        rows[-1].doubts[WHOLE_ROW] = "扫描件" + RUN_TOGETHER
        self.log.skip(line, "扫描件中与上一行是同一条目（首列单元格跨行）")
        return True

    def _more_of_the_entry_above(self, line: Line, cells: list[Cell]) -> bool:
        """A ranked list's entry (an enterprise) over two rows, its name merged down and each row one of its
        products with that product's figures: the row is more of the entry above, not an entry of its own.
        Its texts are joined to the entry's and its figures by year added (the enterprise's revenue is its
        products'); a figure that cannot be added (a market share) is the first row's, in doubt when the rows
        differ. A list of items (重点项目: a builder's two projects) keeps its rows."""
        rows = self.table.rows if self.table else []
        fields = [c for c in line.cells if (role := self.header.at(c)) is not None and role.kind == "field"]
        if not rows or not self.spec.max_rows or not fields or not fields[0].continued \
                or any(scanned(c) for c in line.cells):
            return False
        entry, more = rows[-1], self._row(cells)
        for key, value in more.values.items():
            if isinstance(value, str) and value:
                had = entry.values.get(key)
                entry.values[key] = f"{had}、{value}" if had and had != value else value
            elif value is not None and value != entry.values.get(key):
                entry.doubts[key] = _ONE_ENTRY_TWO_ROWS
        for key, by_year in more.by_year.items():
            for year, value in by_year.items():
                had = entry.by_year.setdefault(key, {}).get(year)
                if value is not None:
                    entry.by_year[key][year] = value if had is None else round(had + value, 10)
        self.log.skip(line, "上一条目的另一行（名称单元格跨行，同一企业的另一产品）")
        return True

    def _skip_reason(self, cells: list[Cell]) -> str | None:
        texts = [c for c in cells if not _ORDINAL_ONLY.match(c.norm)]
        if not texts:
            return "空行（只有序号）"
        if _TOTAL_ROW.match(label_key(texts[0].norm)):
            return "合计行"
        if len(cells) == 1 and self._instruction and label_key(cells[0].norm) in self._instruction:
            return "填表说明"
        if len(texts) == 1 and _GROUP_ROW.match(label_key(texts[0].norm)):
            return "名单中的分组标题"
        return None

    def _row(self, cells: list[Cell]) -> ListRow:
        row = ListRow(location=cell_loc(cells[0]))
        if any(scanned(c) and _lines_repeat(c.norm) for c in cells):  # several entries read as one
            row.doubts[WHOLE_ROW] = "扫描件" + RUN_TOGETHER
        unsure_cells = 0
        for cell in cells:
            self.scanned = self.scanned or scanned(cell)
            role = self.header.at(cell)
            if role is None or role.kind != "field" or role.field is None:
                continue
            column = self.columns[role.field]
            text = cell.norm.replace("\n", "")
            parsed = parse_value(text, column.unit) if column.type != "text" else None
            if parsed is not None and parsed.value is not None and parsed.unit is None and role.unit \
                    and role.unit != column.unit:
                parsed = parse_value(f"{text}{role.unit}", column.unit)
            headers = self.header.headers_under(cell) if scanned(cell) else []
            over_two = len(headers) > 1
            together = scanned(cell) and (cell.rowspan > 1 or cell.continued or _lines_repeat(cell.norm) or over_two)
            why = unsure(cell) or ("识别结果不是数值" if scanned(cell) and parsed and parsed.problem else None) \
                or (RUN_TOGETHER if together else None) \
                or (_not_a_choice(column) if scanned(cell) and _off_choices(text, column) else None)
            key = f"{column.key}:{role.year}" if role.year is not None else column.key
            if column.key == self.by_place:  # said once for the column (_years_by_place)
                row.doubts[key] = f"扫描件{why or '表头未读出该列名称，按模板对应'}"
            if column.key == self.yearless and role.year is None:  # said once (_years_lost)
                row.doubts[key] = f"扫描件{why or '表头未读出该列的年份'}"
            if why is not None:  # a scan's unsure entry: a doubt, never an error
                row.doubts[key] = f"扫描件{why}"
                for other in headers if over_two else []:  # the other header's entry, read into this one
                    if other.kind == "field" and other.field in self.columns:
                        row.doubts.setdefault(_key_of(other), f"扫描件{RUN_TOGETHER}")
                unsure_cells += 1
                self.issues.append(cat.OCR_UNSURE.issue(
                    section=self.spec.section, field=f"{self.spec.title}·{column.label}", location=cell_loc(cell),
                    what=f"“{self.spec.title}”的{column.label}", raw=cell.text.strip().replace("\n", ""), why=why))
            if parsed is None:
                row.values[column.key] = "" if is_empty_mark(text) else text  # a row of / is an empty row
                continue
            if parsed.problem == "bracketed" and why is None:
                row.doubts[f"{column.key}:{role.year}" if role.year is not None else column.key] = "数字写在括号里"
                self.issues.append(cat.BRACKETED_FIGURE.issue(
                    section=self.spec.section, field=f"{self.spec.title}·{column.label}", location=cell_loc(cell),
                    what=f"“{self.spec.title}”的{column.label}", raw=cell.text.strip()))
            elif parsed.problem and why is None:
                self.issues.append(cat.VALUE_UNREADABLE.issue(
                    section=self.spec.section, field=f"{self.spec.title}·{column.label}",
                    location=cell_loc(cell), raw=cell.text.strip(), column=column.label))
            if role.year is not None:
                row.by_year.setdefault(column.key, {})[role.year] = parsed.value
            else:
                row.values[column.key] = parsed.value
        if any(scanned(c) and self._named_otherwise(self.header.at(c), c) for c in cells):
            row.doubts.setdefault(WHOLE_ROW, _FIGURE_AS_NAME)  # the row's cells fell into the wrong columns
        if unsure_cells >= _DOUBTS_IN_A_ROW:  # a doubt of the row said before (entries run together) stays
            row.doubts.setdefault(WHOLE_ROW, "扫描件该行多栏识别存疑，可能是别的行或别的表格的内容")
        return row

    def _named_otherwise(self, role: Column | None, cell: Cell) -> bool:
        """A bare figure (1.6, 12%) or another column's set value (省级) read into a column that holds names: a
        scan's row whose cells were put in the wrong columns (a table's border, or the column next to it, lost
        where the page curls at its binding)."""
        if role is None or role.kind != "field" or role.field not in _NAMED:
            return False
        text = cell.norm.replace("\n", "").strip()
        figure = _BARE_FIGURE if role.field in _NAMES else _MEASURED
        return figure.fullmatch(text) is not None or any(text in c.choices for c in self.spec.columns)

    def finish(self) -> None:
        """A scan's list read with far more rows than the template has (a top-10 list read with 19 or 40
        entries): the OCR took neighbouring rows or other text into it, so the whole list is a doubt, said
        once (D004), and no finding rests on it. A few rows over (12 in a top-10 list) is what an applicant
        writes, and stays a finding (CO006); a list without a set length is in doubt past 30 entries."""
        self._join_halves()
        self._join_across_pages()
        self._points_out_of_place()
        self._out_of_column_scale()
        rows = self.table.rows if self.table else []
        limit = self.spec.max_rows or _OPEN_LIST
        if not self.scanned or len(rows) <= _PAST_TEMPLATE * limit:
            return
        for row in rows:
            row.doubts[WHOLE_ROW] = "扫描件名单行数超过模板"
        self.issues.append(cat.OCR_UNSURE.issue(
            section=self.spec.section, field=self.spec.title, location=rows[0].location,
            what=f"“{self.spec.title}”的行数", raw=f"{len(rows)}行",
            why=(f"超过模板的{limit}行" if self.spec.max_rows else f"远多于模板留出的{self.spec.blank_rows}行")
            + "，可能把相邻的行或其他文字读入了名单"))

    def _points_out_of_place(self) -> None:
        """A scan's entry whose two years differ by a power of ten or so, one of them written otherwise than
        its column's figures: with a decimal point where they are whole (25168 read 2516.8: a speck read as a
        point), or whole where they have decimals (125.2 read 1252: the point lost). That figure is a doubt
        naming the other year's. A point is a speck the recogniser may gain or drop."""
        if not self.scanned or self.table is None:
            return
        for key in dict.fromkeys(k for row in self.table.rows for k in row.by_year):  # in the table's order
            figures = [v for row in self.table.rows for v in row.by_year.get(key, {}).values() if v is not None]
            whole = sum(v.is_integer() for v in figures)
            if whole >= _WHOLE_SHARE * len(figures):
                self._point_against(key, self.table.rows, usual_whole=True)
            elif len(figures) - whole >= _WHOLE_SHARE * len(figures):
                self._point_against(key, self.table.rows, usual_whole=False)

    def _out_of_column_scale(self) -> None:
        """A scan's figure a hundred times off the middle of its column (34000 read as 340: two zeros run
        into one blot) is a doubt naming that middle. Entries vary, but rarely so far from all the others; an
        entry as far off in each of its years (100 and 120 among hundreds of thousands) is written so."""
        if not self.scanned or self.table is None:
            return
        rows = self.table.rows
        columns = {(key, None) for row in rows for key, v in row.values.items() if isinstance(v, float)}
        columns |= {(key, year) for row in rows for key, years in row.by_year.items() for year in years}
        for key, year in sorted(columns, key=str):
            read = [(row, v) for row in rows
                    if isinstance(v := (row.values.get(key) if year is None else row.by_year.get(key, {}).get(year)),
                                  float) and v > 0]
            if len(read) < _COLUMN_MIN:
                continue
            middle = statistics.median(v for _, v in read)
            for row, v in read:
                doubt = key if year is None else f"{key}:{year}"
                if max(v, middle) < _OUT_OF_COLUMN * min(v, middle) or doubt in row.doubts \
                        or (year is not None and _as_far_in_every_year(row.by_year.get(key, {}), year, v)):
                    continue
                row.doubts[doubt] = "扫描件该数字与同列其他数字相差过大"
                self.issues.append(cat.OCR_UNSURE.issue(
                    section=self.spec.section, field=self.spec.title, location=row.location,
                    what=f"“{self.spec.title}”中的数字", raw=f"{v:g}",
                    why=f"与同列其他数字（中位数{middle:g}）相差约{max(v, middle) / min(v, middle):.0f}倍，"
                        "可能漏识别或多识别了数字"))

    def _point_against(self, key: str, rows: list[ListRow], usual_whole: bool) -> None:
        for row in rows:
            read = {y: v for y, v in row.by_year.get(key, {}).items() if v is not None and v > 0}
            if len(read) != 2:
                continue
            (y0, v0), (y1, v1) = read.items()
            if max(v0, v1) < _SHIFTED * min(v0, v1) or v0.is_integer() == v1.is_integer():
                continue
            (odd_year, odd), (year, other) = ((y0, v0), (y1, v1)) if v0.is_integer() != usual_whole \
                else ((y1, v1), (y0, v0))
            if f"{key}:{odd_year}" in row.doubts:
                continue
            row.doubts[f"{key}:{odd_year}"] = "扫描件小数点可能多识别" if usual_whole else "扫描件小数点可能漏识别"
            self.issues.append(cat.OCR_UNSURE.issue(
                section=self.spec.section, field=self.spec.title, location=row.location,
                what=f"“{self.spec.title}”{odd_year}年", raw=f"{odd:g}",
                why=f"与{year}年的{other:g}相差约{max(odd, other) / min(odd, other):.0f}倍，"
                    + ("且本列其他数字都是整数，小数点可能是污点" if usual_whole
                       else "且本列其他数字都有小数，小数点可能漏识别")))

    def _join_halves(self) -> None:
        """A scan's entry read as two rows, one with only its name and the next with all but its name: the
        rules of the name column were found a line off from the others'. The two are one entry again, so
        the entries after it keep their places; it and the entry above (whose name the line may have cut)
        are in doubt as a whole."""
        if not self.scanned or self.table is None:
            return
        name, rows = self.spec.columns[0].key, self.table.rows

        def join(i: int, top: ListRow, bottom: ListRow) -> ListRow | None:
            if set(top.values) != {name} or top.by_year or bottom.values.get(name) \
                    or not (bottom.by_year or any(v is not None for v in bottom.values.values())):
                return None
            joined = ListRow(values={**bottom.values, name: top.values[name]}, by_year=bottom.by_year,
                             location=top.location, doubts={**bottom.doubts, **top.doubts})
            for row in (joined, rows[i - 1]) if i else (joined,):
                row.doubts[WHOLE_ROW] = "扫描件" + RUN_TOGETHER
            return joined

        _pairs_joined(rows, join)

    def _join_across_pages(self) -> None:
        """An entry a page break cut (a PDF's row allowed to break across pages): its name's rest stands alone
        at the head of the next page, every other cell empty. It is the entry above's when the two halves make
        one name — a bracket the upper half opens and the lower closes (…示范平台（新 | 化县…促进中心）), or a
        lower half too short to be a name (…集团有限公 | 司)."""
        if self.table is None:
            return
        name = self.spec.columns[0].key

        def join(_: int, top: ListRow, bottom: ListRow) -> ListRow | None:
            if not _cut_by_a_page(top, bottom, name):
                return None
            top.values[name] = f"{top.values[name]}{bottom.values[name]}"
            return top

        _pairs_joined(self.table.rows, join)


def _pairs_joined(rows: list[ListRow], join: Callable[[int, ListRow, ListRow], ListRow | None]) -> None:
    """Each two neighbouring rows ``join`` makes one (it is told the upper one's place) replaced by it, in place."""
    i = 0
    while i + 1 < len(rows):
        joined = join(i, rows[i], rows[i + 1])
        if joined is not None:
            rows[i:i + 2] = [joined]
        i += 1


def _cut_by_a_page(top: ListRow, bottom: ListRow, name: str) -> bool:
    """``bottom`` is the rest of ``top``'s name, carried to the next page (see ListReader._join_across_pages)."""
    upper, lower = top.values.get(name), bottom.values.get(name)
    if not isinstance(upper, str) or not isinstance(lower, str) or set(bottom.values) != {name} or bottom.by_year:
        return False
    pages = (top.location.page if top.location else None, bottom.location.page if bottom.location else None)
    if None in pages or pages[0] == pages[1]:  # type: ignore[operator]
        return False
    opened = upper.count("(") > upper.count(")") and lower.count(")") > lower.count("(")
    return opened or len(lower) <= _SHORTEST_NAME_REST


def list_index(spec: ListTableSpec) -> LabelIndex:
    """A list's columns by their labels (the header step's words); a scan's header that reads one character
    of two (名▢) is matched, these being few."""
    index = LabelIndex(gap_read=1)
    for column in spec.columns:
        index.add(column, [column.label, *column.aliases])
    return index


def _key_of(role) -> str:
    """The key of a list entry's figure under a header: its field, and its year where it has one."""
    return f"{role.field}:{role.year}" if role.year is not None else role.field


def indicator_header(cells: list[Cell]) -> bool:
    """The header row of an indicator table (近2年情况 指标名称 | 2021年 | 2022年): the list above it has ended,
    though no heading was read between them. A list's own columns are never named 指标."""
    first = next((c for c in cells if c.norm and not c.continued), None)
    role = column_role(first.norm, "indicators") if first is not None else None
    return role is not None and role.kind == "label" and "指标" in label_key(first.norm)  # type: ignore[union-attr]


def _off_choices(text: str, column: ColumnSpec) -> bool:
    """A filled cell of a column with set values (级别: 国家级, 省级) that holds none of them, or holds one
    among much else (a scan's neighbouring cell run into it: “…公共服务平台4丨省级”), or one with a mark
    no applicant writes there (国家级?: a speck or a stamp's edge read as a question mark)."""
    return bool(text and column.choices) and not any(
        choice in text and len(text) <= 2 * len(choice) and not _STRAY_MARK.search(text)
        for choice in column.choices)


def _holds_anything(row: ListRow) -> bool:
    """Whether a row read something in any of its columns (a value, not only the column)."""
    values = [*row.values.values(), *(v for by_year in row.by_year.values() for v in by_year.values())]
    return any(v is not None and v != "" for v in values)


def _not_a_choice(column: ColumnSpec) -> str:
    return f"识别结果不是该栏可填的值（{'、'.join(column.choices)}）"


def _entries_run_together(cells: list[Cell]) -> list[list[Cell]]:
    """A scan's row holding several entries whose lines between rows were lost, cut back into them: as
    many entries as a cell says the same thing (2021年6月 four times; a name wrapped on two lines, four
    times), where at least two cells' lines divide evenly among them. Cells spanning rows are left out:
    the rows below go on with them. A cell whose lines divide evenly gives each entry its share, any other
    goes whole to the first. Each stays in doubt as a whole; the entries after them keep their places."""
    own = [c for c in cells if scanned(c) and c.rowspan == 1 and not c.continued]
    entries = max((_repeats(c.norm) for c in own), default=1)
    if entries < 2 or sum(_divides(c, entries) for c in own) < 2:
        return [cells]
    out: list[list[Cell]] = [[] for _ in range(entries)]
    for cell in cells:
        if not _divides(cell, entries):
            out[0].append(cell)
            continue
        lines = _lines(cell.norm)
        share = len(lines) // entries
        for i in range(entries):
            text = "\n".join(lines[i * share:(i + 1) * share])
            out[i].append(replace(cell, text=text, norm=text))
    return out


def _divides(cell: Cell, entries: int) -> bool:
    lines = len(_lines(cell.norm))
    return lines >= entries and lines % entries == 0


def _repeats(text: str) -> int:
    """How many times a cell's most repeated line says the same thing, figures aside."""
    return max(Counter(re.sub(r"\d+", "#", line) for line in _lines(text)).values(), default=0)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _as_far_in_every_year(years: dict[str, float | None], year: str, figure: float) -> bool:
    """Whether the entry's other years are of ``year``'s ``figure``'s scale too (within the shift of a point)."""
    others = [v for y, v in years.items() if y != year and v is not None and v > 0]
    return bool(others) and all(max(v, figure) < _SHIFTED * min(v, figure) for v in others)


def _lines_repeat(text: str) -> bool:
    """A cell whose lines, figures aside, say the same thing twice (2021年6月 / 2021年6月, 技术中心7 / 技术中心8):
    entries of several rows read as one where the scan lost the lines between them."""
    lines = [re.sub(r"\d+", "#", line) for line in _lines(text)]
    return len(set(lines)) < len(lines)
