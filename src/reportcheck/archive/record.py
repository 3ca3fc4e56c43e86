"""Checked reports into the archive: each held against what the archive knows of its cluster (the
history rules, HY), then recorded with every finding. Earlier years first, so a folder holding two
years of one cluster compares them in one run as in two."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from reportcheck.archive.snapshot import STAGE_ORDER, Finding, Snapshot, content_hash, snapshot_of
from reportcheck.archive.store import Archive, History
from reportcheck.model import Issue
from reportcheck.outcome import FileOutcome
from reportcheck.settings import Settings


@dataclass(slots=True)
class YearRow:
    """One indicator of one report with the values its cluster's other reports give (历年对比)."""

    file: str
    cluster: str
    label: str
    unit: str
    values: dict[str, float] = field(default_factory=dict)
    """by year: this report's figure, else the latest archived report's"""
    sources: list[str] = field(default_factory=list)
    """the archived reports the other years come from (file names)"""
    notes: list[str] = field(default_factory=list)
    """figures restated: the archive's value beside this report's"""
    restated: bool = False


def archive_outcomes(outcomes: list[FileOutcome], archive: Archive, settings: Settings,
                     pack: dict) -> list[YearRow]:
    """Run the history rules on each readable outcome (adding their findings to it) and record it; the
    rows of 历年对比 for the reports whose cluster the archive already knew."""
    snaps = {i: snapshot_of_outcome(o, settings) for i, o in enumerate(outcomes) if o.report is not None}

    def add(index: int, found: list[Issue]) -> None:
        outcomes[index].issues.extend(found)

    return archive_snapshots(snaps, archive, settings, pack, add)


def snapshot_of_outcome(outcome: FileOutcome, settings: Settings) -> Snapshot:
    assert outcome.report is not None
    return snapshot_of(outcome.path, outcome.report, outcome.issues, settings.pack, content_hash(outcome.path))


def archive_snapshots(snaps: dict[int, Snapshot], archive: Archive, settings: Settings, pack: dict,
                      add: Callable[[int, list[Issue]], None]) -> list[YearRow]:
    """Each report, earlier years first: its history read, the history rules run (their findings handed to
    ``add`` with the report's index), then recorded with them."""
    from reportcheck.rules import grade
    from reportcheck.rules.history import HISTORY_RULES

    rows: list[YearRow] = []
    for index in sorted(snaps, key=lambda i: _order(snaps[i])):
        snap = snaps[index]
        history = archive.history_of(snap)
        found = [grade(issue, settings) for rule in HISTORY_RULES if settings.wants(rule.code)
                 for issue in rule.check(snap, history, pack) if settings.wants(issue.code)]
        add(index, found)
        snap.findings += [Finding(code=i.code, severity=i.severity, message=i.message,
                                  place=i.location.describe() if i.location else "") for i in found]
        archive.record(snap)
        rows += year_rows(snap, history, found)
    return rows


def _order(snap: Snapshot) -> tuple:
    return snap.latest_year, STAGE_ORDER.get(snap.stage or "", 2), _modified(snap.file_path), snap.file_name


def _modified(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def year_rows(snap: Snapshot, history: History, found: list[Issue]) -> list[YearRow]:
    """The report's indicators beside the figures its cluster's archived reports give for other years
    (the latest report first where several give one year)."""
    others = sorted((o for o in history.same if o.latest_year != snap.latest_year),
                    key=lambda o: (o.latest_year, o.checked_at or 0), reverse=True)
    if not others:
        return []
    restated = {str(i.args.get("label")) + str(i.args.get("year")) for i in found if i.code == "HY001"}
    out: dict[str, YearRow] = {}
    for figure in snap.figures:
        if figure.column != figure.year:
            continue
        row = out.setdefault(figure.key, YearRow(snap.file_name, snap.cluster_name or "", figure.label, figure.unit))
        row.values[figure.year] = figure.value
        if figure.label + figure.year in restated:
            row.restated = True
    for other in others:
        for figure in other.figures:
            row = out.get(figure.key)
            if row is None or figure.column != figure.year or figure.unit != row.unit:
                continue
            if figure.year not in row.values:
                row.values[figure.year] = figure.value
                if other.file_name not in row.sources:
                    row.sources.append(other.file_name)
            elif figure.label + figure.year in restated:
                row.notes.append(f"{figure.year}年：档案《{other.file_name}》填{figure.value:g}，"
                                 f"本报告填{row.values[figure.year]:g}")
    return [r for r in out.values() if r.sources or r.notes]
