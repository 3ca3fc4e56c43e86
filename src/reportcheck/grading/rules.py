"""The grading itself, pure functions on typed rows.

第十条: each group is ranked on its own (ranks 1, 2, 2, 4 for ties); 优秀 is the top
``excellent_percent`` of the group (inclusive), 良好 to ``good_percent`` (inclusive), the rest 合格 when
the score is above the pass mark and 不合格 below it. Quota = group size × percent, rounded by
``quota_rounding``. A tied block across a quota line takes the better grade (``ties: share_better``,
its shared rank decides) or the worse one (``share_worse``, its last place decides). A score of
exactly the pass mark counts as ``at_pass_mark``. A score below the pass mark inside a top band is
不合格 (``below_pass_mark_in_top: fail``; its place is not passed on) or keeps the band (``keep_rank``).

第十六条/第十七条: the star and the promotion-organisation label come from the unordered pair of this
year's and last year's 等次. A cluster without a row last year gets neither; one that changed group
is compared anyway (``changed_group: compare``) or gets neither (``none``). The 说明 says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportcheck.grading.policy import Policy, setting_zh
from reportcheck.grading.table import PublishedGrade, ScoreRow, cluster_key


@dataclass
class Graded:
    """A cluster's result: 组内排名, 等次, and with a previous year 上年等次, 星级, 促进组织标级; 说明 the notes."""

    row: ScoreRow
    rank: int
    grade: str
    notes: list[str] = field(default_factory=list)
    previous_grade: str = ""
    star: str = ""
    label: str = ""


def quota(size: int, percent: int, rounding: str) -> int:
    """How many places ``percent`` of a group of ``size`` is, in exact integer arithmetic."""
    if rounding == "floor":
        return size * percent // 100
    if rounding == "ceil":
        return -(-size * percent // 100)
    return (size * percent * 2 + 100) // 200  # half_up


def grade_all(rows: Sequence[ScoreRow], policy: Policy) -> list[Graded]:
    """Every row graded within its group; groups in the policy's order, each by rank, ties in file order."""
    out: list[Graded] = []
    for group in policy.groups:
        out += grade_group([r for r in rows if r.group == group], policy)
    return out


def grade_group(rows: Sequence[ScoreRow], policy: Policy) -> list[Graded]:
    """第十条 for the rows of one group."""
    ordered = sorted(rows, key=lambda r: -r.score)
    size = len(ordered)
    lines = {"优秀": quota(size, policy.excellent_percent, policy.quota_rounding),
             "良好": quota(size, policy.good_percent, policy.quota_rounding)}
    out: list[Graded] = []
    start = 0
    while start < size:
        end = start
        while end + 1 < size and ordered[end + 1].score == ordered[start].score:
            end += 1
        first, last = start + 1, end + 1  # places the tied block occupies
        place = first if policy.ties == "share_better" else last
        band = next((b for b, line in lines.items() if place <= line), "合格")
        crossed = [b for b, line in lines.items() if first <= line < last]
        for row in ordered[start:end + 1]:
            out.append(_graded(row, first, place, band, crossed, last - first + 1, policy))
        start = end + 1
    return out


def _graded(row: ScoreRow, rank: int, place: int, band: str, crossed: list[str], tied: int, policy: Policy) -> Graded:
    notes = []
    if crossed:
        lines = "、".join(f"{b}线" for b in crossed)
        notes.append(f"{tied}个集群同分跨越{lines}，按评定政策（{setting_zh(policy, 'ties')}）同按第{place}名定档")
    if row.score == policy.pass_mark:
        notes.append(f"得分恰为{policy.pass_mark}分，按评定政策计为{policy.at_pass_mark}")
    passed = row.score > policy.pass_mark or (row.score == policy.pass_mark and policy.at_pass_mark == "合格")
    grade = band
    if not passed:
        if band == "合格" or policy.below_pass_mark_in_top == "fail":
            grade = "不合格"
        if band != "合格":
            kept = "计为不合格，名额不顺延" if grade == "不合格" else f"保留{band}"
            notes.append(f"名次在{band}名额内但得分未达{policy.pass_mark}分，按评定政策{kept}")
    return Graded(row, rank, grade, notes)


def compare_years(graded: Sequence[Graded], previous: Sequence[Graded] | Sequence[PublishedGrade],
                  policy: Policy) -> None:
    """第十六条/第十七条: fill 上年等次, 星级, 促进组织标级 and the notes, in place."""
    last_year = {cluster_key(p.row.name if isinstance(p, Graded) else p.name): p for p in previous}
    for item in graded:
        before = last_year.get(cluster_key(item.row.name))
        if before is None:
            item.notes.append("上年无此集群的监测结果，不评星级、标级")
            continue
        group = before.row.group if isinstance(before, Graded) else before.group
        item.previous_grade = before.grade
        if group != item.row.group:
            if policy.changed_group == "none":
                item.notes.append(f"组别由{group}变为{item.row.group}，按评定政策不评星级、标级")
                continue
            item.notes.append(f"组别由{group}变为{item.row.group}，按评定政策仍按两年等次评定")
        item.star = policy.star(item.grade, before.grade)
        item.label = policy.label(item.grade, before.grade)
        if not item.star:
            item.notes.append(f"两年等次为{before.grade}、{item.grade}，第十六条不评星级")
