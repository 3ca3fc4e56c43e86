"""Command line: ``reportcheck COMMAND``, each command a module of :mod:`reportcheck.commands`.

Exit codes (as ruff): 0 no error-severity finding; 1 at least one; 2 usage error or an input
that could not be read (the other inputs are still checked). Heavy modules load only inside
the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from reportcheck import __version__
from reportcheck.commands import READ_AHEAD, all_commands
from reportcheck.commands.common import EXIT_ABNORMAL, EXIT_OK


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
    for command in all_commands():
        command.add_parser(sub).set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:  # ``reportcheck`` alone: what it can do
        parser.print_help()
        return EXIT_OK
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run() -> NoReturn:
    """The ``reportcheck`` command: :func:`main` — a command that reads reports in a child has it started
    first, to load the reader meanwhile — then out of the process without its teardown."""
    from reportcheck.runtime.quick_exit import leave

    argv = sys.argv[1:]
    if argv and argv[0] in READ_AHEAD and not {"-h", "--help"} & set(argv):
        from reportcheck.pipeline import warm_reader
        from reportcheck.runtime import ahead

        ahead.start(warm_reader)
    leave(main(argv))


if __name__ == "__main__":
    run()
