"""Alembic's environment for the archive (run from :func:`reportcheck.archive.store.open_archive`)."""
