"""Cluster identity across years: the pairs a bureau meets, each with the verdict a clerk would give."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reportcheck.archive.identity import match

ADV, SME = "advanced", "sme"
YIYANG_ORG = "益阳市电子电路行业协会"

PAIRS = [
    # the same cluster, written a little differently
    (("益阳电子电路板产业集群", ADV, YIYANG_ORG), ("益阳市电子电路板产业集群", ADV, YIYANG_ORG), "same"),
    (("湖南省长沙智能汽车产业集群", ADV, None), ("长沙市智能汽车产业集群", ADV, None), "same"),
    (("益阳电子电路板产业集群", ADV, YIYANG_ORG), ("益阳电子电路板特色产业集群", ADV, YIYANG_ORG), "same"),
    # a cluster that changed category, its promotion organisation the same
    (("浏阳生物医药产业集群", SME, "浏阳促进中心"), ("浏阳生物医药产业集群", ADV, "浏阳促进中心"), "same"),
    # not sure: a doubt, never merged
    (("益阳电子电路板产业集群", ADV, YIYANG_ORG), ("益阳电子电路产业集群", ADV, "益阳高新区电子产业联盟"), "maybe"),
    (("湘潭县电机产业集群", ADV, "湘潭县电机协会"), ("湘潭市电机产业集群", ADV, "湘潭市电机协会"), "maybe"),
    (("浏阳生物医药产业集群", SME, "甲促进中心"), ("浏阳生物医药产业集群", ADV, "乙促进中心"), "maybe"),
    # different clusters
    (("长沙智能汽车产业集群", ADV, "长沙市智能汽车产业促进会"), ("株洲智能汽车产业集群", ADV, "株洲汽车协会"), "other"),
    (("长沙智能汽车产业集群", ADV, None), ("长沙工程机械产业集群", ADV, None), "other"),
    (("长沙智能汽车产业集群", ADV, "同一协会"), ("株洲轨道交通装备产业集群", ADV, "同一协会"), "other"),
    ((None, ADV, None), (None, ADV, None), "other"),  # no name: never tied to anything
]


@pytest.mark.parametrize(("a", "b", "verdict"), PAIRS, ids=[f"{a[0]}|{b[0]}" for a, b, _ in PAIRS])
def test_a_pair_of_names_is_judged_as_a_clerk_would(a, b, verdict):
    def named(name, category, org):
        return SimpleNamespace(cluster_name=name, category=category, promotion_org=org)

    assert match(named(*a), named(*b)).verdict == verdict
    assert match(named(*b), named(*a)).verdict == verdict  # either way round
