"""CSV cells a spreadsheet cannot take for a formula (CSV injection, as OWASP recommends).

Excel, WPS and LibreOffice Calc read a CSV field that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``) — a file name or a figure an
applicant typed could carry one. Such a text is written with a leading apostrophe, which every one of
them shows as text; numbers (written by the program, not typed) and texts that are a plain signed
number (``-3.5``) are left as they are, so a negative growth stays a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")


def csv_cell(value: object) -> object:
    """``value`` as a CSV field: ``None`` empty, a text that would start a formula quoted with ``'``."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_row(values: Iterable[object]) -> list[object]:
    """A row of :func:`csv_cell` fields."""
    return [csv_cell(v) for v in values]
