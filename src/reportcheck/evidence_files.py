"""Which files are a report's evidence appendix (``--evidence [FILE|DIR]``).

Without a path the appendix is the report's own file: its pages after the form. A file is the appendix
of the one report checked. In a folder, a report's appendix is every PDF or Word file whose name
goes on from the report's own with an appendix's word (``报告.pdf`` → ``报告_佐证材料.pdf``,
``报告-附件2.pdf``, ``报告证书``; not ``报告-盖章版.pdf``, another version of it), in name order;
when one report is checked and no name matches, every such file in the folder. In a batch
(:func:`pair_in_batch`), a file so named beside a report is that report's appendix, not a report; a
report without one has its appendix in its own pages.
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
    candidates = _candidates(path, reports)
    out = []
    for report in reports:
        stem = Path(report).stem
        own = [p for p in candidates if belongs(p.stem, stem)]
        if not own and len(reports) == 1:
            own = candidates
        out.append(EvidenceFiles(files=tuple(map(str, own))) if own else EvidenceFiles(
            missing=f"文件夹“{path.name}”中没有名称以“{stem}”开头的佐证材料文件（PDF或Word）"))
    return out


_APPENDIX_WORDS = ("佐证", "附件", "证明材料", "证书", "evidence", "appendix")


def belongs(name: str, report: str) -> bool:
    """Whether a file named ``name`` (its stem) is the appendix of the report named ``report``: its name
    goes on from the report's with an appendix's word (``报告_佐证材料``, ``报告附件2``); ``报告.scan``
    or ``报告-盖章版`` is another version of the report, ``益阳电子`` another report."""
    if name == report or not name.startswith(report):
        return False
    rest = name[len(report):].lower()
    return any(w in rest for w in _APPENDIX_WORDS)


def _candidates(folder: Path, reports: list[str]) -> list[Path]:
    """The PDF and Word files of ``folder`` that are not among ``reports``, in name order."""
    inputs = {Path(r).resolve() for r in reports}
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED
                  and not p.name.startswith(("~$", ".")) and p.resolve() not in inputs)


def pair_in_batch(files: list[Path], given: str) -> tuple[list[Path], dict[str, EvidenceFiles], list[tuple[str, str]]]:
    """(the reports, each report's appendix by its path, the files that are appendices with why they are
    not checked as reports) for a batch's ``files`` and what ``--evidence`` was given ("" for
    appendices beside the reports, else a folder of them)."""
    if given and not Path(given).is_dir():
        raise ValueError(f"batch 的 --evidence 应为存放佐证材料的文件夹：{given} 不是文件夹 / "
                         "--evidence in a batch is a folder")
    appendices: dict[Path, list[Path]] = {}
    if not given:
        by_folder: dict[Path, list[Path]] = {}
        for f in files:
            by_folder.setdefault(f.parent, []).append(f)
        for group in by_folder.values():
            stems = sorted({f.stem for f in group}, key=len)
            for f in group:
                owner = next((s for s in stems if belongs(f.stem, s)), None)
                if owner is not None and f.suffix.lower() in SUPPORTED:
                    appendices.setdefault(f.parent / owner, []).append(f)
    taken = {a for group in appendices.values() for a in group}
    reports = [f for f in files if f not in taken]
    named = {f.parent / f.stem: f.name for f in reversed(reports)}  # a stem's first report names it
    skipped = [(str(a), f"佐证材料（随“{named.get(owner, owner.name)}”一起核对）")
               for owner, group in appendices.items() for a in group]
    chosen: dict[str, EvidenceFiles] = {}
    for report in reports:
        own = appendices.get(report.parent / report.stem, [])
        if given:
            own = [p for p in _candidates(Path(given), [str(r) for r in reports]) if belongs(p.stem, report.stem)]
        chosen[str(report)] = EvidenceFiles(files=tuple(map(str, sorted(own)))) if own else EvidenceFiles(own=True)
    return reports, chosen, skipped
