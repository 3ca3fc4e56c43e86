"""Checking one upload in a child process under the limits (:mod:`reportcheck.runtime.supervisor`).

The child leads a process group of its own and keeps its temporary files (LibreOffice's too) in the
request's private folder; it writes what the response needs there — the outcome as JSON, the annotated
.docx, the HTML page — and the parent reads them back. A child that passes the limit is killed with
whatever it started, and the request gets a message saying so.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.outcome import FileOutcome
from reportcheck.runtime.processes import kill_tree
from reportcheck.runtime.supervisor import Allowance, Limits, breach, confine, context, start_child, stop
from reportcheck.settings import Settings
from reportcheck.web.errors import WebError

# Makes the HTML page from the outcome, its JSON and the annotated .docx (None when there is none).
Render = Callable[[FileOutcome, bytes, bytes | None], str]

_OUTCOME, _DOCX, _PAGE = "outcome.json", "annotated.docx", "page.html"
_POLL = 0.05  # seconds between looks at the child's time and memory

_running: set[BaseProcess] = set()
_lock = threading.Lock()
_stopping = threading.Event()


@dataclass
class Job:
    upload: Path  # inside the private folder, named by the server
    name: str  # the client's file name, for display only
    annotate: bool = False  # also make the annotated .docx
    render: Render | None = None  # also make the HTML page


@dataclass
class Result:
    outcome: bytes  # the outcome as JSON (``FileOutcome.as_json`` under the client's name)
    docx: bytes | None
    page: str | None

    def parsed(self) -> dict:
        return json.loads(self.outcome)


def run(job: Job, folder: Path, pack: dict, settings: Settings, limits: Limits) -> Result:
    """Check ``job.upload`` in a child working in ``folder``; raise :class:`WebError` when it passes
    one of ``limits`` or dies."""
    ctx = context()
    allowance = Allowance(ctx)
    with _lock:
        if _stopping.is_set():
            raise WebError(503, "server_stopping", "网页服务正在停止，本次检查未完成，请稍后重新上传",
                           "the server is stopping; the check was not finished")
        process = start_child(ctx, _child, (job, folder, pack, settings, allowance))
        _running.add(process)
    try:
        started, which = time.monotonic(), None
        while which is None and not _stopping.is_set():
            process.join(_POLL)
            if process.exitcode is not None:
                break
            which = breach(process, started, limits, allowance)
    finally:
        stop(process)  # and whatever it started and left behind
        with _lock:
            _running.discard(process)
    if _stopping.is_set():
        raise WebError(503, "server_stopping", "网页服务正在停止，本次检查未完成，请稍后重新上传",
                       "the server is stopping; the check was not finished")
    if which == "timeout":
        total = limits.seconds + allowance.seconds
        raise WebError(504, "timeout",
                       f"检查超过{total:g}秒仍未完成，已停止。请确认文件无误后重试，或联系管理员放宽时限",
                       f"checking took longer than {total:g} s and was stopped")
    if which == "memory":
        raise WebError(422, "memory_limit",
                       f"检查该文件占用内存超过{limits.memory_mb:g}MB，已停止。文件可能异常，请用Word另存后重试",
                       f"checking used more than {limits.memory_mb:g} MB and was stopped")
    if process.exitcode != 0:
        raise WebError(500, "worker_died", f"检查进程意外退出（退出码{process.exitcode}），请稍后重试或联系管理员",
                       f"the process checking the file exited unexpectedly (exit code {process.exitcode})")
    docx, page = folder / _DOCX, folder / _PAGE
    return Result(outcome=(folder / _OUTCOME).read_bytes(),
                  docx=docx.read_bytes() if docx.exists() else None,
                  page=page.read_text("utf-8") if page.exists() else None)


def stop_all() -> None:
    """Kill the children still running and what they started (the server is stopping); the requests
    waiting on them then fail at once, and reap them."""
    _stopping.set()
    with _lock:
        for process in _running:  # not yet reaped (each is reaped after it leaves the set)
            if process.pid is not None:
                kill_tree(process.pid)


def preload() -> None:
    """Load what a child needs, once, before the server serves (see :func:`reportcheck.runtime.supervisor.warm_up`)."""
    from reportcheck.annotation import annotate_report  # noqa: F401
    from reportcheck.pipeline import warm_up
    from reportcheck.render.html import render_report  # noqa: F401
    from reportcheck.render.titles import section_titles

    section_titles()
    warm_up()


def _child(job: Job, folder: Path, pack: dict, settings: Settings, allowance: Allowance) -> None:
    confine(folder / "tmp", allowance)
    outcome, docx = _check(job, pack, settings)
    _rename(outcome, job.name)
    data = json.dumps(outcome.as_json(), ensure_ascii=False, indent=1).encode("utf-8")
    (folder / _OUTCOME).write_bytes(data)
    if docx is not None:
        (folder / _DOCX).write_bytes(docx)
    if job.render is not None:
        (folder / _PAGE).write_text(job.render(outcome, data, docx), "utf-8")


def _check(job: Job, pack: dict, settings: Settings) -> tuple[FileOutcome, bytes | None]:
    if job.annotate:
        from reportcheck.annotation import annotate_report

        annotation = annotate_report(job.upload, pack, settings)
        return annotation.outcome, annotation.docx
    from reportcheck.outcome import check_file

    return check_file(str(job.upload), pack, settings), None


def _rename(outcome: FileOutcome, name: str) -> None:
    """Put the client's name where the server's path was: the outcome, its report and its error."""
    outcome.path = name
    if outcome.report is not None:
        outcome.report.source = name
    if outcome.error is not None:
        error = outcome.error
        outcome.error = UnreadableInput(name, error.reason, error.zh, error.en)
