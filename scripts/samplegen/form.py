"""Lay out the whole report form (初赛 or 决赛) from the template spec and a fill."""

from __future__ import annotations

from reportcheck.spec import IndicatorTableSpec, ListTableSpec, TemplateSpec, TextBlockSpec

from .fill import Fill
from .writer import Block, C, FormWriter

CHAPTER_NUMERALS = "—二三四五六七八九"
BASIC_OPINION = "集群所在地县以上人民政府意见：\n（盖章）\n年   月   日"


def write_form(spec: TemplateSpec, fill: Fill, layout: str, path: str) -> None:
    w = FormWriter(layout, furniture=fill.page_furniture, repeat_header=fill.page_furniture)
    w.paragraph("附件1" if spec.stage == "初赛" else "附件2")
    if not fill.drop_title:
        w.paragraph(spec.title)
    for n, chapter in enumerate(spec.chapters):
        heading = f"{CHAPTER_NUMERALS[n]}、{chapter.title}"
        blocks = _chapter_blocks(spec, chapter.id, fill)
        if chapter.title == "佐证材料":
            w.paragraph(heading + fill.evidence_heading)
            for line in fill.evidence_appendix:
                w.paragraph(line)
            continue
        w.chapter(heading, blocks, framed=chapter.id in fill.framed_chapters)
    w.save(path)


def _chapter_blocks(spec: TemplateSpec, chapter: str, fill: Fill) -> list[Block]:
    if chapter == "1":
        return [Block(rows=_basic_rows(fill))]
    blocks: list[Block] = []
    for field in spec.section_fields:
        if field.section == chapter:
            blocks.append(Block(rows=[[C(field.label), C(fill.fields.get(field.key, field.placeholder or ""), 4)]]))
    items: list[tuple[str, object]] = []
    items += [(t.id, t) for t in spec.indicator_tables if t.chapter == chapter]
    items += [(f"{t.section}z", t) for t in spec.list_tables if t.section.split(".")[0] == chapter]
    items += [(f"{t.id}y", t) for t in spec.text_blocks if t.chapter == chapter]
    for _, item in sorted(items, key=lambda x: x[0]):
        if isinstance(item, IndicatorTableSpec):
            if item.id not in fill.dropped_tables:
                blocks.append(_indicator_block(item, fill))
        elif isinstance(item, ListTableSpec):
            blocks.append(_list_block(item, fill))
        elif isinstance(item, TextBlockSpec):
            blocks.append(_text_block(item, fill, own_title=item.id != chapter))
    if "真实性声明" in spec.chapters[int(chapter) - 1].title and not fill.drop_declaration:
        decl = spec.declaration
        blocks.append(Block(title=f"{decl.id}  {decl.title}", rows=[
            [C("\n".join(decl.text), 2)],
            [C("集群促进组织负责人签字：\n（单位盖章）\n年    月    日"),
             C("集群核心承载园区负责人签字：\n（单位盖章）\n年    月    日")]]))
    return blocks


def _basic_rows(fill: Fill) -> list[list[C | None]]:
    b = fill.basic
    rows: list[list[C | None]] = []
    for label, key in (("集群名称", "cluster_name"), ("产业领域", "industry_field"), ("申报类别", "category"),
                       ("集群主导产业", "leading_industry"), ("集群地域范围", "region")):
        rows.append([C(fill.label(key, label)), C(b.get(key, ""), 4)])
    for group, label in (("promotion_org", "集群促进组织"), ("core_park", "集群核心\n承载园区")):
        g = b.get(group, {})
        rows.append([C(label, 1, 3), C("单位名称"), C(g.get("name", ""), 3)])
        rows.append([None, C("负责人姓名、职务"), C(g.get("leader", "")), C("电话"), C(g.get("leader_phone", ""))])
        rows.append([None, C("联系人姓名、职务"), C(g.get("contact", "")), C("电话"), C(g.get("contact_phone", ""))])
    rows.append([C(BASIC_OPINION, 5)])
    return rows


def _indicator_block(t: IndicatorTableSpec, fill: Fill) -> Block:
    y0, y1 = fill.years
    title = fill.title(t.id, f"{t.id}{t.title}")
    rows: list[list[C | None]] = []
    for field in t.fields:
        rows.append([C(field.label), C(fill.fields.get(field.key, ""), 5)])
    if t.kind == "park_indicators":
        rows.append([C("近2年情况\n指标名称", 1, 2), C(f"{y0}年", 2), C(f"{y1}年", 2), C("总额增幅\n（%）", 1, 2)])
        rows.append([None, C("园区总额"), C("其中：\n集群产业"), C("园区总额"), C("其中：\n集群产业"), None])
    elif t.kind == "targets":
        t1 = int(y1) + 1
        rows.append([C("指标名称"), C("上一年\n实际值")] + [C(f"{t1 + i}年\n发展目标") for i in range(3)])
    else:
        header = [C("近2年情况\n指标名称"), C(f"{y0}年"), C(f"{y1}年")]
        rows.append(header + ([C("增幅（%）")] if t.growth else []))
    for row in fill.ordered_rows(t):
        if row is None:
            rows.append(fill.inserted_row(t))
            continue
        label = C(fill.label(row.key, row.form_label))
        if row.single_value:
            rows.append([label, C(fill.cell(row, 0), 5)])
        elif t.kind == "park_indicators":
            rows.append([label, C(fill.cell(row, 0)), C(fill.cell(row, 0, cluster=True)),
                         C(fill.cell(row, 1)), C(fill.cell(row, 1, cluster=True)), C(fill.growth_cell(row))])
        elif t.kind == "targets":
            rows.append([label] + [C(fill.cell(row, i)) for i in range(4)])
        else:
            rows.append([label, C(fill.cell(row, 0)), C(fill.cell(row, 1))]
                        + ([C(fill.growth_cell(row))] if t.growth else []))
    return Block(title=title, rows=rows)


def _list_block(t: ListTableSpec, fill: Fill) -> Block:
    y0, y1 = fill.years
    title = t.title + (f"\n{t.instruction}" if t.instruction and t.id != "key_projects" else "")
    rows: list[list[C | None]] = []
    if t.id == "key_projects":
        rows.append([C(t.instruction or "", 4)])
    per_year = [c for c in t.columns if c.per_year]
    if per_year:
        first = []
        for c in t.columns:
            label = c.label + (f"（{c.unit}）" if c.unit else "")
            if t.id == "top10_rd" and c.key == "name":
                label = "近2年情况\n企业名称"
            first.append(C(label, 2 if c.per_year else 1, 1 if c.per_year or t.id == "top10_rd" else 2))
        rows.append(first)
        second: list[C | None] = []
        for c in t.columns:
            if c.per_year:
                second += [C(f"{y0}年"), C(f"{y1}年")]
            else:
                second.append(C("") if t.id == "top10_rd" else None)
        rows.append(second)
    else:
        rows.append([C(c.label + (f"\n（{c.unit}）" if c.unit else "")) for c in t.columns])
    entries = fill.lists.get(t.id, [])
    for entry in entries:
        row: list[C | None] = []
        for c in t.columns:
            if c.per_year:
                row += [C(fill.list_number(entry[c.key][0], c.unit)), C(fill.list_number(entry[c.key][1], c.unit))]
            elif c.type == "number":
                row.append(C(fill.list_number(entry.get(c.key), c.unit)))
            else:
                row.append(C(str(entry.get(c.key, ""))))
        rows.append(row)
    for _ in range(max(0, t.blank_rows - len(entries))):
        rows.append([C("") for _ in range(sum(2 if c.per_year else 1 for c in t.columns))])
    return Block(title=title, rows=rows)


def _text_block(t: TextBlockSpec, fill: Fill, own_title: bool) -> Block:
    title = f"{t.id}  {t.title}" if own_title else None
    text = fill.texts.get(t.id, "")
    if fill.layout == "split":
        return Block(title=title, paragraphs=[*t.instruction, *text.split("\n")] if text else list(t.instruction))
    rows: list[list[C | None]] = [[C("\n".join(t.instruction))]]
    if text:
        rows.append([C(text)])
    return Block(title=title, rows=rows)
