"""Section titles by section id, for renderers that head findings by section."""

from __future__ import annotations

from functools import cache


@cache
def section_titles() -> dict[str, str]:
    """``{"2.1": "集群主要经济指标", ...}`` over every template spec, plus the basic-information form,
    the data sheet and the chapters every template names alike (a finding on the evidence range heads by
    佐证材料, not a bare 7)."""
    from reportcheck.spec import load_templates

    titles: dict[str, str] = {"1": "集群基本信息", "X": "补充数据（数据表）"}
    chapters: dict[str, set[str]] = {}
    for spec in load_templates():
        for t in spec.indicator_tables:
            titles.setdefault(t.id, t.title)
        for tb in spec.text_blocks:
            titles.setdefault(tb.id, tb.title)
        for lst in spec.list_tables:
            titles.setdefault(lst.section, lst.title)
        for chapter in spec.chapters:
            chapters.setdefault(chapter.id, set()).add(chapter.title)
    for number, named in chapters.items():  # a chapter every template names alike (七、佐证材料)
        if len(named) == 1:
            titles.setdefault(number, named.pop())
    return titles
