"""The rule registry: an explicit list, no directory walking."""

from __future__ import annotations

from reportcheck.model import Issue, Report
from reportcheck.rules import arithmetic, completeness, consistency, eligibility
from reportcheck.rules.base import Rule
from reportcheck.spec import load_json_resource

REGISTRY: tuple[Rule, ...] = (*arithmetic.RULES, *consistency.RULES, *eligibility.RULES, *completeness.RULES)
DEFAULT_PACK = "hunan_competition_2023"


def load_pack(name: str = DEFAULT_PACK) -> dict:
    return load_json_resource("rules", f"{name}.json")


def run_rules(report: Report, pack: dict | None = None) -> list[Issue]:
    """Extraction issues first, then every rule's findings."""
    pack = pack if pack is not None else load_pack()
    issues = list(report.extraction_issues)
    for rule in REGISTRY:
        issues.extend(rule.run(report, pack))
    return issues
