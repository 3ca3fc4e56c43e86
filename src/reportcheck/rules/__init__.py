"""The rule registry (an explicit list, no directory walking) and the engine that runs it."""

from __future__ import annotations

from functools import lru_cache

from reportcheck.catalogue import EXTRACTION_TYPES, IssueType
from reportcheck.model import Issue, Report
from reportcheck.rules import arithmetic, completeness, consistency, eligibility, provincial
from reportcheck.rules.base import Rule
from reportcheck.settings import Settings
from reportcheck.spec import load_json_resource

REGISTRY: tuple[Rule, ...] = (
    *arithmetic.RULES, *consistency.RULES, *eligibility.RULES, *completeness.RULES, *provincial.RULES,
)
DEFAULT_PACK = "hunan_competition_2023"
RELAXED_NOTE = "（按革命老区、民族地区、困难地区适当放宽，仅作提示）"
# Rules about the Word form itself: a data sheet has no contacts, evidence pages or free text.
FORM_FAMILIES = frozenset({"BI", "EV", "TX"})
DATA_SHEET = "data_sheet"


class UnknownPack(KeyError):
    pass


@lru_cache(maxsize=8)
def _pack_file(name: str) -> dict:
    try:
        return load_json_resource("rules", f"{name}.json")
    except FileNotFoundError:
        raise UnknownPack(name) from None


def available_packs() -> list[str]:
    from importlib import resources

    folder = resources.files("reportcheck.schemas") / "rules"
    return sorted(f.name.removesuffix(".json") for f in folder.iterdir() if f.name.endswith(".json"))


def load_pack(name: str = DEFAULT_PACK) -> dict:
    """A rule pack; ``extends`` names a pack whose settings it starts from."""
    pack = dict(_pack_file(name))
    base = pack.pop("extends", None)
    return {**load_pack(base), **pack} if base else pack


SHARED_TYPES: tuple[IssueType, ...] = (eligibility.CANNOT_VERIFY, provincial.CANNOT_VERIFY)


def issue_types() -> list[IssueType]:
    """Every code a user may see: extraction issues, shared "cannot verify" codes, then rules."""
    return [*EXTRACTION_TYPES, *SHARED_TYPES, *(r.type for r in REGISTRY)]


def run_rules(report: Report, pack: dict | None = None, settings: Settings | None = None) -> list[Issue]:
    """Extraction issues, then every rule of the pack's families, filtered and re-graded by settings."""
    pack = pack if pack is not None else load_pack()
    settings = settings or Settings()
    families = pack.get("families")
    issues = list(report.extraction_issues)
    for rule in REGISTRY:
        family = rule.code.rstrip("0123456789")
        if report.template == DATA_SHEET and family in FORM_FAMILIES:
            continue
        if (families is None or family in families) and settings.wants(rule.code):
            issues.extend(rule.run(report, pack))
    return [_graded(i, pack, settings) for i in issues if settings.wants(i.code)]


def _graded(issue: Issue, pack: dict, settings: Settings) -> Issue:
    if settings.relaxed and issue.code in pack.get("relaxable", []) and issue.severity == "error":
        issue = issue.model_copy(update={"severity": "warning", "message": issue.message + RELAXED_NOTE})
    level = settings.severity.get(issue.code)
    if level is not None and level != issue.severity:
        issue = issue.model_copy(update={"severity": level})
    return issue
