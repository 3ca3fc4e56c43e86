"""Checked reports into the archive: each held against what the archive knows of its cluster (the
history rules, HY), then recorded with every finding. Earlier years first, so a folder holding two
years of one cluster compares them in one run as in two."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from reportcheck.archive.store import Archive
from reportcheck.archived import (
    STAGE_ORDER,
    Entry,
    Figure,
    Finding,
    Snapshot,
    YearRow,
    content_hash,
    year_rows,
)
from reportcheck.model import Issue, Report
from reportcheck.normalize.text import label_key
from reportcheck.outcome import FileOutcome
from reportcheck.rules import grade, guarded
from reportcheck.rules.cross import facts_of
from reportcheck.rules.history import HISTORY_RULES, RESTATED
from reportcheck.settings import Settings


def archive_outcomes(outcomes: list[FileOutcome], archive: Archive, settings: Settings,
                     pack: dict) -> list[YearRow]:
    """Run the history rules on each readable outcome (adding their findings to it) and record it; the
    rows of 历年对比 for the reports whose cluster the archive already knew."""
    snaps = {i: snapshot_of_outcome(o, settings) for i, o in enumerate(outcomes) if o.report is not None}

    def add(index: int, found: list[Issue]) -> None:
        outcomes[index].issues.extend(found)

    return archive_snapshots(snaps, archive, settings, pack, add)


def snapshot_of(path: str, report: Report, issues: list[Issue], pack: str, digest: str) -> Snapshot:
    """The archive's record of a checked report. Plans (5.1's targets, and their base year, which AR005
    already holds to 2.1) are not figures anybody reports twice: only actual figures are kept. A report
    whose reading failed is kept as checked, with no figure and no entry: nothing may rest on it."""
    latest = report.years[-1] if report.years else ""
    snap = Snapshot(content_hash=digest, file_name=Path(path).name, file_path=str(Path(path).resolve()),
                    cluster_name=report.basic.cluster_name, category=report.category, stage=report.stage,
                    template=report.template, years=list(report.years), pack=pack,
                    promotion_org=report.basic.promotion_org.name, park=report.basic.core_park.name,
                    scanned=bool(report.scanned_pages))
    snap.findings = [_finding(i) for i in issues]
    if report.reading_failed:
        return snap
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
    return snap


def _entries(path: str, report: Report) -> list[Entry]:
    """The enterprises (top-10 lists), projects and phones a report claims, as the batch's cross rules
    see them (a name or phone read in doubt is left out)."""
    facts = facts_of(path, report)
    out = [Entry(kind="enterprise", key=label_key(name), name=name, place=f"{title} 第{n}行")
           for _, title, n, name in facts.enterprises]
    out += [Entry(kind="project", key=label_key(name), name=name, place=place) for place, name in facts.projects]
    out += [Entry(kind="phone", key=digits, name=digits, person=person, place=where)
            for digits, person, where in facts.phones]
    return out


def snapshot_of_outcome(outcome: FileOutcome, settings: Settings) -> Snapshot:
    assert outcome.report is not None
    return snapshot_of(outcome.path, outcome.report, outcome.issues, settings.pack, content_hash(outcome.path))


def archive_snapshots(snaps: dict[int, Snapshot], archive: Archive, settings: Settings, pack: dict,
                      add: Callable[[int, list[Issue]], None]) -> list[YearRow]:
    """Each report, earlier years first: its history read, the history rules run (their findings handed to
    ``add`` with the report's index), then recorded with them. A report with no cluster name, or none
    read, is recorded but not compared: it cannot be told from another cluster's."""
    rows: list[YearRow] = []
    for index in sorted(snaps, key=lambda i: _order(snaps[i])):
        snap = snaps[index]
        found: list[Issue] = []
        if snap.cluster_name and (snap.figures or snap.entries):
            history = archive.history_of(snap)
            found = [grade(issue, settings) for rule in HISTORY_RULES if settings.wants(rule.code)
                     for issue in guarded(rule.code, partial(rule.check, snap, history, pack))
                     if settings.wants(issue.code)]
            restated = {(str(i.args["key"]), str(i.args["year"])) for i in found if i.code == RESTATED.code}
            rows += year_rows(snap, history, restated)
        add(index, found)
        snap.findings += [_finding(i) for i in found]
        archive.record(snap)
    return rows


def _finding(issue: Issue) -> Finding:
    return Finding(code=issue.code, severity=issue.severity, message=issue.message,
                   place=issue.location.describe() if issue.location else "")


def _order(snap: Snapshot) -> tuple:
    return snap.latest_year, STAGE_ORDER.get(snap.stage or "", 2), _modified(snap.file_path), snap.file_name


def _modified(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0
