"""The commands, one module each: ``add_parser(sub)`` declares its options, ``run(args)`` does the work and
returns the exit code. Heavy modules load inside ``run``, so ``reportcheck --help`` stays fast."""

from reportcheck.commands import (
    annotate,
    batch,
    check,
    compare,
    extract,
    grade,
    history,
    rules,
    score,
    serve,
    template,
)

# In the order ``reportcheck --help`` lists them.
ALL = (extract, check, annotate, batch, compare, score, grade, history, serve, rules, template)
