"""Which files a batch checks: every supported file under the folders given, and the files named."""

from __future__ import annotations

from pathlib import Path

SUPPORTED = frozenset({".docx", ".docm", ".dotx", ".dotm", ".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt", ".pdf",
                       ".xlsx"})


def discover(args: list[str], previous: Path | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """(files to check, sorted and each once; (path, reason) of what was left out).

    Under a folder: supported types only, recursively, without Word's temporary ``~$`` files, hidden
    files or folders, and ``previous`` (an earlier batch's workbook at this run's ``-o``, a rerun with
    ``-o`` inside the folder). A link is followed only to a file inside the folder; a link that leads
    outside it (which would let a folder hand over any file the bureau's account can read), a dangling
    link and anything that is not a regular file (a device, a pipe) are left out with the reason. A
    file named on the command line is always checked (an unsupported or missing one becomes a row
    saying why)."""
    own = previous.resolve() if previous is not None else None
    files: dict[Path, None] = {}
    skipped: list[tuple[str, str]] = []
    for arg in args:
        path = Path(arg)
        if not path.is_dir():
            files.setdefault(path, None)
            continue
        root = path.resolve()
        for found in sorted(p for p in path.rglob("*") if p.is_symlink() or not p.is_dir()):
            reason = _not_a_file_inside(found, root)
            if reason is None:
                reason = "上次批量检查的结果文件" if found.resolve() == own else _left_out(found.relative_to(path))
            if reason:
                skipped.append((str(found), reason))
            else:
                files.setdefault(found, None)
    return sorted(files, key=str), skipped


def _not_a_file_inside(found: Path, root: Path) -> str | None:
    """Why ``found`` (under the folder ``root``) is not a regular file of the folder, or None."""
    if found.is_symlink():
        try:
            target = found.resolve(strict=True)
        except (OSError, RuntimeError):
            return "链接指向的文件不存在（失效的链接）"
        if not target.is_relative_to(root):
            return f"链接指向文件夹以外的“{target}”，未读取；请把报告本身放进文件夹"
        if target.is_dir():
            return "指向文件夹的链接，未跟随"
    if not found.is_file():
        return "不是普通文件（设备、管道等），未读取"
    return None


def _left_out(relative: Path) -> str | None:
    if relative.name.startswith("~$"):
        return "Word/WPS的临时文件（~$开头）"
    if any(part.startswith(".") for part in relative.parts):
        return "隐藏文件"
    if relative.suffix.lower() not in SUPPORTED:
        return f"不支持的文件类型（{relative.suffix or '无扩展名'}）"
    return None


def own_workbook(path: Path, sheets: set[str]) -> Path | None:
    """``path`` when it is a workbook an earlier run wrote (it has ``sheets``): a rerun's ``-o`` inside the
    folder is then not a report to check. Any other file there — a report, a data sheet — is an input.
    Only the workbook's list of sheets is read (``xl/workbook.xml``, through the zip limits), not its cells."""
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return None
    try:
        return path if sheets <= _sheet_names(path) else None
    except Exception:  # not a workbook we can open: then it is not ours either
        return None


def _sheet_names(path: Path) -> set[str]:
    from lxml import etree

    from reportcheck.readers.safezip import Package

    with Package(path, path.name) as package:
        xml = package.read("xl/workbook.xml")
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))
    return {name for sheet in root.iter("{*}sheet") if (name := sheet.get("name"))}
