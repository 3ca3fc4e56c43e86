"""Findings only the archive can see: a cluster's report held against what it reported in earlier years.

A history rule reads the report being checked as the archive keeps it (:class:`~reportcheck.archived.
Snapshot`) and what the archive holds that bears on it (:class:`~reportcheck.archived.History`). Only
figures read with certainty on both sides ground a finding; when most figures of one table disagree
with one earlier report, the match or the reading is suspect, and one finding says so instead of many.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportcheck.archived import Figure, History, Snapshot
from reportcheck.catalogue import IssueType
from reportcheck.model import Issue
from reportcheck.normalize.text import label_key
from reportcheck.rounding import growth_fits, half_unit, intervals_meet
from reportcheck.rules.base import Documented, RulePack, is_exact

_SOURCE = "竞赛实施办法 第七条第3款（对参赛材料的真实性负责）；监测办法 第十二条（逐级审核监测材料的真实性）"

RESTATED = IssueType(
    "HY001", "history.restated", "warning",
    "“{label}”{year}年：本报告《{file}》填{value}{unit}，{other}填{old}{unit}（{other_cell}）。同一年的数据"
    "前后不一致，请核实，如有更正请说明原因。", _SOURCE)
GROWTH_VS_ARCHIVE = IssueType(
    "HY002", "history.growth-vs-archive", "warning",
    "“{label}”{year}年增幅{growth}%，本报告未填{prior}年数值；按{other}填的{prior}年{old}{unit}和本年{value}{unit}"
    "计算应为{computed:.1f}%。请核实。", _SOURCE)
CLAIMED_BEFORE = IssueType(
    "HY003", "history.claimed-before", "warning",
    "{what}在{other}中属于“{other_cluster}”。请核实其归属。",
    "参赛报告模板 2.2/2.3、一、集群基本信息；监测办法 第十二条（逐级审核监测材料的真实性）")
FINAL_VS_PRELIMINARY = IssueType(
    "HY004", "history.final-vs-preliminary", "warning",
    "决赛报告与本集群的初赛报告{other}数据不同（{count}项）：{what}。请核实并说明更正原因。",
    "竞赛实施办法 第七条第3款（对参赛材料的真实性负责）：决赛报告与同一集群初赛报告同一年度的数据")
MAYBE_SAME = IssueType(
    "HY005", "history.maybe-same-cluster", "info",
    "档案中有名称相近的“{other_cluster}”{other}（名称相似度{similarity:.0f}%），可能是同一集群更名，未与之比对。"
    "如为同一集群，请统一集群名称后重新检查。", "监测办法 第十二条（逐级审核）；档案核对")
MOSTLY_DIFFERENT = IssueType(
    "HY006", "history.mostly-different", "warning",
    "{section}：与{other}相比，本表{compared}项同年数据中有{count}项不一致（如{what}），多数对不上，可能是年份"
    "列错位、单位不同、读取有误或不是同一集群，未逐项列出。请核实。", _SOURCE,
    description="由HY001、HY004给出：一张表中与同一份档案报告相比，多数同年数据不一致（至少history.suspect_min项、"
                "且占该表比对项的history.suspect_share以上）。这时更可能是年份列错位、单位不同、读取有误或不是同一"
                "集群，而不是逐项更正，所以只报这一条，不逐项报HY001。")

_SHOWN = 5  # differences a message lists


@dataclass(frozen=True, slots=True)
class HistoryRule(Documented):
    """A rule over a report and what the archive holds about its cluster. ``options`` are the pack
    settings it reads (``history.*``, each with its default)."""

    type: IssueType
    check: Callable[[Snapshot, History, RulePack], Iterator[Issue]]
    options: tuple[str, ...] = ()


def _settings(pack: RulePack) -> tuple[float, int]:
    """history.suspect_share and history.suspect_min (their defaults are the pack model's)."""
    group = pack.get("history", {})
    return float(group.get("suspect_share", 0.6)), int(group.get("suspect_min", 3))


def _meet(a: Figure, b: Figure, pack: RulePack) -> bool:
    exact = a.decimals is not None and b.decimals is not None and is_exact(a.unit, min(a.decimals, b.decimals), pack)
    return intervals_meet(a.value, half_unit(a.decimals or 0, exact), b.value, half_unit(b.decimals or 0, exact))


def _differences(snap: Snapshot, other: Snapshot,
                 pack: RulePack) -> tuple[dict[str, int], list[tuple[Figure, Figure]]]:
    """The figures both give for one year, read with certainty on both sides: how many in each section,
    and those that differ beyond rounding (in the same unit)."""
    theirs = {(f.key, f.column): f for f in other.figures if f.column != "growth" and f.sure}
    compared: dict[str, int] = defaultdict(int)
    differ = []
    for mine in snap.figures:
        old = theirs.get((mine.key, mine.column))
        if mine.column == "growth" or not mine.sure or old is None or old.unit != mine.unit:
            continue
        compared[mine.section] += 1
        if not _meet(mine, old, pack):
            differ.append((mine, old))
    return compared, differ


def _suspect(compared: int, differ: int, pack: RulePack) -> bool:
    share, least = _settings(pack)
    return differ >= least and differ >= share * compared


Pairs = list[tuple[Figure, Figure]]


def _by_table(snap: Snapshot, other: Snapshot, pack: RulePack) -> Iterator[tuple[bool, int, Pairs]]:
    """The differences with ``other`` table by table (section), each with whether the table is suspect:
    most of its compared figures disagree, as when a table was read with its years exchanged or in
    another unit, or it is not the same cluster's."""
    compared, differ = _differences(snap, other, pack)
    sections = dict.fromkeys(m.section for m, _ in differ)
    for section in sections:
        mine = [d for d in differ if d[0].section == section]
        count = compared.get(section, 0)
        yield _suspect(count, len(mine), pack), count, mine


def _listing(differ: list[tuple[Figure, Figure]]) -> str:
    shown = "；".join(f"{m.label}{m.year}年 {o.shown}→{m.shown}{m.unit}" for m, o in differ[:_SHOWN])
    return shown + ("等" if len(differ) > _SHOWN else "")


def _mostly(other: Snapshot, compared: int, differ: list[tuple[Figure, Figure]]) -> Issue:
    section = differ[0][0].section
    return MOSTLY_DIFFERENT.issue(section=section, other=other.described(), compared=compared, count=len(differ),
                                  what=_listing(differ[:2]), other_file=other.file_name)


def _earlier_or_later(snap: Snapshot) -> Callable[[Snapshot], bool]:
    return lambda other: other.latest_year != snap.latest_year


def check_restated(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """同一集群另一年度的报告（档案中已有）对同一年份的同一数据填得不同，超出四舍五入的范围（如2022年
    总产值，去年的报告填51.7亿元，今年的报告填55.0亿元）：每项一条，给出两个数值、两个文件和检查日期。
    任一方读取存疑、写作约数或单位不同的数据不比对。一张表中与同一份档案报告相比多数数据都不一致时（至少
    history.suspect_min项、且占该表比对项的history.suspect_share以上），疑为年份错位、单位不同或读取有误，
    该表改报一条HY006。

    反例：2023年报告中“集群总产值”2022年为51.7，2024年报告中2022年为55.0。正例：两份报告2022年均为51.7
    （或51.70）。
    """
    for other in filter(_earlier_or_later(snap), history.same):
        for suspect, compared, differ in _by_table(snap, other, pack):
            if suspect:
                yield _mostly(other, compared, differ)
                continue
            yield from _restated(snap, other, differ)


def _restated(snap: Snapshot, other: Snapshot, differ: list[tuple[Figure, Figure]]) -> Iterator[Issue]:
    for mine, old in differ:
        yield RESTATED.issue(section=mine.section, field=mine.key, location=mine.location, label=mine.label,
                             year=mine.year, file=snap.file_name, value=mine.shown, unit=mine.unit,
                             other=other.described(), old=old.shown, other_cell=old.cell or "位置未记录",
                             other_file=other.file_name)


def check_growth_vs_archive(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """本报告某行只填了最近一年的数值和增幅、没填上一年数值时，用档案中本集群上一年度报告所填的上一年
    数值核对增幅：按四舍五入区间算不出所填增幅时报出。百分比行（增幅可能是百分点）不核对。

    反例：2023年“集群研发经费”12.0亿元、增幅20.0%，本报告2022年未填，档案中2022年为11.0亿元（应为9.1%）。
    正例：档案中2022年为10.0亿元。
    """
    latest = snap.latest_year
    if not latest.isdigit():
        return
    prior = str(int(latest) - 1)
    for growth in snap.figures:
        if growth.column != "growth" or not growth.sure or growth.decimals is None:
            continue
        now = snap.figure(growth.key, latest)
        mine_prior = snap.figure(growth.key, prior)
        if now is None or not now.sure or now.unit == "%" or (mine_prior is not None and mine_prior.sure):
            continue
        for other in history.same:
            old = other.figure(growth.key, prior)
            if old is None or not old.sure or old.unit != now.unit or old.value <= 0:
                continue
            exact = is_exact(now.unit, min(now.decimals or 0, old.decimals or 0), pack)
            fits = growth_fits(growth.value, growth.decimals, old.value, old.decimals or 0, now.value,
                               now.decimals or 0, exact)
            if fits is False:
                yield GROWTH_VS_ARCHIVE.issue(
                    section=growth.section, field=growth.key, location=growth.location, label=now.label, year=latest,
                    growth=growth.shown, prior=prior, other=other.described(), old=old.shown,
                    unit=now.unit, value=now.shown, computed=(now.value / old.value - 1) * 100,
                    other_file=other.file_name)
            break


_KINDS = {"enterprise": "企业", "project": "重点项目", "phone": "电话"}


def check_claimed_before(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """本报告前十名单中的企业、重点项目，或电话（属于另一个人时），在档案中另一个集群较早年度的报告里
    出现过：每份档案报告一条，列出共有的名称。集群名称可能相同（同一集群更名）时不报。

    反例：“湘江电驱系统有限公司”列在本报告营业收入前十，也列在档案中“株洲轨道交通产业集群”2023年报告中。
    正例：名单与其他集群往年的报告互不重复。
    """
    mine: dict[tuple[str, str], list] = defaultdict(list)
    for entry in snap.entries:
        mine[(entry.kind, entry.key)].append(entry)
    by_report: dict[int, tuple[Snapshot, list[str]]] = {}
    for other, entry in history.claimed:
        ours = mine.get((entry.kind, entry.key), [])
        if entry.kind == "phone":
            ours = [e for e in ours if label_key(e.person) != label_key(entry.person)]
            if not ours:
                continue
        if ours:
            whose = f"（在彼为“{entry.person}”）" if entry.kind == "phone" else ""
            what = f"{_KINDS[entry.kind]}“{entry.name}”{whose}"
            names = by_report.setdefault(other.id or 0, (other, []))[1]
            if what not in names:
                names.append(what)
    for other, names in by_report.values():
        what = "、".join(names[:_SHOWN]) + ("等" if len(names) > _SHOWN else "")
        yield CLAIMED_BEFORE.issue(what=what, other=other.described(), other_cluster=other.cluster_name or "",
                                   other_file=other.file_name, count=len(names))


def check_final_vs_preliminary(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """决赛报告与档案中本集群同一年度的初赛报告相比，同一年份的数据不同（超出四舍五入）：一条，列出不同的
    数据。多数数据不一致时改报一条HY006。

    反例：初赛报告“集群总产值”2022年1326.8亿元，决赛报告1400.0亿元。正例：两份报告数据相同。
    """
    if snap.stage != "决赛":
        return
    for other in history.same:
        if other.stage != "初赛" or other.years != snap.years:
            continue
        differ = []
        for suspect, compared, table in _by_table(snap, other, pack):
            if suspect:
                yield _mostly(other, compared, table)
            else:
                differ += table
        if differ:
            yield FINAL_VS_PRELIMINARY.issue(other=other.described(), count=len(differ), what=_listing(differ),
                                             other_file=other.file_name)


def check_maybe_same(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """档案中有名称相近、但不能确定是同一集群的报告（如“益阳电子电路板产业集群”与“益阳电子电路产业集群”，
    类别或促进组织不同）：只提示，不合并、不比对。

    反例：档案中“益阳电子电路板产业集群”，本报告“益阳电子电路产业集群”，促进组织不同。正例：名称一致。
    """
    seen: set[str] = set()
    for other, similarity in history.maybe:
        key = label_key(other.cluster_name or "")
        if key in seen:
            continue
        seen.add(key)
        yield MAYBE_SAME.issue(other_cluster=other.cluster_name or "", other=other.described(),
                               similarity=similarity, other_file=other.file_name)


_SUSPECT = ("exact_units", "history.suspect_share", "history.suspect_min")

HISTORY_RULES = (
    HistoryRule(RESTATED, check_restated, _SUSPECT),
    HistoryRule(GROWTH_VS_ARCHIVE, check_growth_vs_archive, ("exact_units",)),
    HistoryRule(CLAIMED_BEFORE, check_claimed_before),
    HistoryRule(FINAL_VS_PRELIMINARY, check_final_vs_preliminary, _SUSPECT),
    HistoryRule(MAYBE_SAME, check_maybe_same),
)
HISTORY_TYPES = (*(r.type for r in HISTORY_RULES), MOSTLY_DIFFERENT)
