"""Render the .docx samples as their twins: PDF and .doc through LibreOffice, and traditional-Chinese
.docx through OpenCC (s2t). The twins are committed; the tests check each gives the figures and the
findings of its .docx.

    python scripts/render_samples.py        # needs LibreOffice (soffice) on PATH
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TRADITIONAL = ("prelim_advanced_split_clean", "prelim_sme_merged_defects")
OTHER = "prelim_advanced_split_clean"  # also rendered as .odt, .rtf and .wps
W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def rewrite_document(source: Path, target: Path, change: Callable[[etree._Element], None]) -> None:
    """A copy of ``source`` with ``change`` applied to word/document.xml (fixed zip dates: reproducible)."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(body)
                change(root)
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, body)
    target.write_bytes(out.getvalue())


def to_traditional(source: Path, target: Path) -> None:
    """The same document with every text run converted to traditional characters."""
    import opencc

    converter = opencc.OpenCC("s2t")

    def convert_runs(root: etree._Element) -> None:
        for el in root.iter(W_T):
            if el.text:
                el.text = converter.convert(el.text)

    rewrite_document(source, target, convert_runs)


def convert(sources: list[Path], fmt: str, outdir: Path) -> None:
    exe = shutil.which("soffice") or sys.exit("LibreOffice (soffice) is needed to render PDF and .doc twins")
    outdir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, "--headless", f"-env:UserInstallation={Path(profile).as_uri()}", "--convert-to", fmt,
                        "--outdir", str(outdir), *map(str, sources)], check=True, capture_output=True, timeout=900)


def main() -> None:
    docx = sorted(SAMPLES.glob("*.docx"))
    trad = SAMPLES / "traditional"
    trad.mkdir(exist_ok=True)
    for name in TRADITIONAL:
        to_traditional(SAMPLES / f"{name}.docx", trad / f"{name}.docx")
    if "--traditional-only" in sys.argv:
        return
    convert(docx, "pdf", SAMPLES / "pdf")
    convert(docx, "doc", SAMPLES / "doc")
    other = SAMPLES / "other"
    convert([SAMPLES / f"{OTHER}.docx"], "odt", other)
    convert([SAMPLES / f"{OTHER}.docx"], "rtf", other)
    # No WPS Office here: a .wps is an OLE file like .doc, so the .doc twin stands in under that name.
    shutil.copyfile(SAMPLES / "doc" / f"{OTHER}.doc", other / f"{OTHER}.wps")
    print(f"rendered {len(docx)} samples as PDF and .doc, one as .odt/.rtf/.wps, "
          f"{len(TRADITIONAL)} in traditional characters")


if __name__ == "__main__":
    main()
