"""Archives for the tests: a SQLite file in the test's folder, and a fresh PostgreSQL database on the
server named by $REPORTCHECK_TEST_POSTGRES (CI starts one in .ci/run and sets it; without it the
PostgreSQL cases are skipped with the reason, unless $REPORTCHECK_REQUIRE_POSTGRES asks for them)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVER = os.environ.get("REPORTCHECK_TEST_POSTGRES")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not SERVER and not os.environ.get("REPORTCHECK_REQUIRE_POSTGRES"),
    reason="no PostgreSQL server: set REPORTCHECK_TEST_POSTGRES=postgresql://user@host:port/db "
           "(CI starts one in .ci/run and sets it)"))]


def _admin_url() -> str:
    assert SERVER, "REPORTCHECK_REQUIRE_POSTGRES is set but REPORTCHECK_TEST_POSTGRES is not"
    from reportcheck.archive.location import archive_url

    return archive_url(SERVER)


def new_archive(backend: str, folder: Path) -> Iterator[str]:
    """The URL (or file) of an empty archive on ``backend``; a PostgreSQL one is dropped afterwards."""
    if backend == "sqlite":
        yield str(folder / "档案.sqlite3")
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = make_url(_admin_url())
    name = f"reportcheck_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
