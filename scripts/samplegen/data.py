"""The clusters the samples describe, and the defects planted in some of them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportcheck.spec import TemplateSpec, template_by_stage

from .fill import Fill

ADVANCED_VALUES: dict[str, list[float | None]] = {
    "total_output": [1180.5, 1326.8], "sme_output_share": [None, None], "leading_output": [1012.3, 1150.6],
    "leading_province_share": [35.2, 36.8], "domestic_market_share": [4.1, 4.6], "revenue": [1250.4, 1408.9],
    "above_scale_revenue": [1102.7, 1256.0], "profit": [88.6, 97.3], "tax": [42.1, 45.9],
    "imports": [35.6, 40.2], "exports": [60.3, 72.8], "foreign_investment": [12.5, 14.1],
    "project_investment": [210.0, 245.5], "employees": [86500, 92300],
    "enterprises": [412, 455], "above_scale_enterprises": [186, 203], "hightech_enterprises": [98, 121],
    "listed_enterprises": [6, 7], "national_champions": [2, 3], "provincial_champions": [5, 6],
    "little_giants": [8, 11], "provincial_specialized": [35, 48], "integration_certified": [22, 30],
    "cloud_ratio": [62.5, 70.2], "iip_penetration": [38.0, 45.5],
    "rd_spending": [38.2, 44.6], "rd_intensity": [3.1, 3.2], "rd_growth": [12.4, 16.8],
    "rd_staff_ratio": [8.5, 9.1], "invention_patents": [1520, 1786], "standards": [12, 15],
    "patents_per_10k": [175.7, 193.5], "national_st_awards": [1, 1], "provincial_st_awards": [3, 4],
    "national_innovation_platforms": [3, 4], "provincial_innovation_platforms": [8, 10],
    "national_design_centers": [1, 1], "provincial_design_centers": [2, 3],
    "green_count": [6, 9], "co2_intensity": [0.52, 0.48], "solid_waste_utilization": [92.5, 94.1],
    "water_reuse": [88.0, 90.3], "three_system_certified": [120, 146], "certificate_coverage": [98.5, 99.2],
    "public_platforms": [5, 6],
    "park_gdp": [620.5, 688.9], "park_above_scale_enterprises": [152, 168],
    "park_above_scale_revenue": [980.3, 1105.6], "park_tax": [35.2, 38.9], "park_imports": [20.1, 22.8],
    "park_exports": [40.5, 48.2], "park_fixed_investment": [150.0, 168.3],
    "park_investment_attracted": [210.5, 236.1], "park_fdi": [8.2, 9.0],
    "park_area": [18500], "investment_intensity": [91.0], "tax_per_mu": [21.0],
    "target_total_output": [1326.8, 1480.0, 1650.0, 1850.0],
    "target_leading_revenue": [1200.5, 1350.0, 1500.0, 1680.0],
    "target_leading_enterprises": [150, 165, 180, 200], "target_leading_profit": [80.2, 90.0, 100.0, 112.0],
    "target_leading_tax": [40.5, 44.0, 48.0, 53.0],
}
PARK_CLUSTER = {
    "park_gdp": [410.2, 462.3], "park_above_scale_enterprises": [98, 109],
    "park_above_scale_revenue": [702.5, 801.4], "park_tax": [22.1, 24.7], "park_imports": [12.3, 14.0],
    "park_exports": [28.7, 33.9], "park_fixed_investment": [96.4, 110.2],
    "park_investment_attracted": [140.8, 158.3], "park_fdi": [5.1, 5.8],
}
EVIDENCE_KEYS = ("listed_enterprises", "national_champions", "provincial_champions", "little_giants",
                 "provincial_specialized", "integration_certified", "standards", "national_st_awards",
                 "provincial_st_awards", "national_innovation_platforms", "provincial_innovation_platforms",
                 "national_design_centers", "provincial_design_centers", "green_count",
                 "three_system_certified", "public_platforms", "patents_per_10k")

ASPECT_TEXT = (
    "产业基础方面，集群主导产业规模实力持续增强，产品市场竞争力和品牌影响力稳步提升。",
    "规模工业培育方面，集群新增规模以上工业企业17家，梯度培育体系基本形成。",
    "创新能力方面，集群研发投入强度保持在3%以上，发明专利和行业标准建设成效明显。",
    "要素集聚方面，产业链上下游协作紧密，人才、金融等要素加快集聚。",
    "绿色发展方面，新增绿色工厂3家，绿色园区建设有序推进。",
    "数字化方面，企业上云比例超过70%，工业互联网平台普及率持续提高。",
    "集群公共服务方面，集群促进组织运行规范，各类中介机构服务能力增强。",
    "开放合作方面，集群积极开展国际化合作和区域合作，进出口额稳步增长。",
    "组织保障方面，建立了集群领导及工作推进机制，相关规划和政策有效落实。",
)
# The nine aspects the 2.8 instruction names, in its order: ASPECT_TEXT[i] is about ASPECT_NAMES[i].
ASPECT_NAMES = ("产业基础", "规模工业培育", "创新能力", "要素集聚", "绿色发展", "数字化", "公共服务", "开放合作",
                "组织保障")


def _text(sentences: tuple[str, ...], repeat: int = 1) -> str:
    return "\n".join(sentences * repeat)


SUMMARY = ("{y}年集群总产值达到{total}亿元，同比增长{growth}%，集群企业{enterprises}家，"
           "其中规上工业企业{above_scale}家。")


@dataclass(frozen=True)
class Cluster:
    """Who a sample's cluster is and what it writes: names, people, phones, enterprises, projects, texts.

    Every sample of the main set is one of two clusters (``CHANGSHA``, ``LIUYANG``) that share their
    enterprises and texts; the batch samples (``batch.py``) are clusters of their own.
    """

    name: str
    category: str
    leading_industry: str
    region: str
    org: str
    park: str
    park_industry: str
    lead_unit: str
    # promotion_org / core_park -> leader, leader_phone, contact, contact_phone
    contacts: dict[str, dict[str, str]]
    # largest first: the top-10 revenue and R&D lists, the key projects' builders, the green factories
    enterprises: tuple[str, ...]
    product: str
    projects: tuple[str, ...]  # the key projects, one per enterprise
    platform_stem: str  # 技术创新中心 / 企业技术中心 names: {stem}{kind}{n}
    design_stem: str  # 工业设计中心 names: {stem}{n}号工业设计中心
    public_platform_stem: str
    aspects: tuple[str, ...]  # one sentence per aspect of the 2.8 instruction, in ASPECT_NAMES's order
    texts: dict[str, str]  # the other text blocks (3.2, 4.1, 4.2, 5.2, 4)
    opening: tuple[str, ...] = ()  # 2.8 paragraphs before the aspects
    summary: str = SUMMARY  # the 2.8 sentence of figures (see ``summary``)
    industry_field: str = "先进制造业"
    money: float = 1.0  # every 亿元 figure (tables and lists) times this


CHANGSHA = Cluster(
    name="长沙智能汽车产业集群", category="先进制造业集群", leading_industry="智能网联汽车", region="湖南省长沙市",
    org="长沙市智能汽车产业促进会", park="长沙经济技术开发区", park_industry="汽车及零部件", lead_unit="长沙市人民政府",
    contacts={"promotion_org": {"leader": "王建国 理事长", "leader_phone": "0731-88886666",
                                "contact": "李明 秘书长", "contact_phone": "13907310001"},
              "core_park": {"leader": "张伟 主任", "leader_phone": "0731-85550000",
                            "contact": "刘洋 科长", "contact_phone": "13807310002"}},
    enterprises=("湖南智行汽车股份有限公司", "长沙远航动力科技有限公司", "湘江电驱系统有限公司", "星城智能座舱有限公司",
                 "麓谷激光雷达科技有限公司", "岳麓底盘制造有限公司", "望城新材料有限公司", "浏河车联网科技有限公司",
                 "洞庭传感器有限公司", "橘洲精密部件有限公司"),
    product="汽车零部件", projects=tuple(f"智能制造升级项目{i + 1}期" for i in range(10)),
    platform_stem="湖南智能汽车", design_stem="星城", public_platform_stem="湖南省汽车零部件公共服务平台",
    aspects=ASPECT_TEXT,
    texts={"3.2": _text(ASPECT_TEXT[:4]), "4.1": "促进会由骨干企业、高校和园区共同发起成立。",
           "4.2": _text(ASPECT_TEXT[6:8]), "5.2": "第一部分：培育背景。\n第二部分：基础条件。",
           "4": _text(ASPECT_TEXT[6:9])},
)
LIUYANG = replace(CHANGSHA, name="浏阳市生物医药产业集群", category="中小企业特色产业集群", leading_industry="生物医药",
                  region="湖南省浏阳市", org="浏阳市生物医药产业集群促进中心", park="浏阳经济技术开发区",
                  park_industry="生物医药", lead_unit="浏阳市人民政府")


def _basic(c: Cluster) -> dict:
    return {
        "cluster_name": c.name, "industry_field": c.industry_field, "category": c.category,
        "leading_industry": c.leading_industry, "region": c.region,
        "promotion_org": {"name": c.org, **c.contacts["promotion_org"]},
        "core_park": {"name": c.park, **c.contacts["core_park"]},
    }


def _lists(scale: float, c: Cluster) -> dict[str, list[dict]]:
    names = c.enterprises
    revenue = [185.6, 142.3, 96.8, 71.2, 58.4, 44.9, 37.5, 30.1, 26.3, 21.7]
    return {
        "top10_revenue": [{"name": n, "product": c.product,
                           "revenue": [round(r * scale * 0.88, 1), round(r * scale, 1)],
                           "market_share": round(5.0 - i * 0.4, 1)}
                          for i, (n, r) in enumerate(zip(names, revenue, strict=True))],
        "key_projects": [{"builder": names[i], "project": c.projects[i], "investment": 52000 - i * 3000,
                          "period": "2022-2024"} for i in range(10)],
        "innovation_platforms": _platforms(c),
        "top10_rd": [{"name": n, "rd": [round(r * scale * 260), round(r * scale * 300)], "remark": ""}
                     for n, r in zip(names, revenue, strict=True)],
        "green_list": [{"name": f"{names[i % 10]}绿色工厂", "level": "国家级" if i < 3 else "省级",
                        "approver": "工业和信息化部" if i < 3 else "湖南省工业和信息化厅", "approved_on": "2022年1月"}
                       for i in range(9)],
        "public_platform_list": [{"name": f"{c.public_platform_stem}{i + 1}", "level": "省级",
                                  "approver": "湖南省工业和信息化厅", "approved_on": "2021年9月"} for i in range(6)],
    }


def _platforms(c: Cluster) -> list[dict]:
    """As many platforms of each level and kind as the 2.4 counts say (4 + 10 + 1 + 3)."""
    rows = []
    for level, kind, n in (("国家级", "技术创新中心", 4), ("省级", "企业技术中心", 10),
                           ("国家级", "工业设计中心", 1), ("省级", "工业设计中心", 3)):
        for i in range(n):
            if kind == "工业设计中心":
                name = f"{c.design_stem}{len(rows)}号工业设计中心"
            else:
                name = f"{c.platform_stem}{kind}{i + 1}"
            rows.append({"name": name, "level": level, "approved_on": "2021年6月", "approver": "湖南省工业和信息化厅"})
    return rows


def summary(fill: Fill, total_output: float | None = None, wording: str = SUMMARY) -> str:
    """A sentence of figures as applicants write them in 2.8, agreeing with the tables unless told.

    ``wording`` places the figures ({y} {total} {growth} {enterprises} {above_scale}). The figures it
    states are recorded on the fill (``statements``), as what a reader must find in it.
    """
    y = fill.years[1]
    v = fill.values
    total = f"{v['total_output'][1] if total_output is None else total_output:.1f}"
    growth = f"{round((v['total_output'][1] / v['total_output'][0] - 1) * 100, 1):.1f}"
    enterprises = f"{v['enterprises'][1]:.0f}"
    above_scale = f"{v['above_scale_enterprises'][1]:.0f}"
    sentence = wording.format(y=y, total=total, growth=growth, enterprises=enterprises, above_scale=above_scale)
    fill.statements[sentence] = [
        {"key": key, "kind": kind, "value": float(written), "decimals": len(written.partition(".")[2]),
         "year": y, "written": written}
        for key, kind, written in (("total_output", "value", total), ("total_output", "growth", growth),
                                   ("enterprises", "value", enterprises),
                                   ("above_scale_enterprises", "value", above_scale))]
    return sentence


def advanced(stage: str, layout: str, years: tuple[str, str] = ("2021", "2022"), cluster: Cluster = CHANGSHA) -> Fill:
    fill = _advanced(stage, layout, years, cluster)
    _rescale(fill, cluster.money)
    return fill


def _advanced(stage: str, layout: str, years: tuple[str, str], cluster: Cluster) -> Fill:
    spec: TemplateSpec = template_by_stage(stage)
    return Fill(
        spec=spec, layout=layout, years=years,
        basic=_basic(cluster),
        values={k: list(v) for k, v in ADVANCED_VALUES.items()},
        formats={"patents_per_10k": "decimal1"},
        cluster_values={k: list(v) for k, v in PARK_CLUSTER.items()},
        evidence={k: [10 + i] for i, k in enumerate(EVIDENCE_KEYS) if k != "patents_per_10k" or stage == "决赛"},
        fields={"park_name": cluster.park, "park_leading_industry": cluster.park_industry,
                "promotion_org_name": cluster.org, "lead_unit": cluster.lead_unit},
        lists=_lists(cluster.money, cluster),
        texts={"2.8": _text(cluster.opening + cluster.aspects), **cluster.texts},
        evidence_appendix=["1. 上市企业名单（第10页）", "2. 单项冠军企业认定文件（第11-12页）"],
        aspects=dict(zip(ASPECT_NAMES, cluster.aspects, strict=True)),
    )


SME_MONEY = 0.035


def sme(stage: str, layout: str, years: tuple[str, str] = ("2021", "2022"), cluster: Cluster = LIUYANG) -> Fill:
    fill = _advanced(stage, layout, years, cluster)
    _scale_money(fill, SME_MONEY)
    fill.values.update({
        "sme_output_share": [78.5, 80.2], "national_champions": [1, 1], "provincial_champions": [2, 3],
        "little_giants": [2, 3], "rd_growth": [11.0, 16.3], "target_total_output": [46.4, 52.0, 58.0, 65.0],
        "target_leading_revenue": [42.0, 47.0, 52.0, 58.0],
    })
    fill.lists = _lists(SME_MONEY * 1.5 * cluster.money, cluster)
    fill.values.update({"investment_intensity": [3.2], "tax_per_mu": [0.8]})
    _rescale(fill, cluster.money)
    return fill


def _scale_money(fill: Fill, factor: float) -> None:
    """Every 亿元 figure of the tables (and 3.1's cluster share) times ``factor``, to one decimal."""
    for t in fill.spec.indicator_tables:
        for row in t.rows:
            if row.unit in ("亿元",) and fill.values.get(row.key):
                fill.values[row.key] = [None if v is None else round(v * factor, 1) for v in fill.values[row.key]]
                if row.key in fill.cluster_values:
                    fill.cluster_values[row.key] = [round(v * factor, 1) for v in fill.cluster_values[row.key]]


def _rescale(fill: Fill, money: float) -> None:
    """A cluster of another size: its 亿元 figures scaled, and the rates that follow from them recomputed
    (研发经费增速, 投资强度, 亩均税收), so the figures still agree with each other."""
    if money == 1.0:
        return
    _scale_money(fill, money)
    v = fill.values
    area = v["park_area"][0] or 1
    v["investment_intensity"] = [round(v["park_fixed_investment"][1] / area * 10000, 1)]
    v["tax_per_mu"] = [round(v["park_tax"][1] / area * 10000, 1)]
    rd = v["rd_spending"]
    v["rd_growth"] = [v["rd_growth"][0], round((rd[1] / rd[0] - 1) * 100, 1)]


def issue(fill: Fill, code: str, section: str | None, field: str | None) -> None:
    fill.expected_issues.append({"code": code, "section": section, "field": field})
