"""How sure the reader is of text a scan's OCR gave: below ``SURE`` a figure or a name is a doubt.

Text from a file's own text layer has no confidence (None) and is always taken as written.
"""

from __future__ import annotations

from collections import Counter

from reportcheck import catalogue as cat
from reportcheck.layout import Cell, Paragraph
from reportcheck.model import Issue, Loc

SURE = 0.90  # the recogniser's confidence (0–1) a text must reach to be checked


def scanned(block: Cell | Paragraph) -> bool:
    """The text came from OCR."""
    return block.confidence is not None


def unsure(block: Cell | Paragraph, sure: float = SURE) -> str | None:
    """Why the text cannot be relied on, or None: '识别置信度68%'. ``sure`` is the confidence it needs."""
    if isinstance(block, Cell) and block.written_on:
        return "单元格中有手写笔迹，可能是划去印刷数字后手写更正，以原件为准"
    if isinstance(block, Cell) and block.crossed:
        return "一条贯穿整页的竖线（扫描仪玻璃或复印机留下的条纹）穿过该单元格的文字，可能读错，以原件为准"
    if isinstance(block, Cell) and block.broken_off:
        return f"该行在页末断开，下一页开头的“{block.broken_off}”可能是此格的后半，未能确认，以原件为准"
    if block.confidence is not None and block.confidence < sure:
        return f"识别置信度{block.confidence:.0%}"
    return None


_PAGE_DOUBTS = 8  # a scanned page with this many entries read unsurely is told once, as a page
_EXAMPLES = 3


def on_page(issue: Issue) -> int | None:
    """The page of a doubt a page's finding takes in (D004), or None: other findings, and a hand's
    correction, which stays its own doubt — it says what to look at on the paper."""
    if issue.code != cat.OCR_UNSURE.code or issue.location is None or "手写" in issue.message:
        return None
    return issue.location.page


def pages_in_doubt(issues: list[Issue]) -> list[Issue]:
    """A scanned page on which many entries were read unsurely (a fax, a blurred copy) is said once — its
    page, how many, a few of them and what to do — in place of a doubt per cell; the entries stay in doubt
    in the report. A hand's correction is its own doubt still: it says what to look at on the paper."""
    counts = Counter(page for i in issues if (page := on_page(i)) is not None)
    pages = {page for page, n in counts.items() if n >= _PAGE_DOUBTS}
    if not pages:
        return issues
    out = [i for i in issues if on_page(i) not in pages]
    for page in sorted(pages):
        told = [i for i in issues if on_page(i) == page]
        fields = list(dict.fromkeys(i.field for i in told if i.field))[:_EXAMPLES]
        out.append(cat.PAGE_UNSURE.issue(section=told[0].section, location=Loc(page=page), page=page,
                                         count=len(told), examples="、".join(fields) or "表格中的数字"))
    return out
