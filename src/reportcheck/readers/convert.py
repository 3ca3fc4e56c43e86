"""Legacy and other word-processor files (.doc, .wps, .rtf, .odt) → .docx, and Word files → PDF
(their pages), with LibreOffice.

The conversion runs headless in a private temporary directory (its own LibreOffice profile too,
so a user's open LibreOffice does not block it), with a time limit; the input is only read. The
profile is made to block what a document links to (LibreOffice's BlockUntrustedRefererLinks): an image
linked to a URL is not fetched, so a file sent by anyone cannot make the server request an address of
its intranet, and linked content is never loaded into the conversion.
LibreOffice runs in a process group of its own, killed as a whole when the time is up or when the
caller ends (:mod:`reportcheck.readers.tether`).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.runtime.processes import kill_tree, own_session

TIMEOUT_SECONDS = 180
_SIGNALLED = 128  # the tether's exit code is 128 + N when a signal N ended LibreOffice
_INSTALL = "请安装LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或把文件另存为.docx"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, kind: str) -> bytes:
    """The .docx bytes of ``path``; raises UnreadableInput when LibreOffice is missing or fails."""
    return _converted(path, kind, "docx", "请用Word/WPS另存为.docx", "save it as .docx in Word/WPS")


def convert_to_pdf(path: Path, kind: str) -> bytes:
    """``path`` laid out in pages as LibreOffice prints it (PDF bytes): where a Word file's pages fall.
    Raises UnreadableInput when LibreOffice is missing or fails."""
    return _converted(path, kind, "pdf", "请用Word/WPS另存为PDF", "save it as PDF in Word/WPS")


def _converted(path: Path, kind: str, target: str, advice_zh: str, advice_en: str) -> bytes:
    name = str(path)
    exe = soffice()
    if exe is None:
        raise UnreadableInput(name, "needs_libreoffice", f"读取{kind}文件需要LibreOffice：{_INSTALL}",
                              f"reading {kind} needs LibreOffice (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="reportcheck-") as tmp:
        work = Path(tmp)
        source = work / f"input{path.suffix.lower() or '.doc'}"
        shutil.copyfile(path, source)
        _closed_profile(work / "profile")
        cmd = [exe, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
               "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        code = _run(cmd, name)
        result = work / "out" / f"input.{target}"
        if (not result.is_file() or result.stat().st_size == 0) and code > _SIGNALLED:
            raise _killed(name, kind, code - _SIGNALLED)
        if not result.is_file() or result.stat().st_size == 0:
            raise UnreadableInput(name, "convert_failed",
                                  f"LibreOffice无法转换该{kind}文件（文件可能已损坏或设有密码），{advice_zh}",
                                  f"LibreOffice could not convert the {kind} file; {advice_en}")
        return result.read_bytes()


_CLOSED = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseOpenCL" oor:op="fuse"><value>false</value>\
</prop></item>
</oor:items>
"""


def _closed_profile(profile: Path) -> None:
    """A LibreOffice profile that fetches nothing a document links to and runs no macro."""
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(_CLOSED, "utf-8")


def _killed(name: str, kind: str, signum: int) -> UnreadableInput:
    """LibreOffice ended by a signal: SIGKILL is the system's (out of memory) or an operator's, not the
    file's doing; another (a crash) may well be the file's."""
    if signum == getattr(signal, "SIGKILL", 9):  # POSIX's; Windows has no signals to end a process
        return UnreadableInput(name, "convert_killed",
                               f"LibreOffice转换{kind}文件时被系统终止（信号{signum}，通常是内存不足），这不表示文件有误。"
                               "请稍后重试，或用Word/WPS另存为.docx再检查",
                               f"LibreOffice was killed while converting the {kind} file (signal {signum}, usually "
                               "out of memory); this does not mean the file is broken: retry, or save it as .docx")
    return UnreadableInput(name, "convert_crashed",
                           f"LibreOffice转换{kind}文件时崩溃（信号{signum}），文件可能有异常。请用Word/WPS另存为.docx再检查",
                           f"LibreOffice crashed converting the {kind} file (signal {signum}); save it as .docx")


def _run(cmd: list[str], name: str) -> int:
    """Run LibreOffice through the tether in a new session and return its exit code; past the time limit,
    kill the session's process group (LibreOffice's wrapper starts soffice.bin as a child that would
    outlive it)."""
    process = subprocess.Popen([sys.executable, "-m", "reportcheck.readers.tether", *cmd],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               **own_session())
    try:
        return process.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        kill_tree(process.pid)
        process.wait()
        raise UnreadableInput(name, "convert_timeout",
                              f"LibreOffice转换超过{TIMEOUT_SECONDS}秒仍未完成，请另存为.docx后再检查",
                              "LibreOffice conversion timed out; save it as .docx and check that") from None
    finally:
        process.stdin.close()  # type: ignore[union-attr]
