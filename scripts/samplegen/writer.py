"""Write a report form with python-docx, in the seed's merged layout or as split tables."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

FIXED_DATE = datetime(2023, 1, 1)


@dataclass
class C:
    """A cell to write: text, spans. ``None`` in a row marks a position covered by a span."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Block:
    """A heading (or none) and the table rows under it; ``paragraphs`` for free text."""

    title: str | None = None
    rows: list[list[C | None]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def _width(row: list[C | None]) -> int:
    return sum(1 if c is None else c.colspan for c in row)


class FormWriter:
    def __init__(self, layout: str, furniture: bool = False, repeat_header: bool = False) -> None:
        """``furniture``: a page header and a page-number footer; ``repeat_header``: each table's
        first row repeats on every page (Word's 标题行重复)."""
        self.layout = layout
        self.repeat_header = repeat_header
        self.doc = Document()
        self.host = self.doc
        style = self.doc.styles["Normal"]
        style.font.size = Pt(10.5)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
        if furniture:
            section = self.doc.sections[0]
            section.header.paragraphs[0].text = "湖南省产业集群竞赛参赛报告"
            footer = section.footer.paragraphs[0]
            footer.add_run("— ")
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            footer._p.append(field)
            footer.add_run(" —")

    def paragraph(self, text: str) -> None:
        self.host.add_paragraph(text)

    def chapter(self, heading: str, blocks: list[Block], framed: bool = False) -> None:
        """``framed``: the chapter's table sits inside a one-cell frame table (nested)."""
        self.host = self.doc
        self.paragraph(heading)
        if framed:
            outer = self.doc.add_table(rows=1, cols=1)
            outer.style = "Table Grid"
            self.host = outer.cell(0, 0)
        if self.layout == "split":
            for block in blocks:
                if block.title:
                    self.paragraph(block.title)
                if block.rows:
                    self._table(block.rows)
                for text in block.paragraphs:
                    self.paragraph(text)
            return
        rows: list[list[C | None]] = []
        width = max([_width(r) for b in blocks for r in b.rows] + [1])
        for block in blocks:
            if block.title:
                rows.append([C(block.title, width)])
            rows.extend(block.rows)
            if block.paragraphs:
                rows.append([C("\n".join(block.paragraphs), width)])
        self._table(rows)

    def _table(self, rows: list[list[C | None]]) -> None:
        width = max(_width(r) for r in rows)
        table = self.host.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        if self.repeat_header:
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for r, row in enumerate(rows):
            extra = width - _width(row)
            col = 0
            for i, cell in enumerate(row):
                if cell is None:
                    col += 1
                    continue
                span = cell.colspan + (extra if i == 0 else 0)
                target = table.cell(r, col)
                if span > 1 or cell.rowspan > 1:
                    target = target.merge(table.cell(r + cell.rowspan - 1, col + span - 1))
                lines = cell.text.split("\n")
                target.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    target.add_paragraph(line)
                col += span

    def save(self, path: str) -> None:
        """Save with fixed dates, so regenerating the samples changes no byte that did not change."""
        props = self.doc.core_properties
        props.created = props.modified = props.last_printed = FIXED_DATE
        props.author = props.last_modified_by = "reportcheck"
        buffer = io.BytesIO()
        self.doc.save(buffer)
        buffer.seek(0)
        with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                fixed = zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(fixed, src.read(info.filename))
