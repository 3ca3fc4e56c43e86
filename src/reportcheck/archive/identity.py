"""Whether two reports are of the same cluster, across years and small renamings.

A bureau renames a cluster a little between years (益阳电子电路板产业集群 / 益阳市电子电路板产业集群,
湖南省… / …). Names are compared without the province, without the 市 right after the city's name, and
without punctuation, simplified and half-width; a 县 or 区 stays (湘潭县… is not 湘潭市…). Two reports are
the same cluster when those forms are equal and their categories or their promotion organisations agree
(a cluster may change category), or when the forms are close (a word or two) and the category and the
promotion organisation agree too. Close but not sure is *maybe*: said as a doubt, never merged. Names that
begin with different places (长沙… / 株洲…) are different clusters however alike the rest is: two cities'
clusters of one industry differ in little but the place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Protocol

from rapidfuzz import fuzz

from reportcheck.normalize.text import label_key

_PROVINCE = re.compile(r"^湖南省?")
_CITY = re.compile(r"^(.{2,3}?)市")  # 益阳市…, 张家界市…: the city's own 市, not 县 or 区
_CLOSE = 85  # similarity (0–100) of two names' forms from which they are a renaming
_NEAR = 70  # from which they may be: a doubt
_PLACE = 2  # characters a name begins with its place in (长沙, 益阳, 湘潭)

Verdict = Literal["same", "maybe", "other"]


class Named(Protocol):
    cluster_name: str | None
    category: str | None
    promotion_org: str | None


def identity_key(name: str | None) -> str:
    """The form a cluster's name is compared in (empty when it has none)."""
    return _CITY.sub(r"\1", _PROVINCE.sub("", label_key(name or "")), count=1)


@dataclass(frozen=True, slots=True)
class Match:
    verdict: Verdict
    similarity: float


def match(a: Named, b: Named) -> Match:
    key_a, key_b = identity_key(a.cluster_name), identity_key(b.cluster_name)
    if not key_a or not key_b:
        return Match("other", 0.0)
    categories_agree = a.category is None or b.category is None or a.category == b.category
    org_a, org_b = identity_key(a.promotion_org), identity_key(b.promotion_org)
    same_org = bool(org_a) and org_a == org_b
    if key_a == key_b:
        return Match("same" if categories_agree or same_org else "maybe", 100.0)
    similarity = fuzz.ratio(key_a, key_b)
    if key_a[:_PLACE] != key_b[:_PLACE]:
        near = similarity >= _NEAR and same_org and categories_agree
        return Match("maybe" if near else "other", similarity)
    if similarity >= _CLOSE and categories_agree and same_org:
        return Match("same", similarity)
    if similarity >= _NEAR and (categories_agree or same_org):
        return Match("maybe", similarity)
    return Match("other", similarity)
