"""Consistency rules: parts within wholes, sane percentages and counts, lists against their counts,
prose against tables, targets rising."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from reportcheck.catalogue import IssueType
from reportcheck.model import Issue, ListRow, ListTable, Loc, Report
from reportcheck.normalize.text import label_key
from reportcheck.rules.base import Rule, RulePack, fmt, half_unit, intervals_meet, is_exact

PART_EXCEEDS_WHOLE = IssueType(
    "CO001", "consistency.part-exceeds-whole", "error",
    "{year}年“{part}”为{part_value}，大于“{whole}”{whole_value}，不合逻辑。请核对。",
    "参赛报告模板 2.1/2.2 指标含义（规上企业、主导产业是集群的一部分）")
PARK_CLUSTER_EXCEEDS_TOTAL = IssueType(
    "CO002", "consistency.park-cluster-exceeds-total", "error",
    "3.1“{label}”{year}年其中集群产业{cluster}大于园区总额{total}。请核对。",
    "参赛报告模板 3.1：其中：集群产业是园区总额的一部分")
PERCENT_OUT_OF_RANGE = IssueType(
    "CO003", "consistency.percent-out-of-range", "error",
    "“{label}”{year}年填报为{value}%，比例应在0～100%之间。请核对。",
    "比例指标的定义")
COUNT_NOT_WHOLE = IssueType(
    "CO004", "consistency.count-not-whole", "error",
    "“{label}”{year}年填报为{value}，数量应为非负整数。请核对。",
    "数量指标（个、人）的定义")
COUNT_VS_LIST = IssueType(
    "CO005", "consistency.count-vs-list", "warning",
    "“{label}”{year}年填报为{count}个，但“{list_title}”中列出{listed}个{what}。请补全名单或核对数量。",
    "参赛报告模板 2.4/2.5/2.7：数量与名单应对应")
TOP_LIST_TOO_LONG = IssueType(
    "CO006", "consistency.top-list-too-long", "error",
    "“{title}”最多列10家，现列{rows}家。请只保留前10家。",
    "参赛报告模板：营业收入排名前十、研发投入前十位")
TOP_LIST_ORDER = IssueType(
    "CO007", "consistency.top-list-order", "warning",
    "“{title}”应按{year}年{column}从高到低排列：第{pos}行“{name}”{value}高于上一行{prev}。",
    "参赛报告模板：排名前十")
TOP_LIST_SUM = IssueType(
    "CO008", "consistency.top-list-sum", "error",
    "“{title}”{year}年合计{total}{unit}（{converted}亿元），超过集群“{whole}”{whole_value}亿元。请核对单位或数值。",
    "参赛报告模板：前十企业是集群企业的一部分（注意万元与亿元）")
LIST_DUPLICATE = IssueType(
    "CO009", "consistency.list-duplicate", "warning",
    "“{title}”中“{name}”出现了{times}次。请删除重复。",
    "名单填报要求")
KEY_PROJECTS_COUNT = IssueType(
    "CO010", "consistency.key-projects-count", "info",
    "集群重点项目建设情况要求列出10个左右项目，现列{rows}个。",
    "参赛报告模板 2.3：（10个左右）")
PROSE_DISAGREES = IssueType(
    "CO011", "consistency.prose-disagrees", "warning",
    "“{title}”中写“{quote}”（{what}{stated}），与表中“{label}”{year}年的{table}不一致。请统一。",
    "自评报告中的数据应与报表一致")
TARGETS_NOT_RISING = IssueType(
    "CO012", "consistency.targets-not-rising", "warning",
    "5.1“{label}”{y1}年目标{v1}不高于{y0}年的{v0}。发展目标通常应逐年提高，请核对。",
    "参赛报告模板 5.1 未来三年发展目标")


def _years(values: dict) -> list[str]:
    return sorted(y for y in values if y.isdigit())


def check_part_of_whole(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """部分不能大于整体：规上工业企业营业收入 ≤ 集群企业营业收入；主导产业产值 ≤ 总产值；
    规上企业数、高新技术企业数、上市挂牌企业数 ≤ 企业数量（各年；对照关系见规则包）。

    反例：2022年规上工业企业营业收入 1500.0 亿元，集群企业营业收入 1408.9 亿元。正例：1256.0 亿元。
    """
    for pair in pack["part_of_whole"]:
        part, whole = report.indicator(pair["part"]), report.indicator(pair["whole"])
        if part is None or whole is None:
            continue
        for year in _years(part.values):
            p, w = part.values.get(year), whole.values.get(year)
            if p is None or w is None:
                continue
            hp, hw = half_unit(part.decimals.get(year, 0)), half_unit(whole.decimals.get(year, 0))
            if p - hp > w + hw + 1e-9:
                yield rule.type.issue(section=part.section, field=part.label, location=part.at(year),
                                      year=year, part=part.label, part_value=fmt(p), whole=whole.label,
                                      whole_value=fmt(w))


def check_park_cluster(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """3.1 每个指标的“其中：集群产业”不能大于同年的“园区总额”。

    反例：园区生产总值 2022年 园区总额 688.9，其中集群产业 700.0。正例：462.3。
    """
    for ind in report.indicators:
        if not ind.cluster_values:
            continue
        for year, cluster in ind.cluster_values.items():
            total = ind.values.get(year)
            if cluster is not None and total is not None and cluster > total + 1e-9:
                yield rule.type.issue(section=ind.section, field=ind.label, location=ind.at(f"{year}:cluster"),
                                      label=ind.label, year=year, cluster=fmt(cluster), total=fmt(total))


def check_percent_range(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """单位为%的比例指标（增速、增幅除外）应在0～100之间。

    反例：企业上云比例填 120.0%。正例：70.2%。
    """
    for ind in report.indicators:
        if ind.unit != "%" or "增速" in ind.label:
            continue
        for year, value in ind.values.items():
            if value is not None and not 0 <= value <= 100:
                yield rule.type.issue(section=ind.section, field=ind.label, location=ind.at(year),
                                      label=ind.label, year=year, value=fmt(value))


def check_whole_counts(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """单位为个、人的数量指标应为非负整数（每万人发明专利拥有量等比值除外，见规则包）。

    反例：企业数量填 412.5 或 -3。正例：412。
    """
    fractional = set(pack.get("fractional_counts", []))
    for ind in report.indicators:
        if ind.unit not in pack.get("exact_units", []) or ind.key in fractional:
            continue
        figures = [*ind.values.items(), *((f"{y}:cluster", v) for y, v in (ind.cluster_values or {}).items())]
        for column, value in figures:
            if value is not None and (value < 0 or value != int(value)):
                year = column.split(":")[0]
                yield rule.type.issue(section=ind.section, field=ind.label, location=ind.at(column),
                                      label=ind.label, year=year, value=fmt(value))


def _level_matches(row_level: object, level: str) -> bool:
    return isinstance(row_level, str) and level in row_level


def check_counts_against_lists(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """国家级/省级技术创新载体、工业设计中心、绿色工厂等、公共服务平台的数量（最近一年）应与对应名单中
    列出的条目数一致（按级别、按名称区分工业设计中心，对照关系见规则包）。名单可能只列主要条目，故为警告。

    反例：国家级技术创新载体数量填 5，名单中国家级只有 1 个。正例：名单中列出 5 个国家级载体。
    """
    if not report.years:
        return
    year = report.years[-1]
    for spec in pack["list_counts"]:
        ind, table = report.indicator(spec["count"]), report.list_table(spec["list"])
        if ind is None or table is None:
            continue
        count = ind.values.get(year)
        if count is None or any(r.doubts for r in table.rows):
            continue  # a list a scan's OCR was unsure of cannot be counted by level or name
        rows = table.rows
        what = "条目"
        if "level" in spec:
            rows = [r for r in rows if _level_matches(r.values.get("level"), spec["level"])]
            what = f"{spec['level']}级"
        if "name_contains" in spec:
            rows = [r for r in rows if spec["name_contains"] in str(r.values.get("name", ""))]
            what += spec["name_contains"]
        if "name_excludes" in spec:
            rows = [r for r in rows if spec["name_excludes"] not in str(r.values.get("name", ""))]
        if len(rows) != count:
            yield rule.type.issue(section=ind.section, field=ind.label, location=ind.at(year),
                                  label=ind.label, year=year, count=fmt(count), list_title=table.title,
                                  listed=len(rows), what=what)


def _top_rows(table: ListTable, column: str, year: str) -> list[tuple[str, float, Loc | None]]:
    """(name, the year's figure, where the row is) for each row that has the figure."""
    return [(str(r.values.get("name") or "（未填名称）"), v, r.location) for r in table.rows
            if (v := r.by_year.get(column, {}).get(year)) is not None]


def check_top_list_length(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """“营业收入排名前十企业”“研发投入前十位企业”最多列10家。

    反例：列了12家企业。正例：列10家。扫描件中行间表格线识别有误（条目跨行）的名单不计数。
    """
    for spec in pack["top_lists"]:
        table = report.list_table(spec["list"])
        if table is None or any(r.run_together for r in table.rows):
            continue  # a scan's rows run together or cut in two: the entries cannot be counted
        if len(table.rows) > spec["max_rows"]:
            yield rule.type.issue(section=table.section, field=table.title, location=table.rows[0].location,
                                  title=table.title, rows=len(table.rows))


def check_top_list_order(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """前十名单应按最近一年的营业收入 / 研发投入从高到低排列。整张名单从低到高排列（另有“排名”一列，第1名在最后）
    也是排了名次，不报。

    反例：第3行 96.8 亿元之后第4行为 142.3 亿元。正例：185.6、142.3、96.8……；或 9.6、12.3、15.0……（逆序）。
    """
    if not report.years:
        return
    year = report.years[-1]
    for spec in pack["top_lists"]:
        table = report.list_table(spec["list"])
        if table is None:
            continue
        rows = _top_rows(table, spec["column"], year)
        if len(rows) > 2 and all(a[1] <= b[1] for a, b in itertools.pairwise(rows)):
            continue  # ranked the other way round, every row: an order all the same
        for pos in range(1, len(rows)):
            if rows[pos][1] > rows[pos - 1][1]:
                yield rule.type.issue(section=table.section, field=table.title, location=rows[pos][2],
                                      title=table.title, year=year,
                                      column="营业收入" if spec["column"] == "revenue" else "研发投入",
                                      pos=pos + 1, name=rows[pos][0], value=fmt(rows[pos][1]),
                                      prev=fmt(rows[pos - 1][1]))
                break


def check_top_list_sum(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """前十企业的合计不能超过集群的总数：营业收入（亿元）合计 ≤ 集群企业营业收入；研发投入（万元）
    合计 ÷ 10000 ≤ 集群研发经费（亿元）。

    反例：研发投入前十合计 600000 万元（60 亿元），集群研发经费 44.6 亿元。正例：合计 214440 万元。
    """
    factor = {"亿元": 1.0, "万元": 1e-4}
    for spec in pack["top_lists"]:
        table, whole = report.list_table(spec["list"]), report.indicator(spec["total"])
        if table is None or whole is None:
            continue
        for year in _years(whole.values):
            total_value = whole.values.get(year)
            rows = _top_rows(table, spec["column"], year)
            if total_value is None or not rows:
                continue
            listed = sum(v for _, v, _ in rows)
            converted = listed * factor[spec["unit"]]
            if converted > total_value + half_unit(whole.decimals.get(year, 0)) + 1e-9:
                yield rule.type.issue(section=table.section, field=table.title, location=table.rows[0].location,
                                      title=table.title, year=year, total=fmt(listed), unit=spec["unit"],
                                      converted=f"{converted:.2f}", whole=whole.label, whole_value=fmt(total_value))


def check_list_duplicates(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """同一名单中同一企业（名称去空格、繁简统一后相同）不应出现两次。

    反例：营业收入前十中“湘江电驱系统有限公司”出现两次。正例：每家只列一次。
    """
    for table in report.lists:
        rows_by_name: dict[str, list[ListRow]] = {}
        for r in table.rows:
            rows_by_name.setdefault(label_key(str(r.values.get("name") or r.values.get("enterprise") or "")),
                                    []).append(r)
        for name, rows in rows_by_name.items():
            if name and len(rows) > 1:  # placed on the second mention
                yield rule.type.issue(section=table.section, field=table.title, location=rows[1].location,
                                      title=table.title, name=name, times=len(rows))


def check_key_projects(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """2.3 重点项目要求“10个左右”：少于8个或多于12个时提示（范围见规则包）。

    反例：只列3个项目。正例：列10个项目。
    """
    spec = pack["key_projects"]
    table = report.list_table(spec["list"])
    if table is not None and not spec["min"] <= len(table.rows) <= spec["max"]:
        yield rule.type.issue(section=table.section, field=table.title,
                              location=table.rows[0].location if table.rows else None, rows=len(table.rows))


def check_prose_against_tables(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """自评报告等文字中写到的数字（如“集群总产值达到1326.8亿元”“同比增长12.4%”“集群企业455家”）
    应与表中同一指标、同一年份（未写年份时取最近一年）的数值一致（考虑舍入；带“约、超过、近”的不比较）。

    反例：文中写“2022年集群总产值达到1400.0亿元”，表中为1326.8亿元。正例：文中写1326.8亿元。
    """
    for block in report.texts:
        for claim in block.claims:
            ind = report.indicator(claim.key)
            if ind is None or not report.years or (claim.year is not None and claim.year not in ind.values):
                continue  # a year the table has no figure for (a target, an earlier year) is not compared
            year = claim.year or report.years[-1]
            if claim.kind == "growth":
                if year != report.years[-1] or ind.growth_pct is None or ind.growth_in_points:
                    continue
                table_value, table_dec = ind.growth_pct, ind.growth_decimals or 0
                what, unit = "增长", "%"
            else:
                if claim.unit != ind.unit:
                    continue
                table_value, table_dec = ind.values.get(year), ind.decimals.get(year, 0)
                what, unit = "", ind.unit
            if table_value is None:
                continue
            exact = is_exact(ind.unit, table_dec, pack) and claim.kind == "value"
            if not intervals_meet(claim.value, half_unit(claim.decimals, exact and claim.decimals == 0),
                                  table_value, half_unit(table_dec, exact)):
                yield rule.type.issue(section=block.id, field=ind.label, location=claim.location or block.location,
                                      title=block.title, quote=claim.quote, what=what,
                                      stated=f"{fmt(claim.value)}{unit}", label=ind.label, year=year,
                                      table=f"{'增幅' if claim.kind == 'growth' else ''}{fmt(table_value)}{unit}")


def check_targets_rising(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """5.1 未来三年发展目标应逐年提高（含与上一年实际值相比）。

    反例：集群总产值 2024年目标 1650.0，2025年目标 1600.0。正例：1650.0、1850.0。
    """
    for ind in report.indicators:
        if ind.base_year is None:
            continue
        years = _years(ind.values)
        for y0, y1 in itertools.pairwise(years):
            v0, v1 = ind.values.get(y0), ind.values.get(y1)
            if v0 is not None and v1 is not None and v1 <= v0:
                yield rule.type.issue(section=ind.section, field=ind.label, location=ind.at(y1),
                                      label=ind.label, y0=y0, y1=y1, v0=fmt(v0), v1=fmt(v1))


RULES = (
    Rule(PART_EXCEEDS_WHOLE, check_part_of_whole, options=("part_of_whole",)),
    Rule(PARK_CLUSTER_EXCEEDS_TOTAL, check_park_cluster),
    Rule(PERCENT_OUT_OF_RANGE, check_percent_range),
    Rule(COUNT_NOT_WHOLE, check_whole_counts, options=("exact_units", "fractional_counts")),
    Rule(COUNT_VS_LIST, check_counts_against_lists, options=("list_counts",)),
    Rule(TOP_LIST_TOO_LONG, check_top_list_length, options=("top_lists",)),
    Rule(TOP_LIST_ORDER, check_top_list_order, options=("top_lists",)),
    Rule(TOP_LIST_SUM, check_top_list_sum, options=("top_lists",)),
    Rule(LIST_DUPLICATE, check_list_duplicates),
    Rule(KEY_PROJECTS_COUNT, check_key_projects, options=("key_projects",)),
    Rule(PROSE_DISAGREES, check_prose_against_tables, options=("exact_units",)),
    Rule(TARGETS_NOT_RISING, check_targets_rising),
)
