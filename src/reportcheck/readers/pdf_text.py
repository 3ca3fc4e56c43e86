"""Words on a PDF page grouped into text lines, shared by the PDF reader and the rule-table finder."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportcheck.layout import BBox

LINE_TOLERANCE = 3.0
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass
class Line:
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    words: list[dict]

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def join_words(words: list[dict]) -> str:
    """Words of one line: a space where the file has one or the gap is a space's width, none inside
    justified CJK."""
    out = ""
    previous: dict | None = None
    for word in words:
        if previous is not None:
            gap = word["x0"] - previous["x1"]
            size = max(previous["bottom"] - previous["top"], 1.0)
            if word.get("space") or gap > 0.25 * size or not (_CJK.search(out[-1]) or _CJK.search(word["text"][0])):
                out += " "
        out += word["text"]
        previous = word
    return out


def least_confidence(words: list[dict]) -> float | None:
    """The confidence of the least sure OCR word among ``words``; None when none was read by OCR."""
    return min((w["conf"] for w in words if "conf" in w), default=None)


def group_lines(words: list[dict]) -> list[Line]:
    """Words grouped into lines by their top edge, left to right; lines top to bottom. A word whose top
    stands further off the line's first word still goes on its line when each one's middle lies within the
    other's height: a heading's number in a Latin font boxed higher than its Chinese title (3.1 | 园区主要经济指标)."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and (abs(lines[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE or _side_by_side(lines[-1][0], word)):
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for group in lines:
        group.sort(key=lambda w: w["x0"])
        out.append(Line(min(w["top"] for w in group), max(w["bottom"] for w in group),
                        group[0]["x0"], group[-1]["x1"], join_words(group), group))
    return out


def _side_by_side(one: dict, other: dict) -> bool:
    """Each word's middle lies within the other's height."""
    def middle(word: dict) -> float:
        return (word["top"] + word["bottom"]) / 2

    return one["top"] < middle(other) < one["bottom"] and other["top"] < middle(one) < other["bottom"]
