"""Two versions of a text block compared sentence by sentence.

A sentence ends at 。！？； (or their ASCII forms, with any closing quote or bracket after them) or at
a line break. A PDF breaks lines where the page is full, not where the writer did: a line that does not
end a sentence is joined to the next when the other version has the two lines' junction unbroken (so a
heading on a line of its own stays a sentence, and a line wrapped in mid-word does not). Sentences are
compared simplified (a traditional-character version against a simplified one), half-width and without
spaces or punctuation (an OCR'd comma read as a space is no change); they are quoted as written.

Sentences are counted as well as ordered: a sentence one version only moves, or repeats as often as the
other, is no difference; a sentence repeated is said once, with how often each version has it when the
counts differ (a scan's running text read twice gave dozens of identical lines).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from reportcheck.compare.values import text_key
from reportcheck.normalize.text import to_simplified

_END = "。！？；!?;"
_SENTENCE = re.compile(rf"[^{_END}]+(?:[{_END}]+[”’」』）)\"']*)?|[{_END}]+")
_BEFORE, _AFTER = 4, 2  # characters before and after a line break that must appear unbroken in the other
# version: few after it, so that a figure changed just after a wrap does not hide the wrap
_SAME_SENTENCE = 50.0  # rapidfuzz ratio from which two sentences are one sentence changed


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    """as written"""
    key: str
    """simplified, half-width, no whitespace"""


@dataclass(frozen=True, slots=True)
class SentenceChange:
    kind: Literal["changed", "only_a", "only_b"]
    a: str | None
    b: str | None
    key: str = ""
    """the sentence compared (bare), for a sentence in one version only"""


def compare_texts(a: str, b: str) -> list[SentenceChange]:
    """The sentences only in ``a``, only in ``b``, and changed (one only in ``a`` and one only in ``b``
    that are mostly alike), in the order of the text."""
    lines_a, lines_b = _lines(a), _lines(b)
    if [s.key for s in lines_a] == [s.key for s in lines_b]:
        return []
    flat_a, flat_b = _flat(lines_a), _flat(lines_b)
    sa, sb = _sentences(_unwrap(lines_a, flat_b)), _sentences(_unwrap(lines_b, flat_a))
    sa, sb = [s for s in sa if s.key], [s for s in sb if s.key]
    keys_a, keys_b = [s.key for s in sa], [s.key for s in sb]
    changes: list[SentenceChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if op == "equal" or "".join(keys_a[i1:i2]) == "".join(keys_b[j1:j2]):  # split differently only
            continue
        changes.extend(_pair(sa[i1:i2], sb[j1:j2]))
    return _counted(changes, Counter(keys_a), Counter(keys_b))


def _counted(changes: list[SentenceChange], in_a: Counter[str], in_b: Counter[str]) -> list[SentenceChange]:
    """Sentences in one version only, as multisets: dropped when the other version has them as often
    (moved, or repeated alike), said once otherwise, with both counts when one has it more than once."""
    out: list[SentenceChange] = []
    said: set[tuple[str, str]] = set()
    for change in changes:
        if change.kind == "changed":
            out.append(change)
            continue
        mine, theirs = (in_a, in_b) if change.kind == "only_a" else (in_b, in_a)
        if mine[change.key] <= theirs[change.key] or (change.kind, change.key) in said:
            continue
        said.add((change.kind, change.key))
        if mine[change.key] > 1 or theirs[change.key]:
            a_times, b_times = in_a[change.key], in_b[change.key]
            note = f"（A中{a_times}次，B中{b_times}次）"
            change = SentenceChange(change.kind, change.a and change.a + note, change.b and change.b + note,
                                    change.key)
        out.append(change)
    return out


def _lines(text: str) -> list[Sentence]:
    """Non-empty lines, each with its comparison key (one OpenCC call for the whole text)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Sentence(line, text_key(simple)) for line, simple in zip(lines, to_simplified(lines), strict=True)]


def _flat(lines: list[Sentence]) -> str:
    return "\n".join(s.key for s in lines)


def _unwrap(lines: list[Sentence], other: str) -> list[Sentence]:
    """Join each line to the one before it where the break is a wrap: the line before does not end a
    sentence and ``other`` (the other version, keys joined by line breaks) holds the junction unbroken."""
    out: list[Sentence] = []
    for line in lines:
        if out and not out[-1].text.endswith(tuple(_END)):
            junction = out[-1].key[-_BEFORE:] + line.key[:_AFTER]
            if junction in other:
                prev = out.pop()
                line = Sentence(prev.text + line.text, prev.key + line.key)
        out.append(line)
    return out


def _sentences(lines: list[Sentence]) -> list[Sentence]:
    """Each line cut after its sentence ends; the written and the key forms are cut alike (simplifying
    leaves the end marks alone), else the key stands for the written form too."""
    out: list[Sentence] = []
    for line in lines:
        written = [p for p in _SENTENCE.findall(line.text) if p.strip()]
        keys = [text_key(p) for p in _SENTENCE.findall(line.key)]
        keys = [k for k in keys if k]
        if len(written) != len(keys):
            written = keys
        out.extend(Sentence(w.strip(), _bare(k)) for w, k in zip(written, keys, strict=True))
    return out


def _pair(only_a: list[Sentence], only_b: list[Sentence]) -> list[SentenceChange]:
    """A run of sentences only in ``a`` against a run only in ``b``, as changes: each of ``a``'s paired, in
    order, with the most alike of ``b``'s not yet passed over (when alike enough); the rest stand alone."""
    out: list[SentenceChange] = []
    j = 0
    for old in only_a:
        scores = [fuzz.ratio(old.key, new.key) for new in only_b[j:]]
        best = max(range(len(scores)), key=scores.__getitem__, default=None)
        if best is None or scores[best] < _SAME_SENTENCE:
            out.append(SentenceChange("only_a", old.text, None, old.key))
            continue
        out.extend(SentenceChange("only_b", None, new.text, new.key) for new in only_b[j:j + best])
        out.append(SentenceChange("changed", old.text, only_b[j + best].text))
        j += best + 1
    out.extend(SentenceChange("only_b", None, new.text, new.key) for new in only_b[j:])
    return out


_PUNCTUATION = re.compile(r"[^\w%％.]|_")


def _bare(key: str) -> str:
    """A sentence as compared: its key without punctuation (a decimal point and % stay: they are figures)."""
    return _PUNCTUATION.sub("", key)
