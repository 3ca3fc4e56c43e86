"""PDFs a reader must refuse with a clear reason: scanned (no text layer), garbled (CID font
without a ToUnicode map), encrypted, broken. Written as raw PDF objects; encryption needs pypdf."""

from __future__ import annotations

from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal, valid PDF from numbered object bodies (1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def scanned() -> bytes:
    """A page that only draws (as a scan shows an image): no text at all."""
    draw = b"0.5 g 72 72 450 700 re f"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", _stream(draw)])


def garbled() -> bytes:
    """Text in a CID font with Identity-H encoding and no ToUnicode map: readers see (cid:N)."""
    text = b"BT /F1 12 Tf 72 760 Td <0011002200330044005500660077008800990AAA> Tj ET\n" * 20
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(text),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ])


def write_bad_pdfs(folder: Path, good_pdf: Path) -> None:
    (folder / "scanned.pdf").write_bytes(scanned())
    (folder / "garbled.pdf").write_bytes(garbled())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00\x13garbage without any object" * 20)
    encrypted = folder / "encrypted.pdf"
    if not encrypted.exists() and good_pdf.exists():
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(good_pdf))
        writer.encrypt(user_password="reportcheck", algorithm="AES-128")
        with encrypted.open("wb") as fh:
            writer.write(fh)
