"""Build the hostile samples in samples/hostile/: files made to exhaust or trick the readers.

    .venv/bin/python scripts/make_hostile.py [--out DIR]

Deterministic (fixed timestamps, fixed compression level, seeded bytes), so a rebuild gives the
same files. Each is small on disk (zip bombs compress about 1000:1):

  bomb.docx            word/document.xml of 256 MB declared honestly (ratio ~1000)
  lying_sizes.docx     the same, but its local and central headers say document.xml has 50 000 bytes
  many_entries.docx    a .docx with 10 000 empty entries besides its own parts
  ratio.docx           a readable .docx plus a 1 MB entry compressed 1000 times (under the size limit)
  billion_laughs.docx  document.xml with nested internal entities (the "billion laughs")
  xxe.docx             document.xml with an external entity pointing at file:///etc/passwd
  xxe_styles.docx      a plain document.xml, the external entity in word/styles.xml
  bomb.xlsx            a data sheet whose sheet1.xml is 256 MB declared honestly
  xxe.xlsx             a data sheet whose sheet1.xml has an external entity pointing at /etc/passwd
  many_pages.pdf       2000 empty pages
  dense_page.pdf       one page drawing 100 000 lines
  grid_page.pdf        one page ruled by 150 horizontal and 150 vertical lines
  truncated.pdf        the first 40 % of a real report's PDF
  garbage.pdf          a PDF header followed by 4 KB of random bytes
"""

from __future__ import annotations

import argparse
import random
import struct
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHEN = (2024, 1, 1, 0, 0, 0)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MB = 1024 * 1024
BOMB_BYTES = 256 * MB
LIE_BYTES = 50_000

_CONTENT_TYPES_DOCX = XML + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '</Types>')
_RELS_DOCX = XML + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')
_DOCUMENT_RELS = XML + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>')
_STYLES = XML + f'<w:styles xmlns:w="{W}"/>'
_CONTENT_TYPES_XLSX = XML + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
_RELS_XLSX = _RELS_DOCX.replace("word/document.xml", "xl/workbook.xml")
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKBOOK = XML + (f'<workbook xmlns="{_SHEET_NS}" xmlns:r="{_REL_NS}"><sheets>'
                   '<sheet name="指标" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = XML + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def _info(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, WHEN)
    info.compress_type = compress
    return info


def _write(zf: zipfile.ZipFile, name: str, data: str | bytes) -> None:
    zf.writestr(_info(name), data, compresslevel=9)


def _write_repeated(zf: zipfile.ZipFile, name: str, head: str, unit: str, tail: str, size: int) -> None:
    """An entry of about ``size`` bytes: ``unit`` repeated between ``head`` and ``tail``, streamed."""
    block = unit.encode() * (MB // len(unit))
    with zf.open(_info(name), "w") as out:
        out.write(head.encode())
        for _ in range(size // len(block)):
            out.write(block)
        out.write(tail.encode())


def _document(body: str, doctype: str = "") -> str:
    return XML + doctype + f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _docx(path: Path, document: str | None, styles: str = _STYLES, extra: dict[str, bytes] | None = None) -> None:
    """A .docx of its parts; ``document`` None leaves word/document.xml to the caller (see _bomb)."""
    with zipfile.ZipFile(path, "w") as zf:
        _write(zf, "[Content_Types].xml", _CONTENT_TYPES_DOCX)
        _write(zf, "_rels/.rels", _RELS_DOCX)
        _write(zf, "word/_rels/document.xml.rels", _DOCUMENT_RELS)
        _write(zf, "word/styles.xml", styles)
        if document is not None:
            _write(zf, "word/document.xml", document)
        for name, data in (extra or {}).items():
            _write(zf, name, data)


def bomb_docx(path: Path, size: int = BOMB_BYTES) -> None:
    _docx(path, None)
    with zipfile.ZipFile(path, "a") as zf:
        head = _document("").split("<w:body>")[0] + "<w:body>"
        _write_repeated(zf, "word/document.xml", head, "<w:p/>", "</w:body></w:document>", size)


def lying_sizes_docx(path: Path) -> None:
    """The bomb, its document.xml's uncompressed size rewritten to LIE_BYTES in both headers."""
    bomb_docx(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, LIE_BYTES)  # local header
    name = b"word/document.xml"
    central = data.index(b"PK\x01\x02", info.header_offset)  # document.xml is the last entry
    while data[central + 46:central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, LIE_BYTES)  # central directory
    path.write_bytes(bytes(data))


def many_entries_docx(path: Path, count: int = 10_000) -> None:
    _docx(path, _document(_paragraph("集群名称")))
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(count):
            zf.writestr(_info(f"x/{i}", zipfile.ZIP_STORED), b"")


def ratio_docx(path: Path) -> None:
    _docx(path, _document(_paragraph("集群名称")), extra={"word/media/filler.bin": bytes(MB)})


def billion_laughs_docx(path: Path) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    _docx(path, _document(_paragraph("&lol9;"), doctype))


_XXE = '<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def xxe_docx(path: Path) -> None:
    _docx(path, _document(_paragraph("集群名称&xxe;"), _XXE.format(root="w:document")))


def xxe_styles_docx(path: Path) -> None:
    styles = (XML + _XXE.format(root="w:styles")
              + f'<w:styles xmlns:w="{W}"><w:latentStyles>&xxe;</w:latentStyles></w:styles>')
    _docx(path, _document(_paragraph("集群名称")), styles=styles)


def _xlsx(path: Path) -> zipfile.ZipFile:
    """A workbook's package open for writing, all but its sheet written."""
    zf = zipfile.ZipFile(path, "w")
    _write(zf, "[Content_Types].xml", _CONTENT_TYPES_XLSX)
    _write(zf, "_rels/.rels", _RELS_XLSX)
    _write(zf, "xl/workbook.xml", _WORKBOOK)
    _write(zf, "xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
    return zf


def bomb_xlsx(path: Path) -> None:
    with _xlsx(path) as zf:
        _write_repeated(zf, "xl/worksheets/sheet1.xml", XML + f'<worksheet xmlns="{_SHEET_NS}"><sheetData>',
                        "<row/>", "</sheetData></worksheet>", BOMB_BYTES)


def xxe_xlsx(path: Path) -> None:
    with _xlsx(path) as zf:
        _write(zf, "xl/worksheets/sheet1.xml", XML + _XXE.format(root="worksheet") + (
            f'<worksheet xmlns="{_SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t>'
            "</is></c></row></sheetData></worksheet>"))


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _one_page_pdf(content: bytes) -> bytes:
    stream = zlib.compress(content, 9)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])


def many_pages_pdf(path: Path, count: int = 2000) -> None:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), *pages]))


def dense_page_pdf(path: Path, count: int = 100_000) -> None:
    path.write_bytes(_one_page_pdf(b"0.5 w 10 10 m 200 300 l S\n" * count))


def grid_page_pdf(path: Path, lines: int = 150) -> None:
    step = 5
    across = b"".join(b"20 %d m 770 %d l S\n" % (20 + i * step, 20 + i * step) for i in range(lines))
    down = b"".join(b"%d 20 m %d 770 l S\n" % (20 + i * step, 20 + i * step) for i in range(lines))
    path.write_bytes(_one_page_pdf(b"0.5 w\n" + across + down))


def truncated_pdf(path: Path) -> None:
    data = (ROOT / "samples" / "pdf" / "prelim_advanced_split_clean.pdf").read_bytes()
    path.write_bytes(data[: len(data) * 2 // 5])


def garbage_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + random.Random(0).randbytes(4096))


BUILDERS = {
    "bomb.docx": bomb_docx,
    "lying_sizes.docx": lying_sizes_docx,
    "many_entries.docx": many_entries_docx,
    "ratio.docx": ratio_docx,
    "billion_laughs.docx": billion_laughs_docx,
    "xxe.docx": xxe_docx,
    "xxe_styles.docx": xxe_styles_docx,
    "bomb.xlsx": bomb_xlsx,
    "xxe.xlsx": xxe_xlsx,
    "many_pages.pdf": many_pages_pdf,
    "dense_page.pdf": dense_page_pdf,
    "grid_page.pdf": grid_page_pdf,
    "truncated.pdf": truncated_pdf,
    "garbage.pdf": garbage_pdf,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "samples" / "hostile")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        build(args.out / name)
        print(f"{name}: {(args.out / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
