"""Transforms of table layout: header rows, extra columns, split tables, total/blank/instruction rows."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

from lxml import etree

from .ooxml import (
    YEAR,
    Docx,
    NewCell,
    Segment,
    cell_at,
    cell_from,
    cell_text,
    cells,
    decimals,
    grid_width,
    insert_column,
    new_cell,
    new_paragraph,
    norm,
    para_text,
    plain_number,
    positions,
    rows,
    segments,
    set_cell_text,
    set_para_text,
    set_span,
    set_vmerge,
    span,
    vmerge,
    w,
)

VALUE_KINDS = ("indicator", "park", "target")


def _resegment(doc: Docx, i: int) -> Segment:
    return segments(doc.document)[i]


# --- header rows ---------------------------------------------------------------------------------------

def headers_one_row(doc: Docx) -> bool:
    """Two header rows (year over 园区总额/其中：集群产业; 营业收入 over 2021年/2022年) typed as one."""
    done = False
    for seg in segments(doc.document):
        if len(seg.header) != 2:
            continue
        top, sub = seg.header
        subs = positions(sub)
        for tc, start, n in positions(top):
            covered = [c for c, s, _ in subs if start <= s < start + n]
            texts = [norm(cell_text(c)) for c in covered]
            if n > 1 and any(YEAR.match(t) or "园区总额" in t for t in texts):
                head = norm(cell_text(tc))
                base, unit = (re.match(r"^(.*?)((?:（|\().*(?:）|\)))?$", head).groups())
                for c, t in zip(covered, texts, strict=True):
                    # 2021年 over 园区总额 → 2021年园区总额; 营业收入（亿元） over 2021年 → 营业收入2021年（亿元）
                    text = head + t if YEAR.match(head) else base + t + (unit or "")
                    tc.addprevious(new_cell(c, text))
                tc.getparent().remove(tc)
            else:
                set_vmerge(tc, None)
        sub.getparent().remove(sub)
        done = True
    return done


def _park_subheaders(doc: Docx, total: str, cluster: str) -> bool:
    """3.1's sub-headers 园区总额 / 其中：集群产业 written ``total`` / ``cluster``."""
    done = False
    for seg in segments(doc.document):
        if seg.kind != "park" or len(seg.header) != 2:
            continue
        for tc in cells(seg.header[1]):
            t = norm(cell_text(tc))
            if t == "园区总额":
                set_cell_text(tc, total)
                done = True
            elif t.startswith("其中"):
                set_cell_text(tc, cluster)
    return done


def park_subheaders_renamed(doc: Docx) -> bool:
    """3.1's sub-headers written 园区合计 / 其中：集群企业."""
    return _park_subheaders(doc, "园区合计", "其中：集群企业")


def respell_headers(doc: Docx, pattern: str, replacement: str, kinds: tuple[str, ...] | None = None) -> bool:
    """Every header paragraph (of the segments of ``kinds``, or all) with ``pattern`` replaced."""
    done = False
    for seg in segments(doc.document):
        if kinds is not None and seg.kind not in kinds:
            continue
        for tr in seg.header:
            for tc in cells(tr):
                for p in tc.findall(w("p")):
                    t = para_text(p)
                    new = re.sub(pattern, replacement, t)
                    if new != t:
                        set_para_text(p, new)
                        done = True
    return done


def year_headers_niandu(doc: Docx) -> bool:
    """Year headers written 2021年度."""
    return respell_headers(doc, r"(20\d\d)年(?!度)", r"\1年度")


def growth_header_variants(doc: Docx) -> bool:
    """增幅（%） written 同比增长(%) or 同比增减（%）; 3.1's 总额增幅 as 总额同比增减（%）."""
    done = False
    n = 0
    for seg in segments(doc.document):
        col = seg.col("growth")
        if col is None:
            continue
        tc = cell_at(seg.header[0], col)
        if seg.kind == "park":
            set_cell_text(tc, "总额同比增减（%）")
        else:
            set_cell_text(tc, ("同比增长(%)", "同比增减（%）")[n % 2])
            n += 1
        done = True
    return done


def _latest_year(doc: Docx) -> str | None:
    for seg in segments(doc.document):
        years = [r.split(":")[1] for r in seg.roles.values() if r.startswith("year:")]
        if seg.kind == "indicator" and years:
            return max(years)
    return None


def target_header_actual(doc: Docx) -> bool:
    """5.1's 上一年实际值 header written with the year: 2022年 实际完成."""
    latest = _latest_year(doc)
    for seg in segments(doc.document):
        if seg.kind == "target" and latest and seg.col("base") is not None:
            set_cell_text(cell_at(seg.header[0], seg.col("base")), f"{latest}年 实际完成")
            return True
    return False


# --- extra columns ----------------------------------------------------------------------------------

UNITS = ("亿元", "万元/亩", "吨/万元", "万元", "个", "人", "%", "亩")
LABEL_PAREN = re.compile(r"^(.*?)[（(]([^（）()]*)[）)]$")


def split_unit(label: str) -> tuple[str, str]:
    """(label without its unit, unit): 集群总产值（亿元） → 集群总产值, 亿元; （个，需提供…） keeps the rest."""
    text = norm(label)
    m = LABEL_PAREN.match(text)
    if not m:
        return text, ""
    head, inside = m.groups()
    first, rest = re.split(r"[，,]", inside, maxsplit=1) if re.search(r"[，,]", inside) else (inside, "")
    if first not in UNITS:
        return text, ""
    return head + (f"（{rest}）" if rest else ""), first


def unit_column(doc: Docx) -> bool:
    """Units moved out of the labels into their own 单位 column."""
    done = False
    for i, seg in enumerate(segments(doc.document)):
        if seg.kind not in VALUE_KINDS:
            continue
        seg = _resegment(doc, i)
        label_col = seg.col("label")
        labels = [cell_at(tr, label_col) for tr in seg.data]
        split = [split_unit(cell_text(tc)) if tc is not None else ("", "") for tc in labels]
        if not any(u for _, u in split):
            continue
        for tc, (label, _) in zip(labels, split, strict=True):
            if tc is not None and label != norm(cell_text(tc)):
                set_cell_text(tc, label)
        units = dict(zip(seg.data, (u for _, u in split), strict=True))
        head = cell_at(seg.header[0], label_col)
        if span(head) > 1:  # merged layout: the label spans two columns; the unit takes the second
            for tr in seg.header + seg.data:
                tc = cell_at(tr, label_col)
                if tc is None or span(tc) < 2:
                    continue
                set_span(tc, span(tc) - 1)
                unit = new_cell(tc, "单位" if tr is seg.header[0] else units.get(tr, ""))
                if len(seg.header) == 2 and tr in seg.header:
                    set_vmerge(unit, "restart" if tr is seg.header[0] else "continue")
                tc.addnext(unit)
        else:
            targets = _header_targets(seg, "单位")
            targets.update({tr: NewCell(u) for tr, u in units.items()})
            insert_column(seg.table, seg.label_end, targets)
        done = True
    return done


def _by_table(doc: Docx, kinds: tuple[str, ...]) -> dict[etree._Element, list[Segment]]:
    out: dict[etree._Element, list[Segment]] = {}
    for seg in segments(doc.document):
        if seg.kind in kinds:
            out.setdefault(seg.table, []).append(seg)
    return out


def _header_targets(seg: Segment, text: str) -> dict[etree._Element, NewCell]:
    if len(seg.header) == 2:
        return {seg.header[0]: NewCell(text, "restart"), seg.header[1]: NewCell("", "continue")}
    return {seg.header[0]: NewCell(text)}


def _has_content(tr: etree._Element) -> bool:
    return any(cell_text(tc) for tc in cells(tr))


def serial_column(doc: Docx) -> bool:
    """A 序号 column (1, 2, 3…) in front of every indicator and list table."""
    tables = _by_table(doc, (*VALUE_KINDS, "list"))
    for tbl, segs in tables.items():
        targets: dict[etree._Element, NewCell] = {}
        for seg in segs:
            targets.update(_header_targets(seg, "序号"))
            n = 0
            for tr in seg.data:
                n += _has_content(tr)
                targets[tr] = NewCell(str(n) if _has_content(tr) else "")
        start = min(seg.col("label") for seg in segs)
        insert_column(tbl, start, targets)
    return bool(tables)


def remark_source_columns(doc: Docx) -> bool:
    """备注 and 数据来源 columns appended to indicator and list tables."""
    tables = _by_table(doc, ("indicator", "park", "list"))
    for tbl in tables:
        for header, value in (("备注", {"indicator": "", "park": "", "list": ""}),
                              ("数据来源", {"list": "企业填报"})):
            targets: dict[etree._Element, NewCell] = {}
            for seg in (s for s in segments(doc.document) if s.table is tbl and s.kind != "target"):
                if header == "备注" and any(r == "col:备注" for r in seg.roles.values()):
                    continue
                targets.update(_header_targets(seg, header))
                for tr in seg.data:
                    targets[tr] = NewCell(value.get(seg.kind, "市统计局") if _has_content(tr) else "")
            insert_column(tbl, grid_width(tbl), targets)
    return bool(tables)


EVIDENCE_TAIL = re.compile(r"^(.*?\d)\s*((?:（|\(|\[|【)[^）)\]】]*(?:）|\)|\]|】)|佐证\s*P\d+(?:-\d+)?)$")


def evidence_column(doc: Docx) -> bool:
    """Evidence pages moved out of the value cells into a 佐证材料页码 column."""
    done = False
    for tbl, _ in _by_table(doc, ("indicator",)).items():
        segs = [s for s in segments(doc.document) if s.table is tbl and s.kind != "target"]
        moved: dict[etree._Element, str] = {}
        for seg in segs:
            if seg.kind != "indicator":
                continue
            for tr in seg.data:
                for col in seg.cols("year:"):
                    tc = cell_from(tr, col)
                    m = EVIDENCE_TAIL.match(cell_text(tc)) if tc is not None else None
                    if m and re.search(r"\d", m.group(2)):
                        set_cell_text(tc, m.group(1))
                        moved[tr] = m.group(2).strip("（）()[]【】")
        if not moved:
            continue
        targets: dict[etree._Element, NewCell] = {}
        for seg in segs:
            targets.update(_header_targets(seg, "佐证材料页码"))
            for tr in seg.data:
                targets[tr] = NewCell(moved.get(tr, ""))
        insert_column(tbl, grid_width(tbl), targets)
        done = True
    return done


# --- rows ---------------------------------------------------------------------------------------------

def _clone_row(tr: etree._Element, texts: list[str] | None = None) -> etree._Element:
    new = copy.deepcopy(tr)
    for i, tc in enumerate(cells(new)):
        if vmerge(tc):
            set_vmerge(tc, None)
        set_cell_text(tc, texts[i] if texts and i < len(texts) else "")
    return new


def table_split_continued(doc: Docx) -> bool:
    """A long table split at a page: the rest in a new table under a 续表 line, its header row repeated."""
    done = False
    wanted = []
    for kind in ("indicator", "list"):
        segs = [s for s in segments(doc.document) if s.kind == kind and len(s.data) >= 8]
        if segs:
            wanted.append(segments(doc.document).index(max(segs, key=lambda s: len(s.data))))
    for i in sorted(wanted, reverse=True):
        seg = _resegment(doc, i)
        at = seg.data[len(seg.data) // 2]
        tbl = seg.table
        new_tbl = etree.Element(w("tbl"))
        new_tbl.append(copy.deepcopy(tbl.find(w("tblPr"))))
        new_tbl.append(copy.deepcopy(tbl.find(w("tblGrid"))))
        for tr in seg.header:
            new_tbl.append(copy.deepcopy(tr))
        trs = rows(tbl)
        for tr in trs[trs.index(at):]:
            new_tbl.append(tr)
        note = new_paragraph("续表")
        tbl.addnext(note)
        note.addnext(new_tbl)
        done = True
    return done


def label_cut_over_two_rows(doc: Docx) -> bool:
    """A long row label cut in two cells, one above the other, beside figures merged down over both (as a table
    edited by splitting a cell, or as a scan shows one whose line was found across the label only): every
    third row of each indicator table with a label of ten characters or more."""
    done = False
    for seg in segments(doc.document):
        label_col = seg.col("label")
        if seg.kind != "indicator" or label_col is None:
            continue
        for tr in [tr for tr in seg.data if _has_content(tr)][1::3]:
            cells_at = positions(tr)
            label = next((tc for tc, start, _ in cells_at if start == label_col), None)
            text = cell_text(label) if label is not None else ""
            if label is None or len(text) < 10 or any(vmerge(tc) for tc, _, _ in cells_at):
                continue
            below = _clone_row(tr)
            cut = len(text) // 2
            set_cell_text(label, text[:cut])
            for (upper, start, _), (lower, _, _) in zip(cells_at, positions(below), strict=True):
                if start == label_col:
                    set_cell_text(lower, text[cut:])
                else:
                    set_vmerge(upper, "restart")
                    set_vmerge(lower, "continue")
            tr.addnext(below)
            done = True
    return done


def _fmt(value: Decimal, places: int) -> str:
    return f"{value:.{places}f}"


def total_rows(doc: Docx) -> bool:
    """A 合计 row under the list tables that hold amounts (sums of their numeric columns)."""
    done = False
    for seg in segments(doc.document):
        if seg.kind != "list":
            continue
        filled = [tr for tr in seg.data if _has_content(tr)]
        if not filled:
            continue
        sums: dict[int, str] = {}
        for col, role in seg.roles.items():
            if not (role.startswith("year:") or "总投资" in role):
                continue
            texts = [cell_text(cell_from(tr, col)) for tr in filled]
            if all(plain_number(t) for t in texts):
                sums[col] = _fmt(sum(Decimal(t) for t in texts), max(decimals(t) for t in texts))
        if not sums:
            continue
        row = _clone_row(filled[-1])
        for tc, start, _ in positions(row):
            set_cell_text(tc, "合计" if start == seg.col("label") else sums.get(start, ""))
        seg.data[-1].addnext(row)
        done = True
    return done


def blank_rows(doc: Docx) -> bool:
    """The template's spare rows left empty under the lists and the indicator tables."""
    done = False
    for seg in segments(doc.document):
        if not seg.data or seg.kind == "target":
            continue
        last = seg.data[-1]
        for _ in range(2 if seg.kind == "list" else 1):
            last.addnext(_clone_row(last))
        done = True
    return done


def instruction_rows(doc: Docx) -> bool:
    """The template's instruction (省级以上…主要包括…) kept as its own full-width row of the list table."""
    done = False
    body = doc.document
    for tc in list(body.iter(w("tc"))):  # merged layout: title and instruction are two paragraphs of one row
        ps = tc.findall(w("p"))
        if len(ps) == 2 and "主要包括" in para_text(ps[1]) and len(cells(tc.getparent())) == 1:
            row = copy.deepcopy(tc.getparent())
            only = cells(row)[0]
            only.remove(only.findall(w("p"))[0])
            tc.remove(ps[1])
            tc.getparent().addnext(row)
            done = True
    for p in list(body.iter(w("p"))):
        text = para_text(p)
        if "\n" not in text or "主要包括" not in text.split("\n", 1)[1]:
            continue
        title, instruction = text.split("\n", 1)
        tc = p.getparent()
        if tc.tag == w("tc"):  # merged layout: the title row holds both lines; give the instruction a row
            tr = tc.getparent()
            row = copy.deepcopy(tr)
            set_cell_text(cells(row)[0], instruction)
            set_para_text(p, title)
            tr.addnext(row)
            done = True
            continue
        tbl = p.getnext()
        if tbl is None or tbl.tag != w("tbl"):
            continue
        set_para_text(p, title)
        first = rows(tbl)[0]
        row = copy.deepcopy(first)
        for extra in cells(row)[1:]:
            row.remove(extra)
        only = cells(row)[0]
        set_vmerge(only, None)
        set_span(only, grid_width(tbl))
        set_cell_text(only, instruction)
        first.addprevious(row)
        done = True
    return done


def target_header_done(doc: Docx) -> bool:
    """5.1's 上一年实际值 header written 2022年完成情况 (no 实际)."""
    latest = _latest_year(doc)
    for seg in segments(doc.document):
        if seg.kind == "target" and latest and seg.col("base") is not None:
            set_cell_text(cell_at(seg.header[0], seg.col("base")), f"{latest}年完成情况")
            return True
    return False


def park_subheaders_short(doc: Docx) -> bool:
    """3.1's sub-headers shortened to 园区 / 集群."""
    return _park_subheaders(doc, "园区", "集群")


def year_headers_with_unit(doc: Docx) -> bool:
    """A unit typed into the year headers of 2.1 (2022年（亿元）) though some rows are in % or 人."""
    for seg in segments(doc.document):
        if seg.kind != "indicator":
            continue
        done = False
        for tc in cells(seg.header[0]):
            t = norm(cell_text(tc))
            if re.fullmatch(r"20\d\d年", t):
                set_cell_text(tc, f"{t}（亿元）")
                done = True
        return done
    return False


def row_of_years(doc: Docx) -> bool:
    """A row the template lacks whose figures are years: 集群形成时间（年） | 2008 | 2008 | — under 2.1."""
    for seg in segments(doc.document):
        if seg.kind != "indicator" or not seg.data:
            continue
        first = seg.data[0]
        width = len(cells(first))
        again = [c for c, role in sorted(seg.roles.items()) if c > 1 and role == seg.roles.get(1)]
        own = again[0] - 1 if again else width  # a table folded in two blocks: the row is the left block's
        if own < 3:
            return False
        texts = ["集群形成时间（年）", *(["2008"] * (own - 2)), "—", *([""] * (width - own))]
        seg.data[-1].addnext(_clone_row(first, texts))
        return True
    return False


_SECTION_HEADING = re.compile(r"\s*\d\s*[.．]\s*\d")  # 2.6 集群产品质量发展情况


def tables_before_their_headings(doc: Docx) -> bool:
    """Each indicator table that is a table of its own dragged into a floating table (w:tblpPr, text wrapping
    around) whose XML lands before its section's heading, as Word keeps it when the table is anchored to the
    heading's paragraph: the table, then ``2.6 集群产品质量发展情况``. An empty paragraph parts it from a
    table before it, as Word keeps two tables apart."""
    done = False
    for seg in segments(doc.document):
        tbl = seg.table
        if seg.kind != "indicator" or tbl.getparent() is not doc.body or rows(tbl) != seg.header + seg.data:
            continue
        heading = tbl.getprevious()
        while heading is not None and heading.tag == w("p") and not para_text(heading).strip():
            heading = heading.getprevious()
        if heading is None or heading.tag != w("p") or not _SECTION_HEADING.match(para_text(heading)):
            continue
        pr = tbl.find(w("tblPr"))
        floating = etree.Element(w("tblpPr"))
        for name, value in (("leftFromText", "180"), ("rightFromText", "180"), ("vertAnchor", "text"),
                            ("horzAnchor", "margin"), ("tblpXSpec", "center"), ("tblpY", "260")):
            floating.set(w(name), value)
        pr.insert(1 if pr.find(w("tblStyle")) is not None else 0, floating)
        heading.addprevious(tbl)
        if tbl.getprevious() is not None and tbl.getprevious().tag == w("tbl"):
            tbl.addprevious(new_paragraph(""))
        done = True
    return done
