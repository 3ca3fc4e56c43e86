"""Files' work (``check``, ``annotate``, ``extract``, ``compare``, ``score``) in a child under the
per-file limits (:mod:`.supervisor`).

The child confines itself as batch workers do (its own process group and temporary folder) and works
through the files in turn, saying which one it starts and sending each result back; a file over a
limit has the child killed with whatever it started (LibreOffice) and its temporary folder goes too,
the file's result names the limit (:class:`UnreadableInput`), and a new child takes the files after
it. One child for many files keeps what the first file warmed (label indexes, caches) for the next.
The parent warms up first, so a child inherits the loaded modules; Ctrl-C in the parent stops it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from reportcheck.errors import UnreadableInput
from reportcheck.model import Report
from reportcheck.outcome import FileOutcome, check_file, internal_error
from reportcheck.pipeline import warm_up
from reportcheck.readers.sniff import looks_like_pdf
from reportcheck.render.progress import PageProgress
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

T = TypeVar("T")
_POLL = 0.05  # seconds between looks at the child's time and memory


def check_limited(paths: Sequence[str], pack: dict, settings: Settings | None, limits: Limits) -> list[FileOutcome]:
    """:func:`check_file` of each path in a child; a file over ``limits`` or killing its child gives an
    outcome saying so, and the files after it are still checked."""
    warm_up(pdf=any(looks_like_pdf(p) for p in paths))
    results = call_limited(paths, partial(_check, pack=pack, settings=settings), limits)
    return [FileOutcome(path=p, error=r) if isinstance(r, UnreadableInput) else r
            for p, r in zip(paths, results, strict=True)]


def _check(path: str, pack: dict, settings: Settings | None) -> FileOutcome:
    return check_file(path, pack, settings)


def load_limited(paths: Sequence[str], limits: Limits) -> list[Report | UnreadableInput]:
    """Each path read into a :class:`Report` in a child under ``limits``, or the reason it could not be
    (unreadable, over a limit, or an internal error — never an exception)."""
    warm_up(pdf=any(looks_like_pdf(p) for p in paths))
    return call_limited(paths, _load, limits)


def _load(path: str) -> Report | UnreadableInput:
    from reportcheck.pipeline import load_report

    try:
        return load_report(path)
    except UnreadableInput as exc:
        return exc
    except Exception as exc:  # never a traceback for the user
        return internal_error(path, exc)


def call_limited(paths: Sequence[str], work: Callable[[str], T], limits: Limits) -> list[T | UnreadableInput]:
    """``work(path)`` (``work`` a module's function or a partial of one, its result picklable: a spawned
    child is given it by pickle) for each path, in children under
    ``limits``; the caller has warmed up what it needs (:func:`reportcheck.runtime.supervisor.warm_up`). A scan's
    pages read by OCR are shown on the terminal as they are read (when stderr is one)."""
    results: list[T | UnreadableInput | None] = [None] * len(paths)
    display = PageProgress(sys.stderr) if sys.stderr.isatty() else None
    start = 0
    try:
        while start < len(paths):
            start = _one_child(paths, start, work, limits, results, display)
    finally:
        if display:
            display.clear()
    return results  # type: ignore[return-value]  # every slot is filled


def _one_child(paths: Sequence[str], start: int, work: Callable[[str], T], limits: Limits,
               results: list, display: PageProgress | None) -> int:
    """Run one child from ``paths[start]`` on; return where the next child must start."""
    ctx = context()
    with tempfile.TemporaryDirectory(prefix="reportcheck-") as folder:
        receive, send = ctx.Pipe(duplex=False)
        allowance = Allowance(ctx)
        process = start_child(ctx, _child, (send, paths[start:], work, Path(folder) / "tmp", allowance))
        send.close()
        current, started = start, time.monotonic()
        try:
            while True:
                if receive.poll(_POLL):
                    try:
                        index, result = receive.recv()
                    except EOFError:  # the child ended without an answer for the current file
                        process.join(timeout=5)
                        results[current] = died_error(paths[current], process.exitcode)
                        return current + 1
                    if index is None:  # all done
                        return len(paths)
                    results[start + index] = result
                    current, started = start + index + 1, time.monotonic()
                    allowance.reset()
                    continue
                which = breach(process, started, limits, allowance)
                if which is not None:
                    results[current] = limit_error(paths[current], which, limits, allowance.seconds)
                    return current + 1
                if display:
                    display.update(paths[current], allowance.page, allowance.pages, time.monotonic() - started)
        finally:
            stop(process)
            receive.close()


def _child(conn: Connection, paths: Sequence[str], work: Callable[[str], object], tmpdir: Path,
           allowance: Allowance) -> None:
    confine(tmpdir, allowance)
    for index, path in enumerate(paths):
        conn.send((index, work(path)))
    conn.send((None, None))
    conn.close()
