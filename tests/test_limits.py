"""Per-file time and memory limits in ``check``, ``batch``, ``extract``, ``compare``, ``score`` and the web
page: a file over its limit becomes a result saying which limit, the other files go on, nothing is left
behind.

The pathological file is simulated by making reading one named file slow, greedy or fatal (the
readers are patched before the child is forked, so the child inherits it); the real hostile files
(zip bombs, huge PDFs) are refused earlier by the readers' own limits (tests/test_hostile.py).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reportcheck.pipeline
from conftest import SAMPLES
from reportcheck.cli import main
from reportcheck.runtime.supervisor import START_METHOD, context

HOOK = Path(__file__).parent / "spawn_hook"
sys.path.insert(0, str(HOOK))
import limits_pathology  # noqa: E402

GOOD = SAMPLES / "prelim_advanced_split_clean.docx"
OTHER = SAMPLES / "prelim_advanced_split_defects.docx"


def _pathological(monkeypatch: pytest.MonkeyPatch, victim: str, how: str) -> None:
    """Reading any file named ``victim`` sleeps, eats 600 MB, or ends its process; others read as usual —
    in this process (a forked child inherits it) and, through tests/spawn_hook, in a spawned child."""
    if os.environ[START_METHOD] == "fork":  # a spawned child gets functions by name: they stay unpatched here
        monkeypatch.setattr(reportcheck.pipeline, "load_report", reportcheck.pipeline.load_report)  # undone after
        limits_pathology.patch(victim, how)
    monkeypatch.setenv(limits_pathology.VARIABLE, f"{victim}:{how}")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(HOOK), os.environ.get("PYTHONPATH")])))


@pytest.fixture(autouse=True, params=["fork", "spawn"])
def start_method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every limit holds under both ways a child is started: fork (Linux) and spawn (Windows, macOS)."""
    if request.param not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{request.param} is not a start method of this system")
    monkeypatch.setenv(START_METHOD, request.param)
    return request.param


def test_the_child_is_started_the_way_asked(start_method: str) -> None:
    assert context().get_start_method() == start_method


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a_bad.docx", "b.docx", "c.docx"):
        shutil.copyfile(OTHER if name == "c.docx" else GOOD, inputs / name)
    return inputs


def _limit_mb() -> int:
    """A memory limit well above what a child holds to begin with and well below the 600 MB the greedy
    file takes on top. A forked child's resident pages are this (test) process's; a spawned child is a
    fresh interpreter that has loaded the reader (about 150 MB)."""
    if os.environ.get(START_METHOD) == "spawn":
        return 450
    with open("/proc/self/statm") as fh:
        resident = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return int(resident) + 250


@pytest.mark.parametrize("how", ["memory", "slow", "dies"])
def test_check_stops_one_file_and_goes_on(how: str, folder: Path, monkeypatch, capsys) -> None:
    limit = _limit_mb()
    option, words = {"memory": (["--memory-limit", str(limit)], f"内存超过{limit}MB"),
                     "slow": (["--timeout", "1"], "超过1秒"), "dies": ([], "意外退出（退出码3）")}[how]
    _pathological(monkeypatch, "a_bad.docx", how)
    started = time.monotonic()
    code = main(["check", "--format", "json", *option, *(str(p) for p in sorted(folder.iterdir()))])
    assert time.monotonic() - started < 25, "the limit stopped it, not the 30 s sleep"
    results = json.loads(capsys.readouterr().out)
    assert code == 2
    assert [r["status"] for r in results] == ["unreadable", "ok", "issues"]
    assert words in results[0]["error"]["message"]
    reason = {"memory": "memory_limit", "slow": "timeout", "dies": "worker_died"}[how]
    assert results[0]["error"]["reason"] == reason


def test_the_child_the_command_starts_with_is_held_to_the_limits_too(folder: Path, monkeypatch) -> None:
    """``reportcheck check`` as a user runs it starts its reading child before it reads its command line
    (reportcheck.runtime.ahead): that child is stopped at the limit like any other, and the next file is
    read by a new one."""
    _pathological(monkeypatch, "a_bad.docx", "slow")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "reportcheck", "check", "--format", "json", "--timeout", "1",
                           *(str(p) for p in sorted(folder.iterdir()))], capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)
    assert time.monotonic() - started < 25, "the limit stopped it, not the 30 s sleep"
    results = json.loads(proc.stdout)
    assert proc.returncode == 2, proc.stderr
    assert [r["status"] for r in results] == ["unreadable", "ok", "issues"]
    assert results[0]["error"]["reason"] == "timeout" and "超过1秒" in results[0]["error"]["message"]


def test_batch_gives_every_file_a_row_with_the_limit_named(folder: Path, tmp_path: Path, monkeypatch) -> None:
    _pathological(monkeypatch, "a_bad.docx", "memory")
    out = tmp_path / "r.json"
    assert main(["batch", str(folder), "-o", str(out), "--memory-limit", str(_limit_mb()), "--jobs", "2"]) == 2
    files = {Path(f["path"]).name: f for f in json.loads(out.read_text("utf-8"))["files"]}
    assert files["a_bad.docx"]["error"]["reason"] == "memory_limit"
    assert files["b.docx"]["status"] == "ok" and files["c.docx"]["status"] == "issues"


def test_web_answers_the_memory_limit_and_removes_the_folder(monkeypatch, tmp_path: Path) -> None:
    pytest.importorskip("flask", reason="the web extra (pip install 'reportcheck[web]') is not installed")
    from reportcheck.rules import load_pack
    from reportcheck.settings import Settings
    from reportcheck.web.app import WebConfig, create_app

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    _pathological(monkeypatch, "upload.docx", "memory")  # the server's own name for an upload
    limit = _limit_mb()
    app = create_app(WebConfig(pack=load_pack(), settings=Settings(), memory_mb=limit))
    with GOOD.open("rb") as fh:
        response = app.test_client().post("/api/check", data={"file": (fh, "报告.docx")})
    assert response.status_code == 422
    assert f"内存超过{limit}MB" in response.get_json()["error"]["message"]
    assert list(tmp_path.iterdir()) == [], "the request's private folder is gone"


@pytest.mark.parametrize("command", ["extract", "compare", "score"])
def test_every_command_that_reads_a_report_stops_a_greedy_one(command: str, folder: Path, tmp_path: Path,
                                                              monkeypatch, capsys) -> None:
    """The file that would take 600 MB more is stopped at the limit and said; the others are read."""
    limit = _limit_mb()
    _pathological(monkeypatch, "a_bad.docx", "memory")
    bad, good = str(folder / "a_bad.docx"), str(folder / "b.docx")
    argv = {"extract": ["extract", bad], "compare": ["compare", good, bad],
            "score": ["score", str(folder), "-o", str(tmp_path / "s.xlsx")]}[command]
    started = time.monotonic()
    code = main([*argv, "--memory-limit", str(limit)])
    assert time.monotonic() - started < 25, "the limit stopped it, not the 30 s sleep"
    err = capsys.readouterr().err
    assert f"a_bad.docx: 检查该文件占用内存超过{limit}MB" in err, err
    if command == "score":  # the other two reports are scored
        import openpyxl

        assert code == 0 and "跳过" in err
        assert len(openpyxl.load_workbook(tmp_path / "s.xlsx").sheetnames) == 3  # 总表 and two reports
    else:
        assert code == 2


def test_grade_reads_its_table_under_the_limits(tmp_path: Path, monkeypatch, capsys) -> None:
    """A score table whose reading would take 600 MB more: stopped at the limit, said, nothing written."""
    import reportcheck.grading.table as table

    monkeypatch.setattr(table, "read_scores", table.read_scores)  # undone after the test
    _pathological(monkeypatch, "scores", "memory")
    scores = tmp_path / "scores.csv"
    scores.write_text("集群名称,组别,得分\n甲集群,先进制造业集群,85\n", "utf-8")
    limit = _limit_mb()
    started = time.monotonic()
    code = main(["grade", str(scores), "-o", str(tmp_path / "g.csv"), "--memory-limit", str(limit)])
    assert time.monotonic() - started < 25, "the limit stopped it, not the 30 s sleep"
    assert code == 2 and f"内存超过{limit}MB" in capsys.readouterr().err
    assert not (tmp_path / "g.csv").exists()


@pytest.mark.parametrize("command", [["check", str(GOOD)], ["batch", str(GOOD), "-o", "x.json"],
                                     ["extract", str(GOOD)], ["compare", str(GOOD), str(OTHER)],
                                     ["score", str(GOOD), "-o", "x.xlsx"], ["grade", "s.csv", "-o", "g.csv"]])
@pytest.mark.parametrize("option", [["--timeout", "0"], ["--memory-limit", "-1"]])
def test_a_limit_must_be_positive(command, option, capsys) -> None:
    assert main([*command, *option]) == 2
    assert "应为正数" in capsys.readouterr().err


@pytest.mark.parametrize("granted", [0, 5])
def test_the_time_limit_grows_with_the_seconds_a_file_earns(granted: int, folder: Path, tmp_path: Path,
                                                           monkeypatch, capsys) -> None:
    """A file whose reading earns seconds (each page read by OCR earns its own) is not stopped at the time
    limit meant for a Word file: 2.5 s of work against --timeout 1 finishes when it earned 5 s, and is
    stopped, saying so, when it earned none — in check and in batch alike."""
    _pathological(monkeypatch, "b.docx", f"earns{granted}")
    good = str(folder / "b.docx")
    code = main(["check", "--format", "json", "--timeout", "1", good])
    [result] = json.loads(capsys.readouterr().out)
    out = tmp_path / "r.json"
    main(["batch", good, "-o", str(out), "--timeout", "1", "--jobs", "1"])
    [row] = json.loads(out.read_text("utf-8"))["files"]
    if granted:
        assert code == 0 and result["status"] == "ok" and row["status"] == "ok"
    else:
        assert code == 2 and result["error"]["reason"] == "timeout" and row["error"]["reason"] == "timeout"


def test_a_bad_setting_found_while_the_files_are_read_stops_the_child(folder: Path, tmp_path: Path, monkeypatch,
                                                                      capsys) -> None:
    """``check`` starts reading before it loads its settings; a pack that does not exist is then the one
    usage line (exit 2), at once — not after the slow file — with no child and no temporary folder left."""
    _pathological(monkeypatch, "a_bad.docx", "slow")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", None)
    started = time.monotonic()
    code = main(["check", "--pack", "no_such_pack", *(str(p) for p in sorted(folder.iterdir()))])
    assert time.monotonic() - started < 25, "the child reading the slow file was stopped, not waited for"
    assert code == 2
    err = capsys.readouterr().err
    assert "no_such_pack" in err and "Traceback" not in err
    assert multiprocessing.active_children() == []
    assert list(scratch.iterdir()) == []
