"""Benchmark: ``check`` on the bundled samples against the bare libraries on the same files.

.docx: python-docx opens each file and reads the text of every paragraph and of every cell of every
table. PDF: pdfplumber runs extract_tables and extract_text on every page. Both sides run in this
process, interleaved, several rounds; medians are compared, so a busy shared machine shifts both
sides alike. Then the same as whole processes, start-up included: ``reportcheck check`` of one sample
against a python process reading it with python-docx, and of the 9 .docx samples at once against one
python process reading the 9 (wall and CPU seconds, the ratio taken pair by pair, A B A B …). Also
times ``reportcheck --help``, and ``reportcheck batch`` on a folder of N reports (the .docx and PDF
samples over and over; then the small .docx reports filled by other hands in ../shared/corpora, when it
is beside the checkout) with one worker and with two, as whole processes: the speed-up, and the batch
process's own peak memory at N/4 and N files (it must not grow with N). Then ``check --evidence`` against
``check`` of the same report: the appendix's cost per cited page, on a text-layer appendix and on the
scanned sample appendix (OCR). Then ``batch --archive`` against ``batch``: what keeping every report costs.
Last, the scanned twins
(samples/scanned) read by OCR: seconds per page against a bare RapidOCR pass over a whole page, the
share of figures read right against the .docx, and ``compare`` of the two (``--no-scans`` skips it).

    python scripts/bench.py [--rounds N] [--batch-files N] [--no-scans]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.docx"))
PDFS = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
OTHER_HANDS = sorted((ROOT.parent / "shared" / "corpora").glob("*.docx"))  # beside the checkout, where CI has it


def bare_python_docx(path: Path) -> int:
    import docx

    document = docx.Document(str(path))
    n = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                n += len(cell.text)
    return n


def bare_pdfplumber(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_tables())
            n += len(page.extract_text() or "")
    return n


def reportcheck_check(path: Path, pack: dict) -> int:
    from reportcheck.pipeline import load_report
    from reportcheck.rules import run_rules

    return len(run_rules(load_report(path), pack))


def _time(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def bench_files(title: str, files: list[Path], bare_fn, bare_name: str, target: float, rounds: int) -> None:
    from reportcheck.rules import load_pack

    pack = load_pack()
    for path in files:  # warm-up: imports, OpenCC, the file cache
        bare_fn(path)
        reportcheck_check(path, pack)
    bare: dict[Path, list[float]] = {p: [] for p in files}
    ours: dict[Path, list[float]] = {p: [] for p in files}
    for _ in range(rounds):
        for path in files:
            bare[path].append(_time(bare_fn, path))
            ours[path].append(_time(reportcheck_check, path, pack))
    print(f"\n{title}")
    print(f"{'file':<40} {bare_name + ' ms':>15} {'check ms':>10} {'ratio':>7}")
    for path in files:
        b, o = statistics.median(bare[path]), statistics.median(ours[path])
        print(f"{path.name:<40} {b * 1000:>15.1f} {o * 1000:>10.1f} {o / b:>7.2f}")
    total_b = sum(statistics.median(v) for v in bare.values())
    total_o = sum(statistics.median(v) for v in ours.values())
    print(f"{'all (sum of medians)':<40} {total_b * 1000:>15.1f} {total_o * 1000:>10.1f} "
          f"{total_o / total_b:>7.2f}   target <= {target:.2f}")


# What bare_python_docx does, as a whole process over the files given.
_BARE_DOCX_PROCESS = """
import sys
import docx
for path in sys.argv[1:]:
    document = docx.Document(path)
    n = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                n += len(cell.text)
"""


def _process(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process; its exit status is not judged (findings give 1)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_processes(title: str, files: list[Path], target: float, rounds: int) -> None:
    """``reportcheck check FILES`` against a bare python-docx read of FILES, whole processes in turn."""
    ours_args = [sys.executable, "-m", "reportcheck", "check", *map(str, files)]
    bare_args = [sys.executable, "-c", _BARE_DOCX_PROCESS, *map(str, files)]
    for args in (ours_args, bare_args):  # warm-up: the file cache, .pyc files
        _process(args)
    ours, bare = [], []
    for _ in range(rounds):
        ours.append(_process(ours_args))
        bare.append(_process(bare_args))
    print(f"\n{title}, whole process, median of {rounds}")
    for i, what in enumerate(("wall", "cpu")):
        o, b = statistics.median(x[i] for x in ours), statistics.median(x[i] for x in bare)
        ratio = statistics.median(x[i] / y[i] for x, y in zip(ours, bare, strict=True))
        print(f"  {what:<4} check {o * 1000:>6.0f} ms   python-docx {b * 1000:>6.0f} ms   "
              f"ratio {ratio:.2f}   target <= {target:.2f}")


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


_PEAK = ("import resource, sys; from reportcheck.cli import main; code = main(sys.argv[1:]); "
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)")


def _batch_run(folder: Path, jobs: int, out: Path, *extra: str) -> tuple[float, int]:
    """(seconds, the batch process's own peak RSS in KiB) of one whole ``batch`` run."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, "batch", str(folder), "-o", str(out), "--force",
                           "--jobs", str(jobs), *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed: {proc.stderr}")
    return seconds, int(proc.stderr.strip().splitlines()[-1])


def bench_batch(title: str, sources: list[Path], count: int, rounds: int) -> None:
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for n in (count // 4, count):
            folder = Path(tmp) / f"n{n}"
            folder.mkdir()
            for i in range(n):
                src = sources[i % len(sources)]
                shutil.copyfile(src, folder / f"{i:04d}_{src.name}")
            folders[n] = folder
        out = Path(tmp) / "out.xlsx"
        # The folder repeats a few reports, so every pair of copies of different clusters shares
        # enterprises and texts: the cross-report findings (BT) grow with the square of the copies,
        # which distinct reports do not. They are timed on their own below.
        one, two = [], []
        for _ in range(rounds):  # interleaved, so a busy shared machine slows both alike
            one.append(_batch_run(folders[count], 1, out, "--ignore", "BT")[0])
            two.append(_batch_run(folders[count], 2, out, "--ignore", "BT")[0])
        small = statistics.median(_batch_run(folders[count // 4], 2, out, "--ignore", "BT")[1] for _ in range(rounds))
        large = statistics.median(_batch_run(folders[count], 2, out, "--ignore", "BT")[1] for _ in range(rounds))
        cross_time, cross_peak = _batch_run(folders[count], 2, out)
    t1, t2 = statistics.median(one), statistics.median(two)
    print(f"\nbatch of {count} {title}, whole process, median of {rounds}")
    print(f"  --jobs 1: {t1:.1f} s   --jobs 2: {t2:.1f} s   speed-up {t1 / t2:.2f} x   target >= 1.80")
    print(f"  peak memory of the batch process: {count // 4} files {small / 1024:.0f} MiB, "
          f"{count} files {large / 1024:.0f} MiB   ratio {large / small:.2f}   target: flat")
    print(f"  with the cross-report checks on these copies: {cross_time:.1f} s, {cross_peak / 1024:.0f} MiB")


def bench_archive(sources: list[Path], count: int, rounds: int) -> None:
    """``batch --archive`` against ``batch`` of the same folder (two workers), whole processes: what keeping
    every report costs, per report, into a new SQLite archive each round. The copies are made distinct
    files (their Word title differs), as a year's reports are: each is recorded, none merely updated."""
    import docx

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(count):
            document = docx.Document(str(sources[i % len(sources)]))
            document.core_properties.title = f"copy {i}"
            document.save(str(folder / f"{i:04d}_{sources[i % len(sources)].name}"))
        out = Path(tmp) / "out.xlsx"
        plain, kept = [], []
        for n in range(rounds):  # interleaved, so a busy shared machine slows both alike
            plain.append(_batch_run(folder, 2, out, "--ignore", "BT")[0])
            archive = str(Path(tmp) / f"a{n}.sqlite3")
            kept.append(_batch_run(folder, 2, out, "--ignore", "BT", "--archive", archive)[0])
    t0, t1 = statistics.median(plain), statistics.median(kept)
    print(f"\nbatch --archive of {count} distinct .docx reports (new SQLite archive), --jobs 2, median of {rounds}")
    print(f"  without: {t0:.1f} s   with: {t1:.1f} s   ratio {t1 / t0:.2f}   "
          f"{(t1 - t0) / count * 1000:.0f} ms a report")


EVIDENCE_REPORT = ROOT / "samples" / "prelim_advanced_split_clean.docx"
SCANNED_APPENDIX = ROOT / "samples" / "evidence" / "prelim_advanced_split_clean_佐证材料.scan.pdf"


def bench_evidence(rounds: int, scans: bool) -> None:
    """``check --evidence`` against ``check`` of the same report, whole processes: the appendix's cost, and
    per cited page — on a text-layer appendix built here (every page of the range, 31) and on the
    scanned sample appendix (its 16 cited pages read by OCR)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from evidence_pages import FILLER, page_for, write_appendix
    from reportcheck.pipeline import load_report

    report = load_report(EVIDENCE_REPORT)
    claims = {p: (i.key, int(i.latest()[1])) for i in report.indicators for p in i.evidence_pages if i.latest()}
    first, last = report.evidence_range or (min(claims), max(claims))
    base = [sys.executable, "-m", "reportcheck", "check", str(EVIDENCE_REPORT)]
    with tempfile.TemporaryDirectory() as tmp:
        text = write_appendix(Path(tmp) / "appendix.pdf",
                              [page_for(*claims[n]) if n in claims else FILLER for n in range(first, last + 1)],
                              list(range(first, last + 1)))
        cases = [("text layer", text, rounds)] + ([("scanned, OCR", SCANNED_APPENDIX, 1)] if scans else [])
        plain = statistics.median(_process(base)[0] for _ in range(rounds))
        print(f"\ncheck --evidence on {EVIDENCE_REPORT.name} ({len(claims)} cited pages), whole process")
        print(f"  check without --evidence: {plain * 1000:.0f} ms")
        for name, appendix, n in cases:
            seconds = statistics.median(_process([*base, "--evidence", str(appendix)])[0] for _ in range(n))
            print(f"  {name:<13} {seconds * 1000:>7.0f} ms   overhead {(seconds - plain) * 1000:>6.0f} ms   "
                  f"{(seconds - plain) / len(claims) * 1000:>6.0f} ms a cited page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch-files", type=int, default=160)
    parser.add_argument("--batch-rounds", type=int, default=3)
    parser.add_argument("--no-scans", action="store_true", help="leave out the scanned twins (OCR)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pyc-") as pyc:
        _as_installed(pyc)
        _run_all(args)


SCANS = sorted(p for p in (ROOT / "samples" / "scanned").glob("*.scan.pdf") if ".missing_page." not in p.name)
_BARE_OCR_PAGE = """
import sys, numpy, pypdfium2
from rapidocr_onnxruntime import RapidOCR
page = pypdfium2.PdfDocument(sys.argv[1])[1]
RapidOCR()(numpy.ascontiguousarray(page.render(scale=200 / 72).to_numpy()[:, :, :3]))
"""


def bench_scans() -> None:
    """The scanned twins read by OCR, whole processes: seconds per page of ``extract`` (against a bare
    RapidOCR detection + recognition of one whole page at 200 dpi), figures read right against the
    .docx the scan was printed from (every wrong one must be a doubt), and ``compare`` of the two."""
    import json

    import pypdfium2

    from reportcheck.figures import read_against
    from reportcheck.model import Report
    from reportcheck.pipeline import load_report
    from reportcheck.typed import from_data

    print("\nscanned twins (samples/scanned), OCR, whole processes, one round")
    print(f"{'scan':<42} {'pages':>5} {'s/page':>7} {'bare s/page':>11} {'right':>13} {'no doubt':>8} "
          f"{'compare s/page':>14}")
    totals = [0, 0, 0]
    per_page, bare_page, compare_page = [], [], []
    for scan in SCANS:
        word = ROOT / "samples" / (scan.name.removesuffix(".scan.pdf") + ".docx")
        pages = len(pypdfium2.PdfDocument(str(scan)))
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "reportcheck", "extract", "--format", "json", str(scan)],
                             capture_output=True, text=True)
        seconds = time.perf_counter() - start
        read = from_data(Report, json.loads(run.stdout))
        total, wrong, not_doubted = read_against(load_report(str(word)), read)
        bare, _ = _process([sys.executable, "-c", _BARE_OCR_PAGE, str(scan)])
        compared, _ = _process([sys.executable, "-m", "reportcheck", "compare", str(word), str(scan)])
        totals = [totals[0] + total, totals[1] + len(wrong), totals[2] + len(not_doubted)]
        per_page.append(seconds / pages)
        bare_page.append(bare)
        compare_page.append(compared / pages)
        print(f"{scan.name:<42} {pages:>5} {seconds / pages:>7.1f} {bare:>11.1f} "
              f"{total - len(wrong):>6}/{total:<6} {len(not_doubted):>8} {compared / pages:>14.1f}")
    total, wrong, not_doubted = totals
    print(f"figures read right {(total - wrong) / total:.1%} ({total - wrong}/{total}; target >= 98 %), "
          f"wrong without a doubt {not_doubted} (target 0); median s/page {statistics.median(per_page):.1f} "
          f"(target <= 3), bare RapidOCR on a whole page {statistics.median(bare_page):.1f} s, ratio "
          f"{statistics.median(per_page) / statistics.median(bare_page):.2f}; compare "
          f"{statistics.median(compare_page):.1f} s/page")


def _as_installed(pyc: str) -> None:
    """Child processes keep compiled bytecode, as an installed tool does after its first run (a
    PYTHONDONTWRITEBYTECODE in the caller's environment would make every run of ours recompile its
    own modules, while the libraries' .pyc files came with their wheels); they write it under a
    temporary folder, not into the checkout."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = pyc


def _run_all(args: argparse.Namespace) -> None:
    print(f"{len(SAMPLES)} .docx and {len(PDFS)} PDF samples, {args.rounds} rounds, medians")
    bench_files(".docx: check vs python-docx load + every paragraph and cell", SAMPLES, bare_python_docx,
                "python-docx", 1.5, args.rounds)
    bench_files("PDF: check vs pdfplumber extract_tables + extract_text on every page", PDFS, bare_pdfplumber,
                "pdfplumber", 1.0, args.rounds)
    bench_processes(f"check {SAMPLES[0].name} vs python-docx reading it", SAMPLES[:1], 1.0, args.rounds)
    bench_processes(f"check of the {len(SAMPLES)} .docx samples vs python-docx reading them", SAMPLES, 1.0,
                    args.rounds)
    bench_help(args.rounds)
    bench_evidence(args.rounds, not args.no_scans)
    bench_batch("reports (.docx and PDF samples, repeated)", SAMPLES + PDFS, args.batch_files, args.batch_rounds)
    if OTHER_HANDS:
        bench_batch("small .docx reports filled by other hands (../shared/corpora, repeated)", OTHER_HANDS,
                    args.batch_files, args.batch_rounds)
    bench_archive(SAMPLES, args.batch_files, args.batch_rounds)
    if not args.no_scans:
        bench_scans()


if __name__ == "__main__":
    main()
