"""Which template a report was filled in: the title's stage (参赛报告（初赛）), checked against the report's
own headings.

The two rounds' forms share most headings; each has some no other has, by number and title together
(初赛: 五、培育发展产业集群实施方案, 5.1 未来三年…, 4.1 基本情况, 六、真实性声明; 决赛: 四、集群发展促进组织运营情况,
五、真实性声明, 六、佐证材料). A 决赛 report rewritten from the 初赛 one keeps its old title while its headings
are the 决赛 form's: it is read with the template its headings have, and the conflict is told (X013).
Only headings count — a phrase in the prose (培育发展省级产业集群实施方案) does not — and only a clear majority of
another form's own headings overrules the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportcheck.extract.labels import strip_numbering
from reportcheck.extract.lines import Line
from reportcheck.extract.sections import NUMERALS, build_heading_index, match_heading
from reportcheck.normalize.text import label_key
from reportcheck.spec import TemplateSpec, load_templates, template_by_stage

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
        titled = next((s for s in load_templates() if s.stage in key), None) if "参赛报告" in key else None
        if titled is None:
            continue
        other = max(load_templates(), key=lambda s: len(own[s.id]))
        if other.id != titled.id and len(own[other.id]) >= _OVERRULE \
                and len(own[other.id]) > 2 * len(own[titled.id]):
            return Choice(other, line.first_text, (titled.stage, own[other.id][0]))
        return Choice(titled, line.first_text)
    text = label_key("".join(t for line in lines for t in line.texts()))
    marked = {s.id: sum(label_key(m) in text for m in s.markers) + len(own[s.id]) for s in load_templates()}
    best = max(load_templates(), key=lambda s: marked[s.id])
    return Choice(best if marked[best.id] else template_by_stage("初赛"))


def _own_headings(lines: list[Line]) -> dict[str, list[str]]:
    """For each template, the report's headings (as written) that are that template's and no other's."""
    out: dict[str, list[str]] = {s.id: [] for s in load_templates()}
    signatures = _signatures()
    for line in lines:
        text = line.first_text
        if not text or len(text) > 60:
            continue
        number, _ = strip_numbering(text)
        for spec in load_templates():
            found = match_heading(_index(spec.id), text)
            if found is None or number is None:
                continue
            mark = (NUMERALS.get(number, number), found[0].title)
            others = [sig for sid, sig in signatures.items() if sid != spec.id]
            if mark in signatures[spec.id] and not any(mark in sig for sig in others):
                out[spec.id].append("".join(text.split()))
    return out


@lru_cache(maxsize=4)
def _index(spec_id: str):
    return build_heading_index(next(s for s in load_templates() if s.id == spec_id))


@lru_cache(maxsize=1)
def _signatures() -> dict[str, frozenset[tuple[str, str]]]:
    """Each template's headings as (number, title)."""
    out = {}
    for spec in load_templates():
        index = _index(spec.id)
        out[spec.id] = frozenset((t.id, t.title) for t in index.fuzzy_targets)  # type: ignore[attr-defined]
    return out
