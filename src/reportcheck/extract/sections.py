"""Recognise headings (chapters, tables, lists, text blocks) from the template spec."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from reportcheck.extract.labels import LabelIndex, strip_numbering
from reportcheck.spec import (
    IndicatorTableSpec,
    ListTableSpec,
    TemplateSpec,
    TextBlockSpec,
)

HEADING_CUTOFF = 86.0
_IN_PART = 75.0  # score of a scanned chapter heading read in part against its title (组织运 青况: 84 after 集群)


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the form the reader is in. ``order`` is its place in the template."""

    kind: str  # chapter | basic | indicators | list | text | declaration | evidence
    id: str
    title: str
    order: int
    spec: IndicatorTableSpec | ListTableSpec | TextBlockSpec | None = None


def build_heading_index(spec: TemplateSpec) -> LabelIndex:
    """Every heading of the form, in template order. Specific headings win over chapters."""
    index = LabelIndex()
    order = 0

    def add(kind: str, id_: str, title: str, sub=None) -> None:
        nonlocal order
        order += 1
        index.add(Section(kind, id_, title, order, sub), [title, f"{id_}{title}"])

    add("basic", spec.basic_info.id, spec.basic_info.title)
    chapter_of: dict[str, list[tuple[str, str, str, object]]] = {}
    for t in spec.indicator_tables:
        chapter_of.setdefault(t.chapter, []).append((t.id, "indicators", t.title, t))
    for lst in spec.list_tables:
        chapter = lst.section.split(".")[0]
        chapter_of.setdefault(chapter, []).append((lst.section + "z", "list", lst.title, lst))
    for tb in spec.text_blocks:
        chapter_of.setdefault(tb.chapter, []).append((tb.id + "y", "text", tb.title, tb))
    for chapter in spec.chapters:
        members = sorted(chapter_of.get(chapter.id, []), key=lambda m: m[0])
        if "佐证材料" in chapter.title:
            add("evidence", chapter.id, chapter.title)
        elif "真实性声明" in chapter.title:
            add("declaration", chapter.id, chapter.title)
            add("declaration", spec.declaration.id, spec.declaration.title)
        elif not any(kind == "text" and title == chapter.title for _, kind, title, _ in members):
            # (a text block titled like its chapter, 决赛 四, is the chapter's own content)
            add("chapter", chapter.id, chapter.title)
        for sort_id, kind, title, sub in members:
            add(kind, sort_id.rstrip("zy"), title, sub)
    return index


_SECOND_HEADING = re.compile(r"(?<=\S)\s*(?:及|和|与|、|/)\s*(?=\d\.\d)")


def match_heading(index: LabelIndex, text: str) -> tuple[Section, float] | None:
    """The heading a line is, with the match score (100 for an exact key)."""
    if not text or len(text) > 80:
        return None
    text = _SECOND_HEADING.split(text, maxsplit=1)[0]  # 2.1集群主要经济指标 及 2.2集群企业培育情况: the first
    _, title = strip_numbering(text)
    found = index.match(title, HEADING_CUTOFF) or index.match(text, HEADING_CUTOFF)
    return found  # type: ignore[return-value]


NUMERALS = {c: str(i) for i, c in enumerate("一二三四五六七八九十", start=1)}


def number_fits(number: str, section_id: str, within_part: bool = False) -> bool:
    """Whether a heading's written number is the section's: '一' for chapter 1, '2.1' for 2.1; and, in a
    report whose chapters are headed as parts (第四部分), '二' for 4.2."""
    digits = NUMERALS.get(number, number)
    return digits == section_id or (within_part and "." in section_id and digits == section_id.split(".")[1])


def numbered_later(number: str, section_id: str) -> bool:
    """Whether a heading's written number is the section's moved on by chapters ('六' or '6.1' for the form's
    5 or 5.1), as a chapter kept or added before it moves the numbers of those after it."""
    written, form = NUMERALS.get(number, number).split("."), section_id.split(".")
    return (len(written) == len(form) and written[0].isdigit() and form[0].isdigit()
            and int(written[0]) > int(form[0]) and written[1:] == form[1:])


def chapter_read_in_part(index: LabelIndex, text: str, after: int) -> Section | None:
    """The chapter (or the text block that is one: 四、集群发展促进组织运营情况) a scanned line is when OCR read
    its title in part (四、集群发展促进组织运 青况: 营 cut by a
    streak): numbered as that chapter (四 for 4), coming later in the form than ``after`` (the current
    section's order), its title nearly the chapter's and no longer. A line of prose numbered so inside a
    self-evaluation (四、组织保障方面) is not like the chapter's title."""
    number, title = strip_numbering(text)
    if number is None or number not in NUMERALS:
        return None
    for heading in {id(s): s for s in index.fuzzy_targets if isinstance(s, Section)}.values():
        own = strip_numbering(heading.title)[1]
        if (heading.id == NUMERALS[number] and heading.order > after and len(title) <= len(own) + 2
                and fuzz.ratio(title, own) >= _IN_PART):
            return heading
    return None
