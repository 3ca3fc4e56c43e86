"""Running a check in a forked child process, isolated from the parent that waits for it.

The parent warms up once (:func:`warm_up`) so every child inherits the loaded modules; a child
confines itself (:func:`confine`) to a process group and a temporary folder of its own, so that
:func:`stop` ends it together with whatever it started (LibreOffice) and its temporary files go
with the folder. Used by ``batch`` (one child per file) and ``serve`` (one child per upload).
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.readers import ocr_progress

_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


class Allowance:
    """Seconds a supervised child has earned on top of its time limit — each scanned page read by OCR
    earns its own, so a 40-page scan is not stopped at the limit meant for a Word file — and the page it
    is reading (``page`` of ``pages``, 0 when it reads none), for the supervisor to show. Values in shared
    memory, made by the supervisor before it forks the child, which inherits them."""

    def __init__(self, context) -> None:
        self._value = context.Value("d", 0.0, lock=False)
        self._page = context.Value("i", 0, lock=False)
        self._pages = context.Value("i", 0, lock=False)

    @property
    def seconds(self) -> float:
        return self._value.value

    @property
    def page(self) -> int:
        return self._page.value

    @property
    def pages(self) -> int:
        return self._pages.value

    def page_begun(self, page: int, pages: int, seconds: float) -> None:
        """In the child (an :mod:`~reportcheck.readers.ocr_progress` listener): a page read by OCR begins."""
        self._value.value += seconds
        self._page.value, self._pages.value = page, pages

    def reset(self) -> None:
        self._value.value = 0.0
        self._page.value = self._pages.value = 0


@dataclass(frozen=True)
class Limits:
    """What one file may cost: wall-clock seconds, and resident memory (MB) of the child checking it
    together with whatever it started (LibreOffice)."""

    seconds: float = 120.0
    memory_mb: float = 2048.0


def breach(process: BaseProcess, started: float, limits: Limits, allowance: Allowance | None = None) -> str | None:
    """``"timeout"`` or ``"memory"`` when a running child has passed a limit (its time limit lengthened by
    what it has earned, ``allowance``), else None."""
    if time.monotonic() - started > limits.seconds + (allowance.seconds if allowance else 0.0):
        return "timeout"
    if process.pid is not None and group_rss_mb(process.pid) > limits.memory_mb:
        return "memory"
    return None


def group_rss_mb(group: int) -> float:
    """Resident memory of every process in process group ``group`` (from /proc; 0 where there is none)."""
    total = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            if int(fields[2]) == group:  # after the name: state, ppid, pgrp, …, rss is the 22nd
                total += int(fields[21])
    return total * _PAGE_MB


def died_error(path: str, exitcode: int | None) -> UnreadableInput:
    """The outcome's reason when the child checking a file ended without an answer."""
    return UnreadableInput(path, "worker_died", f"检查该文件的进程意外退出（退出码{exitcode}），请单独检查此文件",
                           f"the process checking this file exited unexpectedly (exit code {exitcode})")


def limit_error(path: str, which: str, limits: Limits, granted: float = 0.0) -> UnreadableInput:
    """The outcome's reason when a file passed a limit (``which`` as :func:`breach` says; ``granted``:
    the seconds its scanned pages had added)."""
    if which == "timeout":
        total = limits.seconds + granted
        pages = f"，其中{granted:g}秒为扫描件逐页识别另加" if granted else ""
        return UnreadableInput(path, "timeout", f"检查超过{total:g}秒{pages}仍未完成，已停止（可用 --timeout 放宽）",
                               f"checking took longer than {total:g} s and was stopped (--timeout)")
    return UnreadableInput(path, "memory_limit",
                           f"检查该文件占用内存超过{limits.memory_mb:g}MB，已停止"
                           "（文件可能异常；可用 --memory-limit 放宽）",
                           f"checking used more than {limits.memory_mb:g} MB and was stopped (--memory-limit)")


def confine(tmpdir: Path, allowance: Allowance | None = None) -> None:
    """In a forked child: lead a process group of its own, leave the parent's signal handlers (a
    server's or a batch's way to stop) to the parent, and keep every temporary file in ``tmpdir``
    (created here), LibreOffice's own ``lu*.tmp`` files too; seconds it earns (and the scanned page it
    reads) go to ``allowance``."""
    ocr_progress.listen(allowance.page_begun if allowance is not None else None)
    os.setpgrp()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    tmpdir.mkdir()
    tempfile.tempdir = os.environ["TMPDIR"] = str(tmpdir)


def stop(process: BaseProcess) -> None:
    """Kill a child and whatever it started (its process group)."""
    if process.pid is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # not yet its own group leader, or gone
            with contextlib.suppress(ProcessLookupError):
                process.kill()
    process.join(timeout=5)


def warm_up(pdf: bool = True) -> None:
    """Load what every child needs once, before forking (modules, specs, OpenCC, the word splitter),
    so no child pays for it; the PDF reader (pdfplumber) only when a PDF may come (``pdf``)."""
    from reportcheck.extract import report  # noqa: F401
    from reportcheck.extract.claims import find_claims
    from reportcheck.normalize.text import to_simplified
    from reportcheck.readers import docx_reader  # noqa: F401
    from reportcheck.rules import run_rules  # noqa: F401
    from reportcheck.spec import load_templates

    if pdf:
        from reportcheck.readers import pdf_reader  # noqa: F401

    for spec in load_templates():
        find_claims("2022年集群总产值达到1.0亿元", spec.prose_keywords)
    to_simplified(["繁體"])
    gc.freeze()  # what is loaded now stays shared with the forked children (no collector touching it)
