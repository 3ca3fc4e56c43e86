"""Files worked through by a few long-lived children, each file under the per-file limits.

``supervise`` starts up to ``jobs`` workers (:func:`~reportcheck.runtime.supervisor.start_child`) and
hands each one file at a time over its pipe; a worker goes on to the next file with what the earlier
ones warmed (label indexes, compiled patterns, caches), so a file costs its own work and not a new
process's start. The parent times each file from when it was handed out and watches the memory of the
worker's process tree: a file over a limit, or a worker that dies on it, has its worker stopped with
whatever it started (LibreOffice) and gives the reason (:class:`~reportcheck.errors.UnreadableInput`);
a new worker takes the files after it. A worker is also replaced after :data:`FILES_PER_WORKER` files,
so what earlier files left in its memory never counts much against a later file's limit.

A worker can also be started before its work is known (:mod:`reportcheck.runtime.ahead` starts one as the
process starts): the pool that takes it over (``first``) sends it its work over the pipe
(:class:`Assignment`) before its first file.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TypeVar

from reportcheck.errors import UnreadableInput
from reportcheck.runtime.processes import ready_to_watch
from reportcheck.runtime.supervisor import (
    Allowance,
    Limits,
    breach,
    confine,
    context,
    died_error,
    know_templates,
    known_template_files,
    limit_error,
    start_child,
    stop,
)

R = TypeVar("R")
FILES_PER_WORKER = 50
_POLL = 0.2  # seconds between looks at the workers' time and memory (a result is taken at once)


@dataclass
class Busy:
    """A worker's file: its place among the paths, when it was handed out, what its scanned pages earned."""

    index: int
    path: str
    started: float
    allowance: Allowance


@dataclass
class Worker:
    """A started worker, as its supervisor holds it."""

    process: BaseProcess
    conn: Connection
    allowance: Allowance
    done: int = 0
    busy: Busy | None = None


@dataclass
class Assignment:
    """The work of a worker started before it was known, sent to it before its first file, with the
    template files the supervisor has read since."""

    work: Callable[[int, str], object]
    templates: list[str]

    def taken(self) -> Callable[[int, str], object]:
        """In the worker: the templates known, the work to do."""
        know_templates(self.templates)
        return self.work


def start_worker(tmpdir: Path, setup: Callable[[], None] | None,
                 work: Callable[[int, str], object] | None = None) -> Worker:
    """A worker started (``setup()`` run in it first, its temporary files in ``tmpdir``) for ``work``, or,
    without it, waiting for its :class:`Assignment`."""
    ctx = context()
    mine, theirs = ctx.Pipe()
    allowance = Allowance(ctx)
    process = start_child(ctx, _serve, (theirs, tmpdir, allowance, setup, work))
    theirs.close()
    return Worker(process, mine, allowance)


def supervise(paths: Sequence[str], work: Callable[[int, str], R], limits: Limits, jobs: int, folder: Path,
              done: Callable[[int, R | UnreadableInput], None],
              watch: Callable[[list[Busy]], None] | None = None,
              setup: Callable[[], None] | None = None) -> None:
    """``work(index, path)`` for each path in up to ``jobs`` workers (``work`` and ``setup`` picklable, a
    spawned worker is given them by pickle; the caller has warmed up what forked workers should share),
    ``done(index, result or the reason it has none)`` as each file ends, in the order they end; ``watch``
    is shown the files being worked on between looks. Each worker runs ``setup()`` once and keeps its
    temporary files in a folder of its own under ``folder``."""
    with Pool(paths, work, jobs, folder, setup) as pool:
        pool.start()
        pool.run(limits, done, watch)


class Pool:
    """The workers of :func:`supervise`, in two steps: :meth:`start` hands out the first files, so a caller
    can do its own work (load its settings, its rules) while they are read; :meth:`run` hands out the rest
    under the limits and takes every result. Leaving the ``with`` stops every worker, whatever it started."""

    def __init__(self, paths: Sequence[str], work: Callable[[int, str], R], jobs: int, folder: Path,
                 setup: Callable[[], None] | None = None, first: Worker | None = None) -> None:
        self._waiting = deque(enumerate(paths))
        self._workers: list[Worker] = []
        self._serial = itertools.count()
        self._work, self._jobs, self._folder, self._setup = work, jobs, folder, setup
        if first is not None:  # started already (its setup was the caller's), the work is sent now
            try:
                first.conn.send(Assignment(work, known_template_files()))
                self._workers.append(first)
            except OSError:  # it died while it loaded (out of memory): the first file gets a new one
                _retire(first, [])

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self._workers:
            _retire(worker, [])

    def start(self) -> None:
        """Hand a file to each worker there is room for; then load what watching them needs."""
        self._hand_out()
        ready_to_watch()

    def run(self, limits: Limits, done: Callable[[int, R | UnreadableInput], None],
            watch: Callable[[list[Busy]], None] | None = None) -> None:
        """Until every file has its result (``done``), each under ``limits`` from when it was handed out."""
        workers = self._workers
        memory_looked = time.monotonic()
        while self._waiting or any(w.busy for w in workers):
            self._hand_out()
            busy = [w for w in workers if w.busy]
            for conn in wait([w.conn for w in busy], timeout=_POLL):
                worker = next(w for w in busy if w.conn is conn)
                _answer(worker, workers, done)
            look = time.monotonic() - memory_looked >= _POLL  # memory: once a poll, not after every answer
            memory_looked = time.monotonic() if look else memory_looked
            for worker in [w for w in workers if w.busy]:
                assert worker.busy is not None
                which = breach(worker.process, worker.busy.started, limits, worker.allowance, memory=look)
                if which is not None:
                    _retire(worker, workers)
                    done(worker.busy.index, limit_error(worker.busy.path, which, limits, worker.allowance.seconds))
            if watch:
                watch([w.busy for w in workers if w.busy])

    def _hand_out(self) -> None:
        while self._waiting and (idle := self._idle()):
            index, path = self._waiting.popleft()
            idle.busy = Busy(index, str(path), time.monotonic(), idle.allowance)
            idle.conn.send((index, path))

    def _idle(self) -> Worker | None:
        """A worker free for a file: an idle one, else a new one while there are fewer than ``jobs``."""
        for worker in self._workers:
            if worker.busy is None:
                return worker
        if len(self._workers) >= max(1, self._jobs):
            return None
        worker = start_worker(self._folder / f"worker{next(self._serial)}", self._setup, self._work)
        self._workers.append(worker)
        return worker


def _answer(worker: Worker, workers: list[Worker], done: Callable) -> None:
    busy = worker.busy
    assert busy is not None
    try:
        index, result = worker.conn.recv()
    except (EOFError, OSError):  # the worker ended without an answer for its file
        _retire(worker, workers)
        done(busy.index, died_error(busy.path, worker.process.exitcode))
        return
    worker.busy, worker.done = None, worker.done + 1
    worker.allowance.reset()
    if worker.done >= FILES_PER_WORKER:
        _retire(worker, workers)
    done(index, result)


def _retire(worker: Worker, workers: list[Worker]) -> None:
    """Stop a worker with whatever it started; the next file gets a new one."""
    stop(worker.process)
    worker.conn.close()
    if worker in workers:
        workers.remove(worker)


def _serve(conn: Connection, tmpdir: Path, allowance: Allowance, setup: Callable[[], None] | None,
           work: Callable[[int, str], object] | None) -> None:
    """In a worker: confined once, told its work if it was started without, then each file handed over,
    its result sent back, until stopped."""
    confine(tmpdir, allowance)
    if setup is not None:
        setup()
    if work is None:
        try:
            work = conn.recv().taken()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            return  # stopped before it was given work
    while True:
        try:
            index, path = conn.recv()
            conn.send((index, work(index, path)))
        except (EOFError, BrokenPipeError, ConnectionResetError):
            return  # the supervisor is gone (stopped, Ctrl-C): nobody is left to tell
