"""A PDF page as the readers see it — its words, ruled tables and rules — built from its edges by
:mod:`.pdf_source` (text layer) or :mod:`.scan_page` (OCR), and the limits that guard reading it."""

from __future__ import annotations

import time
from dataclasses import dataclass

from reportcheck.errors import UnreadableInput
from reportcheck.readers.limits import PdfLimits

MIN_EDGE = 3.0  # a ruling line shorter than this is no line
SNAP = 3.0


@dataclass(frozen=True)
class Rule:
    """A horizontal ruling line."""

    x0: float
    x1: float
    y: float


@dataclass
class PageTable:
    bbox: tuple[float, float, float, float]
    cells: list[tuple[float, float, float, float]]


@dataclass
class PageContent:
    number: int
    height: float
    words: list[dict]
    tables: list[PageTable]
    rules: list[Rule]  # horizontal lines outside the ruled tables, top to bottom
    chars: int
    unmapped: int
    garbled: bool = False  # its text layer was no text (no ToUnicode map): read by OCR instead
    unread: bool = False  # garbled, and not read: the OCR extra is not installed
    by_ocr: bool = False  # read by OCR (a scanned or garbled page)
    blank: bool = False  # nothing drawn on the page at all
    image_page: bool = False  # a scanned page among a text PDF's pages (read by OCR, or unread without it)
    half: bool = False  # one of two pages side by side on a scanned sheet
    rows_unruled: int = 0  # a scanned page's lines of text crossed by a table's lines down yet in no table read


def edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line"}


def ruled_tables(edges: list[dict], page: PageGuard) -> tuple[list[PageTable], list[Rule]]:
    """Ruled tables from the page's edges, and the horizontal rules that are part of none."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    merged = merge_edges(edges, SNAP, SNAP, SNAP, SNAP)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= MIN_EDGE]
    across = sum(1 for e in merged if e["orientation"] == "h")
    page.check_grid(across, len(merged) - across)
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    tables = []
    for group in cells_to_tables(cells):
        box = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group),
               max(c[3] for c in group))
        tables.append(PageTable(box, [tuple(c) for c in group]))
    rules = sorted({Rule(round(e["x0"], 1), round(e["x1"], 1), round(e["top"], 1)) for e in merged
                    if e["orientation"] == "h" and not any(_within(e, t.bbox) for t in tables)},
                   key=lambda r: (r.y, r.x0))
    return tables, rules


def holds_another(box: tuple[float, ...], cells: list[tuple[float, ...]]) -> bool:
    """A frame cell: one that holds another, smaller cell of its table."""
    return any(c is not box and box[0] <= c[0] + 0.5 and box[1] <= c[1] + 0.5 and c[2] <= box[2] + 0.5
               and c[3] <= box[3] + 0.5 and (c[2] - c[0]) * (c[3] - c[1]) < (box[2] - box[0]) * (box[3] - box[1])
               for c in cells)


def _within(edge: dict, box: tuple[float, float, float, float]) -> bool:
    return (box[0] - SNAP <= edge["x0"] and edge["x1"] <= box[2] + SNAP
            and box[1] - SNAP <= edge["top"] <= box[3] + SNAP)


@dataclass
class PageGuard:
    """The limits as they stand for one page: each check refuses the file naming the limit it passed.
    The per-page limits keep the work on a page small (pdfplumber's table geometry grows with the
    square of the ruling-line crossings), so looking at the time between pages is enough. Each
    scanned page read so far (``scanned``) adds ``ocr_page_seconds`` to the time allowed."""

    name: str
    number: int
    limits: PdfLimits
    deadline: float
    scanned: int = 0

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            seconds = f"{self.limits.seconds + self.scanned * self.limits.ocr_page_seconds:g}"
            scans = f"，其中{self.scanned}页为扫描件" if self.scanned else ""
            raise UnreadableInput(self.name, "pdf_timeout",
                                  f"PDF读取超过{seconds}秒（限制{seconds}秒，读到第{self.number}页{scans}），已停止。"
                                  "请提交.docx或精简后的PDF",
                                  f"reading the PDF took over the limit of {seconds} s (at page {self.number})")

    def check_objects(self, count: int) -> None:
        limit = self.limits.max_page_objects
        if count > limit:
            raise UnreadableInput(self.name, "pdf_page_objects",
                                  f"PDF第{self.number}页有{count}个对象和字符，超过限制（{limit}个），已拒绝。"
                                  "请提交.docx或重新导出PDF",
                                  f"page {self.number} holds {count} objects and characters, over the limit of {limit}")

    def check_grid(self, across: int, down: int) -> None:
        limit = self.limits.max_page_grid
        if across * down > limit:
            raise UnreadableInput(self.name, "pdf_page_grid",
                                  f"PDF第{self.number}页的表格线过多（{across}条横线×{down}条竖线，"
                                  f"超过限制{limit}），已拒绝。请提交.docx或重新导出PDF",
                                  f"page {self.number} has {across} × {down} ruling lines, over the limit of {limit}")
