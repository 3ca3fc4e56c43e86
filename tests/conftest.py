from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FILLED = sorted(p for p in SAMPLES.glob("*.docx"))
BAD = SAMPLES / "bad"


def expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text("utf-8"))


@cache
def report_of(path: Path):
    from reportcheck.pipeline import load_report

    return load_report(path)


@pytest.fixture(params=FILLED, ids=[p.stem for p in FILLED])
def sample(request) -> Path:
    return request.param
