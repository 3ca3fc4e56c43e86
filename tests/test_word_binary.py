"""Binary Word files told apart before conversion: an open password (the FIB's fEncrypted bit), Word
6.0/95 (nFib below 193) and the formats before the compound file (Word for DOS, Word 1.x/2.0)."""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import NEEDS_LIBREOFFICE, SAMPLES
from reportcheck.errors import UnreadableInput
from reportcheck.pipeline import load_report
from reportcheck.readers.word_binary import word_fib

DOC = SAMPLES / "doc" / "prelim_advanced_split_clean.doc"


def _fib_offset(data: bytes) -> int:
    """Where the WordDocument stream starts, found by its FIB's identifier after the directory entry
    names it (independently of the reader: the entry's start sector, 512-byte sectors)."""
    entry = data.index("WordDocument".encode("utf-16-le"))
    start = struct.unpack_from("<I", data, entry + 116)[0]
    offset = (start + 1) * 512
    assert data[offset:offset + 2] == b"\xec\xa5"
    return offset


def _with_fib(tmp_path: Path, version: int | None = None, encrypted: bool = False) -> Path:
    data = bytearray(DOC.read_bytes())
    offset = _fib_offset(bytes(data))
    if version is not None:
        struct.pack_into("<H", data, offset + 2, version)
    if encrypted:
        flags = struct.unpack_from("<H", data, offset + 10)[0]
        struct.pack_into("<H", data, offset + 10, flags | 0x0100)
    out = tmp_path / "report.doc"
    out.write_bytes(bytes(data))
    return out


def test_the_fib_of_a_word_97_file_is_read() -> None:
    fib = word_fib(DOC)
    assert fib is not None and not fib.encrypted and not fib.before_word97


def test_a_doc_with_an_open_password_is_refused_as_such_before_conversion(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput) as refused:
        load_report(_with_fib(tmp_path, encrypted=True))
    assert refused.value.reason == "encrypted" and "密码" in refused.value.zh


def test_a_file_from_before_the_compound_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xdb\xa5\x2d\x00" + b"\x00" * 1020)  # Word 2.0 for Windows: wIdent 0xA5DB
    with pytest.raises(UnreadableInput) as refused:
        load_report(path)
    assert refused.value.reason == "old_word" and "Word 1.x/2.0" in refused.value.zh


def test_a_word_95_file_libreoffice_cannot_convert_is_named_as_such(tmp_path: Path, monkeypatch) -> None:
    """nFib 104 (Word 95) and a conversion that fails: the message names the old format."""
    import reportcheck.readers.convert as convert

    def fails(path, kind):
        raise UnreadableInput(str(path), "convert_failed", "LibreOffice无法转换", "could not convert")

    monkeypatch.setattr(convert, "convert_to_docx", fails)
    with pytest.raises(UnreadableInput) as refused:
        load_report(_with_fib(tmp_path, version=104))
    assert refused.value.reason == "old_word" and "Word 6.0/95" in refused.value.zh and "104" in refused.value.zh
    with pytest.raises(UnreadableInput) as refused:  # a Word 97 file that fails is still a failed conversion
        load_report(_with_fib(tmp_path))
    assert refused.value.reason == "convert_failed"


@NEEDS_LIBREOFFICE
def test_a_conversion_killed_by_the_system_is_not_called_a_broken_file(tmp_path: Path, monkeypatch) -> None:
    """soffice.bin killed with SIGKILL (as the out-of-memory killer does) halfway through converting a
    good .doc: the message says LibreOffice was killed, not that the file is damaged."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the conversion's profile under tmp_path
    stop = threading.Event()

    def kill_libreoffice() -> None:
        while not stop.is_set():
            found = subprocess.run(["pgrep", "-f", f"soffice.bin.*{tmp_path}"], capture_output=True, text=True)
            for pid in found.stdout.split():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)
            time.sleep(0.05)

    killer = threading.Thread(target=kill_libreoffice, daemon=True)
    killer.start()
    try:
        with pytest.raises(UnreadableInput) as refused:
            load_report(DOC)
    finally:
        stop.set()
        killer.join()
    assert refused.value.reason == "convert_killed"
    assert "被系统终止（信号9" in refused.value.zh and "不表示文件有误" in refused.value.zh
