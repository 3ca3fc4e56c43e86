"""One report's scoring sheet as data: per item the evidence pre-filled from the report, the check
findings that touch that evidence, and the automatic sub-score where the item has a formula. The
workbook (:mod:`reportcheck.render.score_workbook`) lays these rows out with live formulas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportcheck.model import CATEGORY_ZH, Evidence, Indicator, Issue, ListTable, Report, TextBlock
from reportcheck.scoring.scheme import Item, Scheme, template_names


@dataclass(frozen=True)
class AutoScore:
    """A formula's sub-score: ``ratio`` (an Excel expression of 0…1 with the report's figures written
    in), its value computed here, and the measured quantity (growth %, value or count) for ranking."""

    ratio: str
    value: float
    measure: float


@dataclass
class ItemRow:
    item: Item
    evidence: list[str]
    findings: list[str]
    rule: str
    auto: AutoScore | None
    standing: str = ""


@dataclass
class ReportSheet:
    """A scored report: its name for the sheets, its category (the ranking group) and its rows."""

    path: Path
    name: str
    category: str | None
    rows: list[ItemRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_sheet(path: Path, report: Report, issues: Sequence[Issue], scheme: Scheme) -> ReportSheet:
    """The rows of ``report``'s sheet under ``scheme`` (``issues``: its findings from ``run_rules``)."""
    labels, titles, _ = template_names()
    sheet = ReportSheet(path=path, name=report.basic.cluster_name or path.stem, category=report.category)
    if not report.basic.cluster_name:
        sheet.notes.append(f"报告未填写集群名称，暂以文件名“{path.stem}”代替")
    if scheme.category and report.category and report.category != scheme.category:
        sheet.notes.append(f"本方案适用于{CATEGORY_ZH[scheme.category]}，本报告为{CATEGORY_ZH[report.category]}")
    said: set[int] = set()  # each finding once per sheet, beside the first item it touches
    for item in scheme.items:
        evidence: list[str] = []
        touched: list[Issue] = []
        for key in item.evidence.indicators:
            ind = report.indicator(key)
            evidence.append(describe_indicator(ind, report.evidence) if ind else f"{labels[key]}：报告中未找到")
            label = ind.label if ind else labels[key]
            touched += [i for i in issues if i.field == label]
        for list_id in item.evidence.lists:
            table = report.list_table(list_id)
            evidence.append(describe_list(table) if table else f"{titles[list_id]}：报告中未找到")
            touched += [i for i in issues if i.field == titles[list_id]]
        for text_id in item.evidence.texts:
            block = next((t for t in report.texts if t.id == text_id), None)
            evidence.append(describe_text(block) if block else f"{text_id}：报告中未找到该部分")
            touched += [i for i in issues if i.section == text_id]
        first_time = [i for i in _unique(touched) if id(i) not in said]
        said.update(id(i) for i in first_time)
        findings = [f"{i.code} {i.message}" for i in first_time]
        rule = item.formula.describe(labels, titles) if item.formula else ""
        sheet.rows.append(ItemRow(item=item, evidence=evidence, findings=findings,
                                  rule="；".join(r for r in (rule, item.guide) if r), auto=auto_score(item, report)))
    return sheet


def auto_score(item: Item, report: Report) -> AutoScore | None:
    """The formula's sub-score, or None (no formula, or the figures it needs are missing)."""
    formula = item.formula
    if formula is None:
        return None
    full = _num(formula.full_at)
    if formula.kind == "count":
        table = report.list_table(formula.list or "")
        if table is None:
            return None
        rows = [r for r in table.rows if not formula.level or formula.level in str(r.values.get("level") or "")]
        count = len(rows)
        return AutoScore(f"MIN(1,{count}/{full})", item.points * min(1.0, count / formula.full_at), count)
    ind = report.indicator(formula.indicator or "")
    if ind is None:
        return None
    known = sorted((y, v) for y, v in ind.values.items() if v is not None and y != ind.base_year)
    if formula.kind == "value":
        if not known:
            return None
        value = known[-1][1]
        ratio = max(0.0, min(1.0, value / formula.full_at))
        return AutoScore(f"MAX(0,MIN(1,{_num(value)}/{full}))", item.points * ratio, value)
    if len(known) < 2 or not known[-2][1]:
        return None
    (_, v0), (_, v1) = known[-2], known[-1]
    growth = (v1 / v0 - 1) * 100
    ratio = max(0.0, min(1.0, growth / formula.full_at))
    return AutoScore(f"MAX(0,MIN(1,({_num(v1)}/{_num(v0)}-1)*100/{full}))", item.points * ratio, growth)


def rank_together(sheets: Sequence[ReportSheet]) -> None:
    """Fill each quantitative row's ``standing``: its rank and percentile among the reports of the
    same category scored together (higher is better; only when the group has two or more)."""
    for index in range(len(sheets[0].rows) if sheets else 0):
        for category in {s.category for s in sheets}:
            group = [s for s in sheets if s.category == category]
            measures = [s.rows[index].auto.measure for s in group if s.rows[index].auto]
            if len(measures) < 2:
                continue
            for s in group:
                auto = s.rows[index].auto
                if auto:
                    rank = 1 + sum(m > auto.measure for m in measures)
                    s.rows[index].standing = (f"第{rank}/{len(measures)}名（前{round(rank * 100 / len(measures))}%，"
                                              f"{CATEGORY_ZH.get(category or '', '未识别类别')}）")


def describe_indicator(ind: Indicator, evidence: Evidence | None = None) -> str:
    """'集群总产值（亿元）：2021年 1180.5；2022年 1326.8；填报增幅 12.4%（按数值计算 12.39%）；佐证 P12'; with
    the appendix read (``evidence``), what each cited page shows: '佐证 P12（第七批制造业单项冠军示范企业名单）'."""
    parts: list[str] = []
    for year, value in sorted(ind.values.items()):
        what = "上一年实际值" if year == ind.base_year else ("目标" if ind.base_year else "")
        parts.append(f"{year}年{what} {_show(value)}")
        if ind.cluster_values is not None and year in ind.cluster_values:
            parts[-1] += f"（其中集群产业 {_show(ind.cluster_values[year])}）"
    if ind.growth_pct is not None:
        parts.append(f"填报增幅 {_num(ind.growth_pct)}{'个百分点' if ind.growth_in_points else '%'}")
    known = sorted((y, v) for y, v in ind.values.items() if v is not None and not ind.base_year)
    if len(known) >= 2 and known[-2][1]:
        parts.append(f"按数值计算增幅 {(known[-1][1] / known[-2][1] - 1) * 100:.2f}%")
    if ind.evidence_pages:
        parts.append("佐证 " + "、".join(f"P{p}{_shows(evidence, p)}" for p in ind.evidence_pages))
    elif ind.evidence_required:
        parts.append("未标佐证页码")
    unit = f"（{ind.unit}）" if ind.unit else ""
    return f"{ind.label}{unit}：" + "；".join(parts)


def _shows(evidence: Evidence | None, number: int) -> str:
    """What the appendix's page ``number`` shows, in brackets ("" when the appendix was not read)."""
    page = evidence.page(number) if evidence is not None and evidence.doubt is None else None
    if page is None:
        return ""
    if page.file is None:
        return "（佐证材料中没有该页）"
    return f"（{page.doubt or page.heading or '该页没有标题'}）"


def describe_list(table: ListTable) -> str:
    """'集群技术创新载体（国家级、省级）：18项（国家级 5、省级 13）：名称1、名称2…'."""
    levels: dict[str, int] = {}
    names: list[str] = []
    for row in table.rows:
        level = row.values.get("level")
        if level:
            levels[str(level)] = levels.get(str(level), 0) + 1
        name = row.values.get("name") or row.values.get("project") or row.values.get("enterprise")
        if name:
            names.append(str(name))
    counted = f"（{'、'.join(f'{k} {v}' for k, v in levels.items())}）" if levels else ""
    return f"{table.title}：{len(table.rows)}项{counted}" + (f"：{'、'.join(names)}" if names else "")


def describe_text(block: TextBlock) -> str:
    """'2.8 集群发展总体情况自评报告：339字（限2500字）；未涉及：数字化'."""
    limit = f"（限{block.limit}字）" if block.limit else ""
    text = f"{block.id} {block.title}：{block.word_count}字{limit}"
    if block.aspects_missing:
        text += f"；未涉及：{'、'.join(block.aspects_missing)}"
    return text




def _unique(issues: list[Issue]) -> list[Issue]:
    seen: set[tuple[str, str]] = set()
    out = []
    for issue in issues:
        if (issue.code, issue.message) not in seen:
            seen.add((issue.code, issue.message))
            out.append(issue)
    return out


def _show(value: float | None) -> str:
    return "—" if value is None else _num(value)


def _num(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
