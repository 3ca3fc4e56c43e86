"""Form completeness: text limits, evidence page references, required basic information."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportcheck.catalogue import IssueType
from reportcheck.model import Issue, Report
from reportcheck.rules.base import Rule, RulePack, basic_section

# The form's own parts (contacts, evidence pages, free text): a report read from the data sheet has none.
_FORM = frozenset({"form"})
_FORM_OCR = frozenset({"form", "ocr-sensitive"})  # what a scan's OCR may have missed: told, not judged
TEXT_TOO_LONG = IssueType(
    "TX001", "text.over-limit", "error",
    "“{title}”限{limit}字以内，现为{words}字（Word字数；字符数不计空格{chars}），超出{over}字。请删减。",
    "参赛报告模板各自评报告的字数要求", tags=_FORM)
EVIDENCE_MISSING = IssueType(
    "EV001", "evidence.page-missing", "error",
    "“{label}”填报为{values}，本行需提供佐证材料，但未标注佐证材料页码。请在数值后注明，如“6（P23）”。",
    "参赛报告模板：需提供佐证材料，并标注所在页码，下同", tags=_FORM)
BASIC_MISSING = IssueType(
    "BI001", "basic.field-missing", "error",
    "集群基本信息“{label}”未填写。",
    "参赛报告模板 一、集群基本信息", tags=_FORM_OCR)

PHONE_MALFORMED = IssueType(
    "BI002", "basic.phone-malformed", "warning",
    "“{label}”填写为“{value}”，不像有效的电话号码（手机11位，座机如0731-88886666）。请核对。",
    "参赛报告模板 一、集群基本信息 电话", tags=_FORM)
BASIC_NOT_FOUND = IssueType(
    "BI004", "basic.fields-not-found", "warning",
    "{what}（已按模板的栏目名称查找：{labels}）。请按模板保留这些栏目并填写。",
    "参赛报告模板 一、集群基本信息", tags=_FORM_OCR)
DECLARATION_MISSING = IssueType(
    "BI003", "basic.declaration-missing", "error",
    "未找到真实性声明（“本单位承诺此次参加省级产业集群竞赛所填报的信息真实、合法”）。请按模板保留并签章。",
    "参赛报告模板 真实性声明；竞赛实施办法 第七条第3款", tags=_FORM_OCR)
EVIDENCE_OUT_OF_RANGE = IssueType(
    "EV002", "evidence.page-out-of-range", "error",
    "“{label}”标注的佐证材料第{page}页不在佐证材料的页码范围（第{first}～{last}页）内。请核对页码。",
    "参赛报告模板：需提供佐证材料，并标注所在页码", tags=_FORM)
ASPECT_MISSING = IssueType(
    "TX002", "text.aspect-missing", "warning",
    "“{title}”未提及模板要求介绍的方面：{aspects}。请补充。",
    "参赛报告模板 2.8：从产业基础、规模工业培育、创新能力……等方面简要介绍", tags=_FORM_OCR)

_PHONE = re.compile(r"^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}(?:[-转]\d{1,6})?|\d{7,8})$")

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
        if block.limit is not None and block.word_count > block.limit * (1 + block.ocr_margin):
            yield TEXT_TOO_LONG.issue(section=block.id, field=block.title, location=block.location,
                                      title=block.title, limit=block.limit, words=block.word_count,
                                      chars=block.char_count, over=block.word_count - block.limit)


def check_evidence_pages(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """标注“需提供佐证材料”的指标行，只要有一年数值大于0，就必须写明佐证材料页码。

    扫描件中该行有数值读取存疑时不作判断：页码写在那个单元格里，可能正是读错的部分。

    反例：国家级单项冠军数量 2022年填“2”，无页码。正例：“2（P15）”或“2（见佐证材料第15页）”。
    """
    for ind in report.indicators:
        if not ind.evidence_required or ind.evidence_pages or any(
                k == "row" or k.startswith("page:") or k in ind.values for k in ind.doubts):
            continue  # a page is given, or the cell it would be in was read in doubt
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
        if not getattr(basic, key) and key not in basic.not_found:
            yield BASIC_MISSING.issue(section=basic_section(report), field=label, location=basic.locations.get(key),
                                      label=label)
    for group_key, group_label in _GROUPS:
        contact = getattr(basic, group_key)
        for key, label in _CONTACT_FIELDS:
            if not getattr(contact, key) and f"{group_key}.{key}" not in basic.not_found:
                full = f"{group_label}·{label}"
                yield BASIC_MISSING.issue(section=basic_section(report), field=full,
                                          location=basic.locations.get(f"{group_key}.{key}"), label=full)


def check_basic_found(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """基本信息中读不到的栏目（报告里找不到它的栏目名称）不当作“未填写”，合起来只报一条：可能是栏目
    被删改，也可能是表格没有读出。整张基本信息表都找不到时，也只报一条。

    反例：基本信息表整张删去，或“集群促进组织”一组改写得认不出。正例：按模板保留各栏目。
    """
    labels = dict(_SIMPLE) | {f"{g}.{k}": f"{gl}·{label}" for g, gl in _GROUPS for k, label in _CONTACT_FIELDS}
    missing = [labels[key] for key in report.basic.not_found if key in labels]
    if not missing:
        return
    what = "未找到集群基本信息表" if len(missing) == len(labels) else "集群基本信息中未找到以下栏目"
    yield rule.type.issue(section=basic_section(report), field="集群基本信息", what=what, labels="、".join(missing))


def check_phones(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """电话须为手机号（1开头11位）或座机号（区号-号码，可带分机）；多个号码用顿号、逗号分开时逐个检查。

    区号与号码之间的“—”“－”、括号写法“（0731）88886666”和空格都接受。

    反例：“0731-8888”。正例：“0731-88886666”“（0731）88886666”“13907310001”。
    """
    for group_key, group_label in _GROUPS:
        contact = getattr(report.basic, group_key)
        for key, label in (("leader_phone", "负责人电话"), ("contact_phone", "联系人电话")):
            value = getattr(contact, key)
            if not value or f"{group_key}.{key}" in report.basic.doubts:
                continue
            numbers = [n.strip() for n in re.split(r"[、,，;；/]", value) if n.strip()]
            if not all(_PHONE.match(_plain_phone(n)) for n in numbers):
                full = f"{group_label}·{label}"
                yield rule.type.issue(section=basic_section(report), field=full, label=full, value=value,
                                      location=report.basic.locations.get(f"{group_key}.{key}"))


def _plain_phone(number: str) -> str:
    """0731—88886666, （0731）88886666, 0731 8888 6666 → 0731-88886666 (the form the pattern knows)."""
    text = re.sub(r"[\s\u3000]", "", number)
    text = re.sub(r"^[(（](0\d{2,3})[)）]-?", r"\1-", text)
    return re.sub(r"[—–－‐‑~]+", "-", text)


def check_declaration(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """报告须保留真实性声明（承诺信息真实、合法及三项承诺）。

    反例：删去了“真实性声明”一章。正例：保留模板原文并签章。
    """
    if not report.declaration_present:
        yield rule.type.issue(section=None, field="真实性声明")


def check_evidence_range(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """报告写明了佐证材料的页码范围（如“七、佐证材料（第10-40页）”）时，每个标注的页码都应在范围内。

    反例：佐证材料为第10～40页，某行标注P95。正例：标注P12。
    """
    if report.evidence_range is None:
        return
    first, last = report.evidence_range
    for ind in report.indicators:
        for page in ind.evidence_pages:
            if not first <= page <= last:
                yield rule.type.issue(section=ind.section, field=ind.label, location=ind.at(f"page:{page}"),
                                      label=ind.label, page=page, first=first, last=last)


def check_aspects(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """2.8 自评报告应覆盖模板说明列出的方面（产业基础、规模工业培育、创新能力、要素集聚、绿色发展、数字化、
    公共服务、开放合作、组织保障）；各方面的识别词见模板规格，缺少的方面给出警告。

    反例：通篇未提及数字化与开放合作。正例：九个方面各有一段。
    """
    for block in report.texts:
        if block.aspects_missing:
            yield rule.type.issue(section=block.id, field=block.title, location=block.location,
                                  title=block.title, aspects="、".join(block.aspects_missing))


RULES = (
    Rule(TEXT_TOO_LONG, check_text_limits),
    Rule(ASPECT_MISSING, check_aspects),
    Rule(EVIDENCE_MISSING, check_evidence_pages),
    Rule(EVIDENCE_OUT_OF_RANGE, check_evidence_range),
    Rule(BASIC_MISSING, check_basic_info),
    Rule(BASIC_NOT_FOUND, check_basic_found),
    Rule(PHONE_MALFORMED, check_phones),
    Rule(DECLARATION_MISSING, check_declaration),
)
