"""Habits of figures and tables typed or pasted by office software and by hand (met in reports filled by the
third to fifth hands): a spreadsheet's "0.00" format and its #DIV/0!, a remark in brackets after a figure, a
Chinese full stop for the point, an old figure kept as hidden text beside the new one, growth marked with
arrows, count rows' labels shortened, chapters headed 第二部分 with their sections 一、二、, sections numbered
2-1, two rows typed into one with Enter; columns added beside the years (an estimate for the year after, a
target, the change in the figure's unit), a header row of 实际值 under the years, years headed 上年 | 本年;
labels with an English translation below them, tables typed as text aligned by tabs or spaces, 2.1 and 2.2 in one
table, notes across tables, tables laid on their side or folded side by side. Each keeps every figure the
form states. Entries of a list grouped by level under rows across it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

from lxml import etree

from .kinds import ChangeSet, Transform, docx
from .layout import respell_headers
from .ooxml import (
    Docx,
    NewCell,
    cell_from,
    cell_paragraphs,
    cell_text,
    cells,
    first_rpr,
    grid_width,
    headings,
    insert_column,
    make_run,
    new_cell,
    new_paragraph,
    para_text,
    plain_number,
    positions,
    rows,
    segments,
    set_cell_text,
    set_para_text,
    set_span,
    set_vmerge,
    span,
    vmerge,
    w,
)
from .spelling import _category_cell, _label_cells, _value_cells, respell_growths


def spreadsheet_formats(doc: Docx) -> bool:
    """Tables pasted from a spreadsheet formatted "0.00": every figure and growth with two decimals
    (46.10, 328.00, 10.20)."""
    done = False
    for _, _, tc, _ in _value_cells(doc, ("indicator", "park"), growth=True):
        text = cell_text(tc)
        if plain_number(text) and len(text.partition(".")[2]) < 2:
            set_cell_text(tc, f"{Decimal(text):.2f}")
            done = True
    return done


def remarks_after_figures(doc: Docx) -> bool:
    """A remark in brackets after some figures: 0.8（海关数据）, 52.3（统计快报）."""
    done, n = False, 0
    for _, _, tc, role in _value_cells(doc, ("indicator", "park")):
        text = cell_text(tc)
        if role.startswith("year:") and plain_number(text):
            if n % 3 == 0:
                set_cell_text(tc, text + ("（海关数据）", "（统计快报）")[n % 2])
                done = True
            n += 1
    return done


def decimal_full_stops(doc: Docx) -> bool:
    """A Chinese full stop typed for the decimal point in some figures: 3。2."""
    done, n = False, 0
    for _, _, tc, _ in _value_cells(doc, ("indicator", "park"), growth=True):
        text = cell_text(tc)
        if plain_number(text) and "." in text:
            if n % 3 == 0:
                set_cell_text(tc, text.replace(".", "。"))
                done = True
            n += 1
    return done


def hidden_old_figures(doc: Docx) -> bool:
    """Last year's draft figures kept as hidden text just before the new ones (Word neither shows nor prints
    them), and a template instruction kept as a hidden paragraph in a cell."""
    done, n = False, 0
    for _, _, tc, role in _value_cells(doc, ("indicator", "park")):
        text = cell_text(tc)
        paras = cell_paragraphs(tc)
        if not role.startswith("year:") or not plain_number(text) or not paras or n % 2:
            n += 1
            continue
        n += 1
        rpr = first_rpr(paras[0])
        hidden = copy.deepcopy(rpr) if rpr is not None else etree.Element(w("rPr"))
        etree.SubElement(hidden, w("vanish"))
        old = str(Decimal(text) + 1)
        first_run = paras[0].find(w("r"))
        if first_run is None:
            continue
        first_run.addprevious(make_run(old, hidden))
        note = copy.deepcopy(paras[0])
        for run in note.findall(w("r")):
            note.remove(run)
        note.append(make_run("（填写说明：按统计快报填写，不含园区外企业）", hidden))
        paras[-1].addnext(note)
        done = True
    return done


def _estimate(_first: Decimal, latest: Decimal) -> str:
    return f"{latest * Decimal('1.05'):.1f}"


def estimate_year_column(doc: Docx) -> bool:
    """A column for the year after the form's two added before the growth, as an estimate:
    2021年 | 2022年 | 2023年（预计） | 增幅."""
    return _column_beside_the_years(doc, lambda latest: f"{latest + 1}年（预计）", _estimate, before_growth=True)


def target_column(doc: Docx) -> bool:
    """A target column for the latest year added after the growth: 2021年 | 2022年 | 增幅 | 2022年目标值, its
    figures near the year's own."""
    return _column_beside_the_years(doc, lambda latest: f"{latest}年目标值", _estimate, before_growth=False)


def change_column(doc: Docx) -> bool:
    """A column of the change in the figure's own unit before the growth: 2021年 | 2022年 | 增减量 | 增幅（%）,
    signed (+7.0, -0.3)."""
    return _column_beside_the_years(doc, lambda _latest: "增减量", lambda first, latest: f"{latest - first:+}",
                                    before_growth=True)


def _column_beside_the_years(doc: Docx, header: Callable[[int], str], figure: Callable[[Decimal, Decimal], str],
                             before_growth: bool) -> bool:
    """A column headed ``header(latest year)`` beside the growth of each indicator table with one header row,
    holding ``figure(first year's, latest year's)`` where both are figures, — elsewhere."""
    done = False
    for seg in segments(doc.document):
        years = seg.cols("year:")
        growth = seg.col("growth")
        if seg.kind != "indicator" or len(years) != 2 or growth is None or len(seg.header) != 1:
            continue
        latest = max(int(seg.roles[c].split(":")[1]) for c in years)
        targets = {seg.header[0]: NewCell(header(latest))}
        for tr in seg.data:
            first, last = (cell_from(tr, col) for col in sorted(years, key=lambda c: seg.roles[c]))
            texts = [cell_text(tc) if tc is not None else "" for tc in (first, last)]
            numbers = all(plain_number(t) for t in texts)
            targets[tr] = NewCell(figure(*(Decimal(t) for t in texts)) if numbers else "—")
        insert_column(seg.table, growth if before_growth else growth + 1, targets)
        done = True
    return done


def growth_arrows(doc: Docx) -> bool:
    """Growth marked with arrows: ↑16.6, ↓2.5, ▲4.0%."""
    return respell_growths(doc, lambda t, n: f"↓{t[1:]}" if t.startswith("-")
                           else (f"↑{t.lstrip('+')}", f"▲{t.lstrip('+')}%")[n % 2])


def labels_shortened(doc: Docx) -> bool:
    """Count rows labelled as applicants shorten them: 规上工业企业（家） for 规上工业企业数量（个）, 上市、挂牌企业
    for 上市和挂牌企业数量, 从业人员 for 集群从业人员数量."""
    done = False
    for seg in segments(doc.document):
        if seg.kind != "indicator":
            continue
        for tr in seg.data:
            tc = cell_from(tr, seg.col("label"))
            label = cell_text(tc) if tc is not None else ""
            name, paren, rest = label.partition("（")
            if not name.endswith("数量") or len(name) < 8 or "\n" in label or name.startswith("其中"):
                continue
            short = name.removesuffix("数量").replace("和", "、")
            set_cell_text(tc, short + ("（家" + rest.removeprefix("个") if rest.startswith("个") else paren + rest))
            done = True
    return done


def rows_typed_into_one(doc: Docx) -> bool:
    """Two template rows typed into one with Enter: 进口额（亿元）⏎出口额（亿元） over 3.7⏎14.0, the last two rows
    of each indicator table (each cell's paragraphs of the second row put under the first's)."""
    done = False
    for seg in segments(doc.document):
        if seg.kind != "indicator" or len(seg.data) < 3:
            continue
        upper, lower = seg.data[-2], seg.data[-1]
        up, low = positions(upper), positions(lower)
        if [(a, b) for _, a, b in up] != [(a, b) for _, a, b in low] or any(
                vmerge(tc) for tc, _, _ in up + low) or not cell_text(up[0][0]) or not cell_text(low[0][0]):
            continue
        for (top, _, _), (bottom, _, _) in zip(up, low, strict=True):
            for paragraph in cell_paragraphs(bottom):
                top.append(paragraph)
        lower.getparent().remove(lower)
        done = True
    return done


_NUMERALS = "一二三四五六七八九"


def headings_as_parts(doc: Docx) -> bool:
    """Chapters headed as parts of the document, their sections numbered within them: 第二部分　集群发展总体情况,
    then 一、集群主要经济指标 for 2.1 (as formal documents are laid out)."""
    done = False
    for p, number, title in headings(doc.document):
        if "." in number:
            minor = int(number.split(".")[1])
            set_para_text(p, f"{_NUMERALS[minor - 1]}、{title}")
        elif number in _NUMERALS:
            set_para_text(p, f"第{number}部分\u3000{title}")
        else:
            continue
        done = True
    return done


def sections_numbered_with_hyphens(doc: Docx) -> bool:
    """Sections numbered with a hyphen, as some offices number them: 2-1集群主要经济指标, 4-1基本情况."""
    done = False
    for p, number, title in headings(doc.document):
        if "." in number:
            set_para_text(p, f"{number.replace('.', '-')}{title}")
            done = True
    return done


def year_headers_two_digits(doc: Docx) -> bool:
    """Years in the headers written with two digits: 21年 | 22年."""
    return respell_headers(doc, r"20(\d\d)(?=年)", r"\1", ("indicator", "park"))


def minus_as_dashes(doc: Docx) -> bool:
    """A negative growth typed with another dash: −3.2 (U+2212), –3.2 (U+2013), ‐3.2 (U+2010)."""
    return respell_growths(doc, lambda t, n: "\u2212\u2013\u2010"[n % 3] + t[1:] if t.startswith("-") else None)


def _run_with(text: str, like: etree._Element, *props: str) -> etree._Element:
    rpr = first_rpr(like)
    rpr = copy.deepcopy(rpr) if rpr is not None else etree.Element(w("rPr"))
    for prop, value in (p.split("=") if "=" in p else (p, None) for p in props):
        el = etree.SubElement(rpr, w(prop))
        if value is not None:
            el.set(w("val"), value)
    return make_run(text, rpr)


def footnote_digits_raised(doc: Docx) -> bool:
    """A footnote mark typed as a raised digit glued to a figure: 73.9¹ (a run in superscript), explained in
    a 注 line under the table."""
    done = False
    for n, (_, _, tc, role) in enumerate(_value_cells(doc, ("indicator",))):
        paras = cell_paragraphs(tc)
        if role.startswith("year:") and plain_number(cell_text(tc)) and paras and n % 4 == 0:
            paras[-1].append(_run_with(str(n // 4 % 3 + 1), paras[-1], "vertAlign=superscript"))
            done = True
    return done


def old_figures_struck(doc: Docx) -> bool:
    """The old figure left in the cell struck through before the new one: ~~42.9~~ 43.6."""
    done = False
    for n, (_, _, tc, role) in enumerate(_value_cells(doc, ("indicator", "park"))):
        text = cell_text(tc)
        paras = cell_paragraphs(tc)
        first = paras[0].find(w("r")) if paras else None
        if role.startswith("year:") and plain_number(text) and first is not None and n % 3 == 0:
            first.addprevious(_run_with(f"{Decimal(text) - 1} ", paras[0], "strike"))
            done = True
    return done


def growth_as_fractions(doc: Docx) -> bool:
    """Every growth of the 2.1 table written as a fraction of one under 增幅（%）: 0.197 for 19.7 (a
    spreadsheet's cell left unformatted)."""
    for seg in segments(doc.document):
        growth = seg.col("growth")
        if seg.kind != "indicator" or growth is None:
            continue
        done = False
        for tr in seg.data:
            tc = cell_from(tr, growth)
            text = cell_text(tc) if tc is not None else ""
            if plain_number(text):
                set_cell_text(tc, str(Decimal(text).scaleb(-2)))
                done = True
        return done
    return False


def category_boxes_as_text(doc: Docx) -> bool:
    """The category's check boxes as characters of a symbol font in the text (an .odt or .rtf opened in
    Word): U+F052 (☑) and U+F0A3 (□) in Wingdings 2."""
    tc = _category_cell(doc)
    if tc is None:
        return False
    advanced = "先进" in cell_text(tc) and "中小" not in cell_text(tc)
    p = tc.find(w("p"))
    for ch in list(p):
        if ch.tag != w("pPr"):
            p.remove(ch)
    for checked, label in ((advanced, "先进制造业集群  "), (not advanced, "中小企业特色产业集群")):
        box = _run_with("\uf052" if checked else "\uf0a3", p)
        fonts = box.find(w("rPr")).find(w("rFonts"))
        if fonts is None:
            fonts = etree.SubElement(box.find(w("rPr")), w("rFonts"))
        for attr in ("ascii", "hAnsi", "eastAsia"):
            fonts.set(w(attr), "Wingdings 2")
        p.append(box)
        p.append(make_run(label))
    return True


def enterprise_over_two_rows(doc: Docx) -> bool:
    """A top-10 enterprise given over two rows, one a product line, its name merged down: its revenue split
    between the rows (the rows add up to it), the product and the market share repeated."""
    for seg in segments(doc.document):
        if seg.kind != "list" or not any("主要产品" in role for role in seg.roles.values()) or len(seg.data) < 2:
            continue
        tr = seg.data[0]
        years = seg.cols("year:")
        values = [cell_text(cell_from(tr, col)) for col in years]
        if not years or not all(plain_number(v) and "." in v for v in values):
            return False
        second = copy.deepcopy(tr)
        for col, value in zip(years, values, strict=True):
            whole = Decimal(value)
            part = (whole / 3).quantize(whole)  # as many decimals as the figure
            set_cell_text(cell_from(tr, col), str(whole - part))
            set_cell_text(cell_from(second, col), str(part))
        set_vmerge(cells(tr)[0], "restart")
        set_vmerge(cells(second)[0], "continue")
        set_cell_text(cells(second)[0], "")
        tr.addnext(second)
        return True
    return False


def _two_cell_table(like: etree._Element, label: str, value: str) -> etree._Element:
    """A one-row table of two cells (a label and its value), formatted like the table ``like``."""
    tbl = etree.Element(w("tbl"))
    props = like.find(w("tblPr"))
    if props is not None:
        tbl.append(copy.deepcopy(props))
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in ("2400", "6000"):
        etree.SubElement(grid, w("gridCol")).set(w("w"), width)
    tr = etree.SubElement(tbl, w("tr"))
    for text in (label, value):
        tc = etree.SubElement(tr, w("tc"))
        etree.SubElement(tc, w("p"))
        set_cell_text(tc, text)
    return tbl


def basic_info_field_tables(doc: Docx) -> bool:
    """基本信息 typed as a "table of forms": every label and its value in a small table of their own, a contacts
    group's label fused to its first field (集群促进组织单位名称) and its 电话 each in a table of their own."""
    tbl = next((t for t in doc.document.iter(w("tbl")) if cell_text(cells(t.find(w("tr")))[0]) == "集群名称"), None)
    if tbl is None:
        return False
    made: list[etree._Element] = []
    for tr in tbl.findall(w("tr")):
        texts = [cell_text(tc) for tc in cells(tr)]
        if len(set(texts)) == 1:  # the 政府意见 row across the table: kept as a one-cell table of its own
            keep = copy.deepcopy(tbl)
            for other in keep.findall(w("tr")):
                if cell_text(cells(other)[0]) != texts[0]:
                    keep.remove(other)
            made.append(keep)
        elif len(set(texts[1:])) == 1:  # 集群名称 | value across the row
            made.append(_two_cell_table(tbl, texts[0], texts[1]))
        else:  # 集群促进组织 | 单位名称 | value …, or 集群促进组织 | 负责人姓名、职务 | name | 电话 | phone
            group, label, *rest = texts
            first = "".join(group.split()) + label if label == "单位名称" else label
            made.append(_two_cell_table(tbl, first, rest[0]))
            if len(rest) == 3:
                made.append(_two_cell_table(tbl, rest[1], rest[2]))
    for new in made:
        tbl.addprevious(new)
        tbl.addprevious(etree.Element(w("p")))  # Word keeps tables apart with an empty paragraph
    tbl.getparent().remove(tbl)
    return True


def tables_typed_with_tabs(doc: Docx) -> bool:
    """Indicator tables typed as paragraphs aligned by tabs, not as tables: ``指标名称⇥2021年⇥2022年⇥增幅（%）``
    then one paragraph per row (each table with one header row, no merged cell and one line per cell below it)."""
    return _tables_typed(doc, lambda rows: [new_paragraph("\t".join(texts)) for texts in rows])


def tables_typed_with_spaces(doc: Docx) -> bool:
    """Indicator tables typed with the space bar in one paragraph, a line (Shift+Enter) per row, the columns
    lined up by spaces and an empty cell written —."""
    def typed(rows: list[list[str]]) -> list[etree._Element]:
        widths = [max(len(texts[c]) for texts in rows) + 2 for c in range(len(rows[0]))]
        lines = ["".join((t or "—").ljust(width) for t, width in zip(texts, widths, strict=True)).rstrip()
                 for texts in rows]
        return [new_paragraph("\n".join(lines))]
    return _tables_typed(doc, typed)


def _tables_typed(doc: Docx, typed: Callable[[list[list[str]]], list[etree._Element]]) -> bool:
    """Each indicator table with one header row, no merged cell and one line per cell below it replaced by the
    paragraphs ``typed`` makes of its rows' texts."""
    done = False
    for seg in segments(doc.document):
        trs = rows(seg.table)
        if seg.kind != "indicator" or len(seg.header) != 1 or trs != seg.header + seg.data:
            continue
        table = [positions(tr) for tr in trs]
        if any(n != 1 or vmerge(tc) for row in table for tc, _, n in row) or any(
                len(cell_paragraphs(tc)) != 1 for row in table[1:] for tc, _, _ in row):
            continue
        header = [para_text(cell_paragraphs(tc)[-1]) for tc, _, _ in table[0]]  # 近2年情况⏎指标名称: 指标名称
        for p in typed([header] + [[cell_text(tc) for tc, _, _ in row] for row in table[1:]]):
            seg.table.addprevious(p)
        seg.table.getparent().remove(seg.table)
        done = True
    return done


def actual_value_row(doc: Docx) -> bool:
    """A second header row saying each year's figure is the actual one: 2021年 | 2022年 over 实际值 | 实际值
    (in each indicator table with one header row)."""
    done = False
    for seg in segments(doc.document):
        if seg.kind != "indicator" or len(seg.header) != 1:
            continue
        row = copy.deepcopy(seg.header[0])
        for tc, start, _ in positions(row):
            set_cell_text(tc, "实际值" if seg.roles.get(start, "").startswith("year:") else "")
        seg.header[0].addnext(row)
        done = True
    return done


def _row_across(like: etree._Element, width: int, text: str) -> etree._Element:
    """A row of one cell across a table ``width`` columns wide, formatted like the row ``like``."""
    row = copy.deepcopy(like)
    first, *rest = cells(row)
    for tc in rest:
        row.remove(tc)
    set_span(first, width)
    set_vmerge(first, None)
    set_cell_text(first, text)
    return row


def relative_year_headers(doc: Docx) -> bool:
    """Year headers written 上年 | 本年, the years stated in a line above each table (（对比期：本年为2022年，
    上年为2021年）; a row across a table that holds several sections), each indicator table with one header row."""
    done = False
    for seg in segments(doc.document):
        header = positions(seg.header[0])
        years = {start: int(role.split(":")[1]) for start, role in seg.roles.items() if role.count(":") == 1
                 and role.startswith("year:")}
        if seg.kind != "indicator" or len(seg.header) != 1 or len(set(years.values())) != 2:
            continue
        last = max(years.values())
        for tc, start, _ in header:
            if start in years:
                set_cell_text(tc, "本年" if years[start] == last else "上年")
        note = f"（对比期：本年为{last}年，上年为{last - 1}年）"
        if seg.header[0] is rows(seg.table)[0]:
            seg.table.addprevious(new_paragraph(note))
        else:  # a table holding several sections under their title rows: the line is a row across it
            seg.header[0].addprevious(_row_across(seg.header[0], grid_width(seg.table), note))
        done = True
    return done


_TRANSLATIONS = ("Total (100 million yuan)", "Share of the province (%)", "Number of enterprises, 2021-2022",
                 "R&D expenditure per 10,000 employees")


def labels_translated(doc: Docx) -> bool:
    """Every indicator label with an English translation on a second line in its cell:
    集群总产值（亿元）⏎Total (100 million yuan) — digits and a unit in the translation too."""
    done = False
    for n, (_, _, tc) in enumerate(_label_cells(doc, ("indicator", "park"))):
        if len(cell_paragraphs(tc)) == 1:
            cell_paragraphs(tc)[0].addnext(new_paragraph(_TRANSLATIONS[n % len(_TRANSLATIONS)],
                                                         cell_paragraphs(tc)[0]))
            done = True
    return done


def sections_in_one_table(doc: Docx) -> bool:
    """2.1 and 2.2 in one table: their headings joined (2.1集群主要经济指标 及 2.2集群企业培育情况), 2.2's rows under
    2.1's after a row across the table titled 2.2, 2.2's own header row gone (when both tables have the same
    columns and stand right after their headings in the body)."""
    found = {number: p for p, number, _ in headings(doc.body) if number in ("2.1", "2.2")}
    if len(found) != 2:
        return False
    first, second = (found[n].getnext() for n in ("2.1", "2.2"))
    if first is None or second is None or first.tag != w("tbl") or second.tag != w("tbl"):
        return False
    head, *body = rows(second)
    if grid_width(first) != grid_width(second) or len(positions(head)) != len(positions(rows(first)[0])):
        return False
    first.append(_row_across(body[0], grid_width(first), para_text(found["2.2"])))
    for tr in body:
        first.append(tr)
    set_para_text(found["2.1"], f"{para_text(found['2.1'])} 及 {para_text(found['2.2'])}")
    for el in (found["2.2"], second):
        el.getparent().remove(el)
    return True


def note_rows_in_tables(doc: Docx) -> bool:
    """A note across each indicator table after its second row, with years and counts of its own:
    注：以上数据来源于市统计局2023年2月统计快报，统计范围为集群内企业共496家。"""
    done = False
    for seg in segments(doc.document):
        if seg.kind == "indicator" and len(seg.data) > 3:
            seg.data[1].addnext(_row_across(seg.data[1], grid_width(seg.table),
                                            "注：以上数据来源于市统计局2023年2月统计快报，统计范围为集群内企业共496家。"))
            done = True
    return done


def table_folded_side_by_side(doc: Docx) -> bool:
    """An indicator table of many rows folded into two blocks side by side: its header written twice across,
    the first half of its rows on the left and the rest on the right, the last right-hand cells left empty
    (each table that stands alone with one header row, no merged cell and one line per cell)."""
    done = False
    for seg in segments(doc.document):
        trs = rows(seg.table)
        table = [positions(tr) for tr in trs]
        if seg.kind != "indicator" or len(seg.header) != 1 or trs != seg.header + seg.data or len(seg.data) < 6 \
                or any(n != 1 or vmerge(tc) for row in table for tc, _, n in row) \
                or len({len(row) for row in table}) != 1:
            continue
        half = (len(seg.data) + 1) // 2
        width = len(table[0])
        for tc in cells(seg.header[0]):
            seg.header[0].append(copy.deepcopy(tc))
        left, right = seg.data[:half], seg.data[half:]
        for i, tr in enumerate(left):
            moved = cells(right[i]) if i < len(right) else [new_cell(cells(tr)[-1]) for _ in range(width)]
            for tc in moved:
                tr.append(tc)
        for tr in right:
            seg.table.remove(tr)
        grid = seg.table.find(w("tblGrid"))
        for col in grid.findall(w("gridCol"))[:width]:
            grid.append(copy.deepcopy(col))
        done = True
    return done


def list_groups_by_level(doc: Docx) -> bool:
    """The entries of a list with a 级别 column grouped under rows across it: （一）国家级（2个）, （二）省级（5个）."""
    done = False
    for seg in segments(doc.document):
        header = [cell_text(tc) for tc, _, _ in positions(seg.header[-1])]
        if seg.kind != "list" or "级别" not in header or len(seg.data) < 2:
            continue
        col = positions(seg.header[-1])[header.index("级别")][1]
        groups: dict[str, list[etree._Element]] = {}
        for tr in seg.data:
            tc = cell_from(tr, col)
            level = cell_text(tc) if tc is not None else ""
            if level:
                groups.setdefault(level, []).append(tr)
        if len(groups) < 2:
            continue
        for n, (level, members) in enumerate(groups.items()):
            members[0].addprevious(_row_across(members[0], grid_width(seg.table),
                                               f"（{_NUMERALS[n]}）{level}（{len(members)}个）"))
        done = True
    return done


def same_figure_merged(doc: Docx) -> bool:
    """A figure the same in both years written once, its cell merged across both year columns."""
    done = False
    for seg in segments(doc.document):
        years = sorted(seg.cols("year:"))
        if seg.kind != "indicator" or len(years) != 2 or years[1] != years[0] + 1:
            continue
        for tr in seg.data:
            first, second = cell_from(tr, years[0]), cell_from(tr, years[1])
            if first is None or second is None or first is second or vmerge(first) or vmerge(second):
                continue
            text = cell_text(first)
            if plain_number(text) and text == cell_text(second) and span(first) == span(second) == 1:
                set_span(first, 2)
                tr.remove(second)
                done = True
    return done


def tables_on_their_side(doc: Docx) -> bool:
    """Indicator tables of few rows laid on their side: the indicators across the top, the years and the
    growth down the first column (年份＼指标 | 绿色工厂… over 2021年 | 1 …), each table that stands alone with one
    header row, no merged cell and at most five indicators."""
    done = False
    for seg in segments(doc.document):
        table = [positions(tr) for tr in rows(seg.table)]
        if seg.kind != "indicator" or len(seg.header) != 1 or rows(seg.table) != seg.header + seg.data \
                or not 2 <= len(seg.data) <= 5 or any(n != 1 or vmerge(tc) for row in table for tc, _, n in row) \
                or len({len(row) for row in table}) != 1:
            continue
        for tr in rows(seg.table):
            seg.table.remove(tr)
        grid = seg.table.find(w("tblGrid"))
        for col in grid.findall(w("gridCol")):
            grid.remove(col)
        for _ in table:
            etree.SubElement(grid, w("gridCol")).set(w("w"), str(9000 // len(table)))
        for j in range(len(table[0])):
            tr = etree.SubElement(seg.table, w("tr"))
            for row in table:
                tr.append(row[j][0])
        set_cell_text(rows(seg.table)[0].find(w("tc")), "年份＼指标")
        done = True
    return done


TRANSFORMS: tuple[Transform, ...] = (
    docx(spreadsheet_formats),
    docx(remarks_after_figures),
    docx(decimal_full_stops),
    docx(hidden_old_figures),
    docx(estimate_year_column),
    docx(growth_arrows),
    docx(labels_shortened),
    docx(headings_as_parts),
    docx(rows_typed_into_one),
    docx(year_headers_two_digits),
    docx(minus_as_dashes),
    docx(footnote_digits_raised),
    docx(old_figures_struck),
    docx(growth_as_fractions, lambda _: ChangeSet(findings_added=frozenset({("D005", "2.1", "集群主要经济指标")}))),
    docx(category_boxes_as_text),
    docx(enterprise_over_two_rows),
    docx(basic_info_field_tables),
    docx(tables_typed_with_tabs),
    docx(tables_typed_with_spaces),
    docx(actual_value_row),
    docx(relative_year_headers),
    docx(labels_translated),
    docx(sections_in_one_table),
    docx(note_rows_in_tables),
    docx(target_column),
    docx(tables_on_their_side),
    docx(change_column),
    docx(sections_numbered_with_hyphens),
    docx(table_folded_side_by_side),
    docx(list_groups_by_level),
)
