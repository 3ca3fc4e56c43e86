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
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from reportcheck.grading.errors import GradeInputError
from reportcheck.spec import load_json_resource

GRADES = ("优秀", "良好", "合格", "不合格")
DEFAULT_POLICY = "hunan_monitoring_2025.json"
_CHOICES = {
    "quota_rounding": ("floor", "ceil", "half_up"),
    "ties": ("share_better", "share_worse"),
    "at_pass_mark": ("合格", "不合格"),
    "below_pass_mark_in_top": ("fail", "keep_rank"),
    "changed_group": ("compare", "none"),
}
_KEYS = {"id", "title", "source", "groups", "score_range", "pass_mark", "excellent_percent", "good_percent",
         "stars", "labels", "explanations", *_CHOICES}


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
    if not isinstance(data, dict):
        raise GradeInputError("应为JSON对象 / must be a JSON object")
    unknown = sorted(set(data) - _KEYS)
    missing = sorted(_KEYS - {"explanations"} - set(data))
    if unknown or missing:
        raise GradeInputError(f"未知设置 {unknown}，缺少设置 {missing} / unknown or missing settings")
    for key, choices in _CHOICES.items():
        if data[key] not in choices:
            raise GradeInputError(f"{key} 应为 {' | '.join(choices)} 之一 / {key} must be one of {choices}")
    groups = data["groups"]
    if not (isinstance(groups, list) and groups and all(isinstance(g, str) and g for g in groups)):
        raise GradeInputError("groups 应为组别名称列表 / groups must be a list of names")
    low, high = _number_pair(data["score_range"])
    excellent, good = data["excellent_percent"], data["good_percent"]
    if not (isinstance(excellent, int) and isinstance(good, int) and 0 <= excellent <= good <= 100):
        raise GradeInputError("excellent_percent、good_percent 应为整数且 0 ≤ 优秀 ≤ 良好 ≤ 100"
                              " / percents must be integers, 0 ≤ excellent ≤ good ≤ 100")
    return Policy(
        id=str(data["id"]), title=str(data["title"]), source=str(data["source"]), groups=tuple(groups),
        min_score=low, max_score=high, pass_mark=_number(data["pass_mark"], "pass_mark"),
        excellent_percent=excellent, good_percent=good,
        quota_rounding=data["quota_rounding"], ties=data["ties"], at_pass_mark=data["at_pass_mark"],
        below_pass_mark_in_top=data["below_pass_mark_in_top"], changed_group=data["changed_group"],
        stars=_pairs(data["stars"], "stars"), labels=_pairs(data["labels"], "labels"),
        explanations={str(k): str(v) for k, v in data.get("explanations", {}).items()},
    )


def _number(value: Any, key: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise GradeInputError(f"{key} 应为数字 / {key} must be a number")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise GradeInputError(f"{key} 应为数字 / {key} must be a number") from None


def _number_pair(value: Any) -> tuple[Decimal, Decimal]:
    if not (isinstance(value, list) and len(value) == 2):
        raise GradeInputError("score_range 应为 [最低分, 最高分] / score_range must be [low, high]")
    low, high = _number(value[0], "score_range"), _number(value[1], "score_range")
    if low > high:
        raise GradeInputError("score_range 的最低分大于最高分 / score_range is reversed")
    return low, high


def _pairs(value: Any, key: str) -> dict[frozenset[str], str]:
    out: dict[frozenset[str], str] = {}
    for entry in value if isinstance(value, list) else [None]:
        grades = entry.get("grades") if isinstance(entry, dict) else None
        result = entry.get("result") if isinstance(entry, dict) else None
        if not (isinstance(grades, list) and len(grades) == 2 and set(grades) <= set(GRADES)
                and isinstance(result, str) and result):
            raise GradeInputError(f"{key} 的每一项应为 {{\"grades\": [等次, 等次], \"result\": 名称}}，等次为"
                                  f"{'、'.join(GRADES)} / each {key} entry needs two grades and a result")
        out[frozenset(grades)] = result
    return out
