"""A finished batch as plain tables, one per sheet, so the workbook, JSON and CSV carry the same content.

Each outcome becomes its file's rows once, kept in the spool beside it (:func:`spool_rows`: by the batch's
worker that checked the file, or here when none did), with the columns of 数据 and 名单 it fills and how
wide its cells are. ``BatchTables(result)`` reads those to find the batch's columns (the indicators and list
columns that occur in any file); ``rows()`` then reads the kept rows and yields every sheet's rows file by
file, each sheet's rows in order. Outcomes and rows are read one file at a time, never all held.

Sheets: 汇总 (one row per file), 问题清单 (one row per finding), 数据 (one row per file, one column per
section, indicator and year), 名单 (one row per list row), 批内比对 (one row per cross-report
finding), 版本比对 (only when the batch holds versions of one report: one row per difference of each
pair, or one row saying the pair agrees), 未检查 (the files left out). A 汇总 row's 问题清单首行 is the
row of the file's first finding in 问题清单, counting the header as row 1 (as Excel and a CSV reader
count) — "第5行", a link in the workbook; empty when it has none.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportcheck.batch.result import BatchResult, VersionPair, read_outcome, rows_path, spool_path
from reportcheck.batch.verdict import entry_verdict
from reportcheck.compare.result import KIND_ZH, Difference, Doubt
from reportcheck.compare.values import Value, show
from reportcheck.model import CATEGORY_ZH, SEVERITY_ZH, Issue, ListRow, ListTable, Report
from reportcheck.outcome import STATUS_ZH, FileOutcome
from reportcheck.render.grouping import finding_order, template_key
from reportcheck.render.widths import display_width
from reportcheck.spec import ColumnSpec, load_data_sheet_spec, load_templates

if TYPE_CHECKING:
    from reportcheck.archived import YearRow
    from reportcheck.settings import Settings

SUMMARY, FINDINGS, DATA, LISTS, CROSS, SKIPPED = "汇总", "问题清单", "数据", "名单", "批内比对", "未检查"
SHEETS = (SUMMARY, FINDINGS, DATA, LISTS, CROSS, SKIPPED)  # every batch's; 版本比对 only with versions
VERSIONS = "版本比对"
YEARS = "历年对比"  # with --archive, for reports whose cluster the archive already knew

Cell = str | int | float | None
ERROR, WARNING = "error", "warning"

VERDICT_FIGURES = ("营业收入（亿元）", "链主营业收入（亿元）", "产值（亿元）", "中小企业产值占比（%）",
                   "单项冠军+小巨人（个）")
FIRST_FINDING = "问题清单首行"
EVIDENCE = "佐证材料核对"  # 汇总's last column, when the batch checked the appendices
UNREADABLE_REASON = "无法读取原因"
SUMMARY_HEADER = ["文件", "集群名称", "申报类别", "阶段", "状态", UNREADABLE_REASON, "错误", "警告", "提示", "参赛条件",
                  *VERDICT_FIGURES, FIRST_FINDING]
FINDINGS_HEADER = ["文件", "集群名称", "代码", "严重程度", "章节", "字段", "说明", "位置"]
CROSS_HEADER = ["代码", "严重程度", "说明", "文件一", "位置一", "文件二", "位置二", "相似度（%）"]
SKIPPED_HEADER = ["文件", "原因"]
VERSIONS_HEADER = ["文件一", "文件二", "集群名称", "结果", "类型", "章节", "表格", "项目", "列", "单位",
                   "文件一的值", "文件一位置", "文件二的值", "文件二位置", "说明"]
AGREE, DIFFER, UNCONFIRMED, PAIR = "一致", "不一致", "无法确认", "本对合计"
ALL_REPORTS = "（本批全部报告）"
FILE_COLUMNS = ["文件", "集群名称"]
LIST_LEAD = ["文件", "集群名称", "章节", "名单"]
YEARS_LEAD, YEARS_TAIL = ["文件", "集群名称", "指标", "单位"], ["其他年份取自档案中的", "前后不一致"]

_STATUS_COLUMN = SUMMARY_HEADER.index("状态")
_FIRST_FINDING_COLUMN = SUMMARY_HEADER.index(FIRST_FINDING)
_VERDICT_COLUMN = SUMMARY_HEADER.index("参赛条件")
_VERDICT_TONE = {"未达标": ERROR, "无法核验": WARNING}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters no spreadsheet cell may hold
_LAST = 10**6  # order of a row or column the templates do not know: after those they do


@dataclass
class Row:
    """One row of a sheet; ``tones`` marks cells (by column index) to show as an error or a warning."""

    cells: list[Cell]
    tones: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, order=True)
class DataColumn:
    """A 数据 column: one indicator of one section in one year (its 园区总额, or 其中集群产业)."""

    order: tuple
    section: str
    label: str
    year: str
    cluster: bool
    unit: str = field(compare=False)

    @property
    def header(self) -> str:
        unit = f"（{self.unit}）" if self.unit else ""
        return f"{self.section} {self.label}{unit}{self.year}年" + ("（其中集群产业）" if self.cluster else "")


@dataclass(frozen=True, order=True)
class ListColumn:
    """A 名单 column: a list column's label (lists share 名称, 级别 …), per year where the column is."""

    order: int
    label: str
    unit: str = ""
    year: str = ""

    @property
    def header(self) -> str:
        name = f"{self.label}（{self.unit}）" if self.unit else self.label
        return f"{name} {self.year}年" if self.year else name


def clean(value: object) -> Cell:
    """A cell value: whole numbers as int, text without control characters, nothing (None) for empty text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return _ILLEGAL.sub("", value) or None
    return value  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _row_order() -> dict[tuple[str, str], int]:
    """(section, label) → the row's place in the templates (then the data sheet's own rows)."""
    order: dict[tuple[str, str], int] = {}
    for spec in load_templates():
        for table in spec.indicator_tables:
            for row in table.rows:
                order.setdefault((table.id, row.label), len(order))
    for section, row in load_data_sheet_spec().rows():
        order.setdefault((section, row.label), len(order))
    return order


@lru_cache(maxsize=1)
def _list_specs() -> tuple[dict[str, dict[str, ColumnSpec]], dict[str, int]]:
    """List id → its columns by key; and each column label's place (first in template order)."""
    columns: dict[str, dict[str, ColumnSpec]] = {}
    order: dict[str, int] = {}
    for spec in load_templates():
        for table in spec.list_tables:
            columns.setdefault(table.id, {c.key: c for c in table.columns})
            for column in table.columns:
                order.setdefault(column.label, len(order))
    return columns, order


def _data_cells(report: Report) -> Iterator[tuple[DataColumn, Cell]]:
    order = _row_order()
    for ind in report.indicators:
        place = (template_key(ind.section), order.get((ind.section, ind.label), _LAST), ind.label)
        for cluster, values in ((False, ind.values), (True, ind.cluster_values or {})):
            for year, value in values.items():
                yield DataColumn((*place, cluster, year), ind.section, ind.label, year, cluster, ind.unit), clean(value)


def _list_cells(table: ListTable, row: ListRow) -> Iterator[tuple[ListColumn, Cell]]:
    specs, order = _list_specs()
    columns = specs.get(table.id, {})

    def column(key: str, year: str = "") -> ListColumn:
        spec = columns.get(key)
        label = spec.label if spec else key
        return ListColumn(order.get(label, _LAST), label, (spec.unit or "") if spec else "", year)

    for key, value in row.values.items():
        yield column(key), clean(value)
    for key, by_year in row.by_year.items():
        for year, value in by_year.items():
            yield column(key, year), clean(value)


def _cluster(outcome: FileOutcome) -> Cell:
    return clean(outcome.report.basic.cluster_name) if outcome.report else None


def _tone(severity: str, width: int) -> dict[int, str]:
    return {i: severity for i in range(width)} if severity in (ERROR, WARNING) else {}


@dataclass
class FileRows:
    """One file's rows, made from its outcome once, before the batch's columns are known: 数据 and 名单
    cells by their column, findings with what makes one a note every report gets."""

    summary: Row
    """问题清单首行 left empty"""
    findings: list[tuple[tuple[str, str] | None, Row]]
    """each finding's (code, message) when the file has a report (None else), and its row"""
    data: dict[DataColumn, Cell]
    list_columns: list[ListColumn]
    """the 名单 columns it fills"""
    lists: list[tuple[list[Cell], list[tuple[int, Cell]]]]
    """each list row: its leading cells (file … 名单), its values by their column's place in ``list_columns``
    (thousands of rows name a few columns: each is kept, and looked up in the batch's, once)"""
    notes: set[tuple[str, str]] | None
    """its notes (提示) when it has a report"""


@dataclass
class FileColumns:
    """What the batch needs of a file's rows before it writes any: the 数据 and 名单 columns it fills, its
    notes, its number of findings, and how wide its cells are by sheet and column (an index, or a 数据 or
    名单 column)."""

    data: set[DataColumn]
    lists: set[ListColumn]
    notes: set[tuple[str, str]] | None
    findings: int
    widest: dict[tuple[str, object], int]
    note_widest: dict[tuple[str, str], list[int]]
    """its notes' 问题清单 rows' widths, apart: a note every report gets is not written in its rows"""


def spool_rows(spool: Path, settings: Settings | None, pack: dict | None, evidence: bool, index: int,
               outcome: FileOutcome) -> None:
    """Make the ``index``-th file's rows and keep them in the spool beside its outcome, after their
    :class:`FileColumns` (read alone first): a batch's worker does it as it checks the file (the workers
    share the work; the batch only reads them back), the batch itself for a file its worker gave no
    outcome for (the rows then replace any a stopped worker left)."""
    rows = file_rows(outcome, settings, pack, evidence)
    columns = pickle.dumps(_columns(rows), protocol=pickle.HIGHEST_PROTOCOL)
    _rows_at(spool, index).write_bytes(len(columns).to_bytes(_SIZE, "little") + columns
                                        + pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))


_SIZE = 8  # bytes of the columns' length, first in a file's rows: the rows are read past them, not through them


def _rows_at(spool: Path, index: int) -> Path:
    return rows_path(spool_path(spool, index))


def file_rows(outcome: FileOutcome, settings: Settings | None, pack: dict | None, evidence: bool) -> FileRows:
    """One file's rows (``evidence``: whether the batch checked the appendices, 汇总 then has a column)."""
    report = outcome.report
    rows = FileRows(
        summary=_summary(outcome, settings, pack, evidence),
        findings=[((i.code, i.message) if report is not None else None, row) for i, row in _findings(outcome)],
        data=dict(_data_cells(report)) if report is not None else {},
        list_columns=[], lists=[],
        notes={(i.code, i.message) for i in outcome.issues if i.severity == "info"} if report is not None else None)
    if report is not None:
        places: dict[ListColumn, int] = {}
        for lead, values in _lists(outcome):
            rows.lists.append((lead, [(places.setdefault(c, len(places)), v) for c, v in values.items()]))
        rows.list_columns = list(places)
    return rows


def _columns(rows: FileRows) -> FileColumns:
    widest: dict[tuple[str, object], int] = {}
    note_widest: dict[tuple[str, str], list[int]] = {}
    _widen(widest, SUMMARY, enumerate(rows.summary.cells))
    for key, row in rows.findings:
        if key is not None and rows.notes is not None and key in rows.notes:
            note_widest[key] = [display_width(value) for value in row.cells]
        else:
            _widen(widest, FINDINGS, enumerate(row.cells))
    _widen(widest, DATA, [*enumerate(rows.summary.cells[:2]), *rows.data.items()])
    for lead, values in rows.lists:
        _widen(widest, LISTS, [*enumerate(lead), *((rows.list_columns[i], v) for i, v in values)])
    return FileColumns(set(rows.data), set(rows.list_columns), rows.notes,
                       len(rows.findings), widest, note_widest)


def _widen(widest: dict[tuple[str, object], int], sheet: str, cells: Iterable[tuple[object, Cell]]) -> None:
    _widen_to(widest, sheet, ((column, display_width(value)) for column, value in cells))


def _widen_to(widest: dict[tuple[str, object], int], sheet: str, widths: Iterable[tuple[object, int]]) -> None:
    for column, width in widths:
        if width > widest.get((sheet, column), 0):
            widest[sheet, column] = width


def _summary(outcome: FileOutcome, settings: Settings | None, pack: dict | None, evidence: bool) -> Row:
    counts = {s: sum(1 for i in outcome.issues if i.severity == s) for s in SEVERITY_ZH}
    verdict = entry_verdict(outcome, settings, pack)
    report = outcome.report
    cells: list[Cell] = [
        clean(outcome.path), _cluster(outcome),
        CATEGORY_ZH.get(report.category or "", "未识别") if report else None,
        (report.stage or "数据表") if report else None,
        STATUS_ZH[outcome.status], clean(outcome.error.zh) if outcome.error else None,
        counts["error"], counts["warning"], counts["info"], verdict.status,
        *(clean(verdict.figures.get(name)) for name in VERDICT_FIGURES),
        None, *([evidence_tally(outcome)] if evidence else [])]
    tones = {}
    status_tone = ERROR if outcome.error or counts["error"] else WARNING if counts["warning"] else None
    if status_tone:
        tones[_STATUS_COLUMN] = status_tone
    if verdict.status in _VERDICT_TONE:
        tones[_VERDICT_COLUMN] = _VERDICT_TONE[verdict.status]
    if evidence and cells[-1] != "未核对" and "不符0行" not in str(cells[-1]):
        tones[len(SUMMARY_HEADER)] = WARNING
    return Row(cells, tones)


class BatchTables:
    """The sheets of one batch. Construction reads every file's rows (:func:`spool_rows`; made here from
    its outcome when the spool has none) once and finds the columns of 数据 and 名单 and how wide every
    column must be."""

    def __init__(self, result: BatchResult) -> None:
        self.result = result
        data: set[DataColumn] = set()
        lists: set[ListColumn] = set()
        notes: list[set[tuple[str, str]]] = []
        self._widest: dict[tuple[str, object], int] = {}
        note_widest: dict[tuple[str, str], list[int]] = {}
        self._finding_rows = 0
        for index in range(len(result.paths)):
            columns = self._columns(index)
            self._finding_rows += columns.findings
            data.update(columns.data)
            lists.update(columns.lists)
            if columns.notes is not None:
                notes.append(columns.notes)
            for key, width in columns.widest.items():
                if width > self._widest.get(key, 0):
                    self._widest[key] = width
            for note, widths in columns.note_widest.items():
                note_widest[note] = list(map(max, note_widest.get(note, widths), widths))
        self.data_columns = sorted(data)
        self.list_columns = sorted(lists)
        self._data_place = {c: i for i, c in enumerate(self.data_columns)}
        self._list_place = {c: i for i, c in enumerate(self.list_columns)}
        # A note every report of the batch gets word for word (EL008's list of what only a person can check)
        # is said once, at the end of 问题清单, for all of them — not once per report.
        self.common_notes = set.intersection(*notes) if len(notes) > 1 else set()
        for note, widths in note_widest.items():
            if note not in self.common_notes:
                _widen_to(self._widest, FINDINGS, enumerate(widths))

    @property
    def sheets(self) -> tuple[str, ...]:
        """The sheets of this batch in order: :data:`SHEETS`, with 版本比对 after 批内比对 when the batch
        holds versions of one report, and 历年对比 after them when the archive knew a report's cluster."""
        extra = (VERSIONS,) * bool(self.result.versions) + (YEARS,) * bool(self.result.history)
        after = SHEETS.index(CROSS) + 1
        return (*SHEETS[:after], *extra, *SHEETS[after:])

    @property
    def years(self) -> list[str]:
        """历年对比's year columns: every year its rows give."""
        return sorted({y for row in self.result.history for y in row.values})

    def header(self, sheet: str) -> list[str]:
        summary = [*SUMMARY_HEADER, EVIDENCE] if self.result.evidence else SUMMARY_HEADER
        return {SUMMARY: summary, FINDINGS: FINDINGS_HEADER, CROSS: CROSS_HEADER, SKIPPED: SKIPPED_HEADER,
                VERSIONS: VERSIONS_HEADER, YEARS: [*YEARS_LEAD, *[f"{y}年" for y in self.years], *YEARS_TAIL],
                DATA: FILE_COLUMNS + [c.header for c in self.data_columns],
                LISTS: LIST_LEAD + [c.header for c in self.list_columns]}[sheet]

    def rows(self) -> Iterator[tuple[str, Row]]:
        """(sheet, row) for every sheet: file by file, then 批内比对, 版本比对 and 未检查; each sheet's rows
        in order."""
        next_finding = 2  # row 1 of 问题清单 is its header
        for index in range(len(self.result.paths)):
            with _rows_at(self.result.spool, index).open("rb") as spooled:
                spooled.seek(int.from_bytes(spooled.read(_SIZE), "little"), 1)  # its columns, read before
                rows: FileRows = pickle.load(spooled)
            findings = [row for key, row in rows.findings if key not in self.common_notes]
            if findings:
                rows.summary.cells[_FIRST_FINDING_COLUMN] = f"第{next_finding}行"
            yield SUMMARY, rows.summary
            next_finding += len(findings)
            yield from ((FINDINGS, r) for r in findings)
            data = ((self._data_place[c], v) for c, v in rows.data.items())
            yield DATA, Row([*rows.summary.cells[:2], *_placed(data, len(self._data_place))])
            places = [self._list_place[c] for c in rows.list_columns]
            for lead, values in rows.lists:
                yield LISTS, Row([*lead, *_placed(((places[i], v) for i, v in values), len(self._list_place))])
        yield from self._batch_rows()

    def widths(self) -> dict[str, list[int]]:
        """Per sheet, the display width of each column's widest cell (0 for a column without one)."""
        widest = {name: [0] * len(self.header(name)) for name in self.sheets}
        places = {DATA: {c: len(FILE_COLUMNS) + i for c, i in self._data_place.items()},
                  LISTS: {c: len(LIST_LEAD) + i for c, i in self._list_place.items()}}
        for (sheet, column), width in self._widest.items():
            place = column if isinstance(column, int) else places[sheet][column]
            widest[sheet][place] = max(widest[sheet][place], width)
        if self._finding_rows:  # 问题清单首行 is filled in as the rows are read: the last row's number is widest
            column = widest[SUMMARY]
            column[_FIRST_FINDING_COLUMN] = max(column[_FIRST_FINDING_COLUMN],
                                                display_width(f"第{1 + self._finding_rows}行"))
        for name, row in self._batch_rows():
            column = widest[name]
            for i, value in enumerate(row.cells):
                column[i] = max(column[i], display_width(value))
        return widest

    def _batch_rows(self) -> Iterator[tuple[str, Row]]:
        """The rows that are the batch's, not one file's: the notes every report got, 批内比对, 版本比对,
        历年对比, 未检查."""
        for code, message in sorted(self.common_notes):
            yield FINDINGS, Row([ALL_REPORTS, None, code, SEVERITY_ZH["info"], None, None, clean(message), None])
        yield from ((CROSS, _cross(issue)) for issue in self.result.cross)
        yield from ((VERSIONS, row) for pair in self.result.versions for row in _versions(pair))
        yield from ((YEARS, _year_row(row, self.years)) for row in self.result.history)
        yield from ((SKIPPED, Row([clean(p), clean(why)])) for p, why in self.result.skipped)

    def _columns(self, index: int) -> FileColumns:
        """The ``index``-th file's columns, from the spool (its rows made there now when its worker did not)."""
        path = _rows_at(self.result.spool, index)
        if not path.exists():
            result = self.result
            spool_rows(result.spool, result.settings, result.pack, result.evidence, index,
                       read_outcome(result.outcome_path(index)))
        with path.open("rb") as spooled:
            return pickle.loads(spooled.read(int.from_bytes(spooled.read(_SIZE), "little")))


_AGAINST = ("EA001", "EA002", "EA003")


def evidence_tally(outcome: FileOutcome) -> str:
    """How a report's evidence rows came out: 相符 (no finding on the row), 不符, 无法核对."""
    report = outcome.report
    if report is None or report.evidence is None:
        return "未核对"
    if report.evidence.doubt is not None:
        return "佐证材料无法读取"
    if any(i.code == "EA006" for i in outcome.issues):
        return "页码对不上（见问题清单）"
    rows = {ind.label for ind in report.indicators if ind.evidence_pages}
    against = {i.field for i in outcome.issues if i.code in _AGAINST} & rows
    doubtful = {i.field for i in outcome.issues if i.code == "EA009"} & rows - against
    return f"相符{len(rows) - len(against) - len(doubtful)}行，不符{len(against)}行，无法核对{len(doubtful)}行"


def _placed(values: Iterable[tuple[int, Cell]], width: int) -> list[Cell]:
    """A row of ``width`` cells from (place, value) pairs, None where no value is."""
    cells: list[Cell] = [None] * width
    for place, value in values:
        cells[place] = value
    return cells


def _findings(outcome: FileOutcome) -> Iterator[tuple[Issue, Row]]:
    path, cluster = clean(outcome.path), _cluster(outcome)
    for i in sorted(outcome.issues, key=finding_order):
        yield i, Row([path, cluster, i.code, SEVERITY_ZH[i.severity], i.section or "全文", clean(i.field),
                      clean(i.message), clean(i.location.describe()) if i.location else None],
                     _tone(i.severity, len(FINDINGS_HEADER)))


def _lists(outcome: FileOutcome) -> Iterator[tuple[list[Cell], dict[ListColumn, Cell]]]:
    assert outcome.report is not None
    lead = [clean(outcome.path), _cluster(outcome)]
    for table in outcome.report.lists:
        for row in table.rows:
            yield [*lead, table.section, clean(table.title)], dict(_list_cells(table, row))


def _pair(value: object) -> list[Cell]:
    """The two files (or places) of a cross finding, as cells."""
    items = [clean(str(v)) for v in value] if isinstance(value, list | tuple) else []
    return [*items, None, None][:2]


def _percent(value: object) -> Cell:
    """A similarity as the message says it: a whole percentage (87.6288… → 88)."""
    return round(value) if isinstance(value, int | float) else None


def _cross(issue: Issue) -> Row:
    files, places = _pair(issue.args.get("files")), _pair(issue.args.get("places"))
    cells: list[Cell] = [issue.code, SEVERITY_ZH[issue.severity], clean(issue.message),
                         files[0], places[0], files[1], places[1], _percent(issue.args.get("similarity"))]
    return Row(cells, _tone(issue.severity, len(CROSS_HEADER)))


def _versions(pair: VersionPair) -> Iterator[Row]:
    """A pair of versions: one row saying they agree, or a row with the pair's counts followed by a row
    per difference (amber) and per figure that could not be confirmed."""
    c = pair.comparison
    lead: list[Cell] = [clean(c.a), clean(c.b), clean(pair.cluster)]
    if not c.differences and not c.doubts:
        yield Row([*lead, AGREE, *[None] * (len(VERSIONS_HEADER) - len(lead) - 1)])
    else:  # the pair's count first, so a reader sees at once how far two versions are apart
        counts = "，".join(f"{label}{n}处" for label, n in ((DIFFER, len(c.differences)),
                                                            (UNCONFIRMED, len(c.doubts))) if n)
        yield Row([*lead, f"{PAIR}：{counts}", *[None] * (len(VERSIONS_HEADER) - len(lead) - 1)])
    for d in [*c.differences, *c.doubts]:
        doubt = isinstance(d, Doubt)
        cells: list[Cell] = [
            *lead, UNCONFIRMED if doubt else DIFFER, KIND_ZH[d.kind], clean(d.section), clean(d.table),
            clean(d.label), clean(d.column), clean(d.unit), _version_value(d, d.a),
            clean(d.a_location.describe()) if d.a_location else None, _version_value(d, d.b),
            clean(d.b_location.describe()) if d.b_location else None, clean(d.reason) if doubt else None]
        yield Row(cells, {} if doubt else _tone(WARNING, len(VERSIONS_HEADER)))


def _year_row(row: YearRow, years: list[str]) -> Row:
    """One indicator across the years: this report's figures with the archive's for the other years; a
    figure restated against the archive is amber, the note says both."""
    cells: list[Cell] = [clean(row.file), clean(row.cluster), clean(row.label), clean(row.unit),
                         *[clean(row.values.get(y)) for y in years], clean("、".join(f"《{f}》" for f in row.sources)),
                         clean("；".join(row.notes))]
    return Row(cells, _tone(WARNING, len(cells)) if row.restated else {})


def _version_value(d: Difference, value: Value) -> Cell:
    """A compared value as a cell: numbers stay numbers; a thing in one version only is 有 or 没有."""
    if d.kind == "missing":
        return "有" if value is not None else "没有"
    if isinstance(value, int | float):
        return clean(value)
    return clean(show(value))
