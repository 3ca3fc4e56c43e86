"""``reportcheck grade``: 第十条 grades, 第十六条 stars, 第十七条 labels, every open case under both settings,
bad input (one line naming the row, exit 2, nothing written) and the written workbook. Every expected
grade below is worked out by hand from the rules, not taken from the program."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from reportcheck.commands import grade as command
from reportcheck.grading.policy import load_policy

ADV = "省级先进制造业集群"
SME = "省级中小企业特色产业集群"
HEADER = ("集群名称", "组别", "得分")


def grade(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="reportcheck")
    command.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["grade", *argv])
    code = command.run(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_csv(path: Path, rows: list[tuple], header: tuple[str, ...] = HEADER, bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[tuple], header: tuple[str, ...] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {r["集群名称"]: r for r in csv.DictReader(handle)}


def policy_file(tmp_path: Path, **settings: object) -> Path:
    data = json.loads((Path(__file__).parents[1] / "schemas/grading/hunan_monitoring_2025.json").read_text("utf-8"))
    data.update(settings)
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def grades_of(capsys, tmp_path: Path, rows: list[tuple], *options: str) -> dict[str, str]:
    scores = write_csv(tmp_path / "scores.csv", rows)
    out = tmp_path / "out.csv"
    code, _, err = grade(capsys, str(scores), "-o", str(out), "--force", *options)
    assert code == 0, err
    return {name: r["等次"] for name, r in read_csv(out).items()}


# 第十条 on a group of 10: 20 % is 2 places, 50 % is 5; the rest 合格 above 60, 不合格 below.
TEN = [("A", ADV, 95), ("B", ADV, 90), ("C", ADV, 85), ("D", ADV, 80), ("E", ADV, 75),
       ("F", ADV, 70), ("G", ADV, 65), ("H", ADV, 61), ("I", ADV, 59), ("J", ADV, 50)]
TEN_GRADES = {"A": "优秀", "B": "优秀", "C": "良好", "D": "良好", "E": "良好",
              "F": "合格", "G": "合格", "H": "合格", "I": "不合格", "J": "不合格"}


def test_article_10_bands_each_group_ranked_on_its_own(capsys, tmp_path):
    rows = [*reversed(TEN), ("S1", SME, 40.5), ("S2", SME, 88), ("S3", SME, 77.25)]
    scores = write_csv(tmp_path / "scores.csv", rows, bom=False)
    out = tmp_path / "grades.csv"
    code, stdout, err = grade(capsys, str(scores), "-o", str(out))
    assert code == 0, err
    result = read_csv(out)
    assert {n: r["等次"] for n, r in result.items() if n in TEN_GRADES} == TEN_GRADES
    assert [result[n]["组内排名"] for n in "ABCDEFGHIJ"] == [str(i) for i in range(1, 11)]
    # SME group of 3: 20 % = 0.6 → 1 place, 50 % = 1.5 → 2 places (四舍五入); 40.5 is below 60.
    assert {n: result[n]["等次"] for n in ("S2", "S3", "S1")} == {"S2": "优秀", "S3": "良好", "S1": "不合格"}
    assert result["S3"]["得分"] == "77.25"
    assert "星级" not in next(iter(result.values()))
    assert "已评定 13 个集群" in stdout


def test_xlsx_input_and_output_opened_with_openpyxl(capsys, tmp_path):
    scores = write_xlsx(tmp_path / "scores.xlsx", TEN)
    out = tmp_path / "grades.xlsx"
    code, _, err = grade(capsys, str(scores), "-o", str(out))
    assert code == 0, err
    book = load_workbook(out)
    sheet = book["等次"]
    header = [c.value for c in sheet[1]]
    assert header == ["集群名称", "组别", "得分", "组内排名", "等次", "说明"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:F{len(TEN) + 1}"
    assert sheet.column_dimensions["B"].width >= 2 * len(ADV)
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {n: v[4] for n, v in values.items()} == TEN_GRADES
    assert values["A"][2] == 95 and values["A"][3] == 1
    basis = {row[0]: row[1] for row in book["评定依据"].iter_rows(min_row=2, values_only=True)}
    assert "第十条" in basis["依据"] and basis["同分跨越名额线"] == "同享较好等次"  # words, not identifiers
    assert not any(str(key).isascii() or "_" in str(value) for key, value in basis.items())
    fills = {row[0].value: row[4].fill.fgColor.rgb for row in sheet.iter_rows(min_row=2)}
    assert fills["A"].endswith("C6EFCE") and len({fills[n] for n in values if TEN_GRADES[n] == "良好"}) == 1


# Open case: exactly 60 (合格 needs 高于60, 不合格 is 低于60). Group of 10 as TEN, H scoring 60.
def test_exactly_60_is_pass_by_default_and_fail_by_setting(capsys, tmp_path):
    rows = [r if r[0] != "H" else ("H", ADV, 60) for r in TEN]
    assert grades_of(capsys, tmp_path, rows)["H"] == "合格"
    strict = policy_file(tmp_path, at_pass_mark="不合格")
    assert grades_of(capsys, tmp_path, rows, "--policy", str(strict))["H"] == "不合格"
    assert "恰为60分" in read_csv(tmp_path / "out.csv")["H"]["说明"]


# Open case: ties across a line. Group of 5: 优秀 1 place (1.0), 良好 to place 3 (2.5 → 3).
TIED = [("P", ADV, 90), ("Q", ADV, 90), ("R", ADV, 80), ("S", ADV, 70), ("T", ADV, 65)]


def test_tie_across_the_line_shares_the_better_grade_by_default(capsys, tmp_path):
    assert grades_of(capsys, tmp_path, TIED) == {"P": "优秀", "Q": "优秀", "R": "良好", "S": "合格", "T": "合格"}
    result = read_csv(tmp_path / "out.csv")
    assert [result[n]["组内排名"] for n in "PQRST"] == ["1", "1", "3", "4", "5"]
    assert "同分跨越优秀线" in result["P"]["说明"]


def test_tie_across_the_line_shares_the_worse_grade_by_setting(capsys, tmp_path):
    worse = policy_file(tmp_path, ties="share_worse")
    got = grades_of(capsys, tmp_path, TIED, "--policy", str(worse))
    assert got == {"P": "良好", "Q": "良好", "R": "良好", "S": "合格", "T": "合格"}


# Open case: 20 % / 50 % of 7 = 1.4 / 3.5 places.
SEVEN = [(n, ADV, s) for n, s in zip("ABCDEFG", (100, 95, 90, 85, 80, 75, 70), strict=True)]


@pytest.mark.parametrize(("rounding", "expected"), [
    (None, "优良良良合合合"),       # default half_up: 1.4 → 1, 3.5 → 4
    ("half_up", "优良良良合合合"),
    ("floor", "优良良合合合合"),    # 1, 3
    ("ceil", "优优良良合合合"),     # 2, 4
])
def test_quota_rounding_for_a_group_of_seven(capsys, tmp_path, rounding, expected):
    options = ("--policy", str(policy_file(tmp_path, quota_rounding=rounding))) if rounding else ()
    short = {"优秀": "优", "良好": "良", "合格": "合", "不合格": "不"}
    got = grades_of(capsys, tmp_path, SEVEN, *options)
    assert "".join(short[got[n]] for n in "ABCDEFG") == expected


# Open case: a top-ranked score below 60. Group of 5: 优秀 place 1, 良好 places 2–3.
LOW = [("V", ADV, 59), ("W", ADV, 55), ("X", ADV, 50), ("Y", ADV, 45), ("Z", ADV, 40)]


def test_top_score_below_60_fails_by_default(capsys, tmp_path):
    assert set(grades_of(capsys, tmp_path, LOW).values()) == {"不合格"}
    assert "名额不顺延" in read_csv(tmp_path / "out.csv")["V"]["说明"]


def test_top_score_below_60_keeps_its_rank_by_setting(capsys, tmp_path):
    keep = policy_file(tmp_path, below_pass_mark_in_top="keep_rank")
    got = grades_of(capsys, tmp_path, LOW, "--policy", str(keep))
    assert got == {"V": "优秀", "W": "良好", "X": "良好", "Y": "不合格", "Z": "不合格"}


# 第十六条 / 第十七条: this year is TEN (A…J as TEN_GRADES); last year's 等次 chosen per pair.
LAST_YEAR = {"A": "优秀", "B": "良好", "C": "良好", "D": "合格", "E": "优秀", "F": "优秀", "G": "合格",
             "H": "不合格", "I": "优秀"}  # J has no row last year
STARS = {  # (this year, last year) → star, label
    "A": ("五星", "金标"),   # 优 + 优
    "B": ("四星", "银标"),   # 优 + 良
    "C": ("三星", "铜标"),   # 良 + 良
    "D": ("二星", ""),       # 良 + 合格
    "E": ("四星", "银标"),   # 良 + 优 (order does not matter)
    "F": ("三星", "铜标"),   # 合格 + 优
    "G": ("一星", ""),       # 合格 + 合格
    "H": ("", ""),           # 合格 + 不合格
    "I": ("", ""),           # 不合格 + 优
    "J": ("", ""),           # no previous row
}


def check_stars(result: dict[str, dict[str, str]]) -> None:
    assert {n: (r["星级"], r["促进组织标级"]) for n, r in result.items()} == STARS
    assert {n: r["上年等次"] for n, r in result.items() if r["上年等次"]} == LAST_YEAR
    assert "上年无此集群" in result["J"]["说明"]
    assert "不评星级" in result["H"]["说明"] and "不评星级" in result["I"]["说明"]


def test_stars_and_labels_from_a_previous_table_with_grades(capsys, tmp_path):
    previous = write_csv(tmp_path / "2024.csv", [(n, ADV, g) for n, g in LAST_YEAR.items()],
                         ("集群名称", "组别", "等次"))
    scores = write_csv(tmp_path / "2025.csv", TEN)
    out = tmp_path / "out.csv"
    code, _, err = grade(capsys, str(scores), "--previous", str(previous), "-o", str(out))
    assert code == 0, err
    check_stars(read_csv(out))


def test_previous_year_given_as_scores_is_graded_with_the_same_rules(capsys, tmp_path):
    # Last year as scores, group of 10 (2 优秀, to place 5 良好): the scores put A,E 优秀 … as LAST_YEAR.
    last_scores = [("A", ADV, 99), ("E", ADV, 98), ("B", ADV, 90), ("C", ADV, 88), ("F", ADV, 87),
                   ("D", ADV, 70), ("G", ADV, 65), ("H", ADV, 50), ("I", ADV, 45), ("K", ADV, 80)]
    # By hand: A, E 优秀; B, C, F 良好 (places 3–5) — F is not 优秀 here, so F: 合格 + 良好 = 二星.
    previous = write_csv(tmp_path / "2024.csv", last_scores)
    scores = write_csv(tmp_path / "2025.csv", TEN)
    out = tmp_path / "out.csv"
    code, _, err = grade(capsys, str(scores), "--previous", str(previous), "-o", str(out))
    assert code == 0, err
    result = read_csv(out)
    assert (result["F"]["上年等次"], result["F"]["星级"], result["F"]["促进组织标级"]) == ("良好", "二星", "")
    assert (result["A"]["星级"], result["E"]["星级"], result["C"]["星级"]) == ("五星", "四星", "三星")
    assert "K" not in result  # only last year's


def test_a_previous_grade_output_is_read_back_as_last_year(capsys, tmp_path):
    # Last year's own run: TEN's scores give TEN_GRADES; this year the same, so each pair is a grade twice.
    last = write_xlsx(tmp_path / "2024_scores.xlsx", TEN)
    last_out = tmp_path / "2024_grades.xlsx"
    assert grade(capsys, str(last), "-o", str(last_out))[0] == 0
    this_year = write_csv(tmp_path / "2025.csv", TEN)  # same grades again: 优+优, 良+良, 合格+合格, 不+不
    out = tmp_path / "2025_grades.xlsx"
    code, _, err = grade(capsys, str(this_year), "--previous", str(last_out), "-o", str(out))
    assert code == 0, err
    rows = {r[0]: r for r in load_workbook(out)["等次"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in load_workbook(out)["等次"][1]]
    star, label = header.index("星级"), header.index("促进组织标级")
    assert {n: (r[star] or "", r[label] or "") for n, r in rows.items()} == {
        "A": ("五星", "金标"), "B": ("五星", "金标"), "C": ("三星", "铜标"), "D": ("三星", "铜标"),
        "E": ("三星", "铜标"), "F": ("一星", ""), "G": ("一星", ""), "H": ("一星", ""), "I": ("", ""), "J": ("", "")}


# Open case: a cluster that changed group. Last year 培育对象 with 优秀; this year A is 优秀 in ADV.
def changed_group(capsys, tmp_path: Path, *options: str) -> dict[str, str]:
    previous = write_csv(tmp_path / "2024.csv", [("A", "省级先进制造业集群培育对象", "优秀"), ("B", ADV, "优秀")],
                         ("集群名称", "组别", "等次"))
    scores = write_csv(tmp_path / "2025.csv", TEN)
    out = tmp_path / "out.csv"
    code, _, err = grade(capsys, str(scores), "--previous", str(previous), "-o", str(out), "--force", *options)
    assert code == 0, err
    return read_csv(out)["A"]


def test_changed_group_still_compares_grades_by_default(capsys, tmp_path):
    row = changed_group(capsys, tmp_path)
    assert (row["星级"], row["促进组织标级"]) == ("五星", "金标")
    assert "组别由省级先进制造业集群培育对象变为省级先进制造业集群" in row["说明"]


def test_changed_group_gets_no_star_by_setting(capsys, tmp_path):
    row = changed_group(capsys, tmp_path, "--policy", str(policy_file(tmp_path, changed_group="none")))
    assert (row["上年等次"], row["星级"], row["促进组织标级"]) == ("优秀", "", "")
    assert "不评星级" in row["说明"]


# Bad input: one line naming the file row and what to do, exit 2, nothing written.
@pytest.mark.parametrize(("rows", "header", "expected"), [
    ([("A", ADV, 90)], ("集群名称", "得分"), "缺少列：组别"),
    ([("A", ADV, 90), ("B", "省级集群", 80)], HEADER, "第3行：组别“省级集群”"),
    ([("A", ADV, 90), ("B", ADV, 80), ("C", ADV, 111)], HEADER, "第4行：得分 111 超出 0–110"),
    ([("A", ADV, -1)], HEADER, "第2行：得分 -1 超出"),
    ([("A", ADV, "九十")], HEADER, "第2行：得分“九十”不是数字"),
    ([("A", ADV, 90), ("B", ADV, 80), ("A", ADV, 70)], HEADER, "第4行：集群“A”与第2行重复"),
    ([("A", ADV, 90), ("A", SME, 70)], HEADER, "第3行：集群“A”与第2行重复"),
    ([("A", ADV, 90), ("", ADV, 70)], HEADER, "第3行：集群名称为空"),
])
def test_bad_scores_name_the_row_and_write_nothing(capsys, tmp_path, rows, header, expected):
    scores = write_csv(tmp_path / "scores.csv", rows, header)
    out = tmp_path / "out.xlsx"
    code, _, err = grade(capsys, str(scores), "-o", str(out))
    assert code == 2
    assert expected in err and " / " in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]


def test_bad_previous_file_names_its_row(capsys, tmp_path):
    previous = write_csv(tmp_path / "2024.csv", [("A", ADV, "优良")], ("集群名称", "组别", "等次"))
    scores = write_csv(tmp_path / "2025.csv", TEN)
    code, _, err = grade(capsys, str(scores), "--previous", str(previous), "-o", str(tmp_path / "o.csv"))
    assert code == 2 and "2024.csv 第2行：等次“优良”" in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("scores.xlsx", b"not a zip", "无法作为Excel工作簿打开"),
    ("scores.csv", "集群名称,组别,得分\nA,省级先进制造业集群,90\n".encode("gb18030"), "不是UTF-8编码"),
    ("scores.xls", b"x", "不支持的文件类型"),
    ("scores.csv", b"", "文件为空"),
])
def test_unreadable_files_are_one_line_and_exit_2(capsys, tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    code, _, err = grade(capsys, str(tmp_path / name), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and expected in err and "Traceback" not in err
    assert not (tmp_path / "out.csv").exists()


def test_missing_file_and_bad_policy_exit_2(capsys, tmp_path):
    code, _, err = grade(capsys, str(tmp_path / "nowhere.csv"), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and "无法读取" in err
    scores = write_csv(tmp_path / "scores.csv", TEN)
    bad = policy_file(tmp_path, ties="coin_toss")
    code, _, err = grade(capsys, str(scores), "-o", str(tmp_path / "out.csv"), "--policy", str(bad))
    assert code == 2 and "ties" in err
    assert not (tmp_path / "out.csv").exists()


def test_existing_output_needs_force_and_an_input_is_never_overwritten(capsys, tmp_path):
    scores = write_csv(tmp_path / "scores.csv", TEN)
    out = tmp_path / "out.csv"
    out.write_text("keep", encoding="utf-8")
    assert grade(capsys, str(scores), "-o", str(out))[0] == 2
    assert out.read_text(encoding="utf-8") == "keep"
    assert grade(capsys, str(scores), "-o", str(scores), "--force")[0] == 2
    assert grade(capsys, str(scores), "-o", str(out), "--force")[0] == 0
    assert read_csv(out)["A"]["等次"] == "优秀"
    assert grade(capsys, str(scores), "-o", str(tmp_path / "out.txt"))[0] == 2


def test_default_policy_is_the_shipped_data_file_with_its_source():
    policy = load_policy()
    assert "湘工信产业集聚〔2025〕131号" in policy.source
    assert (policy.at_pass_mark, policy.ties, policy.quota_rounding, policy.below_pass_mark_in_top,
            policy.changed_group) == ("合格", "share_better", "half_up", "fail", "compare")
    assert len(policy.groups) == 6


def test_help_documents_every_open_case():
    parser = argparse.ArgumentParser(prog="reportcheck")
    command.add_parser(parser.add_subparsers())
    text = parser._subparsers._group_actions[0].choices["grade"].format_help()
    for setting in ("at_pass_mark", "ties", "quota_rounding", "below_pass_mark_in_top", "changed_group", "--policy"):
        assert setting in text


def test_the_cli_runs_grade(tmp_path):
    from test_cli import run

    scores = tmp_path / "scores.csv"
    # five clusters: 20 % is 1 place (优秀), 50 % is 2.5, rounded half up to 3 places (良好 to place 3)
    lines = [("甲", 91), ("乙", 85), ("丙", 80), ("丁", 70), ("戊", 59)]
    scores.write_text("集群名称,组别,得分\n" + "".join(f"{n},省级先进制造业集群,{s}\n" for n, s in lines),
                      encoding="utf-8")
    out = tmp_path / "grades.csv"
    proc = run("grade", str(scores), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = [r.split(",") for r in out.read_text("utf-8-sig").splitlines()[1:]]
    assert [(r[0], r[3], r[4]) for r in rows] == [("甲", "1", "优秀"), ("乙", "2", "良好"), ("丙", "3", "良好"),
                                                  ("丁", "4", "合格"), ("戊", "5", "不合格")]
