"""The one supervisor: a file's work in a child process, isolated from the parent that waits for it.

A child is started by :func:`start_child` — forked where the system has fork (Linux, where it inherits
the modules the parent warmed up once, :func:`reportcheck.pipeline.warm_up`), spawned elsewhere (Windows, macOS) or when
``REPORTCHECK_START_METHOD=spawn`` says so; a spawned child is told what the parent was told at start-up
(the template files). It confines itself (:func:`confine`) to a process group and a temporary folder of
its own, so that :func:`stop` ends it together with whatever it started (LibreOffice) and its temporary
files go with the folder; :func:`breach` watches its time and the memory of its whole process tree.
Used by ``check``, ``annotate``, ``extract``, ``compare``, ``score``, ``grade``
(:mod:`reportcheck.commands.limited`) and ``batch`` through the long-lived workers of
:mod:`reportcheck.runtime.pool`, and by ``serve`` (one child per upload).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.runtime import ocr_progress
from reportcheck.runtime.processes import kill_group, kill_tree, lead_own_group, tree_rss_mb

START_METHOD = "REPORTCHECK_START_METHOD"  # fork or spawn, for the tests (and a system where fork misbehaves)
STARTING = 60.0  # seconds a child may take to start (a spawned one imports everything) before its file's clock


def context() -> BaseContext:
    """The start method: fork on Linux (fast, the warmed-up modules are shared), spawn elsewhere."""
    return multiprocessing.get_context(_method())


def forking() -> bool:
    """Whether children are forked (and so share what the parent loaded before)."""
    return _method() == "fork"


def _method() -> str:
    wanted = os.environ.get(START_METHOD) or ("fork" if sys.platform.startswith("linux") else "spawn")
    return wanted if wanted in multiprocessing.get_all_start_methods() else "spawn"


def start_child(ctx: BaseContext, target: Callable[..., object], args: tuple) -> BaseProcess:
    """Start ``target(*args)`` in a daemon child (``target`` and ``args`` picklable, for spawn)."""
    process = ctx.Process(target=_bootstrap, args=(known_template_files(), target, args), daemon=True)
    process.start()
    return process


def known_template_files() -> list[str]:
    """The template files this process was given; none while the specs are not loaded (none can have been
    given yet), so a child started before anything is read (:mod:`reportcheck.runtime.ahead`) does not wait
    for them to load here."""
    spec = sys.modules.get("reportcheck.spec")
    return spec.added_template_files() if spec is not None else []


def know_templates(files: list[str]) -> None:
    """In a child: know the template files its parent knows (a spawned child starts afresh)."""
    if not files:
        return
    from reportcheck.spec import add_template, added_template_files

    for path in files:
        if path not in added_template_files():
            add_template(path)


def _bootstrap(templates: list[str], target: Callable[..., object], args: tuple) -> None:
    """In the child: know what the parent knows, then work."""
    know_templates(templates)
    target(*args)


class Allowance:
    """Seconds a supervised child has earned on top of its time limit — each scanned page read by OCR
    earns its own, so a 40-page scan is not stopped at the limit meant for a Word file — and the page it
    is reading (``page`` of ``pages``, 0 when it reads none), for the supervisor to show; and the seconds
    the child took to start (a spawned child imports everything afresh), which are not the file's. Values
    in shared memory, made by the supervisor before it starts the child, which is given them."""

    def __init__(self, context: BaseContext) -> None:
        self._value = context.Value("d", 0.0, lock=False)
        self._page = context.Value("i", 0, lock=False)
        self._pages = context.Value("i", 0, lock=False)
        self._startup = context.Value("d", -1.0, lock=False)  # -1 until the child is ready
        self._made = time.time()  # wall clock: the same in the child

    @property
    def startup(self) -> float | None:
        """Seconds the child took to start; None while it is still starting."""
        return None if self._startup.value < 0 else self._startup.value

    def started(self) -> None:
        """In the child, once ready to work: what starting took is not counted against the file."""
        self._startup.value = max(0.0, time.time() - self._made)

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
        """In the child (an :mod:`~reportcheck.runtime.ocr_progress` listener): a page read by OCR begins."""
        self._value.value += seconds
        self._page.value, self._pages.value = page, pages

    def reset(self) -> None:
        """The child goes on to its next file (it has started)."""
        self._value.value = self._startup.value = 0.0
        self._page.value = self._pages.value = 0


@dataclass(frozen=True)
class Limits:
    """What one file may cost: wall-clock seconds, and resident memory (MB) of the child checking it
    together with whatever it started (LibreOffice)."""

    seconds: float = 120.0
    memory_mb: float = 2048.0


def breach(process: BaseProcess, started: float, limits: Limits, allowance: Allowance | None = None,
           memory: bool = True) -> str | None:
    """``"timeout"`` or ``"memory"`` when a running child has passed a limit (its time limit lengthened by
    what it has earned, ``allowance``), else None. ``memory=False`` looks at the time only: measuring a
    process tree's memory walks every process on the machine (psutil), too dear to do after every file."""
    if allowance is None:
        earned = 0.0
    else:  # a child still starting has up to STARTING seconds to, over the limit
        earned = allowance.seconds + (STARTING if allowance.startup is None else allowance.startup)
    if time.monotonic() - started > limits.seconds + earned:
        return "timeout"
    if memory and process.pid is not None and tree_rss_mb(process.pid) > limits.memory_mb:
        return "memory"
    return None


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
    """In a child: lead a process group of its own, leave the parent's signal handlers (a
    server's or a batch's way to stop) to the parent, and keep every temporary file in ``tmpdir``
    (created here), LibreOffice's own ``lu*.tmp`` files too; seconds it earns (and the scanned page it
    reads) go to ``allowance``."""
    ocr_progress.listen(allowance.page_begun if allowance is not None else None)
    if allowance is not None:
        allowance.started()
    lead_own_group()
    default_signals()
    tmpdir.mkdir()
    tempfile.tempdir = os.environ["TMPDIR"] = str(tmpdir)


def default_signals() -> None:
    """In a child: the parent's handlers of the signals that stop it (a server's or a batch's own) are not
    the child's; a signal ends the child as it ends any process."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def stop(process: BaseProcess) -> None:
    """Kill a child and whatever it started."""
    if process.pid is not None:
        if process.exitcode is None:  # not reaped: the pid is still the child's
            kill_tree(process.pid)
        else:  # ended and reaped: what it started may live on in its group
            kill_group(process.pid)
    process.join(timeout=5)
