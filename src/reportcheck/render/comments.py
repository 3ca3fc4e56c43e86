"""Findings as Word review comments in a copy of the report (.docx).

Each finding with a place in the document becomes one comment anchored there: on the cell its
location names, on a row's first filled cell, or on a paragraph. Locations are the reader's own
numbering (:func:`reportcheck.readers.docx_reader.anchors` walks the package the same way), so a
comment lands on the cell the figure was read from. Findings with no place (a row that is missing,
a list as a whole) go into one summary comment at the start, which also counts everything.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import docx
from docx.document import Document as WordDocument
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from reportcheck.model import SEVERITY_ZH, Issue, Loc
from reportcheck.readers.docx_reader import Anchors, W, anchors
from reportcheck.rules import issue_types

AUTHOR, INITIALS = "reportcheck", "RC"
_P, _R, _TBL = f"{{{W}}}p", f"{{{W}}}r", f"{{{W}}}tbl"


@dataclass
class Placement:
    """How the findings were placed: ``placed`` anchored where they point, ``unplaced`` in the summary."""

    placed: int = 0
    unplaced: int = 0


def annotate_docx(package: bytes, issues: Sequence[Issue]) -> tuple[bytes, Placement]:
    """The .docx ``package`` with one comment per finding and a summary comment at the start."""
    document = docx.Document(io.BytesIO(package))
    body = document.element.body
    found = anchors(body)
    placement = Placement()
    unplaced: list[Issue] = []
    for issue in issues:
        paragraphs = _target(found, issue.location)
        if paragraphs:
            _comment(document, paragraphs, _finding_lines(issue))
            placement.placed += 1
        else:
            unplaced.append(issue)
    placement.unplaced = len(unplaced)
    start = _first_paragraph(body)
    if start is not None:
        _comment(document, [start], _summary_lines(issues, unplaced))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), placement


def _target(found: Anchors, loc: Loc | None) -> list[etree._Element]:
    """The paragraphs (w:p) a comment on ``loc`` spans; empty when the location has no place here."""
    if loc is None:
        return []
    if loc.table is not None and loc.row is not None:
        if loc.col is not None:
            tc = found.cells.get((loc.table, loc.row, loc.col))
        else:  # a row: its first cell with text (a label, or the text block filling the row)
            row = found.rows.get((loc.table, loc.row), [])
            tc = next((c for c in row if _has_text(c)), row[0] if row else None)
        return _cell_paragraphs(tc) if tc is not None else []
    if loc.paragraph is not None:
        p = found.paragraphs.get(loc.paragraph)
        return [p] if p is not None else []
    return []


def _cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    """A cell's own paragraphs (content controls included, nested tables not)."""
    return [p for p in tc.iter(_P) if _outside_nested_table(p, tc)]


def _outside_nested_table(p: etree._Element, tc: etree._Element) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not tc:
        if parent.tag == _TBL:
            return False
        parent = parent.getparent()
    return True


def _has_text(tc: etree._Element) -> bool:
    return any((t.text or "").strip() for t in tc.iter(f"{{{W}}}t"))


def _first_paragraph(body: etree._Element) -> etree._Element | None:
    """Where the summary goes: the first paragraph with text (the cover's title), else the first."""
    paragraphs = list(body.iter(_P))
    return next((p for p in paragraphs if "".join(t.text or "" for t in p.iter(f"{{{W}}}t")).strip()),
                paragraphs[0] if paragraphs else None)


def _comment(document: WordDocument, paragraphs: list[etree._Element], lines: Iterable[str]) -> None:
    """One comment spanning ``paragraphs``: from the first run of the first to the last run of the last
    (a paragraph without runs of its own, e.g. an empty cell, gets an empty run to hold it)."""
    first, last = _runs(paragraphs[0]), _runs(paragraphs[-1])
    if not first:
        first = [paragraphs[0].add_r()]
    if not last:
        last = [paragraphs[-1].add_r()] if paragraphs[-1] is not paragraphs[0] else first
    runs = [Run(first[0], Paragraph(paragraphs[0], None)), Run(last[-1], Paragraph(paragraphs[-1], None))]
    lines = list(lines)
    comment = document.add_comment(runs, text=lines[0], author=AUTHOR, initials=INITIALS)
    for line in lines[1:]:
        comment.add_paragraph(line)


def _runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p if r.tag == _R]


def _finding_lines(issue: Issue) -> list[str]:
    """``【错误】AR001``, the message, and the rule's source when it has one."""
    lines = [f"【{SEVERITY_ZH[issue.severity]}】{issue.code}", issue.message]
    source = _sources().get(issue.code)
    if source:
        lines.append(f"依据：{source}")
    return lines


@cache
def _sources() -> dict[str, str]:
    """Each code's source (the rule or template text it rests on)."""
    return {t.code: t.source for t in issue_types()}


def _summary_lines(issues: Sequence[Issue], unplaced: Sequence[Issue]) -> list[str]:
    counts = {s: sum(1 for i in issues if i.severity == s) for s in SEVERITY_ZH}
    if not issues:
        return ["reportcheck 检查结果：未发现问题。"]
    head = "reportcheck 检查结果：" + "，".join(f"{SEVERITY_ZH[s]}{n}条" for s, n in counts.items() if n)
    lines = [head + "。每条问题批注在对应的单元格或段落上。"]
    if unplaced:
        lines.append(f"以下{len(unplaced)}条问题在文档中没有具体位置：")
        lines.extend(f"【{SEVERITY_ZH[i.severity]}】{i.code} {i.message}" for i in unplaced)
    return lines
