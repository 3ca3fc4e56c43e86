"""What a batch produced, for the renderers: outcomes read back one at a time, in input order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportcheck.errors import UnreadableInput
from reportcheck.model import Issue, Report
from reportcheck.outcome import FileOutcome
from reportcheck.settings import Settings
from reportcheck.typed import to_data

if TYPE_CHECKING:
    from reportcheck.compare.result import Comparison


def dump_outcome(outcome: FileOutcome) -> str:
    """One outcome as a JSON line for the spool (the report whole, so renderers need no file)."""
    data: dict = {"path": outcome.path, "issues": [to_data(i) for i in outcome.issues],
                  "report": to_data(outcome.report) if outcome.report is not None else None}
    if outcome.error is not None:
        e = outcome.error
        data["error"] = {"path": e.path, "reason": e.reason, "zh": e.zh, "en": e.en}
    return json.dumps(data, ensure_ascii=False)


@dataclass(slots=True)
class VersionPair:
    """One later version of a report compared with its reference version (the batch's 版本比对)."""

    cluster: str
    """as the reference version writes it"""
    comparison: Comparison


@dataclass(slots=True, kw_only=True)
class _Spooled:
    """One spooled outcome as written by ``dump_outcome``."""

    path: str
    issues: list[Issue]
    report: Report | None
    error: dict[str, str] | None = None


@cache
def _spool_reader():
    """pydantic validates our own spool's JSON into the model's dataclasses in one pass, about eight
    times faster than ``typed.from_data`` (the batch reads every outcome two or three times; its
    start-up is not the one-file ``check``'s, so building the validator once is cheap here)."""
    from pydantic import TypeAdapter

    return TypeAdapter(_Spooled)


def load_outcome(text: str) -> FileOutcome:
    data = _spool_reader().validate_json(text)
    error = data.error
    return FileOutcome(
        path=data.path, report=data.report, issues=data.issues,
        error=UnreadableInput(error["path"], error["reason"], error["zh"], error["en"]) if error else None)


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

    def outcome_path(self, index: int) -> Path:
        return self.spool / f"{index:06d}.json"

    def outcomes(self) -> Iterator[FileOutcome]:
        for index in range(len(self.paths)):
            yield load_outcome(self.outcome_path(index).read_text("utf-8"))
