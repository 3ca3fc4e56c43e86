"""Command line: ``reportcheck extract FILE`` and ``reportcheck check FILE...``.

Exit codes (as ruff): 0 no error-severity finding; 1 at least one; 2 usage error or an input
that could not be read (the other inputs are still checked). Heavy modules load only inside
the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys

from reportcheck import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ABNORMAL = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportcheck",
        description="检查湖南省产业集群竞赛参赛报告：提取数据并找出问题。"
                    " Check filled industrial-cluster competition reports.",
    )
    parser.add_argument("--version", action="version", version=f"reportcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ext = sub.add_parser("extract", help="提取报告中的数据 / extract the figures of one report")
    ext.add_argument("file", help="报告文件 (.docx)")
    ext.add_argument("--format", choices=("json", "text"), default="json")
    chk = sub.add_parser("check", help="检查一个或多个报告 / check one or more reports")
    chk.add_argument("files", nargs="+", metavar="FILE", help="报告文件 (.docx)")
    chk.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _titles() -> dict[str, str]:
    from reportcheck.spec import load_templates

    titles: dict[str, str] = {"1": "集群基本信息"}
    for spec in load_templates():
        for t in spec.indicator_tables:
            titles.setdefault(t.id, t.title)
        for tb in spec.text_blocks:
            titles.setdefault(tb.id, tb.title)
    return titles


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from reportcheck.errors import UnreadableInput
    from reportcheck.pipeline import load_report

    try:
        report = load_report(args.file)
    except UnreadableInput as exc:
        print(f"reportcheck: {exc.line}", file=sys.stderr)
        return EXIT_ABNORMAL
    if args.format == "json":
        _write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1))
    else:
        from reportcheck.render.text import render_extract

        _write(render_extract(report, _titles()))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from reportcheck.outcome import check_file
    from reportcheck.rules import load_pack

    pack = load_pack()
    outcomes = [check_file(path, pack) for path in args.files]
    if args.format == "json":
        _write(json.dumps([o.as_json() for o in outcomes], ensure_ascii=False, indent=1))
    else:
        from reportcheck.render.text import render_check

        _write(render_check(outcomes, _titles(), colour=sys.stdout.isatty()))
    if any(o.error is not None for o in outcomes):
        if args.format == "json":  # the text output already says it
            for o in outcomes:
                if o.error is not None:
                    print(f"reportcheck: {o.error.line}", file=sys.stderr)
        return EXIT_ABNORMAL
    if any(i.severity == "error" for o in outcomes for i in o.issues):
        return EXIT_FINDINGS
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"extract": cmd_extract, "check": cmd_check}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
