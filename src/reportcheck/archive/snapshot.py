"""What the archive keeps of one checked report, and what the cross-year rules compare: its cluster,
its figures (each with its cell and its doubt), the enterprises, projects and phones it claims, its
findings. Plain data: made from a report here, from the database in :mod:`.store`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reportcheck.model import Issue, Loc, Report

STAGE_ORDER = {"初赛": 0, "决赛": 1}


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

    def order(self) -> tuple:
        """Earlier reports first: by latest year, then 初赛 before 决赛, then name."""
        return self.latest_year, STAGE_ORDER.get(self.stage or "", 2), self.file_name

    def figure(self, key: str, column: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key and f.column == column), None)

    def data_years(self) -> str:
        """2021—2022年数据 (its years as a span)."""
        if not self.years:
            return "年份不明"
        span = self.years[0] if len(self.years) == 1 else f"{self.years[0]}—{self.years[-1]}"
        return f"{span}年数据"

    def described(self) -> str:
        """The report as a message names it: 《文件名》（初赛，2021—2022年数据，2024-05-06检查）."""
        when = f"，{self.checked_at:%Y-%m-%d}检查" if self.checked_at else ""
        return f"《{self.file_name}》（{self.stage or '报告'}，{self.data_years()}{when}）"


def content_hash(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def snapshot_of(path: str, report: Report, issues: list[Issue], pack: str, digest: str) -> Snapshot:
    """The archive's record of a checked report. Plans (5.1's targets, and their base year, which AR005
    already holds to 2.1) are not figures anybody reports twice: only actual figures are kept."""
    latest = report.years[-1] if report.years else ""
    snap = Snapshot(content_hash=digest, file_name=Path(path).name, file_path=str(Path(path).resolve()),
                    cluster_name=report.basic.cluster_name, category=report.category, stage=report.stage,
                    template=report.template, years=list(report.years), pack=pack,
                    promotion_org=report.basic.promotion_org.name)
    for ind in report.indicators:
        if ind.base_year is not None:
            continue
        whole = ind.doubts.get("row")
        columns = [(year, year, value) for year, value in ind.values.items()]
        columns += [(year, f"{year}:cluster", value) for year, value in (ind.cluster_values or {}).items()]
        if ind.growth_pct is not None and latest:
            columns.append((latest, "growth", ind.growth_pct))
        for year, column, value in columns:
            if value is None or (latest and year > latest):
                continue
            loc = ind.at(column)
            decimals = ind.growth_decimals if column == "growth" else ind.decimals.get(column)
            snap.figures.append(Figure(
                key=ind.key, label=ind.label, unit="%" if column == "growth" else ind.unit, section=ind.section,
                year=year, column=column, value=value, decimals=decimals,
                cell=loc.describe() if loc is not None else "", doubt=whole or ind.doubts.get(column),
                approximate=column in ind.approximate, location=loc))
    snap.entries = _entries(path, report)
    snap.findings = [Finding(code=i.code, severity=i.severity, message=i.message,
                             place=i.location.describe() if i.location else "") for i in issues]
    return snap


def _entries(path: str, report: Report) -> list[Entry]:
    """The enterprises (top-10 lists), projects and phones a report claims, as the batch's cross rules
    see them (a name or phone read in doubt is left out)."""
    from reportcheck.normalize.text import label_key
    from reportcheck.rules.cross import facts_of

    facts = facts_of(path, report)
    out = [Entry(kind="enterprise", key=label_key(name), name=name, place=f"{title} 第{n}行")
           for _, title, n, name in facts.enterprises]
    out += [Entry(kind="project", key=label_key(name), name=name, place=place) for place, name in facts.projects]
    out += [Entry(kind="phone", key=digits, name=digits, person=person, place=where)
            for digits, person, where in facts.phones]
    return out
