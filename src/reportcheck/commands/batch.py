"""``reportcheck batch`` (the command over the batch package): discover, check in parallel, write the results
atomically, say what happened."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reportcheck.commands.common import EXIT_ABNORMAL, EXIT_FINDINGS, EXIT_OK, fail
from reportcheck.commands.help import add_command
from reportcheck.commands.limits import add_limit_options
from reportcheck.commands.options import (
    add_archive_option,
    add_evidence_option,
    add_rule_options,
    open_archive_of,
    with_rule_settings,
)
from reportcheck.output_guard import OutputRefused

if TYPE_CHECKING:
    from reportcheck.archive.store import Archive
    from reportcheck.batch.result import BatchResult
    from reportcheck.settings import Settings

EXIT_INTERRUPTED = 130
_FORMATS = {".xlsx": "xlsx", ".json": "json", ".csv": "csv"}
_WRITES = {"xlsx": "Excel工作簿", "json": "JSON", "csv": "CSV表格"}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = add_command(sub, "batch", "批量检查一个文件夹的报告，输出Excel汇总 / check a folder into one workbook")
    parser.add_argument("inputs", nargs="+", metavar="DIR|FILE", help="文件夹（含子文件夹）或报告文件")
    parser.add_argument("-o", "--output", required=True, help="结果文件：.xlsx（默认）、.json 或 .csv")
    parser.add_argument("--force", action="store_true", help="覆盖已有的结果文件（如上次的结果）")
    parser.add_argument("--notices", metavar="DIR", help="为每份报告写一份审核意见（Word），可直接发给申报单位")
    parser.add_argument("--format", choices=("xlsx", "json", "csv"), help="默认按 -o 的扩展名")
    parser.add_argument("--jobs", type=int, default=None, help="并行进程数，默认为CPU核数")
    add_evidence_option(parser, batch=True)
    add_archive_option(parser)
    add_limit_options(parser, timeout=120.0)
    add_rule_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    return with_rule_settings(args, _batch)


def _batch(args: argparse.Namespace, settings: Settings, pack: dict) -> int:
    from reportcheck.batch.discover import discover, own_workbook
    from reportcheck.batch.run import run_batch
    from reportcheck.evidence_files import pair_in_batch
    from reportcheck.notices import check_notice_folder, write_notices
    from reportcheck.output_guard import check_output
    from reportcheck.render.batch_export import csv_paths
    from reportcheck.render.batch_tables import SHEETS, VERSIONS, YEARS, spool_rows
    from reportcheck.render.progress import BatchProgress
    from reportcheck.runtime.supervisor import Limits

    output = Path(args.output)
    fmt = args.format or _FORMATS.get(output.suffix.lower())
    if fmt is None:
        return fail(f"无法从“{output.name}”判断输出格式，请用 .xlsx/.json/.csv 或 --format / unknown output format")
    if (args.jobs is not None and args.jobs < 1) or args.timeout <= 0 or args.memory_limit <= 0:
        return fail("--jobs 应为正整数，--timeout 和 --memory-limit 应为正数"
                     " / --jobs, --timeout and --memory-limit must be positive")
    missing = [p for p in args.inputs if not os.path.lexists(p)]
    if missing:  # a mistyped folder is a mistake to say, not a workbook with one unreadable row
        return fail(f"找不到 {'、'.join(missing)}（路径不存在），请检查文件夹或文件名 / no such file or folder")
    files, skipped = discover(args.inputs, own_workbook(output, {"汇总", "问题清单"}))
    try:
        for target in csv_paths(output, (*SHEETS, VERSIONS, YEARS)).values() if fmt == "csv" else [output]:
            check_output(target, files, args.force, (f".{fmt}",), _WRITES[fmt])
        if args.notices is not None:
            check_notice_folder(Path(args.notices), args.inputs)
        archive = open_archive_of(args, settings, [str(f) for f in files])
    except (OutputRefused, ValueError) as exc:
        return fail(str(exc))
    evidence = None
    if args.evidence is not None:
        try:
            files, evidence, appendices = pair_in_batch(files, args.evidence)
        except ValueError as exc:
            return fail(str(exc))
        skipped = [*skipped, *appendices]
    if not files:
        return fail("没有找到可检查的报告（.docx .pdf .doc .wps .rtf .odt .xlsx） / no report found")
    jobs = args.jobs or os.cpu_count() or 1
    progress = BatchProgress(sys.stderr) if sys.stderr.isatty() else None
    _interrupt_on("SIGTERM", "SIGHUP")
    try:
        with tempfile.TemporaryDirectory(prefix="reportcheck-batch-") as spool:
            limits = Limits(seconds=args.timeout, memory_mb=args.memory_limit)
            keep = partial(spool_rows, Path(spool), settings, pack, evidence is not None)
            result = run_batch(files, pack, settings, Path(spool), jobs, limits, skipped,
                               progress.update if progress else None, evidence, keep)
            if progress:
                progress.finish()
            kept = archive is None or _keep(result, archive, settings, pack)
            _write_atomically(result, output, fmt)
            summary, code = _summary(result)
            if archive is not None and kept:
                summary += f"；已存入档案库 {archive.shown}"
            elif not kept:
                code = EXIT_ABNORMAL
            if args.notices is not None:
                written = write_notices(result.outcomes(), Path(args.notices), args.inputs, args.force, pack)
                summary += f"；审核意见{len(written)}份：{args.notices}"
    except KeyboardInterrupt:
        if progress:
            progress.finish()
        print("reportcheck: 已中断，未写出结果 / interrupted, nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OutputRefused as exc:
        return fail(f"审核意见未写出：{exc}")
    except OSError as exc:
        return fail(f"无法写入 {output}（{exc.strerror}） / cannot write the output")
    print(f"{summary}。结果：{output}")
    return code


def _keep(result: BatchResult, archive: Archive, settings: Settings, pack: dict) -> bool:
    """The batch held against the archive and recorded; False, said, when the archive fails (the workbook
    is still written, with the findings made before)."""
    from reportcheck.archive.location import ArchiveError
    from reportcheck.batch.history import archive_spooled

    try:
        result.history = archive_spooled(result, archive, settings, pack)
    except ArchiveError as exc:
        fail(f"{exc}；结果仍已写出，其中的历年核对不完整")
        return False
    return True


def _interrupt_on(*names: str) -> None:
    """A closed terminal or a ``kill`` stops the batch as Ctrl-C does: workers stopped, nothing left
    (the signals the system has: Windows has no SIGHUP)."""
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for name in names:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def _write_atomically(result: BatchResult, output: Path, fmt: str) -> None:
    """Write into a private folder beside the output, then rename: an interrupted run leaves nothing."""
    from reportcheck.render.batch_export import write_csv, write_json
    from reportcheck.render.workbook import write_workbook

    writer = {"xlsx": write_workbook, "json": write_json, "csv": write_csv}[fmt]
    with tempfile.TemporaryDirectory(prefix=".reportcheck-", dir=output.parent) as staging:
        writer(result, Path(staging) / output.name)
        for made in sorted(Path(staging).iterdir()):
            made.replace(output.parent / made.name)


def _summary(result: BatchResult) -> tuple[str, int]:
    counts = result.severities
    cross_errors = sum(i.severity == "error" for i in result.cross)
    text = (f"共检查{len(result.paths)}个文件（无法读取{result.unreadable}个，未检查{len(result.skipped)}个）："
            f"错误{counts['error']}个，警告{counts['warning']}个，提示{counts['info']}个；批内比对{len(result.cross)}条")
    if result.unreadable:
        return text, EXIT_ABNORMAL
    return text, EXIT_FINDINGS if counts["error"] or cross_errors else EXIT_OK

