"""The Excel data sheet: a form of the model's figures for three years, written and read back.

``reportcheck template data-sheet -o figures.xlsx`` writes it; ``check`` reads a filled one like a
report. It carries what the Guangdong and Hubei criteria need and the Hunan form lacks (a third
year, the cluster's area, SME R&D, 创新型中小企业).
"""

from __future__ import annotations

import re
from pathlib import Path

from reportcheck import catalogue as cat
from reportcheck.errors import UnreadableInput
from reportcheck.extract.fields import category_of
from reportcheck.model import BasicInfo, Indicator, Issue, Loc, Report
from reportcheck.normalize.numbers import parse_value
from reportcheck.normalize.text import normalize_text
from reportcheck.readers.safezip import verify_package
from reportcheck.spec import load_data_sheet_spec

YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")

FIGURES, BASIC = "指标", "基本信息"
KEY_HEADER = "代码"


def write_data_sheet(path: Path, years: list[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    spec = load_data_sheet_spec()
    wb = Workbook()
    basic = wb.active
    basic.title = BASIC
    basic.append([KEY_HEADER, "项目", "内容"])
    for field in spec.basic_fields:
        basic.append([field.key, field.label, field.placeholder or ""])
    figures = wb.create_sheet(FIGURES)
    figures.append([KEY_HEADER, "章节", "指标名称", "单位", *(f"{y}年" for y in years)])
    for section, row in spec.rows():
        figures.append([row.key, section, row.form_label, row.unit])
    note = wb.create_sheet("说明")
    for line in (spec.title, spec.source, "在“基本信息”的“内容”列和“指标”的年份列填写数据；无数据留空。",
                 "不要修改“代码”列；年份可改为实际年份（如2021年、2022年、2023年）。",
                 "检查：reportcheck check 本文件.xlsx --pack guangdong（或 hubei、hunan_competition_2023）"):
        note.append([line])
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="DDDDDD")
    for sheet in (basic, figures):
        for cell in sheet[1]:
            cell.font, cell.fill = bold, grey
        sheet.column_dimensions["A"].hidden = True
        sheet.column_dimensions["C"].width = 60
    wb.save(path)


def read_data_sheet(path: Path) -> Report:
    from openpyxl import load_workbook

    verify_package(path)  # openpyxl trusts the zip headers and expands XML entities
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise UnreadableInput(str(path), "corrupt", f"Excel文件无法打开（{type(exc).__name__}）",
                              "the workbook cannot be opened; save it again in Excel/WPS") from None
    if FIGURES not in wb.sheetnames:
        raise UnreadableInput(str(path), "not_report",
                              "不是reportcheck数据表：缺少“指标”工作表。请用 reportcheck template data-sheet 生成",
                              "not a reportcheck data sheet: no 指标 sheet")
    spec = load_data_sheet_spec()
    rows = {row.key: (section, row) for section, row in spec.rows()}
    issues: list[Issue] = []
    indicators: list[Indicator] = []
    years: list[tuple[int, str]] = []
    for r, values in enumerate(wb[FIGURES].iter_rows(values_only=True)):
        if values and values[0] == KEY_HEADER:
            years = [(i, m.group(1)) for i, v in enumerate(values)
                     if v is not None and (m := YEAR.match(str(v).strip()))]
            continue
        if not values or values[0] not in rows:
            continue
        section, row = rows[values[0]]
        ind = Indicator(section=section, key=row.key, label=row.label, unit=row.unit, values={},
                        evidence_required=False, location=Loc(table=0, row=r, col=2))
        for i, year in years:
            ind.values[year] = _value(values[i] if i < len(values) else None, ind, year, r, i, issues)
        indicators.append(ind)
    basic = BasicInfo()
    if BASIC in wb.sheetnames:
        placeholders = {f.key: f.placeholder for f in spec.basic_fields}
        for values in wb[BASIC].iter_rows(values_only=True):
            if values and values[0] in placeholders and len(values) > 2 and values[2] is not None:
                text = str(values[2]).strip()
                if text and text != placeholders[values[0]]:
                    setattr(basic, values[0], text)
    wb.close()
    if not years:
        raise UnreadableInput(str(path), "not_report", "数据表“指标”工作表中没有年份表头（如“2022年”）",
                              "the 指标 sheet has no year header")
    return Report(source=str(path), template=spec.id, stage=None, category=category_of(basic.category),
                  years=sorted(y for _, y in years), basic=basic, indicators=indicators,
                  declaration_present=True, extraction_issues=issues)


def _value(cell: object, ind: Indicator, year: str, row: int, col: int, issues: list[Issue]) -> float | None:
    if cell is None:
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        text = repr(float(cell))
        ind.decimals[year] = 0 if float(cell).is_integer() else len(text.split(".")[1])
        return float(cell)
    parsed = parse_value(normalize_text(str(cell)), ind.unit)
    if parsed.problem:
        issues.append(cat.VALUE_UNREADABLE.issue(section=ind.section, field=ind.label,
                                                 location=Loc(table=0, row=row, col=col), raw=str(cell),
                                                 column=f"{year}年"))
    elif parsed.value is not None:
        ind.decimals[year] = parsed.decimals
    return parsed.value
