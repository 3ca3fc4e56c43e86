"""What a batch produced, for the renderers: outcomes read back one at a time, in input order."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reportcheck.model import Issue
from reportcheck.outcome import FileOutcome
from reportcheck.settings import Settings

if TYPE_CHECKING:
    from reportcheck.archived import YearRow
    from reportcheck.compare.result import Comparison


@dataclass(slots=True)
class VersionPair:
    """One later version of a report compared with its reference version (the batch's 版本比对)."""

    cluster: str
    """as the reference version writes it"""
    comparison: Comparison


def spool_path(spool: Path, index: int) -> Path:
    """Where the outcome of the ``index``-th file is spooled."""
    return spool / f"{index:06d}.outcome"


def write_outcome(target: Path, outcome: FileOutcome) -> None:
    """Spool one outcome, atomically: written beside ``target`` and renamed, so a reader never sees half.
    Rows a renderer made from an earlier outcome there (:func:`rows_path`) go: they would be stale (an
    outcome the archive's findings were added to)."""
    partial = target.with_suffix(".part")
    partial.write_bytes(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    rows_path(target).unlink(missing_ok=True)
    partial.replace(target)


def rows_path(outcome: Path) -> Path:
    """Where a renderer keeps the rows it made from the outcome spooled at ``outcome``."""
    return outcome.with_suffix(".rows")


def read_outcome(path: Path) -> FileOutcome:
    """An outcome :func:`write_outcome` spooled. The spool is this batch's own private folder, written by
    its own workers: data passed between its processes as their pipes pass it (by pickle), not outside
    data to validate."""
    return pickle.loads(path.read_bytes())


@dataclass
class BatchResult:
    """Outcomes in the order of ``paths`` (spooled under ``spool``, one file each), the findings only a
    batch can see (``cross``: each with ``args["files"]`` and ``args["places"]``, two of each), the
    versions of one report compared (``versions``), and the files left out with why (``skipped``); and
    the tallies kept as the outcomes came in (files done, unreadable, findings by severity), so a summary
    needs no pass over the spool."""

    paths: list[str]
    spool: Path
    cross: list[Issue] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    settings: Settings | None = None  # how the files were checked (the verdict needs it)
    pack: dict | None = None
    done: int = 0
    unreadable: int = 0
    severities: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    versions: list[VersionPair] = field(default_factory=list)
    started: datetime = field(default_factory=datetime.now)  # when the batch was checked (printed on its pages)
    evidence: bool = False  # whether the evidence appendices were checked (汇总 gets a column)
    history: list[YearRow] = field(default_factory=list)  # 历年对比: reports the archive knew the cluster of

    def outcome_path(self, index: int) -> Path:
        return spool_path(self.spool, index)

    def outcomes(self) -> Iterator[FileOutcome]:
        for index in range(len(self.paths)):
            yield read_outcome(self.outcome_path(index))
