"""Word's "Strict Open XML Document" (ISO/IEC 29500 Strict): the same markup as a .docx under other
namespaces. The reader maps them as it parses (:func:`transitional_xml`); a writer that knows only the
transitional form (python-docx, for annotate) gets the whole package mapped (:func:`transitional_package`),
and writes an ordinary .docx."""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Strict namespace → transitional one. Relationship types live under the relationships namespace, so its
# mapping carries them (…/relationships/officeDocument).
NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships":
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/picture": b"http://schemas.openxmlformats.org/drawingml/2006/picture",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
}
_MARK = b"purl.oclc.org/ooxml/"


def transitional_xml(xml: bytes) -> bytes:
    """A part's XML under the transitional namespaces (unchanged when it is no Strict part)."""
    if _MARK not in xml[:4096]:
        return xml
    for strict, transitional in NAMESPACES.items():
        xml = xml.replace(strict, transitional)
    return xml


def is_strict(package: bytes) -> bool:
    """Whether a .docx package's relationships are Strict ones (it has been verified by the caller)."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return "_rels/.rels" in z.namelist() and _MARK in z.read("_rels/.rels")


def transitional_package(package: bytes) -> bytes:
    """The package with every XML part mapped to the transitional namespaces, other parts as they are."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith((".xml", ".rels")):
                data = transitional_xml(data)
            dst.writestr(info, data)
    return out.getvalue()
