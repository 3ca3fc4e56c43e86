"""A reading worker started as the process starts, before the command line is even parsed.

A command that reads its files in a supervised child (``check``, ``extract`` …) would otherwise start it
once its settings are read, and only then would the child begin loading the reader. Started here, the
child loads the reader (the ``warm`` the command line gives it, :func:`reportcheck.pipeline.warm_reader`)
while this process reads its command line, settings and rules; the command's pool takes it over
(:class:`reportcheck.commands.limited.Started`) and sends it its work. Where children are spawned
(Windows, macOS) the child's start is most of a one-report ``check``, and this saves about a tenth of it;
where they are forked it saves a few milliseconds. Not taken (a bad option, an output refused), it is
stopped at exit with the other daemon children.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportcheck.runtime.pool import Worker, start_worker


@dataclass
class Ahead:
    """The worker started ahead and the temporary folder that holds its files (and its pool's)."""

    worker: Worker
    folder: tempfile.TemporaryDirectory


_started: Ahead | None = None


def start(warm: Callable[[], None]) -> None:
    """Start the reading worker (once), to run ``warm()`` (load the reader) until its work comes."""
    global _started
    if _started is None:
        folder = tempfile.TemporaryDirectory(prefix="reportcheck-")
        _started = Ahead(start_worker(Path(folder.name) / "ahead", warm), folder)


def take() -> Ahead | None:
    """The worker started ahead, for the first pool that reads files; None when there is none (left)."""
    global _started
    taken, _started = _started, None
    return taken
