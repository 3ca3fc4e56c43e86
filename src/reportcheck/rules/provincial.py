"""Other provinces' recognition criteria (Guangdong 第十三条, Hubei 认定标准), read from the pack.

A rule runs only when the pack has its criterion. A criterion whose data the report lacks (a third
year, the area) is reported as "cannot verify" (PR000, info), never passed silently.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportcheck.catalogue import IssueType
from reportcheck.model import Issue, Report
from reportcheck.rules.base import Rule, RulePack, fmt, section_of

CANNOT_VERIFY = IssueType(
    "PR000", "criteria.cannot-verify", "info",
    "无法核验“{criterion}”：{reason}。", "规则包所列认定标准",
    "由PR001～PR012给出：报告缺少该认定标准所需的数据（如第三年数据、占地面积），不视为通过。",
    tags=frozenset({"cannot-verify"}))
_T = "{programme}要求{criterion}，"
OUTPUT_EACH_YEAR = IssueType(
    "PR001", "criteria.output-each-year", "error",
    _T + "{year}年集群总产值为{value}亿元。", "广东 第十三条（二）；湖北 认定标准 一")
SME_SHARE = IssueType(
    "PR002", "criteria.sme-share", "error", _T + "{year}年中小企业产值占比为{value}%。", "广东 第十三条（二）")
LEADING_SHARE = IssueType(
    "PR003", "criteria.leading-share", "error",
    _T + "{year}年主导产业产值{leading}亿元占集群总产值{total}亿元的{value:.1f}%。",
    "广东 第十三条（二）；湖北 认定标准 一")
OUTPUT_GROWTH = IssueType(
    "PR004", "criteria.output-growth", "error",
    _T + "{y0}—{y1}年集群总产值年均增速为{value:.2f}%。", "广东 第十三条（二）；湖北 认定标准 一")
ENTERPRISES = IssueType(
    "PR005", "criteria.enterprises", "error", _T + "{year}年企业数量为{value}个。", "湖北 第五条（二）")
REVENUE = IssueType(
    "PR006", "criteria.revenue", "error", _T + "{year}年集群企业营业收入为{value}亿元。", "湖北 第五条（二）")
CHAMPIONS = IssueType(
    "PR007", "criteria.champions", "error",
    _T + "{year}年国家级{national_what}合计{national}家，省级{provincial_what}合计{provincial}家。",
    "广东 第十三条（三）；湖北 认定标准 二")
RD_GROWTH = IssueType(
    "PR008", "criteria.rd-growth", "error",
    _T + "{y0}—{y1}年{label}年均增长{value:.2f}%。", "广东 第十三条（五）；湖北 认定标准 三")
PATENT_GROWTH = IssueType(
    "PR009", "criteria.patent-growth", "error",
    _T + "{y0}—{y1}年发明专利数量年均增长{value:.2f}%。", "广东 第十三条（五）；湖北 认定标准 三")
PATENTS_PER_10K = IssueType(
    "PR010", "criteria.patents-per-10k", "error",
    _T + "{year}年每万人发明专利拥有量为{value}个。", "广东 第十三条（五）；湖北 认定标准 三")
IIP = IssueType(
    "PR011", "criteria.iip-penetration", "error",
    _T + "{year}年工业互联网平台普及率为{value}%。", "广东 第十三条（六）；湖北 认定标准 四")
AREA = IssueType(
    "PR012", "criteria.area", "error", _T + "集群占地面积为{value}平方公里。", "广东 第十三条（二）")


def _crit(pack: RulePack, name: str) -> dict | None:
    return pack.get("criteria", {}).get(name)


def _series(report: Report, key: str, years: int) -> tuple[list[str], list[float]] | None:
    """The last ``years`` years with values, or None when fewer are filled."""
    ind = report.indicator(key)
    if ind is None:
        return None
    filled = sorted((y, v) for y, v in ind.values.items() if y.isdigit() and v is not None)
    if len(filled) < years:
        return None
    last = filled[-years:]
    return [y for y, _ in last], [v for _, v in last]


def _below(value: float, crit: dict) -> bool:
    """Fails the minimum: '高于' (strict) needs value > min, '不低于' value ≥ min."""
    return value <= crit["value"] if crit.get("strict") else value < crit["value"]


def _cannot(crit: dict, reason: str, section: str, field: str | None = None) -> Issue:
    return CANNOT_VERIFY.issue(section=section, field=field or crit["text"], criterion=crit["text"], reason=reason)


def _args(pack: RulePack, crit: dict) -> dict:
    return {"programme": pack["programme"], "criterion": crit["text"]}


def _latest(report: Report, key: str) -> tuple[str, float] | None:
    found = _series(report, key, 1)
    return None if found is None else (found[0][-1], found[1][-1])


def check_output_each_year(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """近三年产值均须达到标准（广东≥40亿元，湖北≥80亿元）；报告不足三年时无法核验（PR000）。

    反例：三年产值 38.0、42.0、45.0 亿元（广东）。正例：41.0、45.0、50.0 亿元。
    """
    crit = _crit(pack, "output_each_year_min")
    if crit is None:
        return
    series = _series(report, "total_output", crit["years"])
    if series is None:
        yield _cannot(crit, f"报告只有{len(report.years)}年的集群总产值，需要近{crit['years']}年",
                      section_of(report, "total_output"), "集群总产值")
        return
    for year, value in zip(*series, strict=True):
        if value < crit["value"]:
            yield rule.type.issue(section=section_of(report, "total_output"), field="集群总产值", year=year,
                                  value=fmt(value), **_args(pack, crit))


def _latest_min(rule: Rule, report: Report, pack: RulePack, name: str, key: str) -> Iterator[Issue]:
    crit = _crit(pack, name)
    if crit is None:
        return
    section = section_of(report, key)
    found = _latest(report, key)
    ind = report.indicator(key)
    if found is None:
        yield _cannot(crit, "报告中没有该项数据", section, ind.label if ind else None)
    elif _below(found[1], crit):
        yield rule.type.issue(section=section, field=ind.label if ind else crit["text"], year=found[0],
                              value=fmt(found[1]), **_args(pack, crit))


def check_sme_share(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """中小企业产值占集群总产值高于70%（广东）。

    反例：65.0%。正例：80.2%。
    """
    yield from _latest_min(rule, report, pack, "sme_share_min", "sme_output_share")


def check_leading_share(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """主导产业产值占集群总产值的比例高于70%（广东、湖北），按主导产业产值 ÷ 集群总产值计算。

    反例：主导产业产值 60.0、总产值 100.0（60%）。正例：86.7%。
    """
    crit = _crit(pack, "leading_share_min")
    if crit is None:
        return
    leading, total = _latest(report, "leading_output"), _latest(report, "total_output")
    if leading is None or total is None or leading[0] != total[0] or total[1] <= 0:
        yield _cannot(crit, "缺少同一年的主导产业产值或集群总产值", section_of(report, "leading_output"))
        return
    share = leading[1] / total[1] * 100
    if _below(share, crit):
        yield rule.type.issue(section=section_of(report, "leading_output"),
                              field="集群主导产业产值", year=total[0], leading=fmt(leading[1]),
                              total=fmt(total[1]), value=share, **_args(pack, crit))


def _cagr(years: list[str], values: list[float]) -> float | None:
    span = int(years[-1]) - int(years[0])
    if span <= 0 or values[0] <= 0 or values[-1] < 0:
        return None
    return ((values[-1] / values[0]) ** (1 / span) - 1) * 100


def _growth_rule(rule: Rule, report: Report, pack: RulePack, name: str) -> Iterator[Issue]:
    crit = _crit(pack, name)
    if crit is None:
        return
    section = section_of(report, crit["indicator"])
    series = _series(report, crit["indicator"], crit["years"])
    ind = report.indicator(crit["indicator"])
    label = ind.label if ind else crit["text"]
    if series is None:
        yield _cannot(crit, f"报告只有{len(report.years)}年的数据，年均增速需要近{crit['years']}年", section, label)
        return
    rate = _cagr(*series)
    if rate is None:
        yield _cannot(crit, "基期数值为0或负数，无法计算年均增速", section, label)
    elif _below(rate, crit):
        yield rule.type.issue(section=section, field=label, y0=series[0][0], y1=series[0][-1], value=rate,
                              label=label, **_args(pack, crit))


def check_output_growth(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """产值年均增速（近三年，复合增长率）高于标准（广东10%，湖北8%）。

    反例：100.0 → 104.0 → 108.0 亿元（约3.9%）。正例：100.0 → 112.0 → 125.0 亿元。
    """
    yield from _growth_rule(rule, report, pack, "output_growth_avg_min")


def check_enterprises(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """相关企业户数达到50户以上（湖北）。

    反例：企业数量 42。正例：455。
    """
    yield from _latest_min(rule, report, pack, "enterprises_min", "enterprises")


def check_revenue(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """集群企业营业收入达到80亿元以上（湖北）。

    反例：72.5 亿元。正例：1408.9 亿元。
    """
    yield from _latest_min(rule, report, pack, "revenue_min", "revenue")


def check_champions(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """拥有不少于1家国家级单项冠军或专精特新“小巨人”，或者不少于10家省级企业（计入的类别见规则包）。

    反例：国家级0家、省级专精特新6家。正例：国家级“小巨人”1家。
    """
    crit = _crit(pack, "champions")
    if crit is None:
        return
    national = [_latest(report, k) for k in crit["national"]]
    provincial = [_latest(report, k) for k in crit["provincial"]]
    n = sum(v for _, v in filter(None, national))
    p = sum(v for _, v in filter(None, provincial))
    if n >= crit["national_min"] or p >= crit["provincial_min"]:
        return
    if None in national or None in provincial:
        yield _cannot(crit, "部分企业类别的数量未填报", section_of(report, crit["national"][0]))
        return
    year = report.years[-1] if report.years else ""
    yield rule.type.issue(section=section_of(report, crit["national"][0]),
                          field="优质企业数量", year=year, national=fmt(n), provincial=fmt(p),
                          national_what="、".join(crit["national_names"]),
                          provincial_what="、".join(crit["provincial_names"]), **_args(pack, crit))


def check_rd_growth(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """研发经费近三年年均增长高于标准（广东：中小企业研发经费10%；湖北：研发经费8%）。

    反例：1.30 → 1.35 → 1.40 亿元。正例：1.30 → 1.45 → 1.62 亿元。
    """
    yield from _growth_rule(rule, report, pack, "rd_growth_avg_min")


def check_patent_growth(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """有效发明专利年均增长率不低于标准（广东15%，湖北10%）。

    反例：1520 → 1560 → 1600 个。正例：1520 → 1786 → 2080 个。
    """
    yield from _growth_rule(rule, report, pack, "patent_growth_avg_min")


def check_patents_per_10k(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """每万人有效发明专利拥有量不低于标准（广东15个，湖北10个）。

    反例：8.5 个。正例：193.5 个。
    """
    yield from _latest_min(rule, report, pack, "patents_per_10k_min", "patents_per_10k")


def check_iip(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """工业互联网平台应用普及率不低于15%（广东、湖北）。

    反例：12.0%。正例：45.5%。
    """
    yield from _latest_min(rule, report, pack, "iip_penetration_min", "iip_penetration")


def check_area(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """集群占地面积不超过100平方公里（广东）；湖南报告没有这一项，需用数据表填报，否则无法核验。

    反例：126.0 平方公里。正例：48.5 平方公里。
    """
    crit = _crit(pack, "area_max")
    if crit is None:
        return
    found = _latest(report, "area_km2")
    if found is None:
        yield _cannot(crit, "报告中没有集群占地面积（可用数据表填报）", section_of(report, "area_km2"), "集群占地面积")
    elif found[1] > crit["value"]:
        yield rule.type.issue(section=section_of(report, "area_km2"),
                              field="集群占地面积", value=fmt(found[1]), **_args(pack, crit))


RULES = (
    Rule(OUTPUT_EACH_YEAR, check_output_each_year, options=("criteria.output_each_year_min",), also=(CANNOT_VERIFY,)),
    Rule(SME_SHARE, check_sme_share, options=("criteria.sme_share_min",), also=(CANNOT_VERIFY,)),
    Rule(LEADING_SHARE, check_leading_share, options=("criteria.leading_share_min",), also=(CANNOT_VERIFY,)),
    Rule(OUTPUT_GROWTH, check_output_growth, options=("criteria.output_growth_avg_min",), also=(CANNOT_VERIFY,)),
    Rule(ENTERPRISES, check_enterprises, options=("criteria.enterprises_min",), also=(CANNOT_VERIFY,)),
    Rule(REVENUE, check_revenue, options=("criteria.revenue_min",), also=(CANNOT_VERIFY,)),
    Rule(CHAMPIONS, check_champions, options=("criteria.champions",), also=(CANNOT_VERIFY,)),
    Rule(RD_GROWTH, check_rd_growth, options=("criteria.rd_growth_avg_min",), also=(CANNOT_VERIFY,)),
    Rule(PATENT_GROWTH, check_patent_growth, options=("criteria.patent_growth_avg_min",), also=(CANNOT_VERIFY,)),
    Rule(PATENTS_PER_10K, check_patents_per_10k, options=("criteria.patents_per_10k_min",), also=(CANNOT_VERIFY,)),
    Rule(IIP, check_iip, options=("criteria.iip_penetration_min",), also=(CANNOT_VERIFY,)),
    Rule(AREA, check_area, options=("criteria.area_max",), also=(CANNOT_VERIFY,)),
)
