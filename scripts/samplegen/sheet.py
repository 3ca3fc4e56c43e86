"""A filled data sheet (three years) for the Guangdong and Hubei criteria."""

from __future__ import annotations

from pathlib import Path

from reportcheck.datasheet import BASIC, FIGURES, write_data_sheet

YEARS = ["2021", "2022", "2023"]
VALUES: dict[str, list[float]] = {
    "total_output": [86.0, 95.5, 106.2], "sme_output_share": [74.5, 76.0, 78.2],
    "leading_output": [70.1, 78.9, 88.6], "revenue": [90.2, 99.8, 111.5], "enterprises": [168, 181, 196],
    "national_champions": [0, 0, 0], "little_giants": [0, 1, 1], "provincial_champions": [1, 2, 3],
    "provincial_specialized": [6, 8, 12], "hightech_enterprises": [20, 25, 31], "rd_spending": [2.1, 2.4, 2.7],
    "invention_patents": [310, 352, 401], "patents_per_10k": [14.2, 15.1, 16.4], "iip_penetration": [10.0, 12.0, 14.0],
    "employees": [218000, 233000, 244500], "area_km2": [126.0, 126.0, 126.0], "sme_rd_spending": [1.5, 1.7, 1.9],
    "innovative_smes": [4, 6, 9],
}
BASIC_INFO = {"cluster_name": "佛山顺德小家电产业集群", "category": "中小企业特色产业集群",
              "leading_industry": "小家电", "region": "广东省佛山市顺德区", "industry_field": "家电"}


def write_filled_sheet(path: Path) -> dict:
    """Write the sheet and return its expectations (figures put in; findings per pack)."""
    from openpyxl import load_workbook

    write_data_sheet(path, YEARS)
    wb = load_workbook(path)
    for row in wb[BASIC].iter_rows(min_row=2):
        if row[0].value in BASIC_INFO:
            row[2].value = BASIC_INFO[row[0].value]
    for row in wb[FIGURES].iter_rows(min_row=2):
        if row[0].value in VALUES:
            for cell, value in zip(row[4:7], VALUES[row[0].value], strict=True):
                cell.value = value
    wb.save(path)
    _freeze(path)
    figures = {k: dict(zip(YEARS, v, strict=True)) for k, v in VALUES.items()}
    return {
        "category": "sme", "years": YEARS, "cluster_name": BASIC_INFO["cluster_name"], "figures": figures,
        "issues": {
            # 广东: 占地126>100; 普及率14<15; 专利年均增长13.7%<15 (and the Hunan-form arithmetic passes)
            "guangdong": [("PR012", "X", "集群占地面积"), ("PR011", "2.2", "集群企业工业互联网平台普及率"),
                          ("PR009", "2.4", "发明专利数量")],
            # 湖北: 产值86<80? no — 86,95.5,106.2 ≥80 pass; 普及率 fails; 专利13.7%≥10 passes;
            # 研发经费年均13.4%>8 passes; 国家级小巨人1 passes
            "hubei": [("PR011", "2.2", "集群企业工业互联网平台普及率")],
        },
    }


def _freeze(path: Path) -> None:
    """Fixed timestamps inside the workbook, so regenerating changes nothing."""
    import io
    import re
    import zipfile

    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2023-01-01T00:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0)), body)
    path.write_bytes(out.getvalue())
