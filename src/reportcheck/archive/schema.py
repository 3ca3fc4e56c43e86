"""The archive's tables (SQLAlchemy Core). The migrations in ``migrations/versions`` create them; a test
holds this metadata and the migrations to one another."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),  # sha256 of the file: one row per file
    Column("file_name", Text, nullable=False),
    Column("file_path", Text, nullable=False),
    Column("cluster_name", Text, nullable=True),
    Column("cluster_key", Text, nullable=False, index=True),
    Column("category", String(16), nullable=True),
    Column("stage", String(16), nullable=True),
    Column("template", Text, nullable=False),
    Column("years", Text, nullable=False),  # "2021,2022"
    Column("latest_year", String(8), nullable=False, index=True),
    Column("pack", Text, nullable=False),
    Column("promotion_org", Text, nullable=True),
    Column("park", Text, nullable=True),
    Column("scanned", Boolean, nullable=False),  # read from a scan by OCR
    Column("checked_at", DateTime(timezone=True), nullable=False),
    Column("tool_version", String(32), nullable=False),
    Column("superseded_by", Integer, ForeignKey("reports.id", ondelete="SET NULL"), nullable=True),
)

figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("section", String(16), nullable=False),
    Column("key", String(64), nullable=False),
    Column("label", Text, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("year", String(8), nullable=False),
    Column("column", String(24), nullable=False),  # the year, "YEAR:cluster" or "growth"
    Column("value", Float, nullable=False),
    Column("decimals", Integer, nullable=True),
    Column("cell", Text, nullable=False),  # where it was read, in words (表3 第2行 第3列)
    Column("doubt", Text, nullable=True),  # why it was read in doubt; no finding rests on it
)

entries = Table(
    "entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # enterprise, project, phone
    Column("key", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("person", Text, nullable=False),
    Column("place", Text, nullable=False),
    Index("ix_entries_kind_key", "kind", "key"),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("code", String(16), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("place", Text, nullable=False),
)

grades = Table(
    "grades", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False, index=True),
    Column("cluster_name", Text, nullable=False),
    Column("cluster_key", Text, nullable=False),
    Column("group_name", Text, nullable=False),
    Column("score", Float, nullable=True),
    Column("grade", String(8), nullable=False),
    Column("source_file", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
