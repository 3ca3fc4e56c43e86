"""Transforms of wording: labels, headings, values, dates, the declaration, the evidence line, contacts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from .ooxml import (
    CHAPTER,
    Docx,
    cell_at,
    cell_from,
    cell_text,
    cells,
    headings,
    new_paragraph,
    norm,
    para_text,
    plain_number,
    remove_column,
    rows,
    segments,
    set_cell_text,
    set_para_text,
    w,
)

VALUE_KINDS = ("indicator", "park", "target")


def _value_cells(doc: Docx, kinds: tuple[str, ...] = VALUE_KINDS, growth: bool = False):
    """(segment, row, cell, role) of every value cell (growth cells too when asked)."""
    for seg in segments(doc.document):
        if seg.kind not in kinds:
            continue
        for tr in seg.data:
            for col, role in seg.roles.items():
                if role.startswith("year:") or role == "base" or (growth and role == "growth"):
                    tc = cell_from(tr, col)
                    if tc is not None:
                        yield seg, tr, tc, role


# --- labels ------------------------------------------------------------------------------------------

def _label_cells(doc: Docx, kinds: tuple[str, ...] = VALUE_KINDS):
    for seg in segments(doc.document):
        if seg.kind in kinds:
            for tr in seg.data:
                tc = cell_at(tr, seg.col("label"))
                if tc is not None and cell_text(tc):
                    yield seg, tr, tc


def _enumerator(style: int, n: int) -> str:
    return (f"{n}.", f"（{n}）", chr(0x245F + n) if n <= 20 else f"{n}.", f"{n}、")[style % 4]


def label_enumerators(doc: Docx) -> bool:
    """Indicator labels numbered by hand: 1. / （1） / ① / 1、 (one style per table)."""
    done, counts = False, {}
    seg_ids: dict[int, int] = {}
    for seg, _, tc in _label_cells(doc):
        style = seg_ids.setdefault(id(seg.header[0]), len(seg_ids))
        counts[style] = counts.get(style, 0) + 1
        p = tc.find(w("p"))
        set_para_text(p, _enumerator(style, counts[style]) + para_text(p))
        done = True
    return done


def label_footnote_marks(doc: Docx) -> bool:
    """Footnote marks on some labels: 集群总产值（亿元）* and 企业数量（个）注1."""
    done = False
    for i, (_, _, tc) in enumerate(_label_cells(doc, ("indicator",))):
        if i % 5 == 0:
            ps = tc.findall(w("p"))
            set_para_text(ps[-1], para_text(ps[-1]) + ("*" if i % 10 == 0 else "注1"))
            done = True
    return done


def label_paren_unclosed(doc: Docx) -> bool:
    """Labels typed without their closing bracket, every other one of the value tables: 集群总产值（亿元,
    企业数量（个 — a slip of typing, and what a scan makes of a bracket it loses."""
    done = False
    for i, (_, _, tc) in enumerate(_label_cells(doc)):
        last = tc.findall(w("p"))[-1]
        text = para_text(last)
        if i % 2 == 0 and text.endswith("）") and "（" in text:
            set_para_text(last, text[:-1])
            done = True
    return done


def _basic_value(doc: Docx, label: str) -> str | None:
    for tbl in doc.document.iter(w("tbl")):
        for tr in rows(tbl):
            cs = cells(tr)
            for a, b in itertools.pairwise(cs):
                if norm(cell_text(a)) == label:
                    return cell_text(b)
    return None


def label_paren_inside(doc: Docx) -> bool:
    """A parenthesis inside a label (集群主导产业（智能网联汽车）产值（亿元）); 企业数量 as 集群企业数量."""
    industry = _basic_value(doc, "集群主导产业")
    done = False
    for _, _, tc in _label_cells(doc, ("indicator",)):
        t = norm(cell_text(tc))
        if t == "集群主导产业产值（亿元）" and industry:
            set_cell_text(tc, f"集群主导产业（{industry}）产值（亿元）")
            done = True
        elif t == "企业数量（个）":
            set_cell_text(tc, "集群企业数量（个）")
            done = True
    return done


# --- headings ------------------------------------------------------------------------------------------

CN_DIGITS = "一二三四五六七八九"


def _chapter_number(mark: str, previous: int) -> int:
    return previous + 1 if mark == "—" else CN_DIGITS.index(mark) + 1


def _abstract(doc_numbering: etree._Element, aid: int, fmt: str, text: str) -> None:
    a = etree.Element(w("abstractNum"))
    a.set(w("abstractNumId"), str(aid))
    etree.SubElement(a, w("multiLevelType")).set(w("val"), "singleLevel")
    lvl = etree.SubElement(a, w("lvl"))
    lvl.set(w("ilvl"), "0")
    etree.SubElement(lvl, w("start")).set(w("val"), "1")
    etree.SubElement(lvl, w("numFmt")).set(w("val"), fmt)
    etree.SubElement(lvl, w("suff")).set(w("val"), "space")
    etree.SubElement(lvl, w("lvlText")).set(w("val"), text)
    etree.SubElement(lvl, w("lvlJc")).set(w("val"), "left")
    first_num = doc_numbering.find(w("num"))
    if first_num is not None:
        first_num.addprevious(a)
    else:
        doc_numbering.append(a)


def _num(numbering: etree._Element, nid: int, aid: int, start: int | None) -> None:
    n = etree.SubElement(numbering, w("num"))
    n.set(w("numId"), str(nid))
    etree.SubElement(n, w("abstractNumId")).set(w("val"), str(aid))
    if start is not None:
        o = etree.SubElement(n, w("lvlOverride"))
        o.set(w("ilvl"), "0")
        etree.SubElement(o, w("startOverride")).set(w("val"), str(start))


def _set_numpr(p: etree._Element, nid: int) -> None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    numpr = etree.Element(w("numPr"))
    etree.SubElement(numpr, w("ilvl")).set(w("val"), "0")
    etree.SubElement(numpr, w("numId")).set(w("val"), str(nid))
    style = ppr.find(w("pStyle"))
    (style.addnext(numpr) if style is not None else ppr.insert(0, numpr))


def heading_autonumber(doc: Docx) -> bool:
    """Headings numbered by Word's automatic numbering: 二、 and 2.1 are no longer in the text."""
    if not doc.has("word/numbering.xml"):
        return False
    numbering = doc.part("word/numbering.xml")
    aids = [int(a.get(w("abstractNumId"))) for a in numbering.findall(w("abstractNum"))]
    nids = [int(n.get(w("numId"))) for n in numbering.findall(w("num"))]
    next_aid, next_nid = max(aids, default=0) + 1, max(nids, default=0) + 1
    found = headings(doc.document)
    if not found:
        return False
    chapter_aid = next_aid
    _abstract(numbering, chapter_aid, "chineseCounting", "%1、")
    next_aid += 1
    chapter_no, last_chapter_num, expected_chapter = 0, None, 0
    sub_state: dict[str, tuple[int, int, int]] = {}  # chapter → (abstract id, num id, last sub number)
    for p, number, title in found:
        if "." not in number:
            chapter_no = _chapter_number(number, chapter_no)
            if last_chapter_num is None or chapter_no != expected_chapter:
                last_chapter_num = next_nid
                _num(numbering, next_nid, chapter_aid, chapter_no if chapter_no != 1 else None)
                next_nid += 1
            expected_chapter = chapter_no + 1
            _set_numpr(p, last_chapter_num)
            set_para_text(p, title)
            continue
        ch, sub = number.split(".")
        sub_no = int(sub)
        if ch not in sub_state:
            _abstract(numbering, next_aid, "decimal", f"{ch}.%1")
            sub_state[ch] = (next_aid, 0, 0)
            next_aid += 1
        aid, nid, last = sub_state[ch]
        if nid == 0 or sub_no != last + 1:
            nid = next_nid
            _num(numbering, nid, aid, sub_no if sub_no != 1 else None)
            next_nid += 1
        sub_state[ch] = (aid, nid, sub_no)
        _set_numpr(p, nid)
        set_para_text(p, title)
    return True


def heading_styles(doc: Docx) -> bool:
    """Chapter and section headings given Word's Heading 1 / Heading 2 styles."""
    found = headings(doc.document)
    for p, number, _ in found:
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        style = ppr.find(w("pStyle"))
        if style is None:
            style = etree.Element(w("pStyle"))
            ppr.insert(0, style)
        style.set(w("val"), "Heading2" if "." in number else "Heading1")
    return bool(found)


def heading_spaced(doc: Docx) -> bool:
    """Headings spaced out to fill the line: 2 . 1 集 群 主 要 经 济 指 标."""
    found = headings(doc.document)
    for p, _, _ in found:  # characters spaced out; a page range in brackets is left whole
        tokens = re.findall(r"[（(][^）)]*[）)]|\S", norm(para_text(p)))
        set_para_text(p, " ".join(tokens))
    return bool(found)


def heading_line_break(doc: Docx) -> bool:
    """Long headings broken over two lines with a manual line break."""
    done = False
    for p, _number, title in headings(doc.document):
        if len(title) >= 8:
            text = para_text(p)
            cut = text.index(title) + len(title) // 2
            set_para_text(p, text[:cut] + "\n" + text[cut:])
            done = True
    return done


def heading_paren(doc: Docx) -> bool:
    """A parenthesis inside a heading: 5.1未来三年（2023-2025年）集群主要经济指标发展目标."""
    years = []
    for seg in segments(doc.document):
        if seg.kind == "target":
            years = sorted(r.split(":")[1] for r in seg.roles.values() if r.startswith("year:"))
    done = False
    for p, number, title in headings(doc.document):
        if title.startswith("未来三年") and len(years) >= 2:
            set_para_text(p, f"{number}未来三年（{years[0]}-{years[-1]}年）{title.removeprefix('未来三年')}")
            done = True
        elif number == "2.2":
            set_para_text(p, f"{number}{title}（含集群内规上、规下企业）")
            done = True
    return done


# --- free text ------------------------------------------------------------------------------------------

INSTRUCTION_STARTS = ("从产业基础", "产业基础主要包括", "要素集聚包括", "绿色发展主要包括", "集群公共服务主要包括",
                      "开放合作主要包括", "组织保障主要包括", "2500字以内", "承载园区基本情况", "重点介绍",
                      "包括机构成立", "《实施方案》", "参考提纲")
SUBHEADINGS = ("一、基本情况", "二、主要做法")


def text_body(doc: Docx, number: str) -> list[etree._Element]:
    """The paragraphs an applicant wrote under heading ``number`` (template instructions left out)."""
    paras = list(doc.document.iter(w("p")))
    marks = {id(p): n for p, n, _ in headings(doc.document)}
    out, inside = [], False
    for p in paras:
        if id(p) in marks:
            inside = marks[id(p)] == number
            continue
        t = para_text(p).strip()
        if inside and t and not t.startswith(INSTRUCTION_STARTS) and not CHAPTER.match(t):
            out.append(p)
    return out


def text_subheadings(doc: Docx) -> bool:
    """Chapter-like sub-headings (一、基本情况 / 二、主要做法) typed inside the 2.8 self-assessment."""
    body = text_body(doc, "2.8")
    if not body:
        return False
    body[0].addprevious(new_paragraph(SUBHEADINGS[0], body[0]))
    if len(body) >= 2:
        body[-1].addprevious(new_paragraph(SUBHEADINGS[1], body[-1]))
    else:
        body[0].addnext(new_paragraph(SUBHEADINGS[1], body[0]))
    return True


# --- values ---------------------------------------------------------------------------------------------

def _unit_of(seg, tr) -> str:
    label = norm(cell_text(cell_at(tr, seg.col("label"))))
    m = re.search(r"[（(]([^，,（）()]+)[，,）)]", label)
    return m.group(1) if m else ""


def values_with_units(doc: Docx) -> bool:
    """Values written with their unit: 51.7亿元, 455个, 86500人, 35.2%."""
    done = False
    for seg, tr, tc, _ in _value_cells(doc, ("indicator", "park")):
        t = cell_text(tc)
        unit = _unit_of(seg, tr)
        if plain_number(t) and unit in ("亿元", "个", "人", "%", "亩"):
            set_cell_text(tc, t + unit)
            done = True
    return done


def values_trailing_zero(doc: Docx) -> bool:
    """Large amounts (亿元, ≥ 100) written with an extra trailing zero: 1180.50.

    (Every figure in a spreadsheet's "0.00" format is office.spreadsheet_formats.)"""
    done = False
    for seg, tr, tc, _ in _value_cells(doc):
        t = cell_text(tc)
        if plain_number(t) and "." in t and _unit_of(seg, tr) == "亿元" and abs(float(t)) >= 100:
            set_cell_text(tc, t + "0")
            done = True
    return done


def _thousands(t: str) -> str:
    whole, _, frac = t.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return sign + f"{int(whole.lstrip('+-')):,}" + (f".{frac}" if frac else "")


def values_thousands(doc: Docx) -> bool:
    """Thousands separators: 1,180.5 and 86,500 (list amounts too: 52,000)."""
    done = False
    for seg in segments(doc.document):
        for tr in seg.data:
            for col, role in seg.roles.items():
                if role.startswith(("year:", "base")) or "总投资" in role:
                    tc = cell_from(tr, col)
                    t = cell_text(tc) if tc is not None else ""
                    if plain_number(t) and abs(float(t)) >= 1000:
                        set_cell_text(tc, _thousands(t))
                        done = True
    return done


def values_decimal_comma(doc: Docx) -> bool:
    """Decimal commas, as a European spreadsheet exports them, in every other figure of one or two decimals:
    0,62 and 77,9 (growths too)."""
    done = False
    for i, (_, _, tc, _) in enumerate(_value_cells(doc, growth=True)):
        t = cell_text(tc)
        if i % 2 == 0 and re.fullmatch(r"-?\d+\.\d{1,2}", t):
            set_cell_text(tc, t.replace(".", ","))
            done = True
    return done


def respell_growths(doc: Docx, spell: Callable[[str, int], str | None]) -> bool:
    """Each growth cell holding a plain, non-zero number written ``spell(text, n)`` (``n`` counts the cells
    respelled; None leaves the cell as it is)."""
    done, n = False, 0
    for _seg, _tr, tc, role in _value_cells(doc, ("indicator", "park"), growth=True):
        t = cell_text(tc)
        if role != "growth" or not plain_number(t) or float(t) == 0 or (new := spell(t, n)) is None:
            continue
        n += 1
        set_cell_text(tc, new)
        done = True
    return done


def growth_spellings(doc: Docx) -> bool:
    """Growth written +19.7, 19.7％, 增长19.7%; a negative one 下降3.2%."""
    return respell_growths(doc, lambda t, n: f"下降{t[1:]}%" if t.startswith("-")
                           else (f"+{t}", f"{t}％", f"增长{t}%")[n % 3])


EMPTY_MARKS = ("—", "/", "－", "-", "无", "——")


def empty_marks(doc: Docx) -> bool:
    """Empty cells marked 暂无数据 / 不适用 instead of — or /."""
    done, n = False, 0
    for _, _, tc, _ in _value_cells(doc, growth=True):
        if cell_text(tc) in EMPTY_MARKS:
            set_cell_text(tc, ("暂无数据", "不适用")[n % 2])
            n += 1
            done = True
    return done


def empty_as_not_given(doc: Docx) -> bool:
    """Empty value cells written as a note that the figure is not given: 无权威统计口径，暂不填报."""
    done = False
    for _, _, tc, _ in _value_cells(doc):
        if cell_text(tc) in EMPTY_MARKS:
            set_cell_text(tc, "无权威统计口径，暂不填报")
            done = True
    return done


_CHINESE = "零一二三四五六七八九"


def _in_chinese(n: int) -> str:
    """1–99 in Chinese numerals as a count is spoken: 两 for a lone 2, 十二, 二十, 二十三."""
    tens, ones = divmod(n, 10)
    if not tens:
        return "两" if ones == 2 else _CHINESE[ones]
    return ("" if tens == 1 else _CHINESE[tens]) + "十" + (_CHINESE[ones] if ones else "")


def counts_in_chinese(doc: Docx) -> bool:
    """Every other count of fewer than a hundred written in Chinese numerals with its measure word: 两个, 十二个
    (evidence pages after it stay: 三个（P12）)."""
    done = False
    for i, (seg, tr, tc, _) in enumerate(_value_cells(doc, ("indicator",))):
        t = cell_text(tc)
        m = re.fullmatch(r"(\d{1,2})(（.*）)?", t)
        if i % 2 == 0 and m and 0 < int(m.group(1)) < 100 and _unit_of(seg, tr) == "个":
            set_cell_text(tc, _in_chinese(int(m.group(1))) + "个" + (m.group(2) or ""))
            done = True
    return done


def values_letter_o(doc: Docx) -> bool:
    """A letter O typed for a zero in every fifth figure holding a 0 after its first digit: 6O.0, 3O2."""
    done = False
    for i, (_, _, tc, _) in enumerate(_value_cells(doc)):
        t = cell_text(tc)
        if i % 5 == 0 and plain_number(t) and "0" in t[1:]:
            k = t.index("0", 1)
            set_cell_text(tc, t[:k] + "O" + t[k + 1:])
            done = True
    return done


def values_with_calculations(doc: Docx) -> bool:
    """Every fourth figure with how it was worked out on the cell's next line, in brackets: 74.9⏎（74.9÷1）."""
    done = False
    for i, (_, _, tc, _) in enumerate(_value_cells(doc, ("indicator",))):
        t = cell_text(tc)
        if i % 4 == 0 and plain_number(t):
            p = tc.findall(w("p"))[-1]
            p.addnext(new_paragraph(f"（({t}-0)÷1）", p))
            done = True
    return done


_KANGXI = {"工": "\u2f2f", "入": "\u2f0a", "用": "\u2f64", "水": "\u2f54", "大": "\u2f24", "心": "\u2f3c"}


def labels_kangxi(doc: Docx) -> bool:
    """Labels pasted from a PDF of the notice, some characters the Kangxi radicals that look like them: ⼯业."""
    done = False
    for _, _, tc in _label_cells(doc):
        for p in tc.findall(w("p")):
            text = para_text(p)
            radical = "".join(_KANGXI.get(ch, ch) for ch in text)
            if radical != text:
                set_para_text(p, radical)
                done = True
    return done


_SPELLED = (("两化融合", "信息化和工业化融合（两化融合）"), ("R&D", "研究与试验发展（R&D）"))


def labels_spelled_out(doc: Docx) -> bool:
    """An abbreviation in a label written out before it: 获得信息化和工业化融合（两化融合）管理体系…,
    研究与试验发展（R&D）经费支出."""
    done = False
    for _, _, tc in _label_cells(doc):
        for p in tc.findall(w("p")):
            text = para_text(p)
            for short, long in _SPELLED:
                if short in text and long not in text:
                    text = text.replace(short, long, 1)
            if text != para_text(p):
                set_para_text(p, text)
                done = True
    return done


def evidence_beside_own_pages(doc: Docx) -> bool:
    """Evidence notes that also name a page of the report itself: 7（名单见本报告第3页，P10）."""
    done = False
    for _, _, tc, _ in _value_cells(doc):
        t = cell_text(tc)
        if re.fullmatch(r"[\d.]+（P[\d\-、P]+）", t):
            set_cell_text(tc, t.replace("（P", "（名单见本报告第3页，P", 1))
            done = True
    return done


def years_in_one_column(doc: Docx) -> bool:
    """Both years typed in one column, header 2021年/2022年 over 1180.5/1326.8, in every indicator table that
    stands alone (an office saving a column's width)."""
    done = False
    for seg in segments(doc.document):
        tbl = seg.table
        years = sorted(col for col, role in seg.roles.items() if re.fullmatch(r"year:\d{4}", role))
        if seg.kind != "indicator" or len(seg.header) != 1 or len(years) != 2 or years[1] != years[0] + 1 \
                or len([s for s in segments(tbl) if s.table is tbl]) != 1:
            continue
        for tr in [*seg.header, *seg.data]:
            first, second = cell_at(tr, years[0]), cell_at(tr, years[1])
            if first is not None and second is not None and first is not second:
                both = (cell_text(first), cell_text(second))
                set_cell_text(first, both[0] if both[0] == both[1] and both[0] in EMPTY_MARKS else "/".join(both))
        remove_column(tbl, years[1])
        done = True
    return done


def list_rows_slashed(doc: Docx) -> bool:
    """The blank rows a list leaves for more entries filled with / in every cell (or — in every other list), as
    an office marks a cell it leaves empty on purpose."""
    done = False
    for i, seg in enumerate(s for s in segments(doc.document) if s.kind == "list"):
        for tr in seg.data:
            if all(not cell_text(tc) for tc in cells(tr)):
                for tc in cells(tr):
                    set_cell_text(tc, "/—"[i % 2])
                done = True
    return done


DATE = re.compile(r"^(20\d\d)年(\d{1,2})月$")


def _date_cells(doc: Docx):
    for seg in segments(doc.document):
        if seg.kind != "list":
            continue
        for tr in seg.data:
            for tc in cells(tr):
                m = DATE.match(cell_text(tc))
                if m:
                    yield tc, m


def date_spellings(doc: Docx) -> bool:
    """Dates in the lists written 2021.06 and 2021-06-01 as well as 2021年6月."""
    done = False
    for i, (tc, m) in enumerate(_date_cells(doc)):
        y, mo = m.group(1), int(m.group(2))
        new = (f"{y}.{mo:02d}", f"{y}-{mo:02d}-01", f"{y}年{mo}月")[i % 3]
        set_cell_text(tc, new)
        done = True
    return done


def dates_year_only(doc: Docx) -> bool:
    """Approval dates written as a bare year (2021年): a year in a data cell is data, not a header."""
    done = False
    for i, (tc, m) in enumerate(_date_cells(doc)):
        if i % 2 == 0:
            set_cell_text(tc, f"{m.group(1)}年")
            done = True
    return done


def _round(x: Decimal, places: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def double_rounded(v1: Decimal, v2: Decimal) -> tuple[Decimal, Decimal]:
    """(growth rounded once to 0.1, growth rounded to 0.01 and then to 0.1)."""
    g = (v2 - v1) / v1 * 100
    return _round(g, 1), _round(_round(g, 2), 1)


def growth_double_rounded(doc: Docx) -> bool:
    """Growth recomputed from the two years, rounded to 2 decimals and then to 1 (rows where that differs)."""
    done = False
    for seg in segments(doc.document):
        if seg.kind != "indicator" or seg.col("growth") is None:
            continue
        years = seg.cols("year:")
        for tr in seg.data:
            texts = [cell_text(cell_from(tr, c)) for c in years]
            g_cell = cell_from(tr, seg.col("growth"))
            if len(texts) != 2 or not all(plain_number(t) for t in texts) or g_cell is None:
                continue
            v1, v2 = (Decimal(t) for t in texts)
            if v1 == 0 or not plain_number(cell_text(g_cell)):
                continue
            single, double = double_rounded(v1, v2)
            if Decimal(cell_text(g_cell)) == single and double != single:
                set_cell_text(g_cell, str(double))
                done = True
    return done


# --- fixed texts ------------------------------------------------------------------------------------------

def _named(edit, name: str, doc: str):
    edit.__name__ = edit.__qualname__ = name
    edit.__doc__ = doc
    return edit


DECLARATION = "本单位承诺此次参加省级产业集群竞赛所填报的信息真实、合法。承诺："


def _declaration(doc: Docx) -> etree._Element | None:
    return next((p for p in doc.document.iter(w("p")) if para_text(p).startswith(DECLARATION)), None)


def _declaration_edit(new: str):
    def edit(doc: Docx) -> bool:
        p = _declaration(doc)
        if p is None:
            return False
        set_para_text(p, new + para_text(p)[len(DECLARATION):])
        return True

    return edit


declaration_no_trailing = _named(
    _declaration_edit("本单位承诺此次参加省级产业集群竞赛所填报的信息真实、合法。"),
    "declaration_no_trailing", "Declaration's first sentence without its trailing 承诺：.")
declaration_we_solemnly = _named(
    _declaration_edit("我单位郑重承诺：此次参加省级产业集群竞赛所填报的信息真实、合法，并承诺："),
    "declaration_we_solemnly", "Declaration reworded: 我单位郑重承诺：…")
declaration_no_dunhao = _named(
    _declaration_edit("本单位承诺此次参加省级产业集群竞赛所填报的信息真实合法。承诺："),
    "declaration_no_dunhao", "Declaration with 真实合法 written without the 、.")
declaration_line_broken = _named(
    _declaration_edit("本单位承诺此次参加省级产业集群竞赛所填报的信\n息真实、合法。承诺："),
    "declaration_line_broken", "Declaration's first sentence broken over two lines (a manual line break).")

EVIDENCE_HEADING = re.compile(r"^(\s*[一二三四五六七八]、\s*佐证材料)\s*[（(]第(\d+)\s*[-－—~至]\s*(\d+)页[）)]\s*$")


def evidence_sentence(doc: Docx) -> bool:
    """The evidence appendix stated in a sentence: 佐证材料见附件（第10页至第40页）, same page range."""
    for p in doc.document.iter(w("p")):
        m = EVIDENCE_HEADING.match(para_text(p))
        if m:
            set_para_text(p, m.group(1))
            p.addnext(new_paragraph(f"佐证材料见附件（第{m.group(2)}页至第{m.group(3)}页）", p))
            return True
    return False


def evidence_contents(doc: Docx) -> bool:
    """The appendix heading without its page range, a table of contents under it whose entries name 佐证材料
    with their own pages (1. 上市和挂牌企业数量佐证材料……第10-11页), the whole range said after it (佐证材料共计第
    10页至第40页): no entry's range is the appendix's."""
    for p in doc.document.iter(w("p")):
        m = EVIDENCE_HEADING.match(para_text(p))
        if m:
            set_para_text(p, m.group(1))
            first, last = int(m.group(2)), int(m.group(3))
            entries = [f"{i}. {name}佐证材料……第{first + 2 * i - 2}-{first + 2 * i - 1}页"
                       for i, name in enumerate(("上市和挂牌企业数量", "国家级单项冠军数量", "省级单项冠军数量"), 1)]
            for text in reversed(["佐证材料目录", *entries, f"佐证材料共计第{first}页至第{last}页"]):
                p.addnext(new_paragraph(text, p))
            return True
    return False


_CELL_PAGES = re.compile(r"\s*[（(](?:见佐证材料)?(P\d+(?:[-－]P?\d+)?)[）)]\s*$")


def evidence_in_note(doc: Docx) -> bool:
    """The evidence pages taken out of the cells of the tables that stand alone and given in a note under each,
    rows named as applicants shorten them (注：上市和挂牌企业见佐证材料P10；国家级单项冠军见佐证材料P11；…)."""
    done = False
    for seg in segments(doc.document):
        tbl = seg.table
        if seg.kind != "indicator" or tbl.getparent() is not doc.body or \
                len([s for s in segments(tbl) if s.table is tbl]) != 1:
            continue  # a table of many sections (merged layout): no room for a note under one of them
        named = []
        for tr in seg.data:
            label = cell_at(tr, seg.col("label"))
            for tc in cells(tr):
                m = _CELL_PAGES.search(cell_text(tc))
                if m and label is not None:
                    set_cell_text(tc, cell_text(tc)[:m.start()])
                    short = re.sub(r"（[^）]*）|数量$", "", norm(cell_text(label))).removeprefix("获得")
                    named.append(f"{short.removesuffix('数量')}见佐证材料{m.group(1)}")
        if named:
            tbl.addnext(new_paragraph("注：" + "；".join(named) + "。"))
            done = True
    return done


def contacts_relabelled(doc: Docx) -> bool:
    """Contacts: 联系电话 for 电话; landlines written 0731—88886666 and （0731）85550000."""
    done, n = False, 0
    for tbl in doc.document.iter(w("tbl")):
        for tr in rows(tbl):
            cs = cells(tr)
            for a, b in itertools.pairwise(cs):
                if norm(cell_text(a)) != "电话":
                    continue
                set_cell_text(a, "联系电话")
                done = True
                m = re.match(r"^(0\d{2,3})-(\d{7,8})$", cell_text(b))
                if m:
                    set_cell_text(b, (f"{m.group(1)}—{m.group(2)}", f"（{m.group(1)}）{m.group(2)}")[n % 2])
                    n += 1
    return done


CATEGORIES = ("先进制造业集群", "中小企业特色产业集群")


def _category_cell(doc: Docx) -> etree._Element | None:
    for tbl in doc.document.iter(w("tbl")):
        for tr in rows(tbl):
            cs = cells(tr)
            for a, b in itertools.pairwise(cs):
                if norm(cell_text(a)) == "申报类别" and norm(cell_text(b)) in CATEGORIES:
                    return b
    return None


def _checkbox(marks: tuple[str, str], sep: str = " ", wrap: str = "{}"):
    def edit(doc: Docx) -> bool:
        tc = _category_cell(doc)
        if tc is None:
            return False
        advanced = norm(cell_text(tc)) == "先进制造业集群"
        on, off = marks
        text = f"{on if advanced else off}先进制造业集群{sep}{off if advanced else on}中小企业特色产业集群"
        set_cell_text(tc, wrap.format(text))
        return True

    return edit


category_checkbox = _named(_checkbox(("☑", "□")), "category_checkbox",
                           "Category as check boxes: ☑先进制造业集群 □中小企业特色产业集群.")
category_checkbox_squares = _named(_checkbox(("■", "□"), sep="  "), "category_checkbox_squares",
                                   "Category as filled/empty squares: ■先进制造业集群  □中小企业特色产业集群.")
category_checkbox_tick = _named(_checkbox(("√", ""), sep="或", wrap="（{}）"), "category_checkbox_tick",
                                "The template's （先进制造业集群或中小企业特色产业集群） kept, a √ before the choice.")


def category_checkbox_wingdings(doc: Docx) -> bool:
    """Check boxes inserted with Insert ▸ Symbol (Wingdings): w:sym runs, no characters in w:t."""
    tc = _category_cell(doc)
    if tc is None:
        return False
    advanced = norm(cell_text(tc)) == "先进制造业集群"
    p = tc.find(w("p"))
    for ch in list(p):
        if ch.tag != w("pPr"):
            p.remove(ch)
    for checked, label in ((advanced, "先进制造业集群  "), (not advanced, "中小企业特色产业集群")):
        r = etree.SubElement(p, w("r"))
        rpr = etree.SubElement(r, w("rPr"))
        fonts = etree.SubElement(rpr, w("rFonts"))
        fonts.set(w("ascii"), "Wingdings")
        fonts.set(w("hAnsi"), "Wingdings")
        sym = etree.SubElement(r, w("sym"))
        sym.set(w("font"), "Wingdings")
        sym.set(w("char"), "F0FE" if checked else "F0A8")
        r2 = etree.SubElement(p, w("r"))
        t = etree.SubElement(r2, w("t"))
        t.text = label
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return True


def category_tick_after(doc: Docx) -> bool:
    """Check boxes written after their choice: 先进制造业集群☑  中小企业特色产业集群□."""
    tc = _category_cell(doc)
    if tc is None:
        return False
    advanced = norm(cell_text(tc)) == "先进制造业集群"
    ticks = ("☑", "□") if advanced else ("□", "☑")
    set_cell_text(tc, f"先进制造业集群{ticks[0]}  中小企业特色产业集群{ticks[1]}")
    return True


def evidence_note(doc: Docx) -> bool:
    """A note under 2.1 that its evidence is on some pages (注：上表数据的佐证材料见第23-25页。): not the
    appendix's range."""
    for tbl in doc.document.iter(w("tbl")):
        if any(norm(cell_text(tc)).startswith("集群总产值") for tr in rows(tbl) for tc in cells(tr)[:1]):
            if tbl.getparent() is not doc.body or len([s for s in segments(tbl) if s.table is tbl]) != 1:
                return False  # a table of many sections (merged layout): no room for a note under 2.1
            tbl.addnext(new_paragraph("注：上表数据的佐证材料见第23-25页。"))
            return True
    return False
