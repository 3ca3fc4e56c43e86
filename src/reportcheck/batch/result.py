"""What a batch produced, for the renderers: outcomes read back one at a time, in input order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.model import Issue, Report
from reportcheck.outcome import FileOutcome


def dump_outcome(outcome: FileOutcome) -> str:
    """One outcome as a JSON line for the spool (the report whole, so renderers need no file)."""
    data: dict = {"path": outcome.path, "issues": [i.model_dump(mode="json") for i in outcome.issues],
                  "report": outcome.report.model_dump(mode="json") if outcome.report is not None else None}
    if outcome.error is not None:
        e = outcome.error
        data["error"] = {"path": e.path, "reason": e.reason, "zh": e.zh, "en": e.en}
    return json.dumps(data, ensure_ascii=False)


def load_outcome(text: str) -> FileOutcome:
    data = json.loads(text)
    error = data.get("error")
    return FileOutcome(
        path=data["path"],
        report=Report.model_validate(data["report"]) if data["report"] is not None else None,
        issues=[Issue.model_validate(i) for i in data["issues"]],
        error=UnreadableInput(error["path"], error["reason"], error["zh"], error["en"]) if error else None)


@dataclass
class BatchResult:
    """Outcomes in the order of ``paths`` (spooled under ``spool``, one file each), the findings only a
    batch can see (``cross``: each with ``args["files"]`` and ``args["places"]``, two of each), and
    the files left out with why (``skipped``)."""

    paths: list[str]
    spool: Path
    cross: list[Issue] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def outcome_path(self, index: int) -> Path:
        return self.spool / f"{index:06d}.json"

    def outcomes(self) -> Iterator[FileOutcome]:
        for index in range(len(self.paths)):
            yield load_outcome(self.outcome_path(index).read_text("utf-8"))
