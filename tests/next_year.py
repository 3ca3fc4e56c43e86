"""Next year's report of a cluster, made from a sample as its applicant would fill it a year later.

Every table with a 2021年 and a 2022年 column moves on a year: the 2021 column takes what the sample
wrote for 2022 (as written), the 2022 column a figure 8 % higher (with the sample's decimals), the
growth column the rate those two give. ``restate`` plants a different earlier-year figure for a row (the
growth then follows from it, so the report agrees with itself and only the archive can see it);
``replace`` swaps any cell text (a cluster's new name, an enterprise another cluster listed). The
sample is never read by reportcheck here: the truth is what this builder writes."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx

OLD, NEW = "2021年", "2022年"
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_FIGURE = re.compile(r"^(-?\d+(?:\.\d+)?)(\s*[（(]P?\d+[)）])?$")  # 7（P10）: a figure and its evidence page


def _set(cell, text: str) -> None:
    paragraph = cell.paragraphs[0]
    if paragraph.runs:
        paragraph.runs[0].text = text
        for run in paragraph.runs[1:]:
            run.text = ""
    else:
        paragraph.add_run(text)
    for extra in cell.paragraphs[1:]:
        for run in extra.runs:
            run.text = ""


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _round(value: Decimal, decimals: int) -> str:
    return str(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def next_year(source: Path, target: Path, restate: dict[str, str | Callable[[str], str]] | None = None,
              replace: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """Write ``target``; ``restate`` maps a row's first cell (its beginning) to the figure to write for its
    earlier year (or to a function of the sample's figure giving it). Returns, per restated row, (the
    sample's figure for that year, the planted one)."""
    document = docx.Document(str(source))
    planted: dict[str, tuple[str, str]] = {}
    for table in document.tables:
        _shift(table.rows, restate or {}, planted)
    for table in document.tables:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                if replace and cell.text.strip() in replace:
                    _set(cell, replace[cell.text.strip()])
    document.save(str(target))
    return planted


def _shift(rows, restate: dict, planted: dict) -> None:
    """Every block of rows under a header with both years (a merged form has several in one table)."""
    columns: tuple[list[tuple[int, int]], int | None] | None = None
    for row in rows:
        cells = row.cells
        texts = [c.text.strip() for c in cells]
        if OLD in texts and NEW in texts:
            # a year over two grid columns (3.1: 园区总额 and 其中集群产业) pairs column by column
            pairs = list(zip([i for i, t in enumerate(texts) if t == OLD], [i for i, t in enumerate(texts) if t == NEW],
                             strict=False))
            growth = next((i for i, t in enumerate(texts) if "增幅" in t or "增长" in t), None)
            columns = pairs, growth
            for old, new in pairs:
                _set(cells[old], NEW)
                _set(cells[new], "2023年")
            continue
        if columns is None:
            continue
        pairs, growth = columns
        for old, new in pairs:
            if len(cells) > max(old, new):
                _shift_cells(cells, texts, old, new, growth if len(pairs) == 1 else None, restate, planted)


def _shift_cells(cells, texts: list[str], old: int, new: int, growth: int | None, restate: dict, planted: dict) -> None:
    figure = _FIGURE.match(cells[new].text.strip())
    if figure is None:
        return
    was_new, page = figure.group(1), figure.group(2)
    label = texts[0]
    planted_as = next((v for k, v in restate.items() if label.startswith(k)), was_new)
    earlier = planted_as(was_new) if callable(planted_as) else planted_as
    if earlier != was_new:
        planted[label] = (was_new, earlier)
    later = Decimal(was_new) * (Decimal(1) if "%" in label else Decimal("1.08"))  # shares stay put
    later_text = _round(later, _decimals(was_new))
    _set(cells[old], earlier)
    _set(cells[new], later_text + (page or ""))
    if growth is not None and _NUMBER.match(texts[growth]) and Decimal(earlier) > 0:
        rate = (Decimal(later_text) / Decimal(earlier) - 1) * 100
        _set(cells[growth], _round(rate, max(1, _decimals(texts[growth]))))
