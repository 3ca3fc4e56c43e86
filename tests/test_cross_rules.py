"""The batch-only rules (BT001–BT005), each with a failing and a passing case, on hand-made facts.

The facts are what :func:`reportcheck.rules.cross.facts_of` keeps of a report; building them by hand
lets each case say exactly what two reports share. ``tests/test_batch.py`` runs the same rules on
real reports through ``reportcheck batch``."""

from __future__ import annotations

import dataclasses

import pytest

from reportcheck.normalize.text import label_key
from reportcheck.rules.cross import CROSS_RULES, Facts

COPIED = ("组织保障方面，市里成立由分管副市长任组长的集群发展领导小组，实行链长制工作推进机制，每季度召开一次调度会，"
          "协调解决企业用地、用工、融资等难题，专项扶持政策逐条明确责任单位和完成时限。")
OWN = ("创新能力方面，集群研发投入强度保持在百分之三以上，发明专利和行业标准建设成效明显，新增省级平台两个。",
       "开放合作方面，集群积极开展国际化合作和区域合作，与粤港澳大湾区企业签订合作协议十余项，进出口稳步增长。",
       "数字化方面，企业上云比例超过七成，工业互联网平台普及率持续提高，建成智能工厂和数字化车间若干。",
       "绿色发展方面，新增绿色工厂三家，单位产值能耗持续下降，园区循环化改造有序推进，固废综合利用率提高。")


def _facts(name: str, *, paragraphs=(), enterprises=(), projects=(), phones=(), figures=()) -> Facts:
    """A report's facts; its figures default to ones of its own (two reports never equal by chance)."""
    figures = figures or (("2.1", name, 1.0),)
    return Facts(path=f"{name}.docx", cluster=name, cluster_key=label_key(name),
                 paragraphs=[("2.8", n, t) for n, t in enumerate(paragraphs, start=1)],
                 enterprises=[("top10_revenue", "2.2 营业收入排名前十企业发展情况", n, e)
                              for n, e in enumerate(enterprises, start=1)],
                 projects=[(f"2.3 集群重点项目建设情况 第{n}行", p) for n, p in enumerate(projects, start=1)],
                 phones=list(phones), fingerprint=tuple(figures))


def _run(code: str, *facts: Facts) -> list:
    rule = next(r for r in CROSS_RULES if r.code == code)
    return list(rule.check(list(facts)))


def test_a_copied_paragraph_is_found_with_both_places_and_its_similarity():
    a = _facts("甲集群", paragraphs=(OWN[0], COPIED))
    b = _facts("乙集群", paragraphs=(OWN[1], COPIED.replace("一次", "两次")))
    [issue] = _run("BT001", a, b)
    assert issue.args["places"] == ["2.8 第2段", "2.8 第2段"] and issue.args["similarity"] >= 80
    assert "甲集群" in issue.message and "乙集群" in issue.message and "组织保障方面" in issue.message


def test_own_paragraphs_stock_wording_and_one_cluster_twice_are_not_copies():
    a, b = _facts("甲集群", paragraphs=(OWN[0], OWN[2])), _facts("乙集群", paragraphs=(OWN[1], OWN[3]))
    assert _run("BT001", a, b) == []
    stock = [_facts(f"{n}集群", paragraphs=(COPIED, OWN[i])) for i, n in enumerate("甲乙丙丁")]
    assert _run("BT001", *stock) == []  # in the reports of more than two clusters: stock wording
    again = _facts("甲集群", paragraphs=(COPIED,), figures=(("2.1", "x", 2.0),))  # same name, other figures
    assert _run("BT001", _facts("甲集群", paragraphs=(COPIED,)), again) == []


def test_an_enterprise_in_two_clusters_lists_is_one_finding_per_pair():
    a = _facts("甲集群", enterprises=("湘江电驱系统有限公司", "星城座舱有限公司"))
    b = _facts("乙集群", enterprises=("麓谷激光雷达有限公司", "湘江电驱系统 有限公司"))
    [issue] = _run("BT002", a, b)
    assert "“湘江电驱系统有限公司”" in issue.message and issue.args["count"] == 1
    assert issue.args["places"] == ["2.2 营业收入排名前十企业发展情况 第1行", "2.2 营业收入排名前十企业发展情况 第2行"]
    assert _run("BT002", a, _facts("乙集群", enterprises=("麓谷激光雷达有限公司",))) == []


def test_a_project_claimed_by_two_clusters():
    a = _facts("甲集群", projects=("年产10万套智能座舱项目",))
    [issue] = _run("BT003", a, _facts("乙集群", projects=("其他项目", "年产10万套智能座舱项目")))
    assert "年产10万套智能座舱项目" in issue.message and issue.args["places"][1].endswith("第2行")
    assert _run("BT003", a, _facts("乙集群", projects=("其他项目",))) == []


@pytest.mark.parametrize(("people_b", "found"), [
    ((("13907310001", "赵强", "一、集群基本信息 集群核心承载园区 负责人电话"),), True),
    # two clusters in one park: its leader and phone in both reports, with someone else too
    ((("13907310001", "李明", "一、集群基本信息 集群核心承载园区 负责人电话"),
      ("13907310001", "王芳", "一、集群基本信息 集群核心承载园区 联系人电话")), False),
    ((("13800000000", "赵强", "一、集群基本信息 集群核心承载园区 负责人电话"),), False),
])
def test_one_phone_for_different_people(people_b, found):
    a = _facts("甲集群", phones=(("13907310001", "李明", "一、集群基本信息 集群促进组织 联系人电话"),))
    issues = _run("BT004", a, _facts("乙集群", phones=people_b))
    assert bool(issues) is found
    if found:
        assert "13907310001" in issues[0].message and "李明" in issues[0].message and "赵强" in issues[0].message


def test_the_same_report_twice_also_without_its_name():
    a = _facts("甲集群", figures=(("2.1", "total_output", 1326.8),))
    [twice] = _run("BT005", a, _facts("甲集群", figures=(("2.1", "total_output", 1326.8),)))
    assert "甲集群" in twice.message
    nameless = Facts(path="无名.pdf", cluster="（未填集群名称）无名.pdf", cluster_key="无名.pdf",
                     fingerprint=(("2.1", "total_output", 1326.8),))
    assert len(_run("BT005", a, nameless)) == 1
    named = _facts("甲集群", enterprises=("湘江电驱系统有限公司",))
    its_pdf = Facts(path="无名.pdf", cluster="（未填集群名称）无名.pdf", cluster_key="无名.pdf",
                    enterprises=[("top10_revenue", "t", 1, "湘江电驱系统有限公司")], fingerprint=named.fingerprint)
    assert _run("BT002", named, its_pdf) == []  # one report, not two clusters sharing an enterprise
    assert _run("BT005", a, _facts("乙集群", figures=(("2.1", "total_output", 1400.0),))) == []


def test_every_batch_rule_is_documented_with_examples():
    for rule in CROSS_RULES:
        assert rule.type.source and "反例" in rule.doc and "正例" in rule.doc, rule.code


def test_a_name_or_phone_a_scan_read_in_doubt_ties_no_two_reports_together():
    from conftest import SAMPLES, report_of
    from reportcheck.rules.cross import facts_of

    report = report_of(SAMPLES / "prelim_advanced_merged_clean.docx")
    before = facts_of("a.pdf", report)
    top = next(t for t in report.lists if t.rows and t.rows[0].values.get("name"))
    doubted = dataclasses.replace(top.rows[0], doubts={"name": "扫描件识别置信度54%"})
    lists = [dataclasses.replace(t, rows=[doubted, *t.rows[1:]]) if t is top else t for t in report.lists]
    basic = dataclasses.replace(report.basic, doubts={"promotion_org.contact_phone": "扫描件识别置信度60%"})
    after = facts_of("a.pdf", dataclasses.replace(report, lists=lists, basic=basic))
    first = (top.id, 1, top.rows[0].values["name"])
    assert first in [(e[0], e[2], e[3]) for e in before.enterprises]
    assert first not in [(e[0], e[2], e[3]) for e in after.enterprises]
    phone = "".join(ch for ch in report.basic.promotion_org.contact_phone if ch.isdigit())
    assert any(p[0] == phone for p in before.phones) and not any(p[0] == phone for p in after.phones)


def test_a_word_file_and_its_scan_are_the_normal_submission_two_word_files_a_repeat():
    figures = (("2.1", "total_output", 1326.8),)
    word = _facts("甲集群", figures=figures)
    scan = Facts(path="甲集群（盖章）.pdf", cluster="甲集群", cluster_key=label_key("甲集群"), fingerprint=figures)
    [pair] = _run("BT005", word, scan)
    assert pair.severity == "info" and "正常提交" in pair.message and "重复提交" not in pair.message
    again = Facts(path="甲集群（修改）.docx", cluster="甲集群", cluster_key=label_key("甲集群"), fingerprint=figures)
    [repeat] = _run("BT005", word, again)
    assert repeat.severity == "warning" and "重复提交" in repeat.message
