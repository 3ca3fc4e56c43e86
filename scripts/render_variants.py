"""Render the PDF variants of every filled sample into samples/variants/ (committed, like samples/pdf/).

The variants are those of tests/variants whose output is a PDF made through LibreOffice (the 三线表 one);
the reportlab variant is pure Python and is built by the tests themselves.

    python scripts/render_variants.py        # needs LibreOffice (soffice) on PATH
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from variants import BY_NAME, COMMITTED  # noqa: E402
from variants.pdf import VARIANTS, committed  # noqa: E402


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice (soffice) is needed to render the PDF variants")
    VARIANTS.mkdir(parents=True, exist_ok=True)
    samples = sorted((ROOT / "samples").glob("*.docx"))
    made = 0
    for name in COMMITTED:
        transform = BY_NAME[name]
        for sample in samples:
            if transform.apply(sample, committed(sample, name)):
                made += 1
    print(f"rendered {made} PDF variants of {len(samples)} samples into {VARIANTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
