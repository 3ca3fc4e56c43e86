"""Evidence page references as applicants write them: （P12）, （见佐证材料第12页）, [第12-13页], 佐证P12."""

from __future__ import annotations

import re

_RANGE_SEP = r"\s*(?:-|~|至|到|—)\s*"
_LIST_SEP = r"\s*(?:,|、|，|;)\s*"
# A page number has at most nine digits: a longer run of digits is no page reference (and Python
# refuses to turn thousands of digits into an int).
_N = r"\d{1,9}(?!\d)"
_P_ONE = rf"[Pp]\.?\s*{_N}(?:{_RANGE_SEP}[Pp]?\.?\s*{_N})?"
_P_FORM = rf"{_P_ONE}(?:{_LIST_SEP}{_P_ONE})*"
# In 第…页 a page number may be broken by one space or line break (a scan of full-width digits, a cell's
# line wrapping): 第3 4页 is page 34 — a page number has no point to have been lost there.
_N_BROKEN = r"\d(?:\s?\d){0,8}(?!\d)"
_DI_FORM = rf"第\s*{_N_BROKEN}(?:(?:{_RANGE_SEP}|{_LIST_SEP}){_N_BROKEN})*\s*页"
_PAGE_CODE = rf"页码\s*[:：]?\s*{_N}(?:(?:{_RANGE_SEP}|{_LIST_SEP}){_N})*"
_PREFIX = r"(?:见|详见)?\s*(?:附件|佐证材料|佐证|证明材料)?\s*"
_REF = re.compile(rf"{_PREFIX}(?:{_P_FORM}|{_DI_FORM}|{_PAGE_CODE})")
_BRACKET_PAGES = re.compile(rf"{_PREFIX}{_N}(?:(?:{_RANGE_SEP}|{_LIST_SEP}){_N})*\s*页")
_BRACKETED = re.compile(r"[(\[（【]([^()\[\]（）【】]*)[)\]）】]")
# A note whose bracket a page break (or a slip) left open at the cell's end: 3(佐证材料P40- | 41) on the next page.
_OPEN_NOTE = re.compile(r"[(\[（【]\s*(?:见|详见)?\s*(?:附件|佐证|证明材料|第\s*\d|[Pp]\.?\s*\d)[^()\[\]（）【】]*$")
# The report's own pages, named beside the appendix's (名单见本报告第3页，附件第58-59页): no evidence page.
_OWN_PAGES = re.compile(rf"(?:本报告|报告正文|本表|上表|前文|上文)\s*的?\s*(?:{_DI_FORM}|{_P_FORM})")
_NUMS = re.compile(r"\d+")
_BROKEN_DIGITS = re.compile(r"(?<=\d)\s(?=\d)")
_MAX_RANGE = 200


def _pages_of(ref: str) -> list[int]:
    ref = _BROKEN_DIGITS.sub("", ref)
    pages: list[int] = []
    for m in re.finditer(rf"(\d+)(?:{_RANGE_SEP}[Pp]?\.?\s*(\d+))?", ref):
        start = int(m.group(1))
        end = int(m.group(2)) if m.group(2) else start
        if start <= end <= start + _MAX_RANGE:
            pages.extend(range(start, end + 1))
        else:
            pages.extend([start, end] if m.group(2) else [start])
    return pages


def split_evidence(text: str) -> tuple[str, list[int]]:
    """Return the text without its page references, and the pages (sorted, unique)."""
    pages: list[int] = []
    text = _OWN_PAGES.sub("", text) if "页" in text or "P" in text.upper() else text

    def take_bracket(m: re.Match[str]) -> str:
        inner = m.group(1)
        if _REF.search(inner):
            for ref in _REF.finditer(inner):
                pages.extend(_pages_of(ref.group(0)))
            return " "
        if _BRACKET_PAGES.fullmatch(inner.strip()):  # （12页）, （见佐证材料12-13页）: 第 left out
            pages.extend(_pages_of(inner))
            return " "
        return m.group(0)

    rest = _BRACKETED.sub(take_bracket, text)

    def take_open(m: re.Match[str]) -> str:
        pages.extend(page for ref in _REF.finditer(m.group(0)) for page in _pages_of(ref.group(0)))
        return " "

    rest = _OPEN_NOTE.sub(take_open, rest)

    def take_bare(m: re.Match[str]) -> str:
        pages.extend(_pages_of(m.group(0)))
        return " "

    rest = _REF.sub(take_bare, rest)
    return rest.strip(), sorted(set(pages))
