"""Text normalisation: traditional → simplified (OpenCC t2s), full-width → half-width, spaces.

The original text is always kept beside the normalised one (``Cell.text`` / ``Cell.norm``) so
that messages can quote what the applicant wrote.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reportcheck.layout import Document, Paragraph

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0x2212: ord("-"), 0x3010: ord("["), 0x3011: ord("]"),
                   0x2014: 0x2014, 0xA0: 0x20})
# Kangxi radicals look like the characters they stand for (⼯业 pasted from a PDF is 工业), and a subscript digit
# is a digit (CO₂): each read as that character (NFKC's mapping of the two blocks).
_LOOK_ALIKES = {c: unicodedata.normalize("NFKC", chr(c)) for c in (*range(0x2F00, 0x2FD6), *range(0x2080, 0x208A))}
_FULLWIDTH.update({c: ord(v) for c, v in _LOOK_ALIKES.items() if len(v) == 1 and v != chr(c)})
_SPACES = re.compile(r"[ \t\u200b\ufeff]+")
_ALL_SPACE = re.compile(r"\s+")
_LONGEST_PROMPT = 40  # characters: no prompt is longer
_KEY_DROP = re.compile(r"[\s\"'“”‘’「」『』《》:：]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_halfwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _needs_t2s(text: str) -> bool:
    return any(ord(ch) > 0x2E7F for ch in text)


def to_simplified(texts: list[str]) -> list[str]:
    """Convert many texts with one OpenCC call (a call per cell would dominate the run time)."""
    todo = [i for i, t in enumerate(texts) if t and _needs_t2s(t)]
    if not todo:
        return list(texts)
    out = list(texts)
    # A record separator that OpenCC leaves alone; a text holding the mark itself (no report's text
    # does: XML cannot carry it) could shift the split, so such a batch is converted one text at a time.
    sep = "\n\x1e\n"
    parts: list[str] = []
    if not any("\x1e" in texts[i] for i in todo):
        parts = _t2s().convert(sep.join(texts[i] for i in todo)).split(sep)
    if len(parts) == len(todo):
        for i, part in zip(todo, parts, strict=True):
            out[i] = part
    else:
        for i in todo:
            out[i] = _t2s().convert(texts[i])
    return out


def normalize_text(simplified: str) -> str:
    """Half-width, spaces folded per line, blank lines dropped (input already simplified)."""
    text = to_halfwidth(simplified)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """A comparable form of a label: no whitespace or line breaks, no quotes, ASCII brackets."""
    return _KEY_DROP.sub("", to_halfwidth(text)).lower()


def squash(text: str) -> str:
    """Remove every whitespace character (labels broken over lines)."""
    return _ALL_SPACE.sub("", text)


def comparable(text: str) -> str:
    """Text as an evidence page and the words sought on it are compared: simplified characters,
    half-width, no spaces, upper case."""
    (simplified,) = to_simplified([text])
    return squash(to_halfwidth(simplified)).upper()


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    from reportcheck.spec import load_json_resource

    return frozenset(_prompt_key(t) for t in load_json_resource("lexicon", "placeholders.json")["texts"])


def _prompt_key(text: str) -> str:
    return _ALL_SPACE.sub("", text).rstrip("。.…").lower()


@lru_cache(maxsize=1)
def _prompt_starts() -> frozenset[str]:
    return frozenset(p[0] for p in _placeholders())


def is_placeholder(norm: str) -> bool:
    """A whole text that is office software's prompt in an unfilled field (单击或点击此处输入文字。)."""
    return bool(norm) and len(norm) <= _LONGEST_PROMPT and norm[0].lower() in _prompt_starts() \
        and _prompt_key(norm) in _placeholders()


def normalize_document(doc: Document) -> Document:
    """Fill ``norm`` on every paragraph and cell, converting all text in one OpenCC call. A prompt left in
    an unfilled field normalises to nothing: it is no answer."""
    items: list = []
    for block in doc.iter_blocks():
        if isinstance(block, Paragraph):
            items.append(block)
        else:
            for row in block.rows:
                items.extend(row)
    simplified = to_simplified([it.text for it in items])
    for it, s in zip(items, simplified, strict=True):
        norm = normalize_text(s)
        it.norm = "" if is_placeholder(norm) else norm
    return doc
