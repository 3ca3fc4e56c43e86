"""What the text and HTML renderers of ``check`` share: Chinese names, findings by section in
template order, column ranges of a table reading."""

from __future__ import annotations

from collections.abc import Iterable

from reportcheck.model import CATEGORY_ZH as CATEGORIES
from reportcheck.model import SEVERITY_ZH as SEVERITY_ZH
from reportcheck.model import Issue

CATEGORY_ZH: dict[str | None, str] = {**CATEGORIES, None: "类别未识别"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def section_key(section: str | None) -> tuple:
    """Template order: findings about the whole report first, then 1 < 2.1 < 2.10 < 3.1."""
    if not section:
        return (-1,)
    return tuple(int(p) if p.isdigit() else 0 for p in section.split("."))


def template_key(section: str) -> tuple:
    """2.1 < 2.10 < 3.1 < X (a data sheet's own sections after the template's)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in section.split("."))


def finding_order(issue: Issue) -> tuple:
    """Errors first, then warnings, then notes (the order an applicant fixes them); by section within,
    findings about the whole report first."""
    return (list(SEVERITY_ZH).index(issue.severity), template_key(issue.section) if issue.section else (),
            issue.code)


def by_section(issues: Iterable[Issue]) -> list[tuple[str | None, list[Issue]]]:
    """Findings grouped by section in template order; in a section errors first, then by code."""
    groups: dict[str | None, list[Issue]] = {}
    for issue in issues:
        groups.setdefault(issue.section, []).append(issue)
    return [(section, sorted(groups[section], key=lambda i: (_ORDER[i.severity], i.code)))
            for section in sorted(groups, key=section_key)]


def section_name(section: str | None, titles: dict[str, str]) -> str:
    """``2.1 集群主要经济指标``; ``全文`` for findings about the whole report."""
    return "全文" if section is None else f"{section} {titles.get(section, '')}".strip()


def column_range(col: int, span: int) -> str:
    """Grid columns counted from 1: ``3`` or ``3-4``."""
    return f"{col + 1}" if span == 1 else f"{col + 1}-{col + span}"
