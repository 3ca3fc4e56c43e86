"""``reportcheck history -o 历年数据.xlsx``: the figures year by year (restated ones amber, with both values
in a note), a line chart per key indicator (the template's ``charted`` rows), and the reports it rests on.
Each sheet prints on A4 landscape as the batch workbook does."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportcheck.archive.history import ClusterHistory
from reportcheck.archived import written
from reportcheck.atomic import atomic_path
from reportcheck.render.history import notes, report_line
from reportcheck.render.print_setup import set_up_printing
from reportcheck.render.widths import display_width

DATA, CHARTS, SOURCES = "历年数据", "趋势图", "来源"
_BOLD = Font(bold=True)
_AMBER = PatternFill("solid", fgColor="FFE699")
_GREY = Font(color="808080", italic=True)
_LEAD = ["章节", "指标", "单位"]
_CHART_WIDTH, _CHART_HEIGHT, _CHART_ROWS = 16.0, 7.5, 16  # cm, cm, rows a chart takes


def write_history_workbook(history: ClusterHistory, path: Path) -> None:
    book = Workbook()
    data = book.active
    data.title = DATA
    _data(data, history)
    _charts(book.create_sheet(CHARTS), data, history)
    _sources(book.create_sheet(SOURCES), history)
    with atomic_path(path) as temp:
        book.save(temp)


def _title(history: ClusterHistory, sheet: str) -> tuple[str, str, str]:
    return history.name, sheet, "reportcheck 档案"


def _data(sheet: Worksheet, history: ClusterHistory) -> None:
    header = [*_LEAD, *[f"{y}年" for y in history.years], "说明"]
    sheet.append(header)
    for c in sheet[1]:
        c.font = _BOLD
    for n, row in enumerate(history.rows, start=2):
        said = notes(row)
        sheet.append([row.section, row.label, row.unit, *[row.values.get(y) for y in history.years],
                      "；".join(said) or None])
        for i, year in enumerate(history.years):
            c = sheet.cell(row=n, column=len(_LEAD) + 1 + i)
            decimals = row.decimals.get(year)
            if decimals is not None and 0 < decimals <= 6:  # 1198.0 shows as written, not as 1198
                c.number_format = "0." + "0" * decimals
            if year in row.restated:
                c.fill = _AMBER
                said = "；".join(f"《{r.file}》填{written(r.value, r.decimals)}" for r in row.restated[year])
                c.comment = Comment(said, "reportcheck")
            elif year in row.doubts:
                c.font = _GREY
    widths = [6, 34, 8, *[11] * len(history.years), 60]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for r in sheet.iter_rows(min_row=2, min_col=len(header), max_col=len(header)):
        r[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = sheet.dimensions
    set_up_printing(sheet, _title(history, DATA))


def _charts(sheet: Worksheet, data: Worksheet, history: ClusterHistory) -> None:
    """One line chart per key indicator, two across, drawn from the data sheet's row."""
    sheet.append([f"{history.name} 主要指标趋势（数据见“{DATA}”）"])
    sheet["A1"].font = _BOLD
    first, last = len(_LEAD) + 1, len(_LEAD) + len(history.years)
    charted = [(n, row) for n, row in enumerate(history.rows, start=2) if row.charted and len(row.values) >= 1]
    for place, (n, row) in enumerate(charted):
        chart = LineChart()
        chart.title = f"{row.label}（{row.unit}）"
        chart.legend = None
        chart.width, chart.height = _CHART_WIDTH, _CHART_HEIGHT
        chart.add_data(Reference(data, min_col=first, max_col=last, min_row=n, max_row=n), from_rows=True,
                       titles_from_data=False)
        chart.set_categories(Reference(data, min_col=first, max_col=last, min_row=1, max_row=1))
        chart.y_axis.title = row.unit
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        series = chart.series[0]
        series.marker.symbol = "circle"
        series.smooth = False
        anchor = f"{'A' if place % 2 == 0 else 'K'}{2 + (place // 2) * _CHART_ROWS}"
        sheet.add_chart(chart, anchor)
    set_up_printing(sheet, _title(history, CHARTS))


def _sources(sheet: Worksheet, history: ClusterHistory) -> None:
    sheet.append(["报告"])
    sheet["A1"].font = _BOLD
    for line in report_line(history):
        sheet.append([line])
    sheet.column_dimensions["A"].width = max(40, min(120, max(display_width(c.value) for c in sheet["A"]) + 2))
    set_up_printing(sheet, _title(history, SOURCES))
