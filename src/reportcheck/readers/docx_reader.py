"""Read a .docx package into the neutral layout with lxml, in one pass over document.xml.

python-docx's object layer resolves every cell through Python objects; reading the XML
directly is several times faster and gives grid spans (gridSpan, vMerge) as they are.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from lxml import etree

from reportcheck.errors import UnreadableInput
from reportcheck.layout import RAISED_DIGITS, Cell, Document, Paragraph, Picture, Table, number_after
from reportcheck.readers import opc
from reportcheck.readers.safezip import Package
from reportcheck.readers.strict import transitional_xml
from reportcheck.readers.tab_aligned import tables_typed_with_tabs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _TR, _TC, _SDT = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "sdt"))
_T, _TAB, _BR, _CR, _SYM = (f"{{{W}}}{t}" for t in ("t", "tab", "br", "cr", "sym"))
_DEL, _MOVE_FROM, _TXBX = (f"{{{W}}}{t}" for t in ("del", "moveFrom", "txbxContent"))
_FLDCHAR, _INSTR, _FLDSIMPLE = (f"{{{W}}}{t}" for t in ("fldChar", "instrText", "fldSimple"))
_PARTS_KEPT = ("embeddings/", "media/")  # embedded workbooks and pictures, beside the main part
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_WP_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
_V = "urn:schemas-microsoft-com:vml"
_O_OLE = "{urn:schemas-microsoft-com:office:office}OLEObject"
_OBJECT, _DRAWING, _PICT = (f"{{{W}}}{t}" for t in ("object", "drawing", "pict"))
_EMU_PER_PT = 12700
_FALLBACK = f"{{{MC}}}Fallback"
_VAL, _CHAR, _FONT = f"{{{W}}}val", f"{{{W}}}char", f"{{{W}}}font"
_HIDDEN = f"{{{W}}}rPr/{{{W}}}vanish"  # a run formatted as hidden text: Word neither shows nor prints it
_OFF = frozenset({"0", "false", "off"})
_STRUCK = (f"{{{W}}}rPr/{{{W}}}strike", f"{{{W}}}rPr/{{{W}}}dstrike")
_RUN_FONTS = f"{{{W}}}rPr/{{{W}}}rFonts"
_FONT_ATTRS = tuple(f"{{{W}}}{a}" for a in ("ascii", "hAnsi", "eastAsia", "cs"))
_VERT_ALIGN = f"{{{W}}}rPr/{{{W}}}vertAlign"
_RUN_FORMATS = tuple(f"{{{W}}}{t}" for t in ("vanish", "strike", "dstrike", "vertAlign"))  # run formats read
_PRIVATE_USE = re.compile("[\uf000-\uf0ff]")  # where a symbol font's glyphs stand
_TEXT_TAGS = {_T: None, _TAB: "\t", _BR: "\n", _CR: "\n"}
# Text that is not the paragraph's own: deleted revisions, text boxes (read as paragraphs of their
# own) and the VML copy Word writes beside every drawing (mc:Fallback).
_NOT_OWN = frozenset({_DEL, _MOVE_FROM, _TXBX, _FALLBACK})
# Check boxes typed as symbols (Insert ▸ Symbol): the same code is another glyph in each font.
_SYMBOLS = {
    "wingdings": {"F0FE": "☑", "F0FD": "☒", "F078": "☒", "F0A8": "□", "F06F": "□", "F071": "□", "F0FC": "✓"},
    "wingdings 2": {"F052": "☑", "F051": "☒", "F053": "☒", "F054": "☒", "F0A3": "□", "F02A": "□", "F050": "✓"},
}


MAX_GRID_COLUMNS = 63  # Word's own limit on a table's columns


def read_docx(path: Path, data: bytes | None = None) -> Document:
    """Read ``path`` (or ``data``, the .docx bytes a conversion made of it)."""
    name = str(path)
    with Package(data if data is not None else path, name) as package:
        names = set(package.names)
        main = opc.main_part(package.read(opc.PACKAGE_RELS) if opc.PACKAGE_RELS in names else None, names)
        if main is None:
            raise UnreadableInput(name, "not_docx", "压缩包中没有Word正文（word/document.xml），不是.docx文件",
                                  "zip archive without word/document.xml, not a .docx; save the report as .docx")
        rels = opc.rels_of(main)
        rels_xml = package.read(rels) if rels in names else None
        styles = opc.styles_part(rels_xml, main, names)
        parts = package.verify(keep=tuple(p for p in (main, styles, rels) if p))
    root = _parse(parts[main], name, "document.xml")
    body = root.find(f"{{{W}}}body")
    doc = Document(path=name, source_format="docx")
    if body is not None:
        styles_xml = parts.get(styles, b"") if styles else b""
        _drop_placeholders(body, styles_xml)
        related = _Related(name, data if data is not None else path, _rels(parts.get(rels)), main)
        related.find(body)
        toc_styles = _toc_styles(styles_xml)
        xml = parts[main]
        maybe_toc = b"TOC" in xml or b"Table of Contents" in xml or any(
            f'w:val="{sid}"'.encode() in xml for sid in toc_styles)
        toc = _toc_paragraphs(body, toc_styles) if maybe_toc else set()
        walker = _Walker(doc, toc=toc, related=related)
        walker.walk(body)
        walker.embedded += tables_typed_with_tabs(doc.blocks)
        walker.number_embedded()
    return doc


@dataclass
class _Related:
    """The package parts the document relates to by id: embedded workbooks and pictures."""

    name: str
    source: Path | bytes  # the package, to fetch a related part from when it is wanted
    rels: etree._Element | None
    main: str  # the main document part, whose folder the relationships' targets are relative to
    holders: set[etree._Element] = field(default_factory=set)  # paragraphs and cells with a picture or object
    fields: set[etree._Element] = field(default_factory=set)  # cells with a field code

    def find(self, body: etree._Element) -> None:
        """Note, in one pass, the paragraphs and cells that hold a picture, an object or a field, so the
        walk looks into those alone."""
        for el in body.iter(_DRAWING, _O_OLE, _INSTR, _FLDSIMPLE):
            into = self.fields if el.tag in (_INSTR, _FLDSIMPLE) else self.holders
            parent = el.getparent()
            while parent is not None and parent is not body:
                if parent.tag in (_P, _TC):
                    into.add(parent)
                parent = parent.getparent()

    def part(self, rid: str | None) -> str | None:
        """The package part a relationship id points at (an internal target only)."""
        if not rid or self.rels is None:
            return None
        for rel in self.rels:
            if rel.get("Id") == rid and rel.get("TargetMode") != "External":
                return opc.resolve(self.main, rel.get("Target") or "")
        return None

    def fetch(self, part: str | None) -> bytes | None:
        """A part's bytes, read from the (already verified) package; None when it is not there."""
        folder = posixpath.dirname(self.main)
        if part is None or not part.startswith(tuple(posixpath.join(folder, kept) for kept in _PARTS_KEPT)):
            return None
        with Package(self.source, self.name) as package:
            return package.read(part) if part in package.names else None

    def pictures(self, el: etree._Element) -> list[Picture]:
        """The pictures drawn in ``el`` (DrawingML; an embedded object's preview left out)."""
        out: list[Picture] = []
        if el not in self.holders:
            return out
        for drawing in el.iter(_DRAWING):
            if _inside(drawing, _OBJECT, el):
                continue
            blip = next(drawing.iter(_A_BLIP), None)
            part = self.part(blip.get(f"{{{R}}}embed")) if blip is not None else None
            extent = next(drawing.iter(_WP_EXTENT), None)
            if part and extent is not None:
                out.append(Picture(partial(self.fetch, part), _emu(extent.get("cx")), _emu(extent.get("cy"))))
        return out

    def workbooks(self, p: etree._Element) -> list[bytes]:
        """The Excel worksheets embedded in a paragraph as objects (ProgID Excel.Sheet…)."""
        out: list[bytes] = []
        if p not in self.holders:
            return out
        for ole in p.iter(_O_OLE):
            if (ole.get("ProgID") or "").startswith("Excel.Sheet") and ole.get("Type", "Embed") == "Embed":
                data = self.fetch(self.part(ole.get(f"{{{R}}}id")))
                if data:
                    out.append(data)
        return out


def _inside(el: etree._Element, tag: str, stop: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _emu(value: str | None) -> float:
    try:
        return int(value or 0) / _EMU_PER_PT
    except ValueError:
        return 0.0


def _rels(xml: bytes | None) -> etree._Element | None:
    """The document's relationships, needed for its pictures and objects alone: a broken part is none."""
    if xml is None:
        return None
    try:
        return _parse(xml, "", "document.xml.rels")
    except UnreadableInput:
        return None


def _parse(xml: bytes, name: str, part: str) -> etree._Element:
    """A part of the package, Strict namespaces read as the transitional ones they stand for."""
    xml = transitional_xml(xml)
    try:
        return etree.fromstring(xml, parser=_parser())
    except etree.XMLSyntaxError:
        raise UnreadableInput(name, "corrupt", f"Word文件中的{part}已损坏，请用Word打开后重新保存",
                              f"{part} is not well-formed; open and save it again in Word") from None


def _drop_placeholders(body: etree._Element, styles: bytes) -> None:
    """Empty the prompt of content controls that still show their placeholder (单击或点击此处输入文字。):
    Word marks the control w:showingPlcHdr and the prompt's runs with its Placeholder Text style. Only
    those runs: a control filled by a script that left the mark on keeps its answer (a known prompt left
    unstyled is emptied when the text is normalised)."""
    prompt_styles = _styles_named(styles, (b"placeholder text",))
    if not prompt_styles:
        return
    for sdt in body.iter(_SDT):
        pr = sdt.find(f"{{{W}}}sdtPr")
        if pr is None or pr.find(f"{{{W}}}showingPlcHdr") is None:
            continue
        content = sdt.find(f"{{{W}}}sdtContent")
        for run in content.iter(f"{{{W}}}r") if content is not None else ():
            style = run.find(f"{{{W}}}rPr/{{{W}}}rStyle")
            if style is not None and style.get(_VAL) in prompt_styles:
                for t in run.iter(_T):
                    t.text = ""


_STYLE_NAME = re.compile(rb'<w:style\b[^>]*?w:styleId="([^"]*)"[^>]*>\s*<w:name w:val="([^"]*)"')


def _styles_named(styles: bytes, prefixes: tuple[bytes, ...]) -> frozenset[str]:
    """The ids of the styles whose name (lower case) begins with one of ``prefixes``, read off styles.xml's
    text (a style's name is its first child) without parsing the whole part."""
    names = ((m.group(1), m.group(2).lower()) for m in _STYLE_NAME.finditer(styles))
    return frozenset(sid.decode("utf-8", "replace") for sid, name in names if name.startswith(prefixes))


def _toc_styles(styles: bytes) -> frozenset[str]:
    """The ids of the table-of-contents paragraph styles (named "toc 1" … "toc 9", whatever their id)."""
    return _styles_named(styles, (b"toc ", "目录 ".encode(), b"toc heading"))


def _toc_paragraphs(body: etree._Element, toc_styles: frozenset[str]) -> set[etree._Element]:
    """The paragraphs of tables of contents: inside a TOC field (begun in one paragraph, ended many
    paragraphs later; one never ended marks nothing, or it would take the rest of the report), a TOC
    w:fldSimple, a content control Word made for a TOC, or in a TOC style."""
    out: set[etree._Element] = set()
    fields: list[list[str]] = []  # the open complex fields' instruction texts, innermost last
    in_field: list[etree._Element] = []  # paragraphs marked by the TOC field still open
    current: etree._Element | None = None
    for el in body.iter(_P, _FLDCHAR, _INSTR, _FLDSIMPLE, _SDT):
        if el.tag == _P:
            current = el
            style = el.find(f"{{{W}}}pPr/{{{W}}}pStyle")
            if style is not None and style.get(_VAL) in toc_styles:
                out.add(el)
            elif any(_is_toc(f) for f in fields):
                in_field.append(el)
        elif el.tag == _FLDCHAR:
            kind = el.get(f"{{{W}}}fldCharType")
            if kind == "begin":
                fields.append([])
            elif kind == "end" and fields and _is_toc(fields.pop()):
                out.update(in_field)  # a TOC field that ends: its paragraphs were its entries
                in_field = []
        elif el.tag == _INSTR:
            if fields:
                fields[-1].append(el.text or "")
                if _is_toc(fields[-1]) and current is not None:
                    in_field.append(current)
        elif el.tag == _FLDSIMPLE:
            if _is_toc([el.get(f"{{{W}}}instr") or ""]):
                out.update(el.iter(_P))
                if current is not None:
                    out.add(current)
        elif el.tag == _SDT:
            gallery = el.find(f"{{{W}}}sdtPr/{{{W}}}docPartObj/{{{W}}}docPartGallery")
            if gallery is not None and "table of contents" in (gallery.get(_VAL) or "").lower():
                out.update(el.iter(_P))
    return out


def _is_toc(instruction: list[str]) -> bool:
    return "".join(instruction).strip().upper().startswith("TOC")


def _formula(tc: etree._Element) -> str | None:
    """The code of the first formula field (= …) in a cell, nested tables left out."""
    codes: list[str] = []
    for el in tc.iter(_INSTR, _FLDCHAR, _FLDSIMPLE, _TBL):
        if el.tag == _TBL and el is not tc:
            break
        if el.tag == _FLDSIMPLE:
            codes.append(el.get(f"{{{W}}}instr") or "")
        elif el.tag == _FLDCHAR and el.get(f"{{{W}}}fldCharType") == "begin":
            codes.append("")
        elif el.tag == _INSTR and codes:
            codes[-1] += el.text or ""
    return next((c.strip() for c in codes if c.strip().startswith("=")), None)


def _parser() -> etree.XMLParser:
    """No DTD, no entities resolved, nothing fetched; libxml2's own limits kept (no huge_tree: a
    document.xml needs no text node over 10 MB nor nesting deeper than 256)."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


@dataclass
class Anchors:
    """The XML elements behind the layout's numbering: what a finding's location points at."""

    paragraphs: dict[int, etree._Element] = field(default_factory=dict)  # paragraph index -> w:p
    cells: dict[tuple[int, int, int], etree._Element] = field(default_factory=dict)  # (table, row, col) -> w:tc
    rows: dict[tuple[int, int], list[etree._Element]] = field(default_factory=dict)  # (table, row) -> w:tc


def anchors(body: etree._Element) -> Anchors:
    """Number ``body`` (a w:body, e.g. python-docx's ``document.element.body``) exactly as
    :func:`read_docx` does and return the element behind each paragraph index and grid cell.
    A cell a vertical merge continues maps to the cell it continues."""
    found = Anchors()
    _Walker(Document(path=""), found).walk(body)
    return found


def _paragraph_text(p: etree._Element) -> str:
    """The paragraph's own text: inserted revisions count; deleted ones, hidden text (an old figure kept
    beside the new one, a template's instruction) and text boxes do not; nor does text struck through
    beside text that is not (~~42.9~~ 43.6: the old figure crossed out by hand, as a reviewer reads it)."""
    marked = next(p.iter(*_RUN_FORMATS), None) is not None  # most paragraphs have no run so formatted: no look
    parts: list[tuple[str, bool]] = []
    for el in p.iter(_T, _TAB, _BR, _CR, _SYM):
        run = el.getparent()
        if not _own(el, p) or (marked and _formatted(run, _HIDDEN)):
            continue
        if el.tag == _SYM:
            font = _SYMBOLS.get((el.get(_FONT) or "").lower(), {})
            parts.append((font.get((el.get(_CHAR) or "").upper(), ""), False))
            continue
        extra = _TEXT_TAGS[el.tag]
        text = el.text or "" if extra is None else extra
        if _PRIVATE_USE.search(text):
            text = _symbols_typed(text, run)
        if marked and text.isdigit() and _raised(run):  # a footnote mark typed as a raised digit: 73.9¹
            text = text.translate(RAISED_DIGITS)
        parts.append((text, marked and any(_formatted(run, struck) for struck in _STRUCK)))
    if marked and any(struck for _, struck in parts) and any(text.strip() for text, struck in parts if not struck):
        parts = [part for part in parts if not part[1]]
    return "".join(text for text, _ in parts)


def _raised(run: etree._Element | None) -> bool:
    align = run.find(_VERT_ALIGN) if run is not None else None
    return align is not None and align.get(_VAL) == "superscript"


def _symbols_typed(text: str, run: etree._Element | None) -> str:
    """A symbol font's characters kept as text (an .odt or .rtf converted, or typed in Wingdings): their codes
    in the private use area are the font's glyphs (F052 in Wingdings 2 is ☑), looked up as w:sym's are."""
    fonts = run.find(_RUN_FONTS) if run is not None else None
    names = [(fonts.get(a) or "").lower() for a in _FONT_ATTRS] if fonts is not None else []
    table = next((_SYMBOLS[n] for n in names if n in _SYMBOLS), None)
    if table is None:
        return text
    return _PRIVATE_USE.sub(lambda m: table.get(f"{ord(m.group(0)):04X}", ""), text)


def _formatted(run: etree._Element | None, prop: str) -> bool:
    """Whether the run has the on/off property ``prop`` (a path under it) set on."""
    found = run.find(prop) if run is not None else None
    return found is not None and found.get(_VAL) not in _OFF


def _own(el: etree._Element, p: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not p:
        if parent.tag in _NOT_OWN:
            return False
        parent = parent.getparent()
    return True


def _cell_texts(tc: etree._Element) -> list[str]:
    """A plain cell's lines: each paragraph, then the text boxes anchored in it."""
    out: list[str] = []
    for p in _iter_children(tc, _P):
        out.append(_paragraph_text(p))
        for box in _text_boxes(p):
            out.extend(_cell_texts(box))
    return out


def _text_boxes(p: etree._Element) -> list[etree._Element]:
    """The text boxes anchored in a paragraph, each once (not its VML fallback copy)."""
    return [box for box in p.iter(_TXBX) if _own(box, p)]


class _Walker:
    """Walks the body, numbering paragraphs and tables in document order."""

    def __init__(self, doc: Document, found: Anchors | None = None,
                 toc: set[etree._Element] | None = None, related: _Related | None = None) -> None:
        self.doc = doc
        self.n_par = 0
        self.n_tbl = 0
        self.found = found
        self.toc = toc or set()
        self.related = related
        # tables of embedded workbooks (and typed with tabs), numbered after the file's own
        self.embedded: list[Table] = []

    def number_embedded(self) -> None:
        number_after(self.embedded, self.n_tbl, self.n_par)

    def walk(self, container: etree._Element) -> None:
        self.doc.blocks.extend(self.blocks(container))

    def blocks(self, container: etree._Element,
               parent: tuple[int, int, int] | None = None) -> list[Paragraph | Table]:
        """Paragraphs and tables of the body, or of a cell (``parent``), in document order."""
        out: list[Paragraph | Table] = []
        for el in _iter_children(container, _P, _TBL):
            if el.tag == _P:
                para = Paragraph(self.n_par, _paragraph_text(el), furniture="toc" if el in self.toc else None)
                out.append(para)
                if self.found is not None:
                    self.found.paragraphs[self.n_par] = el
                self.n_par += 1
                if self.related is not None and el in self.related.holders:
                    para.pictures = self.related.pictures(el)
                    out.extend(self._workbooks(el, parent))
                for box in _text_boxes(el):
                    out.extend(self.blocks(box, parent))
            else:
                out.append(self.table(el, parent))
        return out

    def table(self, tbl: etree._Element, parent: tuple[int, int, int] | None) -> Table:
        index = self.n_tbl
        self.n_tbl += 1
        table = Table(index=index, rows=[], parent=parent)
        origin_by_col: dict[int, Cell] = {}  # grid column -> the cell a vMerge continues
        origin_tc: dict[int, etree._Element] = {}  # grid column -> that cell's w:tc
        for r, tr in enumerate(_iter_children(tbl, _TR)):
            row: list[Cell] = []
            col = _grid_before(tr)
            for tc in _iter_children(tr, _TC):
                span, vmerge = _cell_props(tc)
                if vmerge == "continue" and col in origin_by_col:
                    origin = origin_by_col[col]
                    origin.rowspan += 1
                    row.append(Cell(origin.text, index, r, col, span, 1, continued=True))
                    self._found_cell(index, r, col, origin_tc[col])
                    col += span
                    continue
                self._found_cell(index, r, col, tc)
                cell = Cell("", index, r, col, span)
                if tc.find(f".//{_TBL}") is not None:  # a frame: keep its content in order
                    cell.content = self.blocks(tc, (index, r, col))
                    cell.text = "\n".join(b.text for b in cell.content if isinstance(b, Paragraph))
                else:
                    cell.text = "\n".join(_cell_texts(tc))
                    cell.formula = _formula(tc) if self.related is not None and tc in self.related.fields else None
                    if self.related is not None and tc in self.related.holders:
                        cell.pictures = self.related.pictures(tc)
                if vmerge == "restart":
                    for c in range(col, col + span):
                        origin_by_col[c] = cell
                        origin_tc[c] = tc
                else:
                    for c in range(col, col + span):
                        origin_by_col.pop(c, None)
                row.append(cell)
                col += span
            table.rows.append(row)
        return table

    def _workbooks(self, p: etree._Element, parent: tuple[int, int, int] | None) -> list[Table]:
        """Tables of the Excel worksheets embedded in a paragraph, in place of their preview pictures."""
        from reportcheck.readers.embedded import workbook_rows

        out = []
        for data in self.related.workbooks(p):  # type: ignore[union-attr]
            rows = workbook_rows(data, self.related.name)  # type: ignore[union-attr]
            if rows:
                out.append(Table(index=-1, rows=rows, parent=parent))
                self.embedded.append(out[-1])
        return out

    def _found_cell(self, table: int, row: int, col: int, tc: etree._Element) -> None:
        if self.found is not None:
            self.found.cells[(table, row, col)] = tc
            self.found.rows.setdefault((table, row), []).append(tc)


def _iter_children(el: etree._Element, *tags: str):
    """Direct children with these tags, looking through content controls (w:sdt)."""
    for child in el:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT:
            content = child.find(f"{{{W}}}sdtContent")
            if content is not None:
                yield from _iter_children(content, *tags)


def _grid_before(tr: etree._Element) -> int:
    el = tr.find(f"{{{W}}}trPr/{{{W}}}gridBefore")
    return _grid_count(el.get(_VAL) if el is not None else None, 0)


def _grid_count(value: str | None, default: int) -> int:
    """A gridSpan/gridBefore count as Word writes it (a small whole number); anything else — garbage,
    or a count past Word's 63 columns that would have the grid walked cell by cell — is the default
    or the most Word allows."""
    if value is None or not value.strip().isdigit():
        return default
    return min(int(value), MAX_GRID_COLUMNS)


def _cell_props(tc: etree._Element) -> tuple[int, str | None]:
    span, vmerge = 1, None
    pr = tc.find(f"{{{W}}}tcPr")
    if pr is not None:
        gs = pr.find(f"{{{W}}}gridSpan")
        if gs is not None:
            span = max(1, _grid_count(gs.get(_VAL), 1))
        vm = pr.find(f"{{{W}}}vMerge")
        if vm is not None:
            vmerge = "restart" if vm.get(_VAL) == "restart" else "continue"
    return span, vmerge
