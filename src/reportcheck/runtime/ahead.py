"""A reading worker started as the process starts, before the command line is even parsed.

A command that reads its files in a supervised child (``check``, ``extract`` …) would otherwise start it
only once its settings are read, and the child would then load the reader on its own: the two loads,
each about half of a one-report ``check``, would come one after the other. Started here, the child
loads the reader (:func:`reportcheck.pipeline.warm_reader`) on one core while this process reads its
command line, settings and rules on the other; the command's pool takes it over
(:class:`reportcheck.commands.limited.Started`) and sends it its work. Not taken (a bad option, ``--help``),
it is stopped at exit with the other daemon children.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from reportcheck.runtime.pool import Worker, start_worker


@dataclass
class Ahead:
    """The worker started ahead and the temporary folder that holds its files (and its pool's)."""

    worker: Worker
    folder: tempfile.TemporaryDirectory


_started: Ahead | None = None


def start() -> None:
    """Start the reading worker (once)."""
    global _started
    if _started is None:
        folder = tempfile.TemporaryDirectory(prefix="reportcheck-")
        _started = Ahead(start_worker(Path(folder.name) / "ahead", _warm), folder)


def take() -> Ahead | None:
    """The worker started ahead, for the first pool that reads files; None when there is none (left)."""
    global _started
    taken, _started = _started, None
    return taken


def _warm() -> None:
    """In the worker (this module is all the parent loads for it)."""
    from reportcheck.pipeline import warm_reader

    warm_reader()
