"""Text that is not content: the entries of a table of contents.

A contents page repeats every heading of the form, each followed by a page number. Read as headings,
its lines anchor every section at the contents page and the report reads as empty. An entry is a line
whose text, without a trailing page number, is a heading of the form: taken as an entry when the file
says so (a TOC field or style, :attr:`Paragraph.furniture`), when dot leaders lead to the number, or
when two or more such lines stand together (or follow a 目录 line). A heading with a page range
(七、佐证材料 第30-80页) is the appendix's own heading, not an entry; a range inside the title
(5.1未来三年（2023-2025年）…) is the title's. Contents typed without page numbers
are the headings standing back to back, four or more, or after a 目录 line.
"""

from __future__ import annotations

import re

from reportcheck.extract.labels import LabelIndex
from reportcheck.extract.lines import Line
from reportcheck.extract.sections import match_heading
from reportcheck.normalize.text import label_key

_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?P<leader>[.…·•_\-—]{2,}\s*|\s+)(?:第\s*)?\d{1,3}\s*页?$")
_RANGE = re.compile(r"\d+\s*(?:-|~|至|到|—)+\s*(?:第\s*)?\d+\s*页?$")  # a page range ending the line
_CONTENTS_TITLE = frozenset({"目录", "目次", "contents"})
_RUN = 4  # headings back to back, with nothing between, that can only be a contents list


def content_lines(lines: list[Line], headings: LabelIndex) -> list[Line]:
    """``lines`` without the title and entries of a table of contents."""
    entries = [_entry(line, headings) for line in lines]
    _bare_runs(lines, entries, headings)
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        if entries[i] is None:
            i += 1
            continue
        j = i
        while j < len(lines) and entries[j] is not None:
            j += 1
        titled = i > 0 and _is_contents_title(lines[i - 1])
        if j - i >= 2 or titled or any(entries[k] for k in range(i, j)):
            drop.update(range(i, j))
            if titled:
                drop.add(i - 1)
        i = j
    return [line for k, line in enumerate(lines) if k not in drop]


def _entry(line: Line, headings: LabelIndex) -> bool | None:
    """None: no contents entry. True: sure of it (marked by the file, or dot leaders); False: an entry
    only if it stands among others."""
    para = line.para
    if para is None or not para.norm:
        return None
    if para.furniture == "toc":
        return True
    text = para.norm.split("\n")[0].strip()
    m = _ENTRY.match(text)
    if m is None or _RANGE.search(text):
        return None
    if match_heading(headings, m.group("title")) is None:
        return None
    return bool(m.group("leader").strip())


def _bare_runs(lines: list[Line], entries: list[bool | None], headings: LabelIndex) -> None:
    """Contents typed without page numbers: headings back to back with nothing between them, four or
    more (a chapter heading is followed by its first section's, never by three more), or after a 目录
    line; a heading met twice ends them: the second is the real one), and only when the headings they list
    do follow (four empty sections in a row are no contents). They are marked as sure entries."""
    sections = [_bare_heading(line, headings) for line in lines]
    i = 0
    while i < len(lines):
        j = i
        seen: set[tuple[str, str]] = set()
        while j < len(lines) and entries[j] is None and sections[j] is not None \
                and sections[j] not in seen:  # the real first heading after the contents repeats an entry
            seen.add(sections[j])  # type: ignore[arg-type]
            j += 1
        listed = j - i >= _RUN or (j > i and i > 0 and _is_contents_title(lines[i - 1]))
        if listed and any(s in seen for s in sections[j:]):  # contents are followed by the headings they list
            entries[i:j] = [True] * (j - i)
        i = max(j, i + 1)


def _bare_heading(line: Line, headings: LabelIndex) -> tuple[str, str] | None:
    """The section (kind, id) a paragraph is the heading of, or None."""
    para = line.para
    if para is None or not para.norm:
        return None
    found = match_heading(headings, para.norm.split("\n")[0])
    return (found[0].kind, found[0].id) if found else None


def _is_contents_title(line: Line) -> bool:
    return line.para is not None and label_key(line.para.norm) in _CONTENTS_TITLE
