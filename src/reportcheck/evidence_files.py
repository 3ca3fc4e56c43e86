"""Which files are a report's evidence appendix (``--evidence [FILE|DIR]``).

Without a path the appendix is the report's own file: its pages after the form. A file is the appendix
of the one report checked. In a folder, a report's appendix is every PDF or Word file whose name
begins with the report's own (``报告.pdf`` → ``报告_佐证材料.pdf``, ``报告-附件2.pdf``), in name order;
when one report is checked and no name matches, every such file in the folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportcheck.readers.appendix import SUPPORTED


@dataclass(frozen=True)
class EvidenceFiles:
    """A report's appendix: its files in order; or its own file (``own``); or none, and why."""

    files: tuple[str, ...] = ()
    own: bool = False
    missing: str | None = None


def pair(reports: list[str], given: str) -> list[EvidenceFiles]:
    """Each report's appendix from what ``--evidence`` was given ("" for the reports' own pages).
    Raises ValueError with the user's message when it cannot be used."""
    if not given:
        return [EvidenceFiles(own=True) for _ in reports]
    path = Path(given)
    if path.is_file():
        if len(reports) > 1:
            raise ValueError(f"--evidence 给的是一个文件（{path.name}），只能对应一份报告；检查多份报告时请给出"
                             "存放佐证材料的文件夹 / --evidence FILE goes with one report; give a folder")
        return [EvidenceFiles(files=(str(path),))]
    if not path.is_dir():
        raise ValueError(f"找不到佐证材料 {given}（路径不存在） / no such file or folder")
    candidates = sorted(p for p in path.iterdir()
                        if p.is_file() and p.suffix.lower() in SUPPORTED and not p.name.startswith(("~$", ".")))
    inputs = {Path(r).resolve() for r in reports}
    candidates = [p for p in candidates if p.resolve() not in inputs]
    out = []
    for report in reports:
        stem = Path(report).stem
        own = [p for p in candidates if p.stem != stem and p.stem.startswith(stem)]
        if not own and len(reports) == 1:
            own = candidates
        out.append(EvidenceFiles(files=tuple(map(str, own))) if own else EvidenceFiles(
            missing=f"文件夹“{path.name}”中没有名称以“{stem}”开头的佐证材料文件（PDF或Word）"))
    return out
