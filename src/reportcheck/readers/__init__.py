"""Readers turn a file into the neutral layout (:mod:`reportcheck.layout`)."""

from __future__ import annotations

from pathlib import Path

from reportcheck.layout import Document
from reportcheck.readers.sniff import sniff

_CONVERTED = {"cfb": ".doc/.wps", "rtf": ".rtf", "odt": ".odt"}


def read_document(path: str | Path, package: bytes | None = None) -> Document:
    """Read any supported file; raise :class:`UnreadableInput` with a clear reason otherwise.
    ``package`` is the file's .docx bytes when the caller already has them (:func:`word_package`)."""
    p = Path(path)
    kind = sniff(p)
    if kind == "pdf":
        from reportcheck.readers.pdf_reader import read_pdf

        return read_pdf(p)
    from reportcheck.readers.docx_reader import read_docx

    doc = read_docx(p, data=package if package is not None else _converted(p, kind))
    if kind in _CONVERTED:
        doc.source_format = kind
    return doc


def word_package(path: str | Path) -> bytes | None:
    """The .docx bytes a Word-family file is read as: the file itself, or what LibreOffice converts a
    .doc/.wps/.rtf/.odt into; None for a PDF or a data sheet. Findings' locations index this package."""
    p = Path(path)
    kind = sniff(p)
    if kind in ("pdf", "xlsx"):
        return None
    if kind in _CONVERTED:
        return _converted(p, kind)
    try:
        return p.read_bytes()
    except OSError as exc:
        from reportcheck.errors import UnreadableInput

        raise UnreadableInput(str(p), "io_error", f"无法读取文件（{exc.strerror}）",
                              f"cannot read file ({exc.strerror})") from None


def _converted(path: Path, kind: str) -> bytes | None:
    """LibreOffice's .docx of a .doc/.wps/.rtf/.odt; None for a .docx (read in place)."""
    if kind not in _CONVERTED:
        return None
    from reportcheck.readers.convert import convert_to_docx

    if kind != "cfb":
        return convert_to_docx(path, _CONVERTED[kind])
    from reportcheck.errors import UnreadableInput, password_protected
    from reportcheck.readers.word_binary import word_fib

    _check_ole_header(path)
    fib = word_fib(path)
    if fib is not None and fib.encrypted:
        raise password_protected(str(path))
    try:
        return convert_to_docx(path, _CONVERTED[kind])
    except UnreadableInput as exc:
        if exc.reason != "convert_failed" or fib is None or not fib.before_word97:
            raise
        raise UnreadableInput(str(path), "old_word",
                              f"这是Word 6.0/95格式的文件（1997年以前的格式，版本号{fib.version}），"
                              "LibreOffice未能转换。请用Word或WPS打开后另存为.docx再检查",
                              f"a Word 6.0/95 file (format version {fib.version}) LibreOffice could not convert; "
                              "save it as .docx in Word or WPS") from None


def _check_ole_header(path: Path) -> None:
    """An OLE (Word 97-2003 / WPS) file whose header is not a compound-file header is damaged;
    LibreOffice would "convert" it into an empty text document."""
    from reportcheck.errors import UnreadableInput

    with path.open("rb") as fh:
        head = fh.read(512)
    if len(head) < 512 or head[28:30] != b"\xfe\xff" or head[26:28] not in (b"\x03\x00", b"\x04\x00"):
        raise UnreadableInput(str(path), "corrupt",
                              "文件已损坏：有Word 97-2003（.doc/.wps）文件头，但内部结构无效。"
                              "请用Word或WPS打开后重新保存",
                              "file is damaged (invalid .doc/.wps structure); open and save it again in Word/WPS")
