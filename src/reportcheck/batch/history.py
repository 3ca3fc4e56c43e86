"""A batch into the archive (``batch --archive``): its spooled outcomes held against earlier years and
recorded, their new findings written back to the spool so every output shows them."""

from __future__ import annotations

from reportcheck.archive.record import archive_snapshots, snapshot_of_outcome
from reportcheck.archive.store import Archive
from reportcheck.archived import YearRow
from reportcheck.batch.result import BatchResult, read_outcome, write_outcome
from reportcheck.model import Issue
from reportcheck.settings import Settings


def archive_spooled(result: BatchResult, archive: Archive, settings: Settings, pack: dict) -> list[YearRow]:
    """:func:`archive_outcomes` for a batch: outcomes are read from the spool (one at a time) and written
    back with their new findings, and the batch's tallies follow."""
    snaps = {i: snapshot_of_outcome(o, settings) for i, o in enumerate(result.outcomes()) if o.report is not None}

    def add(index: int, found: list[Issue]) -> None:
        if found:
            outcome = read_outcome(result.outcome_path(index))
            outcome.issues.extend(found)
            write_outcome(result.outcome_path(index), outcome)
            for issue in found:
                result.severities[issue.severity] += 1

    return archive_snapshots(snaps, archive, settings, pack, add)
