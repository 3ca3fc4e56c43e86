"""A table printed as lines of text: a Word table converted to text, then printed to PDF. Its header is a line
of single words (``指标名称 2022年 2023年 增幅``), each row a line of a label and its figures
(``集群总产值（亿元） 318.2 348.7 +9.6``), the columns apart by a space or by the width a tab left, which the
PDF's text does not keep. It is read as the table it shows.

A run is taken as a table only when it looks like one: a header line cut by its spaces into three words or
more, two of them years and the first not, none long; a unit that did not fit on the header's line and
went onto the next (``（%）``) finishes its last word; then one row or more, each a label holding a Chinese
character and not ending in a figure and, after it, as many figures as the header has columns after its
first (a number, with a sign, a per cent, a unit, an evidence page in brackets or after it, or in Chinese
numerals; a dash or 无 for none). A row cut at the right margin (the next line's first word would not have
fitted behind it) and wrapped onto the next line is joined again. A line that does not fit ends the run: it
stays a paragraph, and a table missing its rows says so as it would. A row's figures are taken from its end,
so a label may hold spaces. Lines read by OCR are left alone (their figures carry the recogniser's doubt,
which a cell made here would not).
"""

from __future__ import annotations

import re

from reportcheck.layout import Cell, Paragraph, Table

_YEAR = re.compile(r"(?:19|20)\d\d\s*年?度?")
_UNIT_WRAPPED = re.compile(r"[（(][^（）()\s]{1,6}[）)]")
_PAGES = r"(?:见|详见)?(?:佐证材料|佐证|附件)?[Pp第]\.?\d[\d\-~—至、,，]*页?"
_NUMBER = r"[+\-−－±]?\d[\d,，]*(?:\.\d+)?(?:%|亿元|万元|亿|万|个|家|人|项|件)?|[零〇一二两三四五六七八九十百千点]+"
_FIGURE = re.compile(rf"(?:{_NUMBER})"
                     rf"(?:[（(\[【][^（）()\[\]【】]{{0,16}}[）)\]】]|\s{_PAGES})?|[—\-－/／]+|无")
_EVIDENCE = re.compile(_PAGES)
_HAN = re.compile(r"[\u3400-\u9fff]")
_LONGEST_HEADER_WORD = 12
_WRAP_SLACK = 8.0  # points: the space a line cut at the margin may leave besides its next word


def tables_of_figure_lines(blocks: list[Paragraph | Table]) -> list[Table]:
    """Replace each run of ``blocks`` that is a table printed as lines of text by the table it shows; the
    tables made, unnumbered (they come after the file's own)."""
    made: list[Table] = []
    i = 0
    while i < len(blocks):
        run = _run_from(blocks, i)
        if run is None:
            i += 1
            continue
        rows, where, used = run
        table = Table(index=-1, rows=[[Cell(text, -1, r, c, page=where[r].page, bbox=where[r].bbox,
                                            paragraph=where[r].index) for c, text in enumerate(fields)]
                                      for r, fields in enumerate(rows)])
        blocks[i:i + used] = [table]
        made.append(table)
        i += 1
    return made


def _run_from(blocks: list[Paragraph | Table], start: int) -> tuple[list[list[str]], list[Paragraph], int] | None:
    """The rows of the table printed as lines from ``blocks[start]`` on (its header first), the paragraph each
    row is, and how many blocks it takes; None when no such table starts there."""
    first = _line(blocks[start])
    header = _header(first.text) if first is not None else None
    if first is None or header is None:
        return None
    where = [first]
    used = 1
    wrapped = _line(blocks[start + 1]) if start + 1 < len(blocks) else None
    if wrapped is not None and _UNIT_WRAPPED.fullmatch(wrapped.text.strip()):
        header[-1] += wrapped.text.strip()
        used += 1
    rows = [header]
    while start + used < len(blocks):
        line = _line(blocks[start + used])
        if line is None:
            break
        fields, taken = _row(line.text, len(header)), 1
        after = _line(blocks[start + used + 1]) if start + used + 1 < len(blocks) else None
        if fields is None and after is not None and _row(after.text, len(header)) is None \
                and _cut_at_the_margin(line, after, blocks):
            fields, taken = _row(_joined(line.text, after.text), len(header)), 2  # a long row, wrapped
        if fields is None:
            break
        rows.append(fields)
        where.append(line)
        used += taken
    return (rows, where, used) if len(rows) >= 2 else None


def _line(block: Paragraph | Table) -> Paragraph | None:
    """``block`` when it is a line of the file's own text (not OCR's, not furniture)."""
    if isinstance(block, Paragraph) and block.confidence is None and block.furniture is None and block.text.strip():
        return block
    return None


def _cut_at_the_margin(line: Paragraph, after: Paragraph, blocks: list[Paragraph | Table]) -> bool:
    """Whether ``line`` was cut at the right margin of its page's text: the first word of the line ``after`` it
    would not have fitted behind it (its width taken from that line's own). Unknown without boxes: no."""
    if line.bbox is None or after.bbox is None or not after.text.split():
        return False
    right = max((b.bbox[2] for b in blocks if isinstance(b, Paragraph) and b.page == line.page and b.bbox),
                default=line.bbox[2])
    per_character = (after.bbox[2] - after.bbox[0]) / max(1, len(after.text.strip()))
    return line.bbox[2] + per_character * len(after.text.split()[0]) >= right - _WRAP_SLACK


def _joined(line: str, wrapped: str) -> str:
    """A row wrapped onto a second line, joined again: at a space, unless it broke inside brackets (15（见佐证材料
    第16 ⏎ 页）, where no space was)."""
    inside = sum(line.count(c) for c in "（([【") > sum(line.count(c) for c in "）)]】")
    return line.rstrip() + ("" if inside else " ") + wrapped.lstrip()


def _header(text: str) -> list[str] | None:
    """The header's words: three or more, two of them years and the first not, none long."""
    words = text.split()
    if len(words) < 3 or any(len(w) > _LONGEST_HEADER_WORD for w in words) or _YEAR.fullmatch(words[0]):
        return None
    return words if sum(bool(_YEAR.fullmatch(w)) for w in words[1:]) >= 2 else None


def _row(text: str, width: int) -> list[str] | None:
    """A row's label and its ``width - 1`` figures, taken from the line's end; None when it is no such row."""
    words: list[str] = []
    for word in text.split():  # 3 佐证P13: the pages a figure cites go with it
        if words and _EVIDENCE.fullmatch(word):
            words[-1] += f" {word}"
        else:
            words.append(word)
    if len(words) < width:
        return None
    figures = words[len(words) - width + 1:]
    label = " ".join(words[:len(words) - width + 1])
    if not _HAN.search(label) or _FIGURE.fullmatch(label.rsplit(" ", 1)[-1]) \
            or not all(_FIGURE.fullmatch(f) for f in figures):
        return None  # a label ending in a figure: a column more than the header's, or a number cut by a space
    return [label, *figures]
