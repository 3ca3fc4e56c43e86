"""The batch as JSON and as CSV, with the content of the workbook (the tables of ``batch_tables``).

JSON (``write_json``), one document, UTF-8::

    {"files":   [one object per file, as `check --format json` gives it, plus "verdict":
                 {"status": 达标|未达标|无法核验|—, "figures": {"营业收入（亿元）": 1408.9, …}}],
     "cross":   [the findings only a batch can see, as issues: code, severity, message, args …],
     "versions": [each pair of versions of one report compared, as `compare --format json` gives it
                 (without "stamps": a batch does not look at seals), plus "cluster"],
     "skipped": [{"path": …, "reason": …}],
     "sheets":  {"汇总": {"header": […], "rows": [[…], …]}, "问题清单": …, "数据": …, "名单": …,
                 "批内比对": …, "版本比对" (only when "versions" is not empty): …, "未检查": …}}

"sheets" holds exactly the workbook's cells (an empty cell is null); "files", "cross" and "versions"
the same findings in the form other systems already read from ``check --format json`` and
``compare --format json``.

CSV (``write_csv``): one file per sheet, UTF-8 with a BOM (so Excel and WPS detect the encoding),
named after the path given with the sheet's name added to its stem: ``results.csv`` →
``results_汇总.csv``, ``results_问题清单.csv``, ``results_数据.csv``, ``results_名单.csv``,
``results_批内比对.csv``, ``results_版本比对.csv`` (when the batch has versions of one report),
``results_未检查.csv`` (``csv_paths`` gives these names). The path given
itself is not written. An empty cell is an empty field; a text a spreadsheet would take for a formula
starts with ``'`` (``render.csv_cells``); the header is the first line, so a 汇总
row's 问题清单首行 is the line of that file's first finding in ``results_问题清单.csv``.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from reportcheck.batch.result import BatchResult, VersionPair
from reportcheck.batch.verdict import entry_verdict
from reportcheck.outcome import FileOutcome
from reportcheck.render.batch_tables import SHEETS, BatchTables
from reportcheck.render.compare import comparison_json
from reportcheck.render.csv_cells import csv_row
from reportcheck.typed import to_data


def write_json(result: BatchResult, path: str | Path) -> None:
    """Write the batch as one JSON document to ``path``, streamed (outcomes are never all held)."""
    tables = BatchTables(result)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write('{"files": [')
        _items(out, (_file(o, result) for o in result.outcomes()))
        out.write('],\n"cross": [')
        _items(out, (to_data(issue) for issue in result.cross))
        out.write('],\n"versions": [')
        _items(out, (_version(pair) for pair in result.versions))
        out.write('],\n"skipped": [')
        _items(out, ({"path": p, "reason": why} for p, why in result.skipped))
        out.write('],\n"sheets": {')
        _sheets(out, tables)
        out.write("\n}}\n")


def _sheets(out: TextIO, tables: BatchTables) -> None:
    """The members of "sheets", from one reading of the batch: each sheet's rows go to a temporary file
    as they come, and the files are copied out one after the other."""
    with ExitStack() as stack:
        parts = {name: stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8")) for name in tables.sheets}
        counts = dict.fromkeys(tables.sheets, 0)
        for name, row in tables.rows():
            parts[name].write(f'{"," if counts[name] else ""}\n{_dump(row.cells)}')
            counts[name] += 1
        for n, (name, part) in enumerate(parts.items()):
            out.write(f'{"," if n else ""}\n{_dump(name)}: {{"header": {_dump(tables.header(name))}, "rows": [')
            part.seek(0)
            shutil.copyfileobj(part, out)
            out.write("]}")


def csv_paths(path: str | Path, sheets: Sequence[str] = SHEETS) -> dict[str, Path]:
    """Sheet name → the CSV file ``write_csv`` writes it to: ``results.csv`` → ``results_汇总.csv`` …
    (``sheets``: a batch's own, :attr:`BatchTables.sheets`, when it has a 版本比对)."""
    path = Path(path)
    return {name: path.with_name(f"{path.stem}_{name}{path.suffix or '.csv'}") for name in sheets}


def write_csv(result: BatchResult, path: str | Path) -> None:
    """Write one CSV per sheet beside ``path`` (names from ``csv_paths``), all in one reading of the batch."""
    tables = BatchTables(result)
    with ExitStack() as stack:
        writers = {}
        for name, target in csv_paths(path, tables.sheets).items():
            writer = csv.writer(stack.enter_context(open(target, "w", encoding="utf-8-sig", newline="")))
            writer.writerow(csv_row(tables.header(name)))
            writers[name] = writer
        for name, row in tables.rows():
            writers[name].writerow(csv_row(row.cells))


def _file(outcome: FileOutcome, result: BatchResult) -> dict:
    verdict = entry_verdict(outcome, result.settings, result.pack)
    return {**outcome.as_json(), "verdict": {"status": verdict.status, "figures": verdict.figures}}


def _version(pair: VersionPair) -> dict:
    data = comparison_json(pair.comparison)
    del data["stamps"]
    return {"cluster": pair.cluster, **data}


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _items(out: TextIO, items: Iterable[object]) -> None:
    """The members of a JSON array, one a line."""
    for n, item in enumerate(items):
        out.write(f'{"," if n else ""}\n{_dump(item)}')
