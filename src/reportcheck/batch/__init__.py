"""Many files → a pool of workers → one outcome per file, spooled to disk → cross-report checks."""
