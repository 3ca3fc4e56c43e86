"""The flow in one place: file → layout → normalised layout → typed report."""

from __future__ import annotations

from pathlib import Path

from reportcheck.model import Report


def load_report(path: str | Path, package: bytes | None = None) -> Report:
    """Read, normalise and extract one file. Raises UnreadableInput for files it cannot read.
    ``package`` is its .docx bytes when already at hand (see :func:`reportcheck.readers.word_package`)."""
    from reportcheck.readers.sniff import sniff

    p = Path(path)
    if sniff(p) == "xlsx":
        from reportcheck.datasheet import read_data_sheet

        return read_data_sheet(p)
    from reportcheck.extract.report import extract
    from reportcheck.normalize.text import normalize_document
    from reportcheck.readers import read_document

    return extract(normalize_document(read_document(p, package)))
