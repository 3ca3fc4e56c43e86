"""Form completeness: text limits, evidence page references, required basic information."""

from __future__ import annotations

from collections.abc import Iterator

from reportcheck.catalogue import IssueType
from reportcheck.model import Issue, Report
from reportcheck.rules.base import Rule, RulePack

TEXT_TOO_LONG = IssueType(
    "TX001", "text.over-limit", "error",
    "“{title}”限{limit}字以内，现为{words}字（Word字数；字符数不计空格{chars}），超出{over}字。请删减。",
    "参赛报告模板各自评报告的字数要求")
EVIDENCE_MISSING = IssueType(
    "EV001", "evidence.page-missing", "error",
    "“{label}”填报为{values}，本行需提供佐证材料，但未标注佐证材料页码。请在数值后注明，如“6（P23）”。",
    "参赛报告模板：需提供佐证材料，并标注所在页码，下同")
BASIC_MISSING = IssueType(
    "BI001", "basic.field-missing", "error",
    "集群基本信息“{label}”未填写。",
    "参赛报告模板 一、集群基本信息")

_CONTACT_FIELDS = (("name", "单位名称"), ("leader", "负责人姓名、职务"), ("leader_phone", "负责人电话"),
                   ("contact", "联系人姓名、职务"), ("contact_phone", "联系人电话"))
_GROUPS = (("promotion_org", "集群促进组织"), ("core_park", "集群核心承载园区"))
_SIMPLE = (("cluster_name", "集群名称"), ("industry_field", "产业领域"), ("category", "申报类别"),
           ("leading_industry", "集群主导产业"), ("region", "集群地域范围"))


def check_text_limits(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """自评报告等文字部分按Word“字数”计（汉字、全角标点各计1，连续的英文/数字计1个词），
    超过模板限制即报错；同时给出“字符数(不计空格)”。

    反例：2.8 自评报告 2,612字（限2500字）。正例：2,380字。
    """
    for block in report.texts:
        if block.limit is not None and block.word_count > block.limit:
            yield TEXT_TOO_LONG.issue(section=block.id, field=block.title, location=block.location,
                                      title=block.title, limit=block.limit, words=block.word_count,
                                      chars=block.char_count, over=block.word_count - block.limit)


def check_evidence_pages(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """标注“需提供佐证材料”的指标行，只要有一年数值大于0，就必须写明佐证材料页码。

    反例：国家级单项冠军数量 2022年填“2”，无页码。正例：“2（P15）”或“2（见佐证材料第15页）”。
    """
    for ind in report.indicators:
        if not ind.evidence_required or ind.evidence_pages:
            continue
        positive = {y: v for y, v in ind.values.items() if v is not None and v > 0}
        if positive:
            shown = "，".join(f"{y}年{ind.raw.get(y, f'{v:g}').strip()}" for y, v in sorted(positive.items()))
            yield EVIDENCE_MISSING.issue(section=ind.section, field=ind.label, location=ind.location,
                                         label=ind.label, values=shown)


def check_basic_info(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """集群基本信息中的必填项（集群名称、产业领域、申报类别、主导产业、地域范围，促进组织与核心
    承载园区的单位名称、负责人、联系人及电话）均须填写。

    反例：集群名称一栏为空。正例：填写“长沙智能汽车产业集群”。
    """
    basic = report.basic
    for key, label in _SIMPLE:
        if not getattr(basic, key):
            yield BASIC_MISSING.issue(section="1", field=label, location=basic.locations.get(key),
                                      label=label)
    for group_key, group_label in _GROUPS:
        contact = getattr(basic, group_key)
        for key, label in _CONTACT_FIELDS:
            if not getattr(contact, key):
                full = f"{group_label}·{label}"
                yield BASIC_MISSING.issue(section="1", field=full,
                                          location=basic.locations.get(f"{group_key}.{key}"), label=full)


RULES = (
    Rule(TEXT_TOO_LONG, check_text_limits),
    Rule(EVIDENCE_MISSING, check_evidence_pages),
    Rule(BASIC_MISSING, check_basic_info),
)
