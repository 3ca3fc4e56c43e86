"""审核意见: one Word document per report that a bureau can send back to the applicant as it is.

Cluster, file, date and the rules checked against; a count; then every finding in the order the applicant
fixes them — errors (须修改), then warnings (请核实), then notes (供参考), each by section — with where it is
in the report and the message, which says what to do. A file that could not be read gets the reason and
what to send instead. Written with python-docx in 宋体 (the East Asian font set on every run).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.run import Run

from reportcheck import __version__
from reportcheck.model import SEVERITY_ZH, Issue
from reportcheck.outcome import FileOutcome
from reportcheck.render.grouping import finding_order

FONT = "宋体"
ACTION = {"error": "须修改", "warning": "请核实", "info": "供参考"}
NOTICE_SUFFIX = ".审核意见.docx"


def notice_name(report: str | Path) -> str:
    """``报告.docx`` → ``报告.审核意见.docx``."""
    return Path(report).stem + NOTICE_SUFFIX


def notice_docx(outcome: FileOutcome, titles: dict[str, str], programme: str, when: date | None = None) -> bytes:
    """The notice for one checked file, as .docx bytes."""
    when = when or date.today()
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    _paragraph(document, "参赛报告审核意见", size=16, bold=True, centre=True)
    report = outcome.report
    cluster = (report.basic.cluster_name if report else None) or "（报告未填写或未能读出集群名称）"
    for label, value in (("集群名称", cluster), ("报告文件", Path(outcome.path).name),
                         ("检查日期", f"{when.year}年{when.month}月{when.day}日"), ("检查依据", programme)):
        _paragraph(document, f"{label}：{value}")
    if outcome.error is not None:
        _paragraph(document, "")
        _paragraph(document, f"该文件未能检查：{outcome.error.zh}", bold=True)
        _paragraph(document, "请按上述说明重新提交报告后再行审核。")
    else:
        _findings(document, outcome.issues, titles)
    _paragraph(document, "")
    _paragraph(document, f"本意见由 reportcheck {__version__} 按上述依据自动生成，供申报单位修改报告时参考；"
                         "以审核部门的正式意见为准。", size=9)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _findings(document, issues: list[Issue], titles: dict[str, str]) -> None:
    counts = {s: sum(1 for i in issues if i.severity == s) for s in SEVERITY_ZH}
    if not issues:
        _paragraph(document, "经检查，未发现问题。")
        return
    _paragraph(document, f"经检查，共发现{len(issues)}条问题：错误{counts['error']}条（须修改）、"
                         f"警告{counts['warning']}条（请核实）、提示{counts['info']}条（供参考）。请逐条处理：")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, ("序号", "处理", "位置", "问题及修改要求"), strict=True):
        _cell(cell, title, bold=True)
    for number, issue in enumerate(sorted(issues, key=finding_order), start=1):
        cells = table.add_row().cells
        values = (str(number), f"{SEVERITY_ZH[issue.severity]}\n{ACTION[issue.severity]}", _where(issue, titles),
                  issue.message)
        for cell, value in zip(cells, values, strict=True):
            _cell(cell, value)
    table.autofit = False
    widths = (Cm(1.2), Cm(1.7), Cm(4.4), Cm(9.3))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice and WPS lay out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # the cells Word lays out by


def _where(issue: Issue, titles: dict[str, str]) -> str:
    section = issue.section or ""
    parts = [f"{section} {titles.get(section, '')}".strip() if section else "全文"]
    if issue.field:
        parts.append(issue.field)
    if issue.location is not None:
        parts.append(issue.location.describe())
    return "\n".join(p for p in parts if p)


def _paragraph(document, text: str, size: float = 11, bold: bool = False, centre: bool = False) -> None:
    paragraph = document.add_paragraph()
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), size, bold)


def _cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    _font(paragraph.add_run(text), 10, bold)


def _font(run: Run, size: float, bold: bool) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
