"""Files' work (``check``, ``annotate``, ``extract``, ``compare``, ``score``) in a child under the
per-file limits: one worker of :mod:`reportcheck.runtime.pool`, as ``batch`` has several.

The worker works through the files in turn and sends each result back; a file over a limit has it
killed with whatever it started (LibreOffice) and its temporary folder goes too, the file's result
names the limit (:class:`UnreadableInput`), and a new worker takes the files after it. One worker for
many files keeps what the first file warmed (label indexes, caches) for the next. The worker is started
first and loads what reading needs itself, while this process loads what it needs afterwards (the rules,
for ``check``) on the other core; Ctrl-C here stops it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reportcheck.errors import UnreadableInput
from reportcheck.runtime.ahead import take
from reportcheck.runtime.pool import Busy, Pool
from reportcheck.runtime.supervisor import Limits

if TYPE_CHECKING:  # what the child needs is loaded by the child, once it is started
    from reportcheck.evidence_files import EvidenceFiles
    from reportcheck.model import Report
    from reportcheck.outcome import FileOutcome
    from reportcheck.settings import Settings

T = TypeVar("T")
U = TypeVar("U")


class Started:
    """``work(path)`` for each path in turn in one child under the per-file limits, the child started on
    entering the ``with`` (``work`` a module's function or a partial of one, its result picklable: a spawned
    child is given it by pickle). The files are read while the caller loads what it needs itself (its rule
    pack and rules), and :meth:`results` takes them under the limits, each timed from when it was handed
    out. Leaving the ``with`` early (a bad setting, Ctrl-C) stops the child
    with whatever it started. One child, so nothing is loaded here for it first: it loads what ``work``
    needs as it goes — or has loaded it already, when it is the child started as the process started
    (:mod:`reportcheck.runtime.ahead`), which the first ``Started`` takes over."""

    def __init__(self, paths: Sequence[str], work: Callable[[str], T]) -> None:
        self.paths = list(paths)
        ahead = take()
        self._folder = ahead.folder if ahead else tempfile.TemporaryDirectory(prefix="reportcheck-")
        self._pool = Pool(paths, partial(_by_path, work), 1, Path(self._folder.name),
                          first=ahead.worker if ahead else None)

    def __enter__(self) -> Started:
        try:
            self._pool.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._pool.__exit__()
        finally:
            self._folder.cleanup()

    def results(self, limits: Limits) -> list[T | UnreadableInput]:
        """Each path's result, or why it has none (over a limit, its child gone)."""
        return self.each(limits, _as_is)

    def each(self, limits: Limits, then: Callable[[str, T | UnreadableInput], U]) -> list[U]:
        """``then(path, its result or why it has none)`` for each path, as each comes, while the child goes on
        to the next file. A scan's pages read by OCR are shown on the terminal as they are read (when stderr
        is one)."""
        from reportcheck.render.progress import PageProgress

        results: list[U | None] = [None] * len(self.paths)

        def done(index: int, result: T | UnreadableInput) -> None:
            results[index] = then(self.paths[index], result)

        display = PageProgress(sys.stderr) if sys.stderr.isatty() else None

        def show(busy: list[Busy]) -> None:
            assert display is not None
            for b in busy:
                display.update(b.path, b.allowance.page, b.allowance.pages, time.monotonic() - b.started)

        try:
            self._pool.run(limits, done, show if display else None)
        finally:
            if display:
                display.clear()
        return results  # type: ignore[return-value]  # every slot is filled


def call_limited(paths: Sequence[str], work: Callable[[str], T], limits: Limits) -> list[T | UnreadableInput]:
    """``work(path)`` for each path in turn in one child under ``limits`` (:class:`Started`)."""
    with Started(paths, work) as started:
        return started.results(limits)


def reading(paths: Sequence[str], evidence: Sequence[EvidenceFiles] | None = None) -> Started:
    """The reports of ``paths`` being read in a child (with the pages each cites in its appendix,
    ``evidence[i]``, when given), for :func:`checked`."""
    appendix = dict(zip(paths, evidence, strict=True)) if evidence is not None else {}
    return Started(paths, partial(_load, evidence=appendix))


def checked(started: Started, pack: dict, settings: Settings | None, limits: Limits) -> list[FileOutcome]:
    """The reports :func:`reading` reads, each checked here as it comes (:func:`check_report`): reading is
    what a hostile file can stretch past a limit, and the child does it under ``limits``; the rules only
    see what was read, each under its own guard. What the rules load is loaded while the child reads. A
    file over a limit or killing its child gives an outcome saying so, and the files after it are still
    checked."""
    from reportcheck.outcome import FileOutcome, check_report
    from reportcheck.rules import ready

    def check(path: str, read: Report | UnreadableInput) -> FileOutcome:
        if isinstance(read, UnreadableInput):
            return FileOutcome(path=path, error=read)
        return check_report(path, read, pack, settings)

    ready()
    return started.each(limits, check)


def check_limited(paths: Sequence[str], pack: dict, settings: Settings | None, limits: Limits,
                  evidence: Sequence[EvidenceFiles] | None = None) -> list[FileOutcome]:
    """:func:`checked` of :func:`reading`."""
    with reading(paths, evidence) as started:
        return checked(started, pack, settings, limits)


def load_limited(paths: Sequence[str], limits: Limits,
                 evidence: dict[str, EvidenceFiles] | None = None) -> list[Report | UnreadableInput]:
    """Each path read into a :class:`Report` in a child under ``limits`` (with the pages it cites in its
    appendix ``evidence[path]``, when given), or the reason it could not be (unreadable, over a limit,
    or an internal error — never an exception)."""
    return call_limited(paths, partial(_load, evidence=evidence or {}), limits)


def _load(path: str, evidence: dict[str, EvidenceFiles]) -> Report | UnreadableInput:
    from reportcheck.outcome import read_file

    return read_file(path, evidence=evidence.get(path))


def _as_is(path: str, result: T) -> T:
    return result


def _by_path(work: Callable[[str], T], index: int, path: str) -> T:
    return work(path)
