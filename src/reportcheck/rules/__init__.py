"""The engine that runs the rules (:mod:`.registry`) on a report, and what it re-exports for the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial

from reportcheck import catalogue as cat
from reportcheck.model import Issue, ListTable, Report
from reportcheck.rules.base import DATA_SHEET
from reportcheck.rules.cross import CROSS_RULES
from reportcheck.rules.history import HISTORY_RULES
from reportcheck.rules.packs import DEFAULT_PACK, PackError, UnknownPack, available_packs, load_pack
from reportcheck.rules.registry import REGISTRY, SHARED_TYPES, family, issue_types, tagged
from reportcheck.settings import Settings

__all__ = ["CROSS_RULES", "DEFAULT_PACK", "HISTORY_RULES", "REGISTRY", "RELAXED_NOTE", "SCANNED_NOTE", "SHARED_TYPES",
           "PackError", "UnknownPack", "available_packs", "grade", "issue_types", "load_pack", "ready", "run_rules",
           "sure_view", "tagged"]

RELAXED_NOTE = "（按革命老区、民族地区、困难地区适当放宽，仅作提示）"
SCANNED_NOTE = "（扫描件：可能是文字识别误差所致，仅作提示，请对照原件核实）"


def ready() -> None:
    """Load what the rules load on their first report (the templates, the fuzzy matcher), so a process
    can do it while a child is still reading that report."""
    import rapidfuzz  # noqa: F401

    from reportcheck.spec import load_templates

    load_templates()


def run_rules(report: Report, pack: dict | None = None, settings: Settings | None = None) -> list[Issue]:
    """Extraction issues, then every rule of the pack's families, filtered and re-graded by settings.

    Rules see only the figures the reader is sure of (:func:`sure_view`). A "cannot verify" finding
    a rule gives (EL009, PR000) goes with that rule: ``--select EL001`` shows it, ``--ignore EL009``
    hides it."""
    pack = pack if pack is not None else load_pack()
    settings = settings or Settings()
    families = pack.get("families")
    if report.reading_failed:  # one finding says so (not to be ignored); rules would judge the reading
        return [grade(i, settings) for i in report.extraction_issues]
    issues = [i for i in report.extraction_issues if settings.wants(i.code)]
    sure = sure_view(report)
    for rule in REGISTRY:
        if report.template == DATA_SHEET and "form" in rule.type.tags:
            continue
        if (families is None or family(rule.code) in families) and settings.wants(rule.code):
            own = {t.code for t in rule.also} | {cat.RULE_FAILED.code}  # go with the rule: --select EL001 shows EL009
            issues.extend(i for i in guarded(rule.code, partial(rule.run, sure, pack))
                          if settings.wants(i.code) or (i.code in own and not settings.ignores(i.code)))
    graded = [grade(i, settings) for i in _unique(issues)]
    return [_as_scanned(i) for i in graded] if report.scanned_pages else graded


def guarded(code: str, run: Callable[[], Iterable[Issue]]) -> list[Issue]:
    """A rule's findings (``run()``); a rule that fails is one finding naming it (``code``), and the other
    rules still run."""
    try:
        return list(run())
    except Exception as exc:  # a bug in one rule must not lose the report's other findings
        return [cat.RULE_FAILED.issue(section=None, field=code, code=code, error=f"{type(exc).__name__}: {exc}")]


def _as_scanned(issue: Issue) -> Issue:
    if issue.code not in tagged("ocr-sensitive"):
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


def grade(issue: Issue, settings: Settings) -> Issue:
    if settings.relaxed and issue.code in tagged("relaxable") and issue.severity == "error":
        issue = replace(issue, severity="warning", message=issue.message + RELAXED_NOTE)
    level = settings.severity.get(issue.code)
    if level is not None and level != issue.severity:
        issue = replace(issue, severity=level)
    return issue
