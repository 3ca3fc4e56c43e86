"""Arithmetic rules: figures recomputed from their parts, rounding-aware (Arelle's interval rule).

A reported value with d decimals stands for the interval v ± ½·10⁻ᵈ; a finding is raised only when
the interval of the reported figure cannot meet the interval of the recomputed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from reportcheck.catalogue import IssueType
from reportcheck.model import Indicator, Issue, Report
from reportcheck.rounding import growth_interval, points_fit, rate_fits
from reportcheck.rules.base import (
    Rule,
    RulePack,
    fmt,
    half_unit,
    intervals_meet,
    is_exact,
    ratio_interval,
)

GROWTH_MISMATCH = IssueType(
    "AR001", "arithmetic.growth-mismatch", "error",
    "{label}增幅填报为{reported}，但按{y0}年{v0}、{y1}年{v1}计算应为{computed:.2f}{unit}"
    "（容许舍入范围{lo:.2f}{unit}～{hi:.2f}{unit}）。请核对数值或增幅。",
    "参赛报告模板 2.1/2.2/2.4/3.1 增幅（%）列：增幅 =（本年 − 上年）÷ 上年 × 100；"
    "比例指标写作“个百分点”时为两年比例之差")
RD_GROWTH_MISMATCH = IssueType(
    "AR002", "arithmetic.rd-growth-mismatch", "error",
    "集群研发经费增速{year}年填报为{reported}%，但按集群研发经费{y0}年{v0}亿元、{year}年{v1}亿元计算应为"
    "{computed:.2f}%（容许范围{lo:.2f}%～{hi:.2f}%）。请核对。",
    "参赛报告模板 2.4：集群研发经费增速与集群研发经费")
PATENTS_PER_10K_MISMATCH = IssueType(
    "AR003", "arithmetic.patents-per-10k-mismatch", "warning",
    "{year}年每万人发明专利拥有量填报为{reported}个，但按发明专利{patents}个、从业人员{employees}人计算应为"
    "{computed:.2f}个（容许范围{lo:.2f}～{hi:.2f}）。若两者统计口径不同（如有效发明专利），请在说明中注明。",
    "参赛报告模板 2.4：集群从业人员每万人发明专利拥有量 = 发明专利数量 ÷ 集群从业人员数量 × 10000")
PARK_RATIO_MISMATCH = IssueType(
    "AR004", "arithmetic.park-ratio-mismatch", "warning",
    "{label}填报为{reported}{unit}，但按{year}年{num_label}{num}亿元、园区开发面积{area}亩计算{what}"
    "{computed:.2f}{unit}（{bounds}；注意亿元与万元的换算）。{note}",
    "参赛报告模板 3.1：投资强度、亩均税收（万元/亩）")
TARGET_BASE_MISMATCH = IssueType(
    "AR005", "arithmetic.target-base-mismatch", "error",
    "5.1中“{label}”上一年实际值填报为{reported}，与2.1中{year}年的{actual_label}{actual}不一致。请统一。",
    "参赛报告模板 5.1：上一年实际值应与 2.1 最近一年数据一致")
GROWTH_FORMULA_OTHER_ROW = IssueType(
    "AR006", "arithmetic.growth-formula-other-row", "error",
    "“{label}”的增幅{reported}是Word公式“{formula}”的结果，公式引用的是表中第{rows}行（{refs}），"
    "不是本行（第{own}行），{effect}。请改正公式（或直接填写数值）后按F9更新。",
    "参赛报告模板 2.1/2.2/2.4/3.1 增幅（%）列：按本行两年数值计算")
_CELL_REF = re.compile(r"(?<![A-Za-z])([A-Z]{1,2})(\d{1,3})(?!\d)")
_CELL_RANGE = re.compile(r"(?<![A-Za-z])[A-Z]{1,2}(\d{1,3}):[A-Z]{1,2}(\d{1,3})(?!\d)")


def _two_years(ind: Indicator) -> tuple[str, str] | None:
    years = sorted(y for y in ind.values if y.isdigit())
    return (years[-2], years[-1]) if len(years) >= 2 else None


def _growth_of(ind: Indicator, pack: RulePack) -> tuple[str, str, float, float, float, float] | None:
    """(y0, y1, v0, v1, lo, hi) for the latest two years, or None when it cannot be computed."""
    years = _two_years(ind)
    if years is None:
        return None
    y0, y1 = years
    v0, v1 = ind.values.get(y0), ind.values.get(y1)
    if v0 is None or v1 is None or y0 in ind.approximate or y1 in ind.approximate:
        return None
    d0, d1 = ind.decimals.get(y0, 0), ind.decimals.get(y1, 0)
    interval = growth_interval(v0, d0, v1, d1, is_exact(ind.unit, max(d0, d1), pack))
    return None if interval is None else (y0, y1, v0, v1, *interval)


def check_growth(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """每个填报的增幅都按两年数值重算，考虑舍入：填报值保留d位小数即视为区间
    [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]，只有区间无法相交时才报错。

    先保留两位小数、再保留一位小数（两次舍入）得到的填报值也不算错：132.3529 先得 132.35，再舍入
    写成 132.4（四舍五入）或 132.3（电子表格的二进制浮点舍入）都接受。比例指标（%）的增幅写作
    “提高0.7个百分点”“-0.4个百分点”时，按两年比例之差核对。

    反例：集群总产值 2021年 120.0、2022年 135.0，增幅填 15.3 —— 应为 12.5。
    正例：同样数值增幅填 12.5 或 12.50；企业上云比例 66.2%、78.9%，增幅填“提高12.7个百分点”。
    """
    for ind in report.indicators:
        if ind.growth_pct is None:
            continue
        if ind.growth_in_points:
            yield from _points_mismatch(rule, ind, pack)
            continue
        g = _growth_of(ind, pack)
        if g is None:
            continue
        y0, y1, v0, v1, lo, hi = g
        if not rate_fits(ind.growth_pct, ind.growth_decimals or 0, lo, hi, (v1 / v0 - 1) * 100):
            yield _growth_issue(rule, ind, y0, y1, v0, v1, (v1 / v0 - 1) * 100, lo, hi, "%")


def _points_mismatch(rule: Rule, ind: Indicator, pack: RulePack) -> Iterator[Issue]:
    """A share's change written in percentage points, checked against the difference of the two years."""
    years = _two_years(ind)
    if years is None or ind.unit != "%":
        return
    y0, y1 = years
    v0, v1 = ind.values.get(y0), ind.values.get(y1)
    if v0 is None or v1 is None or y0 in ind.approximate or y1 in ind.approximate:
        return
    d0, d1 = ind.decimals.get(y0, 0), ind.decimals.get(y1, 0)
    if not points_fit(ind.growth_pct or 0.0, ind.growth_decimals or 0, v0, d0, v1, d1):
        h = half_unit(d0) + half_unit(d1)
        yield _growth_issue(rule, ind, y0, y1, v0, v1, v1 - v0, v1 - v0 - h, v1 - v0 + h, "个百分点")


def _growth_issue(rule: Rule, ind: Indicator, y0: str, y1: str, v0: float, v1: float, computed: float,
                  lo: float, hi: float, unit: str) -> Issue:
    written = "".join(ind.raw.get("growth", fmt(ind.growth_pct or 0.0)).split())
    plain = re.fullmatch(r"[+-]?\d+(?:\.\d+)?[%％]?", written)
    reported = (f"{written.rstrip('%％')}%" if plain else
                f"“{written}”（即{fmt(ind.growth_pct or 0.0)}{'个百分点' if ind.growth_in_points else '%'}）")
    return rule.type.issue(
        section=ind.section, field=ind.label, location=ind.at("growth"), label=ind.label, reported=reported,
        y0=y0, y1=y1, v0=ind.raw.get(y0, fmt(v0)).strip(), v1=ind.raw.get(y1, fmt(v1)).strip(),
        computed=computed, lo=lo, hi=hi, unit=unit)


def check_rd_growth(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """2.4“集群研发经费增速”最近一年的数值，应等于“集群研发经费”两年数值算出的增速（考虑舍入）。

    反例：研发经费 38.2 → 44.6 亿元，增速填 12.0%（应为 16.75%）。正例：填 16.8%。
    """
    spec = pack["growth_checks"]["rd_growth"]
    rate, base = report.indicator(spec["indicator"]), report.indicator(spec["of"])
    if rate is None or base is None:
        return
    g = _growth_of(base, pack)
    if g is None:
        return
    y0, y1, v0, v1, lo, hi = g
    reported = rate.values.get(y1)
    if reported is None or rate_fits(reported, rate.decimals.get(y1, 0), lo, hi, (v1 / v0 - 1) * 100):
        return
    yield rule.type.issue(section=rate.section, field=rate.label, location=rate.at(y1), year=y1,
                          reported=fmt(reported), y0=y0, v0=fmt(v0), v1=fmt(v1),
                          computed=(v1 / v0 - 1) * 100, lo=lo, hi=hi)


def check_patents_per_10k(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """每万人发明专利拥有量 = 发明专利数量 ÷ 集群从业人员数量 × 10000，逐年核对（考虑舍入）。
    口径可能不同（有效发明专利），故为警告。

    反例：发明专利 1786 个、从业人员 92300 人，填 25.0（应为 193.50）。正例：填 193.5。
    """
    spec = pack["growth_checks"]["patents_per_10k"]
    rate = report.indicator(spec["indicator"])
    num, den = report.indicator(spec["numerator"]), report.indicator(spec["denominator"])
    if rate is None or num is None or den is None:
        return
    for year, reported in rate.values.items():
        n, d = num.values.get(year), den.values.get(year)
        if reported is None or n is None or d is None:
            continue
        dn, dd = num.decimals.get(year, 0), den.decimals.get(year, 0)
        interval = ratio_interval(n, half_unit(dn, is_exact(num.unit, dn, pack)),
                                  d, half_unit(dd, is_exact(den.unit, dd, pack)))
        if interval is None:
            continue
        lo, hi = interval[0] * spec["per"], interval[1] * spec["per"]
        if not rate_fits(reported, rate.decimals.get(year, 0), lo, hi):
            yield rule.type.issue(section=rate.section, field=rate.label, location=rate.at(year), year=year,
                                  reported=fmt(reported), patents=fmt(n), employees=fmt(d),
                                  computed=n / d * spec["per"], lo=lo, hi=hi)


_AT_LEAST = ("至少应为", "按累计投资计算只会更大，不会更小。")
_EXACT = ("应为", "若采用累计口径，请注明。")


def check_park_ratios(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """3.1 投资强度、亩均税收（万元/亩）按最近一年园区总额的固定资产投资、上交税金（亿元，×10000 换算为万元）
    除以园区开发面积（亩）核对。投资强度通常按累计固定资产投资计算（规则包中 ``cumulative``），一年的投资只给出
    它的下限：只有小于下限才报。模板未说明口径，故为警告。

    反例：固定资产投资 168.3 亿元、开发面积 18500 亩，投资强度填 9.1（亿元当作万元，至少应为 90.97）；
    亩均税收按上交税金 38.9 亿元应约为 21.03，填 210.0。正例：投资强度填 91.0 或累计口径的 520.5，亩均税收填 21.0。
    """
    area_ind = report.indicator("park_area")
    for spec in pack["growth_checks"]["park_ratios"]:
        ratio, num = report.indicator(spec["indicator"]), report.indicator(spec["numerator"])
        if ratio is None or num is None or area_ind is None:
            continue
        if not report.years:
            continue
        year = report.years[-1]  # the ratio, its numerator and the area all of the latest year
        n, reported, area = num.values.get(year), ratio.values.get(year), area_ind.values.get(year)
        if n is None or reported is None or area is None:
            continue
        interval = ratio_interval(n, half_unit(num.decimals.get(year, 0)),
                                  area, half_unit(area_ind.decimals.get(year, 0),
                                                  area_ind.decimals.get(year, 0) == 0))
        if interval is None:
            continue
        lo, hi = interval[0] * spec["factor"], interval[1] * spec["factor"]
        cumulative = spec.get("cumulative", False)
        if cumulative:
            hi = max(hi, reported)  # a cumulative numerator only adds: above the year's ratio is no finding
        if not rate_fits(reported, ratio.decimals.get(year, 0), lo, hi):
            what, note = _AT_LEAST if cumulative else _EXACT
            bounds = f"不小于{lo:.2f}即可" if cumulative else f"容许范围{lo:.2f}～{hi:.2f}"
            yield rule.type.issue(section=ratio.section, field=ratio.label, location=ratio.at(year),
                                  label=ratio.label, reported=fmt(reported), unit=ratio.unit, year=year,
                                  num_label=num.label, num=fmt(n), area=fmt(area), what=what, note=note,
                                  bounds=bounds, computed=n / area * spec["factor"], lo=lo, hi=hi)


def check_target_base(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """5.1“上一年实际值”应与 2.1 中同一指标最近一年的数值一致（考虑舍入）。

    反例：2.1 集群总产值 2022年 1326.8，5.1 上一年实际值填 1200.0。正例：填 1326.8。
    """
    for spec in pack["growth_checks"]["target_base"]:
        target, actual = report.indicator(spec["target"]), report.indicator(spec["actual"])
        if target is None or actual is None or target.base_year is None:
            continue
        reported = target.values.get(target.base_year)
        value = actual.values.get(target.base_year)
        if reported is None or value is None:
            continue
        ht = half_unit(target.decimals.get(target.base_year, 0))
        ha = half_unit(actual.decimals.get(target.base_year, 0))
        if not intervals_meet(reported, ht, value, ha):
            yield rule.type.issue(section=target.section, field=target.label, location=target.at(target.base_year),
                                  label=target.label, reported=fmt(reported), year=target.base_year,
                                  actual_label=actual.label, actual=fmt(value))


def check_growth_formula(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """增幅用Word公式（域）计算时，公式引用的单元格应在本行。复制粘贴公式后忘了改引用，显示的
    就是别的行的增幅，而数值本身不一定看得出错（两年数值的舍入范围可能恰好容得下）。

    反例：税金总额一行（表中第10行）的增幅是公式 =ROUND((C9-B9)/B9*100,1)，引用第9行（利润总额）。
    正例：=ROUND((C10-B10)/B10*100,1)。当显示的增幅恰好与本行数值相符（公式的结果被改写过，或上方插入了行而
    公式未更新）时只作警告：按F9更新域之后才会变成别的行的增幅。
    """
    for ind in report.indicators:
        formula, where = ind.formulas.get("growth"), ind.cells.get("growth")
        if not formula or where is None or where.row is None:
            continue
        code = formula.split("\\")[0].strip()  # without its switches (\# "0.0")
        own = where.row + 1  # Word counts a table's rows from 1
        if any(int(a) <= own <= int(b) for a, b in _CELL_RANGE.findall(code.upper())):
            continue  # a range of cells that holds the row's own
        refs = list(dict.fromkeys(c + r for c, r in _CELL_REF.findall(code.upper())))
        rows = sorted({int(_CELL_REF.match(ref).group(2)) for ref in refs})  # type: ignore[union-attr]
        if not rows or own in rows:
            continue
        shown_fits = _shown_growth_fits(ind, pack)
        issue = rule.type.issue(
            section=ind.section, field=ind.label, location=where, label=ind.label,
            reported=ind.raw.get("growth", "").strip() or fmt(ind.growth_pct or 0.0), formula=code,
            rows="、".join(map(str, rows)), refs="、".join(refs), own=own,
            effect="显示的增幅虽与本行数值相符，但按F9更新后会变成别的行的增幅" if shown_fits
            else "显示的是别的指标的增幅")
        yield replace(issue, severity="warning") if shown_fits else issue


def _shown_growth_fits(ind: Indicator, pack: RulePack) -> bool:
    """Whether the growth shown is the row's own: its two figures' growth rounded as the growth is written
    (not merely inside the rounding range two coarse figures leave, which another row's growth may be)."""
    g = _growth_of(ind, pack)
    if g is None or ind.growth_pct is None:
        return False
    v0, v1 = g[2], g[3]
    decimals = ind.growth_decimals or 0
    return abs(round((v1 / v0 - 1) * 100, decimals) - ind.growth_pct) < half_unit(decimals)


RULES = (
    Rule(GROWTH_MISMATCH, check_growth, options=("exact_units",)),
    Rule(GROWTH_FORMULA_OTHER_ROW, check_growth_formula, options=("exact_units",)),
    Rule(RD_GROWTH_MISMATCH, check_rd_growth, options=("exact_units", "growth_checks.rd_growth")),
    Rule(PATENTS_PER_10K_MISMATCH, check_patents_per_10k, options=("exact_units", "growth_checks.patents_per_10k")),
    Rule(PARK_RATIO_MISMATCH, check_park_ratios, options=("growth_checks.park_ratios",)),
    Rule(TARGET_BASE_MISMATCH, check_target_base, options=("growth_checks.target_base",)),
)
