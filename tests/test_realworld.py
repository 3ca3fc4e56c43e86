"""The real-world regression corpus (samples/realworld/): odd public files from other projects' test data,
each with the outcome it must keep (expected.json, judged from the files themselves; SOURCES.md says where
each comes from). One ``check`` over all of them, as a bureau would run it: every file is a result — read
(and, none being a report, said to be no report) or refused with its own reason — and no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import NEEDS_LIBREOFFICE, NEEDS_OCR, SAMPLES

CORPUS = SAMPLES / "realworld"
EXPECTED = json.loads((CORPUS / "expected.json").read_text("utf-8"))["files"]


def _accepted(entry: dict) -> set[str]:
    """The reasons that keep the outcome: ``read`` is a file read and found to be no report."""
    outcome = "not_report" if entry["outcome"] == "read" else entry["outcome"]
    return {outcome, *entry.get("also", ()), *([entry["known_gap"]] if "known_gap" in entry else [])}


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    paths = sorted(str(CORPUS / name) for name in EXPECTED)
    run = subprocess.run([sys.executable, "-m", "reportcheck", "check", "--format", "json", *paths],
                         capture_output=True, text=True, timeout=1200)
    assert run.returncode == 2, run.stderr  # none is a report: every file is a result saying why
    assert "Traceback" not in run.stderr
    return {item["path"].rsplit("/", 1)[-1]: item for item in json.loads(run.stdout)}


@NEEDS_LIBREOFFICE
@NEEDS_OCR
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_world_file_keeps_its_outcome(name: str, results: dict[str, dict]) -> None:
    result = results[name]
    assert result["status"] == "unreadable" and result["issues"] == []
    reason = result["error"]["reason"]
    assert reason in _accepted(EXPECTED[name]), (reason, result["error"]["message"], EXPECTED[name]["why"])
    assert result["error"]["message"] and "内部错误" not in result["error"]["message"]


def test_the_corpus_says_where_each_file_comes_from() -> None:
    sources = (CORPUS / "SOURCES.md").read_text("utf-8")
    files = {p.name for p in CORPUS.iterdir()} - {"SOURCES.md", "expected.json", "README.md"}
    assert files == set(EXPECTED)
    for name in EXPECTED:
        assert f"`{name}`" in sources, name
