"""Alembic runs this to migrate the archive: on the connection the archive hands it (never from an .ini)."""

from __future__ import annotations

from alembic import context

from reportcheck.archive.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
