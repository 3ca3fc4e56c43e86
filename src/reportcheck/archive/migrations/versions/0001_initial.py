"""The first archive: reports, their figures, entries (enterprises, projects, phones) and findings, and
the monitoring grades.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("file_path", sa.Text, nullable=False),
        sa.Column("cluster_name", sa.Text, nullable=True),
        sa.Column("cluster_key", sa.Text, nullable=False, index=True),
        sa.Column("category", sa.String(16), nullable=True),
        sa.Column("stage", sa.String(16), nullable=True),
        sa.Column("template", sa.Text, nullable=False),
        sa.Column("years", sa.Text, nullable=False),
        sa.Column("latest_year", sa.String(8), nullable=False, index=True),
        sa.Column("pack", sa.Text, nullable=False),
        sa.Column("promotion_org", sa.Text, nullable=True),
        sa.Column("park", sa.Text, nullable=True),
        sa.Column("scanned", sa.Boolean, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tool_version", sa.String(32), nullable=False),
        sa.Column("superseded_by", sa.Integer, sa.ForeignKey("reports.id", ondelete="SET NULL"), nullable=True),
    )
    for name, columns in (
        ("figures", [sa.Column("section", sa.String(16), nullable=False),
                     sa.Column("key", sa.String(64), nullable=False),
                     sa.Column("label", sa.Text, nullable=False),
                     sa.Column("unit", sa.String(16), nullable=False),
                     sa.Column("year", sa.String(8), nullable=False),
                     sa.Column("column", sa.String(24), nullable=False),
                     sa.Column("value", sa.Float, nullable=False),
                     sa.Column("decimals", sa.Integer, nullable=True),
                     sa.Column("cell", sa.Text, nullable=False),
                     sa.Column("doubt", sa.Text, nullable=True)]),
        ("entries", [sa.Column("kind", sa.String(16), nullable=False),
                     sa.Column("key", sa.Text, nullable=False),
                     sa.Column("name", sa.Text, nullable=False),
                     sa.Column("person", sa.Text, nullable=False),
                     sa.Column("place", sa.Text, nullable=False)]),
        ("findings", [sa.Column("code", sa.String(16), nullable=False),
                      sa.Column("severity", sa.String(8), nullable=False),
                      sa.Column("message", sa.Text, nullable=False),
                      sa.Column("place", sa.Text, nullable=False)]),
    ):
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False,
                      index=True),
            *columns,
        )
    op.create_index("ix_entries_kind_key", "entries", ["kind", "key"])
    op.create_table(
        "grades",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column("cluster_name", sa.Text, nullable=False),
        sa.Column("cluster_key", sa.Text, nullable=False),
        sa.Column("group_name", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("grade", sa.String(8), nullable=False),
        sa.Column("source_file", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for name in ("grades", "findings", "entries", "figures", "reports"):
        op.drop_table(name)
