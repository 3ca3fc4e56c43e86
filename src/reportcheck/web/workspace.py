"""One private folder per request (mode 0700), removed when the request is done — also on failure,
on timeout, and for the requests still running when the server stops."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_open: set[Path] = set()
_lock = threading.Lock()


@contextmanager
def private_folder() -> Iterator[Path]:
    """A new private folder under the system's temporary folder, removed on leaving the block."""
    folder = Path(tempfile.mkdtemp(prefix="reportcheck-web-"))  # mkdtemp makes it 0700
    with _lock:
        _open.add(folder)
    try:
        yield folder
    finally:
        _remove(folder)


def remove_all() -> None:
    """Remove the folders of the requests still running (the server is stopping)."""
    with _lock:
        folders = list(_open)
    for folder in folders:
        _remove(folder)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    with _lock:
        _open.discard(folder)
