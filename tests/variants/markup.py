"""Transforms of Word markup: tracked changes, review comments, text boxes, a frame table around it all."""

from __future__ import annotations

import copy

from lxml import etree

from .ooxml import W_NS, Docx, cell_from, cell_text, first_rpr, make_run, plain_number, segments, w
from .spelling import text_body

DATE = "2023-03-01T10:00:00Z"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"


def _wrong(text: str) -> str:
    """A plausible typo of a figure: two digits swapped, or one digit changed."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if len(digits) >= 2:
        i, j = digits[0], digits[1]
        s = list(text)
        s[i], s[j] = s[j], s[i]
        if "".join(s) != text:
            return "".join(s)
    i = digits[-1]
    return text[:i] + str((int(text[i]) + 3) % 10) + text[i + 1:]


def tracked_changes(doc: Docx) -> bool:
    """Track changes left on: figures corrected (old value in w:del, new in w:ins); a deleted paragraph in 2.8."""
    n = 0
    for seg in segments(doc.document):
        if seg.kind != "indicator" or n >= 6:
            continue
        for tr in seg.data[:2]:
            col = seg.cols("year:")[-1]
            tc = cell_from(tr, col)
            t = cell_text(tc) if tc is not None else ""
            if not plain_number(t):
                continue
            p = tc.find(w("p"))
            rpr = first_rpr(p)
            for ch in list(p):
                if ch.tag != w("pPr"):
                    p.remove(ch)
            d = etree.SubElement(p, w("del"))
            d.set(w("id"), str(900 + 2 * n))
            d.set(w("author"), "张三")
            d.set(w("date"), DATE)
            r = make_run("", rpr)
            dt = etree.SubElement(r, w("delText"))
            dt.text = _wrong(t)
            d.append(r)
            ins = etree.SubElement(p, w("ins"))
            ins.set(w("id"), str(901 + 2 * n))
            ins.set(w("author"), "张三")
            ins.set(w("date"), DATE)
            ins.append(make_run(t, rpr))
            n += 1
    body = text_body(doc, "2.8")
    if body:
        p = copy.deepcopy(body[0])
        for ch in list(p):
            if ch.tag != w("pPr"):
                p.remove(ch)
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        mark = etree.SubElement(etree.SubElement(ppr, w("rPr")), w("del"))
        mark.set(w("id"), "998")
        mark.set(w("author"), "张三")
        mark.set(w("date"), DATE)
        d = etree.SubElement(p, w("del"))
        d.set(w("id"), "999")
        d.set(w("author"), "张三")
        d.set(w("date"), DATE)
        r = etree.SubElement(d, w("r"))
        etree.SubElement(r, w("delText")).text = "（此段删除）2022年集群总产值突破2000亿元，同比增长35.0%，数据待核实。"
        body[0].addprevious(p)
    return n > 0 or bool(body)


COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
REMARKS = ("请核实数据来源", "与统计年鉴口径一致", "此处需补充佐证材料页码")


def review_comments(doc: Docx) -> bool:
    """Review comments (comments.xml, commentRangeStart/End, commentReference) on a few value cells."""
    if doc.has("word/comments.xml"):
        return False
    targets = []
    for seg in segments(doc.document):
        if seg.kind == "indicator" and seg.data:
            tc = cell_from(seg.data[0], seg.cols("year:")[0])
            if tc is not None and cell_text(tc):
                targets.append(tc)
    if not targets:
        return False
    root = etree.Element(w("comments"), nsmap={"w": W_NS})
    for cid, tc in enumerate(targets[:3]):
        p = tc.find(w("p"))
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), str(cid))
        first_run = p.find(w("r"))
        (first_run.addprevious(start) if first_run is not None else p.append(start))
        end = etree.SubElement(p, w("commentRangeEnd"))
        end.set(w("id"), str(cid))
        ref_run = etree.SubElement(p, w("r"))
        rs = etree.SubElement(etree.SubElement(ref_run, w("rPr")), w("rStyle"))
        rs.set(w("val"), "CommentReference")
        etree.SubElement(ref_run, w("commentReference")).set(w("id"), str(cid))
        c = etree.SubElement(root, w("comment"))
        c.set(w("id"), str(cid))
        c.set(w("author"), "审核人")
        c.set(w("date"), DATE)
        c.set(w("initials"), "SH")
        cp = etree.SubElement(c, w("p"))
        ar = etree.SubElement(cp, w("r"))
        etree.SubElement(ar, w("annotationRef"))
        cp.append(make_run(REMARKS[cid % len(REMARKS)]))
    doc.add_part("word/comments.xml", root, COMMENTS_CT, COMMENTS_REL)
    return True


def _textbox_run(paragraphs: list[etree._Element], shape_id: int) -> etree._Element:
    """A run holding a floating text box the way Word 2010+ writes it: DrawingML choice, VML fallback."""
    r = etree.Element(w("r"))
    alt = etree.SubElement(r, f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
    choice = etree.SubElement(alt, f"{{{MC}}}Choice", Requires="wps")
    drawing = etree.SubElement(choice, w("drawing"))
    anchor = etree.SubElement(drawing, f"{{{WP}}}anchor", nsmap={"wp": WP}, distT="45720", distB="45720",
                              distL="114300", distR="114300", simplePos="0", relativeHeight="251659264",
                              behindDoc="0", locked="0", layoutInCell="1", allowOverlap="1")
    etree.SubElement(anchor, f"{{{WP}}}simplePos", x="0", y="0")
    ph = etree.SubElement(anchor, f"{{{WP}}}positionH", relativeFrom="column")
    etree.SubElement(ph, f"{{{WP}}}posOffset").text = "0"
    pv = etree.SubElement(anchor, f"{{{WP}}}positionV", relativeFrom="paragraph")
    etree.SubElement(pv, f"{{{WP}}}posOffset").text = "0"
    etree.SubElement(anchor, f"{{{WP}}}extent", cx="5274310", cy="1188720")
    etree.SubElement(anchor, f"{{{WP}}}effectExtent", l="0", t="0", r="0", b="0")
    etree.SubElement(anchor, f"{{{WP}}}wrapTopAndBottom")
    etree.SubElement(anchor, f"{{{WP}}}docPr", id=str(shape_id), name=f"文本框 {shape_id}")
    etree.SubElement(anchor, f"{{{WP}}}cNvGraphicFramePr")
    graphic = etree.SubElement(anchor, f"{{{A}}}graphic", nsmap={"a": A})
    data = etree.SubElement(graphic, f"{{{A}}}graphicData", uri=WPS)
    wsp = etree.SubElement(data, f"{{{WPS}}}wsp", nsmap={"wps": WPS})
    etree.SubElement(wsp, f"{{{WPS}}}cNvSpPr", txBox="1")
    sppr = etree.SubElement(wsp, f"{{{WPS}}}spPr")
    xfrm = etree.SubElement(sppr, f"{{{A}}}xfrm")
    etree.SubElement(xfrm, f"{{{A}}}off", x="0", y="0")
    etree.SubElement(xfrm, f"{{{A}}}ext", cx="5274310", cy="1188720")
    geom = etree.SubElement(sppr, f"{{{A}}}prstGeom", prst="rect")
    etree.SubElement(geom, f"{{{A}}}avLst")
    txbx = etree.SubElement(wsp, f"{{{WPS}}}txbx")
    content = etree.SubElement(txbx, w("txbxContent"))
    for p in paragraphs:
        content.append(copy.deepcopy(p))
    etree.SubElement(wsp, f"{{{WPS}}}bodyPr", rot="0", vert="horz", wrap="square", anchor="t")
    fallback = etree.SubElement(alt, f"{{{MC}}}Fallback")
    pict = etree.SubElement(fallback, w("pict"))
    shape = etree.SubElement(pict, f"{{{V}}}shape", nsmap={"v": V}, id=f"文本框 {shape_id}",
                             style="position:absolute;margin-left:0;margin-top:0;width:415.3pt;height:93.6pt;"
                                   "z-index:251659264", type="#_x0000_t202")
    box = etree.SubElement(shape, f"{{{V}}}textbox")
    content2 = etree.SubElement(box, w("txbxContent"))
    for p in paragraphs:
        content2.append(copy.deepcopy(p))
    return r


def textbox_content(doc: Docx) -> bool:
    """Two paragraphs of the 2.8 self-assessment put in a text box (DrawingML with its VML fallback)."""
    body = text_body(doc, "2.8")
    if len(body) < 3:
        return False
    moved = body[1:3]
    anchor = etree.Element(w("p"))
    if moved[0].find(w("pPr")) is not None:
        anchor.append(copy.deepcopy(moved[0].find(w("pPr"))))
    anchor.append(_textbox_run(moved, 4101))
    moved[0].addprevious(anchor)
    for p in moved:
        p.getparent().remove(p)
    return True


def frame_table(doc: Docx) -> bool:
    """The whole report put inside a one-cell frame table (a border around every page)."""
    body = doc.body
    content = [ch for ch in body if ch.tag != w("sectPr")]
    if not content:
        return False
    tbl = etree.Element(w("tbl"))
    pr = etree.SubElement(tbl, w("tblPr"))
    etree.SubElement(pr, w("tblStyle")).set(w("val"), "TableGrid")
    tw = etree.SubElement(pr, w("tblW"))
    tw.set(w("w"), "0")
    tw.set(w("type"), "auto")
    grid = etree.SubElement(tbl, w("tblGrid"))
    etree.SubElement(grid, w("gridCol")).set(w("w"), "8640")
    tr = etree.SubElement(tbl, w("tr"))
    tc = etree.SubElement(tr, w("tc"))
    tcw = etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"))
    tcw.set(w("w"), "8640")
    tcw.set(w("type"), "dxa")
    content[0].addprevious(tbl)
    for ch in content:
        tc.append(ch)
    if tc[-1].tag != w("p"):
        etree.SubElement(tc, w("p"))  # a cell ends with a paragraph
    return True
