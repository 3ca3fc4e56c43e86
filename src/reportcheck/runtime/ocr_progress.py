"""What the reader tells whoever supervises it while it reads a scan page by page by OCR.

Before each page it says which page of how many it begins, and how many seconds such a page may take;
a supervisor listening (:func:`listen`) lengthens the file's time limit by them and shows the progress.
Nobody listening (a library call, a test), nothing happens.
"""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[int, int, float], None]  # (page begun, 1-based; pages to read; seconds it may take)

_listener: Listener | None = None


def listen(listener: Listener | None) -> None:
    """Send each page begun to ``listener`` from now on (None: to nobody)."""
    global _listener
    _listener = listener


def page_begun(page: int, pages: int, seconds: float) -> None:
    if _listener is not None:
        _listener(page, pages, seconds)
