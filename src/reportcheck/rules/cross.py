"""Findings only a batch can see: what two reports of different clusters share that they should not.

Each report is first reduced to its :class:`Facts` (its self-evaluation paragraphs, top-10 enterprises,
key projects, contact phones and a fingerprint of its figures), so a batch of hundreds keeps only
these in memory. A cross rule reads the facts of every report and yields findings naming both files.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportcheck.catalogue import IssueType
from reportcheck.model import Issue, Report
from reportcheck.normalize.text import label_key
from reportcheck.rules.base import Documented

COPIED_PASSAGE = IssueType(
    "BT001", "batch.copied-passage", "warning",
    "“{name_a}”与“{name_b}”的自评报告有{count}段几乎相同（相似度最高{similarity:.0f}%），如：“{quote}”。请核实是否抄用。",
    "竞赛实施办法 第五条第5款（提供虚假信息）；市州逐级审核")
SHARED_ENTERPRISE = IssueType(
    "BT002", "batch.shared-enterprise", "warning",
    "{count}家企业同时列在“{name_a}”与“{name_b}”的前十名单中：{what}。请核实这些企业属于哪个集群。",
    "参赛报告模板 2.2/2.4：集群企业名单；市州逐级审核")
SHARED_PROJECT = IssueType(
    "BT003", "batch.shared-project", "warning",
    "{count}个重点项目同时由“{name_a}”与“{name_b}”填报：{what}。请核实项目归属。",
    "参赛报告模板 2.3 集群重点项目建设情况；市州逐级审核")
SHARED_PHONE = IssueType(
    "BT004", "batch.shared-phone", "warning",
    "“{name_a}”与“{name_b}”填了相同的电话，却是不同的人：{what}。请核实联系方式。",
    "参赛报告模板 一、集群基本信息 电话；市州逐级审核")
SAME_REPORT = IssueType(
    "BT005", "batch.same-report", "warning",
    "“{file_a}”与“{file_b}”是同一份报告（“{what}”，数据相同）{verdict}",
    "市州逐级审核：每个集群一份报告")

_MIN_PARAGRAPH = 40  # characters: shorter lines are headings or stock phrases
_SHINGLE = 6
_SIMILAR = 0.8  # Jaccard similarity of shingle sets from which two paragraphs count as copied
_STOCK_SHARE = 0.1  # a shingle in the reports of more than 2 clusters, or of a tenth of them, is stock wording
_TOP_LISTS = ("top10_revenue", "top10_rd")
_PEOPLE = (("leader", "leader_phone", "负责人"), ("contact", "contact_phone", "联系人"))


@dataclass
class Facts:
    """What the cross rules need of one report, and nothing else."""

    path: str
    cluster: str  # as written
    cluster_key: str
    paragraphs: list[tuple[str, int, str]] = field(default_factory=list)  # (block id, line no., text)
    enterprises: list[tuple[str, str, int, str]] = field(default_factory=list)  # (list id, title, row, name)
    projects: list[tuple[str, str]] = field(default_factory=list)  # (place, name)
    phones: list[tuple[str, str, str]] = field(default_factory=list)  # (digits, person, field)
    fingerprint: tuple = ()


def facts_of(path: str, report: Report) -> Facts:
    """A report's facts. Its texts are already without the template's instruction lines. A name or a
    phone a scan's OCR was unsure of is left out: it must not tie two reports together."""
    cluster = report.basic.cluster_name or ""
    facts = Facts(path=path, cluster=cluster or f"（未填集群名称）{Path(path).name}",
                  cluster_key=label_key(cluster) or path)
    for block in report.texts:
        for n, line in enumerate(block.text.splitlines(), start=1):
            if len(label_key(line)) >= _MIN_PARAGRAPH:
                facts.paragraphs.append((block.id, n, line.strip()))
    for table in report.lists:
        for n, row in enumerate(table.rows, start=1):
            name = str(row.values.get("name") or row.values.get("project") or "").strip()
            if "name" in row.doubts or "project" in row.doubts:
                continue
            if table.id in _TOP_LISTS and name:
                facts.enterprises.append((table.id, f"{table.section} {table.title}", n, name))
            elif table.id == "key_projects" and name:
                facts.projects.append((f"{table.section} {table.title} 第{n}行", name))
    for group, group_label in (("promotion_org", "集群促进组织"), ("core_park", "集群核心承载园区")):
        contact = getattr(report.basic, group)
        for person_key, phone_key, label in _PEOPLE:
            phone, person = getattr(contact, phone_key), getattr(contact, person_key)
            if f"{group}.{phone_key}" in report.basic.doubts:
                continue
            digits = "".join(ch for ch in phone or "" if ch.isdigit())
            if len(digits) >= 7:
                facts.phones.append((digits, person or "（未填姓名）", f"一、集群基本信息 {group_label} {label}电话"))
    facts.fingerprint = tuple(sorted((i.section, i.key, tuple(sorted(i.values.items())), i.growth_pct)
                                     for i in report.indicators))
    return facts


def _pairs(facts: list[Facts]) -> Iterator[tuple[Facts, Facts]]:
    """Pairs of reports of different clusters. The same cluster twice, or the same figures (one
    report, its name left out), is BT005's business, not a copy."""
    for a, b in itertools.combinations(facts, 2):
        if not _same(a, b):
            yield a, b


def _same(a: Facts, b: Facts) -> bool:
    return a.cluster_key == b.cluster_key or (bool(a.fingerprint) and a.fingerprint == b.fingerprint)


def _issue(itype: IssueType, a: Facts, b: Facts, places: tuple[str, str], **args: object) -> Issue:
    return itype.issue(section=None, field=None, files=[a.path, b.path], places=list(places),
                       name_a=a.cluster, name_b=b.cluster, **args)


def _shingles(text: str) -> set[int]:
    key = label_key(text)
    return {hash(key[i:i + _SHINGLE]) for i in range(len(key) - _SHINGLE + 1)}


def check_copied_passages(facts: list[Facts]) -> Iterator[Issue]:
    """两个不同集群的自评报告（2.8、3.2、四等文字部分）中，有一段（40字以上）几乎相同：按6字片段计算的
    Jaccard相似度达80%以上；每两份报告一条，给出段数、最高相似度和一例。模板自带的填写说明不计入；
    多个集群都用的套话（出现在两个以上、且超过十分之一的集群的报告中的片段）不作为证据，所以三份以上报告
    互相抄用同一段时不再报出。

    反例：A集群2.8第3段与B集群2.8第5段只差两个字。正例：两份报告各自撰写。
    """
    index: dict[int, list[int]] = defaultdict(list)
    paras: list[tuple[Facts, str, int, str, set[int]]] = []
    for f in facts:
        for block, n, text in f.paragraphs:
            shingles = _shingles(text)
            for s in shingles:
                index[s].append(len(paras))
            paras.append((f, block, n, text, shingles))
    stock = max(2, int(_STOCK_SHARE * len({f.cluster_key for f in facts})))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for postings in index.values():
        if len({paras[i][0].cluster_key for i in postings}) <= stock:
            for i, j in itertools.combinations(sorted(set(postings)), 2):
                shared[(i, j)] += 1
    by_pair: dict[tuple[int, int], list[tuple[float, str, str, str]]] = defaultdict(list)
    for (i, j), common in sorted(shared.items()):
        fa, block_a, na, text_a, sa = paras[i]
        fb, block_b, nb, _, sb = paras[j]
        similarity = common / len(sa | sb)
        if fa is not fb and not _same(fa, fb) and similarity >= _SIMILAR:
            by_pair[(id(fa), id(fb))].append((similarity, text_a, f"{block_a} 第{na}段", f"{block_b} 第{nb}段"))
    owners = {id(f): f for f in facts}
    for (ia, ib), found in by_pair.items():
        best, text, place_a, place_b = max(found, key=lambda m: m[0])
        quote = text if len(text) <= 40 else text[:40] + "…"
        yield _issue(COPIED_PASSAGE, owners[ia], owners[ib], (place_a, place_b), similarity=best * 100,
                     quote=quote, count=len({m[2] for m in found}))


def _listing(items: list[tuple[str, str, str]]) -> tuple[str, tuple[str, str]]:
    """Shared names as a message lists them (at most five), and the first one's two places."""
    names = "、".join(f"“{name}”" for name, _, _ in items[:5]) + ("等" if len(items) > 5 else "")
    return names, (items[0][1], items[0][2])


def check_shared_enterprises(facts: list[Facts]) -> Iterator[Issue]:
    """同一家企业（名称去空格、繁简统一后相同）同时出现在两个不同集群的前十名单中（营业收入前十或研发投入
    前十，两表交叉也算）；每两份报告一条，列出共有的企业。

    反例：“湘江电驱系统有限公司”同时列在A、B两个集群的营业收入前十中。正例：各集群名单互不重复。
    """
    for a, b in _pairs(facts):
        places_b: dict[str, str] = {}
        for _, title, n, name in b.enterprises:
            places_b.setdefault(label_key(name), f"{title} 第{n}行")
        shared: dict[str, tuple[str, str, str]] = {}
        for _, title, n, name in a.enterprises:
            if label_key(name) in places_b:
                shared.setdefault(label_key(name), (name, f"{title} 第{n}行", places_b[label_key(name)]))
        if shared:
            what, places = _listing(list(shared.values()))
            yield _issue(SHARED_ENTERPRISE, a, b, places, what=what, count=len(shared))


def check_shared_projects(facts: list[Facts]) -> Iterator[Issue]:
    """同一个重点项目（项目名称去空格、繁简统一后相同）由两个不同集群同时填报；每两份报告一条。

    反例：“年产10万套智能座舱项目”出现在A、B两个集群的重点项目表中。正例：项目各不相同。
    """
    for a, b in _pairs(facts):
        places_b = {label_key(name): place for place, name in b.projects}
        shared = [(name, place, places_b[label_key(name)]) for place, name in a.projects if label_key(name) in places_b]
        if shared:
            what, places = _listing(shared)
            yield _issue(SHARED_PROJECT, a, b, places, what=what, count=len(shared))


def check_shared_phones(facts: list[Facts]) -> Iterator[Issue]:
    """同一个电话号码在两个不同集群的报告中属于不同的人；每两份报告一条。两个集群共用一个园区、同一人
    兼任联系人（号码对应的人有重合）不算。

    反例：13907310001 在A集群是联系人“李明”，在B集群是负责人“赵强”。正例：号码各不相同。
    """
    for a, b in _pairs(facts):
        people_a, people_b = _people(a), _people(b)
        shared = []
        for digits in sorted(people_a.keys() & people_b.keys()):
            if not {label_key(p) for p, _ in people_a[digits]} & {label_key(p) for p, _ in people_b[digits]}:
                (person_a, where_a), (person_b, where_b) = people_a[digits][0], people_b[digits][0]
                shared.append((f"{digits}（在前者是{_whose(where_a, person_a)}，在后者是{_whose(where_b, person_b)}）",
                               where_a, where_b))
        if shared:
            yield _issue(SHARED_PHONE, a, b, (shared[0][1], shared[0][2]), what="；".join(m for m, _, _ in shared))


def _people(f: Facts) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for digits, person, where in f.phones:
        out[digits].append((person, where))
    return out


def _whose(place: str, person: str) -> str:
    """一、集群基本信息 集群促进组织 联系人电话 + 周敏 → 集群促进组织联系人“周敏”."""
    role = place.removeprefix("一、集群基本信息 ").removesuffix("电话").replace(" ", "")
    return f"{role}“{person}”"


def check_same_report(facts: list[Facts]) -> Iterator[Issue]:
    """两个文件是同一份报告：所有指标数据相同（集群名称相同，或一份未填名称）。一份Word文件和一份PDF
    （盖章扫描件）是正常的提交方式，只作提示，两者在“版本比对”中逐项比对；两份同为Word或同为PDF才是重复
    提交（警告）。

    反例：“长沙智能汽车产业集群.docx”和“长沙智能汽车产业集群（修改）.docx”。正例：每个集群交一份Word
    文件，另附其盖章扫描件PDF（提示）。
    """
    for a, b in itertools.combinations(facts, 2):
        if a.fingerprint and a.fingerprint == b.fingerprint:
            scan_of_it = _is_pdf(a.path) != _is_pdf(b.path)
            verdict = ("：一份Word文件和一份PDF（盖章扫描件），属正常提交，两者已逐项比对（见版本比对）。"
                       if scan_of_it else "，重复提交。请只保留一份。")
            issue = SAME_REPORT.issue(section=None, field=None, files=[a.path, b.path], places=["", ""],
                                      file_a=Path(a.path).name, file_b=Path(b.path).name, what=a.cluster,
                                      verdict=verdict)
            yield replace(issue, severity="info") if scan_of_it else issue


def _is_pdf(path: str) -> bool:
    return Path(path).suffix.lower() == ".pdf"


@dataclass(frozen=True, slots=True)
class CrossRule(Documented):
    """A rule over the facts of every report of a batch."""

    type: IssueType
    check: Callable[[list[Facts]], Iterator[Issue]]


CROSS_RULES = (
    CrossRule(COPIED_PASSAGE, check_copied_passages),
    CrossRule(SHARED_ENTERPRISE, check_shared_enterprises),
    CrossRule(SHARED_PROJECT, check_shared_projects),
    CrossRule(SHARED_PHONE, check_shared_phones),
    CrossRule(SAME_REPORT, check_same_report),
)
