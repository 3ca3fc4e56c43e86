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
from multiprocessing.process import BaseProcess
from pathlib import Path


def confine(tmpdir: Path) -> None:
    """In a forked child: lead a process group of its own, leave the parent's signal handlers (a
    server's or a batch's way to stop) to the parent, and keep every temporary file in ``tmpdir``
    (created here), LibreOffice's own ``lu*.tmp`` files too."""
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


def warm_up() -> None:
    """Load what every child needs once, before forking (modules, specs, OpenCC, the word splitter),
    so no child pays for it."""
    from reportcheck.extract import report  # noqa: F401
    from reportcheck.extract.claims import find_claims
    from reportcheck.normalize.text import to_simplified
    from reportcheck.readers import docx_reader, pdf_reader  # noqa: F401
    from reportcheck.spec import load_templates

    for spec in load_templates():
        find_claims("2022年集群总产值达到1.0亿元", spec.prose_keywords)
    to_simplified(["繁體"])
    gc.freeze()  # what is loaded now stays shared with the forked children (no collector touching it)
