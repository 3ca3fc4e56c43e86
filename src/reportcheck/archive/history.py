"""A cluster's figures year by year, as the archive holds them (``reportcheck history``).

The archive's reports are gathered into clusters (a renaming the identity rules call the same cluster
stays one cluster). A year's figure is the one the latest current report gives; an earlier report that
gave it differently is kept beside it as a restatement. Superseded versions are listed, not used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportcheck.archive.identity import identity_key, match
from reportcheck.archive.store import Archive
from reportcheck.archived import STAGE_ORDER, Snapshot
from reportcheck.rounding import half_unit, intervals_meet
from reportcheck.spec import load_templates


class NoSuchCluster(ValueError):
    """The name matches no cluster of the archive, or several; the message lists what it holds."""


@dataclass(slots=True)
class Restatement:
    value: float
    decimals: int | None
    file: str


@dataclass(slots=True)
class HistoryRow:
    key: str
    section: str
    label: str
    unit: str
    values: dict[str, float] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """the file each year's figure is taken from"""
    restated: dict[str, list[Restatement]] = field(default_factory=dict)
    """earlier reports' different figures for a year"""
    doubts: dict[str, str] = field(default_factory=dict)
    decimals: dict[str, int] = field(default_factory=dict)
    """as each year's figure was written"""
    charted: bool = False


@dataclass(slots=True)
class ClusterHistory:
    name: str
    """the name its latest report gives"""
    names: list[str]
    category: str | None
    reports: list[Snapshot]
    """every report of the cluster, earlier first (superseded ones included)"""
    years: list[str]
    rows: list[HistoryRow]


def clusters(reports: list[Snapshot]) -> list[list[Snapshot]]:
    """The archive's reports grouped by cluster (a report joins the first group whose latest report it
    matches as the same cluster)."""
    groups: list[list[Snapshot]] = []
    for report in sorted(reports, key=_order):
        group = next((g for g in groups if match(report, g[-1]).verdict == "same"), None)
        if group is None:
            groups.append([report])
        else:
            group.append(report)
    return groups


def _order(s: Snapshot) -> tuple:
    return s.latest_year, STAGE_ORDER.get(s.stage or "", 2), s.checked_at.timestamp() if s.checked_at else 0, s.id or 0


def find_cluster(archive: Archive, wanted: str) -> ClusterHistory:
    """The history of the one cluster ``wanted`` names: its name (as written or renamed), or a part of it."""
    groups = clusters(archive.clusters())
    if not groups:
        raise NoSuchCluster(f"档案库 {archive.shown} 中还没有报告；请先用 check、batch 或 score 加 --archive "
                            "检查报告 / the archive holds no report yet")
    key = identity_key(wanted)
    exact = [g for g in groups if any(identity_key(r.cluster_name) == key for r in g)]
    partial = exact or [g for g in groups if key and any(key in identity_key(r.cluster_name) for r in g)]
    if len(partial) == 1:
        return _history(archive, partial[0])
    names = "、".join(dict.fromkeys(g[-1].cluster_name or "（未填名称）" for g in (partial or groups)))
    if partial:
        raise NoSuchCluster(f"“{wanted}”可指多个集群：{names}。请写出完整名称 / several clusters match")
    raise NoSuchCluster(f"档案库中没有名称含“{wanted}”的集群。档案中有：{names} / no such cluster in the archive")


def _history(archive: Archive, group: list[Snapshot]) -> ClusterHistory:
    reports = archive.with_figures(group)
    charted = {r.key for t in load_templates() for tb in t.indicator_tables for r in tb.rows if r.charted}
    rows: dict[str, HistoryRow] = {}
    for report in (r for r in reports if r.superseded_by is None):
        for f in report.figures:
            if f.column != f.year:
                continue
            row = rows.setdefault(f.key, HistoryRow(f.key, f.section, f.label, f.unit, charted=f.key in charted))
            if f.unit != row.unit:
                continue
            before = row.values.get(f.year)
            if before is not None and not intervals_meet(before, half_unit(row.decimals.get(f.year) or 0), f.value,
                                                         half_unit(f.decimals or 0)):
                row.restated.setdefault(f.year, []).append(
                    Restatement(before, row.decimals.get(f.year), row.sources[f.year]))
            row.values[f.year], row.sources[f.year] = f.value, report.file_name
            if f.decimals is not None:
                row.decimals[f.year] = f.decimals
            else:
                row.decimals.pop(f.year, None)
            if f.doubt:
                row.doubts[f.year] = f.doubt
            else:
                row.doubts.pop(f.year, None)
    years = sorted({y for row in rows.values() for y in row.values})
    latest = reports[-1]
    names = list(dict.fromkeys(r.cluster_name or "" for r in reports))
    return ClusterHistory(name=latest.cluster_name or "", names=names, category=latest.category, reports=reports,
                          years=years, rows=sorted(rows.values(), key=_row_order()))


def _row_order() -> Callable[[HistoryRow], tuple[int, str]]:
    order = {}
    for template in load_templates():
        for table in template.indicator_tables:
            for row in table.rows:
                order.setdefault(row.key, len(order))
    return lambda row: (order.get(row.key, len(order)), row.key)
