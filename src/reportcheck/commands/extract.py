"""``reportcheck extract FILE``: every figure of one report, by the template's names, as JSON or text."""

from __future__ import annotations

import argparse
import json

from reportcheck.commands.common import EXIT_OK, fail, write
from reportcheck.commands.help import add_command
from reportcheck.commands.limits import add_limit_options, limits_of
from reportcheck.commands.options import add_template_option, known_templates


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = add_command(sub, "extract", "提取报告中的数据 / extract the figures of one report")
    parser.add_argument("file", help="报告文件（.docx .pdf .doc .wps .rtf .odt）")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    add_template_option(parser)
    return add_limit_options(parser, timeout=120.0)


def run(args: argparse.Namespace) -> int:
    from reportcheck.commands.limited import load_limited
    from reportcheck.errors import UnreadableInput
    from reportcheck.typed import to_data

    try:
        limits = limits_of(args)
        known_templates(args.template)
    except ValueError as exc:
        return fail(str(exc))
    [report] = load_limited([args.file], limits)
    if isinstance(report, UnreadableInput):
        return fail(report.line)
    if args.format == "json":
        write(json.dumps(to_data(report), ensure_ascii=False, indent=1))
    else:
        from reportcheck.render.text import render_extract
        from reportcheck.render.titles import section_titles

        write(render_extract(report, section_titles()))
    return EXIT_OK
