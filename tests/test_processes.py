"""The supervisor's view of a child and what it started (reportcheck.runtime.processes), on real processes:
a grandchild in a session of its own (as LibreOffice is started) counts in the child's memory and ends with
it. Only processes this test starts are looked at."""

from __future__ import annotations

import subprocess
import sys
import time

import psutil
import pytest

from reportcheck.runtime.processes import kill_tree, tree_rss_mb

# The child starts a grandchild in a new session that holds 200 MB, prints its pid, and waits.
_PARENT = """
import subprocess, sys, time
grandchild = subprocess.Popen([sys.executable, "-c", "import time; hog = b'x' * (200 * 2**20); time.sleep(60)"],
                              start_new_session=True)
print(grandchild.pid, flush=True)
time.sleep(60)
"""


@pytest.fixture
def family():
    child = subprocess.Popen([sys.executable, "-c", _PARENT], stdout=subprocess.PIPE, text=True)
    grandchild = int(child.stdout.readline())
    yield child, grandchild
    for pid in (grandchild, child.pid):
        if psutil.pid_exists(pid):
            psutil.Process(pid).kill()
    child.wait()


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="start_new_session is POSIX")
def test_a_grandchild_in_its_own_session_counts_and_ends_with_the_child(family) -> None:
    child, grandchild = family
    deadline = time.monotonic() + 20
    while tree_rss_mb(child.pid) < 200 and time.monotonic() < deadline:  # until the 200 MB are written
        time.sleep(0.05)
    assert tree_rss_mb(child.pid) >= 200
    kill_tree(child.pid)
    child.wait(timeout=10)
    deadline = time.monotonic() + 10
    while not _gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(grandchild), "what the child started in a session of its own is ended too"

