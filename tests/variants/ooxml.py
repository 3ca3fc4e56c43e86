"""WordprocessingML plumbing for the variant transforms: open a .docx, edit its XML with lxml, write it back.

Only the parts a transform touched are re-serialised; every other part is copied byte for byte with its
original zip entry. Nothing here uses the tool's own reader.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
NSMAP = {"w": W_NS, "r": R_NS}


def w(tag: str) -> str:
    """Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{tag}"


class Docx:
    """A .docx held in memory: raw parts plus the parsed ones a transform asked for."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as z:
            self.infos = z.infolist()
            self.raw = {i.filename: z.read(i.filename) for i in self.infos}
        self.parsed: dict[str, etree._Element] = {}
        self.added: dict[str, bytes] = {}

    def part(self, name: str) -> etree._Element:
        if name not in self.parsed:
            self.parsed[name] = etree.fromstring(self.raw[name])
        return self.parsed[name]

    @property
    def document(self) -> etree._Element:
        return self.part("word/document.xml")

    @property
    def body(self) -> etree._Element:
        return self.document.find(w("body"))

    def has(self, name: str) -> bool:
        return name in self.raw or name in self.added

    def add_part(self, name: str, root: etree._Element, content_type: str, rel_type: str) -> str:
        """A new part related from the main document (comments.xml and the like); its relationship id."""
        self.parsed[name] = root
        self.added[name] = b""
        types = self.part("[Content_Types].xml")
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=content_type)
        return self._relate(name, rel_type)

    def add_media(self, name: str, data: bytes, content_type: str) -> str:
        """A picture (word/media/…), its extension's content type declared; its relationship id."""
        self.added[name] = data
        types = self.part("[Content_Types].xml")
        ext = name.rsplit(".", 1)[-1]
        if not any(d.get("Extension") == ext for d in types.findall(f"{{{CT_NS}}}Default")):
            types.insert(0, etree.Element(f"{{{CT_NS}}}Default", Extension=ext, ContentType=content_type))
        return self._relate(name, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image")

    def _relate(self, name: str, rel_type: str) -> str:
        rels = self.part("word/_rels/document.xml.rels")
        ids = {r.get("Id") for r in rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship", Id=f"rId{n}", Type=rel_type,
                         Target=name.removeprefix("word/"))
        return f"rId{n}"

    def save(self, dst: Path) -> None:
        with zipfile.ZipFile(dst, "w") as z:
            for info in self.infos:
                body = self.raw[info.filename]
                if info.filename in self.parsed:
                    body = etree.tostring(self.parsed[info.filename], xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
                z.writestr(info, body)
            for name, data in self.added.items():
                entry = zipfile.ZipInfo(name, date_time=(2023, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(entry, data if name not in self.parsed else etree.tostring(
                    self.parsed[name], xml_declaration=True, encoding="UTF-8", standalone=True))


def docx_transform(edit: Callable[[Docx], bool]) -> Callable[[Path, Path], bool]:
    """Wrap an in-memory edit as ``apply(src, dst)``: nothing is written when the edit does not apply."""

    def apply(src: Path, dst: Path) -> bool:
        doc = Docx(src)
        if not edit(doc):
            return False
        doc.save(dst)
        return True

    apply.__name__ = edit.__name__
    apply.__doc__ = edit.__doc__
    return apply


# --- text ---------------------------------------------------------------------------------------

def para_text(p: etree._Element) -> str:
    """Visible text of a paragraph: w:t (inserted text included), w:br and w:tab as newline/tab."""
    out = []
    for el in p.iter(w("t"), w("br"), w("tab"), w("cr")):
        if el.tag == w("t"):
            out.append(el.text or "")
        elif el.tag == w("tab"):
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    return tc.findall(w("p"))


def cell_text(tc: etree._Element) -> str:
    return "\n".join(para_text(p) for p in cell_paragraphs(tc)).strip()


def first_rpr(p: etree._Element) -> etree._Element | None:
    r = p.find(f".//{w('r')}")
    rpr = r.find(w("rPr")) if r is not None else None
    return copy.deepcopy(rpr) if rpr is not None else None


def make_run(text: str, rpr: etree._Element | None = None) -> etree._Element:
    """A run; newlines become w:br as Word writes a Shift+Enter."""
    r = etree.Element(w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    for i, piece in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, w("br"))
        if piece:
            t = etree.SubElement(r, w("t"))
            t.text = piece
            if piece != piece.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def set_para_text(p: etree._Element, text: str) -> None:
    rpr = first_rpr(p)
    for ch in list(p):
        if ch.tag != w("pPr"):
            p.remove(ch)
    if text:
        p.append(make_run(text, rpr))


def set_cell_text(tc: etree._Element, text: str) -> None:
    """One paragraph per line of ``text`` (the first paragraph's formatting kept)."""
    paras = cell_paragraphs(tc)
    first = paras[0] if paras else etree.SubElement(tc, w("p"))
    for p in paras[1:]:
        tc.remove(p)
    lines = text.split("\n") if text else [""]
    set_para_text(first, lines[0])
    anchor = first
    for line in lines[1:]:
        p = copy.deepcopy(first)
        set_para_text(p, line)
        anchor.addnext(p)
        anchor = p


def new_paragraph(text: str, like: etree._Element | None = None) -> etree._Element:
    p = etree.Element(w("p"))
    if like is not None and like.find(w("pPr")) is not None:
        p.append(copy.deepcopy(like.find(w("pPr"))))
        num = p.find(f"{w('pPr')}/{w('numPr')}")
        if num is not None:
            num.getparent().remove(num)
    if text:
        p.append(make_run(text, first_rpr(like) if like is not None else None))
    return p


# --- tables ---------------------------------------------------------------------------------------

def rows(tbl: etree._Element) -> list[etree._Element]:
    return tbl.findall(w("tr"))


def cells(tr: etree._Element) -> list[etree._Element]:
    return tr.findall(w("tc"))


def _tcpr(tc: etree._Element) -> etree._Element:
    pr = tc.find(w("tcPr"))
    if pr is None:
        pr = etree.Element(w("tcPr"))
        tc.insert(0, pr)
    return pr


def span(tc: etree._Element) -> int:
    gs = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
    return int(gs.get(w("val"))) if gs is not None else 1


def set_span(tc: etree._Element, n: int) -> None:
    pr = _tcpr(tc)
    gs = pr.find(w("gridSpan"))
    if n == 1:
        if gs is not None:
            pr.remove(gs)
        return
    if gs is None:
        gs = etree.Element(w("gridSpan"))
        tcw = pr.find(w("tcW"))
        (tcw.addnext(gs) if tcw is not None else pr.insert(0, gs))
    gs.set(w("val"), str(n))


def vmerge(tc: etree._Element) -> str | None:
    """"restart", "continue" or None."""
    vm = tc.find(f"{w('tcPr')}/{w('vMerge')}")
    if vm is None:
        return None
    return vm.get(w("val")) or "continue"


def set_vmerge(tc: etree._Element, kind: str | None) -> None:
    pr = _tcpr(tc)
    vm = pr.find(w("vMerge"))
    if kind is None:
        if vm is not None:
            pr.remove(vm)
        return
    if vm is None:
        vm = etree.SubElement(pr, w("vMerge"))
        # schema order: tcW, gridSpan, vMerge, ... keep it after gridSpan/tcW
        for before in ("tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"):
            other = pr.find(w(before))
            if other is not None:
                other.addprevious(vm)
                break
    if kind == "restart":
        vm.set(w("val"), "restart")
    elif w("val") in vm.attrib:
        del vm.attrib[w("val")]


def grid_before(tr: etree._Element) -> int:
    gb = tr.find(f"{w('trPr')}/{w('gridBefore')}")
    return int(gb.get(w("val"))) if gb is not None else 0


def positions(tr: etree._Element) -> list[tuple[etree._Element, int, int]]:
    """(cell, first grid column, span) for each cell of a row."""
    out, col = [], grid_before(tr)
    for tc in cells(tr):
        n = span(tc)
        out.append((tc, col, n))
        col += n
    return out


def cell_at(tr: etree._Element, col: int) -> etree._Element | None:
    for tc, start, n in positions(tr):
        if start <= col < start + n:
            return tc
    return None


def cell_from(tr: etree._Element, col: int) -> etree._Element | None:
    """The cell that starts at grid column ``col`` (not one that only spans over it)."""
    return next((tc for tc, start, _ in positions(tr) if start == col), None)


def grid_width(tbl: etree._Element) -> int:
    return len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}"))


def new_cell(like: etree._Element, text: str = "", n: int = 1) -> etree._Element:
    """A cell formatted like ``like``, holding ``text``, spanning ``n`` columns, not merged."""
    tc = copy.deepcopy(like)
    for nested in tc.findall(w("tbl")):
        tc.remove(nested)
    set_vmerge(tc, None)
    set_span(tc, n)
    set_cell_text(tc, text)
    return tc


@dataclass
class NewCell:
    """What to put in a row that gets a new grid column."""

    text: str = ""
    vmerge: str | None = None


def insert_column(tbl: etree._Element, at: int, targets: dict[etree._Element, NewCell], width: int = 900) -> None:
    """Insert a grid column before grid column ``at``. Rows in ``targets`` get a new cell there; every
    other row widens the cell that covers column ``at - 1`` (or ``at`` when at is 0), as Word leaves a
    merged row when a column is added to part of a table."""
    grid = tbl.find(w("tblGrid"))
    cols = grid.findall(w("gridCol"))
    gc = etree.Element(w("gridCol"))
    gc.set(w("w"), str(width))
    if at < len(cols):
        cols[at].addprevious(gc)
    else:
        grid.append(gc)
    for tr in rows(tbl):
        pos = positions(tr)
        if tr in targets and not any(start < at < start + n for _, start, n in pos):
            spec = targets[tr]
            like = pos[min(range(len(pos)), key=lambda i: abs(pos[i][1] - at))][0]
            tc = new_cell(like, spec.text)
            tcw = tc.find(f"{w('tcPr')}/{w('tcW')}")
            if tcw is not None:
                tcw.set(w("w"), str(width))
                tcw.set(w("type"), "dxa")
            set_vmerge(tc, spec.vmerge)
            after = next((c for c, start, _ in pos if start >= at), None)
            if after is not None:
                after.addprevious(tc)
            else:
                tr.append(tc)
            continue
        col = at - 1 if at > 0 else 0
        cover = cell_at(tr, col)
        if cover is None and pos:
            cover = pos[-1][0]
        if cover is not None:
            set_span(cover, span(cover) + 1)


def remove_column(tbl: etree._Element, col: int) -> None:
    """Drop grid column ``col``: cells that are just that column go, wider ones shrink."""
    grid = tbl.find(w("tblGrid"))
    grid.remove(grid.findall(w("gridCol"))[col])
    for tr in rows(tbl):
        tc = cell_at(tr, col)
        if tc is None:
            continue
        if span(tc) > 1:
            set_span(tc, span(tc) - 1)
        else:
            tr.remove(tc)


def is_full_width(tr: etree._Element, width: int) -> bool:
    pos = positions(tr)
    return len(pos) == 1 and pos[0][2] >= width


# --- the form ---------------------------------------------------------------------------------------

YEAR = re.compile(r"^(20\d\d)年$")
LIST_FIRST = ("企业名称", "建设单位名称", "技术创新载体名称", "名称", "企业")
SUB_HEADING = re.compile(r"^\s*([1-7])\s*\.\s*([1-9])\s*[、.．]?\s*(\S.*)$")
CHAPTER = re.compile(r"^\s*([一二三四五六七—])、(.+)$")


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Segment:
    """One logical table of the form: header rows plus the data rows under them (a merged table holds many)."""

    table: etree._Element
    kind: str  # "indicator", "park" (3.1), "target" (5.1) or "list"
    header: list[etree._Element]
    data: list[etree._Element] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # grid column → role

    def col(self, role: str) -> int | None:
        return next((c for c, r in self.roles.items() if r == role), None)

    def cols(self, prefix: str) -> list[int]:
        return sorted(c for c, r in self.roles.items() if r.startswith(prefix))

    @property
    def label_end(self) -> int:
        """First grid column after the label/first column."""
        label = self.col("label")
        tc = cell_at(self.header[0], label)
        return label + span(tc)


def _header_kind(tr: etree._Element) -> str | None:
    texts = [norm(cell_text(tc)) for tc in cells(tr)]
    if texts and texts[0] == "序号":
        texts = texts[1:]
    if not texts:
        return None
    joined = "|".join(texts)
    first = texts[0].replace("近2年情况", "")
    if "指标名称" in first and ("上一年" in joined or "发展目标" in joined):
        return "target"
    if "指标名称" in first and any(YEAR.match(t) for t in texts[1:]):
        return "indicator"
    if first in LIST_FIRST:
        return "list"
    return None


def _is_second_header(tr: etree._Element) -> bool:
    """The lower header row (years, or 园区总额/其中): its first cell is empty or merged from above; a data
    row holding a bare year (a 批准时间 of 2021年) is not one."""
    texts = [norm(cell_text(tc)) for tc in cells(tr)]
    if not texts or (texts[0] and texts[0] != "序号"):
        return False
    return any(YEAR.match(t) or "园区总额" in t for t in texts) and not any(
        re.search(r"\d+\.\d|（亿元）|（个）", t) for t in texts)


def segments(root: etree._Element) -> list[Segment]:
    """Every indicator/list/target block of the document, nested tables included, in document order."""
    out: list[Segment] = []
    for tbl in root.iter(w("tbl")):
        width = grid_width(tbl)
        current: Segment | None = None
        trs = rows(tbl)
        i = 0
        while i < len(trs):
            tr = trs[i]
            kind = _header_kind(tr)
            if kind is not None:
                header = [tr]
                if i + 1 < len(trs) and _is_second_header(trs[i + 1]):
                    header.append(trs[i + 1])
                    i += 1
                if kind == "indicator" and any("园区总额" in cell_text(tc) for tc in cells(header[-1])):
                    kind = "park"
                current = Segment(tbl, kind, header)
                _roles(current)
                out.append(current)
            elif current is not None and (is_full_width(tr, width) or not cells(tr)):
                current = None
            elif current is not None:
                current.data.append(tr)
            i += 1
    return out


def _roles(seg: Segment) -> None:
    first = positions(seg.header[0])
    if norm(cell_text(first[0][0])) == "序号":
        seg.roles[first[0][1]] = "serial"
        first = first[1:]
    seg.roles[first[0][1]] = "label"
    for tc, start, n in first[1:]:
        t = norm(cell_text(tc))
        if seg.kind == "target":
            m = re.search(r"(20\d\d)年", t)
            seg.roles[start] = f"year:{m.group(1)}" if m else "base"
        elif YEAR.match(t) and len(seg.header) == 2 and n > 1:
            year = YEAR.match(t).group(1)
            for tc2, s2, _ in positions(seg.header[1]):
                if start <= s2 < start + n:
                    sub = "total" if "总额" in cell_text(tc2) else "cluster"
                    seg.roles[s2] = f"year:{year}:{sub}"
        elif YEAR.match(t):
            seg.roles[start] = f"year:{YEAR.match(t).group(1)}"
        elif "增幅" in t:
            seg.roles[start] = "growth"
        elif len(seg.header) == 2 and n > 1:  # 营业收入 / 研发投入 over the years
            for tc2, s2, _ in positions(seg.header[1]):
                m = YEAR.match(norm(cell_text(tc2)))
                if start <= s2 < start + n and m:
                    seg.roles[s2] = f"year:{m.group(1)}"
        else:
            seg.roles[start] = "col:" + t


def data_cell(seg: Segment, tr: etree._Element, role: str) -> etree._Element | None:
    col = seg.col(role)
    if col is None:
        return None
    for tc, start, _ in positions(tr):
        if start == col:
            return tc
    return None


def body_blocks(root: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs of the body and of table cells, in document order (nested included)."""
    yield from root.iter(w("p"))


def headings(root: etree._Element) -> list[tuple[etree._Element, str, str]]:
    """(paragraph, number, title) of every numbered heading ("2.1", "二") written in the text."""
    out = []
    for p in root.iter(w("p")):
        t = para_text(p)
        if len(t) > 60:
            continue
        m = SUB_HEADING.match(t)
        if m and len(m.group(3).strip()) >= 4 and not re.match(r"^\d", m.group(3)):
            out.append((p, f"{m.group(1)}.{m.group(2)}", m.group(3).strip()))
            continue
        m2 = CHAPTER.match(t)
        if m2:
            out.append((p, m2.group(1), m2.group(2).strip()))
    return out


NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def plain_number(text: str) -> bool:
    return bool(NUMBER.match(text.strip()))


def decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0
