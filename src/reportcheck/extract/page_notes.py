"""Evidence pages given in a note by the table instead of in its cells.

Some applicants leave the figures bare and list the pages in a note under the table: 注：参与制定标准见佐证材料
P30；每万人发明专利拥有量见佐证材料P31；省级科技进步奖见佐证材料P32-34. Each clause names a row in the words
applicants use for it (shortened: 参与制定标准 for 参与制定国际、国家、行业、团体标准) and gives its pages. A clause's
pages go to the one row needing evidence whose label holds its words in order; a clause naming none or several
rows (注：上表数据的佐证材料见第23-25页) gives none.
"""

from __future__ import annotations

import re

from reportcheck.normalize.evidence import split_evidence
from reportcheck.normalize.text import label_key
from reportcheck.spec import RowSpec

_CLAUSES = re.compile(r"[；;。]")
_WRAP = re.compile(r"\s*\n\s*")  # a note's paragraph wrapped mid-word (见佐⏎证材料P32-34)
_NOTE_MARK = re.compile(r"^(?:注|说明|备注)\s*\d?\s*[:：]")
_SHORTEST = 3  # characters a clause's words must have to name a row


def noted_pages(text: str, rows: tuple[RowSpec, ...] | list[RowSpec]) -> list[tuple[RowSpec, list[int]]]:
    """(row, pages) for each clause of a note that gives pages to one row needing evidence."""
    if not names_evidence(text):
        return []
    found = []
    for clause in _CLAUSES.split(_NOTE_MARK.sub("", _WRAP.sub("", text.strip()))):
        words, pages = split_evidence(clause)
        words = label_key(words)
        if not pages or len(words) < _SHORTEST:
            continue
        named = [row for row in rows if row.evidence and _in_order(words, label_key(row.label))]
        if len(named) == 1:
            found.append((named[0], pages))
    return found


def names_evidence(text: str) -> bool:
    """The text speaks of the appendix: 佐证材料, 证明材料."""
    return "佐证" in text or "证明材料" in text


def starts_note(text: str) -> bool:
    """The text opens a note of its own: 注：, 说明：, 备注1："""
    return _NOTE_MARK.match(text.strip()) is not None


def _in_order(words: str, label: str) -> bool:
    """Every character of ``words`` stands in ``label``, in the same order (参与制定标准 in 参与制定国际、国家、行业、
    团体标准)."""
    rest = iter(label)
    return all(char in rest for char in words)
