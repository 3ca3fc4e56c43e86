"""PDF variants: the .docx ruled as 三线表 and printed by LibreOffice, and the report drawn by reportlab.

The LibreOffice renderings are slow, so ``scripts/render_variants.py`` commits them under
``samples/variants/<sample>.<transform>.pdf``; ``committed`` finds them for the tests.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from .ooxml import Docx, cell_text, cells, grid_width, para_text, positions, rows, segments, vmerge, w

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = ROOT / "samples" / "variants"


def committed(sample: Path, transform_name: str) -> Path:
    """Where the committed rendering of ``sample`` by ``transform_name`` lives."""
    return VARIANTS / f"{sample.stem}.{transform_name}.pdf"


# --- 三线表 through LibreOffice ---------------------------------------------------------------------

def _border(parent: etree._Element, side: str, size: int | None) -> None:
    el = etree.SubElement(parent, w(side))
    if size is None:
        el.set(w("val"), "nil")
    else:
        el.set(w("val"), "single")
        el.set(w("sz"), str(size))
        el.set(w("space"), "0")
        el.set(w("color"), "000000")


def three_line(doc: Docx) -> bool:
    """Every data table ruled as 三线表: a heavy top and bottom rule, a thin rule under the header, nothing else.

    A data table is one that holds a single indicator or list block whose header is its first row (the
    split layout). Form grids — the basic information, a table of several sections with title rows (the
    merged layout) — are not restyled: an applicant applies 三线表 to the tables of figures, and a form
    grid without its rules is no longer a form anyone fills in."""
    blocks = segments(doc.document)
    per_table = Counter(id(seg.table) for seg in blocks)
    data = [seg for seg in blocks if rows(seg.table)[0] is seg.header[0] and per_table[id(seg.table)] == 1]
    for seg in data:
        tbl = seg.table
        pr = tbl.find(w("tblPr"))
        old = pr.find(w("tblBorders"))
        if old is not None:
            pr.remove(old)
        borders = etree.Element(w("tblBorders"))
        for side, size in (("top", 12), ("left", None), ("bottom", 12), ("right", None), ("insideH", None),
                           ("insideV", None)):
            _border(borders, side, size)
        anchor = pr.find(w("tblW"))
        (anchor.addnext(borders) if anchor is not None else pr.append(borders))
        for tc in tbl.iter(w("tc")):
            tcpr = tc.find(w("tcPr"))
            if tcpr is not None and tcpr.find(w("tcBorders")) is not None:
                tcpr.remove(tcpr.find(w("tcBorders")))
        for tc in cells(seg.header[-1]):
            tcpr = tc.find(w("tcPr"))
            if tcpr is None:
                tcpr = etree.Element(w("tcPr"))
                tc.insert(0, tcpr)
            tb = etree.Element(w("tcBorders"))
            _border(tb, "bottom", 6)
            after = [tcpr.find(w(t)) for t in ("tcW", "gridSpan", "vMerge")]
            last = [a for a in after if a is not None]
            (last[-1].addnext(tb) if last else tcpr.insert(0, tb))
    return bool(data)


def soffice_pdf(src: Path, dst: Path) -> None:
    """Print a .docx to PDF with LibreOffice (a throw-away profile, as scripts/render_samples.py does)."""
    exe = shutil.which("soffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is needed to render this variant")
    with tempfile.TemporaryDirectory() as tmp:
        profile, out = Path(tmp) / "profile", Path(tmp) / "out"
        staged = Path(tmp) / (dst.stem + ".docx")
        shutil.copyfile(src, staged)
        subprocess.run([exe, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(out), str(staged)], check=True, capture_output=True, timeout=300)
        shutil.move(out / (dst.stem + ".pdf"), dst)


def edited_and_printed(src: Path, dst: Path, edit: Callable[[Docx], bool]) -> bool:
    """``src`` edited by ``edit`` and printed to PDF by LibreOffice at ``dst``; False when the edit does not apply."""
    doc = Docx(src)
    if not edit(doc):
        return False
    with tempfile.TemporaryDirectory() as tmp:
        edited = Path(tmp) / "edited.docx"
        doc.save(edited)
        soffice_pdf(edited, dst)
    return True


def pdf_three_line(src: Path, dst: Path) -> bool:
    """The report ruled as 三线表 and exported to PDF by LibreOffice."""
    return edited_and_printed(src, dst, three_line)


def pdf_tables_typed(src: Path, dst: Path) -> bool:
    """Indicator tables converted to text (tab-separated paragraphs), then printed to PDF by LibreOffice: the
    columns stand a space apart and a long row wraps onto a second line."""
    from .office import tables_typed_with_tabs

    return edited_and_printed(src, dst, tables_typed_with_tabs)


# --- drawn by reportlab -----------------------------------------------------------------------------

FONT = "STSong-Light"


def _styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    return body, cell


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def _table_flowables(tbl: etree._Element, body_style, cell_style, width: float) -> list:
    """A table as reportlab Tables; a long one-cell row (a free-text block) flows as paragraphs between them."""
    trs = rows(tbl)
    if len(trs) == 1 and len(cells(trs[0])) == 1:  # a one-cell frame: its content flows on
        return _flowables(cells(trs[0])[0], body_style, cell_style, width)
    out: list = []
    group: list[etree._Element] = []
    for tr in trs:
        only = cells(tr)
        if len(only) == 1 and len(cell_text(only[0])) > 200:
            if group:
                out.append(_grid_table(tbl, group, cell_style, width))
                group = []
            out.extend(_flowables(only[0], body_style, cell_style, width))
        else:
            group.append(tr)
    if group:
        out.append(_grid_table(tbl, group, cell_style, width))
    return out


def _grid_table(tbl: etree._Element, trs: list[etree._Element], cell_style, width: float):
    from reportlab.platypus import Paragraph

    return grid_table(tbl, trs, lambda tc: Paragraph(_escape(cell_text(tc)), cell_style), width)


def grid_table(tbl: etree._Element, trs: list[etree._Element], cell, width: float, padding: float | None = None):
    """A reportlab Table of Word rows ``trs``: one ``cell(tc)`` per grid cell, spans and vertical merges kept,
    columns as wide as the table's grid, ruled all over (``padding`` points left and right, when given)."""
    from reportlab.platypus import Table, TableStyle

    n = grid_width(tbl)
    grid: list[list] = [["" for _ in range(n)] for _ in trs]
    spans = []
    owner: dict[int, tuple[int, int]] = {}  # column → (row, span) of the open vertical merge
    for r, tr in enumerate(trs):
        for tc, start, k in positions(tr):
            if start >= n:
                continue
            k = min(k, n - start)
            kind = vmerge(tc)
            if kind == "continue" and start in owner:
                continue
            grid[r][start] = cell(tc)
            if kind == "restart":
                owner[start] = (r, k)
            else:
                owner.pop(start, None)
            if k > 1:
                spans.append((start, r, start + k - 1, r))
        for start, (r0, k) in list(owner.items()):
            nxt = trs[r + 1] if r + 1 < len(trs) else None
            cont = nxt is not None and any(s == start and vmerge(tc) == "continue" for tc, s, _ in positions(nxt))
            if not cont:
                if r > r0:
                    spans = [x for x in spans if not (x[0] == start and x[1] == r0)]
                    spans.append((start, r0, start + k - 1, r))
                del owner[start]
    widths = [float(c.get(w("w"), "1")) for c in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
    total = sum(widths) or 1
    table = Table(grid, colWidths=[width * x / total for x in widths])
    style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if padding is not None:
        style += [("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding)]
    style += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in spans]
    table.setStyle(TableStyle(style))
    return table


def _flowables(container: etree._Element, body_style, cell_style, width: float) -> list:
    from reportlab.platypus import Paragraph, Spacer

    out: list = []
    for ch in container:
        if ch.tag == w("p"):
            text = para_text(ch)
            out.append(Paragraph(_escape(text), body_style) if text.strip() else Spacer(1, 6))
        elif ch.tag == w("tbl"):
            out.extend(_table_flowables(ch, body_style, cell_style, width))
            out.append(Spacer(1, 6))
    return out


def pdf_reportlab(src: Path, dst: Path, on_page=None) -> bool:
    """The report drawn by another producer (reportlab): paragraphs and ruled tables with their spans;
    ``on_page(canvas, doc)`` draws over each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    doc = Docx(src)
    body_style, cell_style = _styles()
    margin = 56.0
    pdf = SimpleDocTemplate(str(dst), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=src.stem, author="reportcheck variants", invariant=1)
    pages = {"onFirstPage": on_page, "onLaterPages": on_page} if on_page is not None else {}
    pdf.build(_flowables(doc.body, body_style, cell_style, A4[0] - 2 * margin), **pages)
    return True


def _watermark(canvas, _doc) -> None:
    """草稿 across the page as a word processor draws it: its strokes as outlines, one path of many figures, and
    a band turned across the page under it; light grey, half transparent."""
    import math

    width, height = canvas._pagesize
    cx, cy, turn = width / 2, height / 2, math.radians(35)

    def turned(x: float, y: float) -> tuple[float, float]:
        return cx + x * math.cos(turn) - y * math.sin(turn), cy + x * math.sin(turn) + y * math.cos(turn)

    canvas.saveState()
    canvas.setFillColorRGB(0.7, 0.7, 0.7, alpha=0.35)
    band = canvas.beginPath()
    for i, (x, y) in enumerate((turned(-300, -40), turned(300, -40), turned(300, 40), turned(-300, 40))):
        band.lineTo(x, y) if i else band.moveTo(x, y)
    band.close()
    canvas.drawPath(band, stroke=0, fill=1)
    strokes = canvas.beginPath()
    for k in range(14):  # the characters' strokes: bars of different lengths and slants
        x0, y0, length, slant = -220 + 32 * k, (-1) ** k * 30 * (k % 4), 60 + 9 * (k % 5), (k % 3 - 1) * 0.6
        corners = ((x0, y0), (x0 + length, y0 + slant * length), (x0 + length, y0 + slant * length + 14),
                   (x0, y0 + 14))
        for i, (x, y) in enumerate(turned(*corner) for corner in corners):
            strokes.lineTo(x, y) if i else strokes.moveTo(x, y)
        strokes.close()
    canvas.drawPath(strokes, stroke=0, fill=1)
    canvas.restoreState()


def pdf_watermark(src: Path, dst: Path) -> bool:
    """The report drawn by reportlab with 草稿 (a watermark) over every page: shapes, not text, across its tables."""
    return pdf_reportlab(src, dst, _watermark)
