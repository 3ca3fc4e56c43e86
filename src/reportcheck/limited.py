"""One file's work (``check``, ``annotate``) in a forked child under the per-file limits.

The child confines itself as batch workers do (its own process group and temporary folder), does the
work and sends the result back; past a limit it is killed with whatever it started (LibreOffice) and
its temporary folder goes too, and the caller gets an :class:`UnreadableInput` naming the limit. The
parent warms up first, so the child inherits the loaded modules; Ctrl-C in the parent stops the child.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from reportcheck.errors import UnreadableInput
from reportcheck.isolation import Limits, breach, confine, died_error, limit_error, stop, warm_up
from reportcheck.outcome import FileOutcome, check_file
from reportcheck.settings import Settings

T = TypeVar("T")
_POLL = 0.05  # seconds between looks at the child's time and memory


def check_limited(path: str, pack: dict, settings: Settings | None, limits: Limits) -> FileOutcome:
    """:func:`check_file` in a child; a child over ``limits`` or dying gives an outcome saying so."""
    warm_up(pdf=_maybe_pdf(path))
    result = call_limited(path, lambda: check_file(path, pack, settings), limits)
    return FileOutcome(path=path, error=result) if isinstance(result, UnreadableInput) else result


def call_limited(path: str, work: Callable[[], T], limits: Limits) -> T | UnreadableInput:
    """``work()`` (which must return something picklable) in a child under ``limits``; the caller has
    warmed up what it needs (:func:`reportcheck.isolation.warm_up`), or the child loads it."""
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory(prefix="reportcheck-") as folder:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(send, work, Path(folder) / "tmp"), daemon=True)
        process.start()
        send.close()
        started = time.monotonic()
        try:
            while not receive.poll(_POLL):
                which = breach(process, started, limits)
                if which is not None:
                    return limit_error(path, which, limits)
                if not process.is_alive() and not receive.poll():
                    return died_error(path, process.exitcode)
            try:
                return receive.recv()
            except EOFError:  # ended between the look and the answer
                process.join(timeout=5)
                return died_error(path, process.exitcode)
        finally:
            stop(process)
            receive.close()


def _maybe_pdf(path: str) -> bool:
    """Whether ``path`` may be a PDF (by its first bytes; a file that cannot be opened may be anything)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return True


def _child(conn: Connection, work: Callable[[], object], tmpdir: Path) -> None:
    confine(tmpdir)
    conn.send(work())
    conn.close()
