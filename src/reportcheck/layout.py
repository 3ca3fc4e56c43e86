"""The neutral layout every reader produces: paragraphs and tables in document order.

A reader knows nothing of templates; extraction knows nothing of file formats. Texts are
kept as read (``text``); the normalise step fills ``norm`` beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

# A footnote mark typed as a raised digit (73.9¹) is given as its superscript character, which the number
# reader knows for a mark and not a digit of the figure.
RAISED_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Such a mark is under RAISED_SIZE of its line's height, its foot RAISED_BY of that height above the line's.
RAISED_SIZE, RAISED_BY = 0.8, 0.2

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points
# A character a scan shows and OCR could not read (a traditional form its alphabet lacks), kept in the text
# where it stands (湘江電▢系統), as a missing character is marked in print: a square, but not □ (a check box,
# which OCR reads as such) nor any other character in the recogniser's alphabet.
UNREAD = "▢"


@dataclass(slots=True)
class Picture:
    """An image in a Word file (a table pasted as a picture, a chart, a logo), so that extraction can have
    it read by OCR where the form's table should be and is not. Its bytes are fetched only then."""

    load: Callable[[], bytes | None]  # the image's bytes from the package
    width_pt: float  # the size it is shown at on the page
    height_pt: float


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the file's own text, or a line of a PDF or a scan."""

    index: int
    text: str
    page: int | None = None
    norm: str = ""
    bbox: BBox | None = None
    confidence: float | None = None  # OCR: the least sure word's confidence; None for a text layer
    # Not the applicant's content, as the file itself says: "toc" for an entry of a table of contents
    # (a TOC field, a TOC style). Extraction never anchors a section on such a paragraph.
    furniture: str | None = None
    pictures: list[Picture] = field(default_factory=list)


@dataclass(slots=True)
class Cell:
    """One grid cell. ``col`` is the grid column it starts at; spans are resolved.

    A cell continued from the row above (Word's vMerge) is ``continued`` and carries the
    text of the cell it continues, so a row can be read on its own.
    """

    text: str
    table: int
    row: int
    col: int
    colspan: int = 1
    rowspan: int = 1
    continued: bool = False
    page: int | None = None
    norm: str = ""
    bbox: BBox | None = None
    # Only for a cell holding nested tables: its paragraphs and tables in document order.
    content: list[Paragraph | Table] = field(default_factory=list)
    confidence: float | None = None  # OCR: the least sure word's confidence; None for a text layer
    written_on: bool = False  # OCR: the cell holds ballpoint ink (a printed figure struck and written again)
    crossed: bool = False  # OCR: a line down the whole page (a scanner's glass, a copier's drum) runs through its text
    ink: tuple[float, float] | None = None  # OCR: how far across its words stand (x0, x1), in a cell wider than them
    broken_off: str = ""  # OCR: the next page begins with this, under this cell, kept apart (a row broken over pages)
    formula: str | None = None  # a Word formula field's code in the cell ("=ROUND((C9-B9)/B9*100,1)")
    paragraph: int | None = None  # a table typed with tabs: the paragraph its row is, where a user finds it
    at: tuple[int, int] | None = None  # a cell the reading moved (a table on its side): its (row, col) in the file
    pictures: list[Picture] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    """A table: its rows of grid cells, and where it stands (inside a cell, on a page)."""

    index: int
    rows: list[list[Cell]]
    parent: tuple[int, int, int] | None = None  # (table, row, col) of the enclosing cell
    page: int | None = None
    grid: tuple[float, ...] | None = None  # PDF: x positions of the column lines


@dataclass(slots=True)
class Document:
    """A file's paragraphs and tables. Tables that are no table of the file's own (an embedded workbook,
    a picture read by OCR) are numbered after all of the file's own, so the own ones keep the numbers
    the file's markup gives them (and an annotated copy finds them)."""

    path: str
    blocks: list[Paragraph | Table] = field(default_factory=list)
    source_format: str = "docx"
    garbled_pages: list[int] = field(default_factory=list)  # PDF pages whose text layer was no text, OCR'd
    unread_pages: list[int] = field(default_factory=list)  # such pages left unread (no OCR extra)
    unruled_pages: list[int] = field(default_factory=list)  # scanned pages with table rows read without their table
    image_pages: list[int] = field(default_factory=list)  # scanned pages among a text PDF's pages, OCR'd
    unread_image_pages: list[int] = field(default_factory=list)  # such pages left unread (no OCR extra)
    half_pages: list[int] = field(default_factory=list)  # pages read from a sheet holding two side by side
    repeated_pages: dict[int, int] = field(default_factory=dict)  # scanned page → the page before it repeats

    def iter_blocks(self) -> Iterator[Paragraph | Table]:
        """Every paragraph and table, nested ones included, in document order."""
        yield from _walk(self.blocks)

    def tables(self) -> list[Table]:
        return [b for b in self.iter_blocks() if isinstance(b, Table)]


def _walk(blocks: Sequence[Paragraph | Table]) -> Iterator[Paragraph | Table]:
    for block in blocks:
        yield block
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if cell.content and not cell.continued:
                        yield from _walk(cell.content)


def number_after(blocks: Sequence[Paragraph | Table], table: int, paragraph: int) -> tuple[int, int]:
    """Number ``blocks`` (nested ones included), in order, from ``table`` and ``paragraph`` on: tables that are
    no table of the file's own come after its own. The numbers to go on from."""
    for block in _walk(blocks):
        if isinstance(block, Table):
            block.index = table
            for row in block.rows:
                for cell in row:
                    cell.table = table
            table += 1
        else:
            block.index = paragraph
            paragraph += 1
    return table, paragraph
