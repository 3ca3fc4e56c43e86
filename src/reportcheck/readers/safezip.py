"""Zip packages (.docx, .xlsx, .odt) opened against zip bombs, as Apache POI's ZipSecureFile does.

Before anything is inflated the central directory is held to :class:`~reportcheck.readers.limits.ZipLimits`:
the number of entries, each entry's declared uncompressed size and its ratio to the compressed size
(entries under 100 KB are spared the ratio, as in POI), and the declared total. Then an entry is
inflated here, from its raw bytes, in chunks: it is stopped as soon as it gives more than its header
declared (a header that lies about the size gets no further than that), and must end with the
declared size and CRC. Only stored and deflated entries are read; they are all Office Open XML
allows.

:meth:`Package.verify` inflates every entry so (keeping only those asked for) and refuses an XML
part with a DOCTYPE: Office Open XML packages never carry one, and without it no XML parser —
ours, python-docx's or openpyxl's — has entities to expand or fetch. A package that passed
:meth:`~Package.verify` can be handed to openpyxl or python-docx, whose zipfile then reads exactly
the bytes checked here.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from reportcheck.errors import UnreadableInput
from reportcheck.readers.limits import GRACE_BYTES, MB, ZipLimits, zip_limits

_CHUNK = 256 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then file name and extra field lengths
_END_RECORD = struct.Struct("<4s6xH10x")  # end of central directory: signature, entries in total at 10
_XML_SUFFIXES = (".xml", ".rels")
_BOMB = "疑似压缩炸弹，已拒绝"


class Package:
    """An open zip package; ``name`` is the file the messages name. Use as a context manager."""

    def __init__(self, source: Path | bytes, name: str) -> None:
        self.name = name
        try:
            self._fh: BinaryIO = (io.BytesIO(source) if isinstance(source, bytes)
                                  else Path(source).open("rb"))  # noqa: SIM115 (closed by __exit__)
        except OSError as exc:
            raise UnreadableInput(name, "io_error", f"无法读取文件（{exc.strerror}）",
                                  f"cannot read file ({exc.strerror})") from None
        try:
            self.limits = zip_limits(name)
            declared = _declared_entries(self._fh)  # checked before zipfile reads the whole directory
            self._too_many(declared, at_least=declared == 0xFFFF)
            self._zip = zipfile.ZipFile(self._fh)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
            # zipfile refuses a directory naming a zip version no Office program writes (NotImplementedError)
            self._fh.close()
            raise _corrupt(name) from None
        except UnreadableInput:
            self._fh.close()
            raise

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zip.close()
        self._fh.close()

    @property
    def names(self) -> list[str]:
        return self._zip.namelist()

    def check(self) -> None:
        """Hold the central directory to the limits; nothing is inflated."""
        infos = self._zip.infolist()
        limits = self.limits
        self._too_many(len(infos))
        seen: set[str] = set()
        for info in infos:
            if info.filename in seen:
                raise UnreadableInput(self.name, "corrupt",
                                      f"压缩包中有两个同名条目（{info.filename}），文件已损坏或被篡改，已拒绝",
                                      f"the package holds two entries named {info.filename}: refused")
            seen.add(info.filename)
            self._check_entry(info)
        total = sum(info.file_size for info in infos)
        if total > limits.max_total_bytes:
            raise UnreadableInput(self.name, "zip_total_too_large",
                                  f"压缩包解压后共{_mb(total)}MB，超过限制（{limits.max_total_mb:g}MB），{_BOMB}",
                                  f"the package inflates to {_mb(total)} MB, over the limit of "
                                  f"{limits.max_total_mb:g} MB: refused as a possible zip bomb")

    def read(self, member: str) -> bytes:
        """One entry's bytes, held to the limits and to its declared size; KeyError if absent."""
        info = self._zip.getinfo(member)
        self._check_entry(info)
        return b"".join(self._inflate(info))

    def verify(self, keep: Collection[str] = ()) -> dict[str, bytes]:
        """:meth:`check`, then inflate every entry (refusing an XML part with a DOCTYPE); the bytes
        of the entries named in ``keep``."""
        self.check()
        kept: dict[str, bytes] = {}
        for info in self._zip.infolist():
            prolog = _Prolog() if info.filename.lower().endswith(_XML_SUFFIXES) else None
            chunks: list[bytes] = []
            for chunk in self._inflate(info):
                if prolog is not None and prolog.has_doctype(chunk):
                    raise UnreadableInput(self.name, "xml_doctype",
                                          f"压缩包中 {info.filename} 含有DOCTYPE声明（Word/Excel文件不会有），"
                                          "可能借XML实体攻击，已拒绝",
                                          f"{info.filename} carries a DOCTYPE (Office files never do): "
                                          "refused as a possible XML entity attack")
                if info.filename in keep:
                    chunks.append(chunk)
            if info.filename in keep:
                kept[info.filename] = b"".join(chunks)
        return kept

    def _too_many(self, count: int, at_least: bool = False) -> None:
        limit = self.limits.max_entries
        if count > limit:
            some = ("至少", "at least ") if at_least else ("", "")
            raise UnreadableInput(self.name, "zip_too_many_entries",
                                  f"压缩包中有{some[0]}{count}个条目，超过限制（{limit}个），{_BOMB}",
                                  f"the package holds {some[1]}{count} entries, over the limit of {limit}: "
                                  "refused as a possible zip bomb")

    def _check_entry(self, info: zipfile.ZipInfo) -> None:
        limits: ZipLimits = self.limits
        member = info.filename
        if info.flag_bits & 0x1:
            raise UnreadableInput(self.name, "encrypted", "文件设有打开密码（压缩包已加密），请去除密码后重新保存",
                                  "the package is encrypted; remove the password and save it again")
        if info.file_size > limits.max_entry_bytes:
            raise UnreadableInput(self.name, "zip_entry_too_large",
                                  f"压缩包中 {member} 解压后有{_mb(info.file_size)}MB，超过限制"
                                  f"（{limits.max_entry_mb:g}MB），{_BOMB}",
                                  f"{member} inflates to {_mb(info.file_size)} MB, over the limit of "
                                  f"{limits.max_entry_mb:g} MB: refused as a possible zip bomb")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > GRACE_BYTES and ratio > limits.max_ratio:
            raise UnreadableInput(self.name, "zip_ratio",
                                  f"压缩包中 {member} 的压缩比为{ratio:.0f}倍，超过限制（{limits.max_ratio:g}倍），"
                                  f"{_BOMB}",
                                  f"{member} is compressed {ratio:.0f} times, over the limit of "
                                  f"{limits.max_ratio:g}: refused as a possible zip bomb")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnreadableInput(self.name, "corrupt",
                                  f"压缩包中 {member} 使用了Word/Excel不用的压缩方式（{info.compress_type}），"
                                  "请用Word/Excel重新保存",
                                  f"{member} uses a compression method Office files do not use; save it again")

    def _inflate(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The entry's bytes in chunks, from its raw data: never more than its declared size."""
        fh = self._fh
        fh.seek(info.header_offset)
        head = fh.read(_LOCAL_HEADER.size)
        if len(head) < _LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
            raise _corrupt(self.name)
        _, name_length, extra_length = _LOCAL_HEADER.unpack(head)
        fh.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        left, produced, crc = info.compress_size, 0, 0
        pending = b""
        while True:
            if not pending and left > 0:
                pending = fh.read(min(_CHUNK, left))
                if not pending:
                    raise _corrupt(self.name)
                left -= len(pending)
            if inflater is None:
                out, pending = pending, b""
            else:
                try:
                    out = inflater.decompress(pending, _CHUNK)
                except zlib.error:
                    raise _corrupt(self.name) from None
                pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > info.file_size:
                raise UnreadableInput(self.name, "zip_size_mismatch",
                                      f"压缩包中 {info.filename} 解压后超过文件头声明的大小"
                                      f"（声明{info.file_size}字节），文件头不实，{_BOMB}",
                                      f"{info.filename} inflates past the {info.file_size} bytes its header "
                                      "declares: refused as a possible zip bomb")
            crc = zlib.crc32(out, crc)
            if out:
                yield out
            input_done = left == 0 and not pending
            if (inflater is None and input_done) or (inflater is not None and (
                    inflater.eof or (input_done and not out))):
                break
        if produced != info.file_size or crc != info.CRC:
            raise UnreadableInput(self.name, "corrupt",
                                  f"压缩包中 {info.filename} 已损坏（大小或校验值与文件头不符），请重新保存或重新发送",
                                  f"{info.filename} is damaged (size or CRC does not match); save or send it again")


_PROLOG_SLICE = 4096


class _Prolog:
    """Watches an XML part's first bytes, up to its root element, for a DOCTYPE. A parser target
    hears of the DOCTYPE before its internal subset is read, so also of one libxml2 then gives up
    on (a billion laughs exceeds its entity amplification limit even unexpanded)."""

    def __init__(self) -> None:
        self.found = False
        self._root = False
        self._parser: etree.XMLParser | None = etree.XMLParser(
            target=self, resolve_entities=False, load_dtd=False, no_network=True)

    def has_doctype(self, chunk: bytes) -> bool:
        # fed in small slices: the root element comes within the first few hundred bytes, and every
        # element after it would cost a call into this target
        for at in range(0, len(chunk), _PROLOG_SLICE):
            if self._parser is None:
                break
            try:
                self._parser.feed(chunk[at:at + _PROLOG_SLICE])
            except etree.XMLSyntaxError:  # not well-formed: the reader says so when it parses the part
                self._parser = None
            if self._root:
                self._parser = None
        return self.found

    # the parser target's calls
    def doctype(self, name: str | None, public_id: str | None, system_url: str | None) -> None:
        self.found = True

    def start(self, tag: str, attrib: dict) -> None:
        self._root = True

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def verify_package(path: Path, name: str | None = None) -> None:
    """Refuse a .xlsx/.docx ``path`` that is over the limits or has an XML part with a DOCTYPE,
    before a library that trusts its headers (openpyxl, python-docx) opens it."""
    with Package(path, name or str(path)) as package:
        package.verify()


def _declared_entries(fh: BinaryIO) -> int:
    """The entry count the end-of-central-directory record declares (0 when there is none: zipfile
    then says the file is no zip). A count of 0xFFFF stands for 65535 or more (zip64)."""
    size = fh.seek(0, io.SEEK_END)
    fh.seek(max(0, size - _END_RECORD.size - 0xFFFF))  # the record, then a comment of up to 64 KB
    tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END_RECORD.size:
        return 0
    return _END_RECORD.unpack_from(tail, at)[1]


def _corrupt(name: str) -> UnreadableInput:
    return UnreadableInput(name, "corrupt", "文件已损坏或不完整（无法解压），请重新保存或重新发送",
                           "file is corrupt or truncated (bad zip); save or send it again")


def _mb(size: int) -> str:
    return f"{round(size / MB, 1):g}"
