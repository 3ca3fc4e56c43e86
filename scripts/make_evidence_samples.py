"""Make the scanned evidence appendix of samples/evidence (needs a system CJK font to render the pages,
as this machine has; the tests read the committed file, so CI needs none).

The appendix of samples/prelim_advanced_split_clean.docx as a bureau receives it scanned: its cited pages
10–25 as 200-dpi grey images, numbered at the foot, a red seal on the national champions' page. Planted:
page 23 (绿色工厂…数量) shows the national champions' list instead (EA002); page 13 (小巨人, 11 claimed)
names 4 enterprises (EA003). Every other page names as many enterprises as its row claims, and the pages of
the rows whose names the report lists (绿色工厂, 技术创新载体, 工业设计中心, 公共服务平台) name them.

    python scripts/make_evidence_samples.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from evidence_pages import LISTS, page_for, write_appendix  # noqa: E402

REPORT = ROOT / "samples" / "prelim_advanced_split_clean.docx"
OUT = ROOT / "samples" / "evidence" / "prelim_advanced_split_clean_佐证材料.scan.pdf"
WRONG, SHORT = 23, 13  # the planted pages


def main() -> None:
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    from reportcheck.pipeline import load_report

    report = load_report(REPORT)
    claims = {p: (ind.key, int(ind.values[max(y for y, v in ind.values.items() if v is not None)]))
              for ind in report.indicators for p in ind.evidence_pages}
    listed = [str(row.values["name"]) for table in report.lists if table.id in LISTS for row in table.rows]
    numbers = list(range(min(claims), max(claims) + 1))
    pages = []
    for n in numbers:
        key, count = claims[n]
        if n == WRONG:
            key, count = "national_champions", claims[min(p for p, c in claims.items() if c[0] == key)][1]
        pages.append(page_for(key, 4 if n == SHORT else count, listed))
    with tempfile.TemporaryDirectory() as tmp:
        text = write_appendix(Path(tmp) / "text.pdf", pages, numbers, body=10)
        images = []
        for index, page in enumerate(pdfium.PdfDocument(text)):
            image = page.render(scale=200 / 72).to_pil().convert("RGB")
            if claims[numbers[index]][0] == "national_champions":
                draw = ImageDraw.Draw(image)
                x, y = image.width - 520, 160
                draw.ellipse((x, y, x + 360, y + 360), outline=(215, 30, 30), width=12)
            images.append(image.convert("L"))
    OUT.parent.mkdir(exist_ok=True)
    images[0].save(OUT, save_all=True, append_images=images[1:], resolution=200)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(images)} pages)")


if __name__ == "__main__":
    main()
