"""Scanned pages where rows of a table were read without their table (:attr:`Document.unruled_pages`: a
photographed page bent or tilted, its lines across not found): said once per page, and the lists on it
left unchecked.

Such rows become loose text, so the page's lists lose entries (a project list read with 4 of its 10) or
take in what follows them (the next table's rows as entries): a count or a name read from them would be
the reading's finding, not the report's. Every entry of a list on the page, or running onto it from the
page before, is in doubt, so no rule counts or compares them, and so is every indicator row read on the
page (its table's header may be among the rows lost); the page's own doubts are folded into its one
finding, but for a hand's correction, which says what to look at on the paper."""

from __future__ import annotations

from reportcheck import catalogue as cat
from reportcheck.extract.lists import WHOLE_ROW
from reportcheck.extract.ocr import on_page
from reportcheck.model import Issue, Loc, Report

_WHY = "扫描件该页表格线未读出，名单可能不全或混入了别的行"
_TABLE_WHY = "扫描件该页表格线未读出，表头可能未读到，各列对应的年份无法确认"


def pages_unruled(report: Report, pages: list[int]) -> None:
    """Say each of ``pages`` once, fold its doubts into that, and put the lists on it in doubt."""
    if not pages:
        return
    running_on = {_last_on(report, page - 1) for page in pages}
    for table in report.lists:
        if table.id in running_on or any(_page(row.location) in pages for row in table.rows):
            for row in table.rows:
                row.doubts[WHOLE_ROW] = _WHY
    for ind in report.indicators:  # its table's header may be among the rows lost: which column is which year
        if _page(ind.location) in pages:
            ind.doubts[WHOLE_ROW] = _TABLE_WHY
    kept: list[Issue] = []
    doubts = dict.fromkeys(pages, 0)
    for issue in report.extraction_issues:
        if on_page(issue) in doubts:
            doubts[on_page(issue)] += 1  # type: ignore[index]
        elif issue.code == cat.PAGE_UNSURE.code and _page(issue.location) in doubts:  # the page said already
            doubts[_page(issue.location)] += int(issue.args["count"])  # type: ignore[index, call-overload]
        else:
            kept.append(issue)
    said = [cat.PAGE_UNRULED.issue(location=Loc(page=page), page=page,
                                   more=f"；另有{n}处识别没有把握，也未参与核对" if n else "")
            for page, n in doubts.items()]
    report.extraction_issues = said + kept


def _last_on(report: Report, page: int) -> str | None:
    """The list whose entry is the last table row read on ``page`` (it may run on to the next), or None when
    an indicator table's row is (a list that ended above it did not). A heading or a paragraph after the
    list is not seen here: such a list is put in doubt too, on the safe side."""
    placed: list[tuple[int, int, str | None]] = [
        (row.location.table or 0, row.location.row or 0, table.id)
        for table in report.lists for row in table.rows if _page(row.location) == page and row.location]
    placed += [(ind.location.table or 0, ind.location.row or 0, None)
               for ind in report.indicators if _page(ind.location) == page and ind.location]
    return max(placed, key=lambda p: p[:2])[2] if placed else None


def _page(location: Loc | None) -> int | None:
    return location.page if location is not None else None
