"""Doubts on a scanned indicator row from its figures held against each other, once the row is read.

A recogniser's slips leave figures that are each plausible alone but not beside the rest of their row: a year
far out of scale with the other (two cells run together), one digit more than the other year (a raised
footnote mark read as a digit), a growth that fits the years only with the other sign (a lost minus) or with
a figure moved by a power of ten (a lost or gained decimal point). Each such figure becomes a doubt
(``ind.doubts``) said once as a D004 quoting it, so no finding rests on it. A Word or text-PDF row is not
touched: its figures are as written.
"""

from __future__ import annotations

import math
import statistics

from reportcheck import catalogue as cat
from reportcheck.extract.lines import cell_loc
from reportcheck.extract.ocr import scanned
from reportcheck.layout import Cell
from reportcheck.model import Indicator, Issue

_SIGN_SLACK = 0.6  # percentage points a growth read without its sign may differ from the years' (rounding)
_SHIFTS = (0.1, 10.0, 0.01, 100.0)  # a decimal point lost or gained moves a figure by these
_POINT_SLACK = 0.6  # percentage points between a growth and the years' once a point is put back (rounding)
_OUT_OF_SCALE = 50  # a year's figure this many times the other's is no growth a report shows: a misreading
_FAR_APART = 3  # two years this many times apart, with no growth to tell which is right: either may be misread
_FAR_APART_FROM = 100  # ... when the larger is at least this (counts of a few, 1 → 3 enterprises, do jump so)
_IN_LINE = 2  # a row's other figures agree when the largest is within this many times the smallest


def row_doubts(ind: Indicator, section: str, years: dict[str | None, Cell], growth: Cell | None,
               cluster: dict[str | None, Cell] | None = None) -> list[Issue]:
    """The doubts of a read row (``years``: the cell of each year's figure; ``growth``: the growth's cell;
    ``cluster``: the cell of each year's 其中集群产业 figure, where the row has them), in order, each seeing the
    ones before (a figure already in doubt is not held against the others). The cluster's figures are held
    against each other as the years' are, with no growth to tell (the row's growth is the whole's). 5.1's rows of
    a 上一年实际值 and targets have their own: :func:`target_doubts`."""
    found = [*_implausible(ind, years, section), _digit_glued(ind, years, section)]
    if growth is not None:
        found += [_sign_lost(ind, growth, section), _point_lost(ind, growth, years, section)]
    if cluster:
        found += [*_implausible(ind, cluster, section, part=True), _digit_glued(ind, cluster, section, part=True)]
    far = _far_apart(ind, years, section) + (_far_apart(ind, cluster, section, part=True) if cluster else [])
    return [issue for issue in found if issue is not None] + far


def _implausible(ind: Indicator, cells: dict[str | None, Cell], section: str, part: bool = False) -> list[Issue]:
    """A scan's two years far out of scale with each other are doubts, each naming the other: which one was
    misread the row cannot tell — the larger may be two cells run together or a digit doubled (30133612 against
    3612), the smaller a thousands comma read as a point (86.500 against 92,300). No finding rests on either."""
    read = _scanned_years(ind, cells, part)
    if len(read) != 2:
        return []
    (low_year, low), (high_year, high) = sorted(read.items(), key=lambda item: item[1])
    if high < _OUT_OF_SCALE * low:
        return []
    doubt, times = "扫描件数字与另一年相差过大", f"{high / low:.0f}"
    return [_year_in_doubt(ind, section, high_year, cells[high_year], doubt, high,
                           f"是{low_year}年{low:g}的{times}倍，可能是相邻两格连在一起或多读了数字", part),
            _year_in_doubt(ind, section, low_year, cells[low_year], doubt, low,
                           f"只有{high_year}年{high:g}的{times}分之一，可能漏读了数字或把千分位逗号读成小数点", part)]


def _digit_glued(ind: Indicator, cells: dict[str | None, Cell], section: str, part: bool = False) -> Issue | None:
    """A scan's year with one digit more at its end than the other year's (73.9¹ read 73.91 beside 66.4;
    8719² read 87192 beside 8272): a footnote mark raised after the figure reads as a digit of it. A doubt
    naming the figure without it, unless the row's growth fits the figure only as read."""
    read = _scanned_years(ind, cells, part)
    if len(read) != 2:
        return None
    for year, other in ((a, b) for a in read for b in read if a != b):
        v, decimals, theirs = read[year], ind.decimals.get(_key(year, part), 0), ind.decimals.get(_key(other, part), 0)
        if decimals == theirs + 1 and decimals >= 2:  # 73.91 beside 66.4
            without = math.floor(v * 10 ** theirs) / 10 ** theirs
        elif decimals == theirs == 0 and v >= _OUT_OF_SCALE / 10 * read[other] \
                and len(f"{v:.0f}") == len(f"{read[other]:.0f}") + 1:  # 87192 beside 8272
            without = float(int(v) // 10)
        else:
            continue
        g, first, last = None if part else ind.growth_pct, *sorted(read)
        as_read = g is not None and "growth" not in ind.doubts and _fits(read[first], read[last], g)
        if as_read and not _fits(*(without if y == year else read[y] for y in (first, last)), g):  # type: ignore[arg-type]
            continue
        why = f"比{other}年的{read[other]:g}多一位数字，末位可能是数字后上标的注释序号（即{without:g}）"
        return _year_in_doubt(ind, section, year, cells[year], "扫描件数字末位可能是上标的注释序号", v, why, part)
    return None


def _far_apart(ind: Indicator, cells: dict[str | None, Cell], section: str, part: bool = False) -> list[Issue]:
    """A scan's two years this far apart (1325 beside 7016: a 7 read as 1) where the growth does not show the
    change is real (none written, its own reading in doubt, or it does not fit them): both in doubt, each
    naming the other, and no growth check rests on them — one misread digit is likelier than a report whose
    workforce fell by four fifths while its growth says +4.4 %."""
    read = _scanned_years(ind, cells, part)
    if len(read) != 2:
        return []
    (low_year, low), (high_year, high) = sorted(read.items(), key=lambda item: item[1])
    if high < _FAR_APART * low or high < _FAR_APART_FROM:
        return []
    g, (first, last) = None if part else ind.growth_pct, sorted(read)
    if g is not None and not ind.growth_in_points and "growth" not in ind.doubts and _fits(read[first], read[last], g):
        return []  # a real change, as its growth says
    why = (f"{low_year}年{low:g}与{high_year}年{high:g}相差{high / low:.1f}倍，与增幅也对不上，"
           "其中可能有一个识别有误")
    return [_year_in_doubt(ind, section, year, cells[year], "扫描件两年数值相差过大", value, why, part)
            for year, value in ((low_year, low), (high_year, high))]


def target_doubts(ind: Indicator, cells: dict[str | None, Cell], section: str) -> list[Issue]:
    """A scan's row of three figures or more (5.1's 上一年实际值 and its targets) where one stands far off the
    others while they agree among themselves (13268 beside the targets 1480, 1650, 1850: a point lost): that
    one in doubt, naming them. Targets grow year by year, not by a power of ten."""
    read = _scanned_years(ind, cells)
    if len(read) < 3:
        return []
    found = []
    for year, value in read.items():
        others = [v for y, v in read.items() if y != year]
        if max(others) > _IN_LINE * min(others):
            continue
        low, high = sorted((value, statistics.median(others)))
        if high < _FAR_APART * low or high < _FAR_APART_FROM:
            continue
        why = (f"与同行其他数字（{'、'.join(f'{v:g}' for v in others)}）相差{high / low:.0f}倍，"
               "可能漏识别或多识别了小数点，或读错了数字")
        found.append(_year_in_doubt(ind, section, year, cells[year], "扫描件数字与同行其他数字相差过大", value, why))
    return found


def _year_in_doubt(ind: Indicator, section: str, year: str, cell: Cell, doubt: str, figure: float,
                   why: str, part: bool = False) -> Issue:
    """A scan's figure of ``year`` (of its 其中集群产业 ``part``) in doubt (``doubt``), said as a D004 quoting
    it and ``why``."""
    ind.doubts[_key(year, part)] = doubt
    return cat.OCR_UNSURE.issue(
        section=section, field=ind.label, location=cell_loc(cell),
        what=f"“{ind.label}”{year}年" + ("（其中集群产业）" if part else ""), raw=f"{figure:g}", why=why)


def _key(year: str, part: bool) -> str:
    """The key of a year's figure in an indicator's doubts and decimals: of the whole, or of its cluster part."""
    return f"{year}:cluster" if part else year


def _sign_lost(ind: Indicator, cell: Cell, section: str) -> Issue | None:
    """A scan's growth that fits the two years only with the other sign (-3.2 read as 3.2 on a dark
    copy: a minus sign is a short thin stroke) is a doubt, not a wrong growth."""
    years = sorted(y for y, v in ind.values.items() if v is not None and y not in ind.doubts)
    g = ind.growth_pct
    if not scanned(cell) or g is None or ind.growth_in_points or "growth" in ind.doubts or len(years) != 2:
        return None
    v0, v1 = ind.values[years[0]], ind.values[years[1]]
    if not v0 or v0 < 0 or v1 is None:
        return None
    computed = (v1 / v0 - 1) * 100
    if computed * g >= 0 or abs(computed + g) > max(_SIGN_SLACK, _SIGN_SLACK * abs(g) / 10):
        return None
    ind.doubts["growth"] = "扫描件增幅的正负号可能未识别"
    return cat.OCR_UNSURE.issue(
        section=section, field=ind.label, location=cell_loc(cell), what=f"“{ind.label}”增幅",
        raw=cell.text.strip(), why=f"按两年数值应为{computed:.1f}%，只差正负号，负号可能未识别")


def _point_lost(ind: Indicator, growth: Cell, cells: dict[str | None, Cell], section: str) -> Issue | None:
    """A scan's figure whose decimal point was lost or gained (236.1 read as 2361: a point is a speck
    the recogniser may drop, a speck may be read as one) — the growth fits the years only with one of
    the three figures moved by a power of ten — is a doubt naming the figure the growth points at."""
    years = sorted(y for y, v in ind.values.items() if v is not None and y not in ind.doubts)
    g = ind.growth_pct
    if g is None or ind.growth_in_points or "growth" in ind.doubts or len(years) != 2:
        return None
    v0, v1 = ind.values[years[0]], ind.values[years[1]]
    if not v0 or not v1 or v0 < 0 or v1 < 0 or _fits(v0, v1, g):
        return None
    for factor in _SHIFTS:
        for key, cell, fits in ((years[1], cells.get(years[1]), _fits(v0, v1 * factor, g)),
                                (years[0], cells.get(years[0]), _fits(v0 * factor, v1, g)),
                                ("growth", growth, _fits(v0, v1, g * factor))):
            if fits and cell is not None and scanned(cell):
                what = "增幅" if key == "growth" else f"{key}年"
                ind.doubts[key] = "扫描件数字的小数点可能识别有误"
                return cat.OCR_UNSURE.issue(
                    section=section, field=ind.label, location=cell_loc(cell), what=f"“{ind.label}”{what}",
                    raw=cell.text.strip(), why="与同行其他数字对照，小数点可能漏识别或多识别了")
    return None


def _scanned_years(ind: Indicator, cells: dict[str | None, Cell], part: bool = False) -> dict[str, float]:
    """The row's positive figures (of its cluster ``part``) read from a scan and not in doubt, by year."""
    values = (ind.cluster_values or {}) if part else ind.values
    return {year: v for year, v in values.items() if v is not None and v > 0 and _key(year, part) not in ind.doubts
            and year in cells and scanned(cells[year])}


def _fits(v0: float, v1: float, growth: float) -> bool:
    """The growth (%) is the two years' within rounding."""
    return abs((v1 / v0 - 1) * 100 - growth) <= max(_POINT_SLACK, abs(growth) * 0.02)
