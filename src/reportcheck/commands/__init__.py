"""The commands, one module each: ``add_parser(sub)`` declares its options, ``run(args)`` does the work and
returns the exit code. Heavy modules load inside ``run``, so ``reportcheck --help`` stays fast."""

from __future__ import annotations

import importlib
from types import ModuleType

# In the order ``reportcheck --help`` lists them.
NAMES = ("extract", "check", "annotate", "batch", "compare", "score", "grade", "history", "serve", "rules",
         "template")

# The commands that read their reports in one supervised child (:mod:`.limited`): the child is started as
# the process starts (:mod:`reportcheck.runtime.ahead`), to load the reader while the command line is read.
READ_AHEAD = frozenset({"extract", "check", "annotate", "compare", "score"})


def all_commands() -> list[ModuleType]:
    """Every command's module (this package loads none of them until asked)."""
    return [importlib.import_module(f"{__name__}.{name}") for name in NAMES]
