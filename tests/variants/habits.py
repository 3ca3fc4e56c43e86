"""Table and value habits of other hands: parent labels over 其中 sub-rows, unit lines above tables,
values written with units and words, years in reverse order, accounting-style numbers."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

from lxml import etree

from .kinds import ChangeSet, Transform, docx
from .layout import split_unit
from .ooxml import (
    Docx,
    NewCell,
    Segment,
    cell_at,
    cell_from,
    cell_text,
    cells,
    first_rpr,
    grid_before,
    grid_width,
    insert_column,
    make_run,
    norm,
    plain_number,
    positions,
    rows,
    segments,
    set_cell_text,
    set_span,
    set_vmerge,
    span,
    vmerge,
    w,
)

VALUE_KINDS = ("indicator", "park", "target")


# --- small helpers ------------------------------------------------------------------------------------

def _seg(doc: Docx, i: int) -> Segment:
    """The i-th segment, found again after an edit moved cells about."""
    return segments(doc.document)[i]


def _label_cell(seg: Segment, tr: etree._Element) -> etree._Element | None:
    return cell_at(tr, seg.col("label"))


def _label(seg: Segment, tr: etree._Element) -> str:
    tc = _label_cell(seg, tr)
    return norm(cell_text(tc)) if tc is not None else ""


def _value_cols(seg: Segment) -> list[int]:
    return sorted(c for c, r in seg.roles.items() if r.startswith("year:") or r == "base")


def _grid(tbl: etree._Element) -> list[int]:
    return [int(gc.get(w("w"))) for gc in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]


def _set_width(tc: etree._Element, width: int) -> None:
    pr = tc.find(w("tcPr"))
    tcw = pr.find(w("tcW")) if pr is not None else None
    if tcw is None:
        tcw = etree.Element(w("tcW"))
        if pr is None:
            pr = etree.Element(w("tcPr"))
            tc.insert(0, pr)
        pr.insert(0, tcw)
    tcw.set(w("w"), str(width))
    tcw.set(w("type"), "dxa")


def _regrid(tbl: etree._Element, widths: list[int]) -> None:
    """New grid column widths, every cell's tcW set to the columns it spans (as Word keeps them)."""
    for gc, width in zip(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}"), widths, strict=True):
        gc.set(w("w"), str(width))
    for tr in rows(tbl):
        for tc, start, n in positions(tr):
            _set_width(tc, sum(widths[start:start + n]))


def _valign_center(tc: etree._Element) -> None:
    pr = tc.find(w("tcPr"))
    if pr is not None and pr.find(w("vAlign")) is None:
        va = etree.SubElement(pr, w("vAlign"))
        va.set(w("val"), "center")
        hide = pr.find(w("hideMark"))
        if hide is not None:
            hide.addprevious(va)


def _align(p: etree._Element, how: str) -> None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    jc = ppr.find(w("jc"))
    if jc is None:
        jc = etree.Element(w("jc"))
        # schema order: jc comes after spacing/ind/…, before textDirection/outlineLvl/rPr
        after = [ppr.find(w(t)) for t in ("textDirection", "textAlignment", "outlineLvl", "rPr", "sectPr")]
        nxt = next((e for e in after if e is not None), None)
        (nxt.addprevious(jc) if nxt is not None else ppr.append(jc))
    jc.set(w("val"), how)


FULL = str.maketrans("0123456789.,%+-", "０１２３４５６７８９．，％＋－")
HALF = str.maketrans("０１２３４５６７８９．，％＋－", "0123456789.,%+-")

# a figure as applicants write it in a cell: the number, maybe a unit, maybe an evidence reference after it
CELL = re.compile(r"^(?P<num>[+-]?\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|万人|人|个|家|项|件|%|亩|万元/亩)?"
                  r"(?P<tail>\s*(?:（|\(|\[|【|佐证|见).*)?$", re.S)


def _parse(text: str) -> tuple[Decimal, str, str] | None:
    """(number, unit written, evidence tail as written) of a cell; None for anything else (—, words…)."""
    t = text.strip()
    m = CELL.match(t.translate(HALF))
    if not m or not re.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})*(?:\.\d+)?|[+-]?\d+(?:\.\d+)?", m.group("num")):
        return None
    tail = t[m.start("tail"):] if m.group("tail") else ""
    return Decimal(m.group("num").replace(",", "")), m.group("unit") or "", tail


def _plain(d: Decimal) -> str:
    """A Decimal without exponent, keeping the digits it has (1180.5, 11805000, 8.65)."""
    return format(d, "f")


def _grouped(d: Decimal, sep: str = ",") -> str:
    whole, _, frac = _plain(d).partition(".")
    sign = "-" if whole.startswith("-") else ""
    body = f"{int(whole.lstrip('-')):,}".replace(",", sep)
    return sign + body + (f".{frac}" if frac else "")


def _times_10000(d: Decimal) -> Decimal:
    """亿元 → 万元, exactly: 51.7 → 517000, 0.35 → 3500."""
    out = d.scaleb(4)
    return out.quantize(Decimal(1)) if out == out.to_integral_value() else out.normalize()


def _unit(label: str) -> str:
    """The unit a label states: 亿元 for 集群总产值（亿元）, 个 for （个，需提供佐证材料）."""
    return split_unit(label)[1]


# --- 1. parent labels over sub-rows ---------------------------------------------------------------

# (parent label, ((label without its parenthesis, sub-label), …)): rows a real form groups under one
# vertically merged parent cell, the sub-label in a second label column
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("集群主导产业", (("集群主导产业产值", "产值"), ("集群主导产业产值占全省该产业的比重", "占全省该产业的比重"))),
    ("集群企业营业收入", (("集群企业营业收入", "合计"),
                  ("集群规上工业企业营业收入", "其中：规上工业企业营业收入"),
                  ("集群规模以上工业企业营业收入", "其中：规模以上工业企业营业收入"))),
    ("进出口", (("进口额", "进口额"), ("出口额", "出口额"))),
    ("企业数量", (("企业数量", "合计"), ("集群企业数量", "合计"), ("规上工业企业数量", "其中：规上工业企业"),
              ("高新技术企业数量", "高新技术企业"))),
    ("单项冠军数量", (("国家级单项冠军数量", "国家级"), ("省级单项冠军数量", "省级"))),
    ("专精特新企业数量", (("国家级专精特新“小巨人”企业数量", "国家级专精特新“小巨人”"),
                  ("省级专精特新企业数量", "省级专精特新"))),
    ("获得科技进步奖数量", (("获得国家科技进步奖数量", "国家级"), ("获得省级科技进步奖数量", "省级"))),
    ("技术创新载体数量", (("国家级技术创新载体数量", "国家级"), ("省级技术创新载体数量", "省级"))),
    ("工业设计中心数量", (("国家级工业设计中心数量", "国家级"), ("省级工业设计中心数量", "省级"))),
    ("进出口", (("进口总额", "进口总额"), ("出口总额", "出口总额"))),  # 3.1
    ("集群主导产业", (("集群主导产业营业收入", "营业收入"), ("集群主导产业规模工业企业数", "规模工业企业数"),
                ("集群主导产业利润", "利润"), ("集群主导产业上交税金", "上交税金"))),  # 5.1
)
PAREN_TAIL = re.compile(r"^(.*?)([（(][^（）()]*[）)])$")


def _name_and_paren(label: str) -> tuple[str, str]:
    """(label without its trailing parenthesis, the parenthesis as written)."""
    m = PAREN_TAIL.match(label)
    return (m.group(1), m.group(2)) if m else (label, "")


def _paren_key(paren: str) -> str:
    return paren.replace("（", "(").replace("）", ")").replace("，", ",")


def _member(label: str) -> tuple[int, int, str, str] | None:
    """(group, member, sub-label, parenthesis) of a data row's label."""
    name, paren = _name_and_paren(label)
    for g, (_, members) in enumerate(GROUPS):
        for k, (member, sub) in enumerate(members):
            if name == member:
                return g, k, sub, paren
    return None


def _runs(seg: Segment) -> list[tuple[str, list[tuple[etree._Element, str]]]]:
    """Adjacent rows of one group: (parent label, [(row, sub-label)]); the parenthesis every member shares
    (（个，需提供佐证材料）, （亿元）) goes up to the parent, a different one stays with its sub-label."""
    found: list[tuple[int, list[tuple[etree._Element, int, str, str]]]] = []
    for tr in seg.data:
        m = _member(_label(seg, tr))
        if m is None:
            found.append((-1, []))
            continue
        g, k, sub, paren = m
        if found and found[-1][0] == g and all(k != k2 for _, k2, _, _ in found[-1][1]):
            found[-1][1].append((tr, k, sub, paren))
        else:
            found.append((g, [(tr, k, sub, paren)]))
    out = []
    for g, members in found:
        if g < 0 or len(members) < 2:
            continue
        parens = {_paren_key(p) for *_, p in members}
        shared = members[0][3] if len(parens) == 1 else ""
        out.append((GROUPS[g][0] + shared, [(tr, sub + ("" if shared else p)) for tr, _, sub, p in members]))
    return out


def parent_subrows(doc: Docx) -> bool:
    """Related rows grouped under a vertically merged parent label (集群企业营业收入 | 合计 / 其中：规上…)."""
    done = False
    for i in range(len(segments(doc.document))):
        seg = _seg(doc, i)
        if seg.kind not in VALUE_KINDS:
            continue
        runs = _runs(seg)
        if not runs:
            continue
        tbl, col = seg.table, seg.col("label")
        if span(cell_at(seg.header[0], col)) < 2:
            # one label column: a second one is added; the header's 指标名称 and every ungrouped label
            # span both, as Word leaves them when a column is inserted beside a few rows
            old = _grid(tbl)
            targets = {tr: NewCell(sub) for _, members in runs for tr, sub in members}
            insert_column(tbl, col + 1, targets)
            total = sum(old)
            area = total * (0.46 if len(old) <= 4 else 0.40 if len(old) == 5 else 0.30)  # what the labels get
            parent, sub = round(area * 0.45), round(area * 0.55)
            rest = [x for j, x in enumerate(old) if j != col]
            scale = (total - parent - sub) / sum(rest)
            others = iter(round(x * scale) for x in rest)
            widths = [next(others) for _ in range(col)] + [parent, sub] + list(others)
            _regrid(tbl, widths)
        else:
            # the label already spans two grid columns (the merged layout): split it in place
            widths = _grid(tbl)
            for _, members in runs:
                for tr, text in members:
                    tc = cell_at(tr, col)
                    n = span(tc)
                    set_span(tc, 1)
                    _set_width(tc, widths[col])
                    sub = copy.deepcopy(tc)
                    set_span(sub, n - 1)
                    _set_width(sub, sum(widths[col + 1:col + n]))
                    set_cell_text(sub, text)
                    tc.addnext(sub)
        for parent_label, members in runs:
            for k, (tr, _) in enumerate(members):
                tc = cell_from(tr, col)
                set_cell_text(tc, parent_label if k == 0 else "")
                set_vmerge(tc, "restart" if k == 0 else "continue")
                _valign_center(tc)
        done = True
    return done


# --- 2. unit lines above the tables ----------------------------------------------------------------

def _unit_paragraph(text: str, like: etree._Element) -> etree._Element:
    """A right-aligned line in the table's font."""
    p = etree.Element(w("p"))
    _align(p, "right")
    first = like.find(f".//{w('p')}")
    p.append(make_run(text, first_rpr(first) if first is not None else None))
    return p


def _unit_row(seg: Segment, text: str) -> etree._Element:
    """A full-width row holding the unit line, just above the header."""
    tr = copy.deepcopy(seg.header[0])
    trpr = tr.find(w("trPr"))
    if trpr is not None:
        for el in trpr.findall(w("tblHeader")):
            trpr.remove(el)
    first, *others = cells(tr)
    for tc in others:
        tr.remove(tc)
    set_vmerge(first, None)
    width = grid_width(seg.table) - grid_before(tr)
    set_span(first, width)
    _set_width(first, sum(_grid(seg.table)[grid_before(tr):]))
    set_cell_text(first, text)
    _align(first.find(w("p")), "right")
    return tr


def _place_unit_line(seg: Segment, text: str) -> None:
    """Above the table when its header is the table's first row; else a row of its own above the header
    (a table holding several sections, or 3.1 with its 园区名称 rows first)."""
    if seg.header[0] is rows(seg.table)[0]:
        seg.table.addprevious(_unit_paragraph(text, seg.header[0]))
    else:
        seg.header[0].addprevious(_unit_row(seg, text))


def unit_lines(doc: Docx) -> bool:
    """The unit stated once above each table (（单位：亿元）, 单位：亿元、个) and dropped from the labels."""
    done = False
    for i in range(len(segments(doc.document))):
        seg = _seg(doc, i)
        if seg.kind not in VALUE_KINDS:
            continue
        labels = [(tc, split_unit(cell_text(tc))) for tr in seg.data if (tc := _label_cell(seg, tr)) is not None]
        covered = [u for u in ("亿元", "个") if any(unit == u for _, (_, unit) in labels)]
        if not covered:
            continue
        for tc, (bare, unit) in labels:
            if unit in covered:
                set_cell_text(tc, bare)
        _place_unit_line(seg, f"（单位：{covered[0]}）" if len(covered) == 1 else "单位：" + "、".join(covered))
        done = True
    return done


# the 亿元 rows of 2.1 and 3.1 (the template's labels, as the expectation spells them)
YIYUAN_ROWS = {
    "2.1": ("集群总产值", "集群主导产业产值", "集群企业营业收入", "集群规上工业企业营业收入", "利润总额", "税金总额",
            "进口额", "出口额", "利用外资规模", "集群项目投资总额"),
    "3.1": ("园区生产总值", "园区规上工业企业营业收入", "上交税金总额", "进口总额", "出口总额", "固定资产投资",
            "园区招商引资总额", "园区实际使用外资"),
}


def _has_figures(ind: dict) -> bool:
    return any(v is not None for v in [*(ind.get("values") or {}).values(),
                                       *(ind.get("cluster_values") or {}).values()])


def _converted(expected: dict, wanted: dict[str, tuple[str, ...]]) -> frozenset:
    return frozenset(("X003", ind["section"], ind["label"]) for ind in expected.get("indicators", [])
                     if ind["label"] in wanted.get(ind["section"], ()) and _has_figures(ind))


def unit_lines_wanyuan(doc: Docx) -> bool:
    """2.1 and 3.1 kept in 万元 (单位：万元 above the table): every 亿元 figure ×10000, 51.7 → 517000."""
    done = False
    for i in range(len(segments(doc.document))):
        seg = _seg(doc, i)
        if seg.kind not in ("indicator", "park"):
            continue
        rows_yi = [tr for tr in seg.data if _unit(_label(seg, tr)) == "亿元"]
        if len(rows_yi) < 2:  # 2.1 and 3.1; 2.4's one 研发经费 row stays in 亿元
            continue
        grouped = any(vmerge(tc) for tr in seg.data for tc, _, _ in positions(tr)[:1])
        if grouped or any(_label(seg, tr) and not _unit(_label(seg, tr)) for tr in seg.data):
            continue  # rows grouped under a parent, or a label naming no unit: which unit a row is in is unknown
        not_figures = {c for c, r in seg.roles.items() if r in ("label", "growth", "serial")}
        for tr in rows_yi:
            tc = _label_cell(seg, tr)
            set_cell_text(tc, split_unit(cell_text(tc))[0])
            for vc, col, _ in positions(tr):  # every figure of the row, whatever its column's header says
                if col in not_figures or vc is tc:
                    continue
                parsed = _parse(cell_text(vc)) if vc is not None else None
                if parsed is None:
                    continue  # —, / or a figure nobody can read: left as it is
                value, unit, tail = parsed
                if unit not in ("", "亿元", "万元"):
                    continue
                wan = value if unit == "万元" else _times_10000(value)
                set_cell_text(vc, _plain(wan) + tail)
        _place_unit_line(seg, "单位：万元")
        done = True
    return done


# --- 3. values with units and words ----------------------------------------------------------------

# 亿元 rows written in 万元 with separators (494,000万元), the way smaller amounts are kept
WANYUAN_ROWS = {"2.1": ("利润总额", "税金总额", "进口额", "出口额", "利用外资规模"),
                "3.1": ("上交税金总额", "进口总额", "出口总额", "园区实际使用外资")}
PEOPLE_ROWS = {"2.1": ("集群从业人员数量",)}


def _measure(name: str) -> str:
    """The measure word a count is written with: 家 for enterprises, 件 patents, 项 standards/awards."""
    if "专利" in name:
        return "件"
    if "标准" in name or "奖" in name:
        return "项"
    if re.search(r"企业|冠军|小巨人|专精特新", name):
        return "家"
    return "个"


def _in_words(value: Decimal, unit: str, name: str, wanyuan: bool) -> str | None:
    """The figure as a V04-style form writes it, in the row's unit (or an exact 万元/万人 equivalent)."""
    if unit == "亿元":
        return f"{_grouped(_times_10000(value))}万元" if wanyuan else f"{_plain(value)}亿元"
    if unit == "人":
        wan = value.scaleb(-4)
        return f"{_plain(wan.normalize())}万人" if value == value.to_integral_value() and wan == round(wan, 2) \
            else f"{_plain(value)}人"
    if unit == "个":
        return f"{_plain(value)}{_measure(name)}" if value.as_tuple().exponent >= 0 else None
    if unit in ("%", "亩", "万元/亩"):
        return f"{_plain(value)}{unit}"
    return None


def _growth_words(seg: Segment, tr: etree._Element, text: str, n: int) -> str | None:
    if not plain_number(text):
        return None
    g = Decimal(text)
    if g == 0:
        years = [cell_text(cell_from(tr, c)) for c in seg.cols("year:")]
        parsed = [_parse(t) for t in years]
        if len(parsed) == 2 and all(parsed) and parsed[0][:2] == parsed[1][:2]:
            return "持平"
        return f"增长{_plain(g)}%"
    word = ("增长", "同比增长")[n % 2] if g > 0 else ("下降", "同比下降")[n % 2]
    return f"{word}{_plain(abs(g))}%"


def _section_of(seg: Segment) -> str | None:
    """2.1 / 3.1 for the tables whose 亿元 rows may be written in 万元."""
    labels = {_name_and_paren(_label(seg, tr))[0] for tr in seg.data}
    if seg.kind == "park":
        return "3.1"
    return "2.1" if labels & {"集群总产值", "利润总额"} else None


def values_units_words(doc: Docx) -> bool:
    """Values written with units and words: 51.7亿元, 494,000万元, 1.25万人, 380家, 增长13.2%, 下降3.6%."""
    done, n = False, 0
    for seg in segments(doc.document):
        if seg.kind not in VALUE_KINDS:
            continue
        section = _section_of(seg)
        for tr in seg.data:
            label = _label(seg, tr)
            unit = _unit(label)
            name = _name_and_paren(label)[0]
            wanyuan = name in WANYUAN_ROWS.get(section or "", ())
            for col in _value_cols(seg):
                tc = cell_from(tr, col)
                parsed = _parse(cell_text(tc)) if tc is not None else None
                if parsed is None:
                    continue
                value, written, tail = parsed
                if written not in ("", unit):  # already in another unit (12000万元 in an 亿元 row): left
                    continue
                new = _in_words(value, unit, name, wanyuan)
                if new is not None:
                    set_cell_text(tc, new + tail)
                    done = True
            g_col = seg.col("growth")
            g_cell = cell_from(tr, g_col) if g_col is not None else None
            if g_cell is not None and (words := _growth_words(seg, tr, cell_text(g_cell), n)) is not None:
                set_cell_text(g_cell, words)
                n += 1
                done = True
    return done


def _words_changes(expected: dict) -> ChangeSet:
    # amounts written in 万元 in an 亿元 row and people in 万人 are converted back to the row's unit, and
    # the reader says so (X003, as it does for the 12000万元 the messy samples hold in 进口额)
    people = frozenset(("X003", ind["section"], ind["label"]) for ind in expected.get("indicators", [])
                       if ind["label"] in PEOPLE_ROWS.get(ind["section"], ())
                       and any(v is not None and float(v).is_integer() and int(v) % 100 == 0
                               for v in (ind.get("values") or {}).values()))
    return ChangeSet(findings_added=_converted(expected, WANYUAN_ROWS) | people)


def _wanyuan_changes(expected: dict) -> ChangeSet:
    # every 亿元 figure of 2.1 and 3.1 written in 万元 (the unit line says so) is converted back, and the
    # reader says so for each such row (X003, as for a cell written 12000万元)
    return ChangeSet(findings_added=_converted(expected, YIYUAN_ROWS))


def share_growth_in_points(doc: Docx) -> bool:
    """Growth of % rows written as the change in percentage points (+1.6个百分点), not the relative growth.

    Not registered: the template's 增幅 of a share is the relative growth (35.2 → 36.8 is 4.5, not 1.6), so
    this changes what the figure means; the variant's growth_pct for those rows is not the original's."""
    done = False
    for seg in segments(doc.document):
        if seg.kind != "indicator" or seg.col("growth") is None:
            continue
        for tr in seg.data:
            if _unit(_label(seg, tr)) != "%":
                continue
            parsed = [_parse(cell_text(cell_from(tr, c))) for c in seg.cols("year:")]
            g_cell = cell_from(tr, seg.col("growth"))
            if len(parsed) != 2 or not all(parsed) or g_cell is None or not plain_number(cell_text(g_cell)):
                continue
            diff = parsed[1][0] - parsed[0][0]
            set_cell_text(g_cell, "持平" if diff == 0 else f"{'+' if diff > 0 else '-'}{_plain(abs(diff))}个百分点")
            done = True
    return done


# --- 4. years in reverse order -----------------------------------------------------------------------

def _year_blocks(seg: Segment) -> list[list[int]]:
    """Grid columns of each year, in order: [[1], [2]] or 3.1's [[1, 2], [3, 4]]."""
    by_year: dict[str, list[int]] = {}
    for col, role in sorted(seg.roles.items()):
        if role.startswith("year:"):
            by_year.setdefault(role.split(":")[1], []).append(col)
    return [by_year[y] for y in sorted(by_year)]


def _reverse_blocks(tr: etree._Element, blocks: list[list[int]]) -> bool:
    """Put the cells of each block in reverse block order; a cell straddling blocks leaves the row alone."""
    pos = positions(tr)
    groups = []
    for block in blocks:
        lo, hi = min(block), max(block) + 1
        if hi - lo != len(block):  # a year's columns apart (a table folded in two blocks): left alone
            return False
        inside = [(tc, s, n) for tc, s, n in pos if s < hi and s + n > lo]
        if not inside or any(s < lo or s + n > hi for _, s, n in inside) or sum(n for *_, n in inside) != hi - lo:
            return False
        groups.append([tc for tc, _, _ in inside])
    widths = [tc.find(f"{w('tcPr')}/{w('tcW')}") for g in groups for tc in g]
    widths = [(e.get(w("w")), e.get(w("type"))) if e is not None else None for e in widths]
    flat = [tc for g in groups for tc in g]
    at = list(tr).index(flat[0])
    for tc in flat:
        tr.remove(tc)
    for k, tc in enumerate(tc for g in reversed(groups) for tc in g):
        tr.insert(at + k, tc)
    for tc, width in zip((tc for g in reversed(groups) for tc in g), widths, strict=True):
        if width is not None:  # each position keeps its width: the grid is not reordered
            _set_width(tc, int(width[0]))
    return True


def years_reversed(doc: Docx) -> bool:
    """Year columns in reverse order (2022年 before 2021年), headers and figures moved together."""
    done = False
    for seg in segments(doc.document):
        if seg.kind not in ("indicator", "park", "list"):
            continue
        blocks = _year_blocks(seg)
        if len(blocks) < 2:
            continue
        moved = False
        for tr in seg.header + seg.data:
            moved |= _reverse_blocks(tr, blocks)
        done |= moved
    return done


# --- 5. accounting-style numbers ---------------------------------------------------------------------

def numbers_accounting(doc: Docx) -> bool:
    """Finance-office numbers: 1 180.5 and 1，180.5, (3.2) for −3.2, 13.2% growth, full-width １２０．５."""
    done, big, small = False, 0, 0
    for seg in segments(doc.document):
        cols = [c for c, r in seg.roles.items() if r.startswith("year:") or r == "base" or "总投资" in r]
        g_col = seg.col("growth") if seg.kind != "list" else None
        for tr in seg.data:
            for col in sorted(cols):
                tc = cell_from(tr, col)
                parsed = _parse(cell_text(tc)) if tc is not None else None
                if parsed is None:
                    continue
                value, unit, tail = parsed
                if abs(value) >= 1000:
                    new = _grouped(value, (" ", "，")[big % 2]) + unit + tail
                    big += 1
                elif seg.kind != "list" and small % 3 == 0:
                    new = (_plain(value) + unit).translate(FULL) + tail
                    small += 1
                else:
                    small += 1
                    continue
                set_cell_text(tc, new)
                done = True
            g_cell = cell_from(tr, g_col) if g_col is not None else None
            t = cell_text(g_cell) if g_cell is not None else ""
            if plain_number(t):
                g = Decimal(t)
                set_cell_text(g_cell, f"({_plain(-g)})" if g < 0 else f"{_plain(g)}%")
                done = True
    return done


def footnote_marks_on_values(doc: Docx) -> bool:
    """Footnote marks after figures (51.7*, 36.8①) explained in a note under the table."""
    marks, done = ("*", "①", "注1"), False
    for seg in segments(doc.document):
        if seg.kind not in ("indicator", "park"):
            continue
        cols = [c for c, r in seg.roles.items() if r.startswith("year:")]
        for n, tr in enumerate(seg.data):
            tc = cell_from(tr, max(cols)) if cols else None
            text = cell_text(tc) if tc is not None else ""
            if n % 4 == 1 and plain_number(text):
                set_cell_text(tc, text + marks[n % 3])
                done = True
    return done


def of_which_labels(doc: Docx) -> bool:
    """The part rows labelled under the whole they belong to: 其中：规上工业企业营业收入, 其中：高新技术企业数量."""
    parts = ("规上工业企业营业收入", "规上工业企业数量", "高新技术企业数量")
    done = False
    for seg in segments(doc.document):
        if seg.kind != "indicator":
            continue
        for tr in seg.data:
            tc = _label_cell(seg, tr)
            text = cell_text(tc) if tc is not None else ""
            if text.removeprefix("集群").startswith(parts):
                set_cell_text(tc, "其中：" + text.removeprefix("集群"))
                done = True
    return done


_CN = dict(zip("0123456789", "〇一二三四五六七八九", strict=True))


def year_headers_chinese(doc: Docx) -> bool:
    """Years in the headers written in Chinese numerals, as formal documents date things: 二〇二二年."""
    done = False
    for seg in segments(doc.document):
        if seg.kind not in ("indicator", "park", "target"):
            continue
        for tr in seg.header:
            for tc in cells(tr):
                text = cell_text(tc)
                new = re.sub(r"(20\d\d)(?=年)", lambda m: "".join(_CN[d] for d in m.group(1)), text)
                if new != text:
                    set_cell_text(tc, new)
                    done = True
    return done


def _pages_in_words(m: re.Match[str]) -> str:
    return f"（{m.group(1)}-{m.group(2)}页）" if m.group(2) else f"（{m.group(1)}页）"


def evidence_pages_without_di(doc: Docx) -> bool:
    """Evidence pages written （12页） and （见佐证材料12-13页）, without 第 or P."""
    done = False
    for seg in segments(doc.document):
        for tr in seg.data:
            for tc in cells(tr):
                text = cell_text(tc)
                new = re.sub(r"[（(]P(\d+)(?:-P?(\d+))?[)）]", _pages_in_words, text)
                new = re.sub(r"[（(]见佐证材料第(\d+)页[)）]", r"（见佐证材料\1页）", new)
                if new != text:
                    set_cell_text(tc, new)
                    done = True
    return done


TRANSFORMS: tuple[Transform, ...] = (
    docx(parent_subrows),
    docx(unit_lines),
    docx(unit_lines_wanyuan, _wanyuan_changes),
    docx(values_units_words, _words_changes),
    docx(years_reversed),
    docx(numbers_accounting),
    docx(footnote_marks_on_values),
    docx(of_which_labels),
    docx(year_headers_chinese),
    docx(evidence_pages_without_di),
)
# share_growth_in_points is defined above but not registered: see its docstring.
