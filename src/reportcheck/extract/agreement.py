"""A table read against itself: when many rows disagree the same way, suspect the reading, not the report.

An applicant's slip is one row whose growth does not follow from its two figures. When several rows of
one table disagree, the reading is the likelier culprit: the two year columns taken the other way round,
shares whose growth is the difference in points though the cell does not say 个百分点, or growths written
as fractions of one under a header in % (0.098 for 9.8 %, a spreadsheet's unformatted cells). Those other
readings are tried; the one under which the table agrees with itself (at most one row left over, the
slip) is kept and said in ``readings``. When none does and most rows disagree, every figure of the table
is in doubt: one finding says so and no rule rests on them. A column whose cells are mostly no figures at
all (a column read as the wrong one) is one doubt, not a 无法识别的数值 error per cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportcheck import catalogue as cat
from reportcheck.extract.reading import ReadingLog
from reportcheck.model import Indicator, Issue
from reportcheck.rounding import growth_fits, points_fit

_COUNTS = frozenset({"个", "人"})  # exact when written without decimals
_SLIPS = 1  # rows an applicant may have got wrong in a table that otherwise agrees
_SYSTEMATIC = 3  # disagreeing rows from which a table with no agreeing reading is in doubt
_MOSTLY = 0.5  # ... when they are at least this share of its checkable rows


@dataclass(frozen=True)
class _Reading:
    name: str  # what the reading says, for readings and the finding
    agrees: Callable[[Indicator, str, str], bool | None]  # None: the row says nothing under it
    apply: Callable[[Indicator, str, str], None]
    whole_table: bool  # read so, every row of the table must agree; else only the rows it explains


def reconcile(rows: list[Indicator], log: ReadingLog, issues: list[Issue]) -> None:
    """Settle one indicator table's reading (``rows`` as read, its ``log`` and extraction ``issues``)."""
    _unreadable_columns(rows, log, issues)
    checkable = [(ind, *years) for ind in rows if (years := _two_years(ind)) is not None]
    bad = [row for row in checkable if _AS_READ.agrees(*row) is False]
    if len(bad) <= _SLIPS:
        return
    two_years = all(len([y for y in ind.values if y.isdigit()]) == 2 for ind, *_ in checkable)
    for reading in (_SWAPPED, _POINTS, _FRACTIONS) if two_years else (_POINTS, _FRACTIONS):  # swapped: two years
        explained = [row for row in bad if reading.agrees(*row)]
        broken = reading.whole_table and any(row not in bad and reading.agrees(*row) is False for row in checkable)
        if len(bad) - len(explained) <= _SLIPS and len(explained) >= 2 and not broken:
            if reading.whole_table:
                for ind in rows:
                    years = sorted(y for y in ind.values if y.isdigit())
                    if len(years) == 2 and not ind.single_value:
                        reading.apply(ind, *years)
            else:
                for row in explained:
                    reading.apply(*row)
            log.reading = reading.name
            issues.append(cat.READ_OTHERWISE.issue(
                section=log.section, field=log.title, title=log.title, how=reading.name, rows=len(explained),
                example=_example(*explained[0])))
            return
    if len(bad) >= _SYSTEMATIC and len(bad) >= _MOSTLY * len(checkable):
        for ind in rows:
            for key in [*ind.values, *(f"{y}:cluster" for y in ind.cluster_values or {}), "growth"]:
                ind.doubts.setdefault(key, "本表多行增幅与数值不符，读取存疑")
        log.reading = "多行增幅与数值不符，本表数值存疑"
        issues.append(cat.TABLE_DISAGREES.issue(
            section=log.section, field=log.title, title=log.title, rows=len(bad), of=len(checkable),
            tried=f"{_SWAPPED.name}、{_POINTS.name}、{_FRACTIONS.name}", example=_example(*bad[0])))


def _example(ind: Indicator, y0: str, y1: str) -> str:
    """One row as written: “集群总产值”2021年1180.5、2022年1326.8，增幅99.9."""
    def shown(key: str) -> str:
        return "".join(ind.raw.get(key, "").split()) or "—"

    return f"“{ind.label}”{y0}年{shown(y0)}、{y1}年{shown(y1)}，增幅{shown('growth')}"


def _two_years(ind: Indicator) -> tuple[str, str] | None:
    """The row's two latest years, when both figures and its growth were read for sure."""
    years = sorted(y for y in ind.values if y.isdigit())
    if len(years) < 2 or ind.growth_pct is None or ind.single_value:
        return None
    y0, y1 = years[-2:]
    sure = not any(k in ind.doubts for k in (y0, y1, "growth", "row"))
    known = ind.values.get(y0) is not None and ind.values.get(y1) is not None
    approximate = y0 in ind.approximate or y1 in ind.approximate
    return (y0, y1) if sure and known and not approximate else None


def _rate(ind: Indicator, v0: float, v1: float, d0: int, d1: int, shift: int = 0) -> bool | None:
    """Whether the growth, its point moved ``shift`` places right (2: a fraction of one read as %), fits."""
    exact = ind.unit in _COUNTS and d0 == d1 == 0  # whole counts, as the rule packs take them
    return growth_fits((ind.growth_pct or 0.0) * 10 ** shift, (ind.growth_decimals or 0) - shift,
                       v0, d0, v1, d1, exact)


def _points(ind: Indicator, v0: float, v1: float, d0: int, d1: int) -> bool:
    return points_fit(ind.growth_pct or 0.0, ind.growth_decimals or 0, v0, d0, v1, d1)


def _as_read(ind: Indicator, y0: str, y1: str) -> bool | None:
    v0, v1 = ind.values[y0], ind.values[y1]
    d0, d1 = ind.decimals.get(y0, 0), ind.decimals.get(y1, 0)
    if ind.growth_in_points:
        return _points(ind, v0, v1, d0, d1) if ind.unit == "%" else None  # type: ignore[arg-type]
    return _rate(ind, v0, v1, d0, d1)  # type: ignore[arg-type]


def _swapped_agrees(ind: Indicator, y0: str, y1: str) -> bool | None:
    if ind.growth_in_points:
        return None
    v0, v1 = ind.values[y0], ind.values[y1]
    return _rate(ind, v1, v0, ind.decimals.get(y1, 0), ind.decimals.get(y0, 0))  # type: ignore[arg-type]


def _swap(ind: Indicator, y0: str, y1: str) -> None:
    """The figures of the two years exchanged, with everything kept of them (text, cell, decimals, doubts,
    formulas, approximation)."""
    for store in (ind.values, ind.cluster_values):
        if store is not None and y0 in store and y1 in store:
            store[y0], store[y1] = store[y1], store[y0]
    for key0, key1 in ((y0, y1), (f"{y0}:cluster", f"{y1}:cluster")):
        for store in (ind.raw, ind.decimals, ind.cells, ind.doubts, ind.formulas):  # type: ignore[assignment]
            a, b = store.pop(key0, None), store.pop(key1, None)
            if b is not None:
                store[key0] = b  # type: ignore[index]
            if a is not None:
                store[key1] = a  # type: ignore[index]
        ind.approximate = [{key0: key1, key1: key0}.get(k, k) for k in ind.approximate]


def _points_agrees(ind: Indicator, y0: str, y1: str) -> bool | None:
    if ind.unit != "%" or ind.growth_in_points:
        return None
    v0, v1 = ind.values[y0], ind.values[y1]
    return _points(ind, v0, v1, ind.decimals.get(y0, 0), ind.decimals.get(y1, 0))  # type: ignore[arg-type]


def _in_points(ind: Indicator, y0: str, y1: str) -> None:
    ind.growth_in_points = True


def _fraction_agrees(ind: Indicator, y0: str, y1: str) -> bool | None:
    if ind.growth_in_points or ind.growth_pct is None:
        return None
    v0, v1 = ind.values[y0], ind.values[y1]
    return _rate(ind, v0, v1, ind.decimals.get(y0, 0), ind.decimals.get(y1, 0), shift=2)  # type: ignore[arg-type]


def _as_percent(ind: Indicator, y0: str, y1: str) -> None:
    if ind.growth_pct is not None:
        ind.growth_pct = round(ind.growth_pct * 100, 10)
        ind.growth_decimals = max(0, (ind.growth_decimals or 0) - 2)


_AS_READ = _Reading("按表头读取", _as_read, lambda *_: None, whole_table=True)
_SWAPPED = _Reading("两个年份的数值互换读取（数值与表头的年份顺序相反）", _swapped_agrees, _swap, whole_table=True)
_POINTS = _Reading("比例指标的增幅按百分点（两年之差）读取", _points_agrees, _in_points, whole_table=False)
_FRACTIONS = _Reading("增幅按小数读取（如0.098即9.8%）", _fraction_agrees, _as_percent, whole_table=True)


def _unreadable_columns(rows: list[Indicator], log: ReadingLog, issues: list[Issue]) -> None:
    """A value column whose cells are mostly no figures: the column was read as the wrong one. Its
    无法识别的数值 errors become one doubt, and its figures are in doubt."""
    by_column: dict[int, list[Issue]] = {}
    for issue in issues:
        if issue.code == cat.VALUE_UNREADABLE.code and issue.location is not None and issue.location.col is not None:
            by_column.setdefault(issue.location.col, []).append(issue)
    for col, found in by_column.items():
        filled = sum(1 for ind in rows for loc in ind.cells.values() if loc.col == col)
        if len(found) < _SYSTEMATIC or len(found) < _MOSTLY * filled:
            continue
        for issue in found:
            issues.remove(issue)
        for ind in rows:
            for key, loc in ind.cells.items():
                if loc.col == col and not key.startswith("page:"):
                    ind.doubts.setdefault(key, "本列大多不是数值，读取存疑")
        column = next((n for n in log.column_notes if n.col <= col < n.col + n.span), None)
        issues.append(cat.COLUMN_NOT_FIGURES.issue(
            section=log.section, field=log.title, location=found[0].location, title=log.title,
            col=col + 1, header=column.header if column else "", rows=len(found),
            examples="、".join(f"“{i.args.get('raw')}”" for i in found[:3])))
