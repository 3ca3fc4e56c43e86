"""The flow in one place: file → layout → normalised layout → typed report."""

from __future__ import annotations

from pathlib import Path

from reportcheck.layout import Document, Paragraph, Picture, Table, number_after
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

    doc = normalize_document(read_document(p, package))
    return extract(doc, _PictureReader(doc))


class _PictureReader:
    """Reads a picture of ``doc`` by OCR into normalised lines, its tables and paragraphs numbered after
    the document's own (so the file's own keep their numbers)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        blocks = list(doc.iter_blocks())
        self.next_table = 1 + max((b.index for b in blocks if isinstance(b, Table)), default=-1)
        self.next_paragraph = 1 + max((b.index for b in blocks if isinstance(b, Paragraph)), default=-1)

    def __call__(self, picture: Picture) -> list:
        from reportcheck.errors import OCR_INSTALL, PictureUnreadable
        from reportcheck.extract.lines import flatten
        from reportcheck.normalize.text import normalize_document

        try:
            from reportcheck.readers.picture import read_picture

            blocks = read_picture(picture, self.doc.path)
        except ImportError:
            raise PictureUnreadable(f"读取图片需要文字识别组件（{OCR_INSTALL}）") from None
        except Exception:  # a picture OCR cannot take (too thin, too many lines, broken): no table read
            raise PictureUnreadable("图片无法识别") from None
        self.next_table, self.next_paragraph = number_after(blocks, self.next_table, self.next_paragraph)
        return flatten(normalize_document(Document(path=self.doc.path, blocks=blocks)))


def warm_reader() -> None:
    """Load what reading any report needs — the modules, the template specs — in a child started before
    its first file is known (:mod:`reportcheck.runtime.ahead`). The collector is off meanwhile (what is
    loaded stays, so looking through it for garbage is time lost: about a twentieth of the load), and what
    was loaded is set aside from its later collections."""
    import gc

    gc.disable()
    try:
        from reportcheck.extract import report  # noqa: F401
        from reportcheck.normalize import text  # noqa: F401
        from reportcheck.readers import docx_reader  # noqa: F401
        from reportcheck.spec import load_templates

        load_templates()
    finally:
        gc.freeze()
        gc.enable()


def warm_up() -> None:
    """Load what every child of several needs once, before forking (modules, the PDF reader, specs, OpenCC,
    the word splitter), so no child pays for it. Nothing when children are spawned: each loads for itself."""
    from reportcheck.runtime.supervisor import forking

    if not forking():
        return
    import gc

    from reportcheck.extract import report  # noqa: F401
    from reportcheck.extract.claims import find_claims
    from reportcheck.normalize.text import to_simplified
    from reportcheck.readers import (
        docx_reader,  # noqa: F401
        pdf_reader,  # noqa: F401
    )
    from reportcheck.rules import run_rules  # noqa: F401
    from reportcheck.spec import load_templates

    for spec in load_templates():
        find_claims("2022年集群总产值达到1.0亿元", spec.prose_keywords)
    to_simplified(["繁體"])
    gc.freeze()  # what is loaded now stays shared with the forked children (no collector touching it)
