"""The per-file limit options every command that reads a file takes (``--timeout``, ``--memory-limit``).
Only the standard library at module level, so the CLI's ``--help`` stays fast."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportcheck.runtime.supervisor import Limits


def add_limit_options(parser: argparse.ArgumentParser, timeout: float) -> argparse.ArgumentParser:
    parser.add_argument("--timeout", type=float, default=timeout,
                        help=f"每个文件的时限（秒），默认{timeout:g}；扫描件每页文字识别另加20秒"
                             "（环境变量 REPORTCHECK_OCR_PAGE_SECONDS）")
    parser.add_argument("--memory-limit", type=float, default=2048.0, metavar="MB",
                        help="每个文件可用的内存（MB，含其启动的LibreOffice），默认2048")
    return parser


def limits_of(args: argparse.Namespace) -> Limits:
    """The per-file limits from the command line; a bad one is a ``ValueError`` with the user's message."""
    from reportcheck.runtime.supervisor import Limits

    if args.timeout <= 0 or args.memory_limit <= 0:
        raise ValueError("--timeout 和 --memory-limit 应为正数 / --timeout and --memory-limit must be positive")
    return Limits(seconds=args.timeout, memory_mb=args.memory_limit)
