"""What a rule is: an issue type plus a check on the typed model, with its source and docs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportcheck.catalogue import IssueType
from reportcheck.model import Issue, Report

RulePack = dict


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule, one place. ``check`` reads only the model and the pack, never a file."""

    type: IssueType
    check: Callable[[Rule, Report, RulePack], Iterator[Issue]]

    @property
    def code(self) -> str:
        return self.type.code

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()

    def run(self, report: Report, pack: RulePack) -> list[Issue]:
        return list(self.check(self, report, pack))


def latest_value(report: Report, key: str) -> tuple[str, float] | None:
    """The indicator's value in the report's latest year."""
    ind = report.indicator(key)
    if ind is None or not report.years:
        return None
    year = report.years[-1]
    value = ind.values.get(year)
    return None if value is None else (year, value)
