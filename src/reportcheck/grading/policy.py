"""The grading policy: 第十条's groups, bands and pass mark, 第十六条's stars, 第十七条's labels, and a
setting for every case the text leaves open. Loaded from a JSON data file (default
``schemas/grading/hunan_monitoring_2025.json``) and validated on load.

Open cases and their settings (the defaults are explained in the data file's ``explanations``):

- ``at_pass_mark`` — a score of exactly 60 (合格 needs "高于60", 不合格 is "低于60"): ``合格`` or ``不合格``.
- ``ties`` — tied scores across a quota line: ``share_better`` (all take the better grade; ranks
  1, 2, 2, 4) or ``share_worse`` (all take the worse one).
- ``quota_rounding`` — quota = group size × percent: ``floor``, ``ceil`` or ``half_up``.
- ``below_pass_mark_in_top`` — a top-20 % or top-50 % rank scoring below the pass mark: ``fail``
  (不合格; the place is not passed on) or ``keep_rank``.
- ``changed_group`` — a cluster in another group last year: ``compare`` (stars and labels from both
  years' 等次 anyway) or ``none`` (no star, no label).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from reportcheck.grading.errors import GradeInputError
from reportcheck.spec import load_json_resource
from reportcheck.typed import DataError, from_data

GRADES = ("优秀", "良好", "合格", "不合格")
Grade = Literal["优秀", "良好", "合格", "不合格"]
DEFAULT_POLICY = "hunan_monitoring_2025.json"


@dataclass(frozen=True)
class _Pair:
    grades: list[Grade]  # two 等次, either order
    result: str


@dataclass(frozen=True)
class _PolicyFile:
    """The policy file's shape (each setting's choices as the module's docstring explains them)."""

    id: str
    title: str
    source: str
    groups: list[str]
    score_range: tuple[int | float, int | float]  # as written: 60 stays 60, not 60.0
    pass_mark: int | float
    excellent_percent: int
    good_percent: int
    quota_rounding: Literal["floor", "ceil", "half_up"]
    ties: Literal["share_better", "share_worse"]
    at_pass_mark: Literal["合格", "不合格"]
    below_pass_mark_in_top: Literal["fail", "keep_rank"]
    changed_group: Literal["compare", "none"]
    stars: list[_Pair]
    labels: list[_Pair]
    explanations: dict[str, str] = field(default_factory=dict)


# What a person reads for the policy's settings and values (the workbook's 评定依据, the 说明 column).
SETTING_ZH = {"excellent_percent": "优秀比例（%）", "good_percent": "良好比例（%）", "quota_rounding": "名额取整",
              "ties": "同分跨越名额线", "at_pass_mark": "得分恰为合格线",
              "below_pass_mark_in_top": "名额内但未达合格线", "changed_group": "两年组别不同"}
VALUE_ZH = {"half_up": "四舍五入", "floor": "向下取整", "ceil": "向上取整", "share_better": "同享较好等次",
            "share_worse": "同计较低等次", "fail": "计为不合格，名额不顺延", "keep_rank": "保留名次对应的等次",
            "compare": "仍按两年等次评星级、标级", "none": "不评星级、标级"}


def setting_zh(policy: Policy, key: str) -> str:
    """``key``'s name and the policy's value for it, in words: "同分跨越名额线：同享较好等次"."""
    value = getattr(policy, key)
    return f"{SETTING_ZH[key]}：{VALUE_ZH.get(str(value), value)}"


@dataclass(frozen=True)
class Policy:
    """第十条/十六条/十七条 as settings; ``stars``/``labels`` map an unordered pair of 等次 to a result."""

    id: str
    title: str
    source: str
    groups: tuple[str, ...]
    min_score: Decimal
    max_score: Decimal
    pass_mark: Decimal
    excellent_percent: int
    good_percent: int
    quota_rounding: str
    ties: str
    at_pass_mark: str
    below_pass_mark_in_top: str
    changed_group: str
    stars: dict[frozenset[str], str]
    labels: dict[frozenset[str], str]
    explanations: dict[str, str]

    def star(self, this_year: str, last_year: str) -> str:
        """第十六条: the star of two consecutive 等次, or "" when the pair earns none."""
        return self.stars.get(frozenset((this_year, last_year)), "")

    def label(self, this_year: str, last_year: str) -> str:
        """第十七条: the promotion-organisation label of two consecutive 等次, or ""."""
        return self.labels.get(frozenset((this_year, last_year)), "")


def load_policy(path: Path | None = None) -> Policy:
    """The policy in ``path``, or the shipped default; :class:`GradeInputError` naming the bad setting."""
    name = str(path) if path else DEFAULT_POLICY
    try:
        data = load_json_resource("grading", DEFAULT_POLICY) if path is None else json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GradeInputError(f"无法读取评定政策文件 {name}（{exc}），请检查路径和JSON格式"
                              f" / cannot read the policy file") from None
    try:
        return _policy(data)
    except GradeInputError as exc:
        raise GradeInputError(f"评定政策文件 {name}：{exc}") from None


def _policy(data: Any) -> Policy:
    """The file's data, checked for its shape by :func:`reportcheck.typed.from_data` (as packs and templates
    are: a misspelt or missing setting, a value not among its choices, named in words), then for what the
    shape cannot say (percents in order, a range not reversed)."""
    try:
        raw = from_data(_PolicyFile, data, forbid_extra=True)
    except DataError as exc:
        raise GradeInputError(f"{exc.said()} / {exc}") from None
    if not raw.groups or not all(raw.groups):
        raise GradeInputError("groups 应为组别名称列表 / groups must be a list of names")
    low, high = (Decimal(str(v)) for v in raw.score_range)
    if low > high:
        raise GradeInputError("score_range 的最低分大于最高分 / score_range is reversed")
    if not 0 <= raw.excellent_percent <= raw.good_percent <= 100:
        raise GradeInputError("excellent_percent、good_percent 应为整数且 0 ≤ 优秀 ≤ 良好 ≤ 100"
                              " / percents must be integers, 0 ≤ excellent ≤ good ≤ 100")
    return Policy(
        id=raw.id, title=raw.title, source=raw.source, groups=tuple(raw.groups),
        min_score=low, max_score=high, pass_mark=Decimal(str(raw.pass_mark)),
        excellent_percent=raw.excellent_percent, good_percent=raw.good_percent,
        quota_rounding=raw.quota_rounding, ties=raw.ties, at_pass_mark=raw.at_pass_mark,
        below_pass_mark_in_top=raw.below_pass_mark_in_top, changed_group=raw.changed_group,
        stars=_pairs(raw.stars, "stars"), labels=_pairs(raw.labels, "labels"), explanations=raw.explanations,
    )


def _pairs(entries: list[_Pair], key: str) -> dict[frozenset[str], str]:
    out: dict[frozenset[str], str] = {}
    for entry in entries:
        if len(entry.grades) != 2 or not entry.result:
            raise GradeInputError(f"{key} 的每一项应为 {{\"grades\": [等次, 等次], \"result\": 名称}}，等次为"
                                  f"{'、'.join(GRADES)} / each {key} entry needs two grades and a result")
        out[frozenset(entry.grades)] = entry.result
    return out
