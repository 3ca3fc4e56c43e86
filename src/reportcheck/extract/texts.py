"""Collect a free-text block (2.8, 3.2, 4.x): what the applicant wrote, instructions left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reportcheck.extract.claims import find_claims
from reportcheck.extract.lines import Line
from reportcheck.extract.ocr import unsure
from reportcheck.model import Loc, TextBlock
from reportcheck.normalize.text import label_key, to_simplified
from reportcheck.spec import ProseKeywordSpec, TextBlockSpec
from reportcheck.wordcount import char_count, word_count

_INSTRUCTION_RATIO = 90.0


@dataclass
class TextCollector:
    spec: TextBlockSpec
    lines: list[str] = field(default_factory=list)
    places: list[Loc] = field(default_factory=list)  # where each line is
    sure: list[bool] = field(default_factory=list)  # False: a scan's OCR was unsure of the line

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

    def result(self, keywords: list[ProseKeywordSpec]) -> TextBlock:
        instruction = [label_key(p) for p in self.spec.instruction]
        joined = "".join(instruction) + label_key(self.spec.title)
        kept = [(orig.strip(), simp, loc, sure) for orig, simp, loc, sure
                in zip(self.lines, to_simplified(self.lines), self.places, self.sure, strict=True)
                if orig.strip() and not _is_instruction(label_key(simp), instruction, joined)]
        text = "\n".join(k[0] for k in kept)
        simplified = "\n".join(k[1] for k in kept)
        # Findings about the block sit where the applicant's own text starts, not on the instruction.
        location = kept[0][2] if kept else (self.places[0] if self.places else None)
        missing = [a.name for a in self.spec.aspects if text and not any(w in simplified for w in a.words)]
        claims = []
        for claim in find_claims(simplified, keywords):
            line = next((k for k in kept if claim.quote in k[1]), None)
            if line is not None and not line[3]:
                continue  # a figure in prose a scan's OCR was unsure of is not compared
            claim.location = line[2] if line is not None else location
            claims.append(claim)
        return TextBlock(id=self.spec.id, title=self.spec.title, text=text,
                         word_count=word_count(text), char_count=char_count(text),
                         limit=self.spec.limit, aspects_missing=missing, claims=claims, location=location)


def _is_instruction(key: str, instruction: list[str], joined: str) -> bool:
    if not key:
        return True
    if key in joined:
        return True
    return any(fuzz.ratio(key, ins) >= _INSTRUCTION_RATIO for ins in instruction)
