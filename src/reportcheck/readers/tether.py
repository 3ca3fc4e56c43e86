"""Run a command that ends with whoever started it: ``python -m reportcheck.readers.tether CMD...``.

:func:`reportcheck.readers.convert.convert_to_docx` starts LibreOffice through this, in a session of
its own, so that its time limit can kill the whole process group (the ``soffice`` wrapper, oosplash
and soffice.bin) with one ``os.killpg`` (on Windows, the process tree:
:mod:`reportcheck.runtime.processes`). Its own session is out of reach of a batch worker's or a
server job's process group, which is killed when that job passes its time limit; so the tether
holds a pipe from the caller as its standard input, and when the caller is gone — however it ended —
the pipe reads end-of-file and the tether kills its group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from reportcheck.runtime.processes import POSIX, kill_tree


def _kill_group_when_caller_ends() -> None:
    sys.stdin.buffer.read()
    if POSIX:
        os.killpg(0, signal.SIGKILL)
    else:  # no process groups: what this started, then itself
        kill_tree(os.getpid())


def main(argv: list[str]) -> int:
    """The command's exit code; 128 + N when a signal N ended it, as a shell says."""
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    threading.Thread(target=_kill_group_when_caller_ends, daemon=True).start()
    code = child.wait()
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    # os._exit: the thread blocked reading stdin would otherwise abort the interpreter's shutdown
    os._exit(main(sys.argv[1:]))
