"""Render a sample's PDF with other table rulings than the fully ruled twins in samples/pdf/.

Every table's borders are rewritten in word/document.xml and the result converted by LibreOffice:

* ``three_line`` (三线表): the top rule, a rule under the first row, the bottom rule; nothing else.
* ``horizontal``: a rule above, between and below every row; no vertical ones.

Also the same sample with one indicator row's figures all ``0`` (fully ruled), for the all-zero row
that once came out missing. The PDFs are committed under samples/pdf_layouts/; the tests read them.

    python scripts/render_pdf_layouts.py        # needs LibreOffice (soffice) on PATH
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_samples import convert, rewrite_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OUT = SAMPLES / "pdf_layouts"
SOURCE = "prelim_advanced_split_clean"
ZERO_ROW = "集群研发经费增速"  # the 2.4 row whose figures become 0, 0, 0
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
# Children of w:tblPr / w:tcPr that must follow the borders element (schema order).
_AFTER_TBL_BORDERS = ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
_AFTER_TC_BORDERS = ("shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _line(parent: etree._Element, side: str) -> None:
    el = etree.SubElement(parent, _w(side))
    el.attrib.update({_w("val"): "single", _w("sz"): "6", _w("space"): "0", _w("color"): "000000"})


def _table_borders(ruled: set[str]) -> etree._Element:
    """A w:tblBorders element: a thin single line on the ``ruled`` sides, none on the others."""
    el = etree.Element(_w("tblBorders"))
    for side in _BORDER_SIDES:
        if side in ruled:
            _line(el, side)
        else:
            etree.SubElement(el, _w(side)).set(_w("val"), "nil")
    return el


def _set(parent: etree._Element, element: etree._Element | None, tag: str, after: tuple[str, ...]) -> None:
    """Put ``element`` (or nothing) in ``parent`` in schema order in place of its ``tag`` children."""
    for old in parent.findall(_w(tag)):
        parent.remove(old)
    if element is None:
        return
    follower = next((child for child in parent if etree.QName(child).localname in after), None)
    if follower is None:
        parent.append(element)
    else:
        follower.addprevious(element)


def _restyle(root: etree._Element, style: str) -> None:
    """Rewrite the borders of every table, nested ones included; cells keep only the header rule."""
    ruled = {"top", "bottom"} | ({"insideH"} if style == "horizontal" else set())
    for tbl in root.iter(_w("tbl")):
        _set(tbl.find(_w("tblPr")), _table_borders(ruled), "tblBorders", _AFTER_TBL_BORDERS)
        for r, tr in enumerate(tbl.findall(_w("tr"))):
            for tc in tr.findall(_w("tc")):
                tc_pr = tc.find(_w("tcPr"))
                if tc_pr is None:
                    tc_pr = etree.Element(_w("tcPr"))
                    tc.insert(0, tc_pr)
                header_rule = None
                if style == "three_line" and r == 0:
                    header_rule = etree.Element(_w("tcBorders"))
                    _line(header_rule, "bottom")
                _set(tc_pr, header_rule, "tcBorders", _AFTER_TC_BORDERS)


def _zero_row(root: etree._Element) -> None:
    """Every figure of the row labelled ZERO_ROW becomes 0."""
    for tr in root.iter(_w("tr")):
        cells = tr.findall(_w("tc"))
        if cells and ZERO_ROW in "".join(t.text or "" for t in cells[0].iter(_w("t"))):
            for tc in cells[1:]:
                texts = list(tc.iter(_w("t")))
                for t in texts:
                    t.text = ""
                texts[0].text = "0"
            return
    sys.exit(f"no row labelled {ZERO_ROW}")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    source = SAMPLES / f"{SOURCE}.docx"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        variants = {f"{SOURCE}.three_line": lambda root: _restyle(root, "three_line"),
                    f"{SOURCE}.horizontal": lambda root: _restyle(root, "horizontal"),
                    f"{SOURCE}.zero_row": _zero_row}
        for name, change in variants.items():
            rewrite_document(source, work / f"{name}.docx", change)
        convert(sorted(work.glob("*.docx")), "pdf", OUT)
    print(f"rendered {len(variants)} PDFs into {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
