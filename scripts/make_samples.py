"""Write samples/: blank templates, filled reports (clean and with planted defects) in two
layouts, their expected JSON (from the figures put in), bad inputs, and samples/batch/: three
reports of other clusters with what A and B share planted (expected_cross.json).

    python scripts/make_samples.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportcheck.spec import template_by_stage
from samplegen.badpdf import write_bad_pdfs
from samplegen.batch import batch_samples
from samplegen.data import ASPECT_TEXT, advanced, issue, sme, summary
from samplegen.fill import Fill
from samplegen.form import write_form
from samplegen.sheet import write_filled_sheet
from samplegen.writer import FormWriter

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def messy(fill: Fill) -> Fill:
    """The spellings real applicants use: full-width digits, separators, units, broken labels."""
    fill.formats.update({"total_output": "fullwidth", "revenue": "thousands", "profit": "unit",
                         "imports": "wan", "employees": "thousands", "cloud_ratio": "unit",
                         "sme_output_share": "unit", "park_gdp": "fullwidth"})
    fill.evidence_styles.update({"national_champions": "see", "provincial_champions": "bracket",
                                 "little_giants": "bare", "standards": "see"})
    fill.evidence["listed_enterprises"] = [10, 11]
    fill.labels.update({
        "total_output": "集群总产值\n(亿元)",
        "above_scale_revenue": "集群规模以上工业企业营业收入（亿元）",
        "leading_output": "集群主导产业\n产值（亿元）",
        "national_champions": "国家级单项冠军数量(个,需提供佐证材料)",
        "cluster_name": "集 群 名 称",
    })
    fill.titles.update({"2.1": "2.1 集群主要经济指标", "2.4": "2.4、集群创新情况"})
    fill.order["2.1"] = ["total_output", "sme_output_share", "revenue", "above_scale_revenue", "leading_output",
                         "leading_province_share", "domestic_market_share", "exports", "imports", "profit", "tax",
                         "foreign_investment", "project_investment", "employees"]
    fill.inserted["2.2"] = "其中：本年新增企业数量（个）"
    fill.values["foreign_investment"] = [None, None]
    fill.formats["foreign_investment"] = "slash"
    issue(fill, "X003", "2.1", "进口额")
    issue(fill, "X003", "2.1", "进口额")
    issue(fill, "X010", "2.2", "其中：本年新增企业数量")
    return fill


def samples() -> dict[str, Fill]:
    out: dict[str, Fill] = {}
    out["prelim_advanced_split_clean"] = advanced("初赛", "split")
    out["prelim_sme_merged_messy"] = messy(sme("初赛", "merged", ("2022", "2023")))
    out["prelim_sme_merged_messy"].page_furniture = True
    out["final_advanced_merged_clean"] = advanced("决赛", "merged")
    out["final_sme_split_messy"] = messy(sme("决赛", "split"))
    out["final_sme_split_messy"].framed_chapters = {"1", "3"}
    out["final_sme_split_messy"].drop_title = True
    issue(out["final_sme_split_messy"], "X006", None, None)
    out["prelim_advanced_merged_clean"] = advanced("初赛", "merged")
    out["prelim_advanced_split_defects"] = _threshold_and_form_defects()
    out["prelim_sme_merged_defects"] = _sme_defects()
    out["final_advanced_split_defects"] = _final_defects()
    out["prelim_advanced_merged_defects"] = _consistency_defects()
    for fill in out.values():
        if "2.8" in fill.texts and not fill.texts["2.8"].startswith(fill.years[1]):
            fill.texts["2.8"] = summary(fill) + "\n" + fill.texts["2.8"]
        issue(fill, "EL008", "1", "参赛条件")
    return out


def _threshold_and_form_defects() -> Fill:
    f = advanced("初赛", "split")
    f.values["revenue"] = [88.5, 93.0]
    f.values["above_scale_revenue"] = [80.1, 85.2]
    issue(f, "EL001", "2.1", "集群企业营业收入")
    f.growth_override["total_output"] = "15.3"  # true 12.4
    issue(f, "AR001", "2.1", "集群总产值")
    issue(f, "CO011", "2.8", "集群总产值")  # 2.8 says 同比增长12.4%, the table 15.3
    f.lists["top10_revenue"] = [dict(r, revenue=[round(v / 25, 1) for v in r["revenue"]])
                                for r in f.lists["top10_revenue"]]
    issue(f, "EL002", "2.2", "营业收入排名前十企业发展情况")
    del f.evidence["national_champions"]
    issue(f, "EV001", "2.2", "国家级单项冠军数量")
    f.evidence["standards"] = [95]
    issue(f, "EV002", "2.4", "参与制定国际、国家、行业、团体标准")
    f.texts["2.8"] = "\n".join(ASPECT_TEXT * 70)
    issue(f, "TX001", "2.8", "集群发展总体情况自评报告")
    f.basic["cluster_name"] = ""
    issue(f, "BI001", "1", "集群名称")
    f.raw_override[("profit", 1)] = "九十七点三"
    issue(f, "X001", "2.1", "利润总额")
    f.dropped.add("water_reuse")
    issue(f, "X002", "2.5", "工业用水重复利用率")
    return f


def _sme_defects() -> Fill:
    f = sme("初赛", "merged")
    f.values["total_output"] = [24.1, 26.4]
    f.values["leading_output"] = [20.0, 22.0]
    f.values["target_total_output"] = [26.4, 30.0, 33.0, 36.0]
    issue(f, "EL003", "2.1", "集群总产值")
    f.values["sme_output_share"] = [55.0, 52.0]
    issue(f, "EL004", "2.1", "集群内中小企业产值占集群总产值的比重")
    f.values["provincial_champions"] = [1, 1]
    f.values["little_giants"] = [1, 1]
    issue(f, "EL005", "2.2", "单项冠军、小巨人企业数量")
    f.growth_override["enterprises"] = "8.0"  # true 10.4
    issue(f, "AR001", "2.2", "企业数量")
    f.texts["4.2"] = "\n".join(ASPECT_TEXT * 30)
    issue(f, "TX001", "4.2", "集群发展促进组织运营情况")
    f.texts["2.8"] = "\n".join(t for i, t in enumerate(ASPECT_TEXT) if i not in (5, 7))
    issue(f, "TX002", "2.8", "集群发展总体情况自评报告")
    f.basic["core_park"]["contact_phone"] = ""
    issue(f, "BI001", "1", "集群核心承载园区·联系人电话")
    f.basic["promotion_org"]["leader_phone"] = "0731-8888"
    issue(f, "BI002", "1", "集群促进组织·负责人电话")
    f.basic["leading_industry"] = "生物医药、铁合金"
    issue(f, "EL007", "1", "集群主导产业")
    f.dropped_tables.add("2.7")
    issue(f, "X009", "2.7", "集群公共服务情况")
    return f


def _final_defects() -> Fill:
    f = advanced("决赛", "split")
    f.texts["4"] = "\n".join(ASPECT_TEXT * 45)
    issue(f, "TX001", "4", "集群发展促进组织运营情况")
    del f.evidence["patents_per_10k"]
    issue(f, "EV001", "2.4", "集群从业人员每万人发明专利拥有量")
    f.growth_override["park_gdp"] = "9.0"  # true 11.0
    issue(f, "AR001", "3.1", "园区生产总值")
    f.texts["2.8"] = summary(f, total_output=1400.0) + "\n" + "\n".join(ASPECT_TEXT)
    issue(f, "CO011", "2.8", "集群总产值")
    f.basic["cluster_name"] = "长沙智能网联汽车产业集群"
    issue(f, "EL006", "1", "集群名称")
    f.drop_declaration = True
    issue(f, "BI003", None, "真实性声明")
    return f


def _consistency_defects() -> Fill:
    """Figures that do not agree with each other."""
    f = advanced("初赛", "merged")
    f.values["above_scale_revenue"] = [1102.7, 1500.0]
    issue(f, "CO001", "2.1", "集群规上工业企业营业收入")
    f.cluster_values["park_gdp"] = [410.2, 700.0]
    issue(f, "CO002", "3.1", "园区生产总值")
    f.values["cloud_ratio"] = [62.5, 120.0]
    issue(f, "CO003", "2.2", "企业上云比例")
    f.values["little_giants"] = [8, 11.5]
    f.formats["little_giants"] = "decimal1"
    issue(f, "CO004", "2.2", "国家级专精特新“小巨人”企业数量")
    f.lists["green_list"] = f.lists["green_list"][:5]
    issue(f, "CO005", "2.5", "省级及以上绿色工厂、绿色产品、绿色园区、绿色供应链数量")
    rd = f.lists["top10_rd"]
    f.lists["top10_rd"] = [dict(r, rd=[v * 10 for v in r["rd"]]) for r in rd] + [
        dict(rd[-1], name=f"补充企业{i}", rd=[100, 120]) for i in (1, 2)]
    issue(f, "CO006", "2.4", "集群研发投入前十位企业")
    issue(f, "CO008", "2.4", "集群研发投入前十位企业")
    issue(f, "CO008", "2.4", "集群研发投入前十位企业")
    top = f.lists["top10_revenue"]
    top[2], top[3] = top[3], top[2]
    issue(f, "CO007", "2.2", "营业收入排名前十企业发展情况")
    top[9] = dict(top[9], name=top[8]["name"])
    issue(f, "CO009", "2.2", "营业收入排名前十企业发展情况")
    f.lists["key_projects"] = f.lists["key_projects"][:3]
    issue(f, "CO010", "2.3", "集群重点项目建设情况")
    f.values["target_leading_profit"] = [80.2, 90.0, 100.0, 95.0]
    issue(f, "CO012", "5.1", "集群主导产业利润")
    f.values["rd_growth"] = [12.4, 12.0]
    issue(f, "AR002", "2.4", "集群研发经费增速")
    f.values["patents_per_10k"] = [175.7, 25.0]
    issue(f, "AR003", "2.4", "集群从业人员每万人发明专利拥有量")
    f.values["investment_intensity"] = [9.1]  # 亿元 taken for 万元: under even one year's investment (90.97)
    issue(f, "AR004", "3.1", "投资强度")
    f.values["target_total_output"] = [1200.0, 1480.0, 1650.0, 1850.0]
    issue(f, "AR005", "5.1", "集群总产值")
    return f


def blank(stage: str) -> Fill:
    spec = template_by_stage(stage)
    return Fill(spec=spec, layout="merged", years=("2021", "2022"), basic={}, values={})


def bad_inputs(folder: Path, good: Path) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "empty.docx").write_bytes(b"")
    data = good.read_bytes()
    (folder / "truncated.docx").write_bytes(data[: len(data) // 2])
    (folder / "corrupt.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07not a Word 97 stream" * 150)
    (folder / "not_zip.docx").write_text("这不是Word文件，只是改了扩展名的文本。\n", encoding="utf-8")
    notice = FormWriter("split")
    notice.paragraph("会议通知")
    notice.paragraph("定于下周一召开产业工作例会，请各单位准时参加。")
    notice.save(str(folder / "not_a_report.docx"))
    _encrypted(folder / "encrypted.docx", good)
    write_bad_pdfs(folder, SAMPLES / "pdf" / "prelim_advanced_split_clean.pdf")


def _encrypted(target: Path, good: Path) -> None:
    """A password-protected .docx, as Word saves one (needs msoffcrypto-tool once)."""
    if target.exists():
        return
    import io

    import msoffcrypto.format.ooxml as ooxml

    out = io.BytesIO()
    with good.open("rb") as fh:
        ooxml.OOXMLFile(fh).encrypt("reportcheck", out)
    target.write_bytes(out.getvalue())


def write_filled(folder: Path, fills: dict[str, Fill]) -> None:
    """Each fill as NAME.docx and what it was built with as NAME.expected.json."""
    folder.mkdir(exist_ok=True)
    for name, fill in fills.items():
        write_form(fill.spec, fill, fill.layout, str(folder / f"{name}.docx"))
        _write_json(folder / f"{name}.expected.json", fill.expected())


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    (SAMPLES / "blank").mkdir(exist_ok=True)
    for stage, name in (("初赛", "hunan_competition_preliminary"), ("决赛", "hunan_competition_final")):
        write_form(template_by_stage(stage), blank(stage), "merged", str(SAMPLES / "blank" / f"{name}.docx"))
    write_filled(SAMPLES, samples())
    fills, cross = batch_samples()
    write_filled(SAMPLES / "batch", fills)
    _write_json(SAMPLES / "batch" / "expected_cross.json", cross)
    sheet = SAMPLES / "datasheet_sme_3years.xlsx"
    expected = write_filled_sheet(sheet)
    _write_json(sheet.with_suffix(".expected.json"), expected)
    bad_inputs(SAMPLES / "bad", SAMPLES / "prelim_advanced_split_clean.docx")
    print(f"samples written to {SAMPLES}")


if __name__ == "__main__":
    main()
