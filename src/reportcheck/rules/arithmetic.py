"""Arithmetic rules: figures recomputed from their parts, rounding-aware."""

from __future__ import annotations

from collections.abc import Iterator

from reportcheck.catalogue import IssueType
from reportcheck.model import Indicator, Issue, Report
from reportcheck.rules.base import Rule, RulePack

GROWTH_MISMATCH = IssueType(
    "AR001", "arithmetic.growth-mismatch", "error",
    "{label}增幅填报为{reported}%，但按{y0}年{v0}、{y1}年{v1}计算应为{computed:.2f}%"
    "（容许舍入范围{lo:.2f}%～{hi:.2f}%）。请核对数值或增幅。",
    "模板 2.1/2.2/2.4/3.1 增幅（%）列；增幅 =（本年 − 上年）÷ 上年 × 100")


def _half(decimals: int, exact: bool) -> float:
    return 0.0 if exact else 0.5 * 10.0 ** (-decimals)


def growth_interval(v0: float, d0: int, v1: float, d1: int, exact: bool) -> tuple[float, float] | None:
    """The range of growth (%) consistent with two rounded values; None when v0 may be ≤ 0."""
    h0, h1 = _half(d0, exact), _half(d1, exact)
    lo0, hi0 = v0 - h0, v0 + h0
    if lo0 <= 0:
        return None
    return ((v1 - h1) / hi0 - 1) * 100, ((v1 + h1) / lo0 - 1) * 100


def _check_row(ind: Indicator, years: list[str], exact: bool) -> Issue | None:
    if ind.growth_pct is None or len(years) < 2:
        return None
    y0, y1 = years[-2], years[-1]
    v0, v1 = ind.values.get(y0), ind.values.get(y1)
    if v0 is None or v1 is None or y0 in ind.approximate or y1 in ind.approximate:
        return None
    interval = growth_interval(v0, ind.decimals.get(y0, 0), v1, ind.decimals.get(y1, 0), exact)
    if interval is None:
        return None
    lo, hi = interval
    g = ind.growth_pct
    hg = _half(ind.growth_decimals or 0, False)
    if g + hg >= lo - 1e-9 and g - hg <= hi + 1e-9:
        return None
    return GROWTH_MISMATCH.issue(
        section=ind.section, field=ind.label, location=ind.location, label=ind.label,
        reported=ind.raw.get("growth", f"{g:g}").strip().rstrip("%"), y0=y0, y1=y1,
        v0=ind.raw.get(y0, f"{v0:g}").strip(), v1=ind.raw.get(y1, f"{v1:g}").strip(),
        computed=(v1 / v0 - 1) * 100, lo=lo, hi=hi)


def check_growth(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """每个填报的增幅都按两年数值重算，考虑舍入：填报值保留d位小数即视为区间
    [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]，只有区间无法相交时才报错。

    反例：集群总产值 2021年 120.0、2022年 135.0，增幅填 15.3 —— 应为 12.5。
    正例：同样数值增幅填 12.5 或 12.50。
    """
    exact_units = set(pack.get("exact_units", []))
    for ind in report.indicators:
        years = sorted(y for y in ind.values if y.isdigit())
        issue = _check_row(ind, years, ind.unit in exact_units)
        if issue is not None:
            yield issue


RULES = (Rule(GROWTH_MISMATCH, check_growth),)
