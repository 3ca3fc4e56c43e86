"""``reportcheck check FILE...``: each report's findings, as text, JSON or a printable HTML page, and on
request a notice (审核意见) per report to send back to its applicant."""

from __future__ import annotations

import argparse
import json
import sys

from reportcheck.commands.common import EXIT_ABNORMAL, EXIT_FINDINGS, EXIT_OK, emit, fail
from reportcheck.commands.help import add_command
from reportcheck.commands.limits import add_limit_options, limits_of
from reportcheck.commands.options import (
    add_archive_option,
    add_evidence_option,
    add_rule_options,
    keep_in_archive,
    open_archive_of,
    pack_of,
    reading_settings,
)
from reportcheck.output_guard import TEXT

SUFFIXES = {"text": TEXT, "json": (".json",), "html": (".html", ".htm")}
_WRITES = {"text": "文本", "json": "JSON", "html": "HTML网页"}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = add_command(sub, "check", "检查一个或多个报告 / check one or more reports")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="报告文件（.docx .pdf .doc .wps .rtf .odt）或数据表（.xlsx）")
    parser.add_argument("--format", choices=("text", "json", "html"), default="text",
                        help="html：可打印的中文报告（一个HTML文件，可含多份报告，离线可看）")
    parser.add_argument("-o", "--output",
                        help="写入此文件（默认输出到屏幕）：text为.txt，json为.json，html为.html；不能是输入文件")
    parser.add_argument("--force", action="store_true", help="覆盖已有的输出文件")
    parser.add_argument("--notices", metavar="DIR", help="为每份报告写一份审核意见（Word），可直接发给申报单位")
    add_evidence_option(parser)
    add_archive_option(parser)
    add_limit_options(parser, timeout=120.0)
    add_rule_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reportcheck.commands.limited import checked, reading
    from reportcheck.notices import check_notice_folder, write_notices
    from reportcheck.output_guard import check_output

    try:
        settings, limits = reading_settings(args), limits_of(args)  # the templates the child reads with
        evidence = _evidence_of(args)
        if args.output is not None:
            check_output(Path(args.output), args.files, args.force, SUFFIXES[args.format], _WRITES[args.format])
        if args.notices is not None:
            check_notice_folder(Path(args.notices), args.files)
    except ValueError as exc:
        return fail(str(exc))
    with reading(args.files, evidence) as started:  # the files are read while the pack and rules load
        try:
            pack = pack_of(settings)
            archive = open_archive_of(args, settings, args.files)
        except ValueError as exc:
            return fail(str(exc))
        _load_renderer(args.format)
        outcomes = checked(started, pack, settings, limits)
    kept = archive is None or keep_in_archive(outcomes, archive, settings, pack)  # said when it fails
    if args.notices is not None:
        try:
            written = write_notices(outcomes, Path(args.notices), args.files, args.force, pack)
        except (ValueError, OSError) as exc:
            return fail(f"审核意见未写出：{exc}")
        print(f"已写出{len(written)}份审核意见：{args.notices}", file=sys.stderr)
    try:
        emit(_rendered(outcomes, args.format, colour=args.output is None and sys.stdout.isatty(), pack=settings.pack),
             args.output)
    except OSError as exc:
        return fail(f"无法写入 {args.output}（{exc.strerror}） / cannot write the output")
    if any(o.error is not None for o in outcomes):
        if args.format == "json":  # the text output already says it
            for o in outcomes:
                if o.error is not None:
                    print(f"reportcheck: {o.error.line}", file=sys.stderr)
        return EXIT_ABNORMAL
    if not kept:  # the findings are out; the archive could not take them
        return EXIT_ABNORMAL
    if any(i.severity == "error" for o in outcomes for i in o.issues):
        return EXIT_FINDINGS
    return EXIT_OK


def _evidence_of(args: argparse.Namespace) -> list | None:
    if args.evidence is None:
        return None
    from reportcheck.evidence_files import pair

    return pair(args.files, args.evidence)


def _load_renderer(fmt: str) -> None:
    """Load the renderer of ``fmt`` while the child reads, rather than after its result comes."""
    import reportcheck.render.titles

    if fmt == "html":
        import reportcheck.render.html
    elif fmt == "text":
        import reportcheck.render.text  # noqa: F401


def _rendered(outcomes: list, fmt: str, colour: bool, pack: str) -> str:
    from reportcheck.render.titles import section_titles

    if fmt == "json":
        return json.dumps([o.as_json() for o in outcomes], ensure_ascii=False, indent=1)
    if fmt == "html":
        from reportcheck.render.html import render_report

        return render_report(outcomes, section_titles(), pack=pack)
    from reportcheck.render.text import render_check

    return render_check(outcomes, section_titles(), colour=colour)
