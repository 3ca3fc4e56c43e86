"""Which template a report was filled in: the title's stage (参赛报告（初赛）), checked against the report's
own headings.

The two rounds' forms share most headings; each has some no other has, by number and title together
(初赛: 五、培育发展产业集群实施方案, 5.1 未来三年…, 4.1 基本情况, 六、真实性声明; 决赛: 四、集群发展促进组织运营情况,
五、真实性声明, 六、佐证材料). A 决赛 report rewritten from the 初赛 one keeps its old title while its headings
are the 决赛 form's: it is read with the template its headings have, and the conflict is told (X013).
Only headings count — a phrase in the prose (培育发展省级产业集群实施方案) does not — and only a clear majority of
another form's own headings overrules the title, and only when none of the title's form's own chapter headings
is there: a 决赛 report with the 决赛 form's chapter 四 that kept the 初赛 form's chapter 五 (and so numbers
the chapters after it as the 初赛 form does) is the 决赛 form with a chapter more, as its title says.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportcheck.extract.labels import strip_numbering
from reportcheck.extract.lines import Line
from reportcheck.extract.sections import NUMERALS, build_heading_index, match_heading
from reportcheck.normalize.text import label_key
from reportcheck.spec import TemplateSpec, load_templates

_OVERRULE = 2  # headings of another form's own, at least, and more than twice the title's form's own


@dataclass(frozen=True, slots=True)
class Choice:
    """The template a report is read with, and what its title said."""

    spec: TemplateSpec
    title: str | None = None  # the title line naming a stage, when there is one
    conflict: tuple[str, str] | None = None  # (the stage the title says, a heading of the template read with)


def choose_template(lines: list[Line]) -> Choice:
    own = _own_headings(lines)
    for line in lines[:40]:
        key = label_key(line.first_text or "")
        titled = [s for s in load_templates() if all(label_key(w) in key for w in s.recognition.title)]
        if not titled:
            continue
        stage = titled[0].stage
        other = max(own, key=lambda st: len(own[st]))
        if other != stage and len(own[other]) >= _OVERRULE and len(own[other]) > 2 * len(own[stage]) and not any(
                "." not in strip_numbering(heading)[0] for heading in own[stage]):  # type: ignore[operator]
            return Choice(_by_years(_of_stage(other), lines), line.first_text, (stage, own[other][0]))
        return Choice(_by_years(titled, lines), line.first_text)
    text = label_key("".join(t for line in lines for t in line.texts()))
    marked = {st: len(own[st]) + sum(label_key(m) in text for s in _of_stage(st) for m in s.recognition.markers)
              for st in own}
    best = max(marked, key=lambda st: marked[st])
    candidates = _of_stage(best) if marked[best] else [s for s in load_templates() if s.recognition.default]
    return Choice(_by_years(candidates, lines))


def _of_stage(stage: str) -> list[TemplateSpec]:
    return [s for s in load_templates() if s.stage == stage]


def _by_years(candidates: list[TemplateSpec], lines: list[Line]) -> TemplateSpec:
    """Of several forms of one stage (notice years), the one whose figure years the report names most
    often (every table's header names them; the plan's target years appear once); else the first."""
    if len(candidates) == 1:
        return candidates[0]
    text = "".join(t for line in lines for t in line.texts())
    return max(candidates, key=lambda s: sum(text.count(f"{year}年") for year in s.recognition.years))


def _own_headings(lines: list[Line]) -> dict[str, list[str]]:
    """For each stage, the report's headings (as written) that are its forms' and no other stage's."""
    out: dict[str, list[str]] = {spec.stage: [] for spec in load_templates()}
    signatures = _signatures()
    for line in lines:
        text = line.first_text
        number = strip_numbering(text)[0] if text and len(text) <= 60 else None
        if number is None:
            continue
        found = {spec.stage: hit for spec in load_templates() if (hit := match_heading(_index(spec.id), text))}
        best = max((score for _, score in found.values()), default=None)
        for stage, (section, score) in found.items():  # only the forms it is most like a heading of
            mark = (NUMERALS.get(number, number), section.title)
            others = [sig for other, sig in signatures.items() if other != stage]
            if score == best and mark in signatures[stage] and not any(mark in sig for sig in others):
                out[stage].append("".join(text.split()))
    return out


@lru_cache(maxsize=4)
def _index(spec_id: str):
    return build_heading_index(next(s for s in load_templates() if s.id == spec_id))


@lru_cache(maxsize=1)
def _signatures() -> dict[str, frozenset[tuple[str, str]]]:
    """Each stage's headings as (number, title), over all its forms."""
    out: dict[str, frozenset[tuple[str, str]]] = {}
    for spec in load_templates():
        index = _index(spec.id)
        marks = frozenset((t.id, t.title) for t in index.fuzzy_targets)  # type: ignore[attr-defined]
        out[spec.stage] = out.get(spec.stage, frozenset()) | marks
    return out
