"""The archive: every report checked with ``--archive`` is kept (SQLite in the user's data folder by
default, PostgreSQL by URL), so a cluster's figures can be held against what it reported in earlier years.

snapshot (what of a report is kept, no database) → store (SQLAlchemy Core, migrated by Alembic) →
record (the cross-year rules run against the archive, then the report is recorded) → history (a
cluster's figures year by year)."""
