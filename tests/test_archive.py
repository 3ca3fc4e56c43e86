"""The archive (``--archive``): one year's reports then the next year's, checked in two runs against one
archive (SQLite and PostgreSQL), give the restatements planted in them and no other history finding; the
same file checked again is updated, not duplicated; a newer version supersedes the older; ``history``
shows the figures year by year; ``grade`` takes last year from it; two batches at once lose nothing; an
interrupted write leaves no half-written report.

The next year's reports are made by tests/next_year.py from the samples: the truth is what it plants."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from sqlalchemy import create_engine, func, select

from archives import BACKENDS, new_archive
from conftest import NEEDS_OCR, SAMPLES, SCANNED
from next_year import next_year
from reportcheck.archive import schema
from reportcheck.archive.location import archive_url
from test_cli import run

CHANGSHA, HENGYANG = "长沙智能汽车产业集群", "衡阳输变电装备产业集群"
PLANTED = {"集群总产值": "1380.0", "企业数量": "470"}  # 2022 as the 2023 report restates it
BORROWED = "湖南智行汽车股份有限公司"  # 长沙's top-10 enterprise, listed by 株洲 a year later


@pytest.fixture(params=BACKENDS)
def archive(request, tmp_path) -> str:
    yield from new_archive(request.param, tmp_path)


@pytest.fixture(scope="module")
def years(tmp_path_factory) -> tuple[Path, Path, dict]:
    """2023's folder (three clusters' reports of 2021–2022) and 2024's (the same clusters a year on: 长沙
    restating two 2022 figures, 株洲 listing 长沙's enterprise, 衡阳 renamed with 市). The batch samples
    share an enterprise, a project and a phone between 株洲 and 衡阳 on purpose (the batch rules' truth,
    expected_cross.json): their next reports have their own instead, so only what is planted here remains."""
    root = tmp_path_factory.mktemp("years")
    first, second = root / "2023年收件", root / "2024年收件"
    first.mkdir()
    second.mkdir()
    for name in ("prelim_advanced_split_clean.docx", "batch/batch_a.docx", "batch/batch_b.docx"):
        shutil.copy(SAMPLES / name, first)
    shared = [item["what"] for item in json.loads((SAMPLES / "batch" / "expected_cross.json").read_text("utf-8"))
              if item["code"] in ("BT002", "BT003", "BT004")]

    def own(city: str, phone: str) -> dict[str, str]:
        return {what: phone if what.isdigit() else city + what[2:] for what in shared}

    planted = next_year(SAMPLES / "prelim_advanced_split_clean.docx", second / "长沙_2024.docx", PLANTED)
    next_year(SAMPLES / "batch" / "batch_a.docx", second / "株洲_2024.docx",
              replace={**own("株洲", "13973310098"), "株洲中轨电力机车股份有限公司": BORROWED})
    next_year(SAMPLES / "batch" / "batch_b.docx", second / "衡阳_2024.docx",
              replace={**own("衡阳", "13973310099"), HENGYANG: "衡阳市输变电装备产业集群"})
    return first, second, planted


def _history_findings(out: Path) -> dict[str, list[dict]]:
    data = json.loads(out.read_text("utf-8"))
    return {Path(f["path"]).name: [i for i in f["issues"] if i["code"].startswith("HY")] for f in data["files"]}


def _count(url: str, table) -> int:
    engine = create_engine(archive_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def test_two_years_give_the_planted_restatements_and_nothing_else(archive, years, tmp_path):
    first, second, planted = years
    proc = run("batch", str(first), "-o", str(tmp_path / "2023.json"), "--archive", archive)
    assert proc.returncode in (0, 1), proc.stderr
    assert "已存入档案库" in proc.stdout
    assert all(not found for found in _history_findings(tmp_path / "2023.json").values())

    proc = run("batch", str(second), "-o", str(tmp_path / "2024.json"), "--archive", archive)
    assert proc.returncode in (0, 1), proc.stderr
    found = _history_findings(tmp_path / "2024.json")
    restated = sorted((i["args"]["key"], float(i["args"]["old"]), float(i["args"]["value"]))
                      for i in found["长沙_2024.docx"])
    want = sorted((field, float(old), float(new))
                  for field, (old, new) in zip(("total_output", "enterprises"), planted.values(), strict=True))
    assert restated == want
    assert all(i["code"] == "HY001" and "prelim_advanced_split_clean.docx" in i["message"]
               for i in found["长沙_2024.docx"])
    [claimed] = found["株洲_2024.docx"]
    assert claimed["code"] == "HY003" and BORROWED in claimed["message"] and CHANGSHA in claimed["message"]
    assert found["衡阳_2024.docx"] == []  # renamed, matched as itself: its figures agree
    # every output shows them: 问题清单 lists what the files hold, the findings from the archive among them
    listed = json.loads((tmp_path / "2024.json").read_text("utf-8"))["sheets"]["问题清单"]["rows"]
    assert sorted((Path(r[0]).name, r[2]) for r in listed if r[2].startswith("HY")) == sorted(
        (name, i["code"]) for name, issues in found.items() for i in issues)

    sheet = json.loads((tmp_path / "2024.json").read_text("utf-8"))["sheets"]["历年对比"]
    header = sheet["header"]
    rows = {(r[0], r[2]): dict(zip(header, r, strict=True)) for r in sheet["rows"]}
    output = rows[("长沙_2024.docx", "集群总产值")]
    assert (output["2021年"], output["2022年"]) == (1180.5, 1380)  # 2021 from the archive, 2022 restated
    assert "1326.8" in output["前后不一致"]


def test_a_sqlite_archive_is_one_file_when_the_command_is_done(tmp_path):
    """The last connection closed as the command ends: its journal folded back, no -wal or -shm file left
    beside it (a bureau copies the one file)."""
    archive = tmp_path / "档案.sqlite3"
    assert run("check", str(SAMPLES / "prelim_advanced_split_clean.docx"), "--archive", str(archive)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [archive.name]


def test_the_same_files_again_update_and_do_not_duplicate(archive, years, tmp_path):
    first, _, _ = years
    for _ in range(2):
        assert run("batch", str(first), "-o", str(tmp_path / "out.json"), "--force", "--archive",
                   archive).returncode in (0, 1)
    assert _count(archive, schema.reports) == 3
    figures = _count(archive, schema.figures)
    assert run("check", str(first / "batch_a.docx"), "--archive", archive).returncode in (0, 1)
    assert (_count(archive, schema.reports), _count(archive, schema.figures)) == (3, figures)


def test_history_shows_a_cluster_year_by_year_with_its_old_name(archive, years, tmp_path):
    first, second, _ = years
    for folder in (first, second):
        run("batch", str(folder), "-o", str(tmp_path / f"{folder.name}.json"), "--archive", archive)
    proc = run("history", "衡阳", "--archive", archive, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data["names"]) == {HENGYANG, "衡阳市输变电装备产业集群"} and len(data["reports"]) == 2
    assert data["years"] == ["2021", "2022", "2023"]
    proc = run("history", "长沙智能汽车", "--archive", archive)
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("集群总产值"))
    assert line.split()[2:] == ["1180.5", "1380.0*", "1432.9"]  # 1326.8 × 1.08 → 1432.9
    assert "此前《prelim_advanced_split_clean.docx》填1326.8" in proc.stdout
    proc = run("history", "不存在的集群", "--archive", archive)
    assert proc.returncode == 2 and "档案中有" in proc.stderr and "Traceback" not in proc.stderr


def test_history_workbook_has_the_figures_and_a_chart_per_key_indicator(archive, years, tmp_path):
    from openpyxl import load_workbook

    first, second, _ = years
    for folder in (first, second):
        run("batch", str(folder), "-o", str(tmp_path / f"{folder.name}.json"), "--archive", archive)
    out = tmp_path / "长沙历年.xlsx"
    proc = run("history", CHANGSHA, "--archive", archive, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["历年数据", "趋势图", "来源"]
    data = book["历年数据"]
    rows = {r[1]: r for r in data.iter_rows(min_row=2, values_only=True)}
    assert rows["集群总产值"][3:6] == (1180.5, 1380, 1432.9)
    assert data.cell(row=2, column=5).fill.fgColor.rgb.endswith("FFE699")  # 2022 restated: amber
    charts = book["趋势图"]._charts
    titles = {c.title.tx.rich.p[0].r[0].t for c in charts}
    assert {"集群总产值（亿元）", "企业数量（个）", "集群从业人员数量（人）"} <= titles


def _copy_with_title(source: Path, target: Path, title: str) -> None:
    """The same report in a file of its own (another content hash), as a re-saved draft is."""
    document = docx.Document(str(source))
    document.core_properties.title = title
    document.save(str(target))


def test_a_newer_version_supersedes_the_older_which_stays_in_history(archive, tmp_path):
    older, newer = tmp_path / "长沙_初稿.docx", tmp_path / "长沙_定稿.docx"
    _copy_with_title(SAMPLES / "prelim_advanced_split_clean.docx", older, "初稿")
    _copy_with_title(SAMPLES / "prelim_advanced_split_clean.docx", newer, "定稿")
    assert run("check", str(older), "--archive", archive).returncode in (0, 1)
    assert run("check", str(newer), "--archive", archive).returncode in (0, 1)
    data = json.loads(run("history", CHANGSHA, "--archive", archive, "--format", "json").stdout)
    assert [(r["file"], r["current"]) for r in data["reports"]] == [(older.name, False), (newer.name, True)]


def test_grade_takes_last_year_from_the_archive(archive, tmp_path, capsys):
    from test_grade import ADV, grade, read_csv, write_csv

    last = write_csv(tmp_path / "2025.csv", [("益阳电子电路板产业集群", ADV, 95), ("B", ADV, 90), ("C", ADV, 70),
                                             ("D", ADV, 65), ("E", ADV, 62)])
    code, _, err = grade(capsys, str(last), "-o", str(tmp_path / "2025等次.csv"), "--archive", archive,
                         "--year", "2025")
    assert code == 0 and "2025年的等次（5个集群）" in err
    this = write_csv(tmp_path / "2026.csv", [("益阳市电子电路板产业集群", ADV, 96), ("B", ADV, 60.5), ("C", ADV, 88),
                                             ("D", ADV, 70), ("E", ADV, 61)])
    code, _, err = grade(capsys, str(this), "-o", str(tmp_path / "2026等次.csv"), "--archive", archive,
                         "--year", "2026")
    assert code == 0, err
    result = read_csv(tmp_path / "2026等次.csv")
    # 2025 (5 clusters: 1 优秀, up to 3rd 良好): 益阳 优秀, B 良好, C 良好, D/E 合格.
    # 2026: 益阳 优秀, C 良好, D 良好, E/B 合格 — stars by 第十六条, the renamed 益阳 matched.
    assert result["益阳市电子电路板产业集群"]["上年等次"] == "优秀"
    assert result["益阳市电子电路板产业集群"]["星级"] == "五星"
    assert (result["C"]["上年等次"], result["C"]["星级"]) == ("良好", "三星")
    assert (result["B"]["上年等次"], result["B"]["星级"]) == ("良好", "二星")
    code, _, err = grade(capsys, str(this), "-o", str(tmp_path / "2024.csv"), "--archive", archive, "--year", "2024")
    assert code == 0 and "档案库中没有2023年的等次" in err


def _distinct_copies(folder: Path, count: int, prefix: str) -> None:
    folder.mkdir()
    for i in range(count):
        _copy_with_title(SAMPLES / "batch" / "batch_b.docx", folder / f"{prefix}{i:02d}.docx", f"{prefix}{i}")


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_batches_writing_at_once_lose_nothing(backend, tmp_path):
    [url] = list(new_archive(backend, tmp_path)) if backend == "sqlite" else [None]
    cleanup = None
    if url is None:
        cleanup = new_archive(backend, tmp_path)
        url = next(cleanup)
    try:
        _distinct_copies(tmp_path / "甲", 8, "甲")
        _distinct_copies(tmp_path / "乙", 8, "乙")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        procs = [subprocess.Popen([sys.executable, "-m", "reportcheck", "batch", str(tmp_path / name), "-o",
                                   str(tmp_path / f"{name}.json"), "--jobs", "1", "--archive", url],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for name in ("甲", "乙")]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            assert proc.returncode in (0, 1), err
        assert _count(url, schema.reports) == 16
        engine = create_engine(archive_url(url))
        with engine.connect() as conn:
            per_report = conn.execute(select(schema.figures.c.report_id, func.count()).group_by(
                schema.figures.c.report_id)).all()
            current = conn.execute(select(func.count()).select_from(schema.reports).where(
                schema.reports.c.superseded_by.is_(None))).scalar_one()
        engine.dispose()
        assert len(per_report) == 16 and len({n for _, n in per_report}) == 1  # every report whole
        assert current == 1  # sixteen versions of one report: the last recorded is the current one
    finally:
        if cleanup is not None:
            next(cleanup, None)


def test_a_failed_write_leaves_no_half_written_report(tmp_path):
    from reportcheck.archive.store import ArchiveError, open_archive
    from reportcheck.archived import Entry
    from test_history_rules import _snapshot

    store = open_archive(archive_url(str(tmp_path / "a.sqlite3")))
    snap = _snapshot({"basic": {"cluster_name": CHANGSHA}, "indicators": {"total_output": {"2021": 1.0, "2022": 2.0}}},
                     "坏.docx")
    snap.entries.append(Entry(kind="enterprise", key="k", name=None))  # type: ignore[arg-type]  # fails mid-write
    with pytest.raises(ArchiveError):
        store.record(snap)
    assert [_count(str(tmp_path / "a.sqlite3"), t) for t in (schema.reports, schema.figures)] == [0, 0]


@pytest.mark.skipif(sys.platform == "win32", reason="kills the batch's process group: POSIX")
def test_a_killed_batch_leaves_whole_reports_only(tmp_path):
    _distinct_copies(tmp_path / "收件", 12, "件")
    db = tmp_path / "档案.sqlite3"
    proc = subprocess.Popen([sys.executable, "-m", "reportcheck", "batch", str(tmp_path / "收件"), "-o",
                             str(tmp_path / "out.json"), "--jobs", "2", "--archive", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=0.1) as conn:
                    if conn.execute("SELECT count(*) FROM reports").fetchone()[0] >= 1:
                        break
            except sqlite3.OperationalError:  # not migrated yet, or locked for a moment
                pass
        time.sleep(0.002)
    with contextlib.suppress(ProcessLookupError):  # it may have finished already: then all is whole
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = conn.execute("SELECT r.id, count(f.id) FROM reports r LEFT JOIN figures f ON f.report_id = r.id "
                              "GROUP BY r.id").fetchall()
    assert counts and len({n for _, n in counts}) == 1 and counts[0][1] > 50  # each report has all its figures


def test_a_bad_archive_is_one_line_and_exit_2(tmp_path):
    proc = run("check", str(SAMPLES / "prelim_advanced_split_clean.docx"), "--archive",
               "postgresql://nobody:secret@127.0.0.1:1/none")
    assert proc.returncode == 2 and "无法打开档案库" in proc.stderr
    assert "secret" not in proc.stderr and "Traceback" not in proc.stderr
    blocked = tmp_path / "文件"
    blocked.write_text("x", encoding="utf-8")
    proc = run("check", str(SAMPLES / "prelim_advanced_split_clean.docx"), "--archive", str(blocked / "a.sqlite3"))
    assert proc.returncode == 2 and "档案库" in proc.stderr and "Traceback" not in proc.stderr


def test_the_migrations_build_the_schema_the_code_uses(archive):
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from reportcheck.archive import store

    opened = store.open_archive(archive_url(archive))
    with opened.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    config = Config()
    config.set_main_option("script_location", str(Path(store.__file__).parent / "migrations"))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_current_head() == store.HEAD
    assert [r.revision for r in reversed(list(scripts.walk_revisions()))] == list(store.REVISIONS)
    opened.close()


def test_the_default_archive_is_in_the_users_data_folder_and_only_when_asked(tmp_path):
    sample = str(SAMPLES / "prelim_advanced_split_clean.docx")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "XDG_DATA_HOME": str(tmp_path / "data"),
           "LOCALAPPDATA": str(tmp_path / "data"), "HOME": str(tmp_path / "home")}
    env.pop("REPORTCHECK_ARCHIVE", None)

    def check(*extra: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "reportcheck", "check", sample, *extra], capture_output=True,
                              text=True, env=env, cwd=cwd, timeout=120)

    assert check().returncode == 0
    assert not (tmp_path / "data").exists() and not (tmp_path / "home").exists()  # not asked: nothing kept
    proc = check("--archive")
    assert proc.returncode == 0, proc.stderr
    kept = tmp_path / "data" / "reportcheck" / "archive.sqlite3"
    if sys.platform == "darwin":
        kept = tmp_path / "home" / "Library" / "Application Support" / "reportcheck" / "archive.sqlite3"
    assert kept.is_file() and str(kept) in proc.stderr and _count(str(kept), schema.reports) == 1
    project = tmp_path / "科室"
    project.mkdir()
    (project / "reportcheck.toml").write_text('archive = "档案/集群.sqlite3"\n', encoding="utf-8")
    assert check(cwd=project).returncode == 0  # the config keeps every check, beside itself
    assert _count(str(project / "档案" / "集群.sqlite3"), schema.reports) == 1


def test_grade_needs_the_year_and_keeps_a_years_grades_unless_forced(tmp_path, capsys):
    from test_grade import ADV, grade, write_csv

    scores = write_csv(tmp_path / "得分.csv", [("A", ADV, 90), ("B", ADV, 80)])
    db = str(tmp_path / "档案.sqlite3")
    code, _, err = grade(capsys, str(scores), "-o", str(tmp_path / "a.csv"), "--archive", db)
    assert code == 2 and "--year" in err
    assert grade(capsys, str(scores), "-o", str(tmp_path / "a.csv"), "--archive", db, "--year", "2025")[0] == 0
    code, _, err = grade(capsys, str(scores), "-o", str(tmp_path / "b.csv"), "--archive", db, "--year", "2025")
    assert code == 2 and "已有2025年的等次（2个集群）" in err and not (tmp_path / "b.csv").exists()
    assert grade(capsys, str(scores), "-o", str(tmp_path / "b.csv"), "--archive", db, "--year", "2025",
                 "--force")[0] == 0


def test_a_report_without_a_cluster_name_is_kept_but_never_compared(tmp_path):
    from reportcheck.archive.record import archive_snapshots
    from reportcheck.archive.store import open_archive
    from reportcheck.rules import load_pack
    from reportcheck.settings import Settings
    from test_history_rules import _snapshot

    store = open_archive(archive_url(str(tmp_path / "a.sqlite3")))
    top = {"top10_revenue": [{"name": "株洲中轨电力机车股份有限公司"}]}
    earlier = _snapshot({"basic": {"cluster_name": "株洲轨道交通装备产业集群"}, "lists": top,
                         "indicators": {"total_output": {"2021": 100.0, "2022": 110.0}}}, "株洲_2023.docx")
    nameless = _snapshot({"years": ["2022", "2023"], "lists": top,
                          "indicators": {"total_output": {"2022": 120.0, "2023": 130.0}}}, "未填名称_2024.docx")
    found: dict[int, list] = {}
    archive_snapshots({0: earlier, 1: nameless}, store, Settings(), load_pack("hunan_competition_2023"),
                      lambda index, issues: found.setdefault(index, issues))
    assert found == {0: [], 1: []}
    assert _count(str(tmp_path / "a.sqlite3"), schema.reports) == 2


def test_an_archive_address_never_shows_its_password(tmp_path):
    sample = str(SAMPLES / "prelim_advanced_split_clean.docx")
    for address in ("my-pg://user:s3cret@host/db", "postgresql:/user:s3cret@host/db", "mysql://user:s3cret@host/db",
                    "postgresql://user:s3cret@host:port/db"):
        proc = run("check", sample, "--archive", address, cwd=tmp_path)
        assert proc.returncode == 2, (address, proc.stderr)
        assert "档案库" in proc.stderr and "s3cret" not in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []  # a mistyped address is not taken for a folder to create


def test_an_archive_of_a_newer_version_is_refused_with_what_to_do(tmp_path):
    db = tmp_path / "档案.sqlite3"
    sample = str(SAMPLES / "prelim_advanced_split_clean.docx")
    assert run("check", sample, "--archive", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    proc = run("check", sample, "--archive", str(db))
    assert proc.returncode == 2 and "升级reportcheck" in proc.stderr and "Traceback" not in proc.stderr


def test_the_bundled_second_year_gives_what_its_maker_planted(archive, tmp_path):
    """The README's two-year example: samples/batch, then samples/archive (scripts/make_archive_samples.py
    wrote the reports and expected.json, the truth)."""
    truth = json.loads((SAMPLES / "archive" / "expected.json").read_text("utf-8"))
    for folder, out in ((truth["first_year"], "1.json"), (truth["second_year"], "2.json")):
        proc = run("batch", str(SAMPLES.parent / folder), "-o", str(tmp_path / out), "--archive", archive)
        assert proc.returncode in (0, 1), proc.stderr
    found = [(name, i) for name, issues in _history_findings(tmp_path / "2.json").items() for i in issues]
    assert sorted((name, i["code"]) for name, i in found) == sorted((f["file"], f["code"]) for f in truth["findings"])
    for name, issue in found:
        planted = next(f for f in truth["findings"] if (f["file"], f["code"]) == (name, issue["code"]))
        if issue["code"] == "HY001":
            assert (issue["args"]["label"], issue["args"]["year"]) == (planted["label"], planted["year"])
            assert (issue["args"]["old"], issue["args"]["value"]) == (planted["old"], planted["new"])
        else:
            assert planted["what"] in issue["message"] and planted["other_cluster"] in issue["message"]
    [(old, new)] = truth["renamed"].items()
    data = json.loads(run("history", new, "--archive", archive, "--format", "json").stdout)
    assert set(data["names"]) == {old, new}


@NEEDS_OCR
def test_a_reports_scan_never_replaces_its_word_file(tmp_path):
    """The stamped scan of a report (read by OCR) is kept behind the Word file, whichever came first."""
    word, scan = SAMPLES / "prelim_advanced_merged_clean.docx", SCANNED / "prelim_advanced_merged_clean.scan.pdf"
    for first, second in ((word, scan), (scan, word)):
        db = str(tmp_path / f"{first.suffix[1:]}_first.sqlite3")
        for path in (first, second):
            assert run("check", str(path), "--archive", db).returncode in (0, 1)
        data = json.loads(run("history", "长沙智能汽车产业集群", "--archive", db, "--format", "json").stdout)
        assert {r["file"]: r["current"] for r in data["reports"]} == {word.name: True, scan.name: False}


def test_a_history_rule_that_fails_is_one_finding_and_the_others_still_run(tmp_path, monkeypatch):
    from dataclasses import replace as replaced

    from reportcheck.archive import record
    from reportcheck.archive.store import open_archive
    from reportcheck.rules import load_pack
    from reportcheck.settings import Settings
    from test_history_rules import _snapshot

    def broken(snap, history, pack):
        raise ZeroDivisionError("planted")

    rules = list(record.HISTORY_RULES)
    rules[2] = replaced(rules[2], check=broken)  # HY003 breaks; HY001 must still find the restatement
    monkeypatch.setattr(record, "HISTORY_RULES", tuple(rules))
    store = open_archive(archive_url(str(tmp_path / "a.sqlite3")))
    basic = {"cluster_name": CHANGSHA}
    earlier = _snapshot({"basic": basic, "indicators": {"total_output": {"2021": 1180.5, "2022": 1326.8}}}, "a.docx")
    later = _snapshot({"years": ["2022", "2023"], "basic": basic,
                       "indicators": {"total_output": {"2022": 1380.0, "2023": 1432.9}}}, "b.docx")
    found: dict[int, list] = {}
    record.archive_snapshots({0: earlier, 1: later}, store, Settings(), load_pack("hunan_competition_2023"),
                             lambda index, issues: found.setdefault(index, issues))
    assert sorted((i.code, i.field) for i in found[1]) == [("HY001", "集群总产值"), ("X020", "HY003")]


@pytest.mark.skipif(sys.platform == "win32", reason="the TZ variable sets the local time zone on POSIX")
def test_times_kept_in_utc_are_shown_in_local_time():
    """SQLite gives a stored moment back without its zone: 2026-01-01 23:30 UTC is 1月2日 in Beijing."""
    script = ("from datetime import datetime; from reportcheck.archived import Snapshot; "
              "s = Snapshot(content_hash='', file_name='a.docx', file_path='', cluster_name=None, category=None, "
              "stage='初赛', template='', years=['2021', '2022'], pack='', checked_at=datetime(2026, 1, 1, 23, 30)); "
              "print(s.described())")
    env = {**os.environ, "TZ": "Asia/Shanghai", "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert "2026-01-02检查" in out.stdout, out.stderr


def test_the_archive_is_never_one_of_the_inputs(tmp_path, capsys):
    import hashlib

    from test_grade import ADV, grade, write_csv

    report = tmp_path / "报告.docx"
    shutil.copy(SAMPLES / "prelim_advanced_split_clean.docx", report)
    scores = write_csv(tmp_path / "得分.csv", [("A", ADV, 90)])
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (report, scores)}
    for command in (["check", str(report)], ["batch", str(tmp_path), "-o", str(tmp_path / "out.json")],
                    ["score", str(report), "-o", str(tmp_path / "评分.xlsx")]):
        proc = run(*command, "--archive", str(report))
        assert proc.returncode == 2 and "输入文件不会被改动" in proc.stderr, (command, proc.stderr)
    code, _, err = grade(capsys, str(scores), "-o", str(tmp_path / "等次.csv"), "--archive", str(scores),
                         "--year", "2025")
    assert code == 2 and "输入文件不会被改动" in err
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (report, scores)} == before
