"""Readers turn a file into the neutral layout (:mod:`reportcheck.layout`)."""

from __future__ import annotations

from pathlib import Path

from reportcheck.layout import Document
from reportcheck.readers.sniff import sniff

_CONVERTED = {"cfb": ".doc/.wps", "rtf": ".rtf", "odt": ".odt"}


def read_document(path: str | Path) -> Document:
    """Read any supported file; raise :class:`UnreadableInput` with a clear reason otherwise."""
    p = Path(path)
    kind = sniff(p)
    if kind == "pdf":
        from reportcheck.readers.pdf_reader import read_pdf

        return read_pdf(p)
    from reportcheck.readers.docx_reader import read_docx

    if kind in _CONVERTED:
        from reportcheck.readers.convert import convert_to_docx

        if kind == "cfb":
            _check_ole_header(p)
        doc = read_docx(p, data=convert_to_docx(p, _CONVERTED[kind]))
        doc.source_format = kind
        return doc
    return read_docx(p)


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
