"""Rows written as SpreadsheetML text and spliced into a workbook openpyxl laid out, read back by openpyxl
(and the batch's locations pickled as plain tuples, which its spool holds by the ten thousand)."""

from __future__ import annotations

import pickle
import tempfile
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from reportcheck.model import Loc
from reportcheck.render.sheet_rows import SheetRows
from reportcheck.render.sheet_splice import splice

TEXTS = ["营业收入 & 产值 <亿元>", "  前后有空格  ", "两行\r\n之间", "=SUM(A1)", "1 > 0 < 2"]


def _laid_out(path: Path) -> tuple[int, int]:
    """A two-sheet write-only workbook with headers, a link on the first sheet's third row; (fill, wrap)
    style indexes."""
    book = Workbook(write_only=True)
    first, second = book.create_sheet("甲"), book.create_sheet("乙")
    fill = WriteOnlyCell(first)
    fill.fill = PatternFill("solid", fgColor="FFC7CE")
    wrap = WriteOnlyCell(first)
    wrap.alignment = Alignment(wrap_text=True)
    first.append(["文字", "数", "链接"])
    first.append([])
    link = WriteOnlyCell(first, "第2行")
    link.hyperlink = Hyperlink(ref="", location="'乙'!A2")
    first.append([None, None, link])
    second.append(["只有表头"])
    ids = fill.style_id, wrap.style_id
    book.save(str(path))
    return ids


def test_rows_spliced_read_back_as_written(tmp_path: Path) -> None:
    laid_out = tmp_path / "laid_out.xlsx"
    fill, wrap = _laid_out(laid_out)
    with tempfile.TemporaryFile() as a, tempfile.TemporaryFile() as b:
        first, second = SheetRows(a), SheetRows(b)
        first.add([TEXTS[0], 1408.9, None], {0: wrap, 2: fill}, height=31)
        first.add([TEXTS[1], 10**17, "第2行"], {})
        for text in TEXTS[2:]:
            first.add([text, -0.5, ""], {})
        second.add([None, 3], {0: fill})
        target = tmp_path / "book.xlsx"
        splice(laid_out, target, {"甲": first, "乙": second})
    book = load_workbook(target)
    sheet = book["甲"]
    assert [c.value for c in sheet[1]] == ["文字", "数", "链接"]  # openpyxl's header kept
    assert [sheet.cell(r, 1).value for r in range(2, 2 + len(TEXTS))] == TEXTS  # spaces and a \r kept
    assert sheet.cell(4, 1).data_type == "s"  # text that looks like a formula stays text
    assert (sheet.cell(2, 2).value, sheet.cell(3, 2).value, sheet.cell(4, 2).value) == (1408.9, 1e17, -0.5)
    assert sheet.cell(2, 1).alignment.wrap_text and sheet.cell(2, 3).fill.fgColor.rgb == "00FFC7CE"
    assert sheet.cell(3, 1).alignment.wrap_text is not True and sheet.cell(3, 1).fill.fill_type is None
    assert sheet.row_dimensions[2].height == 31 and not sheet.row_dimensions[3].height
    assert sheet.cell(3, 3).value == "第2行" and sheet.cell(3, 3).hyperlink.location == "'乙'!A2"
    assert sheet.max_row == 1 + len(TEXTS)
    other = book["乙"]
    assert other.cell(2, 1).value is None and other.cell(2, 1).fill.fgColor.rgb == "00FFC7CE"  # a filled empty cell
    assert other.cell(2, 2).value == 3
    with zipfile.ZipFile(target) as written:  # every part but the sheets openpyxl's own
        assert written.namelist() == zipfile.ZipFile(laid_out).namelist()


@pytest.mark.parametrize("loc", [Loc(), Loc(table=3, row=2, col=1), Loc(paragraph=7, page=12),
                                 Loc(table=0, row=0, col=0, paragraph=0, page=0)])
def test_locations_pickle_as_they_were(loc: Loc) -> None:
    again = pickle.loads(pickle.dumps(loc))
    assert again == loc and hash(again) == hash(loc) and again.describe() == loc.describe()
