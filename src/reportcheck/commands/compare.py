"""``reportcheck compare A B``: two versions of one report (the Word file and its stamped scan, a .docx
and its PDF …) compared figure by figure.

Each file is read in a child process under the per-file limits, as ``check`` reads it. Exit codes: 0 the
two agree (figures that could not be confirmed are not differences), 1 they differ, 2 a file could not
be read or the output not written (nothing is written then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportcheck.commands.common import EXIT_ABNORMAL, EXIT_FINDINGS, EXIT_OK, emit, fail
from reportcheck.commands.help import epilog
from reportcheck.commands.limits import add_limit_options
from reportcheck.output_guard import TEXT

EXIT_AGREE, EXIT_DIFFER = EXIT_OK, EXIT_FINDINGS
_SUFFIXES = {"text": TEXT, "json": (".json",)}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "compare", help="比对同一报告的两个版本（如Word与盖章扫描件） / compare two versions of one report",
        description="逐项比对两个版本的数据、名单、基本信息和文字；PDF版本还检查声明页的印章和签字。",
        epilog=epilog(["reportcheck compare 报告.docx 报告盖章版.pdf",
                       "reportcheck compare 初稿.docx 定稿.docx --format json -o 比对.json"],
                      "0 两个版本一致；1 有差异；2 文件无法读取或参数有误"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", metavar="A", help="版本A（如Word文件：.docx .doc .wps .pdf）")
    parser.add_argument("b", metavar="B", help="版本B（如盖章扫描件PDF）")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output", help="写入此文件（默认输出到屏幕）：text为.txt，json为.json")
    parser.add_argument("--force", action="store_true", help="覆盖已有的输出文件")
    return add_limit_options(parser, timeout=300.0)  # a scan side is read by OCR: minutes


def run(args: argparse.Namespace) -> int:
    from reportcheck.commands.limited import call_limited
    from reportcheck.commands.limits import limits_of
    from reportcheck.compare.side import FORMAT_ZH, Side, read_side
    from reportcheck.errors import UnreadableInput
    from reportcheck.output_guard import check_output

    paths = [args.a, args.b]
    try:
        limits = limits_of(args)
        if args.output is not None:
            check_output(Path(args.output), paths, args.force, _SUFFIXES[args.format],
                         "文本" if args.format == "text" else "JSON")
    except ValueError as exc:
        return fail(str(exc))
    sides = call_limited(paths, read_side, limits)
    unreadable = [s for s in sides if isinstance(s, UnreadableInput)]
    if unreadable:
        for error in unreadable:
            print(f"reportcheck: {error.line}", file=sys.stderr)
        return EXIT_ABNORMAL
    a, b = (s for s in sides if isinstance(s, Side))
    from reportcheck.compare.files import compare_sides
    from reportcheck.render.compare import render_json, render_text

    comparison = compare_sides(a, b)
    if args.format == "json":
        text = render_json(comparison)
    else:
        formats = (FORMAT_ZH[a.format], FORMAT_ZH[b.format])
        text = render_text(comparison, formats, colour=args.output is None and sys.stdout.isatty())
    try:
        emit(text, args.output)
    except OSError as exc:
        return fail(f"无法写入 {args.output}（{exc.strerror}） / cannot write the output")
    return EXIT_AGREE if comparison.agree else EXIT_DIFFER

