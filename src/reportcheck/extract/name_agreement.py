"""A scan's names checked against each other: the same enterprise or authority is named in several lists
and rows (前十名单, 重点项目的建设主体, 绿色工厂, 认定单位), so a name read one character off from another
reading of it (熊谷 for 麓谷, 信恩化 for 信息化) is a misread the recogniser was sure of — a doubt, never a
finding."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from reportcheck import catalogue as cat
from reportcheck.model import Issue, ListRow, ListTable

_COMPANY = re.compile(r"^.{4,}?公司")  # an enterprise's name: the text up to its first 公司
_SHORTEST = 5  # shorter texts (国家级, 省级) differ by one character by design
_SERIES = 2  # names numbered in a series (技术中心1, 技术中心2): one without its number lost it
_DIGIT = re.compile(r"\d")
_MARKS = ".．·:：;；,，'\"“”"  # marks no enterprise's name holds: specks a fax read as marks
_DUST = re.compile(f"[{re.escape(_MARKS)}]")


@dataclass(frozen=True, slots=True)
class _Naming:
    table: ListTable
    row: ListRow
    column: str
    name: str


def odd_names(tables: list[ListTable]) -> list[Issue]:
    """Every sure reading of an enterprise's name that is one character (not a figure) away from another
    reading of a name in these lists (sure or not: 谷激光雷达科技有限公司 beside three unsure 然谷激光…), and
    not read so more often: put in doubt, with a D004 naming the other reading. Two different enterprises whose
    names differ by one character are both doubted: on a scan, which one the paper says cannot be told without
    it. A member of a numbered series (智能制造升级项目1期…10期) one character (not a figure) off what the others
    share (项日9期) is doubted too. Marks inside a name (科:技) are dust."""
    namings = [_Naming(t, r, column, name) for t in tables for r in t.rows
               for column, value in r.values.items() if (name := _name_in(value))]
    sure = [n for n in namings if n.column not in n.row.doubts and "row" not in n.row.doubts]
    votes = Counter(n.name for n in namings)  # unsure readings too: each is still the paper read another way
    stems = Counter(_stem(n.name) for n in sure)
    issues = []
    for naming in sure:
        raw = str(naming.row.values[naming.column])
        rival = next((other for other in votes if votes[other] >= votes[naming.name]
                      and _one_off(naming.name, other)), None)
        numbered = [other for other in votes if other.startswith(naming.name) and other[len(naming.name):].isdigit()]
        stem = _stem(naming.name)
        series = next((other for other in stems if stems[other] >= _SERIES and stems[other] > stems[stem]
                       and _one_off(stem, other)), None)
        if rival is not None:
            why = f"与本报告其他表格中的“{rival}”只差一个字，可能是识别误差"
        elif series is not None:
            example = next(n.name for n in sure if _stem(n.name) == series)
            why = f"名单中成套编号的名称（如“{example}”）除编号外都相同，该名称与它们只差一个字，可能是识别误差"
        elif len(numbered) >= _SERIES:
            why = f"名单中的“{numbered[0]}”等都带编号，该名称可能漏识别了编号"
        elif _COMPANY.match(raw) and _DUST.search(raw.strip(_MARKS)):
            why = "名称中夹有标点，可能是污点或识别误差"
        else:
            continue
        naming.row.doubts[naming.column] = f"扫描件{why}"
        issues.append(cat.OCR_UNSURE.issue(
            section=naming.table.section, field=naming.table.title, location=naming.row.location,
            what=f"“{naming.table.title}”中的名称", raw=raw, why=why))
    return issues


def _name_in(value: object) -> str | None:
    """The name a list's text cell gives, dust aside: an enterprise's up to its 公司 (绿色工厂 entries name
    one), else the whole text when long enough to be a name (湖南省工业和信息化厅), else None."""
    if not isinstance(value, str):
        return None
    company = _COMPANY.match(value)
    name = _DUST.sub("", company.group(0) if company else value)
    return name if len(name) >= _SHORTEST else None


def _stem(name: str) -> str:
    """A name without its figures: what the members of a numbered series share (智能制造升级项目期)."""
    return _DIGIT.sub("", name)


def _one_off(name: str, other: str) -> bool:
    """Two names one character apart, where that character is not a figure (企业技术中心7 and 8 differ)."""
    if name == other or Levenshtein.distance(name, other, score_cutoff=1) != 1:
        return False
    (op,) = Levenshtein.editops(name, other)
    changed = (name[op.src_pos] if op.tag != "insert" else "") + (other[op.dest_pos] if op.tag != "delete" else "")
    return not _DIGIT.search(changed)
