"""``reportcheck grade``: the argparse subcommand. Only the standard library at module level, so the
CLI's ``--help`` stays fast; the grading modules load inside :func:`run`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reportcheck.commands.common import EXIT_OK, fail
from reportcheck.commands.limits import add_limit_options

if TYPE_CHECKING:
    from reportcheck.archive.store import Archive
    from reportcheck.grading.policy import Policy
    from reportcheck.grading.rules import Graded
    from reportcheck.runtime.supervisor import Limits

T = TypeVar("T")

_fail = partial(fail, command="grade")
_FORMATS = (".xlsx", ".csv")

EPILOG = """\
依据 / rules: 《湖南省产业集群监测办法（试行）》（湘工信产业集聚〔2025〕131号）
  第十条  六个组分别排序：前20%（含）优秀，前20%至前50%（含）良好，其余高于60分合格，低于60分不合格。
  第十六条 星级（两年等次，不分先后）：优+优 五星；优+良 四星；良+良、优+合格 三星；良+合格 二星；
          合格+合格 一星；含不合格不评。
  第十七条 促进组织标级：优+优 金标；优+良 银标；优+合格、良+良 铜标。

条文未明确的情形及默认政策（均可在 --policy 文件中修改）/ open cases, default policy:
  at_pass_mark=合格          恰为60分计为合格（不合格须“低于60分”）。可选：不合格。
                             A score of exactly 60 passes.
  ties=share_better          同分跨越名额线时同享较好等次（并列名次1、2、2、4，名额可能超出）。
                             可选 share_worse：同计较低等次。Tied scores share the better grade.
  quota_rounding=half_up     名额=组内集群数×百分比四舍五入：7个集群优秀1个（1.4）、良好到第4名（3.5）；
                             可选 floor（不足5个的组无优秀）、ceil。20 % of 7 rounds to 1 place.
  below_pass_mark_in_top=fail 名次在前20%/50%但低于合格线计为不合格，名额不顺延。可选 keep_rank。
                             A top-ranked score below 60 is 不合格.
  changed_group=compare      两年组别不同仍按两年等次评星级、标级，说明栏注明。可选 none：不评。
                             Stars compare 等次 even across a change of group.

输入 / input: .csv（UTF-8，可带BOM）或 .xlsx（第一个工作表），第一个非空行为表头，列：集群名称、组别、得分
  （得分0–110）。--previous 为上年同样的表，或上年 grade 的输出（有“等次”列时直接采用其等次）；
  没有 --previous 而有 --archive 时，上年等次取自档案库（上年用 grade --archive 评定时存入）。
输出 / output: 输入各列加 组内排名、等次；有 --previous 时加 上年等次、星级、促进组织标级；说明 列写明原因。
示例 / examples:
  reportcheck grade 得分.xlsx -o 等次.xlsx
  reportcheck grade 得分.xlsx --previous 上年等次.xlsx -o 等次.xlsx
  reportcheck grade 2025得分.xlsx --archive --year 2025 -o 等次.xlsx   # 上年等次取自档案，本年等次存入档案
退出码 / exit codes: 0 完成；2 输入或政策文件有误（指明行号，不写出任何文件）。
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "grade", help="按监测办法评定等次、星级、促进组织标级 / monitoring grades, stars and labels",
        description="按《湖南省产业集群监测办法（试行）》第十条、第十六条、第十七条评定等次、星级和促进组织标级。"
                    " Grade clusters by group (Art. 10), stars (Art. 16) and promotion-organisation labels (Art. 17).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scores", metavar="SCORES",
                        help="本年得分表 .csv 或 .xlsx（列：集群名称、组别、得分） / this year's scores")
    parser.add_argument("--previous", metavar="LAST_YEAR",
                        help="上年得分表或上年 grade 输出，用于星级和标级 / last year's scores or grade output")
    parser.add_argument("-o", "--output", required=True, help="结果文件 .xlsx 或 .csv / result file")
    parser.add_argument("--policy", metavar="PATH",
                        help="评定政策JSON文件，默认 schemas/grading/hunan_monitoring_2025.json / policy file")
    parser.add_argument("--force", action="store_true",
                        help="覆盖已有的结果文件，及档案库中该年已有的等次 / overwrite an existing output")
    parser.add_argument("--archive", nargs="?", const="default", metavar="FILE|URL",
                        help="档案库：把本年等次存入档案；没有 --previous 时从档案取上年等次 / "
                             "keep grades in the archive")
    parser.add_argument("--year", type=int, metavar="YEAR",
                        help="这些等次所属的监测年度（用 --archive 时必填），上年即此年减一 / "
                             "the year these grades are for")
    add_limit_options(parser, timeout=120.0)
    return parser


def run(args: argparse.Namespace) -> int:
    """Grade ``args.scores`` into ``args.output``: 0 when written, 2 on bad input (one line, nothing written)."""
    from reportcheck.archive.location import ArchiveError
    from reportcheck.grading.errors import GradeInputError

    try:
        return _run(args)
    except (GradeInputError, ArchiveError) as exc:
        return _fail(str(exc))


def _run(args: argparse.Namespace) -> int:
    from reportcheck.commands.limits import limits_of
    from reportcheck.grading import output as out
    from reportcheck.grading.policy import load_policy
    from reportcheck.grading.rules import compare_years, grade_all
    from reportcheck.grading.table import ScoreRow, read_previous, read_scores
    from reportcheck.output_guard import OutputRefused, check_output

    target = Path(args.output)
    inputs = [Path(p) for p in (args.scores, args.previous) if p]
    try:
        check_output(target, inputs, args.force, _FORMATS, "等次表（Excel或CSV）")
    except OutputRefused as exc:
        return _fail(str(exc))
    try:
        limits = limits_of(args)
    except ValueError as exc:
        return _fail(str(exc))
    policy = load_policy(Path(args.policy) if args.policy else None)
    if args.archive and args.year is None:
        return _fail("--archive 需要同时给出 --year（这些等次所属的监测年度，如 --year 2025） / --archive needs --year")
    archive = _archive(args) if args.archive else None
    year = args.year or date.today().year
    if archive is not None and not args.force and (kept := archive.grades_of(year)):
        return _fail(f"档案库中已有{year}年的等次（{len(kept)}个集群）；确要替换请加 --force / "
                     "the archive holds that year's grades already")
    graded = grade_all(_read_limited(read_scores, args.scores, policy, limits), policy)
    compared = bool(args.previous)
    if args.previous:
        previous = _read_limited(read_previous, args.previous, policy, limits)
        last_year = grade_all(previous, policy) if previous and isinstance(previous[0], ScoreRow) else previous
        compare_years(graded, last_year, policy)
    elif archive is not None:
        compared = _compare_with_archive(graded, archive, year, policy)
    try:
        out.write(target, graded, compared, policy)
    except OSError as exc:
        return _fail(f"无法写入 {target}（{exc.strerror or exc}），请检查权限和磁盘空间 / cannot write the output")
    if archive is not None:
        _keep(graded, archive, year, Path(args.scores).name)
    counts = "、".join(f"{g}{sum(x.grade == g for x in graded)}" for g in ("优秀", "良好", "合格", "不合格"))
    print(f"已评定 {len(graded)} 个集群（{counts}）。结果：{target}")
    return EXIT_OK


def _archive(args: argparse.Namespace) -> Archive:
    from reportcheck.archive.location import archive_url
    from reportcheck.archive.store import open_archive
    from reportcheck.grading.errors import GradeInputError
    from reportcheck.output_guard import check_not_an_input

    try:
        url = archive_url(args.archive)
        if url.get_backend_name() == "sqlite" and url.database:
            check_not_an_input(Path(url.database), [p for p in (args.scores, args.previous) if p],
                               "请用 --archive 指定档案库文件")
        archive = open_archive(url)
    except ValueError as exc:  # ArchiveError, OutputRefused
        raise GradeInputError(str(exc)) from None
    archive.engine.dispose()  # the children that read the tables start without its connections
    return archive


def _compare_with_archive(graded: list[Graded], archive: Archive, year: int, policy: Policy) -> bool:
    """上年等次 from the archive's grades of ``year - 1`` (a cluster renamed a little still matched); False,
    said on stderr, when the archive has none for that year."""
    from reportcheck.archive.identity import identity_key
    from reportcheck.grading.rules import compare_years
    from reportcheck.grading.table import PublishedGrade

    kept = archive.grades_of(year - 1)
    if not kept:
        print(f"reportcheck grade: 档案库中没有{year - 1}年的等次，不评星级、标级（可用 --previous 给出上年等次表）",
              file=sys.stderr)
        return False
    names = {identity_key(g.row.name): g.row.name for g in graded}
    previous = [PublishedGrade(names.get(identity_key(k.name), k.name), k.group, k.grade, 0) for k in kept]
    compare_years(graded, previous, policy)
    print(f"上年等次取自档案库（{year - 1}年，{len(kept)}个集群）", file=sys.stderr)
    return True


def _keep(graded: list[Graded], archive: Archive, year: int, source: str) -> None:
    from reportcheck.archive.location import ArchiveError
    from reportcheck.archive.store import ArchivedGrade
    from reportcheck.grading.errors import GradeInputError

    rows = [ArchivedGrade(g.row.name, g.row.group, g.grade, float(g.row.score)) for g in graded]
    try:
        archive.record_grades(year, rows, source)
    except ArchiveError as exc:
        raise GradeInputError(str(exc)) from None
    print(f"已存入档案库：{year}年的等次（{len(rows)}个集群）", file=sys.stderr)


def _read_or_error(read: Callable[[Path, Policy], T], policy: Policy, name: str) -> object:
    """In the child: the table read, or the error saying why not (an exception would not come back)."""
    from reportcheck.grading.errors import GradeInputError

    try:
        return read(Path(name), policy)
    except GradeInputError as exc:
        return exc


def _read_limited(read: Callable[[Path, Policy], T], path: str, policy: Policy, limits: Limits) -> T:
    """``read(path, policy)`` in a child under the per-file limits, as ``check`` reads a report; a bad
    table or a limit passed is a :class:`GradeInputError` with its message."""
    from reportcheck.commands.limited import call_limited
    from reportcheck.errors import UnreadableInput
    from reportcheck.grading.errors import GradeInputError

    [result] = call_limited([path], partial(_read_or_error, read, policy), limits)
    if isinstance(result, UnreadableInput):
        raise GradeInputError(f"{path}：{result.zh} / {result.en}")
    if isinstance(result, GradeInputError):
        raise result
    return result

