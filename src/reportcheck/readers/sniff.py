"""Tell what a file really is from its first bytes, whatever its name says."""

from __future__ import annotations

import re
from pathlib import Path

from reportcheck.errors import UnreadableInput, password_protected
from reportcheck.readers.safezip import Package
from reportcheck.readers.word_binary import OLD_WORD_MAGIC

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_PDF_HEADER = b"%PDF-"
_PDF_BODY = re.compile(rb"^%[^\r\n]*[\r\n]+\s*\d+\s+\d+\s+obj\b")
_ODF_MANIFEST = "META-INF/manifest.xml"
_ODF_ENCRYPTED = b"encryption-data"
_PDF_HEADER_WITHIN = 1024
"""A PDF's header may follow other bytes (Ghostscript's banner, a mail gateway's line): Acrobat, pdfium
and pdfminer look for it in the first 1,024 bytes, and so does :func:`sniff`."""


def _zip_kind(path: Path) -> str:
    """docx, xlsx or odt, from what the zip package holds. A broken zip, or one over the package
    limits, reads as docx: the reader then says what is wrong with it."""
    encrypted = False
    try:
        with Package(path, str(path)) as package:
            names = set(package.names)
            if "xl/workbook.xml" in names:
                return "xlsx"
            encrypted = _ODF_MANIFEST in names and _ODF_ENCRYPTED in package.read(_ODF_MANIFEST)
            if not encrypted and "mimetype" in names and package.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument.text"):
                return "odt"
    except UnreadableInput:
        pass
    if encrypted:  # OpenDocument saved with a password: its parts are ciphertext, named in the manifest
        raise password_protected(str(path))
    return "docx"


def looks_like_pdf(path: str | Path) -> bool:
    """Whether the file starts as a PDF does (False when it cannot be opened: the readers say why)."""
    try:
        with open(path, "rb") as fh:
            return _PDF_HEADER in fh.read(_PDF_HEADER_WITHIN)
    except OSError:
        return False


def sniff(path: Path) -> str:
    """Return docx, xlsx, odt, rtf, pdf or cfb (legacy Word/WPS); raise for anything unreadable."""
    name = str(path)
    if not path.exists():
        raise UnreadableInput(name, "not_found", "文件不存在，请检查路径", "file not found; check the path")
    if path.is_dir():
        raise UnreadableInput(name, "is_directory", "这是一个文件夹，请给出报告文件",
                              "is a directory, give a report file")
    try:
        with path.open("rb") as fh:
            start = fh.read(_PDF_HEADER_WITHIN)
            head = start[:8]
            if head == _CFB_MAGIC:
                fh.seek(0)
                body = fh.read()
    except OSError as exc:
        raise UnreadableInput(name, "io_error", f"无法读取文件（{exc.strerror}）",
                              f"cannot read file ({exc.strerror})") from None
    if not head:
        raise UnreadableInput(name, "empty", "文件为空（0字节），请重新导出报告",
                              "file is empty, export the report again")
    if head.startswith(b"PK"):
        return _zip_kind(path)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _PDF_HEADER in start:
        return "pdf"
    if head == _CFB_MAGIC:
        if _ENCRYPTED_STREAM in body:
            raise password_protected(name)
        return "cfb"
    if _PDF_BODY.match(start):
        raise UnreadableInput(name, "corrupt", "PDF文件已损坏：缺少文件头（%PDF-），请重新导出PDF或提交.docx",
                              "the PDF has lost its header (%PDF-): export it again or send the .docx")
    if head.startswith(OLD_WORD_MAGIC):
        raise UnreadableInput(name, "old_word",
                              "这是Word for DOS、Windows Write或Word 1.x/2.0格式的文件（1997年以前的格式），无法读取。"
                              "请用Word或WPS打开后另存为.docx再检查",
                              "a Word for DOS / Write / Word 1.x–2.0 file (before Word 97) cannot be read; "
                              "save it as .docx")
    raise UnreadableInput(name, "unknown_format",
                          "不是Word（.docx/.doc/.wps）或PDF文件，请另存为.docx后再检查",
                          "not a Word or PDF file, save it as .docx")
