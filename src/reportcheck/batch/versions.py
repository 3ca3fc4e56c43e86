"""Versions of one report in a batch — the .docx and its stamped scan, a report sent twice — found and
compared (the workbook's 版本比对).

Files are versions of one report when they are read with the same template (a 初赛 and a 决赛 report
of one cluster are two reports), name the same cluster and their figures say so: of the indicators
both give, at least half agree (a version corrects a few figures; two different reports that name one
cluster agree on almost none, and comparing them would give hundreds of rows of differences). A file
whose cluster name is left blank joins the files whose figures it shares exactly (as BT005 pairs them).
In each group every file is compared with one reference: the first Word-family file (the one applicants
edit), else the first file.
So k versions make k − 1 comparisons, not k·(k − 1)/2, and each report is read back from the spool once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportcheck.batch.result import BatchResult, VersionPair, read_outcome
from reportcheck.compare.diff import compare_reports
from reportcheck.model import Report
from reportcheck.normalize.text import label_key
from reportcheck.rules.cross import Facts
from reportcheck.runtime.supervisor import context, default_signals, forking

_WORD = frozenset({".docx", ".doc", ".wps", ".rtf", ".odt"})


@dataclass(frozen=True, slots=True)
class VersionKey:
    """What makes two files versions of one report: the template read and the cluster named."""

    template: str
    cluster: str
    """the name as compared (``label_key``); empty when left blank"""

    @classmethod
    def of(cls, report: Report) -> VersionKey:
        return cls(report.template, label_key(report.basic.cluster_name or ""))


def version_groups(keys: dict[int, VersionKey], facts: dict[int, Facts]) -> list[list[int]]:
    """Indexes of the files that are versions of one report, each group in input order, groups by their
    first file; only groups of two or more."""
    groups: dict[tuple, list[int]] = {}
    blank: list[int] = []
    for index in sorted(keys):
        key = keys[index]
        if not key.cluster:
            blank.append(index)
            continue
        part = 0  # the first group of this cluster whose first file's figures this file's agree with
        while (found := groups.get((key.template, key.cluster, part))) and not _same_figures(
                facts.get(found[0]), facts.get(index)):
            part += 1
        groups.setdefault((key.template, key.cluster, part), []).append(index)
    for index in blank:  # joins the first group of its template holding its very figures, else its own
        figures = facts[index].fingerprint if index in facts else ()
        home = next((g for group_key, g in groups.items() if group_key[0] == keys[index].template and figures
                     and any(i in facts and facts[i].fingerprint == figures for i in g)), None)
        if home is None:
            home = groups.setdefault((keys[index].template, "", figures or index), [])
        home.append(index)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


_AGREEING = 0.5  # share of the indicators both files give that must agree for them to be versions


def _same_figures(a: Facts | None, b: Facts | None) -> bool:
    """Whether two files' figures say they are one report: at least half of the indicators both give
    agree. Files without figures (nothing read) cannot say otherwise and count as versions."""
    if a is None or b is None or not a.fingerprint or not b.fingerprint:
        return True
    first = {entry[:2]: entry[2:] for entry in a.fingerprint}
    second = {entry[:2]: entry[2:] for entry in b.fingerprint}
    shared = first.keys() & second.keys()
    return not shared or sum(first[k] == second[k] for k in shared) >= _AGREEING * len(shared)


def reference(group: list[int], paths: list[str]) -> int:
    """The version the others are compared with: the first Word-family file, else the first file."""
    return next((i for i in group if Path(paths[i]).suffix.lower() in _WORD), group[0])


def compare_versions(result: BatchResult, groups: list[list[int]], jobs: int = 1) -> list[VersionPair]:
    """Each group's files compared with its reference, read back from the spool one at a time; the
    groups shared among ``jobs`` forked processes when there are several (a spawned process would
    spend longer starting than comparing)."""
    if jobs < 2 or len(groups) < 2 or not forking():
        return [pair for group in groups for pair in _group_pairs(result, group)]
    pool = context().Pool(min(jobs, len(groups)), initializer=default_signals)
    try:
        pairs = [pair for pairs in pool.imap(partial(_group_pairs, result), groups) for pair in pairs]
    except BaseException:  # Ctrl-C, or a comparison that failed: stop what is left
        pool.terminate()
        raise
    pool.close()
    pool.join()
    return pairs


def _group_pairs(result: BatchResult, group: list[int]) -> list[VersionPair]:
    first = reference(group, result.paths)
    ref = _report(result, first)
    return [VersionPair(ref.basic.cluster_name or "",
                        compare_reports(ref, _report(result, index), result.paths[first], result.paths[index]))
            for index in group if index != first]


def _report(result: BatchResult, index: int) -> Report:
    report = read_outcome(result.outcome_path(index)).report
    assert report is not None  # only files with a report have a version key
    return report
