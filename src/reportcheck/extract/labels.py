"""Match what a report wrote against the template's labels: exact keys first, then fuzzy.

A label is compared on its whole text, parentheses inside included: the written key, the key
without any parenthetical (``集群主导产业（智能网联汽车）产值（亿元）`` → ``集群主导产业产值``), and
that without a leading 集群. Enumerators (``1.``, ``（1）``, ``①``) and footnote marks (``*``, ``注1``)
are not part of a label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from reportcheck.normalize.text import label_key

_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+|—|-)\s*[、.]\s*|^(?:\d+(?:\.\d+)*|[一二三四五六七八九十]+)\s*[、.]?\s*")
_ENUMERATOR = re.compile(r"^(?:\d{1,2}[.、](?!\d)|\(\d{1,2}\)|\d{1,2}\)|[\u2460-\u2473\u2776-\u277f])")
_FOOTNOTE = re.compile(r"[*※\u00b9\u00b2\u00b3\u2070-\u2079]+|(?:注\d+|\[\d+\]|[\u2460-\u2473])$")
OF_WHICH = re.compile(r"^其中(?=.{4})")
FUZZY_CUTOFF = 88.0
SURE_SCORE = 94.0  # a fuzzy match below this is read, but its figures are in doubt


def strip_parens(key: str) -> str:
    """A key without its parentheticals, nested ones included: '产值(亿元)' → '产值'."""
    while True:
        out = _PARENS.sub("", key)
        if out == key:
            return out or key
        key = out


def clean_label(text: str) -> str:
    """The key of a row label without enumerator, footnote marks and a leading 其中 (其中：规上工业企业营业收入
    is the row of 规上工业企业营业收入, written under the row it is part of)."""
    key = label_key(text)
    key = _ENUMERATOR.sub("", key)
    key = OF_WHICH.sub("", key)
    return _FOOTNOTE.sub("", key)


@lru_cache(maxsize=8192)
def label_keys(text: str) -> tuple[str, ...]:
    """The keys a label is known by, most specific first (cached: a report repeats its texts)."""
    key = clean_label(text)
    bare = strip_parens(key)
    keys = [key, bare]
    if bare.startswith("集群") and len(bare) > 4:
        keys.append(bare[2:])
    return tuple(dict.fromkeys(k for k in keys if k))


def strip_numbering(text: str) -> tuple[str | None, str]:
    """Split a heading into its number ('2.1', '二') and its title key."""
    key = label_key(text)
    m = _NUMBERING.match(key)
    if not m:
        return None, key
    number = m.group(0).rstrip("、. ")
    return number, key[m.end():]


@dataclass
class LabelIndex:
    """Keys → target; ``match`` returns (target, score) or None."""

    exact: dict[str, object] = field(default_factory=dict)
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

    def _match(self, text: str, cutoff: float) -> tuple[object, float] | None:
        keys = label_keys(text)
        for key in keys:
            if key in self.exact:
                return self.exact[key], 100.0
        if not keys:
            return None
        found = process.extractOne(keys[1] if len(keys) > 1 else keys[0], self.fuzzy_keys,
                                   scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            return None
        return self.fuzzy_targets[found[2]], found[1]
