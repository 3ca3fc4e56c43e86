"""``reportcheck grade``: the province's monitoring grades (第十条), stars (第十六条) and promotion-organisation
labels (第十七条) from a table of scores, under a policy kept as data (``schemas/grading/``).

Modules: :mod:`.policy` (the rules and the open cases as settings), :mod:`.table` (reading the score
tables), :mod:`.rules` (the grading, pure functions), :mod:`.output` (writing the result atomically),
:mod:`.command` (the argparse subcommand).
"""
