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

        doc = read_docx(p, data=convert_to_docx(p, _CONVERTED[kind]))
        doc.source_format = kind
        return doc
    return read_docx(p)
