"""Entry thresholds of 竞赛实施办法 第五条, per category, with numbers from the rule pack."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from reportcheck.catalogue import IssueType
from reportcheck.model import Issue, ListRow, Report
from reportcheck.normalize.text import label_key
from reportcheck.rules.base import (
    DATA_SHEET,
    Rule,
    RulePack,
    basic_section,
    indicator_label,
    latest_value,
    list_section,
    missing_reason,
    section_of,
)
from reportcheck.spec import load_json_resource

# The entry thresholds of each category (the batch workbook's 参赛条件); relaxed for 革命老区 and the like.
_THRESHOLD_ADVANCED = frozenset({"threshold-advanced", "relaxable"})
_THRESHOLD_SME = frozenset({"threshold-sme", "relaxable"})
ADVANCED_REVENUE = IssueType(
    "EL001", "eligibility.advanced-revenue", "error",
    "先进制造业集群营业收入须达{threshold:g}亿元以上，{year}年集群企业营业收入为{value:g}亿元，未达到参赛条件。",
    "竞赛实施办法 第五条第2款", tags=_THRESHOLD_ADVANCED)
CHAIN_LEADER = IssueType(
    "EL002", "eligibility.chain-leader", "error",
    "先进制造业集群须有年营业收入{threshold:g}亿元以上的链主企业，营业收入排名前十企业中最大的"
    "“{name}”{year}年为{value:g}亿元，未达到参赛条件。",
    "竞赛实施办法 第五条第2款", tags=_THRESHOLD_ADVANCED)
SME_OUTPUT = IssueType(
    "EL003", "eligibility.sme-output", "error",
    "中小企业特色产业集群产值须达{threshold:g}亿元以上，{year}年集群总产值为{value:g}亿元，未达到参赛条件。",
    "竞赛实施办法 第五条第3款", tags=_THRESHOLD_SME)
SME_SHARE = IssueType(
    "EL004", "eligibility.sme-share", "error",
    "集群中小企业产值占比须不低于{threshold:g}%，{year}年填报为{value:g}%，未达到参赛条件。",
    "竞赛实施办法 第五条第3款", tags=_THRESHOLD_SME)
SME_CHAMPIONS = IssueType(
    "EL005", "eligibility.sme-champions", "error",
    "中小企业特色产业集群须有省级以上单项冠军、专精特新“小巨人”企业合计不少于{threshold:g}家，"
    "{year}年合计{value:g}家（{detail}），未达到参赛条件。",
    "竞赛实施办法 第五条第3款", tags=_THRESHOLD_SME)
CANNOT_VERIFY = IssueType(
    "EL009", "eligibility.cannot-verify", "warning",
    "无法核验参赛条件“{criterion}”：{reason}。请补填相关数据。",
    "竞赛实施办法 第五条",
    "由EL001～EL005给出：判断参赛条件所需的数据缺失，不视为通过。", tags=frozenset({"cannot-verify"}))


def _threshold(pack: RulePack, name: str) -> dict:
    return pack["thresholds"][name]


def _simple(report: Report, pack: RulePack, name: str, itype: IssueType, criterion: str
            ) -> Iterator[Issue]:
    t = _threshold(pack, name)
    ind = report.indicator(t["indicator"])
    found = latest_value(report, t["indicator"])
    label = ind.label if ind else t["label"]
    section = section_of(report, t["indicator"])
    if found is None:
        yield CANNOT_VERIFY.issue(section=section, field=label, criterion=criterion,
                                  reason=missing_reason(report, t["indicator"]))
        return
    year, value = found
    if value < t["value"]:
        yield itype.issue(section=section, field=label, location=ind.at(year) if ind else None,
                          threshold=t["value"], year=year, value=value)


def _category_unknown(report: Report) -> Iterator[Issue]:
    """Without a category no threshold applies: say so instead of passing silently."""
    if report.category is None and report.template != DATA_SHEET:
        yield CANNOT_VERIFY.issue(section=basic_section(report), field="申报类别", criterion="参赛条件（按申报类别）",
                                  reason="申报类别无法判断，营业收入、链主企业、产值、中小企业占比、"
                                         "单项冠军与小巨人等条件均未核验")


def check_advanced_revenue(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """先进制造业集群：集群营业收入（最近一年）达100亿元以上（阈值见规则包）。
    申报类别无法判断时给出“无法核验”（EL009），不视为通过。

    反例：集群企业营业收入 2022年 93.0亿元。正例：104.0亿元。
    """
    yield from _category_unknown(report)
    if report.category == "advanced":
        yield from _simple(report, pack, "advanced_revenue_min", ADVANCED_REVENUE,
                           "集群营业收入≥100亿元")


def check_chain_leader(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """先进制造业集群：营业收入排名前十企业中最大者（视为链主）最近一年营业收入≥10亿元。

    扫描件中该表未能读出时只提示无法核验，不说“没有填写”。

    反例：前十企业最大营业收入 8.6亿元。正例：32.5亿元。
    """
    yield from _category_unknown(report)
    if report.category != "advanced":
        return
    t = _threshold(pack, "advanced_chain_leader_revenue_min")
    table = report.list_table(t["list"])
    year = report.years[-1] if report.years else None
    best: tuple[float, ListRow] | None = None
    for row in table.rows if table else []:
        value = row.by_year.get(t["column"], {}).get(year or "")
        if value is not None and (best is None or value > best[0]):
            best = (value, row)
    doubted = table is not None and any(f"{t['column']}:{year}" in row.doubts for row in table.rows)
    unread = table is None and bool(report.scanned_pages)  # a scan's list with no entry read: not known empty
    if best is None or (doubted and best[0] < t["value"]):
        figures = "有扫描件中未能确认的数值" if doubted else "没有填写"
        reason = "营业收入排名前十企业表" + ("未能从扫描件中读出" if unread else f"中最近一年的营业收入{figures}")
        issue = CANNOT_VERIFY.issue(section=list_section(report, t["list"]), field="营业收入排名前十企业发展情况",
                                    criterion="链主企业营业收入≥10亿元", reason=reason)
        yield replace(issue, severity="info") if doubted or unread else issue  # the scan's reading, not the form
    elif best[0] < t["value"]:
        yield CHAIN_LEADER.issue(section=list_section(report, t["list"]), field="营业收入排名前十企业发展情况",
                                 location=best[1].location,
                                 threshold=t["value"], name=str(best[1].values.get("name") or "（未填名称）"),
                                 year=year, value=best[0])


def check_sme_output(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """中小企业特色产业集群：集群总产值（最近一年）达30亿元以上。

    反例：集群总产值 2022年 26.4亿元。正例：38.0亿元。
    """
    yield from _category_unknown(report)
    if report.category == "sme":
        yield from _simple(report, pack, "sme_output_min", SME_OUTPUT, "集群产值≥30亿元")


def check_sme_share(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """中小企业特色产业集群：中小企业产值占集群总产值比重（最近一年）不低于60%。

    反例：52.0%。正例：78.5%。
    """
    yield from _category_unknown(report)
    if report.category == "sme":
        yield from _simple(report, pack, "sme_output_share_min", SME_SHARE, "中小企业产值占比≥60%")


def check_sme_champions(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """中小企业特色产业集群：省级以上单项冠军 + 专精特新“小巨人”（最近一年）合计不少于5家；
    计入的类别由规则包按通知年度配置。

    反例：国家级单项冠军0、省级单项冠军1、小巨人2，合计3家。正例：合计6家。
    """
    yield from _category_unknown(report)
    if report.category != "sme":
        return
    t = _threshold(pack, "sme_champions_min")
    total, parts, missing = 0.0, [], []
    for key in t["indicators"]:
        found = latest_value(report, key)
        label = indicator_label(report, key)
        if found is None:
            missing.append(missing_reason(report, key))
            continue
        total += found[1]
        parts.append(f"{label}{found[1]:g}")
    year = report.years[-1] if report.years else "最近一年"
    if missing and total < t["value"]:
        yield CANNOT_VERIFY.issue(section=section_of(report, t["indicators"][0]), field="单项冠军、小巨人企业数量",
                                  criterion="单项冠军+小巨人≥5家", reason="；".join(missing))
    elif total < t["value"]:
        yield SME_CHAMPIONS.issue(section=section_of(report, t["indicators"][0]), field="单项冠军、小巨人企业数量",
                                  threshold=t["value"], year=year, value=total, detail="，".join(parts))


NOT_ON_LIST = IssueType(
    "EL006", "eligibility.not-on-cultivation-list", "warning",
    "决赛只限初赛胜出的培育对象参加，但“{name}”不在《{list_title}》中（最接近的是“{closest}”，"
    "相似度{score:.0f}%）。请核对集群名称，或确认其属于后续批次名单。",
    "竞赛实施办法 第三条、第四条；参赛报告 附件3 省级产业集群培育对象名单（第一批）",
    tags=frozenset({"ocr-sensitive"}))  # a scan's name one character misread (钓具 as 钧具) is off the list
RESTRICTED_INDUSTRY = IssueType(
    "EL007", "eligibility.restricted-industry", "warning",
    "集群主导产业“{industry}”含有“{keyword}”，可能属于国家规定的禁止、限制或淘汰类产业。请对照最新"
    "《产业结构调整指导目录》核实。",
    "竞赛实施办法 第五条第5款")
MANUAL_REVIEW = IssueType(
    "EL008", "eligibility.manual-review", "info",
    "以下参赛条件报告本身无法证明，需人工核查：{items}。",
    "竞赛实施办法 第五条第2款、第5款")


def check_cultivation_list(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """决赛只限初赛胜出的省级产业集群培育对象参加：集群名称须在培育对象名单中（名单为数据文件，含来源；
    名称去掉空格与括号差异后精确比对，找不到时给出 rapidfuzz 最接近的名称）。已发布的只有第一批名单，
    故为警告。

    反例：决赛报告集群名称“长沙智能网联汽车产业集群”。正例：“长沙智能汽车产业集群”。
    """
    if report.stage != "决赛" or not report.basic.cluster_name or "cluster_name" in report.basic.doubts:
        return
    from rapidfuzz import fuzz, process

    listing = load_json_resource("lists", f"{pack['cultivation_list']}.json")
    names = [c["name"] for c in listing["clusters"]]
    keys = [label_key(n) for n in names]
    wanted = label_key(report.basic.cluster_name)
    if wanted in keys:
        return
    _, score, index = process.extractOne(wanted, keys, scorer=fuzz.ratio)
    yield rule.type.issue(section=basic_section(report),
                          field="集群名称", location=report.basic.locations.get("cluster_name"),
                          name=report.basic.quote("cluster_name"), list_title=listing["title"], closest=names[index],
                          score=score)


def check_restricted_industry(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """集群主导产业不得属于国家规定的禁止、限制和淘汰类产业：用规则包中的关键词清单（可由审核单位维护）
    筛查主导产业与产业领域的填写内容。

    反例：集群主导产业“实心粘土砖生产”。正例：“智能网联汽车”。
    """
    words = pack["restricted_industries"]["keywords"]
    for key in ("leading_industry", "industry_field"):
        text = getattr(report.basic, key) if key not in report.basic.doubts else None
        hit = next((w for w in words if w in text), None) if text else None
        if hit:
            yield rule.type.issue(section=basic_section(report),
                                  field="集群主导产业", industry=report.basic.quote(key), keyword=hit,
                                  location=report.basic.locations.get(key))
            return


def check_manual_review(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """列出报告无法证明、必须人工核查的参赛条件（链主企业注册地、近三年事故、纳税与信用、信息真实性），
    每份报告一条提示。

    反例：（任何报告都会给出这条提示。）正例：按 --ignore EL008 关闭。
    """
    yield rule.type.issue(section=basic_section(report), field="参赛条件", items="；".join(pack["manual_review"]))


RULES = (
    Rule(ADVANCED_REVENUE, check_advanced_revenue, options=("thresholds.advanced_revenue_min",), also=(CANNOT_VERIFY,)),
    Rule(CHAIN_LEADER, check_chain_leader, options=("thresholds.advanced_chain_leader_revenue_min",),
         also=(CANNOT_VERIFY,)),
    Rule(SME_OUTPUT, check_sme_output, options=("thresholds.sme_output_min",), also=(CANNOT_VERIFY,)),
    Rule(SME_SHARE, check_sme_share, options=("thresholds.sme_output_share_min",), also=(CANNOT_VERIFY,)),
    Rule(SME_CHAMPIONS, check_sme_champions, options=("thresholds.sme_champions_min",), also=(CANNOT_VERIFY,)),
    Rule(NOT_ON_LIST, check_cultivation_list, options=("cultivation_list",)),
    Rule(RESTRICTED_INDUSTRY, check_restricted_industry, options=("restricted_industries",)),
    Rule(MANUAL_REVIEW, check_manual_review, options=("manual_review",)),
)
