"""Evidence appendices built for the tests, as a reviewer would find them: one page per cited row (a
ministry's list or a certificate naming as many enterprises as the row claims), the other pages a
business licence, each page numbered at its foot ("— 12 —"). Written with reportlab's own Chinese font
(no system font needed); pdfium reads their text layer."""

from __future__ import annotations

from pathlib import Path

# What the row's page shows: heading, the words and issuer a real one carries (row key → lines).
SHOWS = {
    "listed_enterprises": ["上市和挂牌企业名单", "证券代码"],
    "national_champions": ["第七批制造业单项冠军示范企业名单", "工业和信息化部 中国工业经济联合会"],
    "provincial_champions": ["湖南省制造业单项冠军企业名单", "湖南省工业和信息化厅"],
    "little_giants": ["第四批专精特新“小巨人”企业名单", "工业和信息化部"],
    "provincial_specialized": ["湖南省专精特新中小企业名单", "湖南省工业和信息化厅"],
    "integration_certified": ["两化融合管理体系评定证书", "评定机构"],
    "standards": ["参与制定的国家标准、行业标准、团体标准", "标准编号"],
    "national_st_awards": ["国家科学技术进步奖证书", "国务院"],
    "provincial_st_awards": ["湖南省科学技术进步奖证书", "湖南省人民政府"],
    "national_innovation_platforms": ["国家企业技术中心名单", "国家发展改革委"],
    "provincial_innovation_platforms": ["湖南省企业技术中心名单", "湖南省工业和信息化厅"],
    "national_design_centers": ["国家级工业设计中心名单", "工业和信息化部"],
    "provincial_design_centers": ["湖南省工业设计中心名单", "湖南省工业和信息化厅"],
    "green_count": ["绿色工厂名单", "工业和信息化部办公厅"],
    "three_system_certified": ["质量管理体系、环境管理体系、职业健康安全管理体系认证证书清单", "认证机构"],
    "public_platforms": ["省级中小企业公共服务平台名单", "湖南省工业和信息化厅"],
}
FILLER = ["营业执照（副本）", "统一社会信用代码 登记机关 市场监督管理局"]
_CITIES = "长株湘衡邵岳常张益郴永怀娄"


def names(key: str, count: int) -> list[str]:
    """``count`` enterprise names, none shared with another row's."""
    tag = sorted(SHOWS).index(key)
    return [f"湖南{_CITIES[i % len(_CITIES)]}{tag}号{i}科技有限公司" for i in range(count)]


# Rows whose pages should name what the report's lists give (the template's names_from, EA004).
NAMED = {"green_count", "national_innovation_platforms", "provincial_innovation_platforms",
         "national_design_centers", "provincial_design_centers", "public_platforms"}
LISTS = ("green_list", "innovation_platforms", "public_platform_list")


def page_for(key: str, count: int, listed: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The page of a row: its heading and words, the names the report lists (``listed``, for the rows in
    NAMED), and as many more enterprises as its figure needs."""
    shown = list(listed) if key in NAMED else []
    return [*SHOWS[key], *shown, *names(key, max(0, count - len(shown)))]


def write_appendix(path: Path, pages: list[list[str] | None], numbers: list[int | None], body: int = 8) -> Path:
    """One page per entry of ``pages`` (its lines; None for a blank page; the first line a heading, the
    others in ``body`` points), numbered ``numbers`` at the foot (None: no number)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    sheet = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for lines, number in zip(pages, numbers, strict=True):
        y = height - 72
        for i, line in enumerate(lines or []):
            size = 16 if i == 0 else body
            sheet.setFont("STSong-Light", size)
            per_line = int(470 / size)
            for start in range(0, len(line), per_line):
                sheet.drawString(60, y, line[start:start + per_line])
                y -= size + 4
        if number is not None:
            sheet.setFont("STSong-Light", 10)
            sheet.drawCentredString(width / 2, 36, f"— {number} —")
        sheet.showPage()
    sheet.save()
    return path
