"""Make samples/archive: the next year's reports of two clusters of samples/batch, for trying the archive.

samples/batch holds three clusters' reports (株洲 and 衡阳 with 2021–2022 data, 益阳 with 2022–2023);
samples/archive/2024年收件 holds 株洲's and 衡阳's reports a year on (2022–2023 data), made by
tests/next_year.py. Planted, and written to samples/archive/expected.json as the truth the tests hold:
株洲 restates its 2022 集群总产值 (5 % higher than it reported a year before) and lists in its top 10 an
enterprise 衡阳 listed the year before; 衡阳 renames itself 衡阳市… and restates nothing. The batch samples
share an enterprise, a project and a phone between 株洲 and 衡阳 on purpose (expected_cross.json); a year on
each has its own, so only what is planted here remains.

    python scripts/make_archive_samples.py
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from next_year import next_year  # noqa: E402

BATCH = ROOT / "samples" / "batch"
OUT = ROOT / "samples" / "archive"
BORROWED = "衡阳雁峰变压器有限公司"  # first of 衡阳's top 10 in batch_b.docx
ZHUZHOU_OWN_FIRST = "株洲中轨电力机车股份有限公司"  # first of 株洲's, which 株洲 replaces by BORROWED


def _five_percent_up(figure: str) -> str:
    return str((Decimal(figure) * Decimal("1.05")).quantize(Decimal("0.1")))


def main() -> None:
    folder = OUT / "2024年收件"
    folder.mkdir(parents=True, exist_ok=True)
    shared = [item["what"] for item in json.loads((BATCH / "expected_cross.json").read_text("utf-8"))
              if item["code"] in ("BT002", "BT003", "BT004")]

    def own(city: str, phone: str) -> dict[str, str]:
        return {what: phone if what.isdigit() else city + what[2:] for what in shared}

    planted = next_year(BATCH / "batch_a.docx", folder / "株洲_2024.docx", {"集群总产值": _five_percent_up},
                        replace={**own("株洲", "13973310098"), ZHUZHOU_OWN_FIRST: BORROWED})
    next_year(BATCH / "batch_b.docx", folder / "衡阳_2024.docx",
              replace={**own("衡阳", "13973310099"), "衡阳输变电装备产业集群": "衡阳市输变电装备产业集群"})
    [(label, (old, new))] = planted.items()
    expected = {
        "first_year": "samples/batch", "second_year": "samples/archive/2024年收件",
        "findings": [
            {"file": "株洲_2024.docx", "code": "HY001", "label": label.split("（")[0], "year": "2022",
             "old": old, "new": new},
            {"file": "株洲_2024.docx", "code": "HY003", "what": BORROWED, "other_cluster": "衡阳输变电装备产业集群"},
        ],
        "renamed": {"衡阳输变电装备产业集群": "衡阳市输变电装备产业集群"},
    }
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
