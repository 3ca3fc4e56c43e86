"""A sheet's rows as SpreadsheetML, written straight to a temporary file.

openpyxl builds an object and an XML element for every cell it writes (about 10 µs a cell); a batch
of a few hundred reports has a hundred thousand cells, and that was the longest step the batch takes
after its workers finish. A row here is one string: numbers as openpyxl writes them (``%.16g``),
texts inline (``t="inlineStr"``, as openpyxl writes them too), in UTF-8, and a cell's style given
by its index in the workbook's cell styles, which the caller takes from openpyxl
(:attr:`WriteOnlyCell.style_id`), so the styles part stays openpyxl's.
``splice`` (:mod:`reportcheck.render.sheet_splice`) puts the rows into the workbook openpyxl saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from openpyxl.utils import get_column_letter

Value = str | int | float | None
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))  # & first


class SheetRows:
    """The rows of one sheet after its header, numbered from 2, written to ``out`` (a temporary file:
    memory stays flat however many rows there are); ``file`` gives it back from the start."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._letters: list[str] = []
        self.count = 1  # the header's

    def add(self, cells: Sequence[Value], styles: dict[int, int], height: float | None = None) -> None:
        """Add a row: ``styles`` maps a cell's index to its style's (the others have none); an empty cell with
        a style is written (a fill shows on it), one without is left out. ``height`` in points, if it needs one."""
        self.count += 1
        number = self.count
        letters = self._columns(len(cells))
        parts = [f'<row r="{number}" ht="{height:g}" customHeight="1">' if height else f'<row r="{number}">']
        for i, value in enumerate(cells):
            style = f' s="{styles[i]}"' if i in styles else ""
            if value is None or value == "":
                if style:
                    parts.append(f'<c r="{letters[i]}{number}"{style}/>')
            elif isinstance(value, str):
                space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
                text = _escaped(value)
                parts.append(f'<c r="{letters[i]}{number}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            else:
                parts.append(f'<c r="{letters[i]}{number}"{style} t="n"><v>{value:.16g}</v></c>')
        parts.append("</row>")
        self._out.write("".join(parts).encode("utf-8"))

    def file(self) -> IO[bytes]:
        self._out.seek(0)
        return self._out

    def _columns(self, count: int) -> list[str]:
        while len(self._letters) < count:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters


def _escaped(text: str) -> str:
    """``text`` as XML character data (most cells need nothing: looking first is faster than replacing)."""
    for char, entity in _ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text
