"""``reportcheck history`` as text (a table for the terminal) and as JSON."""

from __future__ import annotations

import json

from reportcheck.archive.history import ClusterHistory, HistoryRow
from reportcheck.archived import local_time, written
from reportcheck.model import CATEGORY_ZH
from reportcheck.render.widths import display_width

RESTATED_MARK = "*"
DOUBT_MARK = "?"


def report_line(history: ClusterHistory) -> list[str]:
    """The reports the history rests on, one line each (earlier first)."""
    out = []
    for r in history.reports:
        when = f"{local_time(r.checked_at):%Y-%m-%d}检查" if r.checked_at else ""
        state = ("" if r.superseded_by is None else "（扫描件，以同一报告的Word版或新版本为准，不采用）" if r.scanned
                 else "（已被新版本取代，不采用）")
        out.append(f"{r.kind}（{r.data_years()}）《{r.file_name}》 {when}{state}")
    return out


def cell(row: HistoryRow, year: str) -> str:
    value = row.values.get(year)
    if value is None:
        return "—"
    mark = RESTATED_MARK if year in row.restated else DOUBT_MARK if year in row.doubts else ""
    return written(value, row.decimals.get(year)) + mark


def notes(row: HistoryRow) -> list[str]:
    """Each restated figure of a row with both values and files, and each figure read in doubt."""
    out = []
    for year, earlier in row.restated.items():
        before = "；".join(f"《{r.file}》填{written(r.value, r.decimals)}" for r in earlier)
        now = written(row.values[year], row.decimals.get(year))
        out.append(f"{row.label}{year}年：采用《{row.sources[year]}》的{now}{row.unit}，此前{before}")
    for year, why in row.doubts.items():
        out.append(f"{row.label}{year}年：读取存疑（{why}）")
    return out


def render_text(history: ClusterHistory) -> str:
    category = CATEGORY_ZH.get(history.category or "", "")
    lines = [f"{history.name}（{category}）：档案中{len(history.reports)}份报告" if category else
             f"{history.name}：档案中{len(history.reports)}份报告"]
    if len(history.names) > 1:
        lines.append("曾用名称：" + "、".join(n for n in history.names if n != history.name))
    lines += ["  " + line for line in report_line(history)]
    header = ["指标", "单位", *[f"{y}年" for y in history.years]]
    table = [header] + [[row.label, row.unit, *[cell(row, y) for y in history.years]] for row in history.rows]
    widths = [min(max(display_width(r[i]) for r in table), 40) for i in range(len(header))]
    lines.append("")
    for r in table:
        lines.append("  ".join(_pad(text, widths[i], right=i >= 2) for i, text in enumerate(r)).rstrip())
    found = [line for row in history.rows for line in notes(row)]
    if found:
        lines += ["", f"{RESTATED_MARK} 前后填报不一致（采用最新一份报告的数值），{DOUBT_MARK} 读取存疑："]
        lines += ["  " + n for n in found]
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def render_json(history: ClusterHistory) -> str:
    data = {
        "cluster": history.name, "names": history.names, "category": history.category, "years": history.years,
        "reports": [{"file": r.file_name, "path": r.file_path, "stage": r.stage, "years": r.years,
                     "checked_at": local_time(r.checked_at).isoformat() if r.checked_at else None,
                     "current": r.superseded_by is None, "sha256": r.content_hash} for r in history.reports],
        "indicators": [{"key": row.key, "section": row.section, "label": row.label, "unit": row.unit,
                        "values": row.values, "sources": row.sources, "doubts": row.doubts,
                        "restated": {y: [{"value": r.value, "file": r.file} for r in rs]
                                     for y, rs in row.restated.items()}} for row in history.rows],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
