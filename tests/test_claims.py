"""Figures in free text: the claims a reader finds in what applicants actually write."""

from __future__ import annotations

import pytest

from reportcheck.extract.claims import find_claims
from reportcheck.extract.lexicon import Lexicon
from reportcheck.spec import load_templates

KEYWORDS = load_templates()[0].prose_keywords


def claims(text: str) -> list[tuple]:
    return [(c.key, c.kind, c.value, c.decimals, c.unit, c.year) for c in find_claims(text, KEYWORDS)]


@pytest.mark.parametrize(("text", "expected"), [
    ("2022年集群总产值达到1326.8亿元，同比增长12.4%，集群企业455家，其中规上工业企业203家",
     [("total_output", "value", 1326.8, 1, "亿元", "2022"), ("total_output", "growth", 12.4, 1, "%", "2022"),
      ("enterprises", "value", 455, 0, "个", "2022"), ("above_scale_enterprises", "value", 203, 0, "个", "2022")]),
    # thousands separators, half- or full-width
    ("集群总产值达1,326.8亿元", [("total_output", "value", 1326.8, 1, "亿元", None)]),
    ("集群总产值达１，３２６．８亿元", [("total_output", "value", 1326.8, 1, "亿元", None)]),
    # the growth in brackets after the value
    ("总产值为1326.8亿元（同比增长12.4%）",
     [("total_output", "value", 1326.8, 1, "亿元", None), ("total_output", "growth", 12.4, 1, "%", None)]),
    pytest.param("企业数量达到455家，其中规上企业203家",
                 [("enterprises", "value", 455, 0, "个", None),
                  ("above_scale_enterprises", "value", 203, 0, "个", None)],
                 marks=pytest.mark.xfail(strict=True, reason="企业数量 is not among the templates' prose keywords")),
    ("集群企业数量达到455家", [("enterprises", "value", 455, 0, "个", None)]),
    # the year before the indicator word, or between it and the figure
    ("2022年集群企业营业收入1200亿元", [("revenue", "value", 1200, 0, "亿元", "2022")]),
    ("集群企业营业收入2022年达到1200亿元", [("revenue", "value", 1200, 0, "亿元", "2022")]),
    ("截至2022年底，集群企业455家", [("enterprises", "value", 455, 0, "个", "2022")]),
    ("2023年度利润总额60.5亿元", [("profit", "value", 60.5, 1, "亿元", "2023")]),
    # a fall is a negative growth; 增长率 and 增速 are growths too
    ("利润总额较上年下降3.2%", [("profit", "growth", -3.2, 1, "%", None)]),
    ("营业收入增长率为8.1%", [("revenue", "growth", 8.1, 1, "%", None)]),
    ("营业收入增速8%", [("revenue", "growth", 8, 0, "%", None)]),
    # people in 万人, and 万元
    # (12万人 is rounded to the 万: −4 decimals, so 124,000 people agree with it)
    ("从业人员12万人", [("employees", "value", 120000, -4, "人", None)]),
    ("研发投入3500万元", [("rd_spending", "value", 3500, 0, "万元", None)]),
    # a share is not a growth
    ("出口额占全省的12%", []),
    # a figure after 较上年 is last year's; a word glued before the indicator's makes another noun
    ("2022年集群总产值较上年1180亿元增长12.4%", []),
    # a year compared with is no year of what follows: 102 is the report's count, not 2022's
    ("规上工业企业154家，较2022年净增11家；高新技术企业102家",
     [("above_scale_enterprises", "value", 154, 0, "个", None), ("hightech_enterprises", "value", 102, 0, "个", None)]),
    ("其中主导产业营业收入900亿元", []),
    # one enterprise's figure is not the cluster's (a clause whose subject is a company)
    ("龙头企业娄底联创钢材股份有限公司2022年实现营业收入70.9亿元", []),
    ("湘潭电机集团营业收入120亿元，集群企业营业收入484亿元", [("revenue", "value", 484, 0, "亿元", None)]),
    ("园区规上工业企业210家", []),
    # a number inside a word that only looks like a hedge (近年来, 多元化) does not hedge the next figure
    ("近年来集群总产值达到1326.8亿元", [("total_output", "value", 1326.8, 1, "亿元", None)]),
    ("集群总产值1326.8亿元，多元化发展成效明显", [("total_output", "value", 1326.8, 1, "亿元", None)]),
    ("节约能源，集群企业455家", [("enterprises", "value", 455, 0, "个", None)]),
])
def test_claims_found(text: str, expected: list[tuple]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize("text", [
    "实现产值约1300亿元，集群总产值约1300亿元",
    "集群总产值超过1300亿元",
    "集群总产值近1300亿元",
    "集群总产值突破1300亿元",
    "集群总产值1300亿元左右",
    "集群总产值1300多亿元",
    "集群总产值1300余亿元",
    "集群企业455家以上",
    "集群总产值预计2025年达到1800亿元",
])
def test_hedged_figures_are_not_claims(text: str) -> None:
    """约/超过/近/突破 before, 左右/以上/多/余 after: not a statement of the exact value."""
    assert claims(text) == []


def test_a_hedge_after_one_figure_does_not_hedge_the_next() -> None:
    assert claims("集群企业300多家（同比增长12.4%）") == [("enterprises", "growth", 12.4, 1, "%", None)]


def test_a_change_is_not_the_value() -> None:
    """新增17家 is not 17 enterprises; 同比增加17家 neither."""
    assert claims("2022年新增规上企业17家") == []
    assert claims("集群企业455家，同比增加17家") == [("enterprises", "value", 455, 0, "个", None)]


def test_a_number_broken_by_a_line_wrap() -> None:
    """A PDF line wraps in the middle of the indicator word and of the figure."""
    assert claims("2022年集群总产\n值达到1326\n.8亿元，同比增长12.4%") == [
        ("total_output", "value", 1326.8, 1, "亿元", "2022"), ("total_output", "growth", 12.4, 1, "%", "2022")]


def test_the_year_carries_to_later_sentences_and_is_replaced() -> None:
    found = claims("2021年集群总产值1180.5亿元。集群企业455家。2022年集群总产值1326.8亿元")
    assert [(key, year) for key, _, _, _, _, year in found] == [
        ("total_output", "2021"), ("enterprises", "2021"), ("total_output", "2022")]


def test_the_quote_is_the_clause() -> None:
    [claim] = find_claims("发展势头良好。2022年，集群总产值达到1326.8亿元，产业链条完整", KEYWORDS)
    assert claim.quote == "集群总产值达到1326.8亿元"


def test_no_figure_or_no_keywords_no_claims() -> None:
    assert claims("集群发展势头良好，产业链条完整") == []
    assert find_claims("集群总产值1326.8亿元", []) == []


def test_lexicon_longest_match_and_indicator_words_first() -> None:
    lexicon = Lexicon(["集群企业", "集群企业营业收入"], ["企业营业", "营业收入", "节约", "约"])
    assert lexicon.split("集群企业营业收入达12.4% 节约") == ["集群企业营业收入", "达", "12.4%", "节约"]
    assert lexicon.split("其中集群企业营业收入") == ["其", "中", "集群企业营业收入"]
    assert lexicon.split("约5G基站2022年") == ["约", "5G", "基", "站", "2022", "年"]


def test_a_rate_per_head_is_not_the_count_it_names() -> None:
    """每万名从业人员拥有发明专利300件 is patents per 10 000 people, not the number of patents."""
    assert claims("截至2022年底，集群每万名从业人员拥有发明专利300.0件") == []
    assert [c[:3] for c in claims("2022年，集群拥有发明专利1786件")] == [("invention_patents", "value", 1786.0)]
