"""Check many files in parallel worker processes, each under a time limit, spooling every outcome.

A worker is one child process per file (:mod:`reportcheck.runtime.supervisor`; forked on Linux, it
inherits the parent's loaded modules and the start-up cost is paid once): it checks its file and sends
the outcome back; a file that takes longer than the limit has its process killed and becomes an outcome
saying so. Outcomes go straight to the spool
(one file each, by input position, so the order never depends on which worker finished first);
the worker writes it there itself and sends back only counts, the report's small
:class:`~reportcheck.rules.cross.Facts` and what makes it a version of another file
(:class:`~reportcheck.batch.versions.VersionKey`), so the parent stays idle while the workers read.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from reportcheck.batch.result import BatchResult, dump_outcome
from reportcheck.batch.versions import VersionKey, compare_versions, reference, version_groups
from reportcheck.model import Issue
from reportcheck.outcome import FileOutcome, check_file
from reportcheck.pipeline import warm_up
from reportcheck.rules.cross import CROSS_RULES, SAME_REPORT, Facts, facts_of
from reportcheck.runtime.ocr_threads import share, use_share
from reportcheck.runtime.supervisor import (
    Allowance,
    Limits,
    breach,
    confine,
    context,
    died_error,
    limit_error,
    start_child,
    stop,
)
from reportcheck.settings import Settings

# (done, total, the file being read: its name and the scanned page its OCR is at, or None to keep the last)
Reading = tuple[str, int, int]
Progress = Callable[[int, int, Reading | None], None]


@dataclass
class _Running:
    index: int
    path: Path
    process: multiprocessing.process.BaseProcess
    started: float
    allowance: Allowance  # seconds its scanned pages have earned on top of the time limit


@dataclass
class _Reply:
    """What a worker sends back; the outcome itself is already in the spool."""

    severities: dict[str, int]
    unreadable: bool
    facts: Facts | None
    version: VersionKey | None


def run_batch(paths: list[Path], pack: dict, settings: Settings, spool: Path, jobs: int, limits: Limits,
              skipped: list[tuple[str, str]] | None = None, progress: Progress | None = None) -> BatchResult:
    """Check ``paths`` with ``jobs`` workers, each file under ``limits``; the result reads its outcomes
    back from ``spool``."""
    warm_up()
    result = BatchResult(paths=[str(p) for p in paths], spool=spool, skipped=list(skipped or []),
                         settings=settings, pack=pack)
    ctx = context()
    waiting = deque(enumerate(paths))
    running: dict[Connection, _Running] = {}
    facts: dict[int, Facts] = {}
    versions: dict[int, VersionKey] = {}
    try:
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                index, path = waiting.popleft()
                receive, send = ctx.Pipe(duplex=False)
                target = result.outcome_path(index)
                allowance = Allowance(ctx)
                process = start_child(ctx, _work, (send, path, target, pack, settings, allowance, share(jobs)))
                send.close()
                running[receive] = _Running(index, path, process, time.monotonic(), allowance)
                if progress:
                    progress(result.done, len(paths), (path.name, 0, 0))
            for conn in wait(list(running), timeout=0.2):
                job = running.pop(conn)
                _count(result, facts, versions, job.index, _receive(conn, job, result))
            for conn, job in list(running.items()):
                which = breach(job.process, job.started, limits, job.allowance)
                if which is not None:
                    del running[conn]
                    stop(job.process)
                    conn.close()
                    error = limit_error(str(job.path), which, limits, job.allowance.seconds)
                    outcome = FileOutcome(path=str(job.path), error=error)
                    _count(result, facts, versions, job.index, _write(result.outcome_path(job.index), outcome))
            if progress:
                progress(result.done, len(paths), _reading(running))
    finally:
        for conn, job in running.items():
            stop(job.process)
            conn.close()
    groups = version_groups(versions, facts)
    later = {result.paths[i] for group in groups for i in group if i != reference(group, result.paths)}
    result.cross = cross_findings([facts[i] for i in sorted(facts)], settings, later)
    result.versions = compare_versions(result, groups)
    return result


def _reading(running: dict[Connection, _Running]) -> Reading | None:
    """The file being read with its scanned page, when a worker's OCR is at one (None keeps what was shown)."""
    scanning = [job for job in running.values() if job.allowance.pages]
    if not scanning:
        return None
    job = min(scanning, key=lambda j: j.started)
    return job.path.name, job.allowance.page, job.allowance.pages


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


def _work(conn: Connection, path: Path, target: Path, pack: dict, settings: Settings, allowance: Allowance,
          threads: int) -> None:
    """In the worker: check one file, spool its outcome, send back the little the parent keeps.
    The worker leads its own process group, so a LibreOffice it starts is stopped with it, and keeps
    its temporary files inside the spool, so they go with it even when it is killed."""
    confine(target.with_suffix(".tmp"), allowance)
    use_share(threads)  # the OCR of each of the workers running at once uses its share of the cores
    try:
        conn.send(_write(target, check_file(str(path), pack, settings)))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the batch was stopped (Ctrl-C, kill) while this file was checked: nobody is left to tell
    except FileNotFoundError:
        if target.parent.is_dir():
            raise
        # ...and took its spool away: it has said so once; a traceback here would be a second, wrong, word
    finally:
        conn.close()


def _write(target: Path, outcome: FileOutcome) -> _Reply:
    """Spool one outcome atomically and reduce it to its reply."""
    partial = target.with_suffix(".part")
    partial.write_text(dump_outcome(outcome), encoding="utf-8")
    partial.replace(target)
    severities = {"error": 0, "warning": 0, "info": 0}
    for issue in outcome.issues:
        severities[issue.severity] += 1
    report = outcome.report
    facts = facts_of(outcome.path, report) if report is not None else None
    return _Reply(severities, outcome.error is not None, facts, VersionKey.of(report) if report is not None else None)


def _receive(conn: Connection, job: _Running, result: BatchResult) -> _Reply:
    try:
        reply = conn.recv()
    except (EOFError, OSError):  # the worker died without an answer (killed, out of memory)
        stop(job.process)  # and whatever it had started
        reply = _write(result.outcome_path(job.index),
                       FileOutcome(path=str(job.path), error=died_error(str(job.path), job.process.exitcode)))
    finally:
        conn.close()
    job.process.join(timeout=5)
    return reply


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

