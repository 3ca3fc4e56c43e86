"""Two typed reports of one cluster compared: basic information, form fields, every indicator figure,
every list entry, the text blocks, and what is present in one version only.

Rows are matched by what names them, never by position: indicators by section and key, list entries
by their name column (企业名称, 项目名称 …). A figure, list cell or basic-information field read with
doubt on either side (``Indicator.doubts``; a list row's and the basic information's ``doubts`` where
the reader keeps them) is a :class:`Doubt`, never a :class:`Difference`. Derived figures (字数, the
claims found in the prose, the extraction issues) are left out: they differ exactly when what they are
derived from does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from reportcheck.compare.result import Comparison, Difference, Doubt
from reportcheck.compare.sentences import compare_texts
from reportcheck.compare.values import Value, phone_key, same_number, same_value, text_key
from reportcheck.model import Indicator, ListRow, ListTable, Loc, Report, TextBlock
from reportcheck.normalize.text import label_key
from reportcheck.spec import TemplateSpec, load_data_sheet_spec, load_templates

_KEY_COLUMNS = ("name", "project", "enterprise")  # what names a list entry, in order of preference
_TEXT_COLUMNS = {"changed": "两版不同的句子", "only_a": "仅A有的句子", "only_b": "仅B有的句子"}


def compare_reports(a: Report, b: Report, path_a: str | None = None, path_b: str | None = None) -> Comparison:
    """Everything that differs between ``a`` and ``b`` (and the figures either side doubted)."""
    spec = _spec_of(a) or _spec_of(b)
    found = [*_report(a, b), *_basic(a, b, spec), *_fields(a, b, spec), *_indicators(a, b, spec),
             *_lists(a, b, spec), *_texts(a, b)]
    return Comparison(a=path_a or a.source, b=path_b or b.source,
                      differences=[d for d in found if not isinstance(d, Doubt)],
                      doubts=[d for d in found if isinstance(d, Doubt)])


def _spec_of(report: Report) -> TemplateSpec | None:
    """The template a report was read with (a data sheet's: the template its rows come from)."""
    specs = {s.id: s for s in load_templates()}
    sheet = load_data_sheet_spec()
    return specs.get(sheet.template if report.template == sheet.id else report.template)


def _report(a: Report, b: Report) -> Iterator[Difference]:
    if a.stage != b.stage:
        yield Difference(kind="report", label="阶段", a=a.stage, b=b.stage)
    if a.declaration_present != b.declaration_present:
        yield _missing(None, None, "真实性声明", "声明", "declaration", a.declaration_present,
                       b.declaration_present, None, None)
    if a.evidence_range != b.evidence_range:
        doubted = [f"{side}：{i.message}" for side, r in (("A", a), ("B", b)) for i in r.extraction_issues
                   if i.code == "D004" and i.field == _RANGE]
        doubted += [f"{side}：扫描件中未读出页码范围" for side, r in (("A", a), ("B", b))
                    if r.evidence_range is None and r.scanned_pages]
        if doubted:  # a scan's range the reader would not rely on, or did not find
            yield Doubt(kind="field", label=_RANGE, a=_range(a.evidence_range), b=_range(b.evidence_range),
                        reason="；".join(doubted))
        else:
            yield Difference(kind="field", label=_RANGE, a=_range(a.evidence_range), b=_range(b.evidence_range))


_RANGE = "佐证材料页码范围"


def _range(pages: tuple[int, int] | None) -> str | None:
    return None if pages is None else f"第{pages[0]}-{pages[1]}页"


def _basic(a: Report, b: Report, spec: TemplateSpec | None) -> Iterator[Difference]:
    """集群基本信息: each field of the form; a phone compares by its digits."""
    for key, label, column in _basic_fields(spec):
        va, vb = _basic_value(a, key), _basic_value(b, key)
        doubt = _doubt(_doubts(a.basic), _doubts(b.basic), key)
        same = phone_key(va) == phone_key(vb) if column == "电话" else same_value(va, vb)
        if (va is None and vb is None) or (same and not doubt):
            continue
        found = dict(kind="basic", section="1", table=spec.basic_info.title if spec else "集群基本信息",
                     label=label, column=column, column_key=key,
                     a=a.basic.as_written.get(key, va), b=b.basic.as_written.get(key, vb),
                     a_location=a.basic.locations.get(key), b_location=b.basic.locations.get(key))
        yield Doubt(**found, reason=doubt) if doubt else Difference(**found)  # type: ignore[arg-type]


def _basic_fields(spec: TemplateSpec | None) -> Iterator[tuple[str, str, str | None]]:
    """(model key, label, column) of every basic-information field: ``promotion_org.contact_phone``,
    ``集群促进组织 联系人姓名、职务``, ``电话``."""
    if spec is None:
        return
    for field in spec.basic_info.fields:
        yield field.key, field.label, None
    for group in spec.basic_info.groups:
        for field in group.fields:
            label = f"{group.label} {field.label}"
            yield f"{group.key}.{field.key}", label, None
            if field.phone:
                yield f"{group.key}.{field.phone}", label, "电话"


def _basic_value(report: Report, key: str) -> str | None:
    node: object = report.basic
    for part in key.split("."):
        node = getattr(node, part, None)
    return node if isinstance(node, str) and node.strip() else None


def _fields(a: Report, b: Report, spec: TemplateSpec | None) -> Iterator[Difference]:
    """The label–value fields of the form (园区名称, 编制牵头单位 …)."""
    places: dict[str, tuple[str | None, str | None, str]] = {}
    if spec is not None:
        for table in spec.indicator_tables:
            for f in table.fields:
                places[f.key] = (table.id, table.title, f.label)
        for f in spec.section_fields:
            places[f.key] = (f.section, _section_title(spec, f.section), f.label)
    for key in sorted(a.fields.keys() | b.fields.keys()):
        va, vb = a.fields.get(key), b.fields.get(key)
        if not same_value(va, vb):
            section, title, label = places.get(key, (None, None, key))
            yield Difference(kind="field", section=section, table=title, label=label, column_key=key, a=va, b=vb)


def _section_title(spec: TemplateSpec, section: str) -> str | None:
    titles = {t.id: t.title for t in spec.indicator_tables}
    titles.update({t.id: t.title for t in spec.text_blocks})
    titles.update({c.id: c.title for c in spec.chapters})
    return titles.get(section)


def _indicators(a: Report, b: Report, spec: TemplateSpec | None) -> Iterator[Difference]:
    """Every figure of every indicator row; a row or a whole table in one version only."""
    titles = {t.id: t.title for t in spec.indicator_tables} if spec else {}
    rows_a = {(i.section, i.key): i for i in a.indicators}
    rows_b = {(i.section, i.key): i for i in b.indicators}
    sections_a, sections_b = {s for s, _ in rows_a}, {s for s, _ in rows_b}
    for section in sorted(sections_a | sections_b, key=_section_order):
        title = titles.get(section)
        if section not in sections_a or section not in sections_b:
            yield _missing(section, title, title or section, "表格", "table", section in sections_a,
                           section in sections_b, _first_location(a, section), _first_location(b, section))
            continue
        keys = [k for s, k in rows_a if s == section] + [k for s, k in rows_b if s == section
                                                         and (s, k) not in rows_a]
        for key in keys:
            ia, ib = rows_a.get((section, key)), rows_b.get((section, key))
            if ia is None or ib is None:
                row = ia or ib
                assert row is not None
                yield _missing(section, title, row.label, "指标行", "indicator_row", ia is not None, ib is not None,
                               ia.location if ia else None, ib.location if ib else None)
            else:
                yield from _indicator(ia, ib, title)


def _first_location(report: Report, section: str) -> Loc | None:
    return next((i.location for i in report.indicators if i.section == section), None)


def _section_order(section: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in section.split("."))


def _indicator(a: Indicator, b: Indicator, title: str | None) -> Iterator[Difference]:
    for column_key, column in _figure_columns(a, b):
        va, vb = _figure(a, column_key), _figure(b, column_key)
        if va is None and vb is None:  # empty in both: nothing to confirm, even in a row read in doubt
            continue
        doubt = "；".join(f"{side}：{why}" for side, row in (("A", a), ("B", b))
                         if (why := _doubted(row, column_key)))
        if not doubt and _same_figure(va, vb):
            continue
        found = dict(kind="indicator", section=a.section, table=title, label=a.label, column=column,
                     column_key=column_key, unit="%" if column_key == "growth" else None if
                     column_key == "evidence_pages" else a.unit, a=va, b=vb,
                     a_location=_figure_location(a, column_key), b_location=_figure_location(b, column_key))
        yield Doubt(**found, reason=doubt) if doubt else Difference(**found)  # type: ignore[arg-type]


def _figure_columns(a: Indicator, b: Indicator) -> Iterator[tuple[str, str]]:
    """(model key, column in words) of each figure either row has."""
    for year in sorted(a.values.keys() | b.values.keys()):
        yield year, f"{year}年" + ("（上一年实际值）" if year in (a.base_year, b.base_year) else "")
    if a.cluster_values is not None or b.cluster_values is not None:
        for year in sorted((a.cluster_values or {}).keys() | (b.cluster_values or {}).keys()):
            yield f"{year}:cluster", f"{year}年 其中集群产业"
    yield "growth", "增幅"
    yield "evidence_pages", "佐证材料页码"


def _figure(row: Indicator, column_key: str) -> Value:
    if column_key == "growth":
        return row.growth_pct
    if column_key == "evidence_pages":
        return sorted(set(row.evidence_pages)) or None
    if column_key.endswith(":cluster"):
        return (row.cluster_values or {}).get(column_key.removesuffix(":cluster"))
    return row.values.get(column_key)


def _same_figure(a: Value, b: Value) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return a == b
    return same_number(a, b)  # type: ignore[arg-type]


def _doubted(row: Indicator, column_key: str) -> str | None:
    """Why the reader doubted this figure (its own column, the whole row, or for evidence pages any
    ``page:N`` cell), else None."""
    for key in ("row", column_key):
        if key in row.doubts:
            return row.doubts[key]
    if column_key == "evidence_pages":
        return next((why for key, why in row.doubts.items() if key.startswith("page:")), None)
    return None


def _figure_location(row: Indicator, column_key: str) -> Loc | None:
    if column_key == "evidence_pages":
        return row.at(f"page:{row.evidence_pages[0]}") if row.evidence_pages else row.location
    return row.at(column_key)


def _lists(a: Report, b: Report, spec: TemplateSpec | None) -> Iterator[Difference]:
    """Every list entry, matched by its name; an entry or a whole list in one version only."""
    columns = {t.id: {c.key: c for c in t.columns} for t in spec.list_tables} if spec else {}
    lists_a, lists_b = {t.id: t for t in a.lists}, {t.id: t for t in b.lists}
    for list_id in [*lists_a, *(i for i in lists_b if i not in lists_a)]:
        ta, tb = lists_a.get(list_id), lists_b.get(list_id)
        if ta is None or tb is None:
            table = ta or tb
            assert table is not None
            yield _missing(table.section, table.title, table.title, "名单", "list", ta is not None, tb is not None,
                           _list_location(ta), _list_location(tb))
            continue
        yield from _list(ta, tb, columns.get(list_id, {}))


def _list_location(table: ListTable | None) -> Loc | None:
    return table.rows[0].location if table is not None and table.rows else None


def _list(a: ListTable, b: ListTable, columns: dict) -> Iterator[Difference]:
    for ra, rb in _matched(a, b):
        if ra is None or rb is None:
            row = ra or rb
            assert row is not None
            yield _missing(a.section, a.title, _row_name(row), "名单行", "list_row", ra is not None, rb is not None,
                           ra.location if ra else None, rb.location if rb else None)
            continue
        for column_key, column, unit, va, vb in _cells(ra, rb, columns):
            doubt = _doubt(_doubts(ra), _doubts(rb), column_key)
            if (va is None and vb is None) or (same_value(va, vb) and not doubt):
                continue
            found = dict(kind="list", section=a.section, table=a.title, label=_row_name(ra), column=column,
                         column_key=column_key, unit=unit, a=va, b=vb, a_location=ra.location, b_location=rb.location)
            yield Doubt(**found, reason=doubt) if doubt else Difference(**found)  # type: ignore[arg-type]


def _matched(a: ListTable, b: ListTable) -> list[tuple[ListRow | None, ListRow | None]]:
    """The rows of both versions paired by name, in A's order then B's; a row one version has alone whose
    name was read in doubt (or whose counterpart's was) is paired with the lone row at its place in the
    other version: a name the reader was unsure of cannot match, and is no reason to call a row missing."""
    rows_a, rows_b = _keyed(a), _keyed(b)
    pairs = [(rows_a.get(k), rows_b.get(k)) for k in [*rows_a, *(k for k in rows_b if k not in rows_a)]]
    place_a = {id(r): i for i, r in enumerate(a.rows)}
    place_b = {id(r): i for i, r in enumerate(b.rows)}
    lone_b = {place_b[id(rb)]: n for n, (ra, rb) in enumerate(pairs) if ra is None and rb is not None}
    out: list[tuple[ListRow | None, ListRow | None]] = []
    taken: set[int] = set()
    for n, (ra, rb) in enumerate(pairs):
        if n in taken:
            continue
        m = lone_b.get(place_a[id(ra)]) if ra is not None and rb is None else None
        if m is not None and (_name_doubted(ra) or _name_doubted(pairs[m][1])):
            out.append((ra, pairs[m][1]))
            taken.add(m)
        else:
            out.append((ra, rb))
    return out


def _keyed(table: ListTable) -> dict[tuple[str, int], ListRow]:
    """Rows by (their name as compared, which occurrence of that name): the same enterprise listed twice
    is matched in order; a row without a name by its place among such rows."""
    seen: Counter[str] = Counter()
    out: dict[tuple[str, int], ListRow] = {}
    for row in table.rows:
        name = label_key(_row_name(row, fallback=""))
        out[(name, seen[name])] = row
        seen[name] += 1
    return out


def _name_column(row: ListRow) -> str | None:
    """The column that names the entry: 名称/项目名称/企业 when filled, else the first text filled."""
    for key in (*_KEY_COLUMNS, *row.values):
        value = row.values.get(key)
        if isinstance(value, str) and value.strip():
            return key
    return None


def _row_name(row: ListRow, fallback: str = "（无名称的行）") -> str:
    key = _name_column(row)
    return str(row.values[key]).strip() if key is not None else fallback


def _name_doubted(row: ListRow | None) -> bool:
    return row is not None and (key := _name_column(row)) is not None and key in _doubts(row)


def _cells(a: ListRow, b: ListRow, columns: dict) -> Iterator[tuple[str, str, str | None, Value, Value]]:
    """(model key, column in words, unit, value in A, value in B) of each cell either row has."""
    for key in [*a.values, *(k for k in b.values if k not in a.values)]:
        spec = columns.get(key)
        yield key, spec.label if spec else key, spec.unit if spec else None, a.values.get(key), b.values.get(key)
    for key in [*a.by_year, *(k for k in b.by_year if k not in a.by_year)]:
        spec = columns.get(key)
        years_a, years_b = a.by_year.get(key, {}), b.by_year.get(key, {})
        for year in sorted(years_a.keys() | years_b.keys()):
            yield (f"{key}:{year}", f"{spec.label if spec else key} {year}年", spec.unit if spec else None,
                   years_a.get(year), years_b.get(year))


def _texts(a: Report, b: Report) -> Iterator[Difference]:
    """Each text block sentence by sentence; a block in one version only."""
    blocks_a, blocks_b = {t.id: t for t in a.texts}, {t.id: t for t in b.texts}
    ids = [*blocks_a, *(i for i in blocks_b if i not in blocks_a)]
    for block_id in ids:
        ta, tb = blocks_a.get(block_id), blocks_b.get(block_id)
        if ta is None or tb is None or not text_key(ta.text) or not text_key(tb.text):
            block = ta or tb
            assert block is not None
            present_a, present_b = bool(ta and text_key(ta.text)), bool(tb and text_key(tb.text))
            if present_a != present_b:
                yield _missing(block.id, block.title, block.title, "文字部分", "text_block", present_a, present_b,
                               ta.location if ta else None, tb.location if tb else None)
            continue
        for change in compare_texts(ta.text, tb.text):
            found = dict(kind="text", section=block_id, table=ta.title, label=ta.title,
                         column=_TEXT_COLUMNS[change.kind], column_key=change.kind, a=change.a, b=change.b,
                         a_location=ta.location, b_location=tb.location)
            doubt = "；".join(f"{side}：扫描件中这句识别置信度不足" for side, sentence, block
                             in (("A", change.a, ta), ("B", change.b, tb)) if _read_in_doubt(sentence, block))
            yield Doubt(**found, reason=doubt) if doubt else Difference(**found)  # type: ignore[arg-type]


def _read_in_doubt(sentence: str | None, block: TextBlock) -> bool:
    """The sentence lies (in part) on a line the OCR read in doubt: how it differs cannot be confirmed."""
    if sentence is None:
        return False
    key = text_key(sentence)
    lines = [text_key(line) for line in block.unsure_lines]
    return bool(key) and any(line and (line in key or key in line or _shares_run(key, line)) for line in lines)


def _shares_run(a: str, b: str, run: int = 8) -> bool:
    """A sentence and a line overlap by at least ``run`` characters (a sentence wrapped onto the line)."""
    return any(b[i:i + run] in a for i in range(0, max(1, len(b) - run + 1)))


def _doubts(part: object) -> dict[str, str]:
    """What the reader doubted in a list row or the basic information, by the key compared here (a list
    column, ``revenue:2022``; a field, ``promotion_org.contact_phone``): the OCR reader marks a scan's
    unsure reads so; a reader that marks none leaves it empty (or absent)."""
    return getattr(part, "doubts", None) or {}


def _doubt(a: dict[str, str], b: dict[str, str], key: str) -> str:
    """Why either version read ``key`` in doubt (``A：…；B：…``), or "" when neither did."""
    return "；".join(f"{side}：{why}" for side, doubts in (("A", a), ("B", b)) if (why := doubts.get(key)))


def _missing(section: str | None, table: str | None, label: str, what: str, key: str, in_a: bool, in_b: bool,
             a_location: Loc | None, b_location: Loc | None) -> Difference:
    """Something present in one version only: ``a``/``b`` name it where it is and are None where not."""
    return Difference(kind="missing", section=section, table=table, label=label, column=what, column_key=key,
                      a=label if in_a else None, b=label if in_b else None,
                      a_location=a_location if in_a else None, b_location=b_location if in_b else None)
