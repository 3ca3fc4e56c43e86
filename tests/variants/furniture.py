"""Text that is not content: tables of contents, cover pages, running headers and footers, unfilled
content-control placeholders, and PDFs whose characters are each drawn on their own."""

from __future__ import annotations

import copy
import hashlib
import itertools
import math
import re
import subprocess
from pathlib import Path

from lxml import etree

from .kinds import Transform, docx
from .ooxml import (
    CHAPTER,
    W_NS,
    YEAR,
    Docx,
    cell_text,
    cells,
    first_rpr,
    grid_width,
    headings,
    new_paragraph,
    norm,
    para_text,
    positions,
    rows,
    segments,
    vmerge,
    w,
)
from .pdf import grid_table

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Schema order of the children of w:pPr, w:rPr and w:sectPr (Word refuses a part whose children are out of order).
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
             "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
             "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
SECTPR_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
                "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
                "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


# --- small WordprocessingML helpers ------------------------------------------------------------------

def _put(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> etree._Element:
    """Put ``child`` into ``parent`` at its schema place, replacing an element of the same name."""
    name = etree.QName(child).localname
    old = parent.find(w(name))
    if old is not None:
        old.addprevious(child)
        parent.remove(old)
        return child
    rank = order.index(name)
    for sib in parent:
        local = etree.QName(sib).localname
        if local in order and order.index(local) > rank:
            sib.addprevious(child)
            return child
    parent.append(child)
    return child


def _el(tag: str, **attrs: str) -> etree._Element:
    """A w: element with w: attributes given as keywords (val="…" is w:val)."""
    el = etree.Element(w(tag))
    for k, v in attrs.items():
        el.set(w(k), v)
    return el


def _ppr(p: etree._Element) -> etree._Element:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    return ppr


def _rpr(*children: etree._Element, base: etree._Element | None = None) -> etree._Element:
    rpr = copy.deepcopy(base) if base is not None else etree.Element(w("rPr"))
    for ch in children:
        _put(rpr, ch, RPR_ORDER)
    return rpr


def _run(text: str = "", rpr: etree._Element | None = None) -> etree._Element:
    r = etree.Element(w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    if text:
        t = etree.SubElement(r, w("t"))
        t.text = text
        if text != text.strip():
            t.set(XML_SPACE, "preserve")
    return r


def _field_run(kind: str, rpr: etree._Element | None = None) -> etree._Element:
    r = _run("", rpr)
    r.append(_el("fldChar", fldCharType=kind))
    return r


def _instr_run(code: str, rpr: etree._Element | None = None) -> etree._Element:
    r = _run("", rpr)
    t = etree.SubElement(r, w("instrText"))
    t.text = code
    t.set(XML_SPACE, "preserve")
    return r


def _styles_add(doc: Docx, xml: str) -> None:
    """Add a style definition to styles.xml unless its styleId is already there (as Word does on first use)."""
    styles = doc.part("word/styles.xml")
    style = etree.fromstring(f'<w:style xmlns:w="{W_NS}" {xml}</w:style>')
    sid = style.get(w("styleId"))
    if not any(s.get(w("styleId")) == sid for s in styles.findall(w("style"))):
        styles.append(style)


def _add_part(doc: Docx, name: str, root: etree._Element, content_type: str, rel_type: str) -> str:
    """A new part related from document.xml; returns its relationship id."""
    doc.add_part(name, root, content_type, rel_type)
    rels = doc.part("word/_rels/document.xml.rels")
    target = name.removeprefix("word/")
    return next(r.get("Id") for r in rels if r.get("Target") == target and r.get("Type") == rel_type)


def _next_id(doc: Docx) -> int:
    """A w:id above every numeric one in the document (bookmarks, comments, revisions share nothing with it)."""
    ids = [int(v) for el in doc.document.iter() for k, v in el.attrib.items()
           if k == w("id") and re.fullmatch(r"-?\d+", v)]
    return max([0, *ids]) + 1


def _text_width(doc: Docx) -> int:
    """Width of the body's text column in twips (page width less the margins)."""
    sect = doc.body.find(w("sectPr"))
    size = sect.find(w("pgSz")) if sect is not None else None
    mar = sect.find(w("pgMar")) if sect is not None else None
    if size is None or mar is None:
        return 8306
    return int(size.get(w("w"))) - int(mar.get(w("left"), "1800")) - int(mar.get(w("right"), "1800"))


# --- what the report says about itself ------------------------------------------------------------------

TITLE = re.compile(r"参赛报告\s*[（(]\s*(初赛|决赛)\s*[)）]")
ANNEX = re.compile(r"^\s*附件\s*([12])\s*$")


def _title_paragraph(doc: Docx) -> etree._Element | None:
    for p in doc.body.findall(w("p")):
        if TITLE.search(para_text(p)) and len(para_text(p)) < 40:
            return p
    return None


def _stage(doc: Docx) -> str | None:
    """初赛 or 决赛, from the title line or else from the annex number (附件1 is the 初赛 form, 附件2 the 决赛)."""
    title = _title_paragraph(doc)
    if title is not None:
        return TITLE.search(para_text(title)).group(1)
    for p in doc.body.findall(w("p"))[:5]:
        m = ANNEX.match(para_text(p))
        if m:
            return ("初赛", "决赛")[int(m.group(1)) - 1]
    return None


def _report_title(doc: Docx) -> str:
    title = _title_paragraph(doc)
    if title is not None:
        return norm(para_text(title))
    stage = _stage(doc)
    return f"湖南省产业集群竞赛参赛报告（{stage}）" if stage else "湖南省产业集群竞赛参赛报告"


def _basic(doc: Docx) -> dict[str, str]:
    """The basic-information values a cover repeats: 集群名称, 申报类别, and the 单位名称 of the promotion
    organisation and of the core park (empty when the applicant left them empty)."""
    out: dict[str, str] = {}
    for tbl in doc.document.iter(w("tbl")):
        group = ""
        for tr in rows(tbl):
            cs = cells(tr)
            if not cs:
                continue
            head = norm(cell_text(cs[0]))
            if head.startswith(("集群促进组织", "集群核心")) and vmerge(cs[0]) != "continue":
                group = "promotion_org" if head.startswith("集群促进组织") else "core_park"
            for a, b in itertools.pairwise(cs):
                label = norm(cell_text(a))
                key = {"集群名称": "cluster_name", "申报类别": "category"}.get(label)
                if label == "单位名称" and group:
                    key = group
                if key and key not in out:
                    out[key] = cell_text(b).strip()
    return out


def _latest_year(doc: Docx) -> int | None:
    years = [int(r.split(":")[1]) for seg in segments(doc.document) for r in seg.roles.values()
             if r.startswith("year:") and seg.kind in ("indicator", "park")]
    return max(years) if years else None


CN_NUMERALS = "〇一二三四五六七八九"


def _cn_year(year: int) -> str:
    return "".join(CN_NUMERALS[int(d)] for d in str(year))


# --- 1. a Word table of contents ---------------------------------------------------------------------------

def _toc_headings(doc: Docx) -> list[tuple[etree._Element, int, str]]:
    """(paragraph, level, text as written) of the headings a table of contents lists."""
    out = []
    for p, number, _ in headings(doc.document):
        text = re.sub(r"\s*\n\s*", "", para_text(p)).strip()
        out.append((p, 2 if "." in number else 1, text))
    return out


def _estimated_pages(doc: Docx, targets: list[etree._Element], first: int = 2) -> dict[etree._Element, int]:
    """A plausible page for each target paragraph: about 40 lines a page, a table row a line and a bit."""
    wanted = set(targets)  # the elements themselves: an id() of a dropped lxml proxy is reused
    lines, out = 0.0, {}
    for p in doc.body.iter(w("p")):
        if p in wanted:
            out[p] = first + int(lines // 40)
        n = len(para_text(p))
        parent = p.getparent()
        if parent is doc.body:
            lines += max(1, math.ceil(n / 38))
        elif parent.tag == w("tc"):
            tr = parent.getparent()
            if n > 120:
                lines += math.ceil(n / 38)
            elif cells(tr) and parent is cells(tr)[0] and p is parent.find(w("p")):
                lines += 1.9
    return out


def _bookmark(p: etree._Element, name: str, bid: int) -> None:
    start = _el("bookmarkStart", id=str(bid), name=name)
    ppr = p.find(w("pPr"))
    (ppr.addnext(start) if ppr is not None else p.insert(0, start))
    p.append(_el("bookmarkEnd", id=str(bid)))


TOC_STYLES = (
    'w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:autoRedefine/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
    '<w:pPr><w:spacing w:after="100"/></w:pPr>',
    'w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:autoRedefine/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
    '<w:pPr><w:spacing w:after="100"/><w:ind w:leftChars="200" w:left="420"/></w:pPr>',
    'w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0000FF" w:themeColor="hyperlink"/>'
    '<w:u w:val="single"/></w:rPr>',
)


def _toc_title(text: str) -> etree._Element:
    p = etree.Element(w("p"))
    ppr = _ppr(p)
    _put(ppr, _el("pStyle", val="TOCHeading"), PPR_ORDER)
    _put(ppr, _el("jc", val="center"), PPR_ORDER)
    fonts = _el("rFonts", ascii="黑体", eastAsia="黑体", hAnsi="黑体", hint="eastAsia")
    p.append(_run(text, _rpr(fonts, _el("color", val="auto"), _el("sz", val="32"), _el("szCs", val="32"))))
    return p


def _toc_entry(text: str, level: int, anchor: str, page: int, tab_pos: int) -> etree._Element:
    """One entry of a TOC field as Word writes it: a hyperlink to the heading's bookmark, a dot-leader
    tab, and a PAGEREF field showing the page."""
    p = etree.Element(w("p"))
    ppr = _ppr(p)
    _put(ppr, _el("pStyle", val=f"TOC{level}"), PPR_ORDER)
    tabs = _put(ppr, etree.Element(w("tabs")), PPR_ORDER)
    tabs.append(_el("tab", val="right", leader="dot", pos=str(tab_pos)))
    _put(ppr, _rpr(etree.Element(w("noProof"))), PPR_ORDER)
    link = etree.SubElement(p, w("hyperlink"))
    link.set(w("anchor"), anchor)
    link.set(w("history"), "1")
    link.append(_run(text, _rpr(_el("rStyle", val="Hyperlink"), etree.Element(w("noProof")))))
    hidden = _rpr(etree.Element(w("noProof")), etree.Element(w("webHidden")))
    tab = _run("", hidden)
    tab.append(etree.Element(w("tab")))
    link.append(tab)
    link.append(_field_run("begin", hidden))
    link.append(_instr_run(f" PAGEREF {anchor} \\h ", hidden))
    link.append(_run("", hidden))
    link.append(_field_run("separate", hidden))
    link.append(_run(str(page), hidden))
    link.append(_field_run("end", hidden))
    return p


def toc_field(doc: Docx) -> bool:
    """A Word table of contents (TOC field, hyperlinks to _Toc bookmarks, page numbers) after the title."""
    found = _toc_headings(doc)
    if len(found) < 3:
        return False
    first_heading = found[0][0]
    if first_heading.getparent() is not doc.body:
        return False
    for xml in TOC_STYLES:
        _styles_add(doc, xml)
    pages = _estimated_pages(doc, [p for p, _, _ in found])
    bid = _next_id(doc)
    tab_pos = _text_width(doc) - 10
    entries = []
    for i, (p, level, text) in enumerate(found):
        anchor = f"_Toc{131245600 + 37 * i + (i * i) % 11}"
        _bookmark(p, anchor, bid + i)
        # the headings carry their outline level, which is what \u builds the table from
        _put(_ppr(p), _el("outlineLvl", val=str(level - 1)), PPR_ORDER)
        entries.append(_toc_entry(text, level, anchor, pages[p], tab_pos))
    begin = [_field_run("begin"), _instr_run(' TOC \\o "1-3" \\h \\z \\u '), _field_run("separate")]
    ppr = entries[0].find(w("pPr"))
    for r in reversed(begin):
        ppr.addnext(r)
    end = etree.Element(w("p"))
    end.append(_field_run("end", _rpr(_el("b"), _el("bCs"), etree.Element(w("noProof")))))
    brk = _run()
    brk.append(_el("br", type="page"))
    end.append(brk)
    block = [_toc_title("目 录"), *entries, end]
    for el in block:
        first_heading.addprevious(el)
    return True


# --- 2. a table of contents typed by hand -------------------------------------------------------------------

LEADERS = ("……", "....", "·····")


def _body_paragraph(doc: Docx) -> etree._Element | None:
    """A paragraph of the applicant's own text (its font and spacing are the body's)."""
    for p in doc.body.iter(w("p")):
        if len(para_text(p)) > 40 and not CHAPTER.match(para_text(p)):
            return p
    return None


def toc_typed(doc: Docx) -> bool:
    """A table of contents typed by hand after the title: 目录, then 一、…………3 lines (dots, middle dots, a tab)."""
    found = _toc_headings(doc)
    if len(found) < 3 or found[0][0].getparent() is not doc.body:
        return False
    like = _body_paragraph(doc)
    pages = _estimated_pages(doc, [p for p, _, _ in found])
    width = _text_width(doc)
    per_line = width // 210  # full-width characters of 五号 on a line
    block = []
    title = new_paragraph("目录", like)
    ppr = _ppr(title)
    for tag in ("ind", "jc"):
        if ppr.find(w(tag)) is not None:
            ppr.remove(ppr.find(w(tag)))
    _put(ppr, _el("jc", val="center"), PPR_ORDER)
    block.append(title)
    for i, (p, _, text) in enumerate(found):
        page = str(pages[p])
        m = re.match(r"^(\d\.\d)\s*[、.．]?\s*(.*)$", text)
        if m:  # a section: typed with one space after its number, indented two spaces
            text = f"  {m.group(1)} {m.group(2)}"
        style = i % 4
        if style == 3:  # a tab to a right tab stop with a dot leader
            line = new_paragraph(text, like)
            tabs = _put(_ppr(line), etree.Element(w("tabs")), PPR_ORDER)
            tabs.append(_el("tab", val="right", leader="dot", pos=str(width - 10)))
            tab = _run("", first_rpr(line))
            tab.append(etree.Element(w("tab")))
            line.append(tab)
            line.append(_run(page, first_rpr(line)))
        else:  # leaders typed until the line is nearly full (… full width, · half, . a third of a character)
            leader = LEADERS[style]
            used = sum(1 if ord(c) > 0x2E7F else 0.5 for c in text) + len(page) * 0.5
            room = max(4, int(per_line - used - 3))
            fill = (leader * 80)[: room * {"……": 1, "....": 3, "·····": 2}[leader]]
            line = new_paragraph(f"{text}{fill}{page}", like)
        for r in line.findall(w("r")):  # typed with the Chinese IME: the runs carry the East Asian hint
            rpr = r.find(w("rPr"))
            if rpr is None:
                rpr = etree.Element(w("rPr"))
                r.insert(0, rpr)
            _put(rpr, _el("rFonts", hint="eastAsia"), RPR_ORDER)
        lppr = _ppr(line)
        if lppr.find(w("ind")) is not None:
            lppr.remove(lppr.find(w("ind")))
        block.append(line)
    brk = new_paragraph("", like)
    r = etree.SubElement(brk, w("r"))
    r.append(_el("br", type="page"))
    block.append(brk)
    for el in block:
        found[0][0].addprevious(el)
    return True


def toc_typed_without_pages(doc: Docx) -> bool:
    """A table of contents typed as the headings alone, without page numbers (目录, then 一、集群基本信息 …)."""
    found = _toc_headings(doc)
    if len(found) < 4 or found[0][0].getparent() is not doc.body:
        return False
    like = _body_paragraph(doc)
    block = [new_paragraph("目录", like)]
    block += [new_paragraph(text, like) for _, _, text in found]
    brk = new_paragraph("", like)
    etree.SubElement(brk, w("r")).append(_el("br", type="page"))
    for el in [*block, brk]:
        found[0][0].addprevious(el)
    return True


# --- 3. a cover page, running header and footer, a landscape section -----------------------------------------

HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
HEADER_REL = REL + "/header"
FOOTER_REL = REL + "/footer"


def _cover_line(text: str, *, size: int, font: str, center: bool, bold: bool = False,
                indent: int = 0, before: int = 0) -> etree._Element:
    p = etree.Element(w("p"))
    ppr = _ppr(p)
    _put(ppr, _el("spacing", before=str(before), after="0", line=str(size * 14), lineRule="exact"), PPR_ORDER)
    if indent:
        _put(ppr, _el("ind", left=str(indent)), PPR_ORDER)
    if center:
        _put(ppr, _el("jc", val="center"), PPR_ORDER)
    props = [_el("rFonts", ascii=font, eastAsia=font, hAnsi=font, hint="eastAsia"),
             _el("sz", val=str(size)), _el("szCs", val=str(size))]
    if bold:
        props += [_el("b"), _el("bCs")]
    if text:
        p.append(_run(text, _rpr(*props)))
    return p


def _cover(doc: Docx) -> list[etree._Element]:
    stage = _stage(doc)
    basic = _basic(doc)
    year = _latest_year(doc)
    out = [_cover_line("", size=32, font="仿宋_GB2312", center=True) for _ in range(3)]
    title = ["湖南省产业集群竞赛", "参赛报告"] + ([f"（{stage}）"] if stage else [])
    out += [_cover_line(t, size=52, font="方正小标宋简体", center=True, bold=True, before=200) for t in title]
    out += [_cover_line("", size=32, font="仿宋_GB2312", center=True) for _ in range(4)]
    fields = (("集群名称：", basic.get("cluster_name")),
              ("集群促进组织（盖章）：", basic.get("promotion_org")),
              ("集群核心承载园区（盖章）：", basic.get("core_park")),
              ("申报类别：", basic.get("category")))
    for label, value in fields:
        if value:  # a field the applicant left empty in the form is not on the cover either
            out.append(_cover_line(label + value, size=32, font="仿宋_GB2312", center=False, indent=840,
                                   before=120))
    out += [_cover_line("", size=32, font="仿宋_GB2312", center=True) for _ in range(3)]
    if year:
        out.append(_cover_line(f"{_cn_year(year + 1)}年三月", size=32, font="仿宋_GB2312", center=True))
    brk = etree.Element(w("p"))
    r = etree.SubElement(brk, w("r"))
    r.append(_el("br", type="page"))
    out.append(brk)
    return out


def _header_root(title: str) -> etree._Element:
    root = etree.Element(w("hdr"), nsmap={"w": W_NS, "r": REL})
    p = etree.SubElement(root, w("p"))
    ppr = _ppr(p)
    _put(ppr, _el("pStyle", val="Header"), PPR_ORDER)
    bdr = _put(ppr, etree.Element(w("pBdr")), PPR_ORDER)
    bdr.append(_el("bottom", val="single", sz="6", space="1", color="auto"))
    _put(ppr, _el("jc", val="center"), PPR_ORDER)
    p.append(_run(title, _rpr(_el("rFonts", hint="eastAsia"), _el("sz", val="18"), _el("szCs", val="18"))))
    return root


def _footer_root() -> etree._Element:
    root = etree.Element(w("ftr"), nsmap={"w": W_NS, "r": REL})
    p = etree.SubElement(root, w("p"))
    ppr = _ppr(p)
    _put(ppr, _el("pStyle", val="Footer"), PPR_ORDER)
    _put(ppr, _el("jc", val="center"), PPR_ORDER)
    rpr = _rpr(_el("rFonts", ascii="宋体", eastAsia="宋体", hAnsi="宋体"), _el("sz", val="28"), _el("szCs", val="28"))
    p.append(_run("— ", rpr))
    p.append(_field_run("begin", rpr))
    p.append(_instr_run(" PAGE   \\* MERGEFORMAT ", rpr))
    p.append(_field_run("separate", rpr))
    p.append(_run("1", _rpr(etree.Element(w("noProof")), base=rpr)))
    p.append(_field_run("end", rpr))
    p.append(_run(" —", rpr))
    return root


def _header_footer(doc: Docx, sect: etree._Element, title: str) -> tuple[str, str]:
    """Relationship ids of the default header and footer: the ones the document has, rewritten, or new parts."""
    rels = {r.get("Id"): r for r in doc.part("word/_rels/document.xml.rels")}
    ids = []
    for kind, make, ct, rel_type in (("header", lambda: _header_root(title), HEADER_CT, HEADER_REL),
                                     ("footer", _footer_root, FOOTER_CT, FOOTER_REL)):
        ref = next((r for r in sect.findall(w(f"{kind}Reference")) if r.get(w("type")) == "default"), None)
        rel = rels.get(ref.get(f"{{{REL}}}id")) if ref is not None else None
        if rel is not None and doc.has("word/" + rel.get("Target")):
            name = "word/" + rel.get("Target")
            doc.parsed[name] = make()  # the applicant edited the header the document had
            ids.append(rel.get("Id"))
            continue
        n = 1
        while doc.has(f"word/{kind}{n}.xml"):
            n += 1
        ids.append(_add_part(doc, f"word/{kind}{n}.xml", make(), ct, rel_type))
    return ids[0], ids[1]


def _section(template: etree._Element, header: str, footer: str, *, landscape: bool = False,
             first_page: bool = False) -> etree._Element:
    """A section's properties like ``template``, with the running header and footer (and a page size)."""
    sect = copy.deepcopy(template)
    for tag in ("headerReference", "footerReference", "titlePg", "pgNumType", "type"):
        for old in sect.findall(w(tag)):
            sect.remove(old)
    refs = []
    for tag, rid in (("headerReference", header), ("footerReference", footer)):
        ref = _el(tag, type="default")
        ref.set(f"{{{REL}}}id", rid)
        refs.append(ref)
    for ref in reversed(refs):
        sect.insert(0, ref)
    if landscape:
        size = sect.find(w("pgSz"))
        if size is not None:
            width, height = size.get(w("w")), size.get(w("h"))
            size.set(w("w"), height)
            size.set(w("h"), width)
            size.set(w("orient"), "landscape")
        mar = sect.find(w("pgMar"))
        if mar is not None:  # Word turns the margins with the page
            old = {k: mar.get(w(k)) for k in ("top", "right", "bottom", "left")}
            for new, was in (("top", "left"), ("right", "top"), ("bottom", "right"), ("left", "bottom")):
                if old[was] is not None:
                    mar.set(w(new), old[was])
    if first_page:  # the cover: no header or footer on it, and it does not count (the report starts at — 1 —)
        _put(sect, _el("pgNumType", start="0"), SECTPR_ORDER)
        _put(sect, etree.Element(w("titlePg")), SECTPR_ORDER)
    return sect


def _wide_table(doc: Docx) -> etree._Element | None:
    """The body-level table that holds the park indicators (3.1), else the widest one after the basic information."""
    body_tables = [t for t in doc.body if t.tag == w("tbl")]
    for seg in segments(doc.document):
        if seg.kind == "park":
            tbl = seg.table
            while tbl.getparent() is not doc.body:
                tbl = tbl.getparent()
                if tbl is None:
                    return None
            return tbl
    rest = body_tables[1:]
    return max(rest, key=grid_width) if rest else None


def cover_and_headers(doc: Docx) -> bool:
    """A cover page, a running header (the title) and footer (— 1 —), and the 3.1 table in a landscape section."""
    sect = doc.body.find(w("sectPr"))
    content = [ch for ch in doc.body if ch.tag != w("sectPr")]
    tbl = _wide_table(doc)
    if sect is None or not content or tbl is None:
        return False
    header, footer = _header_footer(doc, sect, _report_title(doc))
    for el in _cover(doc):
        content[0].addprevious(el)
    # the landscape table takes its heading with it: a section break before the heading, another after the table
    start = tbl
    prev = tbl.getprevious()
    if prev is not None and prev.tag == w("p") and 0 < len(para_text(prev).strip()) <= 40:
        start = prev
    before = etree.Element(w("p"))
    _ppr(before).append(_section(sect, header, footer, first_page=True))
    start.addprevious(before)
    after = etree.Element(w("p"))
    _ppr(after).append(_section(sect, header, footer, landscape=True))
    tbl.addnext(after)
    new = _section(sect, header, footer)
    sect.addprevious(new)
    doc.body.remove(sect)
    return True


# --- 4. content controls: unfilled placeholders and filled controls ------------------------------------------

GLOSSARY_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml"
GLOSSARY_REL = REL + "/glossaryDocument"
# Word's zh-CN placeholder texts: Word 2016+'s default, Word 2010's, and a touch-era custom one.
PLACEHOLDERS = (("单击或点击此处输入文字。", "DefaultPlaceholder_-1854013440"),
                ("单击此处输入文字。", "DefaultPlaceholder_22675703"),
                ("点击或轻按此处输入文字。", hashlib.md5(b"touch placeholder").hexdigest().upper()))
PLACEHOLDER_STYLE = ('w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/>'
                     '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/>'
                     '<w:rPr><w:color w:val="808080"/></w:rPr>')  # shown as 占位符文本 in a zh-CN Word
BASIC_VALUE_LABELS = {"集群名称": "集群名称", "集群主导产业": "主导产业", "单位名称": "单位名称",
                      "园区名称": "园区名称", "编制牵头单位": "编制牵头单位", "集群促进组织名称": "促进组织名称"}


class _Controls:
    """Content controls added to one document: ids, which placeholders were used."""

    def __init__(self) -> None:
        self.n = 0
        self.used: set[int] = set()

    def sdt(self, content: list[etree._Element], which: int, *, showing: bool,
            alias: str | None = None, plain: bool = True) -> etree._Element:
        self.n += 1
        digest = hashlib.md5(f"sdt{self.n}".encode()).digest()
        sid = int.from_bytes(digest[:4], "big", signed=True)
        sdt = etree.Element(w("sdt"))
        pr = etree.SubElement(sdt, w("sdtPr"))
        if alias:
            pr.append(_el("alias", val=alias))
            pr.append(_el("tag", val=alias))
        pr.append(_el("id", val=str(sid)))
        ph = etree.SubElement(pr, w("placeholder"))
        ph.append(_el("docPart", val=PLACEHOLDERS[which][1]))
        if showing:
            pr.append(etree.Element(w("showingPlcHdr")))
        if plain:  # a plain-text control; one over several paragraphs is a rich-text one (no w:text)
            pr.append(etree.Element(w("text")))
        etree.SubElement(sdt, w("sdtEndPr"))
        body = etree.SubElement(sdt, w("sdtContent"))
        for el in content:
            body.append(el)
        self.used.add(which)
        return sdt

    def placeholder_run(self, p: etree._Element, which: int) -> etree._Element:
        rpr = _rpr(_el("rStyle", val="PlaceholderText"), base=first_rpr(p))
        return _run(PLACEHOLDERS[which][0], rpr)


def _empty(tc: etree._Element) -> bool:
    """A cell with nothing in it: no text, no symbol, picture or nested table, not the tail of a merge."""
    if vmerge(tc) == "continue" or tc.find(w("tbl")) is not None or tc.find(w("sdt")) is not None:
        return False
    if any(True for _ in tc.iter(w("sym"), w("drawing"), w("pict"), w("object"))):
        return False
    return cell_text(tc) == "" and bool(tc.findall(w("p")))


def _placeholder_in_cell(ctl: _Controls, tc: etree._Element, which: int, block: bool) -> None:
    ps = tc.findall(w("p"))
    for extra in ps[1:]:
        if not para_text(extra):
            tc.remove(extra)
    p = ps[0]
    for ch in list(p):
        if ch.tag not in (w("pPr"),):
            p.remove(ch)
    if block:  # the whole paragraph in the control (inserted with the cell's paragraph mark selected)
        p.append(ctl.placeholder_run(p, which))
        p.addprevious(ctl.sdt([], which, showing=True))
        sdt = p.getprevious()
        sdt.find(w("sdtContent")).append(p)
    else:
        p.append(ctl.sdt([ctl.placeholder_run(p, which)], which, showing=True))


def _filled_in_cell(ctl: _Controls, tc: etree._Element, which: int, block: bool, alias: str | None = None) -> bool:
    ps = tc.findall(w("p"))
    if not ps or not cell_text(tc) or tc.find(w("tbl")) is not None or tc.find(w("sdt")) is not None:
        return False
    if block:
        ps[0].addprevious(ctl.sdt([], which, showing=False, alias=alias, plain=len(ps) == 1))
        content = ps[0].getprevious().find(w("sdtContent"))
        for p in ps:
            content.append(p)
        return True
    if len(ps) != 1:
        return False
    runs = [ch for ch in ps[0] if ch.tag != w("pPr")]
    if not runs or any(r.tag != w("r") for r in runs):
        return False
    for r in runs:
        ps[0].remove(r)
    ps[0].append(ctl.sdt(runs, which, showing=False, alias=alias))
    return True


def _header_like(tr: etree._Element) -> bool:
    texts = [norm(cell_text(tc)) for tc in cells(tr)]
    return any(YEAR.match(t) or "园区总额" in t or t.startswith("其中") or "指标名称" in t or t == "序号"
               for t in texts)


def _glossary(used: set[int]) -> etree._Element:
    """The glossary document holding the placeholder building blocks the controls point at."""
    root = etree.Element(w("glossaryDocument"), nsmap={"w": W_NS})
    parts = etree.SubElement(root, w("docParts"))
    for which in sorted(used):
        text, name = PLACEHOLDERS[which]
        part = etree.SubElement(parts, w("docPart"))
        pr = etree.SubElement(part, w("docPartPr"))
        pr.append(_el("name", val=name))
        cat = etree.SubElement(pr, w("category"))
        cat.append(_el("name", val="常规"))
        cat.append(_el("gallery", val="placeholder"))
        types = etree.SubElement(pr, w("types"))
        types.append(_el("type", val="bbPlcHdr"))
        behaviors = etree.SubElement(pr, w("behaviors"))
        behaviors.append(_el("behavior", val="content"))
        g = hashlib.md5(name.encode()).hexdigest().upper()
        pr.append(_el("guid", val=f"{{{g[:8]}-{g[8:12]}-{g[12:16]}-{g[16:20]}-{g[20:]}}}"))
        body = etree.SubElement(part, w("docPartBody"))
        p = etree.SubElement(body, w("p"))
        p.append(_run(text, _rpr(_el("rStyle", val="PlaceholderText"))))
    return root


def placeholders_unfilled(doc: Docx) -> bool:
    """A form built with content controls: cells left empty still show 单击或点击此处输入文字。 placeholders."""
    ctl = _Controls()
    blocks = segments(doc.document)
    seg_rows = {tr for seg in blocks for tr in seg.header + seg.data}  # elements: an id() of a proxy is reused
    data_rows = {tr for seg in blocks for tr in seg.data}
    block_rows_left = 3  # the rows of one empty list are controls around the whole paragraph
    headers = {seg.header[0] for seg in blocks}
    for t_index, tbl in enumerate(doc.document.iter(w("tbl"))):
        which = t_index % len(PLACEHOLDERS)  # one placeholder text per block: blocks made at different times
        for tr in rows(tbl):
            cs = cells(tr)
            if tr in headers:
                which = (which + 1) % len(PLACEHOLDERS)
            if not cs or (tr in seg_rows and tr not in data_rows):
                continue
            if tr not in seg_rows and _header_like(tr):
                continue
            whole_row_empty = len(cs) >= 2 and all(_empty(tc) for tc in cs)
            block = whole_row_empty and block_rows_left > 0
            if block:
                block_rows_left -= 1
            labels = [norm(cell_text(tc)) for tc in cs]
            for i, tc in enumerate(cs):
                if _empty(tc):
                    if len(cs) == 1:
                        continue  # a one-cell row is a title or a text block, not a field
                    _placeholder_in_cell(ctl, tc, which, block)
                elif i > 0 and labels[i - 1] in BASIC_VALUE_LABELS and tr not in seg_rows:
                    _filled_in_cell(ctl, tc, 0, block=True, alias=BASIC_VALUE_LABELS[labels[i - 1]])
    filled = 0
    for seg in blocks:  # the first figures of each indicator table typed into controls
        if seg.kind not in ("indicator", "park", "target") or not seg.data:
            continue
        for col in seg.cols("year:")[:2]:
            tc = next((c for c, start, _ in positions(seg.data[0]) if start == col), None)
            if tc is not None and _filled_in_cell(ctl, tc, filled % len(PLACEHOLDERS), block=False):
                filled += 1
    if not ctl.used:
        return False
    _styles_add(doc, PLACEHOLDER_STYLE)
    if not doc.has("word/glossary/document.xml"):
        doc.add_part("word/glossary/document.xml", _glossary(ctl.used), GLOSSARY_CT, GLOSSARY_REL)
    return True


# --- pictures beside the tables: a chart and a logo, which are no table ------------------------------------

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMU = 12700


def _chart_png(bars: list[float], title_lines: int = 2) -> bytes:
    """A bar chart as an office worker pastes one: axes, gridlines, bars, a legend box (PIL, no text)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (900, 420), "white")
    draw = ImageDraw.Draw(image)
    for y in range(60, 380, 40):
        draw.line([(80, y), (860, y)], fill=(200, 200, 200), width=1)
    draw.line([(80, 40), (80, 380), (860, 380)], fill="black", width=2)
    top = max(bars) or 1
    for i, value in enumerate(bars):
        h = int(300 * value / top)
        draw.rectangle([120 + i * 110, 380 - h, 180 + i * 110, 380], fill=(68, 114, 196))
    draw.rectangle([700, 40, 850, 40 + 30 * title_lines], outline="black")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _inline_picture(rid: str, pid: int, cx_pt: float, cy_pt: float, like: etree._Element) -> etree._Element:
    p = new_paragraph("", like)
    r = etree.SubElement(p, w("r"))
    drawing = etree.SubElement(r, w("drawing"))
    inline = etree.SubElement(drawing, f"{{{WP}}}inline", distT="0", distB="0", distL="0", distR="0")
    etree.SubElement(inline, f"{{{WP}}}extent", cx=str(int(cx_pt * EMU)), cy=str(int(cy_pt * EMU)))
    etree.SubElement(inline, f"{{{WP}}}docPr", id=str(pid), name=f"图片 {pid}")
    graphic = etree.SubElement(inline, f"{{{A}}}graphic")
    data = etree.SubElement(graphic, f"{{{A}}}graphicData", uri=PIC)
    pic = etree.SubElement(data, f"{{{PIC}}}pic")
    nv = etree.SubElement(pic, f"{{{PIC}}}nvPicPr")
    etree.SubElement(nv, f"{{{PIC}}}cNvPr", id=str(pid), name=f"图片 {pid}")
    etree.SubElement(nv, f"{{{PIC}}}cNvPicPr")
    fill = etree.SubElement(pic, f"{{{PIC}}}blipFill")
    etree.SubElement(fill, f"{{{A}}}blip", {f"{{{R_NS}}}embed": rid})
    etree.SubElement(etree.SubElement(fill, f"{{{A}}}stretch"), f"{{{A}}}fillRect")
    sp = etree.SubElement(pic, f"{{{PIC}}}spPr")
    xfrm = etree.SubElement(sp, f"{{{A}}}xfrm")
    etree.SubElement(xfrm, f"{{{A}}}off", x="0", y="0")
    etree.SubElement(xfrm, f"{{{A}}}ext", cx=str(int(cx_pt * EMU)), cy=str(int(cy_pt * EMU)))
    etree.SubElement(etree.SubElement(sp, f"{{{A}}}prstGeom", prst="rect"), f"{{{A}}}avLst")
    return p


def charts_beside_tables(doc: Docx) -> bool:
    """A chart pasted after the 2.1 table and a picture before the 2.2 table (no table in them to read)."""
    tables = [seg.table for seg in segments(doc.document) if seg.kind == "indicator"]
    if len(tables) < 2 or tables[0] is tables[1]:
        return False
    like = _body_paragraph(doc)
    pid = _next_id(doc)
    first = doc.add_media("word/media/chart1.png", _chart_png([3, 5, 4, 6, 7]), "image/png")
    second = doc.add_media("word/media/chart2.png", _chart_png([7, 6, 5, 4], 3), "image/png")
    tables[0].addnext(_inline_picture(first, pid, 400, 187, like))
    tables[1].addprevious(_inline_picture(second, pid + 1, 300, 140, like))
    return True


TRANSFORMS: tuple[Transform, ...] = (
    docx(toc_field),
    docx(toc_typed),
    docx(toc_typed_without_pages),
    docx(cover_and_headers),
    docx(placeholders_unfilled),
    docx(charts_beside_tables),
)


# --- 5. a PDF whose every glyph is drawn on its own -------------------------------------------------------------

HEADING_FONT = "STSong-Light"
BASIC_LABELS = {"集群名称", "产业领域", "申报类别", "集群主导产业", "集群地域范围", "集群促进组织", "集群核心承载园区",
                "单位名称", "负责人姓名、职务", "联系人姓名、职务", "电话", "园区名称", "园区主导产业",
                "集群促进组织名称", "编制牵头单位"}
_FONTS: dict[str, str] = {}


def _fonts() -> tuple[str, str]:
    """(heading font, body font): reportlab's non-embedded STSong-Light, and an embedded TrueType CJK face
    from the machine when there is one (else STSong-Light throughout)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if HEADING_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(HEADING_FONT))
    if "body" not in _FONTS:
        _FONTS["body"] = HEADING_FONT
        try:
            listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=60,
                                     check=False).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        paths = sorted({line.split(":")[0].strip() for line in listing.splitlines() if line.strip()})
        for path in paths:
            if not path.lower().endswith((".ttf", ".ttc")):
                continue
            name = re.sub(r"[^A-Za-z0-9]", "", Path(path).stem) or "CJK"
            try:
                pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
                pdfmetrics.stringWidth("集群", name, 10)
            except Exception:  # a CFF-flavoured or broken face: try the next one
                continue
            _FONTS["body"] = name
            break
    return HEADING_FONT, _FONTS["body"]


NO_LINE_START = set("。，、；：？！）》」』】”’%．,.;:!?)")
_TOKEN = re.compile(r"[A-Za-z0-9.,%+\-－—/:()（）]+|\S|\s")


def _layout(text: str, font: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Lines of ``text`` within ``width``: CJK breaks anywhere, a run of digits and letters stays whole."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for para in text.split("\n"):
        line, used, room = "", 0.0, width - indent
        for tok in _TOKEN.findall(para):
            tw = stringWidth(tok, font, size)
            if line and tok in NO_LINE_START:  # 避头: closing punctuation hangs past the margin, as Word lets it
                line, used = line + tok, used + tw
                continue
            if line and used + tw > room:
                if tok.isspace():
                    continue
                out.append(line)
                line, used, room = "", 0.0, width
            if tw > room:  # a token longer than the line: broken by characters
                for ch in tok:
                    cw = stringWidth(ch, font, size)
                    if line and used + cw > room:
                        out.append(line)
                        line, used, room = "", 0.0, width
                    line, used = line + ch, used + cw
                continue
            line, used = line + tok, used + tw
        out.append(line)
    return out


def _draw_glyphs(canv, text: str, font: str, size: float, x: float, y: float, gap: float = 0.0) -> None:
    """One text object, and in it each character placed by its own Tm and shown by its own Tj."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    t = canv.beginText()
    t.setFont(font, size)
    for ch in text:
        if not ch.isspace():
            t.setTextOrigin(x, y)
            t.textOut(ch)
        x += stringWidth(ch, font, size) + gap
    canv.drawText(t)


def _glyphs_class():
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable

    class Glyphs(Flowable):
        """Text laid out in lines and drawn glyph by glyph: left, centred, or distributed across the width."""

        def __init__(self, text: str, font: str, size: float, leading: float, align: str = "left",
                     indent: float = 0.0, lines: list[str] | None = None, first: bool = True) -> None:
            super().__init__()
            self.text, self.font, self.size, self.leading = text, font, size, leading
            self.align, self.indent, self.lines, self.first = align, indent, lines, first
            self._lines: list[str] = []
            self._width = 0.0

        def wrap(self, aw, ah):
            self._width = aw
            self._lines = self.lines if self.lines is not None else _layout(self.text, self.font, self.size, aw,
                                                                              self.indent)
            return aw, len(self._lines) * self.leading

        def split(self, aw, ah):
            self.wrap(aw, ah)
            n = int(ah // self.leading)
            if n <= 0 or n >= len(self._lines):
                return []
            cls = type(self)
            return [cls(self.text, self.font, self.size, self.leading, self.align, self.indent, self._lines[:n],
                        self.first),
                    cls(self.text, self.font, self.size, self.leading, self.align, self.indent, self._lines[n:],
                        False)]

        def draw(self):
            h = len(self._lines) * self.leading
            for i, line in enumerate(self._lines):
                y = h - (i + 1) * self.leading + (self.leading - self.size) / 2 + self.size * 0.12
                x0 = self.indent if (i == 0 and self.first) else 0.0
                natural = stringWidth(line, self.font, self.size)
                gap = 0.0
                if self.align == "center":
                    x0 = (self._width - natural) / 2
                elif self.align == "distributed":
                    chars = len(line)
                    if chars > 1:
                        gap = max(0.0, (self._width - natural) / (chars - 1))
                    else:
                        x0 = (self._width - natural) / 2
                _draw_glyphs(self.canv, line, self.font, self.size, x0, y, gap)

    return Glyphs


class _Pdf:
    """The state of one rendering: fonts, the flowable class, which paragraphs and cells are what."""

    CELL, BODY = 8.0, 10.5

    def __init__(self, doc: Docx) -> None:
        self.heading_font, self.body_font = _fonts()
        self.Glyphs = _glyphs_class()
        # keyed by the elements themselves: an id() of a dropped lxml proxy is reused
        self.heads = {p: number for p, number, _ in headings(doc.document)}
        self.title = _title_paragraph(doc)
        self.labels: set[etree._Element] = set()
        for seg in segments(doc.document):
            if seg.kind in ("indicator", "park", "target"):
                for tr in seg.data:
                    tc = next((c for c, start, _ in positions(tr) if start == seg.col("label")), None)
                    if tc is not None:
                        self.labels.add(tc)
        for tc in doc.document.iter(w("tc")):
            if norm(cell_text(tc)) in BASIC_LABELS:
                self.labels.add(tc)

    def paragraph(self, p: etree._Element, in_cell: bool = False):
        from reportlab.platypus import Spacer

        text = para_text(p).strip()
        if not text:
            return Spacer(1, 3 if in_cell else 6)
        if p is self.title:
            return self.Glyphs(text, self.heading_font, 16, 26, "center")
        if p in self.heads:
            sub = "." in self.heads[p]
            size = (self.CELL + 1 if in_cell else 11) if sub else (self.CELL + 2 if in_cell else 12.5)
            return self.Glyphs(text, self.heading_font, size, size * 1.6)
        if in_cell:
            return self.Glyphs(text, self.body_font, self.CELL, 10.5)
        return self.Glyphs(text, self.body_font, self.BODY, 17, indent=2 * self.BODY if len(text) > 30 else 0.0)

    def cell(self, tc: etree._Element):
        if tc in self.labels:
            return self.Glyphs(cell_text(tc), self.body_font, self.CELL, 10.5, "distributed")
        parts = [self.paragraph(p, in_cell=True) for p in tc.findall(w("p")) if para_text(p).strip()]
        text = cell_text(tc)
        if len(parts) == 1 and re.fullmatch(r"[\d.,%+\-－—/（）()P第页年月\s]+", text):
            return self.Glyphs(text, self.body_font, self.CELL, 10.5, "center")
        return parts or ""

    def flowables(self, container: etree._Element, width: float) -> list:
        from reportlab.platypus import Spacer

        out: list = []
        for ch in container:
            if ch.tag == w("p"):
                out.append(self.paragraph(ch))
            elif ch.tag == w("tbl"):
                out.extend(self.table(ch, width))
                out.append(Spacer(1, 6))
        return out

    def table(self, tbl: etree._Element, width: float) -> list:
        trs = rows(tbl)
        if len(trs) == 1 and len(cells(trs[0])) == 1:  # a one-cell frame: its content flows on
            return self.flowables(cells(trs[0])[0], width)
        out: list = []
        group: list[etree._Element] = []
        for tr in trs:
            only = cells(tr)
            if len(only) == 1 and len(cell_text(only[0])) > 200:  # a text block: flows as paragraphs
                if group:
                    out.append(self.grid(tbl, group, width))
                    group = []
                out.extend(self.flowables(only[0], width))
            else:
                group.append(tr)
        if group:
            out.append(self.grid(tbl, group, width))
        return out

    def grid(self, tbl: etree._Element, trs: list[etree._Element], width: float):
        return grid_table(tbl, trs, self.cell, width, padding=4)


def pdf_chars_separate(src: Path, dst: Path) -> bool:
    """A PDF whose every character is its own text-show operation, labels distributed across their cells,
    with a running header (the report's title) and a page footer — N — on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import SimpleDocTemplate

    doc = Docx(src)
    state = _Pdf(doc)
    basic = _basic(doc)
    title = _report_title(doc)
    running = f"{basic['cluster_name']}  {title}" if basic.get("cluster_name") else title
    margin = 62.0
    page_w, page_h = A4

    def furniture(canv, _doc) -> None:
        canv.saveState()
        size = 9.0
        x = (page_w - stringWidth(running, state.heading_font, size)) / 2
        _draw_glyphs(canv, running, state.heading_font, size, x, page_h - 40, 0.0)
        canv.setLineWidth(0.6)
        canv.line(margin, page_h - 45, page_w - margin, page_h - 45)
        footer = f"— {canv.getPageNumber()} —"
        size = 10.5
        x = (page_w - stringWidth(footer, state.body_font, size)) / 2
        _draw_glyphs(canv, footer, state.body_font, size, x, 32, 0.0)
        canv.restoreState()

    pdf = SimpleDocTemplate(str(dst), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=title, author="reportcheck variants", invariant=1)
    pdf.build(state.flowables(doc.body, page_w - 2 * margin), onFirstPage=furniture, onLaterPages=furniture)
    return True


def pdf_placeholders(src: Path, dst: Path) -> bool:
    """The form with unfilled content controls printed to PDF by LibreOffice: the prompts are plain text."""
    from .pdf import edited_and_printed

    return edited_and_printed(src, dst, placeholders_unfilled)


PDF_TRANSFORMS: tuple[Transform, ...] = (
    Transform("pdf_chars_separate", "a PDF drawing each character on its own (distributed labels, running "
              "header and page footer)", pdf_chars_separate, output="pdf"),
    Transform("pdf_placeholders", "unfilled content controls printed to PDF by LibreOffice (the prompts as text)",
              pdf_placeholders, output="pdf", needs_libreoffice=True),
)
