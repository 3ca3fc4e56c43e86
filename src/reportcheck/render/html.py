"""``check --format html``: one self-contained, printable HTML document in simplified Chinese.

Per file: a summary, the findings by section, the extracted tables with the cells and rows the
findings point at highlighted and linked both ways, and how each table was read. Every text that
comes from a report is escaped; the document loads nothing from anywhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from html import escape

from reportcheck import __version__
from reportcheck.model import Indicator, Issue, ListTable, Loc, Report, TableReading, TextBlock
from reportcheck.outcome import STATUS_ZH, FileOutcome
from reportcheck.render.evidence_html import CSS as EVIDENCE_CSS
from reportcheck.render.evidence_html import evidence_section
from reportcheck.render.grouping import CATEGORY_ZH, SEVERITY_ZH, by_section, column_range, section_key, section_name
from reportcheck.spec import ColumnSpec, TemplateSpec, default_template, load_templates

_SYMBOL = {"error": "✖", "warning": "▲", "info": "●"}
_PHONE_ZH = {"leader_phone": "负责人电话", "contact_phone": "联系人电话"}


def render_report(outcomes: list[FileOutcome], titles: dict[str, str], *, banner: str = "", pack: str = "") -> str:
    """One complete HTML document (<!DOCTYPE html> …) for these outcomes; its header says, for filing, when
    it was checked, against which rule ``pack`` and by which version.

    ``banner`` is trusted HTML put first in <body> as it is."""
    prefixes = [f"f{n}" for n in range(1, len(outcomes) + 1)]
    filed = " · ".join(p for p in (f"检查时间 {datetime.now():%Y-%m-%d %H:%M}", f"规则包 {pack}" if pack else "",
                                   f"reportcheck {__version__}", f"共{len(outcomes)}个文件") if p)
    parts = [banner, '<header><h1>产业集群申报报告检查结果</h1>',
             f'<p class="sub">{escape(filed)}</p></header>', _LEGEND]
    if len(outcomes) > 1:
        parts.append(_combined_summary(outcomes, prefixes))
    parts.extend(_file_section(prefix, outcome, titles) for prefix, outcome in zip(prefixes, outcomes, strict=True))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(_doc_title(outcomes))}</title>\n<style>{_CSS}{EVIDENCE_CSS}</style>\n"
            f"<script>{_OPEN_FOR_PRINT}</script>\n</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n")


def _doc_title(outcomes: list[FileOutcome]) -> str:
    if len(outcomes) == 1:
        return f"检查结果 - {_file_name(outcomes[0].path)}"
    return f"检查结果 - {len(outcomes)}个文件"


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _counts(outcome: FileOutcome) -> Counter[str]:
    return Counter(i.severity for i in outcome.issues)


def _status_badge(outcome: FileOutcome) -> str:
    return f'<span class="status st-{outcome.status}">{STATUS_ZH[outcome.status]}</span>'


def _count_badges(counts: Counter[str]) -> str:
    return " ".join(f'<span class="count sev-{s}">{_SYMBOL[s]} {zh} {counts[s]}</span>'
                    for s, zh in SEVERITY_ZH.items())


def _combined_summary(outcomes: list[FileOutcome], prefixes: list[str]) -> str:
    """One row per file, linked to its section, and the totals."""
    rows = []
    totals: Counter[str] = Counter()
    for prefix, outcome in zip(prefixes, outcomes, strict=True):
        counts = _counts(outcome)
        totals.update(counts)
        report = outcome.report
        cluster = (report.basic.quote("cluster_name") or "（未填）") if report else "—"
        stage = (report.stage or "数据表") if report else "—"
        category = CATEGORY_ZH[report.category] if report else "—"
        rows.append(f'<tr><td><a href="#{prefix}">{escape(_file_name(outcome.path))}</a></td>'
                    f"<td>{escape(cluster)}</td><td>{stage}</td><td>{category}</td>"
                    f"<td>{_status_badge(outcome)}</td>"
                    + "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITY_ZH) + "</tr>")
    unreadable = sum(1 for o in outcomes if o.error is not None)
    line = (f"共检查{len(outcomes)}个文件：错误{totals['error']}个，警告{totals['warning']}个，"
            f"提示{totals['info']}个" + (f"，无法读取{unreadable}个" if unreadable else ""))
    return ('<section class="combined"><h2>汇总</h2>'
            f'<p class="totals">{line}</p><table class="grid"><thead><tr><th>文件</th><th>集群名称</th>'
            "<th>阶段</th><th>类别</th><th>状态</th><th>错误</th><th>警告</th><th>提示</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def _file_section(prefix: str, outcome: FileOutcome, titles: dict[str, str]) -> str:
    head = f'<h2>{escape(_file_name(outcome.path))}</h2>'
    path = f'<p class="path">{escape(outcome.path)}</p>'
    if outcome.error is not None:
        return (f'<section class="file" id="{prefix}">{head}{path}'
                f'<p class="summary">{_status_badge(outcome)}</p>'
                f'<div class="unreadable" role="alert"><strong>无法读取：</strong>{escape(outcome.error.zh)}</div>'
                "</section>")
    report = outcome.report
    assert report is not None
    places = _Places(prefix, report)
    findings = _findings(prefix, outcome.issues, places, titles)
    tables = _Tables(report, places, titles)
    return (f'<section class="file" id="{prefix}">{head}{path}{_meta(report)}'
            f'<p class="summary">{_status_badge(outcome)} {_count_badges(_counts(outcome))}</p>'
            f"{findings}{evidence_section(report, outcome.issues)}<h3>提取的数据</h3>{tables.render()}</section>")


def _meta(report: Report) -> str:
    cluster = report.basic.quote("cluster_name")
    items = [("阶段", report.stage or "数据表"), ("申报类别", CATEGORY_ZH[report.category]),
             ("集群名称", cluster or "（未填）"), ("年份", "、".join(report.years) or "未识别")]
    return ('<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in items) + "</dl>")


def _findings(prefix: str, issues: list[Issue], places: _Places, titles: dict[str, str]) -> str:
    """The findings by section, each linked to where it lands in the tables (placed as a side effect)."""
    if not issues:
        return '<h3>问题</h3><p class="none">未发现问题。</p>'
    out = ["<h3>问题（按章节）</h3>"]
    number = 0
    for section, group in by_section(issues):
        out.append(f'<h4>{escape(section_name(section, titles))}</h4><ol class="findings">')
        for issue in group:
            number += 1
            out.append(_finding(f"{prefix}-i{number}", issue, places))
        out.append("</ol>")
    return "".join(out)


def _finding(finding_id: str, issue: Issue, places: _Places) -> str:
    target = places.land(finding_id, issue)
    where = issue.location.describe() if issue.location else ""
    parts = [f'<span class="sev">{_SYMBOL[issue.severity]} {SEVERITY_ZH[issue.severity]}</span>',
             f'<code class="code">{escape(issue.code)}</code>', f'<span class="msg">{escape(issue.message)}</span>']
    if where:
        parts.append(f'<span class="where">位置：{escape(where)}</span>')
    if target:
        parts.append(f'<a class="goto" href="#{target}">在下表中查看</a>')
    return f'<li id="{finding_id}" class="finding sev-{issue.severity}">{" ".join(parts)}</li>'


def _cell_key(loc: Loc) -> tuple[int | None, ...]:
    return (loc.table, loc.row, loc.col)


def _row_key(loc: Loc) -> tuple[int | None, ...]:
    return (loc.table, loc.row)


def _slug(column: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in column)


def _indicator_id(prefix: str, n: int) -> str:
    return f"{prefix}-ind{n}"


def _list_id(prefix: str, n: int) -> str:
    return f"{prefix}-list{n}"


class _Places:
    """Every rendered cell, row and table a finding can point at, and the findings that land on each.

    A finding lands on the cell it names (a figure's own cell, a basic-information field), else on
    the row (an indicator's label cell, a list row, a text block), else on the paragraph of a text
    block, else on the row or table whose (section, label) is the finding's (section, field)."""

    def __init__(self, prefix: str, report: Report) -> None:
        self.prefix = prefix
        self.cells: dict[tuple[int | None, ...], str] = {}
        self.rows: dict[tuple[int | None, ...], str] = {}
        self.paragraphs: dict[int, str] = {}
        self.fields: dict[tuple[str | None, str], str] = {}
        self.hits: dict[str, list[tuple[str, Issue]]] = defaultdict(list)
        for n, ind in enumerate(report.indicators):
            self._indicator(_indicator_id(prefix, n), ind)
        for n, table in enumerate(report.lists):
            self.fields.setdefault((table.section, table.title), _list_id(prefix, n))
            for k, row in enumerate(table.rows):
                self._row(row.location, f"{_list_id(prefix, n)}-r{k}")
        for n, block in enumerate(report.texts):
            place = f"{prefix}-text{n}"
            self.fields.setdefault((block.id, block.title), place)
            self._row(block.location, place)
            if block.location and block.location.paragraph is not None:
                self.paragraphs.setdefault(block.location.paragraph, place)
        for key, loc in report.basic.locations.items():
            place = self.basic_id(key)
            self._cell(loc, place)
            self._row(loc, place)

    def basic_id(self, key: str) -> str:
        return f"{self.prefix}-basic-{_slug(key)}"

    def _indicator(self, place: str, ind: Indicator) -> None:
        """The row, and the cell of each figure shown. An evidence page (``page:95``) is shown in the
        evidence column unless it was read from a figure's cell (kept) or the label cell (the row)."""
        self.fields.setdefault((ind.section, ind.label), place)
        self._row(ind.location, place)
        cells: dict[str, Loc] = getattr(ind, "cells", {})
        shown = {*ind.values, *(f"{y}:cluster" for y in ind.cluster_values or {}), "growth", "evidence"}
        for column in shown & set(cells):
            self._cell(cells[column], f"{place}-{_slug(column)}")
        label = _cell_key(ind.location) if ind.location else None
        for column, loc in cells.items():
            if column.startswith("page:") and _cell_key(loc) != label:
                self._cell(loc, f"{place}-evidence")

    def _cell(self, loc: Loc | None, place: str) -> None:
        if loc is not None and None not in _cell_key(loc):
            self.cells.setdefault(_cell_key(loc), place)

    def _row(self, loc: Loc | None, place: str) -> None:
        if loc is not None and None not in _row_key(loc):
            self.rows.setdefault(_row_key(loc), place)

    def land(self, finding_id: str, issue: Issue) -> str | None:
        """Where ``issue`` is shown in the tables (recorded for the highlight), or None."""
        place = self._find(issue)
        if place is not None:
            self.hits[place].append((finding_id, issue))
        return place

    def _find(self, issue: Issue) -> str | None:
        loc = issue.location or Loc()  # only complete keys are registered: a partial one finds nothing
        return (self.cells.get(_cell_key(loc)) or self.rows.get(_row_key(loc))
                or (self.paragraphs.get(loc.paragraph) if loc.paragraph is not None else None)
                or self.fields.get((issue.section, issue.field or "")))

    def mark(self, place: str, extra: str = "") -> tuple[str, str]:
        """The attributes (id, classes, with the ``extra`` ones) and the back-links of a place findings
        landed on; only the classes when none did."""
        hits = self.hits.get(place)
        if not hits:
            return (f' class="{extra.strip()}"' if extra else ""), ""
        severities = [s for s in SEVERITY_ZH if any(i.severity == s for _, i in hits)]
        classes = " ".join(f"sev-{s}" for s in reversed(severities))
        tips = escape("；".join(f"{i.code} {i.message}" for _, i in hits))
        links = "".join(f'<a class="mark sev-{i.severity}" href="#{fid}">{_SYMBOL[i.severity]}{escape(i.code)}</a>'
                        for fid, i in hits)
        return f' id="{place}" class="hl {classes}{extra}" title="{tips}"', f'<span class="marks">{links}</span>'


def _number(value: float | None, decimals: int | None) -> str:
    if value is None:
        return ""
    if decimals is not None:
        return f"{value:.{max(0, decimals)}f}"
    return str(int(value)) if value.is_integer() else f"{value:.10g}"


def _list_cell(value: str | float | None, spec: ColumnSpec | None) -> str:
    attrs = ' class="num"' if spec is not None and spec.type == "number" else ""
    text = _number(value, None) if isinstance(value, float) else (value or "")
    return f"<td{attrs}>{escape(text)}</td>"


class _Tables:
    """The extracted data of one report as HTML tables, in template order."""

    def __init__(self, report: Report, places: _Places, titles: dict[str, str]) -> None:
        self.report = report
        self.places = places
        self.titles = titles
        self.spec = _template(report.template)

    def render(self) -> str:
        return self._basic() + self._sections() + self._texts()

    def _td(self, place: str, content: str, extra: str = "") -> str:
        attrs, marks = self.places.mark(place, extra)
        return f"<td{attrs}>{content}{marks}</td>"

    def _basic(self) -> str:
        """Basic information as a two-column table, then the label–value fields of the form."""
        rows = [self._basic_row(f.key, f.label) for f in self.spec.basic_info.fields]
        for group in self.spec.basic_info.groups:
            for f in group.fields:
                rows.append(self._basic_row(f"{group.key}.{f.key}", f"{group.label} · {f.label}"))
                if f.phone:
                    rows.append(self._basic_row(f"{group.key}.{f.phone}", f"{group.label} · {_PHONE_ZH[f.phone]}"))
        labels = {f.key: f.label for t in self.spec.indicator_tables for f in t.fields}
        labels.update({f.key: f.label for f in self.spec.section_fields})
        for key, value in self.report.fields.items():
            rows.append(f"<tr><th>{escape(labels.get(key, key))}</th><td>{escape(value or '')}</td></tr>")
        declaration = "有" if self.report.declaration_present else "未找到"
        span = self.report.evidence_range
        rows.append(f"<tr><th>真实性声明</th><td>{declaration}</td></tr>")
        rows.append(f"<tr><th>佐证材料页码范围</th><td>{f'第{span[0]}～{span[1]}页' if span else '未注明'}</td></tr>")
        return (f'<h4>{escape(section_name("1", self.titles))}</h4>'
                f'<table class="grid basic"><tbody>{"".join(rows)}</tbody></table>')

    def _basic_row(self, key: str, label: str) -> str:
        b = self.report.basic
        group, _, field = key.partition(".")
        value = b.as_written.get(key) or (getattr(getattr(b, group), field) if field else getattr(b, key))
        place = self.places.basic_id(key)
        attrs, marks = self.places.mark(place)
        shown = escape(value) if value else '<span class="raw">（未填）</span>'
        return f"<tr><th>{escape(label)}</th><td{attrs}>{shown}{marks}</td></tr>"

    def _sections(self) -> str:
        indicators: dict[str, list[tuple[int, Indicator]]] = defaultdict(list)
        for n, ind in enumerate(self.report.indicators):
            indicators[ind.section].append((n, ind))
        lists: dict[str, list[tuple[int, ListTable]]] = defaultdict(list)
        for n, table in enumerate(self.report.lists):
            lists[table.section].append((n, table))
        readings: dict[str, list[TableReading]] = defaultdict(list)
        for reading in self.report.readings:
            readings[reading.section].append(reading)
        out = []
        for section in sorted(set(indicators) | set(lists) | set(readings), key=section_key):
            out.append(self._section(section, indicators[section], lists[section], readings[section]))
        return "".join(out)

    def _section(self, section: str, indicators: list[tuple[int, Indicator]],
                 lists: list[tuple[int, ListTable]], readings: list[TableReading]) -> str:
        list_titles = {t.title for _, t in lists}
        out = [f'<section class="data-section"><h4>{escape(section_name(section, self.titles))}</h4>']
        if indicators:
            out.append(self._indicator_table(indicators))
        out.append(_readings([r for r in readings if r.title not in list_titles]))
        for n, table in lists:
            out.append(self._list_table(n, table))
            out.append(_readings([r for r in readings if r.title == table.title]))
        out.append("</section>")
        return "".join(out)

    def _indicator_table(self, rows: list[tuple[int, Indicator]]) -> str:
        columns = _value_columns([ind for _, ind in rows])
        growth = any(ind.growth_pct is not None or "growth" in ind.raw for _, ind in rows)
        evidence = any(ind.evidence_required or ind.evidence_pages for _, ind in rows)
        head = ["指标", "单位", *(h for _, h in columns)] + (["增幅(%)"] if growth else []) + (
            ["佐证材料页码"] if evidence else [])
        body = []
        for n, ind in rows:
            place = _indicator_id(self.places.prefix, n)
            keys = [k for k, _ in columns] + (["growth"] if growth else []) + (["evidence"] if evidence else [])
            cells = "".join(self._figure(place, ind, key) for key in keys)
            attrs, marks = self.places.mark(place)
            label = _doubtful(escape(ind.label), ind.doubts.get("row"))
            body.append(f"<tr{attrs}><th scope=\"row\">{label}{marks}</th><td>{escape(ind.unit)}</td>{cells}</tr>")
        return _table(head, body, "indicators")

    def _figure(self, row_place: str, ind: Indicator, key: str) -> str:
        """One figure's cell: the value as read (the text as written when it is no number)."""
        if key == "growth":
            text = _number(ind.growth_pct, ind.growth_decimals)
            text += "个百分点" if ind.growth_in_points and ind.growth_pct is not None else ""
        elif key == "evidence":
            text = "、".join(map(str, ind.evidence_pages))
        else:
            year, _, part = key.partition(":")
            values = (ind.cluster_values or {}) if part else ind.values
            text = _number(values.get(year), ind.decimals.get(key))
            if text and key in ind.approximate:
                text = "约" + text
        content = escape(text) if text else f'<span class="raw">{escape(ind.raw.get(key, ""))}</span>'
        return self._td(f"{row_place}-{_slug(key)}", _doubtful(content, ind.doubts.get(key)), " num")

    def _list_table(self, n: int, table: ListTable) -> str:
        place = _list_id(self.places.prefix, n)
        attrs, marks = self.places.mark(place)
        title = f'<h5{attrs}>{escape(table.title)}{marks}</h5>'
        if not table.rows:
            return title + '<p class="none">（未填写）</p>'
        specs = _list_columns(self.spec, table.id)
        columns = _list_layout(table, specs)
        head = ["序号", *(_list_header(specs.get(k), k, y) for k, y in columns)]
        body = []
        for k, row in enumerate(table.rows):
            row_attrs, row_marks = self.places.mark(f"{place}-r{k}")
            cells = "".join(_list_cell(row.by_year.get(key, {}).get(year) if year else row.values.get(key),
                                       specs.get(key)) for key, year in columns)
            body.append(f'<tr{row_attrs}><td class="num">{k + 1}{row_marks}</td>{cells}</tr>')
        return title + _table(head, body, "list")

    def _texts(self) -> str:
        if not self.report.texts:
            return ""
        body = [self._text_row(n, block) for n, block in enumerate(self.report.texts)]
        return ("<h4>文字部分</h4>" +
                _table(["章节", "标题", "字数", "字符数（不计空格）", "字数限制", "未涉及的方面"], body, "texts"))

    def _text_row(self, n: int, block: TextBlock) -> str:
        attrs, marks = self.places.mark(f"{self.places.prefix}-text{n}")
        limit = f"{block.limit}字以内" if block.limit else "不限"
        missing = "、".join(block.aspects_missing)
        return (f"<tr{attrs}><td>{escape(block.id)}{marks}</td><td>{escape(block.title)}</td>"
                f'<td class="num">{block.word_count}</td><td class="num">{block.char_count}</td>'
                f"<td>{limit}</td><td>{escape(missing)}</td></tr>")


def _template(template_id: str) -> TemplateSpec:
    """The report's template spec (the preliminary one for a data sheet, whose lists it shares)."""
    specs = load_templates()
    return next((s for s in specs if s.id == template_id), default_template())


def _list_columns(spec: TemplateSpec, table_id: str) -> dict[str, ColumnSpec]:
    table = next((t for t in spec.list_tables if t.id == table_id), None)
    return {c.key: c for c in table.columns} if table else {}


def _list_layout(table: ListTable, specs: dict[str, ColumnSpec]) -> list[tuple[str, str]]:
    """The list's columns as (key, year — empty unless per year), in the template's order."""
    keys = list(dict.fromkeys([*specs, *(k for row in table.rows for k in [*row.values, *row.by_year])]))
    columns = []
    for key in keys:
        years = sorted({y for row in table.rows for y in row.by_year.get(key, {})})
        if years:
            columns.extend((key, y) for y in years)
        elif any(key in row.values for row in table.rows):
            columns.append((key, ""))
    return columns


def _list_header(spec: ColumnSpec | None, key: str, year: str = "") -> str:
    label = spec.label if spec else key
    when = f" {year}年" if year else ""
    unit = f"（{spec.unit}）" if spec and spec.unit else ""
    return f"{label}{when}{unit}"


def _value_columns(rows: list[Indicator]) -> list[tuple[str, str]]:
    """(column key as in ``Indicator.raw``, header) for the figures of one indicator table."""
    years = sorted({y for ind in rows for y in ind.values} | {y for ind in rows for y in ind.cluster_values or {}})
    actual = {ind.base_year for ind in rows if ind.base_year}
    if actual:
        return [(y, f"{y}年实际值" if y in actual else f"{y}年目标") for y in years]
    if any(ind.cluster_values for ind in rows):
        return [c for y in years for c in ((y, f"{y}年 园区总额"), (f"{y}:cluster", f"{y}年 其中集群产业"))]
    return [(y, f"{y}年") for y in years]


def _doubtful(content: str, why: str | None) -> str:
    if why is None:
        return content
    return f'<span class="doubt" title="存疑：{escape(why)}">{content}</span><span class="doubt-tag">存疑</span>'


def _table(head: Iterable[str], body: list[str], kind: str) -> str:
    cols = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f'<table class="grid {kind}"><thead><tr>{cols}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _readings(readings: list[TableReading]) -> str:
    """How the tables were read, collapsed (opened for printing)."""
    if not readings:
        return ""
    return ('<details class="reading"><summary>表格读取方式</summary>'
            + "".join(_reading(r) for r in readings) + "</details>")


def _reading(reading: TableReading) -> str:
    how = f"；{escape(reading.reading)}" if reading.reading else ""
    out = [f"<p>“{escape(reading.title)}”由{escape(reading.found_by)}找到，读出{reading.rows_read}行{how}。</p>"]
    if reading.columns:
        rows = [f"<tr><td>第{column_range(c.col, c.span)}列</td><td>{escape(' '.join(c.header.split()))}</td>"
                f"<td>{escape(c.role)}</td></tr>" for c in reading.columns]
        out.append(_table(["列", "表头", "识别为"], rows, "columns"))
    out.extend(_skipped(reading))
    return "".join(out)


def _skipped(reading: TableReading) -> Iterator[str]:
    if not reading.skipped:
        return
    yield "<p>跳过的行：</p><ul>"
    for row in reading.skipped:
        where = f"{row.location.describe()} " if row.location else ""
        yield f"<li>{escape(where)}“{escape(row.text)}”（{escape(row.reason)}）</li>"
    yield "</ul>"


_LEGEND = ('<p class="legend">图例：'
           '<span class="hl sev-error">✖ 错误</span> <span class="hl sev-warning">▲ 警告</span> '
           '<span class="hl sev-info">● 提示</span> 标出问题所在的单元格或行，点击问题可跳到表中位置，'
           '点击表中的代码可跳回问题；<span class="doubt">虚线下划线</span><span class="doubt-tag">存疑</span>'
           "表示读取时不能确定的数字（规则不使用）。</p>")

_OPEN_FOR_PRINT = ('addEventListener("beforeprint",function(){'
                   'document.querySelectorAll("details").forEach(function(d){d.open=true;});});')

_CSS = """
:root { --err: #c62828; --err-bg: #fdecea; --warn: #b26a00; --warn-bg: #fff4e0; --info: #1565c0;
  --info-bg: #e8f1fc; --line: #c8ccd2; --muted: #5f6670; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; color: #1d2129; background: #fff;
  font: 14px/1.6 "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif; }
h1 { font-size: 22px; margin: 8px 0 0; }
h2 { font-size: 19px; margin: 0; }
h3 { font-size: 16px; margin: 20px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h4 { font-size: 15px; margin: 16px 0 6px; }
h5 { font-size: 14px; margin: 12px 0 4px; padding: 1px 4px; }
.sub, .path { color: var(--muted); margin: 2px 0; }
.path { font-size: 12px; word-break: break-all; }
.legend { font-size: 12px; color: var(--muted); border: 1px solid var(--line); padding: 6px 10px; }
.legend .hl { padding: 0 4px; }
section.file, section.combined { border-top: 3px solid #1d2129; margin-top: 24px; padding-top: 12px; }
dl.meta { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 8px 0; }
dl.meta dt { color: var(--muted); } dl.meta dt::after { content: "："; }
dl.meta dd { margin: 0 0 0 -20px; font-weight: 600; }
.summary { margin: 8px 0; }
.status, .count { display: inline-block; padding: 1px 8px; border: 1px solid currentColor; border-radius: 3px;
  font-weight: 600; }
.st-ok { color: #2e7d32; } .st-issues { color: var(--err); } .st-unreadable { color: var(--err); }
.count.sev-error { color: var(--err); } .count.sev-warning { color: var(--warn); }
.count.sev-info { color: var(--info); }
.totals { font-weight: 600; }
.unreadable { border: 2px solid var(--err); background: var(--err-bg); padding: 10px 14px; margin: 10px 0; }
.none { color: var(--muted); }
ol.findings { margin: 0; padding-left: 28px; }
.finding { margin: 4px 0; padding: 2px 6px; border-left: 4px solid var(--line); }
.finding.sev-error { border-left-color: var(--err); } .finding.sev-warning { border-left-color: var(--warn); }
.finding.sev-info { border-left-color: var(--info); }
.finding .sev { font-weight: 700; white-space: nowrap; }
.finding.sev-error .sev { color: var(--err); } .finding.sev-warning .sev { color: var(--warn); }
.finding.sev-info .sev { color: var(--info); }
.code { font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; background: #f1f3f5; padding: 0 4px; }
.where { color: var(--muted); font-size: 12px; white-space: nowrap; }
.goto { font-size: 12px; white-space: nowrap; }
.goto::before { content: "→ "; }
:target { outline: 3px solid #7b1fa2; outline-offset: 1px; }
table.grid { border-collapse: collapse; margin: 4px 0 8px; width: 100%; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; text-align: left; }
table.grid thead th { background: #f1f3f5; font-weight: 600; }
table.basic th { width: 20em; background: #f7f8fa; font-weight: 600; }
table.indicators tbody th { font-weight: 400; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.raw { color: var(--muted); }
.hl.sev-info { background: var(--info-bg); box-shadow: inset 0 0 0 2px var(--info); }
.hl.sev-warning { background: var(--warn-bg); box-shadow: inset 0 0 0 2px var(--warn); }
.hl.sev-error { background: var(--err-bg); box-shadow: inset 0 0 0 2px var(--err); }
tr.hl { box-shadow: none; }
tr.hl > * { border-top: 2px solid; border-bottom: 2px solid; }
tr.hl.sev-info > * { background: var(--info-bg); border-color: var(--info); }
tr.hl.sev-warning > * { background: var(--warn-bg); border-color: var(--warn); }
tr.hl.sev-error > * { background: var(--err-bg); border-color: var(--err); }
.marks { display: inline-block; margin-left: 4px; }
.mark { font: 11px/1.2 ui-monospace, Menlo, Consolas, monospace; text-decoration: none; margin-left: 2px;
  padding: 0 3px; border: 1px solid currentColor; border-radius: 2px; background: #fff; white-space: nowrap; }
.mark.sev-error { color: var(--err); } .mark.sev-warning { color: var(--warn); } .mark.sev-info { color: var(--info); }
.doubt { text-decoration: underline dotted 2px; text-underline-offset: 3px; cursor: help; }
.doubt-tag { font-size: 11px; color: var(--warn); margin-left: 3px; }
details.reading { margin: 0 0 10px; font-size: 13px; }
details.reading summary { color: var(--muted); cursor: pointer; }
details.reading p { margin: 4px 0; }
table.columns { width: auto; }
table.list td:first-child, table.list th:first-child { width: 3.5em; white-space: nowrap; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0 3px; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  .goto { display: none; }
  details.reading > * { display: block; }
  details::details-content { display: contents; content-visibility: visible; }
  details.reading summary { list-style: none; font-weight: 600; color: inherit; }
  tr, li, .unreadable { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  section.file { break-before: page; border-top: none; }
  section.file:first-of-type { break-before: auto; }
  .hl.sev-error { outline: 2px solid var(--err); } .hl.sev-warning { outline: 2px dashed var(--warn); }
  .hl.sev-info { outline: 1px dotted var(--info); }
  :target { outline: none; }
}
"""
