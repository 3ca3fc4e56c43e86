"""``reportcheck score``: the argparse subcommand. Only the standard library at module level, so the
CLI's ``--help`` stays fast; the scoring modules load inside :func:`run`."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reportcheck.commands.common import EXIT_ABNORMAL, EXIT_OK, fail
from reportcheck.commands.limits import add_limit_options
from reportcheck.commands.options import add_archive_option, add_evidence_option, keep_in_archive, open_archive_of

if TYPE_CHECKING:
    from reportcheck.model import Report

_fail = partial(fail, command="score")

EPILOG = """\
评分方案 / schemes (schemas/scoring/，--scheme 名称或JSON文件路径):
  competition_review   竞赛实施办法第六条：集群产业基础（九个方面）、核心承载园区、促进组织、地方政府培育思路（默认）
  monitoring_advanced  监测办法第七条、第八条：发展水平×70% + 促进组织活跃度×30% + 加分(≤10) − 减分(≤10)
  官方分值和二级指标未公开，方案中的分值、二级指标和公式是本项目的建议，替换数据文件即可。
  The official weights and second-level items are not public; the schemes are a proposal, kept as data.

输出 / output: 第一个工作表“总表”（集群名称、组别、得分、组内排名……，可直接交给 reportcheck grade；
  组别请从下拉框选择），每份报告一个工作表：每个评分条目的佐证数据、相关问题、自动得分和专家评分（黄色）。
  得分、小计和总分均为Excel公式，专家填分后自动重算。
示例 / examples:
  reportcheck score 收件夹 -o 评分表.xlsx
  reportcheck score 收件夹 --scheme monitoring_advanced -o 评分表.xlsx --force
退出码 / exit codes: 0 已写出；2 方案或输入有误（不写出任何文件）。无法读取的报告在标准错误中逐个说明并跳过。
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "score", help="生成专家评分表（佐证数据预填、公式计分） / scoring sheets for expert review",
        description="按评分方案为每份报告生成评分表，预填报告中的佐证数据和检查发现的问题，总分为实时公式。"
                    " One scoring sheet per report, evidence pre-filled, totals as live formulas.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="FILE|DIR", help="报告文件或文件夹 / reports or folders")
    parser.add_argument("--scheme", metavar="NAME|PATH",
                        help="评分方案名称或JSON文件，默认 competition_review / scheme name or file")
    parser.add_argument("-o", "--output", required=True, help="评分表 .xlsx / the workbook to write")
    parser.add_argument("--force", action="store_true", help="覆盖已有的评分表 / overwrite an existing output")
    add_evidence_option(parser, batch=True)
    add_archive_option(parser)
    add_limit_options(parser, timeout=120.0)
    return parser


def run(args: argparse.Namespace) -> int:
    """Score ``args.inputs`` into ``args.output``: 0 when written, 2 on a bad scheme or input."""
    from reportcheck.scoring.errors import ScoreInputError

    try:
        return _run(args)
    except ScoreInputError as exc:
        return _fail(str(exc))


def _run(args: argparse.Namespace) -> int:
    from reportcheck.batch.discover import discover, own_workbook
    from reportcheck.commands.limited import load_limited
    from reportcheck.commands.limits import limits_of
    from reportcheck.errors import UnreadableInput
    from reportcheck.evidence_files import pair_in_batch
    from reportcheck.grading.policy import load_policy
    from reportcheck.outcome import FileOutcome
    from reportcheck.output_guard import OutputRefused, check_output
    from reportcheck.render import score_workbook
    from reportcheck.rules import DEFAULT_PACK, load_pack, run_rules
    from reportcheck.scoring.scheme import load_scheme
    from reportcheck.scoring.sheet import build_sheet, rank_together
    from reportcheck.settings import build_settings

    target = Path(args.output)
    try:
        limits = limits_of(args)
    except ValueError as exc:
        return _fail(str(exc))
    scheme = load_scheme(args.scheme)
    files, _ = discover(args.inputs, previous=own_workbook(target, {score_workbook.SUMMARY}))
    try:
        check_output(target, files, args.force, (".xlsx",), "Excel评分表")
        files, evidence, _ = pair_in_batch(files, args.evidence) if args.evidence is not None else (files, None, [])
        settings = build_settings(Path.cwd())
        archive = open_archive_of(args, settings, [str(f) for f in files])
    except OutputRefused as exc:
        return _fail(str(exc))
    except ValueError as exc:
        return _fail(str(exc))
    sheets = []
    readable = []
    for path, report in zip(files, load_limited([str(p) for p in files], limits, evidence), strict=True):
        if isinstance(report, UnreadableInput):
            print(f"reportcheck score: 跳过 {report.line}", file=sys.stderr)
            continue
        readable.append((path, report))
    outcomes = [FileOutcome(path=str(path), report=report, issues=run_rules(report)) for path, report in
                once_each(readable)]
    kept = archive is None or keep_in_archive(outcomes, archive, settings, load_pack(DEFAULT_PACK))  # said
    for outcome in outcomes:
        assert outcome.report is not None
        sheets.append(build_sheet(Path(outcome.path), outcome.report, outcome.issues, scheme))
    if not sheets:
        return _fail("没有可评分的报告，请检查输入路径 / no readable report among the inputs")
    rank_together(sheets)
    try:
        score_workbook.write(target, sheets, scheme, load_policy().groups)
    except OSError as exc:
        return _fail(f"无法写入 {target}（{exc.strerror or exc}），请检查权限和磁盘空间 / cannot write the output")
    print(f"已生成 {len(sheets)} 份报告的评分表（方案：{scheme.title}）：{target}")
    return EXIT_OK if kept else EXIT_ABNORMAL


def once_each(readable: list[tuple[Path, Report]]) -> list[tuple[Path, Report]]:
    """One entry per report: files with the very same figures (a .docx and its PDF scan, a copy) are one
    report, scored once — by its Word file when it has one — and said on standard error."""
    from reportcheck.rules.cross import facts_of

    kept: dict[tuple, tuple[Path, Report]] = {}
    order: list[tuple] = []
    for path, report in readable:
        fingerprint = facts_of(str(path), report).fingerprint or (str(path),)
        if fingerprint not in kept:
            kept[fingerprint] = (path, report)
            order.append(fingerprint)
            continue
        first = kept[fingerprint][0]
        word, other = (first, path) if path.suffix.lower() == ".pdf" else (path, first)
        kept[fingerprint] = (word, report if word == path else kept[fingerprint][1])
        print(f"reportcheck score: “{other.name}”与“{word.name}”是同一份报告（数据相同），只评一次（按“{word.name}”）",
              file=sys.stderr)
    return [kept[f] for f in order]

