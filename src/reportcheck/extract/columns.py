"""One header step for every table: each grid column gets a role from its header cells.

Applicants write the template's two header rows as one (``2021年园区总额``, ``营业收入2021年（亿元）``),
keep them as two, merge them, or add 序号 / 单位 / 备注 / 数据来源 / 佐证材料页码 columns. Whatever the
shape, the texts above a grid column are joined top to bottom and that one text decides the
column's role; rows are then read through the map. Indicator tables, 3.1, 5.1 and the list tables
all use this step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from reportcheck.extract.labels import LabelIndex, strip_parens
from reportcheck.extract.ocr import scanned
from reportcheck.layout import Cell
from reportcheck.normalize.numbers import parse_value, unit_of
from reportcheck.normalize.text import label_key
from reportcheck.spec import load_json_resource

# The words of each column role, as data (schemas/lexicon/header_words.json).
_WORDS = {k: tuple(v) for k, v in load_json_resource("lexicon", "header_words.json").items()
          if k not in ("_comment", "relative_year")}
# A year in a header: 2021年, 2021年度, 营业收入2021年, or a bare 2021 standing alone.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年度?|(?!\d))")
_GROWTH = _WORDS["growth"]
_CHANGE = _WORDS["change"]
_ACTUAL = _WORDS["actual"]
_EVIDENCE = _WORDS["evidence"]
_ORDINAL = _WORDS["ordinal"]
_UNIT = _WORDS["unit"]
_NOTE = _WORDS["note"]
_LABEL = _WORDS["label"]
_TOTAL = _WORDS["total"]
_CLUSTER = _WORDS["cluster"]
_VALUE = _WORDS["value"]
_RELATIVE: dict[str, int] = load_json_resource("lexicon", "header_words.json")["relative_year"]
# A line stating what a relative year header stands for: 本年为2022年, 上年：2021年.
_STATED_YEAR = re.compile(
    "(" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + r")(?:为|是|指|:)?((?:19|20)\d{2})")
_ESTIMATE = _WORDS["estimate"]
_BARE_NUMBER = re.compile(r"[\d.]+")
_NOTE_STARTS = ("注", *_NOTE)
_LONGEST_HEADER = 40  # characters: a header cell is a few words
_COLUMN_LINE_READ = re.compile(r"[丨|｜]")
_UNIT_IN = re.compile(r"\(([^()]*)\)")
_GOOD_PART = 1 / 3  # of a cell's width: what it must cover of a header's span to stand under it

VALUE_KINDS = frozenset({"year", "actual", "target"})
ROLE_ZH = {"label": "指标名称", "year": "数值", "actual": "上一年实际值", "target": "目标值",
           "growth": "增幅", "evidence": "佐证材料页码", "unit": "单位", "note": "备注/来源",
           "ordinal": "序号", "field": "名单列"}


@dataclass(frozen=True, slots=True)
class Column:
    """What one grid column holds. ``part`` is 3.1's 园区总额 (total) or 其中集群产业 (cluster)."""

    kind: str  # label | year | actual | target | growth | evidence | unit | note | ordinal | field
    year: str | None = None
    part: str = "total"
    field: str | None = None
    unit: str | None = None
    header: str = ""
    field_label: str | None = None
    offset: int | None = None  # a year written relative to the report's (上年 −1, 本年 0), its year not known yet

    def describe(self) -> str:
        what = ROLE_ZH[self.kind]
        if self.field_label:
            what = self.field_label
        if self.year:
            what = f"{self.year}年{what}"
        if self.part == "cluster":
            what += "（其中集群产业）"
        return what


@dataclass
class HeaderMap:
    """Roles by grid column, and the header texts no role fits. ``table`` and ``spans`` (each grid
    column's left and right, where the file placed its cells: a PDF's or a scan's) say where the header
    stood, for a table continued on the next page under another grid."""

    columns: dict[int, Column] = field(default_factory=dict)
    unmapped: dict[int, str] = field(default_factory=dict)
    table: int | None = None
    spans: dict[int, tuple[float, float]] = field(default_factory=dict)

    def at(self, cell: Cell) -> Column | None:
        if cell.table != self.table and cell.bbox is not None and self.spans:
            return self.columns.get(self._under(cell), None)  # type: ignore[arg-type]
        cols = [col for col in range(cell.col, cell.col + cell.colspan) if col in self.columns]
        if not cols:
            return None
        if len(cols) > 1 and cell.bbox is not None and self.spans \
                and self.columns.get(cols[0] - 1) == self.columns[cols[0]] \
                and len({self.columns[col] for col in cols}) > 1:  # starts within a header's span, reaches another
            return self._most_under(cell, cols)
        return self.columns[cols[0]]

    def headers_under(self, cell: Cell) -> list[Column]:
        """The distinct headers over a cell of the header's own table (one, unless it spans two headers'
        columns: on a scan, the column line between them lost in this row, the two cells' texts read as one —
        2021年6月湖南省工业和信息化厅). A cell of a table continued on another page: none said."""
        if cell.table != self.table:
            return []
        under = [self.columns[col] for col in range(cell.col, cell.col + cell.colspan) if col in self.columns]
        return list({(c.kind, c.field, c.year, c.part): c for c in under}.values())

    def _most_under(self, cell: Cell, cols: list[int]) -> Column:
        """The header a cell starting within one header's span and reaching into the next stands under, where
        the file placed them: the first, when the cell covers a good part of its span; else the one it covers
        most (a PDF's page drew one more line down: the 备注 cell from a sliver of 增幅's span to 备注's)."""
        x0, _, x1, _ = cell.bbox  # type: ignore[misc]
        under: dict[Column, float] = {}
        for col in cols:
            under[self.columns[col]] = under.get(self.columns[col], 0.0) + max(0.0, self._overlap(x0, x1, col))
        first = self.columns[cols[0]]
        return first if under[first] >= _GOOD_PART * (x1 - x0) else max(under, key=under.__getitem__)

    def _under(self, cell: Cell) -> int | None:
        """The header column a cell of another table stands under: the one it overlaps most, by more than
        half its width (a page's grid may split or join the header's columns: a scan's streak drew one)."""
        x0, _, x1, _ = cell.bbox  # type: ignore[misc]
        overlap = {col: self._overlap(x0, x1, col) for col in self.spans}
        best = max(overlap, key=overlap.__getitem__)
        return best if overlap[best] > (x1 - x0) / 2 else None

    def _overlap(self, x0: float, x1: float, col: int) -> float:
        """How far x0..x1 runs over the grid column's span (negative: the gap between them)."""
        left, right = self.spans.get(col, (x0, x0))
        return min(x1, right) - max(x0, left)

    def years(self, kind: str = "year") -> list[str]:
        return sorted({c.year for c in self.columns.values() if c.kind == kind and c.year})

    def has_values(self) -> bool:
        return any(c.kind in VALUE_KINDS or c.kind == "field" for c in self.columns.values())

    def give_years(self, stated: dict[int, int]) -> None:
        """Years for the columns headed relative to the report's year (上年 | 本年), from ``stated`` (offset →
        year, as a line above the table says); left without a year when nothing says which."""
        for col, column in self.columns.items():
            if column.offset is None:
                continue
            year = stated.get(column.offset)
            if year is None and stated:
                known = next(iter(stated))
                year = stated[known] + column.offset - known
            if year is not None:
                self.columns[col] = replace(column, year=str(year), offset=None)


def stated_years(text: str) -> dict[int, int]:
    """What a line says the relative year headers stand for: 本年为2022年，上年为2021年 → {0: 2022, -1: 2021}."""
    return {_RELATIVE[word]: int(year) for word, year in _STATED_YEAR.findall(label_key(text))}


def _has(key: str, words: tuple[str, ...]) -> bool:
    return any(w in key for w in words)


def unit_in_parens(key: str) -> str | None:
    """The unit a label or header states in parentheses: '(万元)', '(个,需提供佐证材料)'."""
    for group in _UNIT_IN.findall(key.replace("\n", "")):
        for part in re.split(r"[,，、]", group):
            unit = unit_of(part.strip())
            if unit:
                return unit
    return None


def column_role(text: str, table_kind: str, fields: LabelIndex | None = None) -> Column | None:
    """The role of a column from its joined header text, or None when no role fits.

    ``table_kind`` is indicators | park_indicators | targets | list; ``fields`` indexes a list
    table's column labels."""
    key = _arabic_years(label_key(text))
    if not key:
        return None
    bare = strip_parens(key)
    if len(set(_YEAR.findall(key))) > 1 and _COLUMN_LINE_READ.search(key):
        return None  # several columns' headers in one cell, their lines read as 丨: a scan that lost them
    year_m = _YEAR.search(key)
    year = year_m.group(1) if year_m else None
    unit = unit_in_parens(key)
    if fields is not None:
        rest = _field_words(key)
        hit = fields.match(rest, 85.0) if rest else None
        if hit is not None:
            return _field_column(hit[0], text, year, unit)
    if _has(key, _EVIDENCE):
        return Column("evidence", header=text)
    if bare in _ORDINAL or bare.startswith("序号"):
        return Column("ordinal", header=text)
    if bare in _UNIT:
        return Column("unit", header=text)
    if bare in _NOTE or bare.startswith("备注"):
        return Column("note", header=text)
    if _has(key, _CHANGE):  # 增减量: the change in the figure's unit, beside the growth in %
        return Column("note", header=text)
    if _has(key, _GROWTH):
        return Column("growth", header=text)
    part = _part_of(_YEAR.sub("", bare))
    if table_kind == "targets" and _has(key, _ACTUAL):
        return Column("actual", year, header=text, unit=unit)
    if year is not None and (table_kind != "list" or not _YEAR.sub("", bare)):
        kind = "target" if "目标" in key or table_kind == "targets" else "year"
        return Column(kind, year, part or "total", unit=unit, header=text)
    if part is not None:
        return Column("year", None, part, header=text)
    if table_kind in ("indicators", "park_indicators"):
        if bare in _VALUE:  # 实际值 under a year header above
            return Column("year", None, header=text)
        if bare in _RELATIVE:  # 上年 | 本年: the years a line above the table states
            return Column("year", None, header=text, offset=_RELATIVE[bare])
    if bare in _LABEL or bare.endswith("指标名称"):
        return Column("label", header=text)
    return None


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
_CN_YEAR = re.compile(r"[〇○Ｏ零一二三四五六七八九]{4}(?=年)")


# A year with a digit OCR read as the letter like it (Z022年, 2O22年, 20l9年): letters and two digits or more.
_LOOK_ALIKE_YEAR = re.compile(r"(?<![0-9A-Za-z])[2Zz][0Oo1lI][0-9ZzOolIS]{2}(?=年)")
_LOOK_ALIKE_DIGITS = str.maketrans("ZzOolIS", "2200115")


# A year written with two digits: 22年, ’22年 (not 近10年, 第10年, 10年代).
_SHORT_YEAR = re.compile(r"(?<![\d近前后第])[’']?([1-4]\d)(?=年(?!代))")


def _arabic_years(key: str) -> str:
    """二〇二二年 → 2022年 (a header written in Chinese numerals, as formal documents date things); 22年 →
    2022年 (two digits, as a busy office writes it); Z022年 → 2022年 (a scan's 2 read as the letter like it)."""
    key = _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(0)), key)
    key = _LOOK_ALIKE_YEAR.sub(_look_alike_year, key)
    return _SHORT_YEAR.sub(lambda m: "20" + m.group(1), key)


def _look_alike_year(m: re.Match[str]) -> str:
    year = m.group(0)
    return year.translate(_LOOK_ALIKE_DIGITS) if sum(ch.isdigit() for ch in year) >= 2 else year


def _part_of(bare: str) -> str | None:
    if not bare:
        return None
    if bare in _CLUSTER or bare.startswith("其中"):
        return "cluster"
    if bare in _TOTAL:
        return "total"
    return None


def looks_like_header(cells: list[Cell], table_kind: str, fields: LabelIndex | None = None) -> bool:
    """A row of header texts: every cell has a role, or two have one; and none holds a figure.

    A data row may hold year-like texts (a 批准时间 of ``2020年``; 集群形成时间 ``2008``): a bare
    number never counts towards the two. A figure with a header's word beside it is still a figure (a year
    with its unit, 2023（亿元）, is a header): a row
    ``国家级单项冠军数量（个，需提供佐证材料） | 无 | 1（佐证材料P40-41）`` names 佐证 twice and is no header."""
    roles = texts = strong = 0
    figure = False
    own = [c for c in cells if c.norm and not c.continued]
    if len(own) == 1 and _is_note(own[0].norm):  # 注：以上数据来源于2023年2月统计快报…: a note across the table
        return False
    for cell in cells:
        if not cell.norm or cell.continued:
            continue
        texts += 1
        role = column_role(cell.norm, table_kind, fields)
        figure |= (role is None or role.year is None) and _is_figure(cell.norm)  # 2023（亿元） heads a year
        if role is not None:
            roles += 1
            strong += not _BARE_NUMBER.fullmatch(label_key(cell.norm))
    return texts > 0 and not figure and (roles == texts or strong >= 2)


def _is_note(text: str) -> bool:
    """A note or a sentence, not a header: it starts with 注 (说明, 数据来源 …) or is as long as a sentence."""
    key = label_key(text)
    return key.startswith(_NOTE_STARTS) or len(key) > _LONGEST_HEADER


def _is_figure(text: str) -> bool:
    parsed = parse_value(text.replace("\n", ""))
    return parsed.value is not None and _YEAR.fullmatch(label_key(text)) is None


def read_header(rows: list[list[Cell]], table_kind: str, fields: LabelIndex | None = None) -> HeaderMap:
    """Join the header texts above each grid column (top to bottom) and give each column a role."""
    texts: dict[int, list[str]] = {}
    for row in rows:
        for cell in row:
            if not cell.norm:
                continue
            for col, text in zip(range(cell.col, cell.col + cell.colspan), _own_headers(cell), strict=True):
                parts = texts.setdefault(col, [])
                if not parts or parts[-1] != text:
                    parts.append(text)
    out = HeaderMap(table=rows[-1][0].table if rows and rows[-1] else None, spans=_spans(rows))
    by_ocr = any(scanned(cell) for row in rows for cell in row)
    for col in sorted(texts):
        text = " ".join(texts[col])
        role = column_role(text, table_kind, fields) or _role_of_a_line(text, table_kind, fields) \
            or (_misread_field(text, fields) if by_ocr else None)
        if role is None:
            out.unmapped[col] = text
        else:
            out.columns[col] = _completed(role, out.columns.get(col - 1))
    if by_ocr:
        _join_split_headers(out, table_kind, fields)
    _set_estimates_aside(out)
    _set_earlier_growths_aside(out)
    if table_kind != "targets":
        _set_targets_aside(out)
    return out


def _own_headers(cell: Cell) -> list[str]:
    """The header text each column under a header cell takes: the cell's text for every one. A scan's cell
    over as many columns as it holds headers run together (2023年增幅(%): the line between 2023年 and 增幅
    lost on a fax) gives each column its own, in order; a file's merged cell is the applicant's and stays."""
    whole = [cell.norm] * cell.colspan
    if cell.colspan == 1 or cell.confidence is None:
        return whole
    starts = sorted({m.start() for m in _YEAR.finditer(cell.norm)} | {
        i for word in _GROWTH for i in (m.start() for m in re.finditer(re.escape(word), cell.norm))})
    if len(starts) != cell.colspan or starts[0] != 0:
        return whole
    return [cell.norm[a:b].strip() for a, b in pairwise([*starts, len(cell.norm)])]


def _set_estimates_aside(header: HeaderMap) -> None:
    """A year the applicant added beyond the form's two, as an estimate (2021年 | 2022年 | 2023年（预计）), is
    a note, not a year the report states. With two years only, 预计 marks a year the form asks for,
    written before its final figures (2022年（预计） | 2021年（实际））: it stays."""
    years = {c.year for c in header.columns.values() if c.kind == "year" and c.year}
    if len(years) <= 2:
        return
    for col, column in list(header.columns.items()):
        if column.kind == "year" and _has(label_key(column.header), _ESTIMATE):
            header.columns[col] = Column("note", header=column.header)


def _set_earlier_growths_aside(header: HeaderMap) -> None:
    """Growth columns of several years, each named by its year (2021年 | 2022年 | 2023年 | 2022年增幅 | 2023年增幅:
    an earlier year added before the form's two): the latest year's is the growth the form asks for, the
    others are notes. Growths without a year in their header are left as they are (two such is a doubt)."""
    growths = [(col, c) for col, c in header.columns.items() if c.kind == "growth"]
    named = {col: m.group(1) for col, c in growths if (m := _YEAR.search(c.header))}
    if len(growths) < 2 or len(named) < len(growths) or len(set(named.values())) < len(growths):
        return
    latest = max(named.values())
    for col, column in growths:
        if named[col] != latest:
            header.columns[col] = Column("note", header=column.header)


def _set_targets_aside(header: HeaderMap) -> None:
    """A target column the applicant added beside the years of a table of figures (2024年目标值 | 完成率): a
    note, not the year's figure — the form asks for targets only in 5.1."""
    if not any(c.kind == "year" and c.year for c in header.columns.values()):
        return
    for col, column in list(header.columns.items()):
        if column.kind == "target":
            header.columns[col] = Column("note", header=column.header)


def _spans(rows: list[list[Cell]]) -> dict[int, tuple[float, float]]:
    """Each grid column's left and right from the header's cells (a spanning cell shared evenly), when the
    file placed them; none otherwise (a Word file)."""
    spans: dict[int, tuple[float, float]] = {}
    for row in rows:
        for cell in row:
            if cell.bbox is None:
                return {}
            x0, _, x1, _ = cell.bbox
            width = (x1 - x0) / cell.colspan
            for i in range(cell.colspan):
                if cell.colspan == 1 or cell.col + i not in spans:
                    spans[cell.col + i] = (x0 + i * width, x0 + (i + 1) * width)
    return spans


def _completed(role: Column, left: Column | None) -> Column:
    """A column headed only by the lower half of a two-row header (其中：集群产业 without its year;
    2022年 without 营业收入) sits under a spanning cell whose span the file did not show (a PDF
    ruled as 三线表): it takes the missing half from the column to its left."""
    if left is None:
        return role
    if role.kind == "year" and role.year is None and left.kind == "year" and left.year:
        return replace(role, year=left.year)
    if role.kind == "year" and role.year and left.kind == "field" and left.year and left.year != role.year:
        return replace(left, year=role.year, header=role.header)
    return role


def _field_words(key: str) -> str:
    """A list column's header key without its years and parentheticals: what names the column."""
    return strip_parens(_YEAR.sub("", key)).strip("-_/ ")


def _field_column(spec: object, text: str, year: str | None, unit: str | None) -> Column:
    """The column of a list's field ``spec`` (its year kept when the field is per year)."""
    return Column("field", year if getattr(spec, "per_year", False) else None, field=spec.key,  # type: ignore[attr-defined]
                  unit=unit, header=text, field_label=spec.label)  # type: ignore[attr-defined]


def _misread_field(text: str, fields: LabelIndex | None) -> Column | None:
    """A scan's list column header with one character misread (批准卧间 for 批准时间): the field it names,
    when only one is that near (:meth:`LabelIndex.match_misread`)."""
    key = _arabic_years(label_key(text))
    rest = _field_words(key) if fields is not None else ""
    hit = fields.match_misread(rest) if fields is not None and rest else None
    if hit is None:
        return None
    year = _YEAR.search(key)
    return _field_column(hit[0], text, year.group(1) if year else None, unit_in_parens(key))


def _join_split_headers(header: HeaderMap, table_kind: str, fields: LabelIndex | None) -> None:
    """A scan's header cut in two by a line found through it (批准卧 | 间 for 批准时间, the line across the
    header row only): two neighbouring headers of no role that make one together are one column's header,
    given to both grid columns (the figures under them span the two)."""
    for col in sorted(header.unmapped):
        if col not in header.unmapped or col + 1 not in header.unmapped:
            continue
        joined = header.unmapped[col] + header.unmapped[col + 1]
        role = column_role(joined, table_kind, fields) or _misread_field(joined, fields)
        if role is not None:
            header.columns[col] = header.columns[col + 1] = role
            del header.unmapped[col], header.unmapped[col + 1]


def _role_of_a_line(text: str, table_kind: str, fields: LabelIndex | None) -> Column | None:
    """A corner cell holds two headers (近2年情况 / 企业名称): the last line that has a role."""
    for line in reversed(text.split("\n")):
        role = column_role(line, table_kind, fields)
        if role is not None:
            return Column(role.kind, role.year, role.part, role.field, role.unit, text, role.field_label)
    return None
