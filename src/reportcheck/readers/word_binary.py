"""What a binary Word file says about itself before LibreOffice is asked to convert it.

A Word 6.0 / 95 / 97–2003 file (and WPS's .wps/.doc) is a compound file (OLE) with a ``WordDocument``
stream; that stream starts with the File Information Block: ``wIdent`` 0xA5EC, ``nFib`` (the format
version: 101–105 for Word 6.0/95, 193 and up for Word 97 on) and a flags word whose ``fEncrypted`` bit
says an open password protects it [MS-DOC 2.5.2]. Word for DOS and Word 1.x/2.0 for Windows files are
no compound files at all; their first bytes say which they are. Only the directory is walked here: the
FIB is the first bytes of the stream's first sector.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

_FIB_IDENT = 0xA5EC
_WORD97_NFIB = 193
_ENCRYPTED_FLAG = 0x0100
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_DIRECTORY_SECTORS = 4096  # a directory longer than this is a damaged (or hostile) one
# First bytes of the Word formats before the compound file: Word for DOS and Windows Write (31/32 BE),
# Word 1.x and 2.0 for Windows.
OLD_WORD_MAGIC = (b"\x31\xbe\x00\x00", b"\x32\xbe\x00\x00", b"\x9b\xa5", b"\x9c\xa5", b"\xdb\xa5")


@dataclass(frozen=True)
class WordFib:
    version: int  # nFib
    encrypted: bool

    @property
    def before_word97(self) -> bool:
        return self.version < _WORD97_NFIB


def word_fib(path: Path) -> WordFib | None:
    """The FIB of the ``WordDocument`` stream; None when the file has none (another OLE file, an older
    WPS file) or its compound-file structure cannot be followed (the converter then says what it can)."""
    try:
        with path.open("rb") as fh:
            return _read_fib(fh.read())
    except (OSError, struct.error, IndexError):
        return None


def _read_fib(data: bytes) -> WordFib | None:
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        return None
    size = 1 << shift
    fat = _fat(data, size)
    sector = struct.unpack_from("<I", data, 48)[0]  # the directory's first sector
    for _ in range(_MAX_DIRECTORY_SECTORS):
        if sector == _END_OF_CHAIN or sector >= len(fat):
            return None
        base = (sector + 1) * size
        for entry in range(base, base + size, 128):
            name_length = struct.unpack_from("<H", data, entry + 64)[0]
            name = data[entry:entry + max(0, name_length - 2)].decode("utf-16-le", "replace")
            if name == "WordDocument" and data[entry + 66] == 2:  # a stream
                start = struct.unpack_from("<I", data, entry + 116)[0]
                ident, version, _, _, _, flags = struct.unpack_from("<6H", data, (start + 1) * size)
                return WordFib(version, bool(flags & _ENCRYPTED_FLAG)) if ident == _FIB_IDENT else None
        sector = fat[sector]
    return None


def _fat(data: bytes, size: int) -> list[int]:
    """The sector allocation table, from the FAT sectors the header lists (the first 109; a file large
    enough to need more lists them in DIFAT sectors, not followed: its directory comes first anyway)."""
    count = struct.unpack_from("<I", data, 44)[0]
    listed = struct.unpack_from("<109I", data, 76)[:min(count, 109)]
    table: list[int] = []
    for sector in listed:
        start = (sector + 1) * size
        table.extend(struct.unpack_from(f"<{size // 4}I", data, start))
    return table
