"""Where a .docx package keeps its parts, as its relationships say (Open Packaging Conventions).

Word names the main part ``word/document.xml``, but the package's own relationships (``_rels/.rels``)
are what say where it is: SharePoint, some converters and documents saved from templates name it
``word/document2.xml`` (or put it elsewhere), and Word opens them. A part's relationships sit beside it
in ``_rels/NAME.rels``; their targets are relative to the part's folder unless they start with ``/``.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from reportcheck.readers.strict import transitional_xml

WORD_MAIN = "word/document.xml"
PACKAGE_RELS = "_rels/.rels"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def resolve(source_part: str, target: str) -> str:
    """The part a relationship of ``source_part`` points at (``/``-rooted or relative to its folder)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target)).lstrip("/")


def rels_of(part: str) -> str:
    """The name of ``part``'s relationships part: ``word/document2.xml`` → ``word/_rels/document2.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _rels_root(xml: bytes | None) -> etree._Element | None:
    """A .rels part's root; None when it is missing or broken."""
    if not xml:
        return None
    try:
        return etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None


def _relationships(xml: bytes | None) -> list[etree._Element]:
    """The Relationship elements of a .rels part (Strict types read as transitional); a broken one has none."""
    root = _rels_root(transitional_xml(xml) if xml else None)
    if root is None:
        return []
    return [rel for rel in root if isinstance(rel.tag, str) and rel.tag.endswith("Relationship")]


def _target(xml: bytes | None, source_part: str, rel_type: str, names: set[str]) -> str | None:
    """The first internal target of type ``rel_type`` that the package holds."""
    for rel in _relationships(xml):
        if rel.get("Type") == rel_type and rel.get("TargetMode") != "External" and rel.get("Target"):
            part = resolve(source_part, rel.get("Target", ""))
            if part in names:
                return part
    return None


def main_part(package_rels: bytes | None, names: set[str]) -> str | None:
    """The main document part: the package's officeDocument relationship, else Word's usual name."""
    found = _target(package_rels, "", _OFFICE_DOCUMENT, names)
    if found:
        return found
    return WORD_MAIN if WORD_MAIN in names else None


def styles_part(document_rels: bytes | None, document: str, names: set[str]) -> str | None:
    """The styles part the main document relates to, else ``word/styles.xml`` when the package has it."""
    return _target(document_rels, document, _STYLES, names) or (
        "word/styles.xml" if "word/styles.xml" in names else None)



def without_dangling_relationships(package: bytes) -> bytes:
    """The (verified) package with every internal relationship to a part it does not hold taken out of
    its .rels part: Word and the reader ignore such a relationship, python-docx fails on it."""
    with zipfile.ZipFile(io.BytesIO(package)) as src:
        names = set(src.namelist())
        fixed: dict[str, bytes] = {}
        for rels in (n for n in names if n.endswith(".rels")):
            source = _source_of(rels)
            root = _rels_root(src.read(rels))
            if root is None:
                continue
            dangling = [rel for rel in root if isinstance(rel.tag, str) and rel.get("TargetMode") != "External"
                        and resolve(source, rel.get("Target") or "") not in names]
            for rel in dangling:
                root.remove(rel)
            if dangling:
                fixed[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if not fixed:
            return package
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, fixed.get(info.filename) or src.read(info))
    return out.getvalue()


def _source_of(rels: str) -> str:
    """The part a .rels part belongs to: ``word/_rels/document.xml.rels`` → ``word/document.xml``."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))
