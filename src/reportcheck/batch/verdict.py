"""The entry-threshold verdict of one report (竞赛实施办法 第五条), with the figures it rests on."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportcheck.model import Report
from reportcheck.outcome import FileOutcome
from reportcheck.rules import sure_view, tagged
from reportcheck.rules.base import latest_value
from reportcheck.rules.eligibility import CANNOT_VERIFY as EL_CANNOT_VERIFY
from reportcheck.settings import Settings

PASSED, FAILED, UNVERIFIED, NOT_APPLICABLE = "达标", "未达标", "无法核验", "—"
CANNOT_VERIFY = EL_CANNOT_VERIFY.code


def _threshold_codes(category: str) -> frozenset[str]:
    """The entry-threshold rules of a category ("advanced", "sme"): those tagged ``threshold-CATEGORY``."""
    return tagged(f"threshold-{category}")


@dataclass
class Verdict:
    status: str
    figures: dict[str, float | None] = field(default_factory=dict)  # 营业收入, 链主营业收入, 产值, …


def entry_verdict(outcome: FileOutcome, settings: Settings | None = None, pack: dict | None = None) -> Verdict:
    """达标 when no threshold finding, 未达标 when one (error or, relaxed, warning), 无法核验 when a figure
    is missing, the category unknown or the threshold rules were not run (``--select``, ``--ignore``,
    a pack without them); — for an unreadable file or a data sheet without a category."""
    report = outcome.report
    if report is None:
        return Verdict(NOT_APPLICABLE)
    codes = {i.code for i in outcome.issues}
    figures = _figures(report)
    if report.reading_failed:  # almost nothing was read: nothing can be said of the thresholds
        return Verdict(UNVERIFIED, figures)
    if report.category is None:
        return Verdict(UNVERIFIED if report.stage else NOT_APPLICABLE, figures)
    if not _thresholds_ran(report.category, settings, pack):
        return Verdict(UNVERIFIED, figures)
    if codes & _threshold_codes(report.category):
        return Verdict(FAILED, figures)
    if CANNOT_VERIFY in codes:
        return Verdict(UNVERIFIED, figures)
    return Verdict(PASSED, figures)


def _thresholds_ran(category: str, settings: Settings | None, pack: dict | None) -> bool:
    """Whether every threshold rule of the category (and its "cannot verify") ran and was kept."""
    codes = (*sorted(_threshold_codes(category)), CANNOT_VERIFY)
    families = (pack or {}).get("families")
    if families is not None and "EL" not in families:
        return False
    return settings is None or all(settings.wants(code) for code in codes)


def _latest(report: Report, key: str) -> float | None:
    found = latest_value(report, key)
    return None if found is None else found[1]


def _figures(report: Report) -> dict[str, float | None]:
    """The figures the category's thresholds rest on, by their column names — only those the reader
    is sure of, as the rules see them."""
    report = sure_view(report)
    if report.category == "advanced":
        top = report.list_table("top10_revenue")
        year = report.years[-1] if report.years else ""
        leaders = [v for r in (top.rows if top else []) if (v := r.by_year.get("revenue", {}).get(year)) is not None]
        return {"营业收入（亿元）": _latest(report, "revenue"), "链主营业收入（亿元）": max(leaders, default=None)}
    if report.category == "sme":
        champions = [_latest(report, k) for k in ("national_champions", "provincial_champions", "little_giants")]
        return {"产值（亿元）": _latest(report, "total_output"),
                "中小企业产值占比（%）": _latest(report, "sme_output_share"),
                "单项冠军+小巨人（个）": None if any(c is None for c in champions) else sum(champions)}  # type: ignore[arg-type]
    return {}
