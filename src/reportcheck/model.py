"""The typed model of a report: what extraction produces and what rules read."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar, Literal

Severity = Literal["error", "warning", "info"]
Category = Literal["advanced", "sme"]
SEVERITY_ZH: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_ZH: dict[str, str] = {"advanced": "先进制造业集群", "sme": "中小企业特色产业集群"}
DATA_SHEET = "data_sheet"  # the template id of a report read from the Excel data sheet


@dataclass(frozen=True, slots=True, kw_only=True)
class Loc:
    """Location in the source: table/row/col for a cell, paragraph for text, page on PDF."""

    _DUMP_SET_ONLY: ClassVar[bool] = True  # JSON holds only the coordinates that apply

    table: int | None = None
    row: int | None = None
    col: int | None = None
    paragraph: int | None = None
    page: int | None = None

    # Pickled as a plain tuple: dataclasses' own state functions for a frozen class with slots look the
    # fields up on every call, and a report holds tens of thousands of locations (the batch's spool).
    def __getstate__(self) -> tuple[int | None, ...]:
        return (self.table, self.row, self.col, self.paragraph, self.page)

    def __setstate__(self, state: tuple[int | None, ...]) -> None:
        for name, value in zip(("table", "row", "col", "paragraph", "page"), state, strict=True):
            object.__setattr__(self, name, value)

    def describe(self) -> str:
        """Where, in words a user finds it by: 第3页 表5 第2行 第3列 / 第12段."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table + 1}")
        if self.row is not None:
            parts.append(f"第{self.row + 1}行")
        if self.col is not None:
            parts.append(f"第{self.col + 1}列")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph + 1}段")
        return " ".join(parts)


@dataclass(slots=True, kw_only=True)
class Issue:
    """A finding: which rule, how severe, where in the report, and the message users read."""

    code: str
    severity: Severity
    section: str | None = None
    field: str | None = None
    message: str
    location: Loc | None = None
    args: dict[str, object] = dataclasses.field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class Indicator:
    """One indicator row. ``values`` is keyed by year as a string, in the row's ``unit``."""

    section: str
    key: str
    label: str
    unit: str
    values: dict[str, float | None]
    growth_pct: float | None = None
    evidence_pages: list[int] = dataclasses.field(default_factory=list)
    evidence_required: bool = False
    single_value: bool = False
    cluster_values: dict[str, float | None] | None = None
    """3.1 only: 其中集群产业 by year (values hold 园区总额)"""
    base_year: str | None = None
    """5.1 only: the year of 上一年实际值"""
    raw: dict[str, str] = dataclasses.field(default_factory=dict)
    """cell text as written, by column"""
    decimals: dict[str, int] = dataclasses.field(default_factory=dict)
    """digits after the point (negative for a figure written in a larger unit: 1.25万人 is −2)"""
    growth_decimals: int | None = None
    growth_in_points: bool = False
    """the growth was written as a change in percentage points (+0.7个百分点): the difference of two
    shares, not a rate"""
    approximate: list[str] = dataclasses.field(default_factory=list)
    """columns written as 约…"""
    doubts: dict[str, str] = dataclasses.field(default_factory=dict)
    """figures read with doubt, by column (a year, 'YEAR:cluster', 'growth' or 'row'), and why;
    rules do not rest a finding on them"""
    location: Loc | None = None
    cells: dict[str, Loc] = dataclasses.field(default_factory=dict)
    """where each figure was read: the grid cell, keyed as raw"""
    formulas: dict[str, str] = dataclasses.field(default_factory=dict)
    """Word formula fields the figures are the results of, keyed as raw ('growth': '=ROUND((C9-B9)/B9*100,1)')"""

    def at(self, column: str) -> Loc | None:
        """The cell of one figure (a year, 'YEAR:cluster', 'growth', 'page:23' for an evidence page),
        else the row's."""
        return self.cells.get(column, self.location)

    def latest(self) -> tuple[str, float] | None:
        """The latest year with a value (targets excluded: 5.1 rows use base_year)."""
        years = sorted((y for y, v in self.values.items() if v is not None), reverse=True)
        if self.base_year is not None:
            years = [self.base_year] if self.values.get(self.base_year) is not None else []
        return (years[0], self.values[years[0]]) if years else None  # type: ignore[return-value]


@dataclass(slots=True, kw_only=True)
class ColumnReading:
    """How one column of a table was understood from its header."""

    col: int
    span: int = 1
    """grid columns under one header cell"""
    header: str
    role: str
    """what the column holds, in words (未识别 when no role fits)"""


@dataclass(slots=True, kw_only=True)
class SkippedRow:
    """A row a table's reader passed over, and why (``readings``: how each table was read)."""

    text: str
    reason: str
    location: Loc | None = None


@dataclass(slots=True, kw_only=True)
class TableReading:
    """How a table was recognised and read: what anchored it, its columns, the rows left out."""

    section: str
    title: str
    found_by: str
    columns: list[ColumnReading] = dataclasses.field(default_factory=list)
    rows_read: int = 0
    skipped: list[SkippedRow] = dataclasses.field(default_factory=list)
    reading: str | None = None
    """how the table was read when its rows disagreed as read (years exchanged, growth in points), or
    that its figures are in doubt"""


@dataclass(slots=True, kw_only=True)
class ListRow:
    """One entry of a list table: its cells by column, and a column's figures by year."""

    values: dict[str, str | float | None] = dataclasses.field(default_factory=dict)
    by_year: dict[str, dict[str, float | None]] = dataclasses.field(default_factory=dict)
    location: Loc | None = None
    doubts: dict[str, str] = dataclasses.field(default_factory=dict)
    """columns read with doubt (a scan's unsure OCR), and why; rules do not rest a finding on them"""

    @property
    def run_together(self) -> bool:
        """Read from a scan whose lines between rows were lost or added: the entry may be several, or half
        of one, so a count of the list's entries is not sure either."""
        return any(RUN_TOGETHER in why for why in self.doubts.values())


# Why a scan's entry is in doubt when its cells span rows: the doubts' text, and what counts rest on.
RUN_TOGETHER = "单元格跨了多行，可能是行间的表格线未能识别、相邻两行连在了一起"


@dataclass(slots=True, kw_only=True)
class ListTable:
    """A list table of the report (营业收入排名前十, 技术创新载体 …) and its entries."""

    id: str
    title: str
    section: str
    rows: list[ListRow] = dataclasses.field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Claim:
    """A figure stated in free text about an indicator: '2022年集群总产值达到1326.8亿元'."""

    key: str
    kind: Literal["value", "growth"]
    value: float
    decimals: int
    unit: str | None = None
    year: str | None = None
    quote: str
    location: Loc | None = None
    """the paragraph or cell the quote is in"""


@dataclass(slots=True, kw_only=True)
class TextBlock:
    """A block of prose (a self-evaluation, an introduction): its text, counts and claims."""

    id: str
    title: str
    text: str
    word_count: int
    """Word 字数"""
    char_count: int
    """Word 字符数(不计空格)"""
    limit: int | None = None
    aspects_missing: list[str] = dataclasses.field(default_factory=list)
    """topics the instruction names that the text never mentions"""
    claims: list[Claim] = dataclasses.field(default_factory=list)
    location: Loc | None = None
    ocr_margin: float = 0.0
    """read by OCR: the share by which 字数 may be off (3 % plus the lines read in doubt); a limit is
    judged only past it"""
    unsure_lines: list[str] = dataclasses.field(default_factory=list)
    """lines a scan's OCR read in doubt, as read: a difference lying in them cannot be confirmed"""


@dataclass(slots=True, kw_only=True)
class Contact:
    """An organisation of the basic information, with its leader and its contact."""

    name: str | None = None
    leader: str | None = None
    leader_phone: str | None = None
    contact: str | None = None
    contact_phone: str | None = None


@dataclass(slots=True, kw_only=True)
class BasicInfo:
    """The basic information (一、集群基本信息): names, category, field, region, organisations."""

    cluster_name: str | None = None
    industry_field: str | None = None
    category: str | None = None
    """申报类别 as written"""
    leading_industry: str | None = None
    region: str | None = None
    promotion_org: Contact = dataclasses.field(default_factory=Contact)
    core_park: Contact = dataclasses.field(default_factory=Contact)
    locations: dict[str, Loc] = dataclasses.field(default_factory=dict)
    as_written: dict[str, str] = dataclasses.field(default_factory=dict)
    """fields whose text as written differs from the simplified value"""
    doubts: dict[str, str] = dataclasses.field(default_factory=dict)
    """fields read with doubt (a scan's unsure OCR), keyed as locations, and why"""
    not_found: list[str] = dataclasses.field(default_factory=list)
    """fields whose label the reader never met (keyed as locations): not known to be empty, only unread"""

    def quote(self, key: str) -> str:
        """A field as the applicant wrote it (traditional characters kept), for messages."""
        return self.as_written.get(key) or str(getattr(self, key, "") or "")


@dataclass(slots=True, kw_only=True)
class EvidencePage:
    """A page of the evidence appendix that the report cites, as read."""

    cited: int
    """the page number as the report writes it"""
    file: str | None = None
    """the name of the file holding it; None when the appendix has no such page"""
    sheet: int | None = None
    """its place in that file (1 for the first page)"""
    text: str = ""
    """what it says, simplified characters without spaces"""
    heading: str = ""
    """its first line of words, as it is written: what the page is about"""
    read_by: str = ""
    """"text" (its text layer) or "ocr"; empty when not read"""
    unsure: int = 0
    """lines OCR read too unsurely to take: what it holds may be more than its text says"""
    thumbnail: str = ""
    """a small picture of the page (JPEG, base64) for the reviewer to glance at"""
    doubt: str | None = None
    """why it cannot be judged (an image OCR could not read, a blank page): no finding rests on it"""


@dataclass(slots=True, kw_only=True)
class Evidence:
    """The evidence appendix, as far as the report cites it (``check --evidence``)."""

    files: list[str]
    """the files read as the appendix, in order (their names)"""
    sheets: int = 0
    """its pages"""
    numbering: str = "position"
    """how a cited page was found: "printed" (by the page numbers printed on the pages) or "position"
    (by its place: no page numbers were found)"""
    first: int = 1
    """the number the appendix's first page has"""
    pages: list[EvidencePage] = dataclasses.field(default_factory=list)
    doubt: str | None = None
    """why the appendix could not be read at all"""

    def page(self, number: int) -> EvidencePage | None:
        return next((p for p in self.pages if p.cited == number), None)


@dataclass(slots=True, kw_only=True)
class Report:
    """One report read into typed data: every figure, list and text, and how they were read."""

    source: str
    template: str
    stage: str | None = None  # the form's round as its title writes it (初赛, 决赛)
    """None for a data sheet"""
    category: Category | None = None
    years: list[str] = dataclasses.field(default_factory=list)
    basic: BasicInfo = dataclasses.field(default_factory=BasicInfo)
    fields: dict[str, str | None] = dataclasses.field(default_factory=dict)
    indicators: list[Indicator] = dataclasses.field(default_factory=list)
    lists: list[ListTable] = dataclasses.field(default_factory=list)
    texts: list[TextBlock] = dataclasses.field(default_factory=list)
    declaration_present: bool = False
    evidence_range: tuple[int, int] | None = None
    """first and last page of the evidence appendix, when the report states them"""
    extraction_issues: list[Issue] = dataclasses.field(default_factory=list)
    readings: list[TableReading] = dataclasses.field(default_factory=list)
    """how each table was read"""
    scanned_pages: list[int] = dataclasses.field(default_factory=list)
    """pages read by OCR (a scan)"""
    reading_failed: bool = False
    """almost nothing of the form could be read: one finding says so, and no rule runs on the rest"""
    evidence: Evidence | None = None
    """the cited pages of the evidence appendix, when asked for"""

    def indicator(self, key: str) -> Indicator | None:
        return next((i for i in self.indicators if i.key == key), None)

    def list_table(self, list_id: str) -> ListTable | None:
        return next((t for t in self.lists if t.id == list_id), None)
