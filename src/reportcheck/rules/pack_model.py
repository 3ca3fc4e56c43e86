"""What a rule pack may hold: every setting the rules read, its type, and which families need it.

A pack is checked against this once, when it is loaded (after its ``extends`` are merged), through
:func:`reportcheck.typed.from_data` with unknown keys refused: a misspelt setting (``sme_share_mn``) or a
missing group (``growth_checks`` in a pack that runs AR) is one clear line naming the pack and the key,
never a rule that silently does nothing or an "internal error" on every report. The rules go on reading
the pack as plain data; these classes only say what it must look like.
"""

from __future__ import annotations

import builtins
import dataclasses
from dataclasses import dataclass, field

# The pack's groups of options: a rule reads one member (``thresholds.sme_output_min``); other options
# are the pack's top-level keys (``top_lists``).
GROUPS = ("thresholds", "criteria", "growth_checks", "history")


def _doc(meaning: str) -> dict[str, str]:
    """A pack option's meaning, as ``reportcheck rules CODE`` prints it."""
    return {"doc": meaning}


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
    advanced_revenue_min: Threshold = field(metadata=_doc("先进制造业集群最近一年营业收入下限（亿元）"))
    advanced_chain_leader_revenue_min: Threshold = field(
        metadata=_doc("先进制造业集群链主企业营业收入下限（亿元，取前十名单中最大的一家）"))
    sme_output_min: Threshold = field(metadata=_doc("中小企业特色产业集群最近一年总产值下限（亿元）"))
    sme_output_share_min: Threshold = field(metadata=_doc("中小企业产值占比下限（%）"))
    sme_champions_min: Threshold = field(metadata=_doc("省级以上单项冠军与专精特新“小巨人”企业合计下限（家）"))


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

    output_each_year_min: Criterion | None = field(
        default=None, metadata=_doc("近几年（years）每年集群总产值下限（亿元）"))
    sme_share_min: Criterion | None = field(default=None, metadata=_doc("中小企业产值占比下限（%）"))
    leading_share_min: Criterion | None = field(default=None, metadata=_doc("主导产业产值占集群总产值比例下限（%）"))
    output_growth_avg_min: Criterion | None = field(
        default=None, metadata=_doc("近几年（years）集群总产值年均增速下限（%）"))
    enterprises_min: Criterion | None = field(default=None, metadata=_doc("企业数量下限（个）"))
    revenue_min: Criterion | None = field(default=None, metadata=_doc("集群企业营业收入下限（亿元）"))
    champions: Champions | None = field(
        default=None, metadata=_doc("国家级或省级冠军类企业数量下限，及各级别包含的指标"))
    rd_growth_avg_min: Criterion | None = field(default=None, metadata=_doc("研发经费年均增速下限（%）"))
    patent_growth_avg_min: Criterion | None = field(default=None, metadata=_doc("发明专利数量年均增速下限（%）"))
    patents_per_10k_min: Criterion | None = field(default=None, metadata=_doc("每万人发明专利拥有量下限（个）"))
    iip_penetration_min: Criterion | None = field(default=None, metadata=_doc("工业互联网平台普及率下限（%）"))
    area_max: Criterion | None = field(default=None, metadata=_doc("集群占地面积上限（平方公里）"))


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
    cumulative: bool = False
    """the ratio is commonly stated over a cumulative numerator (投资强度: 累计固定资产投资 ÷ 开发面积), so the
    latest year's numerator gives only its least value: a ratio above it is no finding"""


@dataclass(frozen=True)
class TargetBase:
    target: str
    actual: str


@dataclass(frozen=True)
class GrowthChecks:
    rd_growth: RateOf = field(metadata=_doc("研发经费增速：哪一行是增速、按哪一行的两年数值计算"))
    patents_per_10k: PerHead = field(metadata=_doc("每万人发明专利：分子、分母两行及每多少人"))
    park_ratios: list[ParkRatio] = field(metadata=_doc("投资强度、亩均税收等园区比率：分子、分母两行及换算系数"))
    target_base: list[TargetBase] = field(metadata=_doc("5.1发展目标的上一年实际值与2.1哪一行对照"))


@dataclass(frozen=True)
class RestrictedIndustries:
    keywords: list[str]
    note: str = ""


@dataclass(frozen=True)
class HistorySettings:
    """How the cross-year rules (HY, with ``--archive``) judge an earlier report of the same cluster."""

    suspect_share: float = field(default=0.6, metadata=_doc(
        "一张表中与同一份档案报告不一致的数据占比达到此值（且至少suspect_min项）时只报一条HY006（默认0.6）"))
    suspect_min: int = field(default=3, metadata=_doc("按占比改报一条HY006所需的最少不一致项数（默认3）"))


@dataclass(frozen=True)
class Pack:
    id: str
    programme: str
    notice: str = ""
    extends: str | None = None
    families: list[str] | None = None
    exact_units: list[str] = field(
        default_factory=list, metadata=_doc("按精确数值核对（不考虑四舍五入）的单位，如“个”“家”"))
    fractional_counts: list[str] = field(
        default_factory=list, metadata=_doc("允许填小数的计数行（不报“个数不是整数”）"))
    thresholds: Thresholds | None = None
    part_of_whole: list[PartOfWhole] | None = field(
        default=None, metadata=_doc("部分不得超过整体的指标对（part、whole 为指标键）"))
    list_counts: list[ListCount] | None = field(
        default=None, metadata=_doc("数量指标与名单对照：哪个指标对哪张名单，按级别和名称关键词筛选"))
    top_lists: list[TopList] | None = field(
        default=None, metadata=_doc("前十名单：名单、数值列、单位、与之对照的集群总量指标、最多行数"))
    key_projects: KeyProjects | None = field(
        default=None, metadata=_doc("重点项目名单：约多少个（about），少于 min 或多于 max 时提示"))
    growth_checks: GrowthChecks | None = None
    cultivation_list: str | None = field(default=None, metadata=_doc("培育名单文件名（决赛集群须在名单上）"))
    restricted_industries: RestrictedIndustries | None = field(default=None, metadata=_doc("限制类产业关键词及说明"))
    manual_review: list[str] | None = field(default=None, metadata=_doc("只能人工核实的条件清单"))
    criteria: Criteria | None = None
    history: HistorySettings = field(default_factory=HistorySettings)


def needed(path: str) -> str | None:
    """The pack's top-level key an option lives in when a pack running the option's rule must set it
    (it has no default: ``thresholds``, ``top_lists``), else None (``exact_units`` defaults to none)."""
    top = _field(Pack, path.split(".")[0], path)
    return top.name if top.default is None else None


def documented_options() -> list[str]:
    """Every option a rule may declare: the pack's documented keys and its groups' members."""
    out = [f.name for f in dataclasses.fields(Pack) if "doc" in f.metadata]
    for group in GROUPS:
        owner = globals()[_bare(_field(Pack, group, group).type)]
        out += [f"{group}.{f.name}" for f in dataclasses.fields(owner) if "doc" in f.metadata]
    return out


def describe_option(path: str) -> tuple[str, str]:
    """An option's type (as declared here) and meaning; KeyError for a path that is no option."""
    owner: type = Pack
    *groups, name = path.split(".")
    for group in groups:
        if group not in GROUPS:
            raise KeyError(path)
        owner = globals()[_bare(_field(owner, group, path).type)]
    found = _field(owner, name, path)
    if "doc" not in found.metadata:
        raise KeyError(path)
    return _bare(str(found.type)), found.metadata["doc"]


def _field(owner: type, name: str, path: str) -> dataclasses.Field:
    match = next((f for f in dataclasses.fields(owner) if f.name == name), None)
    if match is None:
        raise KeyError(path)
    return match


def _bare(annotation: str) -> str:
    return annotation.removesuffix(" | None").replace("builtins.", "")
