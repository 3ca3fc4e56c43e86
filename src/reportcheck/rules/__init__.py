"""The rule registry (an explicit list, no directory walking) and the engine that runs it."""

from __future__ import annotations

from dataclasses import replace

from reportcheck import catalogue as cat
from reportcheck.catalogue import EXTRACTION_TYPES, IssueType
from reportcheck.model import Issue, ListTable, Report
from reportcheck.rules import arithmetic, completeness, consistency, eligibility, provincial
from reportcheck.rules.base import DATA_SHEET, Rule
from reportcheck.rules.cross import CROSS_RULES
from reportcheck.rules.packs import DEFAULT_PACK, PackError, UnknownPack, available_packs, load_pack
from reportcheck.settings import Settings

__all__ = ["DEFAULT_PACK", "FORM_FAMILIES", "OCR_SENSITIVE", "REGISTRY", "RELAXED_NOTE", "SCANNED_NOTE", "SHARED_TYPES",
           "PackError", "UnknownPack", "available_packs", "grade", "issue_types", "load_pack", "run_rules",
           "sure_view"]

REGISTRY: tuple[Rule, ...] = (
    *arithmetic.RULES, *consistency.RULES, *eligibility.RULES, *completeness.RULES, *provincial.RULES,
)
RELAXED_NOTE = "（按革命老区、民族地区、困难地区适当放宽，仅作提示）"
# Rules about the Word form itself: a data sheet has no contacts, evidence pages or free text.
FORM_FAMILIES = frozenset({"BI", "EV", "TX"})


SHARED_TYPES: tuple[IssueType, ...] = (eligibility.CANNOT_VERIFY, provincial.CANNOT_VERIFY)


def issue_types() -> list[IssueType]:
    """Every code a user may see: extraction issues, shared "cannot verify" codes, rules, batch rules."""
    return [*EXTRACTION_TYPES, *SHARED_TYPES, *(r.type for r in REGISTRY), *(r.type for r in CROSS_RULES)]


def run_rules(report: Report, pack: dict | None = None, settings: Settings | None = None) -> list[Issue]:
    """Extraction issues, then every rule of the pack's families, filtered and re-graded by settings.

    Rules see only the figures the reader is sure of (:func:`sure_view`). A "cannot verify" finding
    a rule gives (EL009, PR000) goes with that rule: ``--select EL001`` shows it, ``--ignore EL009``
    hides it."""
    pack = pack if pack is not None else load_pack()
    settings = settings or Settings()
    families = pack.get("families")
    if report.reading_failed:  # one finding says so (not to be ignored); rules would judge the reading
        return [grade(i, pack, settings) for i in report.extraction_issues]
    issues = [i for i in report.extraction_issues if settings.wants(i.code)]
    sure = sure_view(report)
    shared = {t.code for t in SHARED_TYPES} | {cat.RULE_FAILED.code}
    for rule in REGISTRY:
        family = rule.code.rstrip("0123456789")
        if report.template == DATA_SHEET and family in FORM_FAMILIES:
            continue
        if (families is None or family in families) and settings.wants(rule.code):
            issues.extend(i for i in _guarded(rule, sure, pack)
                          if settings.wants(i.code) or (i.code in shared and not settings.ignores(i.code)))
    graded = [grade(i, pack, settings) for i in _unique(issues)]
    return [_as_scanned(i) for i in graded] if report.scanned_pages else graded


def _guarded(rule: Rule, report: Report, pack: dict) -> list[Issue]:
    """The rule's findings; a rule that fails is one finding naming it, and the other rules still run."""
    try:
        return rule.run(report, pack)
    except Exception as exc:  # a bug in one rule must not lose the report's other findings
        return [cat.RULE_FAILED.issue(section=None, field=rule.code, code=rule.code,
                                      error=f"{type(exc).__name__}: {exc}")]


# Findings that something could not be found (a row, a table, a heading, a field, the declaration) or was
# not the template's (a row's label): on a scan, OCR may have misread the very words they look for, or run
# two tables together, so they are told, not judged.
OCR_SENSITIVE = frozenset({"X002", "X005", "X007", "X008", "X009", "X010", "X011", "X012", "X017", "X019",
                           "BI001", "BI003", "BI004"})
SCANNED_NOTE = "（扫描件：可能是文字识别误差所致，仅作提示，请对照原件核实）"


def _as_scanned(issue: Issue) -> Issue:
    if issue.code not in OCR_SENSITIVE:
        return issue
    return replace(issue, severity="info", message=issue.message + SCANNED_NOTE)


def sure_view(report: Report) -> Report:
    """The report with every figure read in doubt taken out (the doubt itself is a D finding)."""
    doubtful = [ind for ind in report.indicators if ind.doubts]
    # A scan's list read with no entry at all (its heading or rules misread) is not known to be empty.
    lists = [_sure_list(t) for t in report.lists
             if not _all_in_doubt(t) and (t.rows or not report.scanned_pages)]
    if len(lists) != len(report.lists) or any(t is not s for t, s in zip(lists, report.lists, strict=False)):
        report = replace(report, lists=lists)
    if not doubtful:
        return report
    indicators = []
    for ind in report.indicators:
        if not ind.doubts:
            indicators.append(ind)
            continue
        whole = "row" in ind.doubts
        values = {y: None if whole or y in ind.doubts else v for y, v in ind.values.items()}
        update: dict = {"values": values}
        if ind.cluster_values is not None:
            update["cluster_values"] = {y: None if whole or f"{y}:cluster" in ind.doubts else v
                                        for y, v in ind.cluster_values.items()}
        if whole or "growth" in ind.doubts:
            update["growth_pct"] = None
        update["evidence_pages"] = [p for p in ind.evidence_pages if not whole and f"page:{p}" not in ind.doubts]
        indicators.append(replace(ind, **update))
    return replace(report, indicators=indicators)


def _all_in_doubt(table: ListTable) -> bool:
    """A list every row of which is in doubt as a whole (a scan's list read past its template's length):
    left out, as a list not read — rules then say they cannot verify, never count its rows."""
    return bool(table.rows) and all("row" in row.doubts for row in table.rows)


def _sure_list(table: ListTable) -> ListTable:
    """A list with the entries read in doubt emptied (``doubts`` keys: a column, or 'column:year')."""
    if not any(row.doubts for row in table.rows):
        return table
    rows = []
    for row in table.rows:
        if row.doubts:
            whole = "row" in row.doubts  # the entry as a whole (several run together, or one cut in two)
            values = {k: None if whole or k in row.doubts else v for k, v in row.values.items()}
            by_year = {k: {y: None if whole or f"{k}:{y}" in row.doubts else v for y, v in years.items()}
                       for k, years in row.by_year.items()}
            row = replace(row, values=values, by_year=by_year)
        rows.append(row)
    return replace(table, rows=rows)


def _unique(issues: list[Issue]) -> list[Issue]:
    """One finding once: several rules may say the same "cannot verify" (an unknown category)."""
    seen: set[tuple] = set()
    out = []
    for issue in issues:
        key = (issue.code, issue.section, issue.field, issue.message, issue.location)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


def grade(issue: Issue, pack: dict, settings: Settings) -> Issue:
    if settings.relaxed and issue.code in pack.get("relaxable", []) and issue.severity == "error":
        issue = replace(issue, severity="warning", message=issue.message + RELAXED_NOTE)
    level = settings.severity.get(issue.code)
    if level is not None and level != issue.severity:
        issue = replace(issue, severity=level)
    return issue
