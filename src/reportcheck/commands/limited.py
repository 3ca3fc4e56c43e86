"""Files' work (``check``, ``annotate``, ``extract``, ``compare``, ``score``) in a child under the
per-file limits: one worker of :mod:`reportcheck.runtime.pool`, as ``batch`` has several.

The worker works through the files in turn and sends each result back; a file over a limit has it
killed with whatever it started (LibreOffice) and its temporary folder goes too, the file's result
names the limit (:class:`UnreadableInput`), and a new worker takes the files after it. One worker for
many files keeps what the first file warmed (label indexes, caches) for the next. The parent warms up
first, so a forked worker inherits the loaded modules; Ctrl-C in the parent stops it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from reportcheck.errors import UnreadableInput
from reportcheck.evidence_files import EvidenceFiles
from reportcheck.model import Report
from reportcheck.outcome import FileOutcome, check_file, internal_error
from reportcheck.pipeline import warm_up
from reportcheck.readers.sniff import looks_like_pdf
from reportcheck.render.progress import PageProgress
from reportcheck.runtime.pool import Busy, supervise
from reportcheck.runtime.supervisor import Limits
from reportcheck.settings import Settings

T = TypeVar("T")


def check_limited(paths: Sequence[str], pack: dict, settings: Settings | None, limits: Limits,
                  evidence: Sequence[EvidenceFiles] | None = None) -> list[FileOutcome]:
    """:func:`check_file` of each path in a child (with the pages it cites in its appendix,
    ``evidence[i]``, when given); a file over ``limits`` or killing its child gives an outcome saying so,
    and the files after it are still checked."""
    warm_up(pdf=any(looks_like_pdf(p) for p in paths))
    appendix = dict(zip(paths, evidence, strict=True)) if evidence is not None else {}
    results = call_limited(paths, partial(_check, pack=pack, settings=settings, evidence=appendix), limits)
    return [FileOutcome(path=p, error=r) if isinstance(r, UnreadableInput) else r
            for p, r in zip(paths, results, strict=True)]


def _check(path: str, pack: dict, settings: Settings | None, evidence: dict[str, EvidenceFiles]) -> FileOutcome:
    return check_file(path, pack, settings, evidence=evidence.get(path))


def load_limited(paths: Sequence[str], limits: Limits,
                 evidence: dict[str, EvidenceFiles] | None = None) -> list[Report | UnreadableInput]:
    """Each path read into a :class:`Report` in a child under ``limits`` (with the pages it cites in its
    appendix ``evidence[path]``, when given), or the reason it could not be (unreadable, over a limit,
    or an internal error — never an exception)."""
    warm_up(pdf=any(looks_like_pdf(p) for p in paths))
    return call_limited(paths, partial(_load, evidence=evidence or {}), limits)


def _load(path: str, evidence: dict[str, EvidenceFiles]) -> Report | UnreadableInput:
    from reportcheck.extract.evidence_book import appendix_of
    from reportcheck.pipeline import load_report
    from reportcheck.rules.base import DATA_SHEET

    try:
        report = load_report(path)
        if path in evidence and report.template != DATA_SHEET:
            report.evidence = appendix_of(report, path, evidence[path])
        return report
    except UnreadableInput as exc:
        return exc
    except Exception as exc:  # never a traceback for the user
        return internal_error(path, exc)


def call_limited(paths: Sequence[str], work: Callable[[str], T], limits: Limits) -> list[T | UnreadableInput]:
    """``work(path)`` (``work`` a module's function or a partial of one, its result picklable: a spawned
    child is given it by pickle) for each path in turn, in one child under ``limits``
    (:func:`~reportcheck.runtime.pool.supervise`); the caller has warmed up what it needs
    (:func:`reportcheck.pipeline.warm_up`). A scan's pages read by OCR are shown on the terminal as they
    are read (when stderr is one)."""
    results: list[T | UnreadableInput | None] = [None] * len(paths)
    display = PageProgress(sys.stderr) if sys.stderr.isatty() else None

    def show(busy: list[Busy]) -> None:
        assert display is not None
        for b in busy:
            display.update(b.path, b.allowance.page, b.allowance.pages, time.monotonic() - b.started)

    try:
        with tempfile.TemporaryDirectory(prefix="reportcheck-") as folder:
            supervise(paths, partial(_by_path, work), limits, 1, Path(folder), results.__setitem__,
                      show if display else None)
    finally:
        if display:
            display.clear()
    return results  # type: ignore[return-value]  # every slot is filled


def _by_path(work: Callable[[str], T], index: int, path: str) -> T:
    return work(path)
