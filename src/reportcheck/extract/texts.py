"""Collect a free-text block (2.8, 3.2, 4.x): what the applicant wrote, instructions left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reportcheck.extract.claims import find_claims
from reportcheck.extract.lines import Line
from reportcheck.extract.ocr import scanned, unsure
from reportcheck.model import Loc, TextBlock
from reportcheck.normalize.text import label_key, to_simplified
from reportcheck.spec import ProseKeywordSpec, TextBlockSpec
from reportcheck.wordcount import char_count, word_count

_INSTRUCTION_RATIO = 90.0
_OCR_INSTRUCTION_RATIO = 95.0  # an OCR'd line against the instruction's text, one character off
_OCR_LINE = 10  # characters: shorter OCR'd lines must match the instruction exactly
_OCR_COUNT_MARGIN = 0.03  # share of an OCR'd block's 字数 that OCR may add or drop


@dataclass
class TextCollector:
    spec: TextBlockSpec
    lines: list[str] = field(default_factory=list)
    places: list[Loc] = field(default_factory=list)  # where each line is
    sure: list[bool] = field(default_factory=list)  # False: a scan's OCR was unsure of the line
    ocr: list[bool] = field(default_factory=list)  # True: the line was read by OCR

    def feed(self, line: Line, skip_first_line: bool = False) -> None:
        if line.para is not None:
            text, loc, source = line.para.text, line.loc, line.para
        else:
            own = [c for c in line.cells if not c.continued and c.text.strip()]
            if len(own) != 1:
                return
            text, loc, source = own[0].text, line.loc, own[0]
        parts = text.splitlines()
        if skip_first_line:
            parts = parts[1:]
        if any(p.strip() for p in parts):
            self.lines.extend(parts)
            self.places.extend(loc for _ in parts)
            self.sure.extend(unsure(source) is None for _ in parts)
            self.ocr.extend(scanned(source) for _ in parts)

    def result(self, keywords: list[ProseKeywordSpec]) -> TextBlock:
        instruction = [label_key(p) for p in self.spec.instruction]
        joined = "".join(instruction) + label_key(self.spec.title)
        kept = [(orig.strip(), simp, loc, sure, ocr) for orig, simp, loc, sure, ocr
                in zip(self.lines, to_simplified(self.lines), self.places, self.sure, self.ocr, strict=True)
                if orig.strip() and not _is_instruction(label_key(simp), instruction, joined, ocr)]
        text = "\n".join(k[0] for k in kept)
        simplified = "\n".join(k[1] for k in kept)
        # Findings about the block sit where the applicant's own text starts, not on the instruction.
        location = kept[0][2] if kept else (self.places[0] if self.places else None)
        missing = [a.name for a in self.spec.aspects if text and not any(w in simplified for w in a.words)]
        claims = []
        any_unsure = not all(k[3] for k in kept)
        for claim in find_claims(simplified, keywords if self.spec.states_cluster_figures else []):
            line = next((k for k in kept if claim.quote in k[1]), None)
            if (line is not None and not line[3]) or (line is None and any_unsure):
                continue  # a figure in prose a scan's OCR was unsure of (or may have been) is not compared
            claim.location = line[2] if line is not None else location
            claims.append(claim)
        words = word_count(text)
        margin = 0.0
        if any(k[4] for k in kept):  # read by OCR: the count is as good as the reading
            margin = _OCR_COUNT_MARGIN + sum(word_count(k[0]) for k in kept if not k[3]) / max(1, words)
        return TextBlock(id=self.spec.id, title=self.spec.title, text=text,
                         word_count=words, char_count=char_count(text),
                         limit=self.spec.limit, aspects_missing=missing, claims=claims, location=location,
                         ocr_margin=round(margin, 3), unsure_lines=[k[0] for k in kept if not k[3]])


def _is_instruction(key: str, instruction: list[str], joined: str, ocr: bool = False) -> bool:
    """A line of the template's instruction, not the applicant's text. A line read by OCR may differ
    from the instruction's wording in a character ("、" read as "："), so it may match part of it nearly."""
    if not key:
        return True
    if key in joined:
        return True
    if ocr and len(key) >= _OCR_LINE and fuzz.partial_ratio(key, joined) >= _OCR_INSTRUCTION_RATIO:
        return True
    return any(fuzz.ratio(key, ins) >= _INSTRUCTION_RATIO for ins in instruction)
