"""Where the archive is: a database URL, a file path, or the default file in the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "REPORTCHECK_ARCHIVE"  # the archive to use when neither --archive VALUE nor the config names one
DEFAULT = "default"  # what --archive without a value stands for


def default_location() -> Path:
    """The user's data folder: %LOCALAPPDATA% on Windows, ~/Library/Application Support on macOS,
    $XDG_DATA_HOME (else ~/.local/share) elsewhere."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "reportcheck" / "archive.sqlite3"


def archive_url(value: str | None) -> str:
    """A SQLAlchemy URL for what the user named: a URL as it is (postgresql://…, sqlite:///…), a path as
    a SQLite file, nothing (or ``default``) as $REPORTCHECK_ARCHIVE or the file in the data folder."""
    if value in (None, "", DEFAULT):
        value = os.environ.get(ENV) or str(default_location())
    if "://" in value:
        if value.startswith(("postgresql://", "postgres://")):  # the driver installed with reportcheck[postgres]
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())
