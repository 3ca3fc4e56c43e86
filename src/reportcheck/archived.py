"""What the archive keeps of one checked report, and what the cross-year rules compare: its cluster,
its figures (each with its cell and its doubt), the enterprises, projects and phones it claims, its
findings; what the archive holds that bears on a report (:class:`History`); and a report's indicators
beside its cluster's other years (:class:`YearRow`, the batch's 历年对比). Plain data shared by the
history rules (:mod:`reportcheck.rules.history`), the renderers and the archive (:mod:`reportcheck.archive`),
which makes it from a report (``archive.record``) and from its database (``archive.store``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reportcheck.model import DATA_SHEET, Loc

STAGE_ORDER = {"初赛": 0, "决赛": 1}


def written(value: float, decimals: int | None) -> str:
    """A figure with the decimals it was written with (1380.0 stays 1380.0, 455 stays 455); with none
    known, as a person writes it (1326.8, 12, 0.48: every message's figures, ``rules.base.fmt``)."""
    if decimals is not None and 0 <= decimals <= 6:
        return f"{value:.{decimals}f}"
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"


def local_time(moment: datetime) -> datetime:
    """A stored moment in the user's own time zone (SQLite gives back UTC without its zone)."""
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).astimezone()


@dataclass(slots=True, kw_only=True)
class Figure:
    key: str
    label: str
    unit: str
    section: str
    year: str
    column: str
    """the year, "YEAR:cluster" (3.1's 其中集群产业) or "growth" (the latest year's growth rate, %)"""
    value: float
    decimals: int | None
    cell: str
    """where it was read, in words"""
    doubt: str | None = None
    approximate: bool = False
    location: Loc | None = None
    """the cell in the report being checked (not kept in the archive)"""

    @property
    def shown(self) -> str:
        return written(self.value, self.decimals)

    @property
    def named(self) -> str:
        """The figure's label as a message names it: 3.1's 其中集群产业 column says so."""
        return f"{self.label}（其中集群产业）" if self.column.endswith(":cluster") else self.label

    @property
    def sure(self) -> bool:
        return self.doubt is None and not self.approximate


@dataclass(slots=True, kw_only=True)
class Entry:
    kind: str
    """enterprise, project or phone"""
    key: str
    name: str
    person: str = ""
    place: str = ""


@dataclass(slots=True, kw_only=True)
class Finding:
    code: str
    severity: str
    message: str
    place: str = ""


@dataclass(slots=True, kw_only=True)
class Snapshot:
    content_hash: str
    file_name: str
    file_path: str
    cluster_name: str | None
    category: str | None
    stage: str | None
    template: str
    years: list[str]
    pack: str
    promotion_org: str | None = None
    park: str | None = None
    """its core park (集群核心承载园区): 3.1's figures are the park's, comparable only for the same park"""
    scanned: bool = False
    """read from a scan by OCR: a figure it gives may be a misreading, so what rests on it is only 提示"""
    figures: list[Figure] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    id: int | None = None
    checked_at: datetime | None = None
    tool_version: str = ""
    superseded_by: int | None = None

    @property
    def latest_year(self) -> str:
        return self.years[-1] if self.years else ""

    def figure(self, key: str, column: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key and f.column == column), None)

    def data_years(self) -> str:
        """2021—2022年数据 (its years as a span)."""
        if not self.years:
            return "年份不明"
        span = self.years[0] if len(self.years) == 1 else f"{self.years[0]}—{self.years[-1]}"
        return f"{span}年数据"

    @property
    def kind(self) -> str:
        """初赛, 决赛, 数据表, else 报告."""
        return self.stage or ("数据表" if self.template == DATA_SHEET else "报告")

    def described(self) -> str:
        """The report as a message names it: 《文件名》（初赛，2021—2022年数据，2024-05-06检查）."""
        when = f"，{local_time(self.checked_at):%Y-%m-%d}检查" if self.checked_at else ""
        return f"《{self.file_name}》（{self.kind}，{self.data_years()}{when}）"


def content_hash(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(slots=True)
class History:
    """What the archive knows that bears on one report."""

    same: list[Snapshot] = field(default_factory=list)
    """other current reports of the same cluster, with their figures"""
    maybe: list[tuple[Snapshot, float]] = field(default_factory=list)
    """current reports that may be of the same cluster (a renaming not sure enough to merge), with the
    similarity of the names (0–100)"""
    claimed: list[tuple[Snapshot, Entry]] = field(default_factory=list)
    """this report's enterprises, projects and phones as other clusters' earlier reports give them"""

    def references(self, snap: Snapshot) -> list[Snapshot]:
        """One report for each other set of years the cluster reported (a year's 初赛, 决赛 and data sheet
        say the same figures): its 决赛 before its 初赛 before the rest, then the one checked last. A
        figure restated is then said once, against the report that counts, not once per copy."""
        best: dict[tuple[str, ...], Snapshot] = {}
        for other in self.same:
            if other.latest_year == snap.latest_year:
                continue
            key = tuple(other.years)
            if key not in best or _authority(other) > _authority(best[key]):
                best[key] = other
        return sorted(best.values(), key=lambda o: o.years)


def _authority(report: Snapshot) -> tuple:
    return STAGE_ORDER.get(report.stage or "", -1), local_time(report.checked_at) if report.checked_at else \
        datetime.min.replace(tzinfo=UTC)


@dataclass(slots=True)
class YearRow:
    """One indicator of one report with the values its cluster's other reports give (历年对比)."""

    file: str
    cluster: str
    label: str
    unit: str
    values: dict[str, float] = field(default_factory=dict)
    """by year: this report's figure, else the archived report's"""
    sources: list[str] = field(default_factory=list)
    """the archived reports the other years come from (file names)"""
    notes: list[str] = field(default_factory=list)
    """figures restated: the archive's value beside this report's"""
    restated: bool = False


def year_rows(snap: Snapshot, history: History, restated: set[tuple[str, str]]) -> list[YearRow]:
    """The report's indicators (its own years' figures, 园区总额 for 3.1) beside the figures its cluster's
    other archived years give; ``restated``: the (key, year) pairs HY001 found restated."""
    others = list(reversed(history.references(snap)))  # later years first
    if not others:
        return []
    out: dict[str, YearRow] = {}
    for figure in snap.figures:
        if figure.column != figure.year:
            continue
        row = out.setdefault(figure.key, YearRow(snap.file_name, snap.cluster_name or "", figure.label, figure.unit))
        row.values[figure.year] = figure.value
        row.restated |= (figure.key, figure.year) in restated
    for other in others:
        for figure in other.figures:
            row = out.get(figure.key)
            if row is None or figure.column != figure.year or figure.unit != row.unit:
                continue
            if figure.year not in row.values:
                row.values[figure.year] = figure.value
                if other.file_name not in row.sources:
                    row.sources.append(other.file_name)
            elif (figure.key, figure.year) in restated:
                mine = snap.figure(figure.key, figure.year)
                row.notes.append(f"{figure.year}年：档案《{other.file_name}》填{figure.shown}，"
                                 f"本报告填{mine.shown if mine else written(row.values[figure.year], None)}")
    return [r for r in out.values() if r.sources or r.notes]
