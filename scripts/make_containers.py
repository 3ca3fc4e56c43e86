"""Build the container samples in samples/containers/: twins of bundled samples (same figures) in the
containers offices put a report in, made the way Word, WPS or LibreOffice make them.

    python scripts/make_containers.py     # needs LibreOffice (soffice) and pdftoppm on PATH

* ``*.strict.docx``        the twin as Word saves it as "Strict Open XML Document" (ISO/IEC 29500 Strict)
* ``*.embedded_xlsx.docx`` table 2.1 replaced by an embedded Excel worksheet object (w:object, OLE package)
* ``*.picture_table.docx`` table 2.2 replaced by a pasted picture of it (PNG, wp:inline)
* ``*.garbled.pdf``        the twin's LibreOffice PDF with every /ToUnicode map taken out of its fonts
* ``*.document2.docx``      the twin with its main part at ``/word/document2.xml``, as the package's
                           relationships say (SharePoint and some converters name it so)
* ``*.dangling_rel.docx``   the twin with a picture relationship whose part the package does not hold
* ``*.banner.pdf``          the twin's PDF behind the banner Ghostscript prints when it writes to stdout

Everything is seeded and dated from constants; zip entries carry a fixed date. The pictures are rendered
through LibreOffice and pdftoppm, so they depend on the CJK font installed (see samples/containers/README.md).
"""

from __future__ import annotations

import copy
import hashlib
import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OUT = SAMPLES / "containers"
SEED = 20230315
ZIP_DATE = (2023, 1, 1, 0, 0, 0)

STRICT_TWIN = "final_advanced_merged_clean"
EMBED_TWIN = "prelim_advanced_split_clean"
PICTURE_TWIN = "prelim_sme_merged_defects"
GARBLED_TWIN = "prelim_advanced_split_clean"
RENAMED_TWIN = "prelim_advanced_merged_defects"
DANGLING_TWIN = "final_sme_split_messy"
BANNER_TWIN = "final_advanced_split_defects"
GHOSTSCRIPT_BANNER = (b"GPL Ghostscript 10.00.0 (2022-09-21)\n"
                      b"Copyright (C) 2022 Artifex Software, Inc.  All rights reserved.\n"
                      b"This software is supplied under the GNU AGPLv3 and comes with NO WARRANTY:\n"
                      b"see the file COPYING for details.\n")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
W = f"{{{W_NS}}}"
A = f"{{{A_NS}}}"


# --------------------------------------------------------------------------------------------- zip, tools


def read_parts(path: Path | io.BytesIO) -> dict[str, bytes]:
    """The parts of a zip package, in their stored order (dicts keep insertion order)."""
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    """A deflated zip of ``parts`` in their order, every entry dated ZIP_DATE: reproducible bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, body)
    return out.getvalue()


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert ``src`` with LibreOffice in a private profile (other sessions may run soffice too)."""
    exe = shutil.which("soffice") or sys.exit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, "--headless", f"-env:UserInstallation={Path(profile).as_uri()}", "--convert-to", fmt,
                        "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=600)
    out = outdir / f"{src.stem}.{fmt.split(':')[0]}"
    if not out.exists():
        sys.exit(f"LibreOffice did not convert {src.name} to {fmt}")
    return out


def rasterise(pdf: Path, dpi: int, page: int = 1):
    """One page of ``pdf`` as an RGB Pillow image (pdftoppm)."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                        str(pdf), str(stem)], check=True, capture_output=True, timeout=300)
        with Image.open(f"{stem}.png") as img:
            return img.convert("RGB")


def png_bytes(img, dpi: int) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()


def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def text_of(el: etree._Element) -> str:
    """A cell's or paragraph's text, its paragraphs joined by a line break."""
    paras = el.findall(f"{W}p") if el.tag != f"{W}p" else [el]
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in paras)


def body_of(parts: dict[str, bytes]) -> tuple[etree._Element, etree._Element]:
    root = etree.fromstring(parts["word/document.xml"])
    return root, root.find(f"{W}body")


def add_relationship(parts: dict[str, bytes], rel_type: str, target: str) -> str:
    """Add a relationship to the main document part; returns its new id."""
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    taken = {int(m.group(1)) for r in rels if (m := re.fullmatch(r"rId(\d+)", r.get("Id", "")))}
    rid = f"rId{max(taken, default=0) + 1}"
    etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=rel_type, Target=target)
    parts["word/_rels/document.xml.rels"] = xml_bytes(rels)
    return rid


def add_default_content_type(parts: dict[str, bytes], ext: str, content_type: str) -> None:
    types = etree.fromstring(parts["[Content_Types].xml"])
    if any(d.get("Extension") == ext for d in types.iter(f"{{{CT_NS}}}Default")):
        return
    defaults = list(types.iter(f"{{{CT_NS}}}Default"))
    new = etree.Element(f"{{{CT_NS}}}Default", Extension=ext, ContentType=content_type)
    after = [d for d in defaults if d.get("Extension") < ext]
    if after:
        after[-1].addnext(new)
    else:
        types.insert(0, new)
    parts["[Content_Types].xml"] = xml_bytes(types)


def insert_parts_after(parts: dict[str, bytes], anchor: str, new: dict[str, bytes]) -> dict[str, bytes]:
    """``parts`` with ``new`` placed after ``anchor`` (Word writes media right after the document's rels)."""
    out: dict[str, bytes] = {}
    for name, body in parts.items():
        out[name] = body
        if name == anchor:
            out.update(new)
    return out


def hex_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(31):08X}"


# --------------------------------------------------------------------------------------------- 1. Strict

STRICT_NAMESPACES = [
    ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
     "http://purl.oclc.org/ooxml/wordprocessingml/main"),
    (R_NS, "http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/math", "http://purl.oclc.org/ooxml/officeDocument/math"),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"),
    ("http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
     "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"),
    ("http://schemas.openxmlformats.org/drawingml/2006/picture", "http://purl.oclc.org/ooxml/drawingml/picture"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
     "http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
     "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/customXml",
     "http://purl.oclc.org/ooxml/officeDocument/customXml"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/bibliography",
     "http://purl.oclc.org/ooxml/officeDocument/bibliography"),
]
# Relationship types under officeDocument/2006/relationships/ move to the Strict base; two tails change.
# Package (OPC) types (core-properties, thumbnail) and Microsoft's own (stylesWithEffects) stay.
STRICT_REL_BASE = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
STRICT_REL_TAILS = {"extended-properties": "extendedProperties", "custom-properties": "customProperties"}
# w:charset/@w:val (a Windows charset byte) becomes @w:characterSet (an IANA name); Word drops the
# element for SYMBOL_CHARSET (02), as it does for Symbol and Wingdings.
CHARSETS = {"00": "iso-8859-1", "80": "shift_jis", "81": "ks_c-5601-1987", "86": "gb2312", "88": "big5",
            "A1": "windows-1253", "A2": "windows-1254", "A3": "windows-1258", "B1": "windows-1255",
            "B2": "windows-1256", "BA": "windows-1257", "CC": "windows-1251", "DE": "windows-874",
            "EE": "windows-1250"}
SIDE_CONTAINERS = {"tblBorders", "tcBorders", "tblCellMar", "tcMar"}
WIDTH_ELEMENTS = {"tblW", "tcW", "tblInd", "tblCellSpacing", "wBefore", "wAfter"}
DRAWING_PERCENT_VAL = {"alpha", "alphaMod", "alphaOff", "tint", "shade", "sat", "satMod", "satOff", "lum", "lumMod",
                       "lumOff", "hueMod", "red", "redMod", "redOff", "green", "greenMod", "greenOff", "blue",
                       "blueMod", "blueOff"}
DRAWING_PERCENT_ATTRS = {"gs": ("pos",), "fillToRect": ("l", "t", "r", "b"), "fillRect": ("l", "t", "r", "b"),
                         "srcRect": ("l", "t", "r", "b"), "tileRect": ("l", "t", "r", "b"), "miter": ("lim",),
                         "tile": ("sx", "sy")}


def twips_to_pt(value: str) -> str:
    """Word's Strict spelling of a twips measure: 108 -> '5.40pt', 1440 -> '72pt'."""
    if value.endswith(("pt", "in", "cm", "mm", "pc", "pi")):
        return value
    q = Decimal(int(value)) / 20
    return f"{int(q)}pt" if q == q.to_integral_value() else f"{q:.2f}pt"


def thousandths_to_percent(value: str) -> str:
    """DrawingML's Strict percentages: 105000 -> '105%', 16667 -> '16.667%'."""
    if value.endswith("%"):
        return value
    q = format(Decimal(int(value)) / 1000, "f")
    if "." in q:
        q = q.rstrip("0").rstrip(".")
    return f"{q}%"


def fiftieths_to_percent(value: str) -> str:
    """A pct table or cell width (fiftieths of a percent): 5000 -> '100%'."""
    if value.endswith("%"):
        return value
    q = format(Decimal(int(value)) / 50, "f")
    if "." in q:
        q = q.rstrip("0").rstrip(".")
    return f"{q}%"


def strict_values(root: etree._Element) -> None:
    """Rewrite, in place, the values and names that Strict spells otherwise (still Transitional namespaces)."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        ns, _, name = el.tag[1:].partition("}")
        if ns == W_NS:
            strict_w_element(el, name)
        elif ns == A_NS:
            if name in DRAWING_PERCENT_VAL and el.get("val") is not None:
                el.set("val", thousandths_to_percent(el.get("val")))
            for attr in DRAWING_PERCENT_ATTRS.get(name, ()):
                if el.get(attr) is not None:
                    el.set(attr, thousandths_to_percent(el.get(attr)))


def strict_w_element(el: etree._Element, name: str) -> None:
    def conv(*attrs: str) -> None:
        for a in attrs:
            v = el.get(W + a)
            if v is not None:
                el.set(W + a, twips_to_pt(v))

    parent = el.getparent()
    parent_name = etree.QName(parent).localname if parent is not None else ""
    if parent_name in SIDE_CONTAINERS and name in ("left", "right"):
        el.tag = W + ("start" if name == "left" else "end")
    if name == "pgSz":
        conv("w", "h")
    elif name == "pgMar":
        conv("top", "right", "bottom", "left", "header", "footer", "gutter")
    elif name in ("cols", "col"):
        conv("space", "w")
    elif name == "spacing" and el.get(W + "val") is None:
        conv("before", "after", "line")
    elif name == "ind":
        renamed = {"left": "start", "right": "end", "leftChars": "startChars", "rightChars": "endChars"}
        attrs = list(el.attrib.items())
        el.attrib.clear()
        for key, value in attrs:  # renamed in place, so the attribute order stays Word's
            local = etree.QName(key).localname
            el.set(W + renamed[local] if key.startswith(W) and local in renamed else key, value)
        conv("start", "end", "hanging", "firstLine")
    elif name == "tab" and el.get(W + "pos") is not None:
        el.set(W + "val", {"left": "start", "right": "end"}.get(el.get(W + "val"), el.get(W + "val")))
        conv("pos")
    elif name in ("jc", "lvlJc"):
        el.set(W + "val", {"left": "start", "right": "end"}.get(el.get(W + "val"), el.get(W + "val")))
    elif name == "defaultTabStop":
        conv("val")
    elif name == "zoom" and el.get(W + "percent") is not None and not el.get(W + "percent").endswith("%"):
        el.set(W + "percent", el.get(W + "percent") + "%")
    elif name in ("tblLook", "cnfStyle") and el.get(W + "val") is not None:
        del el.attrib[W + "val"]  # Strict keeps only the named flags (firstRow, noVBand, ...)
    elif name == "charset":
        code = (el.get(W + "val") or "").upper()
        del el.attrib[W + "val"]
        if code in CHARSETS:
            el.set(W + "characterSet", CHARSETS[code])
        elif code == "02" and not len(el.attrib):
            parent.remove(el)
    if (name in WIDTH_ELEMENTS or parent_name in ("tblCellMar", "tcMar")) and el.get(W + "w") is not None:
        if el.get(W + "type") == "pct":
            el.set(W + "w", fiftieths_to_percent(el.get(W + "w")))
        else:
            conv("w")
    val = el.get(W + "val")
    if val in ("on", "off"):  # ST_OnOff is xsd:boolean in Strict
        el.set(W + "val", "true" if val == "on" else "false")


def strict_relationships(body: bytes) -> bytes:
    rels = etree.fromstring(body)
    for rel in rels:
        rtype = rel.get("Type", "")
        if rtype.startswith(R_NS + "/"):
            tail = rtype[len(R_NS) + 1:]
            rel.set("Type", STRICT_REL_BASE + STRICT_REL_TAILS.get(tail, tail))
    return xml_bytes(rels)


def strict_namespaces(body: bytes) -> bytes:
    for old, new in STRICT_NAMESPACES:
        body = body.replace(f'"{old}"'.encode(), f'"{new}"'.encode())
    return body


def make_strict(twin: str) -> Path:
    parts = read_parts(SAMPLES / f"{twin}.docx")
    out: dict[str, bytes] = {}
    for name, body in parts.items():
        if name.endswith(".rels"):
            body = strict_relationships(body)
        elif name.endswith(".xml") and name != "[Content_Types].xml" and name != "docProps/core.xml":
            root = etree.fromstring(body)
            strict_values(root)
            if name == "word/document.xml":
                root.set(W + "conformance", "strict")
            body = strict_namespaces(xml_bytes(root))
        out[name] = body
    target = OUT / f"{twin}.strict.docx"
    target.write_bytes(zip_bytes(out))
    return target


# --------------------------------------------------------------------------------------------- tables


def find_heading_table(body: etree._Element, heading: str) -> tuple[etree._Element, etree._Element]:
    """The body paragraph whose text is ``heading`` and the table right after it (split layouts)."""
    children = list(body)
    for i, el in enumerate(children):
        if el.tag == f"{W}p" and text_of(el).replace(" ", "") == heading:
            nxt = children[i + 1]
            if nxt.tag == f"{W}tbl":
                return el, nxt
    sys.exit(f"no table after the paragraph {heading!r}")


def find_section_rows(body: etree._Element, heading: str) -> tuple[etree._Element, list[etree._Element]]:
    """In a merged layout: the one-cell row whose text is ``heading`` and the rows of its section."""
    for tbl in body.iter(f"{W}tbl"):
        rows = tbl.findall(f"{W}tr")
        for i, tr in enumerate(rows):
            cells = tr.findall(f"{W}tc")
            if len(cells) == 1 and text_of(cells[0]).replace(" ", "") == heading:
                section = []
                for nxt in rows[i + 1:]:
                    if len(nxt.findall(f"{W}tc")) == 1:
                        break
                    section.append(nxt)
                return tr, section
    sys.exit(f"no section row {heading!r}")


def render_rows(twin: Path, rows: list[etree._Element], tbl: etree._Element, workdir: Path, dpi: int):
    """Render ``rows`` of ``tbl`` alone on a page of the twin (same styles, page size) through
    LibreOffice; returns the page image cropped to the table and a few pixels of white around it."""
    from PIL import ImageChops

    parts = read_parts(twin)
    root, body = body_of(parts)
    sect = body.find(f"{W}sectPr")
    for el in list(body):
        body.remove(el)
    alone = etree.SubElement(body, f"{W}tbl")
    for child in tbl:
        if child.tag != f"{W}tr":
            alone.append(copy.deepcopy(child))
    for tr in rows:
        alone.append(copy.deepcopy(tr))
    etree.SubElement(body, f"{W}p")
    body.append(sect)
    parts["word/document.xml"] = xml_bytes(root)
    src = workdir / "table_alone.docx"
    src.write_bytes(zip_bytes(parts))
    page = rasterise(soffice(src, "pdf", workdir), dpi)
    bg = page.point(lambda v: 255).convert("RGB")
    box = ImageChops.difference(page, bg).getbbox()
    pad = round(dpi / 18)
    return page.crop((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad))


# --------------------------------------------------------------------------------------------- 2. Excel object

NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")


def table_grid(tbl: etree._Element) -> tuple[list[list[tuple[int, int, str]]], list[tuple[int, int, int, int]]]:
    """Each row's cells as (column, span, text), and the merged ranges (row, col, last row, last col), 1-based."""
    rows: list[list[tuple[int, int, str]]] = []
    merges: list[tuple[int, int, int, int]] = []
    open_v: dict[int, list[int]] = {}
    for r, tr in enumerate(tbl.findall(f"{W}tr"), 1):
        col = 1
        cells = []
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(W + "val")) if span_el is not None else 1
            vm = tc.find(f"{W}tcPr/{W}vMerge")
            if vm is not None and vm.get(W + "val") != "restart" and col in open_v:
                open_v[col][2] = r
            else:
                if col in open_v:
                    merges.append(tuple(open_v.pop(col)))
                if vm is not None:
                    open_v[col] = [r, col, r, col + span - 1]
                cells.append((col, span, text_of(tc)))
                if span > 1 and vm is None:
                    merges.append((r, col, r, col + span - 1))
            col += span
        rows.append(cells)
    for rng in open_v.values():
        merges.append(tuple(rng))
    return rows, [m for m in merges if m[0] != m[2] or m[1] != m[3]]


def text_width(text: str) -> int:
    """A line's width in Excel's character units: a CJK (full-width) character takes two."""
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def make_workbook(tbl: etree._Element) -> bytes:
    """The table as Excel would hold it: numbers as numbers with the report's decimals, the rest as text."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side

    rows, merges = table_grid(tbl)
    ncols = max(c + s - 1 for row in rows for c, s, _ in row)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    thin = Side(style="thin", color="000000")
    widths = {1: 36.0, **{c: 11.0 for c in range(2, ncols + 1)}}
    for r, row in enumerate(rows, 1):
        lines = 1
        for c, span, text in row:
            room = sum(widths[k] for k in range(c, c + span)) - 3  # a little spare, as Excel's autofit leaves
            lines = max(lines, sum(-(-text_width(part) // int(room)) or 1 for part in text.split("\n")))
            m = NUMBER.fullmatch(text)
            if m:
                value: object = float(text) if m.group(1) else int(text)
                fmt = "0." + "0" * len(m.group(1)) if m.group(1) else "0"
            else:
                value, fmt = text, "General"
            cell = ws.cell(r, c, value)
            cell.number_format = fmt
            cell.font = Font(name="宋体", size=11)
            cell.alignment = Alignment(horizontal="left" if c == 1 else "center", vertical="center", wrap_text=True)
        ws.row_dimensions[r].height = 14.25 * lines  # Excel's row height for 宋体 11, per line
    for r in range(1, len(rows) + 1):
        for c in range(1, ncols + 1):
            ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for c, width in widths.items():
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    stamp = datetime(2023, 3, 15, 9, 30, 0)
    wb.properties.creator = "Administrator"
    wb.properties.lastModifiedBy = "Administrator"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    raw = io.BytesIO()
    wb.save(raw)
    parts = read_parts(io.BytesIO(raw.getvalue()))
    return zip_bytes(excel_like(parts, f"A1:{openpyxl.utils.get_column_letter(ncols)}{len(rows)}", stamp))


def excel_like(parts: dict[str, bytes], shown: str, stamp: datetime) -> dict[str, bytes]:
    """openpyxl's package brought nearer to what Excel writes for an embedded workbook: text in a shared
    string table, the range the object shows (oleSize), fixed dates."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = etree.fromstring(parts["xl/worksheets/sheet1.xml"])
    strings: list[str] = []
    for c in sheet.iter(f"{{{ns}}}c"):
        if c.get("t") == "inlineStr":
            text = "".join(c.find(f"{{{ns}}}is").itertext())
            if text not in strings:
                strings.append(text)
            c.remove(c.find(f"{{{ns}}}is"))
            c.set("t", "s")
            etree.SubElement(c, f"{{{ns}}}v").text = str(strings.index(text))
    parts["xl/worksheets/sheet1.xml"] = xml_bytes(sheet)
    sst = etree.Element(f"{{{ns}}}sst", nsmap={None: ns}, count=str(len(strings)), uniqueCount=str(len(strings)))
    for text in strings:
        t = etree.SubElement(etree.SubElement(sst, f"{{{ns}}}si"), f"{{{ns}}}t")
        t.text = text
        if text != text.strip() or "\n" in text:
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    parts["xl/sharedStrings.xml"] = xml_bytes(sst)
    types = parts["[Content_Types].xml"].decode()
    if "/xl/sharedStrings.xml" not in types:
        types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                              'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["[Content_Types].xml"] = types.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    if "sharedStrings" not in rels:
        rels = rels.replace("</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                            "</Relationships>")
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    book = parts["xl/workbook.xml"].decode()
    book = re.sub(r"(<calcPr[^>]*/>)", rf'\1<oleSize ref="{shown}"/>', book, count=1)
    parts["xl/workbook.xml"] = book.encode()
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = re.sub(r"(<dcterms:modified[^>]*>)[^<]*", rf"\g<1>{when}", parts["docProps/core.xml"].decode())
    parts["docProps/core.xml"] = core.encode()
    return parts


def xlsx_preview(xlsx: bytes, workdir: Path, dpi: int):
    """The workbook as LibreOffice Calc prints it, cropped to the cell borders: the object's preview.
    Returns the image and its size in points."""
    import pdfplumber

    src = workdir / "Microsoft_Excel_Worksheet.xlsx"
    src.write_bytes(xlsx)
    pdf = soffice(src, "pdf", workdir)
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        edges = page.lines + page.rects
        x0 = min(e["x0"] for e in edges)
        x1 = max(e["x1"] for e in edges)
        top = min(e["top"] for e in edges)
        bottom = max(e["bottom"] for e in edges)
    img = rasterise(pdf, dpi)
    k = dpi / 72
    crop = img.crop((int(x0 * k) - 1, int(top * k) - 1, int(x1 * k + 0.999) + 1, int(bottom * k + 0.999) + 1))
    return crop, (x1 - x0, bottom - top)


SHAPETYPE_75 = (
    '<v:shapetype xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" path="m@4@5l@4@11@9@11@9@5xe" '
    'filled="f" stroked="f"><v:stroke joinstyle="miter"/><v:formulas><v:f eqn="if lineDrawn pixelLineWidth 0"/>'
    '<v:f eqn="sum @0 1 0"/><v:f eqn="sum 0 0 @1"/><v:f eqn="prod @2 1 2"/><v:f eqn="prod @3 21600 pixelWidth"/>'
    '<v:f eqn="prod @3 21600 pixelHeight"/><v:f eqn="sum @0 0 1"/><v:f eqn="prod @6 1 2"/>'
    '<v:f eqn="prod @7 21600 pixelWidth"/><v:f eqn="sum @8 21600 0"/><v:f eqn="prod @7 21600 pixelHeight"/>'
    '<v:f eqn="sum @10 21600 0"/></v:formulas><v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/>'
    '<o:lock v:ext="edit" aspectratio="t"/></v:shapetype>'
)


def make_embedded(twin: str, workdir: Path, rng: random.Random) -> Path:
    parts = read_parts(SAMPLES / f"{twin}.docx")
    root, body = body_of(parts)
    _, tbl = find_heading_table(body, "2.1集群主要经济指标")
    xlsx = make_workbook(tbl)
    img, (w_pt, h_pt) = xlsx_preview(xlsx, workdir, 150)
    rid_img = add_relationship(parts, f"{R_NS}/image", "media/image1.png")
    rid_pkg = add_relationship(parts, f"{R_NS}/package", "embeddings/Microsoft_Excel_Worksheet.xlsx")
    # w:dxaOrig/w:dyaOrig keep the object's own size; the shape shows it shrunk to the text width, as Word
    # does with an object pasted wider than the page.
    sect = body.find(f"{W}sectPr")
    page_w = int(sect.find(f"{W}pgSz").get(W + "w"))
    margins = int(sect.find(f"{W}pgMar").get(W + "left")) + int(sect.find(f"{W}pgMar").get(W + "right"))
    scale = min(1.0, (page_w - margins) / 20 / w_pt)
    orig_w, orig_h = round(w_pt * 20), round(h_pt * 20)
    w_pt, h_pt = round(w_pt * scale, 1), round(h_pt * scale, 1)
    obj = (
        f'<w:p xmlns:w="{W_NS}" xmlns:w14="{W14_NS}" xmlns:r="{R_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
        f'xmlns:o="urn:schemas-microsoft-com:office:office"><w:r>'
        f'<w:object w:dxaOrig="{orig_w}" w:dyaOrig="{orig_h}" w14:anchorId="{hex_id(rng)}">'
        f"{SHAPETYPE_75}"
        f'<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:{w_pt:g}pt;height:{h_pt:g}pt" o:ole="">'
        f'<v:imagedata r:id="{rid_img}" o:title=""/></v:shape>'
        f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" '
        f'ObjectID="_{rng.randrange(1_600_000_000, 1_800_000_000)}" r:id="{rid_pkg}"/>'
        f"</w:object></w:r></w:p>"
    )
    tbl.addprevious(etree.fromstring(obj))
    body.remove(tbl)
    parts["word/document.xml"] = xml_bytes(root)
    add_default_content_type(parts, "png", "image/png")
    add_default_content_type(parts, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    parts = insert_parts_after(parts, "word/_rels/document.xml.rels", {
        "word/media/image1.png": png_bytes(img, 150),
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx,
    })
    target = OUT / f"{twin}.embedded_xlsx.docx"
    target.write_bytes(zip_bytes(parts))
    return target


# --------------------------------------------------------------------------------------------- 3. picture

EMU_PER_TWIP = 635


def inline_picture(rid: str, cx: int, cy: int, rng: random.Random) -> str:
    """A pasted picture as Word writes it: w:drawing/wp:inline/a:graphic/pic:pic."""
    return (
        f'<w:r xmlns:w="{W_NS}"><w:rPr><w:noProof/></w:rPr><w:drawing>'
        f'<wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
        f'distT="0" distB="0" distL="0" distR="0" wp14:anchorId="{hex_id(rng)}" wp14:editId="{hex_id(rng)}">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="1" name="图片 1"/><wp:cNvGraphicFramePr>'
        f'<a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="1" name="图片 1"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip xmlns:r="{R_NS}" r:embed="{rid}"><a:extLst>'
        f'<a:ext uri="{{28A0092B-C50C-407E-A947-70E740481C1C}}">'
        f'<a14:useLocalDpi xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" val="0"/>'
        f"</a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        f"</wp:inline></w:drawing></w:r>"
    )


def make_picture(twin: str, workdir: Path, rng: random.Random) -> Path:
    dpi = 180
    src = SAMPLES / f"{twin}.docx"
    parts = read_parts(src)
    root, body = body_of(parts)
    heading_row, rows = find_section_rows(body, "2.2集群企业培育情况")
    tbl = heading_row.getparent()
    img = render_rows(src, rows, tbl, workdir, dpi)
    grid = [int(g.get(W + "w")) for g in tbl.find(f"{W}tblGrid")]
    room = (sum(grid) - 2 * 108) * EMU_PER_TWIP  # the cell's width less its default margins
    cx, cy = round(img.width * 914400 / dpi), round(img.height * 914400 / dpi)
    if cx > room:  # Word shrinks a picture pasted into a narrower cell to the cell's width
        cx, cy = room, round(cy * room / cx)
    rid = add_relationship(parts, f"{R_NS}/image", "media/image1.png")
    cell_row = etree.fromstring(
        f'<w:tr xmlns:w="{W_NS}"><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{sum(grid)}"/>'
        f'<w:gridSpan w:val="{len(grid)}"/></w:tcPr><w:p>{inline_picture(rid, cx, cy, rng)}</w:p></w:tc></w:tr>'
    )
    rows[0].addprevious(cell_row)
    for tr in rows:
        tbl.remove(tr)
    parts["word/document.xml"] = xml_bytes(root)
    add_default_content_type(parts, "png", "image/png")
    parts = insert_parts_after(parts, "word/_rels/document.xml.rels", {"word/media/image1.png": png_bytes(img, dpi)})
    target = OUT / f"{twin}.picture_table.docx"
    target.write_bytes(zip_bytes(parts))
    return target


# --------------------------------------------------------------------------------------------- 4. garbled PDF


def pdf_objects(data: bytes) -> tuple[dict[int, bytes], bytes, bytes]:
    """The objects of a classic-xref PDF (as LibreOffice writes it: no object streams, no updates) as
    {number: 'N 0 obj ... endobj' bytes}, its trailer dictionary and its header (version line and binary
    comment). Each object runs from its xref offset to the next object's (or the xref's) offset, so binary
    streams are never scanned."""
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    xref = data[start:]
    if not xref.startswith(b"xref") or data.count(b"startxref") != 1:
        sys.exit("the PDF is not a single classic-xref revision; cannot rewrite it safely")
    m = re.match(rb"xref\s+(\d+)\s+(\d+)\s+", xref)
    first, count = int(m.group(1)), int(m.group(2))
    table = xref[m.end():m.end() + 20 * count]
    offsets = {}
    for i in range(count):
        entry = table[20 * i:20 * i + 20]
        if entry[17:18] == b"n":
            offsets[first + i] = int(entry[:10])
    ends = [*sorted(offsets.values()), start]
    objects = {}
    for num, off in offsets.items():
        end = ends[ends.index(off) + 1]
        body = data[off:end].rstrip()
        if not body.startswith(f"{num} 0 obj".encode()) or not body.endswith(b"endobj"):
            sys.exit(f"object {num} is not where the xref says")
        objects[num] = body
    trailer = re.search(rb"trailer\s*(<<.*>>)\s*startxref", data[start:], re.S).group(1)
    return objects, trailer, data[:min(offsets.values())]


def make_garbled(twin: str) -> Path:
    data = (SAMPLES / "pdf" / f"{twin}.pdf").read_bytes()
    if b"/Producer<FEFF004C0069006200720065004F0066006600690063" not in data:  # "LibreOffice", UTF-16
        sys.exit(f"samples/pdf/{twin}.pdf is not LibreOffice's export")
    objects, trailer, header = pdf_objects(data)
    dropped = set()
    for num, body in objects.items():
        head = body.split(b"stream", 1)[0]
        if b"/Type/Font" in head.replace(b" ", b"") and b"/ToUnicode" in head:
            m = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R\s*", body)
            dropped.add(int(m.group(1)))
            objects[num] = body[:m.start()] + body[m.end():]
    for num in dropped:
        del objects[num]
    size = int(re.search(rb"/Size\s+(\d+)", trailer).group(1))
    ident = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>", trailer).group(1)
    out = io.BytesIO()
    out.write(header)
    offsets = {}
    for num in sorted(objects):
        offsets[num] = out.tell()
        out.write(objects[num] + b"\n")
    xref_at = out.tell()
    new_id = hashlib.md5(out.getvalue()).hexdigest().upper().encode()  # the second ID marks the change
    out.write(f"xref\n0 {size}\n".encode())
    out.write(b"0000000000 65535 f \n")
    for num in range(1, size):
        out.write(f"{offsets[num]:010d} 00000 n \n".encode() if num in offsets else b"0000000000 65535 f \n")
    root = re.search(rb"/Root\s+\d+\s+0\s+R", trailer).group(0)
    info = re.search(rb"/Info\s+\d+\s+0\s+R", trailer).group(0)
    out.write(b"trailer\n<</Size %d %s\n%s\n/ID [ <%s>\n<%s> ]\n>>\nstartxref\n%d\n%%%%EOF\n"
              % (size, root, info, ident, new_id, xref_at))
    target = OUT / f"{twin}.garbled.pdf"
    target.write_bytes(out.getvalue())
    return target


# --------------------------------------------------------------------------------------------- package quirks


def make_renamed_main(twin: str) -> Path:
    """The main part moved to word/document2.xml: its relationships part, the package relationship (an
    absolute target, as SharePoint writes it) and the content-type override follow it."""
    renamed = {"word/document.xml": "word/document2.xml",
               "word/_rels/document.xml.rels": "word/_rels/document2.xml.rels"}
    out: dict[str, bytes] = {}
    for name, body in read_parts(SAMPLES / f"{twin}.docx").items():
        if name == "_rels/.rels":
            body = body.replace(b'Target="word/document.xml"', b'Target="/word/document2.xml"')
        elif name == "[Content_Types].xml":
            body = body.replace(b'PartName="/word/document.xml"', b'PartName="/word/document2.xml"')
        out[renamed.get(name, name)] = body
    if b"document2.xml" not in out["_rels/.rels"] or b"document2.xml" not in out["[Content_Types].xml"]:
        sys.exit(f"{twin}.docx does not name its main part as Word does")
    target = OUT / f"{twin}.document2.docx"
    target.write_bytes(zip_bytes(out))
    return target


def make_dangling(twin: str) -> Path:
    """A picture relationship of the main part whose target the package does not hold (a part lost by
    an editor that removed the picture but not its relationship)."""
    parts = read_parts(SAMPLES / f"{twin}.docx")
    add_relationship(parts, f"{R_NS}/image", "media/missing.png")
    target = OUT / f"{twin}.dangling_rel.docx"
    target.write_bytes(zip_bytes(parts))
    return target


def make_banner(twin: str) -> Path:
    """The twin's PDF as ``gs -sOutputFile=- …`` without ``-q`` leaves it: the banner, then the PDF."""
    target = OUT / f"{twin}.banner.pdf"
    target.write_bytes(GHOSTSCRIPT_BANNER + (SAMPLES / "pdf" / f"{twin}.pdf").read_bytes())
    return target


# --------------------------------------------------------------------------------------------- main


def main() -> None:
    OUT.mkdir(exist_ok=True)
    rng = random.Random(SEED)
    made = [make_strict(STRICT_TWIN)]
    with tempfile.TemporaryDirectory() as tmp:
        made.append(make_embedded(EMBED_TWIN, Path(tmp), rng))
    with tempfile.TemporaryDirectory() as tmp:
        made.append(make_picture(PICTURE_TWIN, Path(tmp), rng))
    made.append(make_garbled(GARBLED_TWIN))
    made += [make_renamed_main(RENAMED_TWIN), make_dangling(DANGLING_TWIN), make_banner(BANNER_TWIN)]
    for path in made:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
