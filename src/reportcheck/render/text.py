"""Terminal output: findings grouped by file and section, coloured only on a TTY."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reportcheck.model import Report
from reportcheck.outcome import FileOutcome
from reportcheck.render.grouping import CATEGORY_ZH, SEVERITY_ZH, by_section, column_range, section_name

_COLOURS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "green": "32"}


class Painter:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, style: str) -> str:
        return f"\033[{_COLOURS[style]}m{text}\033[0m" if self.colour else text


def render_check(outcomes: Iterable[FileOutcome], titles: dict[str, str], colour: bool) -> str:
    paint = Painter(colour)
    out: list[str] = []
    totals: Counter[str] = Counter()
    files = 0
    for outcome in outcomes:
        files += 1
        if outcome.error is not None:
            totals["unreadable"] += 1
            out.append(paint(outcome.path, "bold"))
            out.append("  " + paint("无法读取", "error") + f"：{outcome.error.zh} / {outcome.error.en}")
            out.append("")
            continue
        report = outcome.report
        assert report is not None
        head = f"{outcome.path}  {report.stage or '数据表'} · {CATEGORY_ZH[report.category]}"
        if report.basic.cluster_name:
            head += f" · {report.basic.cluster_name}"
        out.append(paint(head, "bold"))
        for section, issues in by_section(outcome.issues):
            out.append("  " + paint(section_name(section, titles), "bold"))
            for issue in issues:
                totals[issue.severity] += 1
                where = f"  [{issue.location.describe()}]" if issue.location and issue.location.describe() else ""
                sev = paint(f"{SEVERITY_ZH[issue.severity]:<2}", issue.severity)
                out.append(f"    {sev} {issue.code}  {issue.message}{paint(where, 'dim')}")
        if not outcome.issues:
            out.append("  " + paint("未发现问题", "green"))
        out.append("")
    summary = (f"共检查{files}个文件：错误{totals['error']}个，警告{totals['warning']}个，"
               f"提示{totals['info']}个")
    if totals["unreadable"]:
        summary += f"，无法读取{totals['unreadable']}个"
    out.append(paint(summary, "bold"))
    return "\n".join(out)


def render_extract(report: Report, titles: dict[str, str]) -> str:
    out = [f"{report.source}", f"  阶段：{report.stage or '数据表'}  类别：{CATEGORY_ZH[report.category]}  "
           f"年份：{'、'.join(report.years) or '未识别'}"]
    b = report.basic
    for label, value in (("集群名称", b.cluster_name), ("产业领域", b.industry_field),
                         ("集群主导产业", b.leading_industry), ("集群地域范围", b.region),
                         ("集群促进组织", b.promotion_org.name), ("核心承载园区", b.core_park.name)):
        out.append(f"  {label}：{value or '（未填）'}")
    section = None
    for ind in report.indicators:
        if ind.section != section:
            section = ind.section
            out.append(f"\n  {section} {titles.get(section, '')}")
        values = "  ".join(f"{y}: {'—' if v is None else f'{v:g}'}" for y, v in ind.values.items())
        points = "个百分点" if ind.growth_in_points else "%"
        growth = f"  增幅 {ind.growth_pct:g}{points}" if ind.growth_pct is not None else ""
        pages = f"  佐证 P{','.join(map(str, ind.evidence_pages))}" if ind.evidence_pages else ""
        cluster = ""
        if ind.cluster_values:
            cluster = "  其中集群产业 " + "  ".join(
                f"{y}: {'—' if v is None else f'{v:g}'}" for y, v in ind.cluster_values.items())
        doubt = f"  【存疑：{'；'.join(ind.doubts.values())}】" if ind.doubts else ""
        out.append(f"    {ind.label}（{ind.unit}）  {values}{cluster}{growth}{pages}{doubt}")
    for table in report.lists:
        out.append(f"\n  {table.section} {table.title}：{len(table.rows)}行")
    for block in report.texts:
        limit = f" / 限{block.limit}字" if block.limit else ""
        out.append(f"  {block.id} {block.title}：{block.word_count}字（字符数{block.char_count}）{limit}")
    out.extend(_readings(report))
    return "\n".join(out)


def _readings(report: Report) -> list[str]:
    """How each table was recognised: its anchor, the role of each column, the rows left out."""
    out = ["\n  表格读取方式"]
    for reading in report.readings:
        out.append(f"    {reading.section} {reading.title}：由{reading.found_by}找到，读出{reading.rows_read}行"
                   + (f"；{reading.reading}" if reading.reading else ""))
        if reading.columns:
            cols = "；".join(f"第{column_range(c.col, c.span)}列“{' '.join(c.header.split())}”→{c.role}"
                            for c in reading.columns)
            out.append(f"      列：{cols}")
        for row in reading.skipped:
            where = f"{row.location.describe()} " if row.location else ""
            out.append(f"      跳过：{where}“{row.text}”（{row.reason}）")
    return out
