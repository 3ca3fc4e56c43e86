"""How much of a file the readers will take on: limits against zip bombs and overloaded PDFs.

Every limit has a default and an environment variable that overrides it (read at each use, so a
test or a server can change it without restarting)::

    REPORTCHECK_MAX_ENTRIES       1000   entries in a .docx/.xlsx package (as Apache POI)
    REPORTCHECK_MAX_ENTRY_MB      100    uncompressed size of one entry
    REPORTCHECK_MAX_TOTAL_MB      500    uncompressed size of all entries together
    REPORTCHECK_MAX_RATIO         100    uncompressed / compressed size of an entry larger than 100 KB
    REPORTCHECK_MAX_PDF_MB        100    size of a PDF file
    REPORTCHECK_MAX_PDF_PAGES     1000   pages of a PDF
    REPORTCHECK_MAX_PAGE_OBJECTS  20000  objects (text, paths, images) plus characters on one page
    REPORTCHECK_MAX_PAGE_GRID     5000   horizontal × vertical ruling lines on one page
    REPORTCHECK_PDF_SECONDS       120    time to read one PDF
    REPORTCHECK_OCR_PAGE_SECONDS  20     more time for each scanned page read by OCR

Environment variables rather than a setting in ``reportcheck.toml``: the limits guard every way in
(``check``, ``batch`` and ``serve`` workers, ``score``, ``annotate``) and are inherited by forked
workers without being passed through each of them; and a config file found beside the reports
must not be able to lift them. A value that is not a positive number is refused with a message
naming the variable.

The defaults leave a real report far inside them: a 30-page report's package is about 1 MB
(largest entry 0.4 MB, ratio 32), a PDF page holds under 3000 objects and characters and under
1000 ruling-line crossings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from reportcheck.errors import UnreadableInput

MB = 1024 * 1024
GRACE_BYTES = 100 * 1024  # entries this small are not held to the ratio (as POI's grace size)


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 1000
    max_entry_mb: float = 100
    max_total_mb: float = 500
    max_ratio: float = 100

    @property
    def max_entry_bytes(self) -> int:
        return int(self.max_entry_mb * MB)

    @property
    def max_total_bytes(self) -> int:
        return int(self.max_total_mb * MB)


@dataclass(frozen=True)
class PdfLimits:
    max_mb: float = 100
    max_pages: int = 1000
    max_page_objects: int = 20000
    max_page_grid: int = 5000
    seconds: float = 120
    ocr_page_seconds: float = 20


def zip_limits(path: str) -> ZipLimits:
    """The package limits in force; ``path`` names the file in the message about a bad variable."""
    d = ZipLimits()
    return ZipLimits(max_entries=int(_env(path, "REPORTCHECK_MAX_ENTRIES", d.max_entries)),
                     max_entry_mb=_env(path, "REPORTCHECK_MAX_ENTRY_MB", d.max_entry_mb),
                     max_total_mb=_env(path, "REPORTCHECK_MAX_TOTAL_MB", d.max_total_mb),
                     max_ratio=_env(path, "REPORTCHECK_MAX_RATIO", d.max_ratio))


def pdf_limits(path: str) -> PdfLimits:
    """The PDF limits in force; ``path`` names the file in the message about a bad variable."""
    d = PdfLimits()
    return PdfLimits(max_mb=_env(path, "REPORTCHECK_MAX_PDF_MB", d.max_mb),
                     max_pages=int(_env(path, "REPORTCHECK_MAX_PDF_PAGES", d.max_pages)),
                     max_page_objects=int(_env(path, "REPORTCHECK_MAX_PAGE_OBJECTS", d.max_page_objects)),
                     max_page_grid=int(_env(path, "REPORTCHECK_MAX_PAGE_GRID", d.max_page_grid)),
                     seconds=_env(path, "REPORTCHECK_PDF_SECONDS", d.seconds),
                     ocr_page_seconds=_env(path, "REPORTCHECK_OCR_PAGE_SECONDS", d.ocr_page_seconds))


def _env(path: str, name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise UnreadableInput(path, "bad_limit", f"环境变量 {name} 的值“{raw}”不是正数，请改正或删除该变量",
                              f"environment variable {name}={raw!r} is not a positive number")
    return value
