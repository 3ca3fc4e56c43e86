"""The workers of ``batch`` and of every command that reads a report (runtime/pool.py): long-lived, one
file at a time, replaced when a file passes a limit or after FILES_PER_WORKER files. The limits
themselves, under fork and spawn and through the commands, are tests/test_limits.py's."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reportcheck.errors import UnreadableInput
from reportcheck.runtime import pool
from reportcheck.runtime.pool import supervise
from reportcheck.runtime.supervisor import START_METHOD, Limits

LIMITS = Limits(seconds=2.0, memory_mb=4096)


@pytest.fixture(autouse=True)
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work below is this module's (a forked worker has it as the parent does)."""
    monkeypatch.setenv(START_METHOD, "fork")


def _pid(index: int, path: str) -> int:
    if path == "slow":
        time.sleep(30)
    if path == "dies":
        os._exit(3)
    return os.getpid()


def _span(index: int, path: str) -> tuple[int, float, float]:
    """(its worker, when it began, when it ended): a file that takes half a second."""
    began = time.monotonic()
    time.sleep(0.5)
    return os.getpid(), began, time.monotonic()


def _run(paths: list[str], jobs: int, tmp_path: Path, work=_pid) -> list:
    results: list = [None] * len(paths)
    supervise(paths, work, LIMITS, jobs, tmp_path, results.__setitem__)
    return results


def test_one_worker_checks_the_files_in_turn(tmp_path: Path) -> None:
    pids = _run(["a", "b", "c"], 1, tmp_path)
    assert len(set(pids)) == 1 and os.getpid() not in pids


def test_a_worker_is_replaced_after_its_share_of_files(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pool, "FILES_PER_WORKER", 2)
    pids = _run(["a", "b", "c", "d", "e"], 1, tmp_path)
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]


def test_jobs_workers_work_at_once(tmp_path: Path) -> None:
    spans = _run(["a", "b", "c", "d"], 2, tmp_path, _span)
    assert len({pid for pid, _, _ in spans}) == 2
    assert any(a[0] != b[0] and a[1] < b[2] and b[1] < a[2] for a in spans for b in spans), "two files at once"


@pytest.mark.parametrize("how, reason", [("slow", "timeout"), ("dies", "worker_died")])
def test_a_file_that_fails_its_worker_costs_only_itself(how: str, reason: str, tmp_path: Path) -> None:
    started = time.monotonic()
    results = _run(["a", how, "b"], 1, tmp_path)
    assert time.monotonic() - started < 15
    assert isinstance(results[1], UnreadableInput) and results[1].reason == reason
    assert isinstance(results[0], int) and isinstance(results[2], int)
    assert results[0] != results[2], "a new worker takes the files after it"
