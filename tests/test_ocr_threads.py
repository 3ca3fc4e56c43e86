"""OCR uses the cores it is given and no more: each of a batch's workers running at once gets its share
(two workers on two cores ask one thread each, not two each), and the engine is made with it."""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

from conftest import SAMPLES
from reportcheck.runtime import ocr_threads
from reportcheck.runtime.ocr_threads import THREADS_ENV


def test_the_share_of_the_cores(monkeypatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert [ocr_threads.share(n) for n in (1, 2, 3)] == [2, 1, 1]
    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert ocr_threads.ocr_threads() == -1  # onnxruntime's own choice outside a batch or a server
    monkeypatch.setenv(THREADS_ENV, "3")
    assert ocr_threads.ocr_threads() == 3


def test_the_engine_is_made_with_the_share(monkeypatch) -> None:
    from reportcheck.readers import ocr_engine

    made: list[dict] = []
    fake = types.ModuleType("rapidocr_onnxruntime")
    fake.RapidOCR = lambda **kwargs: made.append(kwargs) or object()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", fake)
    monkeypatch.setenv(THREADS_ENV, "1")
    ocr_engine._engine.cache_clear()
    try:
        ocr_engine._engine()
    finally:
        ocr_engine._engine.cache_clear()
    assert made and made[0]["intra_op_num_threads"] == 1


def test_each_batch_worker_gets_its_share(monkeypatch, tmp_path: Path) -> None:
    """--jobs 2 on four cores: every worker's OCR may use two threads."""
    import reportcheck.batch.run as run
    from reportcheck.cli import main
    from reportcheck.errors import UnreadableInput
    from reportcheck.outcome import FileOutcome

    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.delenv(THREADS_ENV, raising=False)

    def report_threads(path, pack, settings, evidence=None):
        return FileOutcome(path=path, error=UnreadableInput(path, "probe", os.environ.get(THREADS_ENV, "-"), ""))

    monkeypatch.setattr(run, "check_file", report_threads)
    out = tmp_path / "r.json"
    main(["batch", str(SAMPLES / "prelim_advanced_split_clean.docx"), str(SAMPLES / "final_sme_split_messy.docx"),
          "-o", str(out), "--jobs", "2"])
    files = json.loads(out.read_text("utf-8"))["files"]
    assert [f["error"]["message"] for f in files] == ["2", "2"]
    assert THREADS_ENV not in os.environ  # set in the workers only
