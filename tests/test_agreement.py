"""A table read against itself (extract/agreement.py), on a real sample edited the way a table goes wrong:
many rows disagreeing the same way are another reading (years exchanged, shares' growth in points) or a
table in doubt — never an error per row — while one row that disagrees stays the applicant's error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SAMPLES, report_of
from reportcheck.pipeline import load_report
from reportcheck.rules import run_rules
from variants.compare import differences, findings
from variants.kinds import NO_CHANGE
from variants.ooxml import Docx, cell_text, plain_number, segments, set_cell_text

SAMPLE = SAMPLES / "prelim_advanced_split_clean.docx"


def _edited(tmp_path: Path, edit: Callable[[list], None]) -> Path:
    """The sample with the data rows of its indicator tables (2.1, 2.2, …) edited."""
    doc = Docx(SAMPLE)
    edit([seg for seg in segments(doc.document) if seg.kind == "indicator"])
    out = tmp_path / "edited.docx"
    doc.save(out)
    return out


def _cells(seg, tr) -> dict[str, object]:
    from variants.ooxml import data_cell

    return {role: data_cell(seg, tr, role) for role in seg.roles.values()}


def _years(seg) -> list[str]:
    return sorted(r for r in seg.roles.values() if r.startswith("year:"))


def _issues(path: Path) -> list:
    return run_rules(load_report(path))


def _codes(issues, section: str) -> list[str]:
    return sorted(i.code for i in issues if i.section == section)


def test_year_columns_the_other_way_round_are_read_back_and_said(tmp_path: Path) -> None:
    def swap(segs) -> None:
        seg = segs[0]
        y0, y1 = _years(seg)
        for tr in seg.data:
            cells = _cells(seg, tr)
            a, b = cell_text(cells[y0]), cell_text(cells[y1])
            set_cell_text(cells[y0], b)
            set_cell_text(cells[y1], a)

    path = _edited(tmp_path, swap)
    report = load_report(path)
    assert not differences(report_of(SAMPLE), report, NO_CHANGE)  # every figure where it belongs
    issues = run_rules(report)
    assert _codes(issues, "2.1") == ["D005"]
    assert "互换" in next(r.reading for r in report.readings if r.section == "2.1")


def test_shares_growth_written_as_points_without_saying_so(tmp_path: Path) -> None:
    changed: list[str] = []

    def points(segs) -> None:
        for seg in segs[:2]:
            y0, y1 = _years(seg)
            for tr in seg.data:
                cells = _cells(seg, tr)
                label, v0, v1 = (cell_text(cells[k]) for k in ("label", y0, y1))
                if "（%" in label and cells.get("growth") is not None and plain_number(v0) and plain_number(v1) \
                        and cell_text(cells["growth"]):
                    set_cell_text(cells["growth"], f"{float(v1) - float(v0):.1f}")
                    changed.append(label.split("（")[0])

    path = _edited(tmp_path, points)
    assert len(changed) >= 4
    report = load_report(path)
    issues = run_rules(report)
    assert "AR001" not in {i.code for i in issues}
    assert {i.section for i in issues if i.code == "D005"} == {"2.1", "2.2"}
    in_points = {ind.label for ind in report.indicators if ind.growth_in_points}
    assert in_points == set(changed)


def test_a_table_whose_rows_all_disagree_is_one_doubt_not_an_error_per_row(tmp_path: Path) -> None:
    def wrong(segs) -> None:
        for tr in segs[0].data:
            cell = _cells(segs[0], tr).get("growth")
            if cell is not None and cell_text(cell):
                set_cell_text(cell, "99.9")

    issues = _issues(_edited(tmp_path, wrong))
    codes = _codes(issues, "2.1")
    assert codes.count("D006") == 1 and set(codes) <= {"D006", "EL009"}  # EL009: a threshold it cannot verify
    assert all(i.severity != "error" for i in issues if i.section == "2.1")


def test_one_row_that_disagrees_is_the_applicants_error(tmp_path: Path) -> None:
    def slip(segs) -> None:
        tr = segs[0].data[0]
        set_cell_text(_cells(segs[0], tr)["growth"], "99.9")

    issues = _issues(_edited(tmp_path, slip))
    assert _codes(issues, "2.1") == ["AR001"]


def test_a_column_of_words_is_one_doubt_not_an_error_per_cell(tmp_path: Path) -> None:
    def words(segs) -> None:
        seg = segs[0]
        year = _years(seg)[-1]
        for tr in seg.data:
            cell = _cells(seg, tr)[year]
            if cell_text(cell):
                set_cell_text(cell, "见附件")

    issues = _issues(_edited(tmp_path, words))
    codes = _codes(issues, "2.1")
    assert codes.count("D007") == 1 and "X001" not in codes
    assert all(i.severity != "error" for i in issues if i.section == "2.1")


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.docx")), ids=lambda p: p.stem)
def test_no_sample_as_written_is_read_otherwise(sample: Path) -> None:
    """The samples' own tables agree as read: no other reading, no table in doubt."""
    codes = {code for code, _, _ in findings(run_rules(report_of(sample)))}
    assert not codes & {"D005", "D006", "D007"}
