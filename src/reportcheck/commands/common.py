"""What every command shares: its exit codes and how it speaks (one line on stderr, output on stdout or
into a file written atomically). Only the standard library at module level, so ``--help`` stays fast."""

from __future__ import annotations

import sys

# As ruff: 0 no error-severity finding; 1 at least one (compare: the versions differ); 2 a usage error or
# an input that could not be read (the other inputs are still checked).
EXIT_OK, EXIT_FINDINGS, EXIT_ABNORMAL = 0, 1, 2


def fail(message: str, command: str = "") -> int:
    """One line on stderr (``reportcheck serve: …``), and the exit code of a usage error."""
    print(f"reportcheck{' ' + command if command else ''}: {message}", file=sys.stderr)
    return EXIT_ABNORMAL


def write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit(text: str, output: str | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        write(text)
        return
    from pathlib import Path

    from reportcheck.atomic import write_atomically

    write_atomically(Path(output), text if text.endswith("\n") else text + "\n")
