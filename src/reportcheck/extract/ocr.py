"""How sure the reader is of text a scan's OCR gave: below ``SURE`` a figure or a name is a doubt.

Text from a file's own text layer has no confidence (None) and is always taken as written.
"""

from __future__ import annotations

from reportcheck.layout import Cell, Paragraph

SURE = 0.90  # the recogniser's confidence (0–1) a text must reach to be checked


def scanned(block: Cell | Paragraph) -> bool:
    """The text came from OCR."""
    return block.confidence is not None


def unsure(block: Cell | Paragraph, sure: float = SURE) -> str | None:
    """Why the text cannot be relied on, or None: '识别置信度68%'. ``sure`` is the confidence it needs."""
    if isinstance(block, Cell) and block.written_on:
        return "单元格中有手写笔迹，可能是划去印刷数字后手写更正，以原件为准"
    if block.confidence is not None and block.confidence < sure:
        return f"识别置信度{block.confidence:.0%}"
    return None
