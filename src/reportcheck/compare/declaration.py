"""Where the declaration (真实性声明 / 申报单位承诺) is in a PDF's layout: its page, and on it the
signature lines (…负责人签字：) and the places asking for a seal (（单位盖章）).

The declaration is the last promise in the report that its information is true (the same test as
extraction's, :func:`reportcheck.extract.declaration.is_declaration`), or failing that the last heading
that names a declaration or promise. Its page is the page of the first signature line after it (the
text may end at the foot of one page and be signed on the next); without one, the page of the
declaration itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from reportcheck.extract.declaration import is_declaration
from reportcheck.layout import BBox, Cell, Document, Paragraph
from reportcheck.normalize.text import label_key

_HEADING_WORDS = ("声明", "承诺")
_HEADING_LENGTH = 30  # characters: a longer text naming a promise is prose, not a heading
_SIGNATURE_WORDS = ("签字", "签名")
_SEAL_WORD = "盖章"
_FOLLOWING = 12  # paragraphs and cells after the declaration where its signature lines may stand


@dataclass(frozen=True, slots=True)
class SignatureLine:
    text: str
    """the line as printed, up to its colon: 集群促进组织负责人签字"""
    bbox: BBox | None
    """of the paragraph or cell holding it (PDF points, from the top of the page)"""


@dataclass(slots=True)
class DeclarationPage:
    page: int
    """counted from 1"""
    signatures: list[SignatureLine] = field(default_factory=list)
    seal_places: int = 0


def find_declaration(doc: Document) -> DeclarationPage | None:
    """The declaration page of a document whose paragraphs and cells carry pages (a PDF), else None."""
    items = [it for it in _items(doc) if it.page is not None and it.norm]
    start = _start(items)
    if start is None:
        return None
    following = items[start:start + _FOLLOWING]
    signatures = [it for it in following if any(w in it.norm for w in _SIGNATURE_WORDS)]
    page = signatures[0].page if signatures else items[start].page
    assert page is not None
    found = DeclarationPage(page)
    for it in following:
        if it.page != page:
            continue
        for line in it.norm.splitlines():
            if any(w in line for w in _SIGNATURE_WORDS):
                found.signatures.append(SignatureLine(line.split(":")[0].strip(), it.bbox))
            found.seal_places += _SEAL_WORD in line
    return found


def _items(doc: Document) -> Iterator[Paragraph | Cell]:
    """Paragraphs and cells (each merged cell once) in document order."""
    for block in doc.iter_blocks():
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                yield from (c for c in row if not c.continued)


def _start(items: list[Paragraph | Cell]) -> int | None:
    """Index of the declaration: the last promise that the information is true, else the last heading
    naming a declaration or promise."""
    promise = next((i for i in range(len(items) - 1, -1, -1) if is_declaration(items[i].norm)), None)
    if promise is not None:
        return promise
    return next((i for i in range(len(items) - 1, -1, -1)
                 if len(key := label_key(items[i].norm)) <= _HEADING_LENGTH and any(w in key for w in _HEADING_WORDS)),
                None)
