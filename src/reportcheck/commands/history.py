"""``reportcheck history CLUSTER``: a cluster's figures year by year from the archive, as text, JSON or a
workbook with a line chart per key indicator."""

from __future__ import annotations

import argparse
import sys

from reportcheck.commands.common import EXIT_OK, emit, fail
from reportcheck.commands.help import add_command

_FORMATS = {".xlsx": "xlsx", ".json": "json", ".txt": "text"}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = add_command(sub, "history", "从档案库列出一个集群的历年数据 / a cluster's figures year by year")
    parser.add_argument("cluster", metavar="CLUSTER", help="集群名称，或名称的一部分（如“益阳电子”）")
    parser.add_argument("--archive", metavar="FILE|URL",
                        help="档案库：SQLite文件或 postgresql://…；"
                             "默认为配置文件中的 archive，否则为用户数据文件夹中的档案库")
    parser.add_argument("--format", choices=("text", "json", "xlsx"), help="默认按 -o 的扩展名，没有 -o 时为text")
    parser.add_argument("-o", "--output", help="写入此文件：.xlsx（含趋势图）、.json 或 .txt；默认输出到屏幕")
    parser.add_argument("--force", action="store_true", help="覆盖已有的输出文件")
    parser.add_argument("--config",
                        help="配置文件（默认查找 reportcheck.toml 或 pyproject.toml 的 [tool.reportcheck]）")
    return parser


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reportcheck.archive.history import NoSuchCluster, find_cluster
    from reportcheck.archive.location import archive_url
    from reportcheck.archive.store import open_archive
    from reportcheck.output_guard import check_output
    from reportcheck.settings import build_settings

    fmt = args.format or (_FORMATS.get(Path(args.output).suffix.lower()) if args.output else "text")
    if fmt is None:
        return fail("无法从输出文件名判断格式，请用 .xlsx/.json/.txt 或 --format / unknown output format")
    if fmt == "xlsx" and args.output is None:
        return fail("xlsx 需要用 -o 指定文件 / xlsx needs -o FILE")
    try:
        settings = build_settings(Path.cwd(), config=args.config)
        url = archive_url(args.archive or settings.archive)
        if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
            return fail(f"档案库 {url.database} 不存在；请先用 check、batch 或 score 加 --archive "
                        "检查报告，或用 --archive 指出档案库 / no archive there yet")
        if args.output is not None:
            check_output(Path(args.output), [], args.force, tuple(k for k, v in _FORMATS.items() if v == fmt),
                         {"xlsx": "Excel工作簿", "json": "JSON", "text": "文本"}[fmt])
        archive = open_archive(url)
        history = find_cluster(archive, args.cluster)
    except (NoSuchCluster, ValueError) as exc:
        return fail(str(exc))
    try:
        if fmt == "xlsx":
            from reportcheck.render.history_workbook import write_history_workbook

            write_history_workbook(history, Path(args.output))
            said = f"{len(history.years)}年，{len(history.rows)}项指标"
            print(f"已写出 {history.name} 的历年数据（{said}）：{args.output}", file=sys.stderr)
        else:
            from reportcheck.render.history import render_json, render_text

            emit(render_json(history) if fmt == "json" else render_text(history), args.output)
    except OSError as exc:
        return fail(f"无法写入 {args.output}（{exc.strerror}） / cannot write the output")
    return EXIT_OK
