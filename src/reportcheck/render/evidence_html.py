"""The HTML report's 佐证材料核对: each row that cites pages, with each cited page as the reviewer would
turn to it — a small picture of it, where it lies in the appendix, what it is about — and what the check
concluded for the row (its evidence findings, or 相符)."""

from __future__ import annotations

from html import escape

from reportcheck.model import Evidence, EvidencePage, Issue, Report

CSS = """
table.evidence { width: 100%; border-collapse: collapse; }
table.evidence th, table.evidence td { vertical-align: top; text-align: left; padding: 6px;
  border-bottom: 1px solid var(--line); }
table.evidence th:nth-child(1) { width: 22%; } table.evidence th:nth-child(2) { width: 10%; }
table.evidence th:nth-child(3) { width: 34%; }
table.evidence .pages { display: flex; flex-wrap: wrap; gap: 8px; }
table.evidence figure { margin: 0; width: 124px; font-size: 11px; color: var(--muted); }
table.evidence img { width: 120px; border: 1px solid var(--line); display: block; }
table.evidence .missing { width: 120px; height: 170px; border: 1px dashed var(--err); color: var(--err);
  display: flex; align-items: center; justify-content: center; text-align: center; }
table.evidence .verdict-ok { color: #2e7d32; font-weight: 600; }
@media print { table.evidence figure { break-inside: avoid; } }
"""
_VERDICT = {"EA001": "页不存在", "EA002": "与本行无关", "EA003": "少于填报个数", "EA005": "与另一行共用一页",
            "EA009": "无法核对"}


def evidence_section(report: Report, issues: list[Issue]) -> str:
    """The section, or "" when the appendix was not asked for."""
    evidence = report.evidence
    if evidence is None:
        return ""
    head = f"<h3>佐证材料核对</h3><p class=\"sub\">{escape(_source(evidence))}</p>"
    if evidence.doubt is not None:
        return (f'{head}<div class="unreadable" role="alert"><strong>佐证材料无法读取：</strong>'
                f"{escape(evidence.doubt)}</div>")
    by_row: dict[str, list[Issue]] = {}
    for issue in issues:
        if issue.code.startswith("EA") and issue.field:
            by_row.setdefault(issue.field, []).append(issue)
    rows = [_row(ind.label, ind.latest(), [evidence.page(n) for n in ind.evidence_pages], by_row.get(ind.label, []))
            for ind in report.indicators if ind.evidence_pages]
    if not rows:
        return f'{head}<p class="none">报告没有标注佐证页。</p>'
    return (f'{head}<table class="evidence"><thead><tr><th>指标</th><th>填报</th><th>标注的佐证页</th>'
            f'<th>核对结果</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _source(evidence: Evidence) -> str:
    files = "、".join(evidence.files)
    how = ("按页面上印的页码查找" if evidence.numbering == "printed"
           else f"页面上未见页码，按页序计（首页为第{evidence.first}页）")
    return f"佐证材料：{files}，共{evidence.sheets}页；{how}。只读取标注的页。"


def _row(label: str, latest: tuple[str, float] | None, pages: list[EvidencePage | None], found: list[Issue]) -> str:
    claimed = f"{latest[1]:g}（{latest[0]}年）" if latest else "—"
    figures = "".join(_figure(p) for p in pages if p is not None)
    if found:
        verdict = "".join(f'<div class="finding sev-{i.severity}"><strong>{escape(_VERDICT.get(i.code, i.code))}'
                          f"</strong>（{i.code}）：{escape(i.message)}</div>" for i in found)
    else:
        verdict = '<span class="verdict-ok">相符</span>'
    return (f"<tr><td>{escape(label)}</td><td>{escape(claimed)}</td><td><div class=\"pages\">{figures}</div></td>"
            f"<td>{verdict}</td></tr>")


def _figure(page: EvidencePage) -> str:
    if page.file is None:
        return f'<figure><div class="missing">第{page.cited}页<br>不存在</div></figure>'
    picture = (f'<img alt="佐证材料第{page.cited}页" src="data:image/jpeg;base64,{page.thumbnail}">'
               if page.thumbnail else "")
    about = page.doubt or page.heading or "（无标题）"
    read = "，文字识别" if page.read_by == "ocr" else ""
    return (f'<figure>{picture}<figcaption title="{escape(page.file)}"><strong>第{page.cited}页</strong>'
            f"（文件第{page.sheet}张{read}）<br>{escape(about)}</figcaption></figure>")
