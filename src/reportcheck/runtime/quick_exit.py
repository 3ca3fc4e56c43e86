"""Leave the process as soon as a command's work is done.

A normal exit tears every module and object down one by one, which for a ``check`` of one report is a
sixth of its whole time (about 20 ms on this project's machine). When nothing else runs in the process,
nothing needs that teardown: what must happen at exit is done here in the order the interpreter does
it — the ``atexit`` functions (multiprocessing's, which stops what is left of the children; tempfile's),
then the standard streams flushed — and the process ends with the command's code. Files a command
writes are closed by the command itself (:mod:`reportcheck.atomic`), never left to the teardown.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn


def leave(code: int) -> NoReturn:
    """End the process with ``code``: quickly when only this thread is left, else as Python does (a
    thread still running, a web server's, is waited for)."""
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: Python's own exit says so, with its code
        sys.exit(code)
    os._exit(code)
