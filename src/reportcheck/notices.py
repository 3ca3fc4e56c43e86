"""``--notices DIR`` of ``check`` and ``batch``: one 审核意见 (.docx) per report checked, written into DIR.

DIR is created when missing. It may not lie inside a folder being checked (the next batch would take the
notices for reports); a notice never replaces an input, and replaces an earlier notice only with
``--force``. Each notice is written atomically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from reportcheck.outcome import FileOutcome
from reportcheck.output_guard import OutputRefused, check_output


def check_notice_folder(folder: Path, inputs: Sequence[str | Path]) -> None:
    """Raise :class:`OutputRefused` when ``folder`` is, or is inside, a folder among ``inputs``."""
    resolved = folder.resolve()
    for source in inputs:
        path = Path(source).resolve()
        if path.is_dir() and (resolved == path or path in resolved.parents):
            raise OutputRefused(f"审核意见文件夹 {folder} 在待检查的文件夹 {source} 中，下次检查会把审核意见当成报告；"
                                f"请放到别处 / the notices folder is inside a folder being checked")
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{folder} 不是文件夹 / --notices takes a folder")


def write_notices(outcomes: Iterable[FileOutcome], folder: Path, inputs: Sequence[str | Path], force: bool,
                  pack: dict) -> list[Path]:
    """Write each outcome's notice into ``folder``; the paths written. Raises :class:`OutputRefused` (before
    writing any) when a notice would replace an input or, without ``force``, an existing file."""
    from reportcheck.atomic import write_atomically
    from reportcheck.render.notice import notice_docx
    from reportcheck.render.titles import section_titles

    outcomes = list(outcomes)
    folder.mkdir(parents=True, exist_ok=True)
    targets = _targets([o.path for o in outcomes], folder)
    for target in targets:
        check_output(target, [*inputs, *(o.path for o in outcomes)], force, (".docx",), "Word文件（审核意见）")
    titles = section_titles()
    programme = " ".join(p for p in (pack.get("programme"), f"（规则包 {pack.get('id', '')}）") if p)
    for outcome, target in zip(outcomes, targets, strict=True):
        write_atomically(target, notice_docx(outcome, titles, programme))
    return targets


def _targets(paths: Sequence[str], folder: Path) -> list[Path]:
    """A notice name per report; two reports of one name (in different folders) get 报告-2 … apart."""
    from reportcheck.render.notice import NOTICE_SUFFIX, notice_name

    taken: set[str] = set()
    out = []
    for path in paths:
        name, n = notice_name(path), 2
        while name in taken:
            name = f"{Path(path).stem}-{n}{NOTICE_SUFFIX}"
            n += 1
        taken.add(name)
        out.append(folder / name)
    return out
