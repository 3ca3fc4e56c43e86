"""The evidence appendix checked against the rows that cite it (``check --evidence``): the cited page
exists, shows what the row claims, holds as many items as the row counts, and one page is not cited for
unrelated rows. What a page must show is the template's (a row's ``proof``: 单项冠军 with
工业和信息化部 …). A page read in doubt (an image OCR could not read, a blank page) grounds nothing: the
row says once that it cannot be verified. No rule here runs when the appendix was not asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from reportcheck.catalogue import IssueType
from reportcheck.model import Evidence, EvidencePage, Indicator, Issue, Loc, Report
from reportcheck.normalize.text import comparable
from reportcheck.rules.base import Rule, RulePack, form_row

if TYPE_CHECKING:  # the rules load without the specs
    from reportcheck.spec import ProofSpec

_SOURCE = "参赛报告模板：需提供佐证材料，并标注所在页码"
_FORM = frozenset({"form"})
PAGE_ABSENT = IssueType(
    "EA001", "evidence.page-absent", "warning",
    "“{label}”标注的佐证材料第{page}页在佐证材料中找不到（{where}）。请核对页码，或补齐该页。",
    _SOURCE, tags=_FORM)
PAGE_UNRELATED = IssueType(
    "EA002", "evidence.page-unrelated", "warning",
    "“{label}”标注的佐证材料第{pages}页未见{missing}（{about}）。请核对页码是否标错。",
    _SOURCE, tags=_FORM)
ITEMS_SHORT = IssueType(
    "EA003", "evidence.items-short", "warning",
    "“{label}”{year}年填报{claimed:g}个，但标注的佐证材料第{pages}页只见{found}项相关材料（{how}）。"
    "请补齐佐证材料或核对数值。",
    _SOURCE, tags=_FORM)
NAME_ABSENT = IssueType(
    "EA004", "evidence.name-absent", "info",
    "“{label}”标注的佐证材料第{pages}页上未见报告名单中的{names}（共{count}个）。请核对佐证材料是否齐全。",
    _SOURCE, tags=_FORM)
PAGE_SHARED = IssueType(
    "EA005", "evidence.page-shared", "info",
    "佐证材料第{page}页同时被“{first}”和“{second}”标注，{related}。请核对页码。",
    _SOURCE, tags=_FORM)
MOSTLY_ABSENT = IssueType(
    "EA007", "evidence.mostly-absent", "warning",
    "标注了佐证页的{rows}行中，有{absent}行标注的页在佐证材料中找不到（{where}）。佐证材料可能不全、未随报告提交，"
    "或页码另有编法，请核对；未逐行列出。",
    _SOURCE, description="多数行标注的页都找不到时，由EA001给出一次，代替逐行的EA001", tags=_FORM)
MOSTLY_UNRELATED = IssueType(
    "EA006", "evidence.mostly-unrelated", "warning",
    "标注了佐证页的{judged}行中，有{unrelated}行标注的页与该行无关（{how}）。可能是报告标注的页码与佐证材料的页码"
    "不一致，请核对页码；未逐行列出。",
    _SOURCE, description="多数行的佐证页都与该行无关时，由EA002给出一次，代替逐行的EA002",
    tags=_FORM)
CANNOT_VERIFY = IssueType(
    "EA009", "evidence.cannot-verify", "info",
    "“{label}”标注的佐证材料第{pages}页无法核对：{why}。请人工核对。",
    _SOURCE, description="佐证页读不出或读得不确定（图片无法识别、空白页、识别不确定的行、文字识别读出的个数略少于"
                         "填报数），由需要它的EA规则给出",
    tags=frozenset({"form", "cannot-verify"}))
APPENDIX_UNREADABLE = IssueType(
    "EA010", "evidence.appendix-unreadable", "info",
    "佐证材料（{files}）无法读取，未核对佐证页：{why}。",
    _SOURCE, description="佐证材料文件打不开（损坏、设有密码、超过限制），由EA001给出一次",
    tags=frozenset({"form", "cannot-verify"}))

_OCR_NAME_MATCH = 85  # rapidfuzz partial ratio: a name OCR read with a character wrong is still found
_OCR_SHORT = 0.75  # on pages read by OCR, a count short of the claim by less than a quarter may be OCR's
_SUSPECT_ROWS, _SUSPECT_SHARE = 3, 0.6  # unrelated rows that make the numbering, not the report, suspect
_NAME = re.compile(r"[\u4e00-\u9fffA-Z0-9（）()]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团公司|研究院|研究所)")


def _cited(report: Report) -> Iterator[tuple[Indicator, ProofSpec | None, list[EvidencePage]]]:
    """Each row citing pages, its proof, and its cited pages as the appendix gave them."""
    evidence = report.evidence
    assert evidence is not None
    for ind in report.indicators:
        if ind.evidence_pages:
            row = form_row(report, ind.key)
            pages = [p for n in ind.evidence_pages if (p := evidence.page(n)) is not None]
            yield ind, row.proof if row is not None else None, pages


def _cell(ind: Indicator, pages: list[EvidencePage]) -> Loc | None:
    """Where the row writes its first such page: the comment goes on that cell."""
    return ind.at(f"page:{pages[0].cited}")


def _pages(pages: list[EvidencePage]) -> str:
    return "、".join(str(p.cited) for p in pages)


def _shows(page: EvidencePage, proof: ProofSpec) -> bool:
    return _has_word(page, proof) and (not proof.issuers or any(w.upper() in page.text for w in proof.issuers))


def _has_word(page: EvidencePage, proof: ProofSpec) -> bool:
    return any(w.upper() in page.text for w in proof.words)


def _where(evidence: Evidence) -> str:
    last = evidence.first + evidence.sheets - 1
    if evidence.numbering == "printed":
        return f"佐证材料共{evidence.sheets}页，按页面上印的页码为第{evidence.first}～{last}页"
    return f"佐证材料共{evidence.sheets}页，未见印刷页码，按页序计为第{evidence.first}～{last}页"


def check_pages_exist(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """标注的佐证页须在佐证材料中存在：按页面上印的页码查找；页面没有页码时按页序计（报告自带的佐证材料从报告
    第1页计，单独的佐证材料文件从报告写明的佐证材料起始页计，未写明从1计），消息说明按哪种方式。佐证材料文件无法
    打开时只说明一次（EA010）；多数行（至少3行、六成）标注的页都找不到时，也只给一条（EA007）。

    反例：国家级单项冠军数量标注P45，佐证材料印有第10～40页。正例：标注P12，第12页存在。
    """
    evidence = report.evidence
    if evidence is None:
        return
    if evidence.doubt is not None:
        yield APPENDIX_UNREADABLE.issue(section=None, field="佐证材料", files="、".join(evidence.files),
                                        why=evidence.doubt)
        return
    absent = [(ind, n) for ind in report.indicators for n in dict.fromkeys(ind.evidence_pages)
              if (page := evidence.page(n)) is not None and page.file is None]
    rows = sum(1 for ind in report.indicators if ind.evidence_pages)
    absent_rows = len({ind.key for ind, _ in absent})
    if absent_rows >= _SUSPECT_ROWS and absent_rows >= _SUSPECT_SHARE * rows:
        yield MOSTLY_ABSENT.issue(section=None, field="佐证材料", rows=rows, absent=absent_rows,
                                  where=_where(evidence))
        return
    for ind, number in absent:
        yield rule.type.issue(section=ind.section, field=ind.label, location=ind.at(f"page:{number}"),
                              label=ind.label, page=number, where=_where(evidence))


def _judged(report: Report) -> list[tuple[Indicator, ProofSpec, list[EvidencePage], bool]]:
    """Each row whose cited pages were all found and read: (row, proof, pages, whether one shows it). A
    row none of whose pages shows it, one of them with lines OCR could not read surely, is not judged."""
    out = []
    for ind, proof, pages in _cited(report):
        found = [p for p in pages if p.file is not None]
        if proof is None or not found or any(p.doubt for p in found):
            continue
        shows = any(_shows(p, proof) for p in found)
        if shows or not any(p.unsure for p in found):
            out.append((ind, proof, found, shows))
    return out


def _unsure(report: Report) -> Iterator[tuple[Indicator, list[EvidencePage], str]]:
    """Rows that cannot be judged, with their pages in doubt and why."""
    for ind, proof, pages in _cited(report):
        found = [p for p in pages if p.file is not None]
        doubtful = [p for p in found if p.doubt is not None]
        if doubtful:
            yield ind, doubtful, doubtful[0].doubt or ""
        elif proof is not None and found and not any(_shows(p, proof) for p in found) and any(p.unsure for p in found):
            unsure = [p for p in found if p.unsure]
            yield ind, unsure, f"页上有{sum(p.unsure for p in unsure)}行文字识别不确定，未见的字样可能就在其中"


def _suspect(judged: list[tuple[Indicator, ProofSpec, list[EvidencePage], bool]]) -> bool:
    """Whether most rows' pages are unrelated (at least 3 rows, six in ten): then the pages the report
    numbers are more likely not the pages found (a cover in front, another numbering) than all wrong."""
    unrelated = sum(1 for *_, shows in judged if not shows)
    return unrelated >= _SUSPECT_ROWS and unrelated >= _SUSPECT_SHARE * len(judged)


def check_pages_related(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """标注的佐证页应与该行相关：至少一页出现模板为该行规定的字样（如“单项冠军”），规定了发文单位的（国家级、
    省级单项冠军）还须出现发文单位。该行标注的页有读不出的（图片无法识别、空白页）时不下结论，只提示无法核对
    （EA009）。多数行（至少3行、六成）都不相关时，更可能是页码对不上而非材料都错了：只给一条EA006，其余佐证
    规则不再逐行判断。

    反例：国家级单项冠军数量标注P12，第12页是绿色工厂名单。正例：第12页是工业和信息化部的单项冠军证书。
    """
    evidence = report.evidence
    if evidence is None or evidence.doubt is not None:
        return
    judged = _judged(report)
    if _suspect(judged):
        how = "按页面上印的页码" if evidence.numbering == "printed" else "佐证材料未见印刷页码，按页序计"
        yield MOSTLY_UNRELATED.issue(section=None, field="佐证材料", judged=len(judged),
                                     unrelated=sum(1 for *_, shows in judged if not shows), how=how)
        return
    for ind, pages, why in _unsure(report):
        yield CANNOT_VERIFY.issue(section=ind.section, field=ind.label, location=_cell(ind, pages),
                                  label=ind.label, pages=_pages(pages), why=why)
    for ind, proof, found, shows in judged:
        if not shows:
            yield _unrelated(rule, ind, proof, found)


def _unrelated(rule: Rule, ind: Indicator, proof: ProofSpec, found: list[EvidencePage]) -> Issue:
    words = "、".join(f"“{w}”" for w in proof.words[:4])
    if any(_has_word(p, proof) for p in found):
        missing = "发文单位" + "、".join(f"“{w}”" for w in proof.issuers[:2])
    else:
        missing = f"与本行相关的字样（如{words}）"
    about = f"该页标题为“{found[0].heading}”" if found[0].heading else "该页没有标题"
    return rule.type.issue(section=ind.section, field=ind.label, location=_cell(ind, found),
                           label=ind.label, pages=_pages(found), missing=missing, about=about)


def check_item_count(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """标注的佐证页上的材料应不少于该行填报的个数（最近一年）：出现相关字样的每页算一项，页上列出多家企业的
    （名单、公告）按其中企业名称的个数算，列出报告名单中的载体、平台的按其中名单名称的个数算。文字识别读出的页，企业名称可能漏识别：少于填报数四分之一以上才判断，
    差得少、或页上有识别不确定的行时，只提示无法确认（EA009）。有页读不出、数值存疑、本行不按个数计（如每万人
    专利拥有量），或多数行的佐证页都对不上（EA006）时不判断。

    反例：国家级专精特新“小巨人”企业数量填11个，只标注1页证书。正例：标注P13-P23，11页各为一家企业的证书。
    """
    if report.evidence is None or report.evidence.doubt is not None:
        return
    judged = _judged(report)
    if _suspect(judged):
        return
    for ind, proof, found, _ in judged:
        latest = ind.latest()
        related = [p for p in found if _shows(p, proof)]
        if not proof.counted or latest is None or not related:
            continue  # nothing related at all is EA002's
        year, claimed = latest
        listed = _listed(report, proof)
        items = sum(max(1, len(set(_NAME.findall(p.text))), sum(_on_page(n, p, proof) for n in listed))
                    for p in related)
        if items >= claimed:
            continue
        how = (f"{len(related)}页相关，页上企业名称{items}个" if items > len(related)
               else f"{len(related)}页相关，每页计一项")
        ocr = [p for p in related if p.read_by == "ocr"]
        unsure = sum(p.unsure for p in found)
        if unsure or (ocr and items >= _OCR_SHORT * claimed):
            why = (f"文字识别读出{items}项（{how}），少于填报的{claimed:g}个，"
                   + (f"但有{unsure}行识别不确定" if unsure else "可能有漏识别"))
            yield CANNOT_VERIFY.issue(section=ind.section, field=ind.label, location=_cell(ind, found),
                                      label=ind.label, pages=_pages(found), why=why)
            continue
        yield rule.type.issue(section=ind.section, field=ind.label, location=_cell(ind, found),
                              label=ind.label, year=year, claimed=claimed, pages=_pages(found), found=items,
                              how=how + ("，文字识别" if ocr else ""))


def check_names_on_pages(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """报告名单（绿色工厂、技术创新载体、公共服务平台）列出的名称，应出现在对应指标行标注的佐证页上（模板为该行
    规定了名单、级别，名称须含该行的字样：技术中心、工业设计中心……）。只在佐证页与该行相关、每页都读得确定时
    判断；文字识别读出的页按相似度（≥85，约错一字）查找。

    反例：绿色工厂名单列了9家，第23页的名单上没有“洞庭传感器有限公司”。正例：9家都在第23页上。
    """
    if report.evidence is None or report.evidence.doubt is not None:
        return
    judged = _judged(report)
    if _suspect(judged):
        return
    for ind, proof, found, shows in judged:
        if not shows or not proof.names_from or any(p.unsure for p in found):
            continue
        absent = [name for name in _listed(report, proof) if not any(_on_page(name, p, proof) for p in found)]
        if absent:
            names = "、".join(f"“{n}”" for n in absent[:3]) + ("等" if len(absent) > 3 else "")
            yield rule.type.issue(section=ind.section, field=ind.label, location=_cell(ind, found),
                                  label=ind.label, pages=_pages(found), names=names, count=len(absent))


def _listed(report: Report, proof: ProofSpec) -> list[str]:
    """The names the report's lists give for the row: of its level, naming what the row counts."""
    out = []
    for source in proof.names_from:
        table = report.list_table(source.list)
        for row in table.rows if table is not None else []:
            name, level = row.values.get(source.column), row.values.get("level")
            if (isinstance(name, str) and name.strip() and (source.level is None or level == source.level)
                    and any(w in name for w in proof.words)):
                out.append(name.strip())
    return list(dict.fromkeys(out))


def _on_page(name: str, page: EvidencePage, proof: ProofSpec) -> bool:
    """Whether ``name`` is on the page: whole, or without the row's word it ends with (湖南某某有限公司绿色工厂
    is on a list of 绿色工厂 as 湖南某某有限公司); on a page read by OCR, nearly (a character misread)."""
    from rapidfuzz import fuzz

    forms = {comparable(name)} | {comparable(name[:-len(w)]) for w in proof.words
                                  if name.endswith(w) and len(name) > len(w)}
    if any(f in page.text for f in forms):
        return True
    return page.read_by == "ocr" and any(fuzz.partial_ratio(f, page.text) >= _OCR_NAME_MATCH for f in forms)


def check_shared_pages(rule: Rule, report: Report, pack: RulePack) -> Iterator[Issue]:
    """同一佐证页被两行标注、而两行要求的字样不同（如单项冠军与绿色工厂）时，该页至多与其中一行相关，提示核对
    （多数行的佐证页都对不上时不判断，见EA006）。

    反例：第12页同时被“国家级单项冠军数量”和“绿色工厂数量”标注，页上只有单项冠军证书。
    正例：第12页只被一行标注；或两行要求的字样相同（国家级、省级技术创新载体）。
    """
    if report.evidence is None or report.evidence.doubt is not None or _suspect(_judged(report)):
        return
    citing: dict[int, list[tuple[Indicator, ProofSpec]]] = {}
    for ind, proof, _ in _cited(report):
        if proof is not None:
            for n in dict.fromkeys(ind.evidence_pages):
                citing.setdefault(n, []).append((ind, proof))
    for number, rows in sorted(citing.items()):
        page = report.evidence.page(number)
        if page is None or page.file is None or page.doubt is not None or page.unsure:
            continue
        for (a, pa), (b, pb) in pairwise(rows):
            if set(pa.words) & set(pb.words):
                continue
            shows = [ind.label for ind, proof in ((a, pa), (b, pb)) if _has_word(page, proof)]
            if len(shows) < 2:
                related = f"但该页只与“{shows[0]}”相关" if shows else "但该页与这两行都不相关"
                yield rule.type.issue(section=b.section, field=b.label, location=b.at(f"page:{number}"), page=number,
                                      first=a.label, second=b.label, related=related)
                break


RULES = (
    Rule(PAGE_ABSENT, check_pages_exist, also=(APPENDIX_UNREADABLE, MOSTLY_ABSENT)),
    Rule(PAGE_UNRELATED, check_pages_related, also=(CANNOT_VERIFY, MOSTLY_UNRELATED)),
    Rule(ITEMS_SHORT, check_item_count, also=(CANNOT_VERIFY,)),
    Rule(NAME_ABSENT, check_names_on_pages),
    Rule(PAGE_SHARED, check_shared_pages),
)
