"""Samples and their expectations, and the comparisons of a report's model with the figures the sample
builder (scripts/make_samples.py) put in. Each ``check_*`` returns the mismatches, one line each, so a
failing test lists all of them."""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from reportcheck.model import Report

# A test run a script started in the background inherits Ctrl-C ignored (POSIX), and so would every command the
# tests start; the tests that press Ctrl-C stand for a terminal's foreground, where it is not ignored.
if hasattr(signal, "SIGINT") and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FILLED = sorted(p for p in SAMPLES.glob("*.docx"))
BAD = SAMPLES / "bad"
# samples/batch/: three clean reports of other clusters, for the cross-report findings
# (expected_cross.json); each is also checked against its own expected JSON like FILLED.
BATCH = sorted((SAMPLES / "batch").glob("*.docx"))
# Debian's Chromium and its driver, for the browser tests (Selenium never downloads one). Optional for
# developers; CI installs them and sets REPORTCHECK_REQUIRE_BROWSER, and then their absence fails the tests.
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
NEEDS_BROWSER = pytest.mark.skipif(
    not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()) and not os.environ.get("REPORTCHECK_REQUIRE_BROWSER"),
    reason="the browser tests need Debian's chromium and chromium-driver (apt-get install chromium "
           "chromium-driver); CI installs them and sets REPORTCHECK_REQUIRE_BROWSER")

# The OCR extra (rapidocr-onnxruntime with its models, OpenCV) reads the scanned twins in samples/scanned.
# Optional for developers; CI installs it and sets REPORTCHECK_REQUIRE_OCR, and then its absence fails.
SCANNED = SAMPLES / "scanned"


def _ocr_installed() -> bool:
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


NEEDS_OCR = pytest.mark.skipif(
    not _ocr_installed() and not os.environ.get("REPORTCHECK_REQUIRE_OCR"),
    reason="reading scans needs the OCR extra (pip install -e '.[ocr]', see README); CI installs it and "
           "sets REPORTCHECK_REQUIRE_OCR")


NEEDS_LIBREOFFICE = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("REPORTCHECK_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice is optional; CI installs it and sets REPORTCHECK_REQUIRE_LIBREOFFICE")


def expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text("utf-8"))


@cache
def report_of(path: Path) -> Report:
    from reportcheck.pipeline import load_report

    return load_report(path)


@pytest.fixture(params=FILLED + BATCH, ids=[p.stem for p in FILLED + BATCH])
def sample(request: pytest.FixtureRequest) -> Path:
    return request.param


def _empty(value: object) -> bool:
    """An empty cell: no value at all."""
    return value is None or value == ""


def _no_figures(values: dict[str, float | None] | None) -> bool:
    return values is None or all(v is None for v in values.values())


def check_identity(report: Report, exp: dict) -> list[str]:
    got = (report.stage, report.category, report.years, report.basic.cluster_name)
    want = (exp["stage"], exp["category"], exp["years"], exp["cluster_name"])
    return [] if got == want else [f"stage/category/years/cluster name: expected {want}, got {got}"]


def check_indicators(report: Report, exp: dict) -> list[str]:
    """Every indicator row: values, growth as reported, evidence pages; no row more or less."""
    got = {(i.section, i.label): i for i in report.indicators}
    want = {(row["section"], row["label"]): row for row in exp["indicators"]}
    out = [f"{s} {label}: row not expected" for s, label in got.keys() - want.keys()]
    for key, row in want.items():
        ind = got.get(key)
        if ind is None:
            out.append(f"{key[0]} {key[1]}: row not found")
            continue
        for what, value, expect in (("values", ind.values, row["values"]),
                                    ("growth_pct", ind.growth_pct, row["growth_pct"]),
                                    ("evidence_pages", ind.evidence_pages, row["evidence_pages"])):
            if value != expect:
                out.append(f"{key[0]} {key[1]} {what}: expected {expect}, got {value}")
    return out


def check_cluster_values(report: Report, exp: dict) -> list[str]:
    """3.1 其中集群产业 by year; rows without that column have no cluster figure."""
    got = {(i.section, i.label): i for i in report.indicators}
    out = []
    for row in exp["indicators"]:
        ind = got.get((row["section"], row["label"]))
        if ind is None:
            continue  # reported by check_indicators
        want = row["cluster_values"]
        ok = _no_figures(ind.cluster_values) if want is None else ind.cluster_values == want
        if not ok:
            out.append(f"{row['section']} {row['label']} cluster_values: expected {want}, got {ind.cluster_values}")
    return out


def check_basic(report: Report, exp: dict) -> list[str]:
    """Basic information and the contacts of the promotion organisation and the core park."""
    basic = report.basic
    out = []
    for key, want in exp["basic"].items():
        if isinstance(want, dict):
            group = getattr(basic, key)
            pairs = [(f"{key}.{k}", getattr(group, k), v) for k, v in want.items()]
        else:
            pairs = [(key, getattr(basic, key), want)]
        for name, got, expect in pairs:
            if not (_empty(got) if expect is None else got == expect):
                out.append(f"basic {name}: expected {expect!r}, got {got!r}")
    return out


def check_lists(report: Report, exp: dict) -> list[str]:
    """Each list table: as many rows as put in, each cell and per-year figure as written."""
    got = {t.id: t.rows for t in report.lists}
    out = []
    for list_id, rows in exp["lists"].items():
        have = got.get(list_id, [])
        if len(have) != exp["list_rows"][list_id]:
            out.append(f"list {list_id}: expected {exp['list_rows'][list_id]} rows, got {len(have)}")
        for n, (want, row) in enumerate(zip(rows, have, strict=False), start=1):
            for key, expect in want["values"].items():
                value = row.values.get(key)
                if not (_empty(value) if expect is None else value == expect):
                    out.append(f"list {list_id} row {n} {key}: expected {expect!r}, got {value!r}")
            for key, expect in want["by_year"].items():
                value = row.by_year.get(key)
                if value != expect:
                    out.append(f"list {list_id} row {n} {key} by year: expected {expect}, got {value}")
            extra = {k for k, v in row.values.items() if not _empty(v)} - set(want["values"])
            extra |= set(row.by_year) - set(want["by_year"])
            if extra:
                out.append(f"list {list_id} row {n}: cells the builder did not fill: {sorted(extra)}")
    return out


def check_texts(report: Report, exp: dict) -> list[str]:
    """The figures the builder stated in each text block (no more), and the 2.8 aspects it left out."""
    got = {t.id: t for t in report.texts}
    out = []
    for block, want in exp["texts"].items():
        text = got.get(block)
        claims = text.claims if text else []
        have = sorted((c.key, c.kind, c.value, c.decimals, c.year) for c in claims)
        expect = sorted((c["key"], c["kind"], c["value"], c["decimals"], c["year"]) for c in want["claims"])
        if have != expect:
            out.append(f"text {block} claims: expected {expect}, got {have}")
        for claim in want["claims"]:
            quotes = [c.quote for c in claims if (c.key, c.kind) == (claim["key"], claim["kind"])]
            if quotes and not any(claim["written"] in q for q in quotes):
                out.append(f"text {block} claim {claim['key']} {claim['kind']}: quote {quotes} lacks "
                           f"{claim['written']!r} as written")
        if "aspects_missing" in want:
            missing = text.aspects_missing if text else None
            if missing is None or sorted(missing) != sorted(want["aspects_missing"]):
                out.append(f"text {block} aspects_missing: expected {want['aspects_missing']}, got {missing}")
    return out


def check_evidence_range(report: Report, exp: dict) -> list[str]:
    got = list(report.evidence_range) if report.evidence_range is not None else None
    return [] if got == exp["evidence_range"] else \
        [f"evidence_range: expected {exp['evidence_range']}, got {got}"]


def check_findings(report: Report, exp: dict) -> list[str]:
    """The findings are exactly the planted ones (code, section, field)."""
    from reportcheck.rules import run_rules

    got = sorted((i.code, i.section or "", i.field or "") for i in run_rules(report))
    want = sorted((i["code"], i["section"] or "", i["field"] or "") for i in exp["issues"])
    return [] if got == want else [f"findings: expected {want}, got {got}"]


CHECKS: dict[str, Callable[[Report, dict], list[str]]] = {
    "identity": check_identity, "indicators": check_indicators, "cluster_values": check_cluster_values,
    "basic": check_basic, "lists": check_lists, "texts": check_texts, "evidence_range": check_evidence_range,
    "findings": check_findings,
}
