"""What a comparison of two versions found: differences, figures that could not be confirmed, and (for a
PDF) whether its declaration page carries a seal and signatures."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from reportcheck.compare.values import Value
from reportcheck.model import Loc

Kind = Literal["report", "basic", "field", "indicator", "list", "text", "missing", "pages"]
KIND_ZH: dict[str, str] = {"report": "报告", "basic": "基本信息", "field": "填报字段", "indicator": "指标",
                           "list": "名单", "text": "文字", "missing": "缺失", "pages": "页数"}


@dataclass(slots=True, kw_only=True)
class Difference:
    """One thing that differs between version A and version B.

    ``section`` and ``table`` name where in the template (``2.1`` 集群主要经济指标), ``label`` the row,
    field, list entry or text block, ``column`` the figure in words (``2022年``, ``增幅``, ``电话``,
    ``改动的句子``) and ``column_key`` the same as the model keys it (``2022``, ``2022:cluster``,
    ``growth``, ``evidence_pages``, ``rd:2022``, ``promotion_org.contact_phone``, ``changed`` …).
    ``a``/``b`` are the two values (None: empty or absent), each read at its location.
    """

    kind: Kind
    section: str | None = None
    table: str | None = None
    label: str
    column: str | None = None
    column_key: str | None = None
    unit: str | None = None
    a: Value = None
    b: Value = None
    a_location: Loc | None = None
    b_location: Loc | None = None


@dataclass(slots=True, kw_only=True)
class Doubt(Difference):
    """A figure read with doubt on either side (``Indicator.doubts``): it could not be confirmed, so it
    is neither a difference nor an agreement. ``reason`` says which side doubted it and why."""

    reason: str


@dataclass(slots=True, kw_only=True)
class SignatureCheck:
    label: str
    """the signature line as printed (集群促进组织负责人签字), or 声明页 when no label was found"""
    found: bool


@dataclass(slots=True, kw_only=True)
class StampCheck:
    """The declaration page of a PDF: seals found on it and a signature beside each signature label.
    ``checked`` is False when it could not be looked at (``note`` says why: no declaration page found,
    the image libraries missing, a page that would not render); that is a doubt, not a missing seal."""

    page: int | None = None
    checked: bool = False
    seals: int = 0
    """red marks of an official seal's size on the page"""
    seal_labels: int = 0
    """places the page asks for a seal (（单位盖章）)"""
    signatures: list[SignatureCheck] = dataclasses.field(default_factory=list)
    note: str | None = None


@dataclass(slots=True, kw_only=True)
class Comparison:
    a: str
    b: str
    differences: list[Difference] = dataclasses.field(default_factory=list)
    doubts: list[Doubt] = dataclasses.field(default_factory=list)
    a_stamp: StampCheck | None = None
    """None for a Word file or a data sheet: only a PDF can carry a seal"""
    b_stamp: StampCheck | None = None

    @property
    def agree(self) -> bool:
        """No difference; figures that could not be confirmed are not differences."""
        return not self.differences
