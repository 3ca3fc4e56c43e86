"""Two files compared: their reports, their page counts when both are PDFs, and each PDF's declaration
page."""

from __future__ import annotations

from reportcheck.compare.diff import compare_reports
from reportcheck.compare.result import Comparison, Difference
from reportcheck.compare.side import Side


def compare_sides(a: Side, b: Side) -> Comparison:
    comparison = compare_reports(a.report, b.report, a.path, b.path)
    if a.pages is not None and b.pages is not None and a.pages != b.pages:
        comparison.differences.insert(0, Difference(kind="pages", label="页数", a=a.pages, b=b.pages))
    comparison.a_stamp, comparison.b_stamp = a.stamp, b.stamp
    return comparison
