"""Findings only the archive can see: a cluster's report held against what it reported in earlier years.

A history rule reads the report being checked as the archive keeps it (:class:`~reportcheck.archived.
Snapshot`) and what the archive holds that bears on it (:class:`~reportcheck.archived.History`). Only
figures read with certainty on both sides ground a finding; when most figures of one table disagree
with one earlier report, the match or the reading is suspect, and one finding says so instead of many.
Against each other set of years one report counts (its 决赛 before its 初赛), so a restated figure is
said once. When either report is a scan, what rests on its figures is only 提示 (OCR may misread).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from reportcheck.archived import Figure, History, Snapshot
from reportcheck.catalogue import IssueType
from reportcheck.model import Issue
from reportcheck.normalize.text import label_key
from reportcheck.rounding import growth_fits, half_unit, intervals_meet
from reportcheck.rules.base import Documented, RulePack

_SOURCE = "竞赛实施办法 第七条第3款（对参赛材料的真实性负责）；监测办法 第十二条（逐级审核监测材料的真实性）"
_OCR = frozenset({"ocr-sensitive"})
SCANNED_NOTE = "（其中一份是扫描件：可能是文字识别误差所致，仅作提示，请对照原件核实）"

RESTATED = IssueType(
    "HY001", "history.restated", "warning",
    "“{label}”{year}年：本报告《{file}》填{value}{unit}，{other}填{old}{unit}（{other_cell}）。同一年的数据"
    "前后不一致，请核实，如有更正请说明原因。", _SOURCE, tags=_OCR)
GROWTH_VS_ARCHIVE = IssueType(
    "HY002", "history.growth-vs-archive", "warning",
    "“{label}”{year}年增幅{growth}%，本报告{prior}年数值{missing}；按{other}填的{prior}年{old}{unit}和本年"
    "{value}{unit}计算应为{computed:.1f}%。请核实。", _SOURCE, tags=_OCR)
CLAIMED_BEFORE = IssueType(
    "HY003", "history.claimed-before", "warning",
    "{what}也出现在“{other_cluster}”的{other}中（如本报告{place}）。请核实其归属。",
    "参赛报告模板 2.2/2.3、一、集群基本信息；监测办法 第十二条（逐级审核监测材料的真实性）")
FINAL_VS_PRELIMINARY = IssueType(
    "HY004", "history.final-vs-preliminary", "warning",
    "决赛报告与本集群的初赛报告{other}有{count}项数据不同：{what}。请核实并说明更正原因。",
    "竞赛实施办法 第七条第3款（对参赛材料的真实性负责）：决赛报告与同一集群初赛报告同一年度的数据", tags=_OCR)
MAYBE_SAME = IssueType(
    "HY005", "history.maybe-same-cluster", "info",
    "档案中的“{other_cluster}”{other}可能与本集群是同一集群（{why}），未与之比对。如为同一集群，请统一集群名称、"
    "申报类别和促进组织后重新检查。", "监测办法 第十二条（逐级审核）；档案核对")
MOSTLY_DIFFERENT = IssueType(
    "HY006", "history.mostly-different", "warning",
    "{title}：与{other}相比，这部分{compared}项同年数据中有{count}项不一致（如{what}），多数对不上，"
    "可能是年份列错位、单位不同、读取有误或不是同一集群，未逐项列出。请核实。", _SOURCE, tags=_OCR,
    description="由HY001、HY004给出：一张表中与同一份档案报告相比，多数同年数据不一致（至少history.suspect_min项、"
                "且占该表比对项的history.suspect_share以上）。这时更可能是年份列错位、单位不同、读取有误或不是同一"
                "集群，而不是逐项更正，所以只报这一条，不逐项报HY001；同一份档案报告有几张表如此时合为一条。")

_SHOWN = 5  # differences a message lists
_SAME_PARK = 85  # similarity (0–100) of two core parks' names from which they are one park
Pairs = list[tuple[Figure, Figure]]


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


def _exact(a: Figure, b: Figure, pack: RulePack) -> bool:
    """Whole counts are exact (455 is not 455.4), unless either side wrote decimals or the row may hold
    fractions (fractional_counts: 每万人发明专利)."""
    units, fractional = pack.get("exact_units", []), pack.get("fractional_counts", [])
    return a.decimals == 0 and b.decimals == 0 and a.unit in units and a.key not in fractional


def _meet(a: Figure, b: Figure, pack: RulePack) -> bool:
    exact = _exact(a, b, pack)
    return intervals_meet(a.value, half_unit(a.decimals or 0, exact), b.value, half_unit(b.decimals or 0, exact))


@cache
def _park_sections() -> frozenset[str]:
    """The tables whose figures are the core park's, not the cluster's (the spec's park_indicators: 3.1)."""
    from reportcheck.spec import load_templates

    return frozenset(t.id for spec in load_templates() for t in spec.indicator_tables if t.kind == "park_indicators")


def _same_park(a: Snapshot, b: Snapshot) -> bool:
    """Whether two reports name one core park (unknown counts as the same: nothing says it moved)."""
    from rapidfuzz import fuzz

    park_a, park_b = label_key(a.park or ""), label_key(b.park or "")
    return not park_a or not park_b or fuzz.ratio(park_a, park_b) >= _SAME_PARK


def _differences(snap: Snapshot, other: Snapshot, pack: RulePack) -> tuple[dict[str, int], Pairs]:
    """The figures both give for one year, read with certainty on both sides: how many in each section,
    and those that differ beyond rounding (in the same unit). The park's tables only when both reports
    name the same core park."""
    parks = set() if _same_park(snap, other) else _park_sections()
    theirs = {(f.key, f.column): f for f in other.figures
              if f.column != "growth" and f.sure and f.section not in parks}
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


def _by_table(snap: Snapshot, other: Snapshot, pack: RulePack) -> Iterator[tuple[bool, int, Pairs]]:
    """The differences with ``other`` table by table (section), each with whether the table is suspect:
    most of its compared figures disagree, as when a table was read with its years exchanged or in
    another unit, or it is not the same cluster's."""
    compared, differ = _differences(snap, other, pack)
    for section in dict.fromkeys(m.section for m, _ in differ):
        mine = [d for d in differ if d[0].section == section]
        yield _suspect(compared.get(section, 0), len(mine), pack), compared.get(section, 0), mine


def _on_scans(issue: Issue, *reports: Snapshot) -> Issue:
    """A finding resting on a scan's figures is only 提示."""
    if not any(r.scanned for r in reports):
        return issue
    return replace(issue, severity="info", message=issue.message + SCANNED_NOTE)


@cache
def _table_titles() -> dict[str, str]:
    from reportcheck.spec import load_templates

    return {t.id: t.title for spec in load_templates() for t in spec.indicator_tables}


def _mostly(snap: Snapshot, other: Snapshot, tables: list[tuple[int, Pairs]]) -> Issue:
    """One HY006 for every table of ``other`` most of whose figures disagree (a reading gone wrong is one
    finding, however many tables it spoils)."""
    sections = [differ[0][0].section for _, differ in tables]
    titles = "、".join(f"{section} {_table_titles().get(section, '')}".strip() for section in sections)
    pairs = [pair for _, differ in tables for pair in differ]
    what = "；".join(f"{m.named}{m.year}年 本报告{m.shown}、彼{o.shown}{m.unit}" for m, o in pairs[:2])
    return _on_scans(MOSTLY_DIFFERENT.issue(section=sections[0] if len(sections) == 1 else None, title=titles,
                                            other=other.described(), compared=sum(n for n, _ in tables),
                                            count=len(pairs), what=what, other_file=other.file_name), snap, other)


def _split(snap: Snapshot, other: Snapshot, pack: RulePack) -> tuple[list[tuple[int, Pairs]], Pairs]:
    """The tables most of whose figures disagree with ``other`` (count compared, differences), and the
    differences of the other tables, one by one."""
    suspect: list[tuple[int, Pairs]] = []
    single: Pairs = []
    for is_suspect, compared, differ in _by_table(snap, other, pack):
        if is_suspect:
            suspect.append((compared, differ))
        else:
            single += differ
    return suspect, single


def check_restated(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """同一集群另一年度的报告（档案中已有）对同一年份的同一数据填得不同，超出四舍五入的范围（如2022年
    总产值，去年的报告填51.7亿元，今年的报告填55.0亿元）：每项一条，给出两个数值、两个文件和检查日期。
    另一年度有初赛、决赛等几份报告时，只与其中一份比对（决赛优先，其次最近检查的）。任一方读取存疑、写作
    约数或单位不同的数据不比对，核心承载园区换了时园区的表（3.1）不比对；计数行（个、人）两边都写整数时
    按精确值比对，可填小数的计数行
    （fractional_counts）按四舍五入。一张表中与同一份档案报告相比多数数据都不一致时（至少
    history.suspect_min项、且占该表比对项的history.suspect_share以上），疑为年份错位、单位不同或读取有误，
    该表改报一条HY006。任一份是扫描件时只作提示。

    反例：2023年报告中“集群总产值”2022年为51.7，2024年报告中2022年为55.0。正例：两份报告2022年均为51.7
    （或51.70）。
    """
    for other in history.references(snap):
        suspect, single = _split(snap, other, pack)
        if suspect:
            yield _mostly(snap, other, suspect)
        for mine, old in single:
            yield _on_scans(RESTATED.issue(
                section=mine.section, field=mine.label, location=mine.location, label=mine.named,
                key=mine.key, year=mine.year, file=snap.file_name, value=mine.shown, unit=mine.unit,
                other=other.described(), old=old.shown, other_cell=old.cell or "位置未记录",
                other_file=other.file_name), snap, other)


def check_growth_vs_archive(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """本报告某行没有可用的上一年数值（未填，或读取存疑）而有本年数值和增幅时，用档案中本集群上一年度
    报告所填的上一年数值核对增幅（决赛优先，其次最近检查的）：按四舍五入区间算不出所填增幅时报出。
    百分比行（增幅可能是百分点）不核对。任一份是扫描件时只作提示。

    反例：2023年“集群研发经费”12.0亿元、增幅20.0%，本报告2022年未填，档案中2022年为11.0亿元（应为9.1%）。
    正例：档案中2022年为10.0亿元。
    """
    latest = snap.latest_year
    if not latest.isdigit():
        return
    prior = str(int(latest) - 1)
    sources = [o for o in reversed(history.references(snap)) if prior in o.years]
    for growth in snap.figures:
        if growth.column != "growth" or not growth.sure or growth.decimals is None:
            continue
        now = snap.figure(growth.key, latest)
        mine_prior = snap.figure(growth.key, prior)
        if now is None or not now.sure or now.unit == "%" or (mine_prior is not None and mine_prior.sure):
            continue
        for other in sources[:1]:
            old = other.figure(growth.key, prior)
            if old is None or not old.sure or old.unit != now.unit or old.value <= 0:
                continue
            fits = growth_fits(growth.value, growth.decimals, old.value, old.decimals or 0, now.value,
                               now.decimals or 0, _exact(now, old, pack))
            if fits is False:
                yield _on_scans(GROWTH_VS_ARCHIVE.issue(
                    section=growth.section, field=now.label, location=growth.location, label=now.label,
                    year=latest, growth=growth.shown, prior=prior, missing="未填" if mine_prior is None else "读取存疑",
                    other=other.described(), old=old.shown, unit=now.unit, value=now.shown,
                    computed=(now.value / old.value - 1) * 100, other_file=other.file_name), snap, other)


_KINDS = {"enterprise": "企业", "project": "重点项目", "phone": "电话"}


def check_claimed_before(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """本报告前十名单中的企业、重点项目，或电话（在那份报告中属于另一个人时），在档案中另一个集群较早
    年度的报告里出现过：每份档案报告一条，列出共有的名称。可能是同一集群更名的（HY005）不算。

    反例：“湘江电驱系统有限公司”列在本报告营业收入前十，也列在档案中“株洲轨道交通产业集群”2023年报告中。
    正例：名单与其他集群往年的报告互不重复。
    """
    mine = defaultdict(list)
    for entry in snap.entries:
        mine[(entry.kind, entry.key)].append(entry)
    by_report: dict[int, tuple[Snapshot, list[str], str]] = {}
    for other, entry in history.claimed:
        ours = mine.get((entry.kind, entry.key), [])
        if entry.kind == "phone":
            ours = [e for e in ours if label_key(e.person) != label_key(entry.person)]
        if not ours:
            continue
        whose = f"（本报告中是“{ours[0].person}”的，彼处是“{entry.person}”的）" if entry.kind == "phone" else ""
        what = f"{_KINDS[entry.kind]}“{entry.name}”{whose}"
        _, names, _ = by_report.setdefault(other.id or 0, (other, [], ours[0].place))
        if what not in names:
            names.append(what)
    for other, names, place in by_report.values():
        what = "、".join(names[:_SHOWN]) + ("等" if len(names) > _SHOWN else "")
        yield CLAIMED_BEFORE.issue(what=what, other=other.described(), other_cluster=other.cluster_name or "",
                                   other_file=other.file_name, place=place)


def check_final_vs_preliminary(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """决赛报告与档案中本集群同一年度的初赛报告（有几份时取最近检查的）相比，同一年份的数据不同
    （超出四舍五入）：一条，列出不同的数据。多数数据不一致的表改报一条HY006。任一份是扫描件时只作提示。

    反例：初赛报告“集群总产值”2022年1326.8亿元，决赛报告1400.0亿元。正例：两份报告数据相同。
    """
    if snap.stage != "决赛":
        return
    preliminaries = [o for o in history.same if o.stage == "初赛" and o.years == snap.years]
    for other in sorted(preliminaries, key=lambda o: o.id or 0)[-1:]:  # the one recorded last
        suspect, differ = _split(snap, other, pack)
        if suspect:
            yield _mostly(snap, other, suspect)
        if differ:
            what = "；".join(f"{m.named}{m.year}年 初赛填{o.shown}、决赛填{m.shown}{m.unit}"
                            for m, o in differ[:_SHOWN]) + ("等" if len(differ) > _SHOWN else "")
            yield _on_scans(FINAL_VS_PRELIMINARY.issue(other=other.described(), count=len(differ), what=what,
                                                       other_file=other.file_name), snap, other)


def check_maybe_same(snap: Snapshot, history: History, pack: RulePack) -> Iterator[Issue]:
    """档案中有可能是同一集群、但不能确定的报告（名称相近而促进组织不同，如“益阳电子电路板产业集群”与
    “益阳电子电路产业集群”；或名称相同而申报类别、促进组织都不同）：只提示，不合并、不比对。

    反例：档案中“益阳电子电路板产业集群”，本报告“益阳电子电路产业集群”，促进组织不同。正例：名称一致。
    """
    seen: set[str] = set()
    for other, similarity in history.maybe:
        key = label_key(other.cluster_name or "")
        if key in seen:
            continue
        seen.add(key)
        why = ("名称相同，申报类别和促进组织不同" if similarity >= 100 else f"名称相似度{similarity:.0f}%")
        yield MAYBE_SAME.issue(other_cluster=other.cluster_name or "", other=other.described(), why=why,
                               other_file=other.file_name)


_SUSPECT = ("exact_units", "fractional_counts", "history.suspect_share", "history.suspect_min")

HISTORY_RULES = (
    HistoryRule(RESTATED, check_restated, _SUSPECT),
    HistoryRule(GROWTH_VS_ARCHIVE, check_growth_vs_archive, ("exact_units", "fractional_counts")),
    HistoryRule(CLAIMED_BEFORE, check_claimed_before),
    HistoryRule(FINAL_VS_PRELIMINARY, check_final_vs_preliminary, _SUSPECT),
    HistoryRule(MAYBE_SAME, check_maybe_same),
)
HISTORY_TYPES = (*(r.type for r in HISTORY_RULES), MOSTLY_DIFFERENT)
