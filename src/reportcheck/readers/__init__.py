"""Readers turn a file into the neutral layout (:mod:`reportcheck.layout`)."""

from __future__ import annotations

from pathlib import Path

from reportcheck.errors import UnreadableInput
from reportcheck.layout import Document
from reportcheck.readers.sniff import sniff


def read_document(path: str | Path) -> Document:
    """Read any supported file; raise :class:`UnreadableInput` with a clear reason otherwise."""
    p = Path(path)
    kind = sniff(p)
    if kind == "docx":
        from reportcheck.readers.docx_reader import read_docx

        return read_docx(p)
    if kind == "pdf":
        raise UnreadableInput(str(p), "unsupported_pdf", "暂不支持PDF，请提交.docx版本",
                              "PDF is not supported yet, submit the .docx")
    raise UnreadableInput(str(p), "unsupported_legacy",
                          "这是旧版Word/WPS文件（.doc/.wps），请另存为.docx后再检查",
                          "legacy .doc/.wps file, save it as .docx")
