"""A scoring scheme: parts (weighted, bonus, deduction), first-level indicators and items, each item
with its points, the report's evidence it rests on and optionally a formula for an automatic
sub-score. Loaded from JSON (default ``schemas/scoring/competition_review.json``) and validated on
load: the points add up to the stated totals and every indicator, list and text named exists in the
preliminary-report template. Every problem is a :class:`ScoreInputError` naming the item.

Formulas (``ratio`` of the points, capped to 0…1):

- ``growth``: growth % of ``indicator`` between its two latest years ÷ ``full_at``;
- ``value``: the latest value of ``indicator`` ÷ ``full_at``;
- ``count``: the rows of list ``list`` (only those whose 级别 contains ``level``, if given) ÷ ``full_at``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportcheck.scoring.errors import ScoreInputError
from reportcheck.spec import json_resource_names, load_json_resource

DEFAULT_SCHEME = "competition_review"
TEMPLATE = "hunan_competition_preliminary.json"


class Formula(BaseModel):
    """An automatic sub-score: full points at ``full_at``, linear below, never below 0."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["growth", "value", "count"]
    indicator: str | None = None
    list: str | None = None
    level: str | None = Field(default=None, description="count only the list rows whose 级别 contains this")
    full_at: float = Field(gt=0)

    def describe(self, labels: dict[str, str], titles: dict[str, str]) -> str:
        """The rule in words, for the sheet."""
        if self.kind == "growth":
            return f"“{labels[self.indicator or '']}”增幅≥{_num(self.full_at)}%得满分，低于按比例"
        if self.kind == "value":
            return f"“{labels[self.indicator or '']}”最新值≥{_num(self.full_at)}得满分，低于按比例"
        what = f"{self.level}的" if self.level else ""
        return f"“{titles[self.list or '']}”中{what}条目≥{_num(self.full_at)}项得满分，低于按比例"


class Evidence(BaseModel):
    """What of the report an item rests on: indicator keys, list ids, text block ids."""

    model_config = ConfigDict(extra="forbid")

    indicators: list[str] = Field(default_factory=list)
    lists: list[str] = Field(default_factory=list)
    texts: list[str] = Field(default_factory=list)


class Item(BaseModel):
    """One second-level item."""

    model_config = ConfigDict(extra="forbid")

    id: str
    part: str
    first_level: str
    name: str
    points: float = Field(gt=0)
    guide: str = ""
    evidence: Evidence = Field(default_factory=Evidence)
    formula: Formula | None = None


class Part(BaseModel):
    """A weighted part (its items add up to ``points``, counted at ``weight_pct``) or a bonus or
    deduction (``points`` is its cap)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    kind: Literal["weighted", "bonus", "deduction"]
    points: float = Field(gt=0)
    weight_pct: float | None = Field(default=None, gt=0, le=100)


class Scheme(BaseModel):
    """A whole scheme; ``note`` says where its weights come from (shown on every sheet)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    source: str
    note: str
    category: Literal["advanced", "sme"] | None = None
    total: float = Field(gt=0)
    parts: list[Part] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)

    def items_of(self, part: Part) -> list[Item]:
        return [i for i in self.items if i.part == part.id]

    def first_levels(self, part: Part) -> list[tuple[str, list[Item]]]:
        """The part's first-level indicators in order of first appearance, each with its items."""
        out: dict[str, list[Item]] = {}
        for item in self.items_of(part):
            out.setdefault(item.first_level, []).append(item)
        return list(out.items())


def available_schemes() -> list[str]:
    return json_resource_names("scoring")


def load_scheme(name_or_path: str | None = None) -> Scheme:
    """A shipped scheme by name, or a scheme file by path; :class:`ScoreInputError` naming the problem."""
    name = name_or_path or DEFAULT_SCHEME
    try:
        if name in available_schemes():
            data = load_json_resource("scoring", f"{name}.json")
        else:
            data = json.loads(Path(name).read_text("utf-8"))
    except FileNotFoundError:
        raise ScoreInputError(f"找不到评分方案 {name}，可用：{'、'.join(available_schemes())}，或给出JSON文件路径"
                              f" / unknown scoring scheme") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScoreInputError(f"无法读取评分方案 {name}（{exc}），请检查路径和JSON格式"
                              f" / cannot read the scheme") from None
    try:
        return check_scheme(data)
    except ScoreInputError as exc:
        raise ScoreInputError(f"评分方案 {name}：{exc}") from None


def check_scheme(data: Any) -> Scheme:
    """Validate ``data`` as a scheme: its shape, its totals and the evidence it names."""
    try:
        scheme = Scheme.model_validate(data)
    except ValidationError as exc:
        raise ScoreInputError(_shape_error(data, exc)) from None
    parts = {p.id: p for p in scheme.parts}
    seen: set[str] = set()
    for item in scheme.items:
        if item.id in seen:
            raise ScoreInputError(f"条目 {item.id} 重复 / duplicate item id")
        seen.add(item.id)
        part = parts.get(item.part)
        if part is None:
            raise ScoreInputError(f"条目 {item.id}（{item.name}）的 part “{item.part}”不在 parts 中 / unknown part")
        if part.kind != "weighted" and item.points > part.points:
            raise ScoreInputError(f"条目 {item.id}（{item.name}）分值 {_num(item.points)} 超过{part.name}上限"
                                  f" {_num(part.points)} / item over its cap")
        _check_evidence(item)
    weighted = 0.0
    for part in scheme.parts:
        if part.kind == "weighted":
            if part.weight_pct is None:
                raise ScoreInputError(f"“{part.name}”缺少 weight_pct / a weighted part needs weight_pct")
            items = scheme.items_of(part)
            total = sum(i.points for i in items)
            if abs(total - part.points) > 1e-9:
                listed = "、".join(f"{i.id} {_num(i.points)}" for i in items)
                raise ScoreInputError(f"“{part.name}”各条目分值合计 {_num(total)}，应为 {_num(part.points)}"
                                      f"（{listed}） / the items' points do not add up to the part's")
            weighted += part.points * part.weight_pct / 100
    if abs(weighted - scheme.total) > 1e-9:
        raise ScoreInputError(f"各部分按权重合计 {_num(weighted)} 分，与 total {_num(scheme.total)} 不符"
                              f" / the parts do not add up to the total")
    return scheme


@lru_cache(maxsize=1)
def template_names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(indicator key → label, list id → title, text id → title) of the preliminary-report template."""
    spec = load_json_resource("templates", TEMPLATE)
    labels = {r["key"]: r["label"] for t in spec["indicator_tables"] for r in t["rows"]}
    lists = {t["id"]: t["title"] for t in spec["list_tables"]}
    return labels, lists, {t["id"]: t["title"] for t in spec["text_blocks"]}


def _check_evidence(item: Item) -> None:
    labels, lists, texts = template_names()
    for kind, names, known in (("指标", item.evidence.indicators, labels), ("名单表", item.evidence.lists, lists),
                               ("文字部分", item.evidence.texts, texts)):
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ScoreInputError(f"条目 {item.id}（{item.name}）引用了未知的{kind}“{'、'.join(unknown)}”"
                                  f" / the item names an unknown {_EN[kind]}")
    formula = item.formula
    if formula is None:
        return
    needs = "list" if formula.kind == "count" else "indicator"
    given = formula.list if needs == "list" else formula.indicator
    known = lists if needs == "list" else labels
    if given is None or given not in known:
        raise ScoreInputError(f"条目 {item.id}（{item.name}）的公式 {formula.kind} 需要已知的 {needs}，现为“{given}”"
                              f" / the item's formula needs a known {needs}")


_EN = {"指标": "indicator", "名单表": "list", "文字部分": "text block"}


def _shape_error(data: Any, exc: ValidationError) -> str:
    error = exc.errors()[0]
    loc = list(error["loc"])
    where = ".".join(str(p) for p in loc)
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int) and isinstance(data, dict):
        raw = data["items"][loc[1]]
        name = raw.get("id", f"第{loc[1] + 1}条") if isinstance(raw, dict) else f"第{loc[1] + 1}条"
        where = f"条目 {name} 的 {'.'.join(str(p) for p in loc[2:]) or '内容'}"
    return f"{where} 有误（{error['msg']}） / invalid scheme field"


def _num(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
