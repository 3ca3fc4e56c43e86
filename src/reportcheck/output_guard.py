"""No output over an input, ever: the one check every command makes before it writes ``-o``.

An output path is refused when it is one of the command's input files (the same path, or the same file
reached otherwise — a link, another spelling, a hard link: compared by device and inode), when it exists
and ``--force`` was not given, when its extension is not that of what the command writes (a report
overwritten by text output under its own name), and when its folder does not exist. Only the standard
library: commands check this before they load anything heavy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

TEXT = (".txt", ".log", "")  # what a command's plain-text output may be named (no extension too)


class OutputRefused(ValueError):
    """The output path cannot be written; ``str()`` is the user's message (Chinese / English)."""


def check_output(target: Path, inputs: Iterable[str | Path], force: bool, suffixes: tuple[str, ...],
                 writes: str) -> None:
    """Raise :class:`OutputRefused` unless ``target`` may be written. ``suffixes`` are the extensions of
    what is written (``""`` allows none); ``writes`` names it for the message (``"Word文件"``)."""
    check_not_an_input(target, inputs, "请用 -o 指定另一个文件")
    if target.suffix.lower() not in suffixes:
        wanted = "、".join(s or "（无扩展名）" for s in suffixes)
        raise OutputRefused(f"输出文件 {target.name} 的扩展名与写出的内容不符：写出的是{writes}，扩展名应为 {wanted}"
                            f" / {target.name}: the output is {'/'.join(s for s in suffixes if s)}, name it so")
    if target.is_dir():
        raise OutputRefused(f"{target} 是一个文件夹，请给出输出文件名 / the output is a folder")
    if target.exists() and not force:
        raise OutputRefused(f"{target} 已存在，加 --force 覆盖 / {target} exists, use --force to overwrite")
    if not target.parent.is_dir():
        raise OutputRefused(f"输出目录 {target.parent} 不存在，请先创建 / the output folder does not exist")


def check_not_an_input(target: Path, inputs: Iterable[str | Path], instead: str) -> None:
    """Raise :class:`OutputRefused` when ``target`` (an output, an archive) is one of the inputs; ``instead``
    says what to do."""
    for source in inputs:
        if _same_file(target, Path(source)):
            raise OutputRefused(f"输出文件 {target} 就是输入文件 {source}，输入文件不会被改动；{instead}"
                                f" / the output {target} is the input {source}: inputs are never overwritten")


def _same_file(a: Path, b: Path) -> bool:
    """The same file: the same resolved path, or (both existing) the same device and inode."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
