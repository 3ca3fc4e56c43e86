"""How the project's workbooks print: A4 landscape, fit to the page's width, the header rows repeated on
every page, a page header naming what it is and a page number at the foot — as a government office's
own Excel reports print."""

from __future__ import annotations

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

A4 = "9"


def set_up_printing(sheet, header: tuple[str, str, str], title_rows: str = "1:1", pages_wide: int = 1) -> None:
    """``sheet`` (a worksheet, write-only or not) prints landscape on A4, ``pages_wide`` pages across and
    as many down as needed, ``title_rows`` repeated; ``header`` is the page header's (left, centre, right)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = pages_wide
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = title_rows
    parts = (sheet.oddHeader.left, sheet.oddHeader.center, sheet.oddHeader.right)
    for part, text in zip(parts, header, strict=True):
        part.text, part.size = text.replace("&", "&&"), 9
    sheet.oddFooter.center.text, sheet.oddFooter.center.size = "第 &P 页，共 &N 页", 9
