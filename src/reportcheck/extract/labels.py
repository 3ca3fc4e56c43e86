"""Match what a report wrote against the template's labels: exact keys first, then fuzzy."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from reportcheck.normalize.text import label_key

_PAREN = re.compile(r"\(.*$")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+|—|-)\s*[、.]\s*|^(?:\d+(?:\.\d+)*|[一二三四五六七八九十]+)\s*[、.]?\s*")
FUZZY_CUTOFF = 88.0


def core_key(text: str) -> str:
    """The label before its parenthetical (unit and remarks): '集群总产值(亿元)' → '集群总产值'."""
    key = label_key(text)
    core = _PAREN.sub("", key)
    return core or key


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

    def add(self, target: object, labels: Iterable[str]) -> None:
        for label in labels:
            for key in {label_key(label), core_key(label)}:
                if key and key not in self.exact:
                    self.exact[key] = target
                    self.fuzzy_keys.append(key)
                    self.fuzzy_targets.append(target)

    def match(self, text: str, cutoff: float = FUZZY_CUTOFF) -> tuple[object, float] | None:
        if not text:
            return None
        for key in (label_key(text), core_key(text)):
            if key in self.exact:
                return self.exact[key], 100.0
        core = core_key(text)
        found = process.extractOne(core, self.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            return None
        return self.fuzzy_targets[found[2]], found[1]
