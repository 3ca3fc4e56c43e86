"""``check`` of one file in a forked child under the per-file limits (time, memory).

The child confines itself as batch workers do (its own process group and temporary folder), checks
the file and sends the outcome back; past a limit it is killed with whatever it started and the
outcome says which limit it passed. The parent warms up first, so the child inherits loaded modules.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.isolation import Limits, breach, confine, died_error, limit_error, stop, warm_up
from reportcheck.outcome import FileOutcome, check_file
from reportcheck.settings import Settings

_POLL = 0.05  # seconds between looks at the child's time and memory


def check_limited(path: str, pack: dict, settings: Settings | None, limits: Limits) -> FileOutcome:
    """:func:`check_file` in a child; a child over ``limits`` or dying gives an outcome saying so."""
    warm_up()
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory(prefix="reportcheck-") as work:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(send, path, pack, settings, Path(work) / "tmp"),
                                  daemon=True)
        process.start()
        send.close()
        started = time.monotonic()
        try:
            while not receive.poll(_POLL):
                which = breach(process, started, limits)
                if which is not None:
                    return FileOutcome(path=path, error=limit_error(path, which, limits))
                if not process.is_alive() and not receive.poll():
                    return FileOutcome(path=path, error=died_error(path, process.exitcode))
            try:
                report, issues, error = receive.recv()
            except EOFError:  # ended between the look and the answer
                process.join(timeout=5)
                return FileOutcome(path=path, error=died_error(path, process.exitcode))
        finally:
            stop(process)
            receive.close()
    return FileOutcome(path=path, report=report, issues=issues,
                       error=UnreadableInput(path, *error) if error is not None else None)


def _child(conn: Connection, path: str, pack: dict, settings: Settings | None, tmpdir: Path) -> None:
    confine(tmpdir)
    outcome = check_file(path, pack, settings)
    error = outcome.error
    # an exception with a custom constructor does not pickle: send its fields
    conn.send((outcome.report, outcome.issues, (error.reason, error.zh, error.en) if error is not None else None))
    conn.close()
