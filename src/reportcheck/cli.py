"""Command line: ``reportcheck extract``, ``check``, ``annotate``, ``batch``, ``compare``, ``score``, ``grade``,
``serve``, ``rules``, ``template``.

Exit codes (as ruff): 0 no error-severity finding; 1 at least one; 2 usage error or an input
that could not be read (the other inputs are still checked). Heavy modules load only inside
the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, NoReturn

from reportcheck import __version__
from reportcheck.cli_help import add_command
from reportcheck.compare_command import add_parser as add_compare_parser
from reportcheck.compare_command import run as cmd_compare
from reportcheck.grading.command import add_parser as add_grade_parser
from reportcheck.grading.command import run as cmd_grade
from reportcheck.limit_options import add_limit_options, limits_of
from reportcheck.output_guard import TEXT
from reportcheck.scoring.command import add_parser as add_score_parser
from reportcheck.scoring.command import run as cmd_score

if TYPE_CHECKING:
    from reportcheck.runtime.supervisor import Limits
    from reportcheck.settings import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_ABNORMAL = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, saying a mistake in Chinese first, with where to look."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ABNORMAL, f"{self.prog}: 命令行有误（{message}），用 {self.prog} --help 查看用法\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reportcheck",
        description="检查湖南省产业集群竞赛参赛报告：提取数据并找出问题。"
                    " Check filled industrial-cluster competition reports.",
    )
    parser.add_argument("--version", action="version", version=f"reportcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    ext = add_command(sub, "extract", "提取报告中的数据 / extract the figures of one report")
    ext.add_argument("file", help="报告文件（.docx .pdf .doc .wps .rtf .odt）")
    ext.add_argument("--format", choices=("json", "text"), default="json")
    _add_template_option(ext)
    add_limit_options(ext, timeout=120.0)
    chk = add_command(sub, "check", "检查一个或多个报告 / check one or more reports")
    chk.add_argument("files", nargs="+", metavar="FILE",
                     help="报告文件（.docx .pdf .doc .wps .rtf .odt）或数据表（.xlsx）")
    chk.add_argument("--format", choices=("text", "json", "html"), default="text",
                     help="html：可打印的中文报告（一个HTML文件，可含多份报告，离线可看）")
    chk.add_argument("-o", "--output",
                     help="写入此文件（默认输出到屏幕）：text为.txt，json为.json，html为.html；不能是输入文件")
    chk.add_argument("--force", action="store_true", help="覆盖已有的输出文件")
    chk.add_argument("--notices", metavar="DIR", help="为每份报告写一份审核意见（Word），可直接发给申报单位")
    add_limit_options(chk, timeout=120.0)
    _add_rule_options(chk)
    ann = add_command(sub, "annotate", "把问题作为批注写入Word副本 / write the findings as Word comments")
    ann.add_argument("file", help="报告文件（.docx .doc .wps .rtf .odt；PDF则生成HTML报告）")
    ann.add_argument("-o", "--output", help="输出文件，默认为同目录下的“文件名.checked.docx”")
    ann.add_argument("--force", action="store_true", help="覆盖已有的输出文件")
    add_limit_options(ann, timeout=120.0)
    _add_rule_options(ann)
    bat = add_command(sub, "batch", "批量检查一个文件夹的报告，输出Excel汇总 / check a folder into one workbook")
    bat.add_argument("inputs", nargs="+", metavar="DIR|FILE", help="文件夹（含子文件夹）或报告文件")
    bat.add_argument("-o", "--output", required=True, help="结果文件：.xlsx（默认）、.json 或 .csv")
    bat.add_argument("--force", action="store_true", help="覆盖已有的结果文件（如上次的结果）")
    bat.add_argument("--notices", metavar="DIR", help="为每份报告写一份审核意见（Word），可直接发给申报单位")
    bat.add_argument("--format", choices=("xlsx", "json", "csv"), help="默认按 -o 的扩展名")
    bat.add_argument("--jobs", type=int, default=None, help="并行进程数，默认为CPU核数")
    add_limit_options(bat, timeout=120.0)
    _add_rule_options(bat)
    add_compare_parser(sub)
    add_score_parser(sub)
    add_grade_parser(sub)
    srv = add_command(sub, "serve", "启动网页版自查服务 / serve the upload-and-check web page")
    srv.add_argument("--host", default="127.0.0.1", help="监听地址，默认127.0.0.1（仅本机）；内网共享用0.0.0.0")
    srv.add_argument("--port", type=int, default=8000, help="端口，默认8000")
    srv.add_argument("--max-upload-mb", type=float, default=20.0, help="上传文件大小上限（MB），默认20")
    add_limit_options(srv, timeout=60.0)
    srv.add_argument("--threads", type=int, default=4, help="同时处理的请求数，默认4")
    srv.add_argument("--max-workers", type=int, default=2,
                     help="同时检查的文件数，默认2；服务占用内存合计不超过 该数×--memory-limit")
    srv.add_argument("--max-connections", type=int, default=100,
                     help="同时打开的连接数上限，默认100；超过时新连接收到503“服务器正忙”")
    srv.add_argument("--client-timeout", type=float, default=60.0,
                     help="客户端须在此时间（秒）内发完一个请求，空闲连接也在此时间后关闭，默认60")
    _add_rule_options(srv)
    rules = add_command(sub, "rules", "列出规则，或解释一条规则 / list the rules or explain one")
    rules.add_argument("code", nargs="?", help="规则代码，如 AR001")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="markdown：全部规则的表格（即README中的规则目录）")
    tpl = add_command(sub, "template", "生成空白数据表 / write a blank form")
    tpl.add_argument("kind", choices=("data-sheet",), help="data-sheet：Excel数据表（三年数据）")
    tpl.add_argument("-o", "--output", required=True, help="输出文件，如 figures.xlsx")
    tpl.add_argument("--years", default=None, help="年份，逗号分隔，默认最近三年，如 2021,2022,2023")
    tpl.add_argument("--force", action="store_true", help="覆盖已有文件")
    return parser


def _limited_settings(args: argparse.Namespace) -> tuple[Settings, dict, Limits]:
    """Rule settings, pack and the per-file limits from the command line; a bad one is a
    ``ValueError`` with the user's message."""
    limits = limits_of(args)
    return (*_rule_settings(args), limits)


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", action="append", default=[], metavar="CODES",
                        help="只运行这些规则（代码或前缀，逗号分隔，如 AR,EL001）")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODES", help="不运行这些规则")
    parser.add_argument("--severity", action="append", default=[], metavar="CODE=LEVEL",
                        help="改变规则的级别，如 CO005=error")
    parser.add_argument("--pack", help="规则包：hunan_competition_2023（默认）、guangdong、hubei，"
                        "或自己编写的规则包文件（.json，可用 extends 继承上述规则包，只写改动的设置）")
    parser.add_argument("--relaxed", action="store_true",
                        help="革命老区、民族地区、困难地区：参赛条件不达标只作警告")
    _add_template_option(parser)
    parser.add_argument("--config",
                        help="配置文件（默认查找 reportcheck.toml 或 pyproject.toml 的 [tool.reportcheck]）")


def _add_template_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", action="append", default=[], metavar="FILE",
                        help="另一份报告模板（.json，如新一年通知的表格，可用 extends 继承随附模板，只写改动），"
                        "报告按模板中的 recognition 识别；可写多次")


def _known_templates(files: list[str]) -> None:
    """Add the template files to the forms reports are recognised by; a bad one is a ``ValueError``."""
    from reportcheck.spec import TemplateError, add_template

    for path in files:
        try:
            add_template(path)
        except TemplateError as exc:
            raise ValueError(str(exc)) from None


def _rule_settings(args: argparse.Namespace) -> tuple[Settings, dict]:
    """(settings, pack) from the command line and the config file; a bad setting is a ``ValueError``
    carrying the user's message."""
    from pathlib import Path

    from reportcheck.rules import PackError, UnknownPack, available_packs, load_pack
    from reportcheck.settings import SettingsError, build_settings

    try:
        settings = build_settings(Path.cwd(), config=args.config, select=_codes(args.select),
                                  ignore=_codes(args.ignore), severity=args.severity, pack=args.pack,
                                  relaxed=args.relaxed, templates=args.template)
        _known_templates(settings.templates)
        return settings, load_pack(settings.pack)
    except (SettingsError, PackError) as exc:
        raise ValueError(str(exc)) from None
    except UnknownPack as exc:
        packs = "、".join(available_packs())
        raise ValueError(f"没有规则包“{exc.args[0]}”，可用：{packs} / unknown rule pack") from None


def _codes(values: list[str]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def _fail(message: str) -> int:
    print(f"reportcheck: {message}", file=sys.stderr)
    return EXIT_ABNORMAL


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from reportcheck.errors import UnreadableInput
    from reportcheck.runtime.limited import load_limited
    from reportcheck.typed import to_data

    try:
        limits = limits_of(args)
        _known_templates(args.template)
    except ValueError as exc:
        return _fail(str(exc))
    [report] = load_limited([args.file], limits)
    if isinstance(report, UnreadableInput):
        return _fail(report.line)
    if args.format == "json":
        _write(json.dumps(to_data(report), ensure_ascii=False, indent=1))
    else:
        from reportcheck.render.text import render_extract
        from reportcheck.render.titles import section_titles

        _write(render_extract(report, section_titles()))
    return EXIT_OK


CHECK_SUFFIXES = {"text": TEXT, "json": (".json",), "html": (".html", ".htm")}
_CHECK_WRITES = {"text": "文本", "json": "JSON", "html": "HTML网页"}


def cmd_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reportcheck.notices import check_notice_folder, write_notices
    from reportcheck.output_guard import check_output
    from reportcheck.runtime.limited import check_limited

    try:
        settings, pack, limits = _limited_settings(args)
        if args.output is not None:
            check_output(Path(args.output), args.files, args.force, CHECK_SUFFIXES[args.format],
                         _CHECK_WRITES[args.format])
        if args.notices is not None:
            check_notice_folder(Path(args.notices), args.files)
    except ValueError as exc:
        return _fail(str(exc))
    outcomes = check_limited(args.files, pack, settings, limits)
    if args.notices is not None:
        try:
            written = write_notices(outcomes, Path(args.notices), args.files, args.force, pack)
        except (ValueError, OSError) as exc:
            return _fail(f"审核意见未写出：{exc}")
        print(f"已写出{len(written)}份审核意见：{args.notices}", file=sys.stderr)
    try:
        _emit(_render_outcomes(outcomes, args.format, colour=args.output is None and sys.stdout.isatty(),
                               pack=settings.pack),
              args.output)
    except OSError as exc:
        return _fail(f"无法写入 {args.output}（{exc.strerror}） / cannot write the output")
    if any(o.error is not None for o in outcomes):
        if args.format == "json":  # the text output already says it
            for o in outcomes:
                if o.error is not None:
                    print(f"reportcheck: {o.error.line}", file=sys.stderr)
        return EXIT_ABNORMAL
    if any(i.severity == "error" for o in outcomes for i in o.issues):
        return EXIT_FINDINGS
    return EXIT_OK


def _render_outcomes(outcomes: list, fmt: str, colour: bool, pack: str) -> str:
    from reportcheck.render.titles import section_titles

    if fmt == "json":
        return json.dumps([o.as_json() for o in outcomes], ensure_ascii=False, indent=1)
    if fmt == "html":
        from reportcheck.render.html import render_report

        return render_report(outcomes, section_titles(), pack=pack)
    from reportcheck.render.text import render_check

    return render_check(outcomes, section_titles(), colour=colour)


def _emit(text: str, output: str | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        _write(text)
        return
    from pathlib import Path

    from reportcheck.atomic import write_atomically

    write_atomically(Path(output), text if text.endswith("\n") else text + "\n")


def cmd_annotate(args: argparse.Namespace) -> int:
    from reportcheck.annotate_command import run_command

    try:
        settings, pack, limits = _limited_settings(args)
    except ValueError as exc:
        return _fail(str(exc))
    return run_command(args, settings, pack, limits)


def cmd_serve(args: argparse.Namespace) -> int:
    from reportcheck.serve_command import run_command

    try:
        settings, pack = _rule_settings(args)
    except ValueError as exc:
        return _fail(str(exc))
    return run_command(args, settings, pack)


def cmd_rules(args: argparse.Namespace) -> int:
    from reportcheck.render.rules import rule_docs, rules_table

    if args.code is None:
        _write(rules_table(args.format))
        return EXIT_OK
    text = rule_docs(args.code.upper(), args.format)
    if text is None:
        return _fail(f"没有规则“{args.code}”，用 reportcheck rules 查看全部 / unknown rule code")
    _write(text)
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from datetime import date
    from pathlib import Path

    from reportcheck.datasheet import write_data_sheet
    from reportcheck.output_guard import OutputRefused, check_output

    target = Path(args.output)
    try:
        check_output(target, (), args.force, (".xlsx",), "Excel数据表")
    except OutputRefused as exc:
        return _fail(str(exc))
    if args.years:
        years = [y.strip() for y in args.years.split(",")]
        if not all(y.isdigit() and len(y) == 4 for y in years):
            return _fail("--years 应为逗号分隔的四位年份，如 2021,2022,2023 / --years takes 4-digit years")
    else:
        last = date.today().year - 1
        years = [str(last - 2), str(last - 1), str(last)]
    try:
        write_data_sheet(target, years)
    except OSError as exc:
        return _fail(f"无法写入 {target}（{exc.strerror}） / cannot write the file")
    print(f"已生成数据表 {target}（年份：{'、'.join(years)}）")
    return EXIT_OK


def cmd_batch(args: argparse.Namespace) -> int:
    from reportcheck.batch_command import run_command

    try:
        settings, pack = _rule_settings(args)
    except ValueError as exc:
        return _fail(str(exc))
    return run_command(args, settings, pack)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:  # ``reportcheck`` alone: what it can do
        parser.print_help()
        return EXIT_OK
    handler = {"extract": cmd_extract, "check": cmd_check, "annotate": cmd_annotate, "batch": cmd_batch,
               "compare": cmd_compare, "score": cmd_score, "grade": cmd_grade, "serve": cmd_serve, "rules": cmd_rules,
               "template": cmd_template}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
