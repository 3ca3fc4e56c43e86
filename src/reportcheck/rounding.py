"""Rounded figures as intervals (Arelle's rule): a value written with d decimals stands for v ± ½·10⁻ᵈ.

Shared by the rules (a growth rate that cannot follow from its two figures is a finding) and by the
reader (a table in which many rows disagree so is a reading to doubt).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def half_unit(decimals: int, exact: bool = False) -> float:
    """Half of the last written digit: 120.5 stands for [120.45, 120.55]."""
    return 0.0 if exact else 0.5 * 10.0 ** (-decimals)


def intervals_meet(a: float, ha: float, b: float, hb: float) -> bool:
    """Whether [a ± ha] and [b ± hb] overlap (a tiny epsilon absorbs float noise)."""
    return a - ha <= b + hb + 1e-9 and b - hb <= a + ha + 1e-9


def ratio_interval(num: float, h_num: float, den: float, h_den: float) -> tuple[float, float] | None:
    """The range of num/den when both are rounded; None when den may be ≤ 0 or num < 0."""
    if den - h_den <= 0 or num - h_num < 0:
        return None
    return (num - h_num) / (den + h_den), (num + h_num) / (den - h_den)


def growth_interval(v0: float, d0: int, v1: float, d1: int, exact: bool) -> tuple[float, float] | None:
    """The range of growth (%) consistent with two rounded values; None when v0 may be ≤ 0."""
    h0, h1 = half_unit(d0, exact), half_unit(d1, exact)
    ratio = ratio_interval(v1, h1, v0, h0)
    if ratio is None:
        return None
    return (ratio[0] - 1) * 100, (ratio[1] - 1) * 100


def rate_fits(reported: float, decimals: int, lo: float, hi: float, computed: float | None = None) -> bool:
    """Whether a reported rate fits the recomputed range, or equals the recomputed rate rounded twice
    (to 2 decimals, then to the reported ones: 132.3529 → 132.35 → 132.4)."""
    h = half_unit(decimals)
    if reported + h >= lo - 1e-9 and reported - h <= hi + 1e-9:
        return True
    if computed is None or decimals >= 2 or not math.isfinite(computed):  # 1e300 / 1e-300 overflows
        return False
    twice = _round_half_up(computed, 2)
    # 132.35 rounds to 132.4 by hand, to 132.3 in binary floating point (spreadsheets, scripts)
    return any(abs(r - reported) < 1e-9 for r in (_round_half_up(twice, decimals), round(twice, decimals)))


def growth_fits(reported: float, decimals: int, v0: float, d0: int, v1: float, d1: int,
                exact: bool = False) -> bool | None:
    """Whether a growth rate written with ``decimals`` follows from two rounded figures (None when it cannot
    be computed: the first figure may be 0 or less)."""
    interval = growth_interval(v0, d0, v1, d1, exact)
    if interval is None:
        return None
    return rate_fits(reported, decimals, *interval, (v1 / v0 - 1) * 100)


def points_fit(reported: float, decimals: int, v0: float, d0: int, v1: float, d1: int) -> bool:
    """Whether a change in percentage points follows from two rounded shares (their difference)."""
    return intervals_meet(reported, half_unit(decimals), v1 - v0, half_unit(d0) + half_unit(d1))


def _round_half_up(value: float, decimals: int) -> float:
    """Rounding as people and spreadsheets do it (0.5 up), not Python's round-half-even."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))
