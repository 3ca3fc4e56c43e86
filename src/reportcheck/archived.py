"""What the archive keeps of one checked report, and what the cross-year rules compare: its cluster,
its figures (each with its cell and its doubt), the enterprises, projects and phones it claims, its
findings; and what the archive holds that bears on a report (:class:`History`). Plain data shared by
the history rules (:mod:`reportcheck.rules.history`) and the archive (:mod:`reportcheck.archive`), which
makes it from a report (``archive.record``) and from its database (``archive.store``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reportcheck.model import Loc

STAGE_ORDER = {"初赛": 0, "决赛": 1}


def written(value: float, decimals: int | None) -> str:
    """A figure with the decimals it was written with (1380.0 stays 1380.0, 455 stays 455)."""
    if decimals is not None and 0 <= decimals <= 6:
        return f"{value:.{decimals}f}"
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"


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
