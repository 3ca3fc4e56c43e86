"""Characters a scan shows and the recogniser cannot read (traditional forms its alphabet lacks: 驅, 項, 額):
each stands in the text read as ▢ where its ink is, and a label read with such a gap is the row, field or
column it can only be, as written where it was read.

The labels are planted on a real sample read as a scan would be (its cells' confidence); the recogniser's part
is tested on a line typed in a traditional face and read by the real OCR."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from conftest import NEEDS_OCR, SAMPLES
from reportcheck.extract.indicators import row_index
from reportcheck.extract.lists import list_index
from reportcheck.extract.report import extract
from reportcheck.figures import doubtful, figures
from reportcheck.layout import UNREAD, Cell, Paragraph
from reportcheck.model import Report
from reportcheck.normalize.text import normalize_document
from reportcheck.pipeline import load_report
from reportcheck.readers import read_document
from reportcheck.readers.ocr_engine import _in_words
from reportcheck.spec import load_templates
from test_ocr_doubts import _set_text

ADVANCED = SAMPLES / "prelim_advanced_merged_clean.docx"
GAPPED = {  # the sample's label → as a scan of it typed in traditional characters reads it
    "利润总额（亿元）": "利润总▢（亿元）",  # 額 is not in the recogniser's alphabet
    "出口额（亿元）": "出口▢（亿元）",
    "集群从业人员数量（人）": "集群▢业人员数量（人）",  # nor 從
    "集群名称": "集群名▢",  # nor 稱: 集群名称, not 园区名称
    "集群研发经费（亿元）": "集群研发经费▢",  # a speck after it, its unit on a line lost: 研发经费 or 研发经费增速
}


def _scanned(path: Path) -> Report:
    """The report with every cell and paragraph read as OCR would: a label with a gap unsure (0.3, as the
    recogniser leaves it), the rest sure."""
    doc = normalize_document(read_document(path))
    for block in doc.iter_blocks():
        items = [block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]
        for item in items:
            assert isinstance(item, Cell | Paragraph)
            item.confidence = 0.3 if UNREAD in item.text else 0.99
    return extract(doc)


def _with_gaps(tmp_path: Path) -> Path:
    import docx

    document = docx.Document(str(ADVANCED))
    for table in document.tables:
        for row in table.rows:
            text = row.cells[0].text.strip()
            if text in GAPPED:
                _set_text(row.cells[0], GAPPED[text])
    path = tmp_path / "gapped.docx"
    document.save(str(path))
    return path


def _row(report: Report, key: str, section: str) -> tuple[dict, set]:
    """Row ``key`` of ``section`` as read: its figures, and those in doubt."""
    prefix = f"{section}.{key}."
    return ({k: v for k, v in figures(report).items() if k.startswith(prefix)},
            {k for k in doubtful(report) if k.startswith(prefix)})


def test_a_scans_labels_with_unread_characters_are_the_rows_they_can_only_be(tmp_path: Path) -> None:
    plain, read = load_report(ADVANCED), _scanned(_with_gaps(tmp_path))
    for key in ("profit", "exports", "employees"):
        written, _ = _row(plain, key, "2.1")
        got, doubts = _row(read, key, "2.1")
        assert any(written.values()) and got == written and not doubts, key
    assert read.basic.cluster_name == plain.basic.cluster_name and "cluster_name" not in read.basic.doubts
    growth, doubts = _row(read, "rd_growth", "2.4")  # not taken from the row that could be either
    assert growth == _row(plain, "rd_growth", "2.4")[0] and not doubts
    spending, doubts = _row(read, "rd_spending", "2.4")
    assert all(v is None or k in doubts or k.endswith(".pages") for k, v in spending.items())


def test_a_gap_matches_only_where_one_row_and_enough_of_it_was_read() -> None:
    spec = next(t for t in load_templates() if t.stage == "初赛")
    index = {table.id: row_index(table) for table in spec.indicator_tables}
    assert index["2.1"].match("进口▢(亿元)")[0].key == "imports"
    assert index["2.4"].match("集群研发经费▢") is None  # 集群研发经费 and a speck, or 集群研发经费增速
    assert index["2.4"].match("集群研发经费▢(亿元)")[0].key == "rd_spending"  # the unit tells
    assert index["2.2"].match("▢▢▢(个)") is None  # what is read is the unit alone
    assert index["2.4"].match("获得▢▢科技进步奖数量(个,需提供佐证材料)") is None  # 国家 or 省级: neither
    green = next(t for t in spec.list_tables if t.id == "green_list")
    name = next(c for c in green.columns if c.key == "name")
    assert list_index(green).match("名▢") == (name, 100.0)  # a list's few headers: one character is enough
    approved = next(c for c in green.columns if c.key == "approved_on")
    assert list_index(green).match("批准时间.▢▢▢")[0] == approved  # a fax's specks read as glyphs: no gap


@pytest.mark.parametrize(("read", "written"), [
    ("湘江電|系統", True), ("出口| (億元)", True), ("單位名|", True),  # in words, before a bracket, ending a label
    ("近2年情况——|", False), ("批准时间.|", False), ("|集群名称", False),  # after a dash, a point; a line's start
    ("长沙远航动力科技有限公司|", False),  # ending a long line: as often a stamp's ink
])
def test_a_dropped_glyph_is_written_only_where_it_stands_in_words(read: str, written: bool) -> None:
    before, after = read.split("|")
    steps = [(float(i), char) for i, char in enumerate(before)]
    steps += [(len(before) + 1.0 + i, char) for i, char in enumerate(after)]
    assert _in_words(steps, len(before) + 0.5, 1) is written


def _typed(text: str) -> np.ndarray:
    from variants.scans import traditional_face

    image = Image.new("L", (420, 64), 255)
    ImageDraw.Draw(image).text((10, 32), text, fill=0, font=traditional_face(44), anchor="lm")
    return np.asarray(image)


@NEEDS_OCR
def test_a_glyph_the_recogniser_cannot_read_stands_in_the_text_as_a_gap() -> None:
    """湘江電驅系統 typed in a traditional face: 驅 is not in the recogniser's alphabet, which reads
    湘江電系統 — the line is then 湘江電▢系統, and unsure; without 驅 there is no gap."""
    from reportcheck.readers.ocr_engine import recognise

    gapped, plain = recognise([_typed("湘江電驅系統"), _typed("湘江電系統")])
    assert gapped.text == "湘江電▢系統" and gapped.conf <= 0.3
    assert plain.text == "湘江電系統" and plain.conf > 0.9
