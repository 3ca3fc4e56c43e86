"""A reader that is slow, greedy or fatal on one named file (tests/test_limits.py), in this process."""

from __future__ import annotations

import os
import time
from pathlib import Path

VARIABLE = "REPORTCHECK_TEST_PATHOLOGICAL"


def patch(victim: str, how: str) -> None:
    """Reading any file named ``victim`` sleeps ("slow"), eats 600 MB ("memory"), ends its process ("dies"),
    or earns N seconds as a scanned page does and then works 2.5 s ("earnsN"); others read as usual.
    ``victim`` "scores" makes reading a grade's score table eat 600 MB."""
    if victim == "scores":
        import reportcheck.grading.table as table

        real_scores = table.read_scores

        def read_scores(path, policy):
            _greedy()
            return real_scores(path, policy)

        table.read_scores = read_scores
        return
    import reportcheck.pipeline

    real = reportcheck.pipeline.load_report

    def load(path, package=None):
        if Path(path).name == victim:
            if how == "memory":
                _greedy()
            elif how == "slow":
                time.sleep(30)
            elif how.startswith("earns"):
                from reportcheck.runtime.ocr_progress import page_begun

                page_begun(1, 1, int(how.removeprefix("earns")))
                time.sleep(2.5)
            else:
                os._exit(3)
        return real(path, package)

    reportcheck.pipeline.load_report = load


def _greedy() -> None:
    hog = b"x" * (600 * 2**20)  # written, so resident
    time.sleep(30)
    del hog


def patch_from_environment() -> None:
    victim, how = os.environ[VARIABLE].split(":")
    patch(victim, how)
