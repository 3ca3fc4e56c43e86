"""Rules on the typed model: each one fires on a failing case and stays quiet on a passing one."""

from __future__ import annotations

from reportcheck.model import Indicator, ListRow, ListTable, Report, TextBlock
from reportcheck.rules import REGISTRY, load_pack
from reportcheck.rules.arithmetic import growth_interval

PACK = load_pack()


def _run(code: str, report: Report) -> list:
    rule = next(r for r in REGISTRY if r.code == code)
    return rule.run(report, PACK)


def _report(category="advanced", **kw) -> Report:
    return Report(source="x", template="t", stage="初赛", category=category, years=["2021", "2022"], **kw)


def _ind(key, label, values, unit="亿元", growth=None, decimals=1, section="2.1", **kw) -> Indicator:
    return Indicator(section=section, key=key, label=label, unit=unit, values=values, growth_pct=growth,
                     decimals={y: decimals for y in values}, growth_decimals=1 if growth is not None else None, **kw)


def test_growth_is_rounding_aware():
    assert growth_interval(120.0, 1, 135.0, 1, exact=False)[0] < 12.5 < growth_interval(120.0, 1, 135.0, 1, False)[1]
    ok = _report(indicators=[_ind("total_output", "集群总产值", {"2021": 120.0, "2022": 135.0}, growth=12.5)])
    bad = _report(indicators=[_ind("total_output", "集群总产值", {"2021": 120.0, "2022": 135.0}, growth=15.3)])
    assert _run("AR001", ok) == []
    [issue] = _run("AR001", bad)
    assert "15.3" in issue.message and "12.50" in issue.message


def test_growth_rounding_difference_is_not_an_error():
    # 1.3 → 1.6 could be 1.25 → 1.65 (+32 %) or 1.35 → 1.55 (+14.8 %): 16.3 is possible
    report = _report(indicators=[_ind("rd_spending", "集群研发经费", {"2021": 1.3, "2022": 1.6}, growth=16.3)])
    assert _run("AR001", report) == []


def test_advanced_thresholds():
    low = _report(indicators=[_ind("revenue", "集群企业营业收入", {"2021": 88.5, "2022": 93.0})])
    high = _report(indicators=[_ind("revenue", "集群企业营业收入", {"2021": 98.5, "2022": 104.0})])
    [issue] = _run("EL001", low)
    assert "93" in issue.message and "100" in issue.message
    assert _run("EL001", high) == []
    assert _run("EL001", _report(category="sme", indicators=low.indicators)) == []


def test_chain_leader_from_top10_list():
    def top10(v):
        return [ListTable(id="top10_revenue", title="", section="2.2",
                          rows=[ListRow(values={"name": "甲公司"}, by_year={"revenue": {"2022": v}})])]
    [issue] = _run("EL002", _report(lists=top10(8.6)))
    assert "甲公司" in issue.message and "8.6" in issue.message
    assert _run("EL002", _report(lists=top10(32.5))) == []
    assert _run("EL002", _report())[0].code == "EL009"  # no list: cannot verify, never passed silently


def test_sme_thresholds():
    def sme(output, share, champs):
        return _report(category="sme", indicators=[
            _ind("total_output", "集群总产值", {"2021": output, "2022": output}),
            _ind("sme_output_share", "集群内中小企业产值占集群总产值的比重", {"2021": share, "2022": share}, unit="%"),
            *[_ind(k, k, {"2021": champs, "2022": champs}, unit="个", decimals=0, section="2.2")
              for k in ("national_champions", "provincial_champions", "little_giants")]])
    assert {i.code for r in ("EL003", "EL004", "EL005") for i in _run(r, sme(26.4, 52.0, 1))} == \
        {"EL003", "EL004", "EL005"}
    assert [i for r in ("EL003", "EL004", "EL005") for i in _run(r, sme(38.0, 78.5, 2))] == []


def test_text_limit_reports_both_counts():
    block = TextBlock(id="2.8", title="自评报告", text="x", word_count=2612, char_count=2700, limit=2500)
    [issue] = _run("TX001", _report(texts=[block]))
    assert "2612" in issue.message and "2700" in issue.message
    assert _run("TX001", _report(texts=[block.model_copy(update={"word_count": 2380})])) == []


def test_evidence_needed_only_for_positive_values():
    def row(values, pages):
        return _ind("national_champions", "国家级单项冠军数量", values, unit="个", decimals=0, section="2.2",
                    evidence_required=True, evidence_pages=pages)
    assert _run("EV001", _report(indicators=[row({"2021": 2, "2022": 3}, [])]))
    assert _run("EV001", _report(indicators=[row({"2021": 2, "2022": 3}, [15])])) == []
    assert _run("EV001", _report(indicators=[row({"2021": 0, "2022": 0}, [])])) == []


def test_every_rule_has_docs_a_source_and_a_unique_code():
    codes = [r.code for r in REGISTRY]
    assert len(codes) == len(set(codes))
    for rule in REGISTRY:
        assert rule.doc and "反例" in rule.doc and "正例" in rule.doc, rule.code
        assert rule.type.source, rule.code
