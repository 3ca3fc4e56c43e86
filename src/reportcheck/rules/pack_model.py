"""What a rule pack may hold: every setting the rules read, its type, and which families need it.

A pack is checked against this once, when it is loaded (after its ``extends`` are merged), through
:func:`reportcheck.typed.from_data` with unknown keys refused: a misspelt setting (``sme_share_mn``) or a
missing group (``growth_checks`` in a pack that runs AR) is one clear line naming the pack and the key,
never a rule that silently does nothing or an "internal error" on every report. The rules go on reading
the pack as plain data; these classes only say what it must look like.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Threshold:
    """An entry condition of the competition (EL): a figure of an indicator or a list against a value."""

    value: float
    source: str
    unit: str | None = None
    indicator: str | None = None
    indicators: builtins.list[str] = field(default_factory=list)  # builtins: the pack's key "list" is a field
    list: str | None = None
    column: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Thresholds:
    advanced_revenue_min: Threshold
    advanced_chain_leader_revenue_min: Threshold
    sme_output_min: Threshold
    sme_output_share_min: Threshold
    sme_champions_min: Threshold


@dataclass(frozen=True)
class Criterion:
    """A province's recognition criterion (PR): ``value`` against the indicator, over ``years`` for an
    average or a series; ``strict`` means strictly above it."""

    text: str
    source: str
    value: float
    strict: bool = False
    years: int | None = None
    indicator: str | None = None


@dataclass(frozen=True)
class Champions:
    """Enough national champions, or enough provincial ones (PR)."""

    text: str
    source: str
    national: list[str]
    national_min: int
    national_names: list[str]
    provincial: list[str]
    provincial_min: int
    provincial_names: list[str]


@dataclass(frozen=True)
class Criteria:
    """The criteria the PR rules know; a pack sets those its province has."""

    output_each_year_min: Criterion | None = None
    sme_share_min: Criterion | None = None
    leading_share_min: Criterion | None = None
    output_growth_avg_min: Criterion | None = None
    enterprises_min: Criterion | None = None
    revenue_min: Criterion | None = None
    champions: Champions | None = None
    rd_growth_avg_min: Criterion | None = None
    patent_growth_avg_min: Criterion | None = None
    patents_per_10k_min: Criterion | None = None
    iip_penetration_min: Criterion | None = None
    area_max: Criterion | None = None


@dataclass(frozen=True)
class PartOfWhole:
    part: str
    whole: str


@dataclass(frozen=True)
class ListCount:
    """A count indicator against the entries of a list (级别 and name words narrow them)."""

    count: str
    list: str
    level: str | None = None
    name_contains: str | None = None
    name_excludes: str | None = None


@dataclass(frozen=True)
class TopList:
    list: str
    column: str
    unit: str
    total: str
    max_rows: int
    name: str


@dataclass(frozen=True)
class KeyProjects:
    list: str
    about: int
    min: int
    max: int
    source: str


@dataclass(frozen=True)
class RateOf:
    indicator: str
    of: str


@dataclass(frozen=True)
class PerHead:
    indicator: str
    numerator: str
    denominator: str
    per: float


@dataclass(frozen=True)
class ParkRatio:
    indicator: str
    numerator: str
    denominator: str
    factor: float


@dataclass(frozen=True)
class TargetBase:
    target: str
    actual: str


@dataclass(frozen=True)
class GrowthChecks:
    rd_growth: RateOf
    patents_per_10k: PerHead
    park_ratios: list[ParkRatio]
    target_base: list[TargetBase]


@dataclass(frozen=True)
class RestrictedIndustries:
    keywords: list[str]
    note: str = ""


@dataclass(frozen=True)
class Pack:
    id: str
    programme: str
    notice: str = ""
    extends: str | None = None
    families: list[str] | None = None
    relaxable: list[str] = field(default_factory=list)
    exact_units: list[str] = field(default_factory=list)
    fractional_counts: list[str] = field(default_factory=list)
    thresholds: Thresholds | None = None
    part_of_whole: list[PartOfWhole] | None = None
    list_counts: list[ListCount] | None = None
    top_lists: list[TopList] | None = None
    key_projects: KeyProjects | None = None
    growth_checks: GrowthChecks | None = None
    cultivation_list: str | None = None
    restricted_industries: RestrictedIndustries | None = None
    manual_review: list[str] | None = None
    criteria: Criteria | None = None


# The groups a family's rules read: a pack running the family must have them.
NEEDED_BY_FAMILY: dict[str, tuple[str, ...]] = {
    "AR": ("growth_checks",),
    "CO": ("part_of_whole", "list_counts", "top_lists", "key_projects"),
    "EL": ("thresholds", "cultivation_list", "restricted_industries", "manual_review"),
    "PR": ("criteria",),
}
