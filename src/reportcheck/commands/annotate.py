"""``reportcheck annotate``: a copy of the report with each finding as a Word comment.

Exit codes as ``check``: 0 no error-severity finding, 1 at least one, 2 the input could not be read
or the output could not be written (nothing is written then). The original is never modified.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reportcheck.commands.common import EXIT_FINDINGS, EXIT_OK, fail
from reportcheck.commands.help import add_command
from reportcheck.commands.limits import add_limit_options
from reportcheck.commands.options import add_evidence_option, add_rule_options, with_rule_settings

if TYPE_CHECKING:
    from reportcheck.annotation import Annotation
    from reportcheck.evidence_files import EvidenceFiles
    from reportcheck.runtime.supervisor import Limits
    from reportcheck.settings import Settings



def default_output(source: Path, suffix: str = ".docx") -> Path:
    """``报告.docx`` → ``报告.checked.docx`` beside it (a .doc/.wps is annotated as .docx too)."""
    return source.with_name(f"{source.stem}.checked{suffix}")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = add_command(sub, "annotate", "把问题作为批注写入Word副本 / write the findings as Word comments")
    parser.add_argument("file", help="报告文件（.docx .doc .wps .rtf .odt；PDF则生成HTML报告）")
    parser.add_argument("-o", "--output", help="输出文件，默认为同目录下的“文件名.checked.docx”")
    parser.add_argument("--force", action="store_true", help="覆盖已有的输出文件")
    add_evidence_option(parser)
    add_limit_options(parser, timeout=120.0)
    add_rule_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    return with_rule_settings(args, _annotate_file, limits=True)


def _annotate_file(args: argparse.Namespace, settings: Settings, pack: dict, limits: Limits) -> int:
    """Annotate ``args.file``; the check runs in a child under ``limits`` (:mod:`.limited`)."""
    from reportcheck.atomic import write_atomically
    from reportcheck.commands.limited import call_limited
    from reportcheck.errors import UnreadableInput
    from reportcheck.evidence_files import pair
    from reportcheck.output_guard import OutputRefused, check_output
    from reportcheck.readers.sniff import looks_like_pdf

    source = Path(args.file)
    try:
        evidence = pair([args.file], args.evidence)[0] if args.evidence is not None else None
    except ValueError as exc:
        return fail(str(exc))
    is_pdf = looks_like_pdf(source)
    target = Path(args.output) if args.output else default_output(source, ".html" if is_pdf else ".docx")
    try:
        check_output(target, [source], args.force, (".html", ".htm") if is_pdf else (".docx",),
                     "HTML网页（PDF报告的批注版）" if is_pdf else "Word文件")
    except OutputRefused as exc:
        return fail(str(exc))
    if is_pdf:
        return _pdf(source, target, settings, pack, limits, evidence)
    annotation = call_limited([str(source)], partial(_annotate, pack=pack, settings=settings, evidence=evidence),
                              limits)[0]
    if isinstance(annotation, UnreadableInput):
        return fail(annotation.line)
    outcome = annotation.outcome
    if outcome.error is not None:
        return fail(outcome.error.line)
    if annotation.docx is None:  # a data sheet (.xlsx) has no document to comment
        return fail(f"{source}: 数据表（.xlsx）不能加批注，请用 reportcheck check 检查 / "
                     "a data sheet cannot be annotated, use check")
    try:
        write_atomically(target, annotation.docx)
    except OSError as exc:
        return fail(f"无法写入 {target}（{exc.strerror}） / cannot write the output")
    counts = _counts(outcome.issues)
    where = f"；其中{annotation.unplaced}条没有具体位置，列在文首的汇总批注中" if annotation.unplaced else ""
    print(f"已写出 {target}：{len(outcome.issues)}条批注（{counts}）{where}")
    return EXIT_FINDINGS if any(i.severity == "error" for i in outcome.issues) else EXIT_OK


def _annotate(path: str, pack: dict, settings: Settings, evidence: EvidenceFiles | None) -> Annotation:
    """In the child: the report annotated (a module's function: a spawned child unpickles it)."""
    from reportcheck.annotation import annotate_report

    return annotate_report(Path(path), pack, settings, evidence)


def _pdf(source: Path, target: Path, settings: Settings, pack: dict, limits: Limits,
         evidence: EvidenceFiles | None) -> int:
    """A PDF cannot carry Word comments: write the HTML report instead and say so."""
    from reportcheck.atomic import write_atomically
    from reportcheck.commands.limited import check_limited
    from reportcheck.render.html import render_report
    from reportcheck.render.titles import section_titles

    outcome = check_limited([str(source)], pack, settings, limits, None if evidence is None else [evidence])[0]
    if outcome.error is not None:
        return fail(outcome.error.line)
    try:
        write_atomically(target, render_report([outcome], section_titles(), pack=settings.pack))
    except OSError as exc:
        return fail(f"无法写入 {target}（{exc.strerror}） / cannot write the output")
    print(f"PDF文件不能加Word批注，已改为生成HTML检查报告：{target}（{_counts(outcome.issues)}）")
    return EXIT_FINDINGS if any(i.severity == "error" for i in outcome.issues) else EXIT_OK


def _counts(issues: list) -> str:
    from reportcheck.model import SEVERITY_ZH

    parts = [f"{SEVERITY_ZH[s]}{n}" for s in SEVERITY_ZH if (n := sum(1 for i in issues if i.severity == s))]
    return "、".join(parts) or "未发现问题"

