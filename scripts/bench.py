"""Benchmark: ``check`` on the bundled samples against a bare python-docx read of the same files.

The bare baseline opens each file with python-docx and reads the text of every paragraph and of
every cell of every table. Both run in this process, interleaved, several rounds; medians are
compared, so a busy shared machine shifts both sides alike. Also times ``reportcheck --help``.

    python scripts/bench.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.docx"))


def bare_python_docx(path: Path) -> int:
    import docx

    document = docx.Document(str(path))
    n = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                n += len(cell.text)
    return n


def reportcheck_check(path: Path, pack: dict) -> int:
    from reportcheck.pipeline import load_report
    from reportcheck.rules import run_rules

    return len(run_rules(load_report(path), pack))


def _time(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def bench_files(rounds: int) -> None:
    from reportcheck.rules import load_pack

    pack = load_pack()
    for path in SAMPLES:  # warm-up: imports, OpenCC and jieba-free caches, file cache
        bare_python_docx(path)
        reportcheck_check(path, pack)
    bare: dict[Path, list[float]] = {p: [] for p in SAMPLES}
    ours: dict[Path, list[float]] = {p: [] for p in SAMPLES}
    for _ in range(rounds):
        for path in SAMPLES:
            bare[path].append(_time(bare_python_docx, path))
            ours[path].append(_time(reportcheck_check, path, pack))
    print(f"{'file':<40} {'python-docx ms':>15} {'check ms':>10} {'ratio':>7}")
    for path in SAMPLES:
        b, o = statistics.median(bare[path]), statistics.median(ours[path])
        print(f"{path.name:<40} {b * 1000:>15.1f} {o * 1000:>10.1f} {o / b:>7.2f}")
    total_b = sum(statistics.median(v) for v in bare.values())
    total_o = sum(statistics.median(v) for v in ours.values())
    print(f"{'all samples (sum of medians)':<40} {total_b * 1000:>15.1f} {total_o * 1000:>10.1f} "
          f"{total_o / total_b:>7.2f}   target <= 1.50")


def bench_help(rounds: int) -> None:
    def run(args: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        return time.perf_counter() - start

    python = [sys.executable, "-c", "pass"]
    helper = [sys.executable, "-m", "reportcheck", "--help"]
    bare = statistics.median(run(python) for _ in range(rounds))
    ours = statistics.median(run(helper) for _ in range(rounds))
    print(f"reportcheck --help: median {ours * 1000:.0f} ms (bare python start {bare * 1000:.0f} ms)"
          f"   target <= 300 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    print(f"{len(SAMPLES)} sample files, {args.rounds} rounds, medians")
    bench_files(args.rounds)
    bench_help(args.rounds)


if __name__ == "__main__":
    main()
