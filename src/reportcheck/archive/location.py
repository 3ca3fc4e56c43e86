"""Where the archive is: a database URL, a file path, or the default file in the user's data folder."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

ENV = "REPORTCHECK_ARCHIVE"  # the archive to use when neither --archive VALUE nor the config names one
DEFAULT = "default"  # what --archive without a value stands for
_SCHEME_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")  # postgresql:/… mistyped (C:\… is a drive)
_PASSWORD = re.compile(r"(?<=:)[^:/@]*(?=@)")


class ArchiveError(ValueError):
    """The archive cannot be opened or written; the message says which and what to do."""


def masked(text: str) -> str:
    """An address as messages may show it: its password as ***."""
    return _PASSWORD.sub("***", text)


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


def archive_url(value: str | None) -> URL:
    """The archive the user named: a URL (postgresql://…, sqlite:///…), a path to a SQLite file, or nothing
    (``default``) for $REPORTCHECK_ARCHIVE or the file in the data folder. Anything else is an
    :class:`ArchiveError` saying what an address looks like (its password never shown)."""
    if value in (None, "", DEFAULT):
        value = os.environ.get(ENV) or str(default_location())
    assert value is not None
    if "://" not in value:
        if _SCHEME_LIKE.match(value):
            raise ArchiveError(f"档案库地址“{masked(value)}”不完整：PostgreSQL应写成 postgresql://用户:密码@主机/库名，"
                               "SQLite写文件路径 / archive address incomplete")
        return URL.create("sqlite", database=str(Path(value).expanduser().resolve()))
    try:
        url = make_url(value)
        url.port  # noqa: B018  (a port that is not a number fails here, not later)
    except (ArgumentError, ValueError):
        raise ArchiveError(f"档案库地址“{masked(value)}”无法识别，应为文件路径或 postgresql://用户:密码@主机/库名 / "
                           "archive address not understood") from None
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")  # the driver installed with reportcheck[postgres]
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ArchiveError(f"档案库只能是SQLite文件或PostgreSQL（postgresql://…），而不是“{masked(value)}” / "
                           "the archive is SQLite or PostgreSQL")
    return url
