"""How many threads one OCR may use. Only the standard library: a batch or a server sets the share before
it forks its workers, without loading the OCR (numpy, onnxruntime) itself."""

from __future__ import annotations

import os

THREADS_ENV = "REPORTCHECK_OCR_THREADS"


def ocr_threads() -> int:
    """Threads one OCR may use: ``REPORTCHECK_OCR_THREADS`` when set (a batch or a server running several
    files at once sets it to its share of the cores, so two workers on two cores do not ask for four),
    else -1: onnxruntime's own choice, every core."""
    try:
        return max(1, int(os.environ[THREADS_ENV]))
    except (KeyError, ValueError):
        return -1


def share(workers: int) -> int:
    """Each of ``workers`` processes running at once: its share of the cores for OCR (one at least)."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def share_cores(workers: int) -> None:
    """In a process that forks ``workers`` at once (a server): every child's OCR uses its share of the
    cores; a share the user set is kept."""
    os.environ.setdefault(THREADS_ENV, str(share(workers)))


def use_share(threads: int) -> None:
    """In a batch worker: its OCR uses ``threads`` (unless the user set a number)."""
    os.environ.setdefault(THREADS_ENV, str(threads))
