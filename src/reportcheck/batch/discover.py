"""Which files a batch checks: every supported file under the folders given, and the files named."""

from __future__ import annotations

from pathlib import Path

SUPPORTED = frozenset({".docx", ".doc", ".wps", ".rtf", ".odt", ".pdf", ".xlsx"})


def discover(args: list[str], previous: Path | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """(files to check, sorted and each once; (path, reason) of what was left out).

    Under a folder: supported types only, recursively, without Word's temporary ``~$`` files, hidden
    files or folders, and ``previous`` (an earlier batch's workbook at this run's ``-o``, a rerun with
    ``-o`` inside the folder). A file named on the command line is always checked (an unsupported or
    missing one becomes a row saying why)."""
    own = previous.resolve() if previous is not None else None
    files: dict[Path, None] = {}
    skipped: list[tuple[str, str]] = []
    for arg in args:
        path = Path(arg)
        if not path.is_dir():
            files.setdefault(path, None)
            continue
        for found in sorted(p for p in path.rglob("*") if p.is_file()):
            reason = "上次批量检查的结果文件" if found.resolve() == own else _left_out(found.relative_to(path))
            if reason:
                skipped.append((str(found), reason))
            else:
                files.setdefault(found, None)
    return sorted(files, key=str), skipped


def _left_out(relative: Path) -> str | None:
    if relative.name.startswith("~$"):
        return "Word/WPS的临时文件（~$开头）"
    if any(part.startswith(".") for part in relative.parts):
        return "隐藏文件"
    if relative.suffix.lower() not in SUPPORTED:
        return f"不支持的文件类型（{relative.suffix or '无扩展名'}）"
    return None
