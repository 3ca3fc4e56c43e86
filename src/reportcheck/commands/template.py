"""``reportcheck template data-sheet``: the blank Excel data sheet (three years of figures)."""

from __future__ import annotations

import argparse

from reportcheck.commands.common import EXIT_OK, fail
from reportcheck.commands.help import add_command


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = add_command(sub, "template", "生成空白数据表 / write a blank form")
    parser.add_argument("kind", choices=("data-sheet",), help="data-sheet：Excel数据表（三年数据）")
    parser.add_argument("-o", "--output", required=True, help="输出文件，如 figures.xlsx")
    parser.add_argument("--years", default=None, help="年份，逗号分隔，默认最近三年，如 2021,2022,2023")
    parser.add_argument("--force", action="store_true", help="覆盖已有文件")
    return parser


def run(args: argparse.Namespace) -> int:
    from datetime import date
    from pathlib import Path

    from reportcheck.datasheet import write_data_sheet
    from reportcheck.output_guard import OutputRefused, check_output

    target = Path(args.output)
    try:
        check_output(target, (), args.force, (".xlsx",), "Excel数据表")
    except OutputRefused as exc:
        return fail(str(exc))
    if args.years:
        years = [y.strip() for y in args.years.split(",")]
        if not all(y.isdigit() and len(y) == 4 for y in years):
            return fail("--years 应为逗号分隔的四位年份，如 2021,2022,2023 / --years takes 4-digit years")
    else:
        last = date.today().year - 1
        years = [str(last - 2), str(last - 1), str(last)]
    try:
        write_data_sheet(target, years)
    except OSError as exc:
        return fail(f"无法写入 {target}（{exc.strerror}） / cannot write the file")
    print(f"已生成数据表 {target}（年份：{'、'.join(years)}）")
    return EXIT_OK
