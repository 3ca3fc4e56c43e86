"""``reportcheck score``: scoring sheets for expert review, under a scheme kept as data (``schemas/scoring/``).

Modules: :mod:`.scheme` (the scheme, validated on load), :mod:`.sheet` (one report's rows: evidence,
findings, automatic sub-scores), :mod:`.command` (the argparse subcommand). The workbook is written by
:mod:`reportcheck.render.score_workbook`.
"""
