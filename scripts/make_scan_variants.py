"""Write the scan variants (photo, fax, halftone, ...) of one report PDF.

    .venv/bin/python scripts/make_scan_variants.py SOURCE.pdf OUTDIR [--transform NAME ...] [--seed N] [--png]

Each variant is ``OUTDIR/<source stem>.<transform>.pdf``, an image-only PDF made by tests/variants/scans.py
from a clean text PDF such as samples/pdf/*.pdf; its notes (one line per page), turned pages and handwritten
corrections are printed. With --png every page of each variant is also rendered to
``OUTDIR/<source stem>.<transform>.p<N>.png`` (at --png-dpi), for looking at.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent


def load_scans():
    """tests/variants/scans.py, without importing the rest of the variants package."""
    name = "scan_variants"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "variants" / "scans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    scans = load_scans()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--transform", action="append", choices=scans.TRANSFORMS,
                        help="a transform to write (repeatable); default: all")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--png", action="store_true", help="also write each page as a PNG")
    parser.add_argument("--png-dpi", type=float, default=100.0)
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name in args.transform or scans.TRANSFORMS:
        out = args.outdir / f"{args.source.stem}.{name}.pdf"
        started = time.perf_counter()
        variant = scans.make_scan_variant(args.source, name, out, seed=args.seed)
        took = time.perf_counter() - started
        print(f"{out} ({out.stat().st_size:,} bytes, {len(variant.notes)} pages, {took:.1f} s)")
        for note in variant.notes:
            print(f"  {note}")
        if variant.turned:
            print(f"  turned: {variant.turned}")
        for c in variant.corrections:
            print(f"  correction: page {c.page} 「{c.label}」 {c.printed} -> {c.written}")
        if args.png:
            pdf = pdfium.PdfDocument(out)
            for i, page in enumerate(pdf):
                page.render(scale=args.png_dpi / 72).to_pil().save(args.outdir / f"{out.stem}.p{i + 1}.png")
            pdf.close()


if __name__ == "__main__":
    main()
