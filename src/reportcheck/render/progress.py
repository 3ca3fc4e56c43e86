"""Progress on the terminal (stderr, only when it is one): a batch's files done, a scan's pages read.

One line, rewritten in place (``\\r`` and erase to its end), cleared or ended when the work is done, so
the results printed after it start on a clean line.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

_BAR = 24  # characters of the batch's bar


def pages_text(page: int, pages: int) -> str:
    """The page a scan's OCR is at: ``文字识别 第3/9页``, or "" when it reads none."""
    return f"文字识别 第{page}/{pages}页" if pages else ""


class BatchProgress:
    """Files done / total, elapsed time, the file being read (and its scanned page, when it is one)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.current = ""

    def update(self, done: int, total: int, current: tuple[str, int, int] | None) -> None:
        """``current``: the file being read, and the scanned page its OCR is at (None keeps the last)."""
        if current is not None:
            name, page, pages = current
            self.current = f"{name}  {pages_text(page, pages)}".rstrip()
        elapsed = int(time.monotonic() - self.start)
        filled = _BAR * done // max(total, 1)
        bar = "█" * filled + "░" * (_BAR - filled)
        self.stream.write(f"\r{bar} {done}/{total}  {elapsed // 60:02d}:{elapsed % 60:02d}  {self.current[:56]}\033[K")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


class PageProgress:
    """A scan being read: its name and the page its OCR is at, with the time spent on the file so far."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = ""

    def update(self, path: str, page: int, pages: int, elapsed: float) -> None:
        if not pages:
            return
        seconds = int(elapsed)
        line = f"{Path(path).name[:40]}  {pages_text(page, pages)}  {seconds // 60:02d}:{seconds % 60:02d}"
        if line != self.shown:  # written when it changes, not at every look at the child
            self.stream.write(f"\r{line}\033[K")
            self.stream.flush()
            self.shown = line

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = ""
