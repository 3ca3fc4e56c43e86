"""``reportcheck rules [CODE]``: the catalogue, or one rule's documentation with the pack settings it reads."""

from __future__ import annotations

import argparse

from reportcheck.commands.common import EXIT_OK, fail, write
from reportcheck.commands.help import add_command


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = add_command(sub, "rules", "列出规则，或解释一条规则 / list the rules or explain one")
    parser.add_argument("code", nargs="?", help="规则代码，如 AR001")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                        help="markdown：全部规则的表格（即README中的规则目录）")
    return parser


def run(args: argparse.Namespace) -> int:
    from reportcheck.render.rules import rule_docs, rules_table

    if args.code is None:
        write(rules_table(args.format))
        return EXIT_OK
    text = rule_docs(args.code.upper(), args.format)
    if text is None:
        return fail(f"没有规则“{args.code}”，用 reportcheck rules 查看全部 / unknown rule code")
    write(text)
    return EXIT_OK
