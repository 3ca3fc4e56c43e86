"""Three reports for ``reportcheck batch`` (samples/batch/): clusters of their own that, unlike the main
samples, share nothing with each other — except what is planted between A and B for the cross-report
findings, recorded in expected_cross.json:

- BT001: a 2.8 paragraph of A copied into B with one character changed,
- BT002: one enterprise in both top-10 revenue lists,
- BT003: one key project (项目名称) in both 2.3 tables,
- BT004: one mobile number, A's promotion-organisation contact's and B's core-park leader's.

C shares nothing with A or B. Each is a clean report for the single-file checks. Places count from 1:
a text block's paragraphs without the template's instruction, a list table's rows without its header.
"""

from __future__ import annotations

from .data import Cluster, advanced, issue, sme, summary
from .fill import Fill

ZHUZHOU = Cluster(
    name="株洲轨道交通装备产业集群", category="先进制造业集群", leading_industry="轨道交通装备",
    region="湖南省株洲市", org="株洲市轨道交通装备产业协会", park="株洲高新技术产业开发区",
    park_industry="轨道交通装备", lead_unit="株洲市人民政府",
    contacts={"promotion_org": {"leader": "陈志刚 会长", "leader_phone": "0731-22886701",
                                "contact": "周敏 秘书长", "contact_phone": "13973310086"},
              "core_park": {"leader": "黄建平 主任", "leader_phone": "0731-28830520",
                            "contact": "谭晓燕 科长", "contact_phone": "13787320415"}},
    enterprises=("株洲中轨电力机车股份有限公司", "湘渌牵引电传动有限公司", "株洲时泰轨道车辆有限公司",
                 "石峰制动系统有限公司", "荷塘轨道减振科技有限公司", "天元列车网络控制有限公司",
                 "炎陵车体铝材有限公司", "芦淞轨道连接器有限公司", "醴陵高铁绝缘子有限公司", "攸县轨道紧固件有限公司"),
    product="轨道交通装备及部件",
    projects=("新一代智能动车组总装基地项目", "永磁牵引电机扩能项目", "铝合金车体智能产线项目",
              "列车网络控制系统研发中心项目", "轨道减振降噪材料产业化项目", "制动系统数字化车间项目",
              "轨道车辆连接器扩产项目", "高铁绝缘子智能制造项目", "轨道交通检测认证平台项目",
              "轨道紧固件绿色工厂改造项目"),
    platform_stem="株洲轨道交通", design_stem="田心", public_platform_stem="株洲市轨道交通装备公共服务平台",
    summary=("{y}年，集群实现总产值{total}亿元，比上年增长{growth}%；拥有集群企业{enterprises}家，"
             "其中规上工业企业{above_scale}家。"),
    aspects=(
        "产业基础方面，集群形成了从整车、牵引传动、网络控制、车体材料到检测认证的完整链条，电力机车产品远销亚欧多国，"
        "品牌认可度居行业前列。",
        "规模工业培育方面，对拟升规企业实行一企一策、按季调度，帮助一批配套企业跨过规模以上门槛，大中小企业梯队更加完整。",
        "创新能力方面，集群依托国家级轨道交通装备创新平台，联合高校组建永磁牵引、碳化硅变流和列车智能运维攻关团队，"
        "突破一批关键核心技术，主持和参与制定多项国际标准。",
        "要素集聚方面，轨道交通职业教育联盟持续为企业输送技能人才，产业基金与科技贷款联动支持配套企业扩产，本地配套率明显提高。",
        "绿色发展方面，整车和部件企业推广光伏屋顶与余热回收，轻量化铝合金车体和可回收内饰材料进入批量应用，"
        "绿色供应链管理向二级供应商延伸。",
        "数字化方面，龙头企业建成转向架和牵引电机智能产线，工业互联网平台汇集设备运行数据，用于预测性维护和质量追溯。",
        "公共服务方面，协会牵头搭建检验检测、知识产权和标准信息服务平台，为中小配套企业提供型式试验和认证辅导。",
        "开放合作方面，集群企业承接海外城轨和机车订单，在东南亚设立维保中心，并与长株潭其他园区开展区域合作、共享试验线资源。",
        "组织保障方面，市里成立由分管副市长任组长的集群发展领导小组，实行“链长+盟长+行长”工作推进机制，每季度召开一次调度会，"
        "协调解决企业用地、用工、融资等难题，专项扶持政策逐条明确责任单位和完成时限。",
    ),
    texts={
        "3.2": "\n".join((
            "株洲高新技术产业开发区是集群的核心承载园区，规划建设轨道交通城，集中布局整车、核心部件和试验检测功能区。",
            "项目建设上，园区推行项目专班和容缺受理，重点项目从签约到开工的时间大幅压缩。",
            "企业服务上，园区设立产业服务站，为配套企业提供用地、用工、融资和通关的一站式办理。",
            "下一步，园区将围绕智能运维和新型储能拓展应用场景，推动集群向高端化、智能化、绿色化迈进。")),
        "4.1": ("株洲市轨道交通装备产业协会由整车企业、配套企业和科研院所共同发起，设理事会和秘书处，"
                "秘书处配备专职人员。"),
        "4.2": ("协会定期组织供需对接会，推动本地配套采购；组织企业参加国际轨道交通展，"
                "并代表集群开展标准研究和人才培训。"),
        "5.2": "第一部分：轨道交通装备产业发展现状。\n第二部分：总体思路与目标。\n第三部分：重点任务与保障措施。",
        "4": "协会在初赛后牵头组建轨道交通装备产业链联盟，推动整车企业向本地配套企业开放采购清单。",
    },
    money=0.86,
)

HENGYANG = Cluster(
    name="衡阳输变电装备产业集群", category="中小企业特色产业集群", leading_industry="输变电装备",
    region="湖南省衡阳市", org="衡阳市输变电装备产业联盟", park="衡阳高新技术产业开发区",
    park_industry="输变电装备", lead_unit="衡阳市人民政府",
    contacts={"promotion_org": {"leader": "罗永红 理事长", "leader_phone": "0734-8226610",
                                "contact": "彭丽娟 秘书长", "contact_phone": "13807345210"},
              "core_park": {"leader": "蒋卫东 主任", "leader_phone": "0734-8852316",
                            "contact": "曾凡 科长", "contact_phone": "13574712368"}},
    enterprises=("衡阳雁峰变压器有限公司", "蒸湘互感器制造有限公司", "耒水开关设备有限公司", "石鼓电力金具有限公司",
                 "珠晖绝缘材料有限公司", "南岳智能电网科技有限公司", "祁东电缆附件有限公司", "常宁电瓷有限公司",
                 "衡东电力仪表有限公司", "衡南配电箱柜有限公司"),
    product="输变电设备",
    projects=("特高压变压器扩能项目", "智能互感器生产线项目", "环保气体开关柜项目", "电力金具智能锻造项目",
              "绝缘材料新材料项目", "智能电网终端研发中心项目", "电缆附件扩产项目", "高压电瓷窑炉改造项目",
              "电力仪表数字化车间项目", "配电箱柜智能工厂项目"),
    platform_stem="衡阳输变电", design_stem="雁城", public_platform_stem="衡阳市输变电装备公共服务平台",
    summary="{y}年，集群完成总产值{total}亿元，增长{growth}%，集群企业达到{enterprises}家，规上工业企业{above_scale}家。",
    opening=("衡阳输变电装备产业集群以变压器、互感器和开关设备为主导，集聚了一批专精特新中小企业，产品覆盖发电、输电、配电各环节。",),
    aspects=(
        "从产业基础看，集群变压器产品覆盖主要电压等级，互感器和电力金具在国内细分市场具有较强竞争力，“衡变”区域品牌逐步打响。",
        "从规模工业培育看，市里建立规上企业后备库，对首次升规企业给予一次性奖励，中小配套企业成长速度明显加快。",
        "从创新能力看，集群企业与高校共建高电压试验室和绝缘材料联合实验室，研发投入强度逐年提高，在干式变压器和智能开关领域形成一批自主技术。",
        "从要素集聚看，本地职业院校开设电气装备订单班，金融机构推出“订单贷”，铜材、硅钢等原材料集中采购降低了企业成本。",
        "从绿色发展看，企业推广低损耗节能变压器和环保型绝缘油，园区建设集中喷涂中心，绿色工厂创建覆盖重点企业。",
        "从数字化看，骨干企业实施智能化改造，线圈绕制和装配环节引入机器人，企业上云和设备联网比例持续提升。",
        "从公共服务看，产业联盟运营电气产品检测服务平台，承接中小企业的型式试验委托，并提供招投标和资质申报辅导。",
        "从开放合作看，集群产品随电网工程进入东南亚和非洲市场，企业与粤港澳大湾区客户开展区域合作，对外贸易稳步扩大。",
        "从组织保障看，县市区分别明确一名负责同志联系集群，形成市县联动的工作推进机制，服务企业的问题清单实行销号管理。",
    ),
    texts={
        "3.2": "\n".join((
            "衡阳高新技术产业开发区是集群核心承载园区，输变电装备产业园集中了集群主要的变压器和开关设备企业。",
            "招商引资上，园区围绕绝缘材料、电工钢加工等薄弱环节开展补链招商，引进的配套项目大多已建成投产。",
            "要素保障上，园区建设标准厂房供中小企业拎包入驻，并配套人才公寓和职工食堂。",
            "下一步，园区将推进高压试验中心建设，帮助企业缩短新产品认证周期。")),
        "4.1": "衡阳市输变电装备产业联盟由骨干企业牵头、园区和检测机构参与组建，理事长由龙头企业负责人担任。",
        "4.2": "联盟组织会员企业联合参与电网招标，开展质量对标和技能竞赛，定期发布原材料价格和市场需求信息。",
        "5.2": "第一部分：集群发展基础与问题。\n第二部分：发展目标与重点任务。\n第三部分：政策措施。",
        "4": "联盟在初赛后组织会员企业联合攻关智能配电产品，并为中小企业对接电网采购平台。",
    },
    money=1.3,
)

YIYANG = Cluster(
    name="益阳电子电路板产业集群", category="先进制造业集群", leading_industry="电子电路板",
    region="湖南省益阳市", org="益阳市电子电路行业协会", park="益阳高新技术产业开发区",
    park_industry="电子信息", lead_unit="益阳市人民政府",
    contacts={"promotion_org": {"leader": "何志强 会长", "leader_phone": "0737-4221368",
                                "contact": "邓小红 秘书长", "contact_phone": "13975715820"},
              "core_park": {"leader": "夏文斌 主任", "leader_phone": "0737-6205516",
                            "contact": "刘畅 科长", "contact_phone": "18673712046"}},
    enterprises=("益阳资江电路科技有限公司", "赫山多层线路板有限公司", "桃花仑覆铜板有限公司", "沅江柔性电路有限公司",
                 "安化电子化学品有限公司", "会龙山封装基板有限公司", "鱼形山精密模具有限公司", "龙岭高频板材有限公司",
                 "兰溪电子铜箔有限公司", "清溪电路检测技术有限公司"),
    product="印制电路板及材料",
    projects=("高多层印制电路板扩产项目", "封装基板产业化项目", "柔性电路板智能工厂项目", "高频高速覆铜板项目",
              "电子化学品配套项目", "线路板电镀废水资源化项目", "精密模具研发中心项目", "高频板材技改项目",
              "电解铜箔扩能项目", "电路板可靠性检测中心项目"),
    platform_stem="益阳电子电路", design_stem="资阳", public_platform_stem="益阳市电子电路公共服务平台",
    summary="{y}年集群工业总产值{total}亿元，同比增长{growth}%；集群企业{enterprises}家，其中规上企业{above_scale}家。",
    aspects=(
        "聚焦产业基础，集群形成覆铜板、多层线路板、柔性电路和封装基板协同发展的格局，产品配套消费电子、汽车电子和通信设备。",
        "聚焦规模工业培育，对成长型电路板企业实行升规入统跟踪服务，规上企业队伍不断壮大，龙头企业带动作用增强。",
        "聚焦创新能力，企业与高校共建高频高速材料研究院，研发方向集中在高多层板、任意层互连和载板工艺。",
        "聚焦要素集聚，园区引进电子化学品、铜箔和钻针等上游配套，人才实训基地与政府性融资担保为企业扩产提供支撑。",
        "聚焦绿色发展，集群推行电镀废水集中处理和铜资源回收，多家企业创建绿色工厂，单位产值能耗持续下降。",
        "聚焦数字化，线路板企业建设数字化车间，自动光学检测和制造执行系统全面应用，生产数据实时上传工业互联网平台。",
        "聚焦公共服务，行业协会运营电子电路检测与失效分析公共服务平台，为中小企业提供可靠性测试和技术咨询。",
        "聚焦开放合作，集群对接珠三角电子信息产业转移，引进一批外资企业，产品销往日韩及东南亚，国际化合作不断加深。",
        "聚焦组织保障，益阳市建立电子信息产业链链长制，定期召开产业链推进会，土地、能耗指标优先保障重点项目。",
    ),
    texts={
        "3.2": "\n".join((
            "益阳高新技术产业开发区以电子信息为首位产业，建成电子电路产业园和配套的污水集中处理设施。",
            "初赛胜出后，园区加快重点项目建设，推动高多层板和封装基板项目投产，营商环境评价位居全省前列。",
            "下一步，园区将完善电子化学品仓储和危废处置配套，吸引更多上下游企业落户。")),
        "4.1": "益阳市电子电路行业协会由线路板生产企业和材料供应商组成，秘书处设在高新区。",
        "4.2": "协会组织企业开展产能共享和联合采购，编制行业运行监测报告。",
        "5.2": "第一部分：电子电路产业现状与优势。\n第二部分：培育目标。\n第三部分：主要举措。",
        "4": "\n".join((
            "益阳市电子电路行业协会在初赛后组织企业赴珠三角开展产业链招商，建立会员企业产能共享机制，协助企业申报各级技术创新载体。",
            "协会还联合职业院校开展线路板操作工培训，并定期发布行业运行监测报告。")),
    },
    money=0.42,
)

SHARED_ENTERPRISE = "湖南天缆特种电缆股份有限公司"
SHARED_PROJECT = "轨道交通牵引变压器智能制造基地项目"
COPIED_ASPECT = "组织保障"
COPY_EDIT = ("一次", "两次")  # the one character B changed in the paragraph it copied

TOP10 = "2.2 营业收入排名前十企业发展情况"
PROJECTS = "2.3 集群重点项目建设情况"
GROUPS = {"promotion_org": "集群促进组织", "core_park": "集群核心承载园区"}
PHONES = {"leader_phone": ("leader", "负责人电话"), "contact_phone": ("contact", "联系人电话")}


def batch_samples() -> tuple[dict[str, Fill], list[dict]]:
    """The three reports, and the cross-report findings planted between them."""
    fills = {"batch_a": advanced("初赛", "split", cluster=ZHUZHOU),
             "batch_b": sme("初赛", "merged", cluster=HENGYANG),
             "batch_c": advanced("决赛", "split", ("2022", "2023"), cluster=YIYANG)}
    for fill, cluster in zip(fills.values(), (ZHUZHOU, HENGYANG, YIYANG), strict=True):
        fill.texts["2.8"] = summary(fill, wording=cluster.summary) + "\n" + fill.texts["2.8"]
        issue(fill, "EL008", "1", "参赛条件")
    a, b = fills["batch_a"], fills["batch_b"]
    files = ["batch_a.docx", "batch_b.docx"]
    cross = [
        dict(code="BT001", files=files, **_copy_paragraph(a, b, COPIED_ASPECT, COPY_EDIT)),
        dict(code="BT002", files=files, **_share_list_name(a, 4, b, 7, "top10_revenue", "name", SHARED_ENTERPRISE,
                                                           TOP10)),
        dict(code="BT003", files=files, **_share_list_name(a, 2, b, 1, "key_projects", "project", SHARED_PROJECT,
                                                           PROJECTS)),
        dict(code="BT004", files=files, **_share_phone(a, ("promotion_org", "contact_phone"),
                                                       b, ("core_park", "leader_phone"))),
    ]
    return fills, cross


def _paragraph_no(fill: Fill, block: str, text: str) -> int:
    return fill.texts[block].split("\n").index(text) + 1


def _copy_paragraph(a: Fill, b: Fill, aspect: str, edit: tuple[str, str]) -> dict:
    """B's 2.8 paragraph on ``aspect`` replaced by A's, with ``edit`` (old, new) made once."""
    original = a.aspects[aspect]
    old, new = edit
    assert original.count(old) == 1 and len(old) == len(new)
    copy = original.replace(old, new)
    lines = b.texts["2.8"].split("\n")
    lines[lines.index(b.aspects[aspect])] = copy
    b.texts["2.8"] = "\n".join(lines)
    b.aspects[aspect] = copy
    return {"what": original, "texts": [original, copy],
            "places": [f"2.8 第{_paragraph_no(a, '2.8', original)}段", f"2.8 第{_paragraph_no(b, '2.8', copy)}段"]}


def _share_list_name(a: Fill, row_a: int, b: Fill, row_b: int, list_id: str, column: str, name: str,
                     title: str) -> dict:
    """``name`` written in ``column`` of row ``row_a`` of A's list and row ``row_b`` of B's (rows from 1)."""
    for fill, row in ((a, row_a), (b, row_b)):
        fill.lists[list_id][row - 1][column] = name
    return {"what": name, "places": [f"{title} 第{row_a}行", f"{title} 第{row_b}行"]}


def _share_phone(a: Fill, where_a: tuple[str, str], b: Fill, where_b: tuple[str, str]) -> dict:
    """B's phone at ``where_b`` (group, phone key) made A's at ``where_a``; the people stay different."""
    phone = a.basic[where_a[0]][where_a[1]]
    b.basic[where_b[0]][where_b[1]] = phone
    people, places = [], []
    for fill, (group, key) in ((a, where_a), (b, where_b)):
        person, label = PHONES[key]
        people.append(fill.basic[group][person])
        places.append(f"一、集群基本信息 {GROUPS[group]} {label}")
    assert people[0] != people[1]
    return {"what": phone, "people": people, "places": places}
