"""What the recogniser's text loses before it is read: dust a fax or a copy left, read as marks (each case
a reading seen on a fax), and what it keeps because print has it."""

from __future__ import annotations

import pytest

from reportcheck.readers.scan_page import _clean


@pytest.mark.parametrize(("read", "meant"), [
    ("2021年6月：", "2021年6月"),  # a speck after a date, read as a full-width colon
    ("12.2 :", "12.2"),
    ("151840::", "151840"),
    ("2022年1.月", "2022年1月"),
    ("2022年.1月", "2022年1月"),
    (".2021年6月", "2021年6月"),
    ("技术:创新", "技术创新"),  # a half-width colon between characters: print would have ：
    ("研发投入| (万元)", "研发投入 (万元)"),
    ("2022-2024.", "2022-2024"),  # a speck after a span of years (a copy of a copy)
    ("2022 至 2024,", "2022 至 2024"),
    (".2022-2024", "2022-2024"),  # a speck of dust before a span of years (a grey scan)
    (".2022-2024年", "2022-2024年"),
    (".望城新材料有限公司", "望城新材料有限公司"),  # a speck before a name (a fine-mode fax)
    ("智能制造升级项目‘10期", "智能制造升级项目10期"),  # a speck read as a lone quote mark
    ("长沙市智能汽车产业促进会‘", "长沙市智能汽车产业促进会"),
    ("86500'", "86500"),
    ("湖南智能汽车企业技术中心6.", "湖南智能汽车企业技术中心6"),  # a speck after a name's number (a fax)
    ("星城15号工业设计中心12,", "星城15号工业设计中心12"),
])
def test_dust_read_as_marks_is_dropped(read: str, meant: str) -> None:
    assert _clean(read) == meant


@pytest.mark.parametrize("read", ["承诺：", "12:35", "12.亿", "主要做法：一是", "2024.5", ".2024", "1520.",
                                  "‘双百’企业", "0.5", "第3期"])
def test_marks_print_has_are_kept(read: str) -> None:
    assert _clean(read) == read
