"""A process and what it started, on every system bureaus use: its memory, and its end.

On POSIX (Linux, the domestic distributions, macOS) a supervised process leads a process group, so one
signal ends it with whatever it started — LibreOffice's wrapper, oosplash and soffice.bin — even those
its death left behind. psutil adds the descendants' memory and ends the tree where there are no process
groups (Windows). Without psutil (a platform it has no wheel for), Linux's /proc still gives the group's
memory.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

POSIX = hasattr(os, "killpg")


def lead_own_group() -> None:
    """Make the calling process the leader of a new process group (POSIX; nothing elsewhere)."""
    if POSIX:
        os.setpgrp()


def own_session() -> dict:
    """``subprocess.Popen`` arguments that start a command in a session (POSIX) or a process group (Windows)
    of its own, to be ended by :func:`kill_tree` without ending its caller."""
    if POSIX:
        return {"start_new_session": True}
    return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]


def kill_group(pid: int) -> None:
    """Kill the process group ``pid`` leads (POSIX), what is left of it after its leader ended too."""
    if POSIX:
        with contextlib.suppress(ProcessLookupError, PermissionError):  # gone, or not a group leader yet
            os.killpg(pid, signal.SIGKILL)


def kill_tree(pid: int) -> None:
    """Kill a running process (not yet reaped, so ``pid`` is still its) and everything it started. On
    POSIX, each process group among them is killed whole — the process's own, and one a descendant leads
    (LibreOffice's, in a session of its own) — so a member born after the look is not missed; never the
    caller's own group. Elsewhere the descendants one by one (psutil). A process already gone is no error."""
    descendants = _descendants(pid)
    if POSIX:
        groups = {pid, *(g for d in descendants if (g := _group_of(d)) is not None)} - {os.getpgrp()}
        for group in groups:
            kill_group(group)
    for child in (*descendants, pid):
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            os.kill(child, signal.SIGKILL if POSIX else signal.SIGTERM)  # SIGTERM is TerminateProcess on Windows


def _group_of(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except (ProcessLookupError, PermissionError, OSError):
        return None


def ready_to_watch() -> None:
    """Load what watching and ending a process tree needs (psutil), so that a supervisor can do it while
    its first child works rather than when the child's answer is awaited."""
    with contextlib.suppress(ImportError):
        import psutil  # noqa: F401


def tree_rss_mb(pid: int) -> float:
    """Resident memory (MB) of a process and all it started (0 when it is gone)."""
    try:
        import psutil
    except ImportError:
        return _group_rss_mb(pid)
    total = 0
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total / 2**20


def _descendants(pid: int) -> list[int]:
    try:
        import psutil
    except ImportError:
        return []
    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def _group_rss_mb(group: int) -> float:
    """Resident memory of every process in process group ``group``, from Linux's /proc (0 elsewhere)."""
    if not sys.platform.startswith("linux"):
        return 0.0
    total = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            if int(fields[2]) == group:  # after the name: state, ppid, pgrp, …, rss is the 22nd
                total += int(fields[21])
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20
