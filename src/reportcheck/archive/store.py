"""The archive's database: opened (and migrated) once per run, one transaction per report recorded.

SQLite is opened in WAL mode with a busy timeout, and every transaction begins IMMEDIATE (takes the
write lock first), so two ``batch`` processes recording into one file wait for each other instead of
failing; what still reports "locked" is retried. A report is written in one transaction: an interrupted
run leaves whole reports or none. PostgreSQL serialises its migrations with an advisory lock."""

from __future__ import annotations

import atexit
import contextlib
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import URL, Connection, Engine, Row, create_engine, delete, event, insert, select, text, update
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError

from reportcheck import __version__
from reportcheck.archive import schema as t
from reportcheck.archive.identity import identity_key, match
from reportcheck.archive.location import ArchiveError, masked
from reportcheck.archived import Entry, Figure, History, Snapshot

T = TypeVar("T")
REVISIONS = ("0001",)  # the migrations this version knows, oldest first (tests hold them to Alembic's)
HEAD = REVISIONS[-1]
_ATTEMPTS = 12
_MIGRATION_LOCK = 0x7265706F  # PostgreSQL advisory lock keys: migrating, recording a report
_WRITE_LOCK = 0x72657071


@dataclass(frozen=True, slots=True)
class ArchivedGrade:
    name: str
    group: str
    grade: str
    score: float | None


class Archive:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # closed at exit at the latest: a SQLite archive's last connection closing folds its journal (-wal)
        # back into the one file (the process leaves without tearing its objects down: runtime.quick_exit)
        atexit.register(self.close)

    @property
    def shown(self) -> str:
        """The archive as messages name it (a password never shown)."""
        url = self.engine.url
        return url.database or "" if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------------------

    def record(self, snap: Snapshot) -> int:
        """Keep one report: a file checked again is updated (same content hash), a new file of the same
        cluster, stage and years supersedes the current one, which stays in history."""
        return self._write(lambda conn: _record(conn, snap))

    def record_grades(self, year: int, rows: Iterable[ArchivedGrade], source: str) -> None:
        """A year's grades, replacing what was recorded for that year."""
        now = datetime.now(UTC)
        values = [{"year": year, "cluster_name": r.name, "cluster_key": identity_key(r.name), "group_name": r.group,
                   "score": r.score, "grade": r.grade, "source_file": source, "recorded_at": now} for r in rows]

        def write(conn: Connection) -> None:
            conn.execute(delete(t.grades).where(t.grades.c.year == year))
            if values:
                conn.execute(insert(t.grades), values)

        self._write(write)

    def _write(self, work: Callable[[Connection], T]) -> T:
        def once() -> T:
            with _writing(self.engine) as conn:
                return work(conn)

        try:
            return _retrying(once)
        except (OperationalError, IntegrityError) as exc:
            raise ArchiveError(f"无法写入档案库 {self.shown}（{_reason(exc)}） / cannot write the archive") from None

    # -- reading ---------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for reading; a server gone away or a file gone bad is one :class:`ArchiveError`."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise ArchiveError(f"无法读取档案库 {self.shown}（{masked(_reason(exc))}） / "
                               "cannot read the archive") from None

    def history_of(self, snap: Snapshot) -> History:
        """The archive's reports that bear on ``snap`` (itself, by content hash, excluded)."""
        with self._reading() as conn:
            headers = [h for h in _headers(conn, current_only=True) if h.content_hash != snap.content_hash]
            out = History()
            others: list[Snapshot] = []
            for header in headers:
                verdict = match(snap, header)
                if verdict.verdict == "same":
                    out.same.append(header)
                elif verdict.verdict == "maybe":
                    out.maybe.append((header, verdict.similarity))
                else:
                    others.append(header)
            _load_figures(conn, out.same)
            earlier = {h.id: h for h in others
                       if h.cluster_name and h.latest_year and h.latest_year < snap.latest_year}
            for kind in ("enterprise", "project", "phone"):
                keys = sorted({e.key for e in snap.entries if e.kind == kind})
                if not keys or not earlier:
                    continue
                rows = conn.execute(select(t.entries).where(t.entries.c.kind == kind, t.entries.c.key.in_(keys)))
                out.claimed += [(earlier[r.report_id], _entry(r)) for r in rows if r.report_id in earlier]
            return out

    def clusters(self) -> list[Snapshot]:
        """Every report, current and superseded, without figures (for ``history``)."""
        with self._reading() as conn:
            return _headers(conn, current_only=False)

    def with_figures(self, reports: list[Snapshot]) -> list[Snapshot]:
        with self._reading() as conn:
            _load_figures(conn, reports)
        return reports

    def grades_of(self, year: int) -> list[ArchivedGrade]:
        with self._reading() as conn:
            rows = conn.execute(select(t.grades).where(t.grades.c.year == year).order_by(t.grades.c.id))
            return [ArchivedGrade(r.cluster_name, r.group_name, r.grade, r.score) for r in rows]


def open_archive(url: URL) -> Archive:
    """Open (creating and migrating as needed) the archive at ``url`` (see :func:`.location.archive_url`)."""
    try:
        engine = _engine(url)
        _migrate(engine)
    except ArchiveError:
        raise
    except NoSuchModuleError:
        raise ArchiveError("无法连接PostgreSQL档案库：缺少数据库驱动，请先安装 pip install 'reportcheck[postgres]' / "
                           "the PostgreSQL driver is not installed") from None
    except (ArgumentError, ModuleNotFoundError) as exc:
        raise ArchiveError(f"档案库地址“{masked(str(url))}”无法使用（{exc}） / archive address not usable") from None
    except (DBAPIError, OSError) as exc:
        raise ArchiveError(f"无法打开档案库（{masked(_reason(exc))}），请检查路径、地址、用户名和密码 / "
                           "the archive cannot be opened") from None
    return Archive(engine)


def _engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_connected)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _sqlite_begin(conn: Connection) -> None:
    """A write takes the lock at once (BEGIN IMMEDIATE: two writers wait for each other instead of failing
    when both would upgrade a read lock); a read takes none."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


@contextlib.contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed when the block ends, rolled back on any failure."""
    with engine.connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            yield conn


def _sqlite_connected(dbapi_connection: object, record: object) -> None:
    """Take transactions into our hands (:func:`_sqlite_begin`), wait for a lock rather than fail."""
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    for pragma in ("busy_timeout=30000", "foreign_keys=ON", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    with contextlib.suppress(sqlite3.OperationalError):  # WAL stays set once one connection set it
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _migrate(engine: Engine) -> None:
    """Bring the schema to :data:`HEAD` with Alembic (imported only when a migration is due)."""
    current = _retrying(lambda: _revision(engine))  # another process may hold the new file's lock a moment
    if current == HEAD:
        return
    if current is not None and current not in REVISIONS:
        raise ArchiveError(f"档案库由更新版本的reportcheck建立（档案版本{current}），本版本无法使用；"
                           "请升级reportcheck / the archive was made by a newer reportcheck: upgrade")
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    def upgrade() -> None:
        with _writing(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    # another process migrating the same new file: its tables may appear under our feet
    _retrying(upgrade, also=lambda exc: "already exists" in str(exc))


def _revision(engine: Engine) -> str | None:
    """The schema's revision; None for a new, empty archive (a lock is raised, to be waited for)."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError as exc:
            if isinstance(exc, OperationalError) and _retryable(exc):
                raise
            return None


def _retrying(work: Callable[[], T], also: Callable[[DBAPIError], bool] = lambda exc: False) -> T:
    """``work()``, again after a pause (growing, jittered) while it fails for a lock another process holds,
    a file two processes recorded at once, or what ``also`` accepts; any other failure is raised at once."""
    for attempt in range(_ATTEMPTS):
        try:
            return work()
        except (OperationalError, IntegrityError) as exc:
            if attempt == _ATTEMPTS - 1 or not (_retryable(exc) or also(exc)):
                raise
            time.sleep(min(0.05 * 2 ** attempt, 2.0) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    """A lock another process holds, or a file two processes recorded at once (its content hash is
    unique: the retry finds it and updates it); any other failure is a bug to say, not to retry."""
    said = str(exc.orig).lower()
    if isinstance(exc, IntegrityError):
        return "unique" in said or "duplicate" in said
    return any(w in said for w in ("locked", "busy", "deadlock", "serializ"))


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def _record(conn: Connection, snap: Snapshot) -> int:
    if conn.dialect.name == "postgresql":  # writers one at a time, as SQLite's BEGIN IMMEDIATE makes them
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})
    now = datetime.now(UTC)
    values = {"content_hash": snap.content_hash, "file_name": snap.file_name, "file_path": snap.file_path,
              "cluster_name": snap.cluster_name, "cluster_key": identity_key(snap.cluster_name),
              "category": snap.category, "stage": snap.stage, "template": snap.template,
              "years": ",".join(snap.years), "latest_year": snap.latest_year, "pack": snap.pack,
              "promotion_org": snap.promotion_org, "park": snap.park, "scanned": snap.scanned, "checked_at": now,
              "tool_version": __version__}
    found = conn.execute(select(t.reports.c.id).where(t.reports.c.content_hash == snap.content_hash)).scalar()
    if found is not None:
        report_id = int(found)
        conn.execute(update(t.reports).where(t.reports.c.id == report_id).values(**values))
        for table in (t.figures, t.entries, t.findings):
            conn.execute(delete(table).where(table.c.report_id == report_id))
    else:
        report_id = int(conn.execute(insert(t.reports).values(**values)).inserted_primary_key[0])
    figures = [{"report_id": report_id, "section": f.section, "key": f.key, "label": f.label, "unit": f.unit,
                "year": f.year, "column": f.column, "value": f.value, "decimals": f.decimals, "cell": f.cell,
                "doubt": f.doubt or ("约数" if f.approximate else None)} for f in snap.figures]
    entries = [{"report_id": report_id, "kind": e.kind, "key": e.key, "name": e.name, "person": e.person,
                "place": e.place} for e in snap.entries]
    findings = [{"report_id": report_id, "code": f.code, "severity": f.severity, "message": f.message,
                 "place": f.place} for f in snap.findings]
    for table, rows in ((t.figures, figures), (t.entries, entries), (t.findings, findings)):
        if rows:
            conn.execute(insert(table), rows)
    if found is None:
        _supersede(conn, snap, report_id)
    snap.id, snap.checked_at = report_id, now
    return report_id


def _supersede(conn: Connection, snap: Snapshot, report_id: int) -> None:
    """The current reports this one is a newer version of: same cluster, stage and years. A scan does not
    replace a Word file of the report (its stamped copy, read by OCR): the scan is kept behind it."""
    rows = conn.execute(select(t.reports).where(
        t.reports.c.superseded_by.is_(None), t.reports.c.id != report_id,
        t.reports.c.years == ",".join(snap.years),
        t.reports.c.stage.is_(None) if snap.stage is None else t.reports.c.stage == snap.stage))
    versions = [r for r in rows if match(snap, _header(r)).verdict == "same"]
    typed = [r.id for r in versions if not r.scanned]
    if snap.scanned and typed:
        conn.execute(update(t.reports).where(t.reports.c.id == report_id).values(superseded_by=typed[-1]))
    elif versions:
        older = [r.id for r in versions]
        conn.execute(update(t.reports).where(t.reports.c.id.in_(older)).values(superseded_by=report_id))


def _headers(conn: Connection, current_only: bool) -> list[Snapshot]:
    query = select(t.reports).order_by(t.reports.c.latest_year, t.reports.c.id)
    if current_only:
        query = query.where(t.reports.c.superseded_by.is_(None))
    return [_header(r) for r in conn.execute(query)]


def _header(r: Row) -> Snapshot:
    """A report's row without its figures. SQLite gives its times back without their zone (UTC)."""
    checked = r.checked_at if r.checked_at.tzinfo is not None else r.checked_at.replace(tzinfo=UTC)
    return Snapshot(content_hash=r.content_hash, file_name=r.file_name, file_path=r.file_path,
                    cluster_name=r.cluster_name, category=r.category, stage=r.stage, template=r.template,
                    years=[y for y in r.years.split(",") if y], pack=r.pack, promotion_org=r.promotion_org,
                    park=r.park, scanned=r.scanned, id=r.id, checked_at=checked, tool_version=r.tool_version,
                    superseded_by=r.superseded_by)


def _load_figures(conn: Connection, reports: list[Snapshot]) -> None:
    by_id = {s.id: s for s in reports}
    if not by_id:
        return
    for s in reports:
        s.figures = []
    rows = conn.execute(select(t.figures).where(t.figures.c.report_id.in_(list(by_id))).order_by(t.figures.c.id))
    for r in rows:
        by_id[r.report_id].figures.append(Figure(
            key=r.key, label=r.label, unit=r.unit, section=r.section, year=r.year, column=r.column, value=r.value,
            decimals=r.decimals, cell=r.cell, doubt=r.doubt))


def _entry(r: Row) -> Entry:
    return Entry(kind=r.kind, key=r.key, name=r.name, person=r.person, place=r.place)


__all__ = ["Archive", "ArchiveError", "ArchivedGrade", "open_archive"]
