"""Match what a report wrote against the template's labels: exact keys first, then fuzzy.

A label is compared on its whole text, parentheses inside included: the written key, the key
without any parenthetical (``集群主导产业（智能网联汽车）产值（亿元）`` → ``集群主导产业产值``), and
that without a leading 集群 or 获得, and those as applicants shorten them (without a closing 数量, 和 written 、).
Enumerators (``1.``, ``（1）``, ``①``) and footnote marks (``*``, ``注1``)
are not part of a label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from reportcheck.layout import UNREAD
from reportcheck.normalize.text import label_key

_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# A parenthetical whose closing bracket is lost, to the key's end: a scan read 材料） as 材科, a label typed
# without its ）, or closed with the wrong bracket (个].
_UNCLOSED = re.compile(r"\(.*$", re.DOTALL)  # once the closed ones are gone, every ( left stands after every )
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+|[—-]{1,2})\s*[、.]\s*"
    r"|^[-—·.]*(?:\d{1,2}-\d{1,2}(?!\d)|\d+(?:\.\d+)*|[一二三四五六七八九十]+)\s*[、.]?\s*")
_HYPHENED = re.compile(r"(\d{1,2})-(\d{1,2})")  # 2-1 for 2.1, as some offices number sections
# A chapter numbered as a part of the document: 第二部分　集群发展总体情况 is chapter 二 (its sections then
# numbered 一、二、 within it, as 2.1, 2.2 are).
_PART = re.compile(r"^第([一二三四五六七八九十]+|\d{1,2})(?:部分|章|篇)\s*[、.:：]?\s*")
_BEFORE_NUMBER = "-—·."  # a speck a scan read before a heading's number (-2.2 集群企业培育情况)
# (a bullet —、 is a dash before 、, as is 一、 a scan read as two: --、集群基本信息)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ENUMERATOR = re.compile(r"^(?:\d{1,2}[.、](?!\d)|\(\d{1,2}\)|\d{1,2}\)|[\u2460-\u249b\u2776-\u277f])")  # ① ⑴ ⒈
_FOOTNOTE = re.compile(r"[*※\u00b9\u00b2\u00b3\u2070-\u2079]+|(?:注\d+|\[\d+\]|[\u2460-\u2473])$")
_TRAILING_DASHES = re.compile(r"[-—–_~－]{2,}$")
OF_WHICH = re.compile(r"^其中(?=.{4})")
# An abbreviation after the words it stands for, inside a label: 获得信息化和工业化融合（两化融合）管理体系… is
# 获得两化融合管理体系…, 研究与试验发展（R&D）经费支出 R&D经费支出.
_SPELLED_OUT = re.compile(r"\(([^()]{2,8})\)(?=.)")
_SPELLED_MAX = 12  # characters the words an abbreviation stands for may have
_AND = re.compile(r"(?<=.)[和及与](?=.)")  # 上市和挂牌企业 is 上市、挂牌企业
_DROPPED_PREFIXES = ("集群", "获得")  # 集群从业人员数量 is written 从业人员, 获得国家科技进步奖数量 国家科技进步奖
_COUNT = "数量"  # 规上工业企业数量 is written 规上工业企业（家）: the row counts them either way
_CORE_MIN = 4  # characters a label keeps without 数量 (企业数量 stays whole)
FUZZY_CUTOFF = 88.0
SURE_SCORE = 94.0  # a fuzzy match below this is read, but its figures are in doubt
_MISREAD_MIN = 3  # characters a label must have for one misread character in it to leave it known
_MISREAD_TWICE = 8  # and for two
_UNREAD_RUN = re.compile(f"{UNREAD}+")
_GAP_READ = 2  # characters a key with a gap must read to be matched as written (值▢ could be any 值…)


def _gapped_pattern(key: str, least: int) -> re.Pattern[str] | None:
    """What a scan's key with characters OCR could not read (:data:`UNREAD`, one a character its ink is
    wide) may stand for: each run of n of them up to one character more, or none (a speck read as a glyph),
    the rest as read. None when the key has no such gap, or reads, outside its parentheses, fewer characters
    than it leaves unread, or than ``least`` (▢▢▢(个) says nothing of which row)."""
    runs = _UNREAD_RUN.findall(key)
    core = strip_parens(key)
    unread = core.count(UNREAD)
    if not runs or len(core) - unread < max(least, unread):
        return None
    parts = _UNREAD_RUN.split(key)
    pattern = re.escape(parts[0])
    for run, part in zip(runs, parts[1:], strict=True):
        pattern += f".{{0,{len(run) + 1}}}" + re.escape(part)
    return re.compile(pattern)


def gapped_fits(key: str, known: dict[str, object], least: int = _GAP_READ) -> list[str] | None:
    """The keys of ``known`` a scan's ``key`` with characters OCR could not read may be, as written where it
    was read (利润总▢ for 利润总额 typed 利潤總額, the recogniser's alphabet lacking 額), one for each target;
    None when the key has no gap to match by (:func:`_gapped_pattern`). Two or more: it could be either
    (集群研发经费▢ is 集群研发经费 with a speck after it, or 集群研发经费增速), so it is neither."""
    pattern = _gapped_pattern(key, least)
    if pattern is None:
        return None
    return list({id(target): k for k, target in known.items() if pattern.fullmatch(k)}.values())


def strip_parens(key: str) -> str:
    """A key without its parentheticals, nested ones included: '产值(亿元)' → '产值', and without one left
    open at its end: '总产值(亿元' → '总产值'."""
    while True:
        out = _PARENS.sub("", key)
        if out == key:
            return _UNCLOSED.sub("", out) or out
        key = out


def chinese_lines(text: str) -> str:
    """``text`` without its lines of no Chinese when it has Chinese ones (a translation under a label)."""
    if "\n" not in text or not _HAN.search(text):
        return text
    return "\n".join(line for line in text.split("\n") if _HAN.search(line))


def clean_label(text: str) -> str:
    """The key of a row label without enumerator, footnote marks and a leading 其中 (其中：规上工业企业营业收入
    is the row of 规上工业企业营业收入, written under the row it is part of), without lines of no Chinese
    under Chinese ones (集群总产值（亿元）⏎Total output value (100 million yuan): a translation), and without
    dashes at its end (a scan's rule, or a stamp's frame, read into the cell: 集群从业人员数量(人)----)."""
    key = _TRAILING_DASHES.sub("", label_key(chinese_lines(text)))
    key = _ENUMERATOR.sub("", key)
    key = OF_WHICH.sub("", key)
    return _FOOTNOTE.sub("", key)


@lru_cache(maxsize=8192)
def label_keys(text: str) -> tuple[str, ...]:
    """The keys a label is known by, most specific first (cached: a report repeats its texts)."""
    key = clean_label(text)
    bare = strip_parens(key)
    keys = [key, bare]
    for prefix in _DROPPED_PREFIXES:
        if bare.startswith(prefix) and len(bare) > len(prefix) + 2:
            keys.append(bare[len(prefix):])
    keys += _abbreviated(key)
    for written in keys[1:]:  # shortened as applicants write them: without 数量, 和 as 、
        core = _AND.sub("、", written)
        if core.endswith(_COUNT) and len(core) - len(_COUNT) >= _CORE_MIN:
            core = core[:-len(_COUNT)]
        keys.append(core)
    return tuple(dict.fromkeys(k for k in keys if k))


def _abbreviated(key: str) -> list[str]:
    """The key with words spelled out before their abbreviation (…（两化融合）…) replaced by it: as the words'
    extent is not written, one key for each extent they may have."""
    m = _SPELLED_OUT.search(key)
    if m is None:
        return []
    before, short, after = key[:m.start()], m.group(1), key[m.end():]
    return [strip_parens(before[:k] + short + after)
            for k in range(max(0, len(before) - _SPELLED_MAX), len(before) - 1)]


def is_part(text: str) -> bool:
    """Whether a heading is numbered as a part of the document (第二部分　…)."""
    return _PART.match(label_key(text)) is not None


def strip_numbering(text: str) -> tuple[str | None, str]:
    """Split a heading into its number ('2.1', '二') and its title key."""
    key = label_key(text)
    part = _PART.match(key)
    if part:
        return part.group(1), key[part.end():]
    m = _NUMBERING.match(key)
    if not m:
        return None, key
    number = m.group(0).rstrip("、. ")
    number = number.lstrip(_BEFORE_NUMBER) or number  # a bullet (—、) is kept as written
    return _HYPHENED.sub(r"\1.\2", number), key[m.end():]


def misread_of(key: str, known: dict[str, object]) -> str | None:
    """The key of ``known`` a scan's ``key`` is with one character misread, dropped or added (负资人姓名、职务
    for 负责人姓名、职务), two in a long label (国欧级技术创新载体数 for 国家级技术创新载体数量): the nearest
    within those edits, when no other target's key is as near. A character the scan shows and OCR could not
    read (:data:`UNREAD`) is any one where the key reads :data:`_MISREAD_TWICE` characters besides, with one
    misread (集群内中小企▢▢值估集群总产值的比重 is 集群内中小企业产值占集群总产值的比重); otherwise the key is taken
    without its gaps (负▢人姓名 as 负人姓名; specks read as glyphs). None when the key is too short to say
    (:data:`_MISREAD_MIN`) or two targets are as near."""
    bare = key.replace(UNREAD, "")
    if bare != key:
        near = [(k, d, i) for i, k in enumerate(known) if (d := _gapped_distance(key, k)) <= 1]
        if len(bare) < _MISREAD_TWICE or not near:
            return misread_of(bare, known)
    elif len(key) < _MISREAD_MIN:
        return None
    else:
        edits = 2 if len(key) >= _MISREAD_TWICE else 1
        near = process.extract(key, list(known), scorer=Levenshtein.distance, score_cutoff=edits, limit=None)
    if not near:
        return None
    nearest = min(distance for _, distance, _ in near)
    targets = {id(known[k]) for k, distance, _ in near if distance == nearest}
    return next(k for k, distance, _ in near if distance == nearest) if len(targets) == 1 else None


def _gapped_distance(key: str, known: str) -> int:
    """Edits from ``key`` to ``known`` where an unread character (:data:`UNREAD`) stands for any one."""
    above = list(range(len(known) + 1))
    for i, char in enumerate(key, 1):
        row = [i]
        for j, other in enumerate(known, 1):
            same = char in (other, UNREAD)
            row.append(min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (0 if same else 1)))
        above = row
    return above[-1]


@dataclass
class LabelIndex:
    """Keys → target; ``match`` returns (target, score) or None."""

    exact: dict[str, object] = field(default_factory=dict)
    # characters a key with a gap must read (one for a list's few column headers: 名▢ is 名称)
    gap_read: int = _GAP_READ
    fuzzy_keys: list[str] = field(default_factory=list)
    fuzzy_targets: list[object] = field(default_factory=list)
    _seen: dict[tuple[str, float], tuple[object, float] | None] = field(default_factory=dict, repr=False)

    def add(self, target: object, labels: Iterable[str]) -> None:
        self._seen.clear()
        for label in labels:
            for key in label_keys(label):
                if key not in self.exact:
                    self.exact[key] = target
                    self.fuzzy_keys.append(key)
                    self.fuzzy_targets.append(target)

    def match(self, text: str, cutoff: float = FUZZY_CUTOFF) -> tuple[object, float] | None:
        """The best target for ``text`` (remembered: a report asks for the same texts again)."""
        if not text:
            return None
        if (text, cutoff) not in self._seen:
            self._seen[(text, cutoff)] = self._match(text, cutoff)
        return self._seen[(text, cutoff)]

    def match_misread(self, text: str) -> tuple[object, float] | None:
        """The one target a scan's label stands for with one character misread (阁定资产投资 for 固定资产投资,
        园区招酶引资总额): see :func:`misread_of`. Scored below ``SURE_SCORE``: its figures are read, in doubt."""
        keys = label_keys(text)
        if not keys:
            return None
        key = keys[1] if len(keys) > 1 else keys[0]
        known = misread_of(key, dict(zip(self.fuzzy_keys, self.fuzzy_targets, strict=True)))
        if known is None:
            return None
        return self.exact[known], min(float(fuzz.ratio(key, known)), SURE_SCORE - 1)

    def _match(self, text: str, cutoff: float) -> tuple[object, float] | None:
        keys = label_keys(text)
        for key in keys:
            if key in self.exact:
                return self.exact[key], 100.0
        if not keys:
            return None
        for key in keys[:2]:  # as written, and without its parentheticals
            fits = gapped_fits(key, self.exact, self.gap_read)
            if fits:
                return (self.exact[fits[0]], 100.0) if len(fits) == 1 else None
        if UNREAD in text:  # no row's key with those gaps: they may be specks read as glyphs
            return self._match(text.replace(UNREAD, ""), cutoff)
        found = process.extractOne(keys[1] if len(keys) > 1 else keys[0], self.fuzzy_keys,
                                   scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            return None
        return self.fuzzy_targets[found[2]], found[1]
