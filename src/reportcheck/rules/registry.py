"""The rule registry (an explicit list, no directory walking) and what is derived from the rules'
declarations: the shared codes, each tag's codes, the pack settings each family needs."""

from __future__ import annotations

from functools import cache

from reportcheck.catalogue import EXTRACTION_TYPES, IssueType
from reportcheck.rules import arithmetic, completeness, consistency, eligibility, evidence, provincial
from reportcheck.rules.base import Rule
from reportcheck.rules.cross import CROSS_RULES
from reportcheck.rules.history import HISTORY_TYPES

REGISTRY: tuple[Rule, ...] = (
    *arithmetic.RULES, *consistency.RULES, *eligibility.RULES, *completeness.RULES, *evidence.RULES,
    *provincial.RULES,
)
# Codes no single rule owns, given by the rules that need their data ("cannot verify": EL009, PR000).
SHARED_TYPES: tuple[IssueType, ...] = tuple(dict.fromkeys(t for r in REGISTRY for t in r.also))


def family(code: str) -> str:
    return code.rstrip("0123456789")


def issue_types() -> list[IssueType]:
    """Every code a user may see: extraction issues, shared "cannot verify" codes, rules, batch rules, the
    archive's history rules."""
    return [*EXTRACTION_TYPES, *SHARED_TYPES, *(r.type for r in REGISTRY), *(r.type for r in CROSS_RULES),
            *HISTORY_TYPES]


@cache
def tagged(tag: str) -> frozenset[str]:
    """The codes whose issue type carries ``tag`` (see :data:`reportcheck.catalogue.TAGS`)."""
    return frozenset(t.code for t in issue_types() if tag in t.tags)


@cache
def needed_by_family() -> dict[str, frozenset[str]]:
    """The pack settings a pack running a family must have, from what its rules declare they read (only
    when a pack file is checked: the pack model is not loaded to check a report)."""
    from reportcheck.rules.pack_model import needed

    out: dict[str, set[str]] = {}
    for rule in REGISTRY:
        groups = out.setdefault(family(rule.code), set())
        groups.update(key for path in rule.options if (key := needed(path)) is not None)
    return {name: frozenset(groups) for name, groups in out.items()}
