"""Check many files in parallel workers, each file under the per-file limits, spooling every outcome.

The workers are long-lived children (:mod:`reportcheck.runtime.pool`; forked on Linux, they inherit the
parent's loaded modules), each handed one file at a time: it checks the file and goes on with what the
earlier ones warmed. A file over a limit has its worker stopped and becomes an outcome saying so.
Outcomes go straight to the spool (one file each, by input position, so the order never depends on
which worker finished first); the worker writes it there itself and sends back only counts, the
report's small :class:`~reportcheck.rules.cross.Facts` and what makes it a version of another file
(:class:`~reportcheck.batch.versions.VersionKey`), so the parent stays idle while the workers read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportcheck.batch.result import BatchResult, spool_path, write_outcome
from reportcheck.batch.versions import VersionKey, compare_versions, reference, version_groups
from reportcheck.errors import UnreadableInput
from reportcheck.evidence_files import EvidenceFiles
from reportcheck.model import Issue
from reportcheck.outcome import FileOutcome, check_file
from reportcheck.pipeline import warm_up
from reportcheck.rules.cross import CROSS_RULES, SAME_REPORT, Facts, facts_of
from reportcheck.runtime.ocr_threads import share, use_share
from reportcheck.runtime.pool import Busy, supervise
from reportcheck.runtime.supervisor import Limits
from reportcheck.settings import Settings

# (done, total, the file being read: its name and the scanned page its OCR is at, or None to keep the last)
Reading = tuple[str, int, int]
Progress = Callable[[int, int, Reading | None], None]
Keep = Callable[[int, FileOutcome], None]  # picklable: a spawned worker is given it


@dataclass
class _Reply:
    """What a worker sends back; the outcome itself is already in the spool."""

    severities: dict[str, int]
    unreadable: bool
    facts: Facts | None
    version: VersionKey | None


def run_batch(paths: list[Path], pack: dict, settings: Settings, spool: Path, jobs: int, limits: Limits,
              skipped: list[tuple[str, str]] | None = None, progress: Progress | None = None,
              evidence: dict[str, EvidenceFiles] | None = None, keep: Keep | None = None) -> BatchResult:
    """Check ``paths`` with ``jobs`` workers, each file under ``limits`` (with the pages it cites in its
    appendix ``evidence[path]``, when given); the result reads its outcomes back from ``spool``. ``keep(index,
    outcome)`` is done with each outcome where it is made, most in the workers (the renderer's rows)."""
    warm_up()
    result = BatchResult(paths=[str(p) for p in paths], spool=spool, skipped=list(skipped or []),
                         settings=settings, pack=pack, evidence=evidence is not None)
    facts: dict[int, Facts] = {}
    versions: dict[int, VersionKey] = {}

    def done(index: int, reply: _Reply | UnreadableInput) -> None:
        if isinstance(reply, UnreadableInput):  # over a limit, or its worker died: spooled here
            reply = _spool(spool, index, FileOutcome(path=result.paths[index], error=reply), keep)
        _count(result, facts, versions, index, reply)

    def watch(busy: list[Busy]) -> None:
        assert progress is not None
        progress(result.done, len(paths), _reading(busy))

    supervise(result.paths, partial(_work, spool=spool, pack=pack, settings=settings, evidence=evidence or {},
                                    keep=keep),
              limits, jobs, spool,
              done, watch if progress else None, partial(use_share, share(jobs)))
    groups = version_groups(versions, facts)
    later = {result.paths[i] for group in groups for i in group if i != reference(group, result.paths)}
    result.cross = cross_findings([facts[i] for i in sorted(facts)], settings, later)
    result.versions = compare_versions(result, groups, jobs)
    return result


def _reading(busy: list[Busy]) -> Reading | None:
    """The file to show: the first one a worker's OCR is reading, with its page, else the one handed out
    last (None keeps what was shown)."""
    scanning = [b for b in busy if b.allowance.pages]
    if scanning:
        first = min(scanning, key=lambda b: b.started)
        return Path(first.path).name, first.allowance.page, first.allowance.pages
    if busy:
        return Path(max(busy, key=lambda b: b.started).path).name, 0, 0
    return None


def cross_findings(facts: list[Facts], settings: Settings,
                   later_versions: set[str] | frozenset[str] = frozenset()) -> list[Issue]:
    """The batch-only findings, selected and graded like a single report's. A report sent in several
    versions (``later_versions``: the paths of all but its reference version) meets the other clusters'
    reports once, as its reference version, so BT001–BT004 are not repeated per version (the versions'
    own differences are in 版本比对); BT005, the same report sent twice, looks at every file."""
    from reportcheck.rules import grade

    one_each = [f for f in facts if f.path not in later_versions]
    return [grade(issue, settings) for rule in CROSS_RULES if settings.wants(rule.code)
            for issue in rule.check(facts if rule.type is SAME_REPORT else one_each)]


def _work(index: int, path: str, spool: Path, pack: dict, settings: Settings,
          evidence: dict[str, EvidenceFiles], keep: Keep | None) -> _Reply:
    """In a worker: check one file, spool its outcome, send back the little the parent keeps. The
    worker leads its own process group, so a LibreOffice it starts is stopped with it, and keeps its
    temporary files inside the spool, so they go with it even when it is killed."""
    return _spool(spool, index, check_file(path, pack, settings, evidence=evidence.get(path)), keep)


def _spool(spool: Path, index: int, outcome: FileOutcome, keep: Keep | None) -> _Reply:
    """Spool one outcome atomically (then ``keep`` it) and reduce it to its reply."""
    write_outcome(spool_path(spool, index), outcome)
    if keep is not None:
        keep(index, outcome)
    severities = {"error": 0, "warning": 0, "info": 0}
    for issue in outcome.issues:
        severities[issue.severity] += 1
    report = outcome.report
    facts = facts_of(outcome.path, report) if report is not None else None
    return _Reply(severities, outcome.error is not None, facts, VersionKey.of(report) if report is not None else None)


def _count(result: BatchResult, facts: dict[int, Facts], versions: dict[int, VersionKey], index: int,
           reply: _Reply) -> None:
    result.done += 1
    result.unreadable += reply.unreadable
    for severity, n in reply.severities.items():
        result.severities[severity] += n
    if reply.facts is not None:
        facts[index] = reply.facts
    if reply.version is not None:
        versions[index] = reply.version

