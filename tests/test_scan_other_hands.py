"""Pages scanned by other hands (``samples/scanned/other_hands``), kept where they show a habit the scan variants
do not make the same way. ``final_sme_split_messy.dashed_frame.p8.pdf``: page 8 of the sample printed from a copy
of its .docx whose table borders are Word's dotted (inner) and dashed (outer) lines, and whose table 3.1 stands,
with its heading, inside a one-cell table bordered in dashes; scanned in grey at 300 dpi.
``prelim_advanced_merged_defects.skew3.p3-4.pdf``: pages 3 and 4 laid 2–3.3° off straight on the glass, one
each way; a list row breaks over the page. ``prelim_advanced_merged_clean.faxstandard.p3-4.pdf``: pages 3 and 4
received as a standard-resolution fax (204×98 dpi). ``final_advanced_split_defects.adfstreak.p8-9.pdf``: pages 8
and 9 through a sheet feeder with dust on its glass (dark lines down every page)."""

from __future__ import annotations

from conftest import NEEDS_OCR, SAMPLES, report_of
from reportcheck.figures import doubtful, figures

OTHER_HANDS = SAMPLES / "scanned" / "other_hands"


@NEEDS_OCR
def test_a_table_inside_a_dashed_frame_is_read_once_and_right() -> None:
    """The frame's dashes, with the heading inside it, make a tall block of loose text round the table; read
    whole, it gave the table's text a second time (园区名称园区名称, 21.7 21.7) and not one figure of 3.1."""
    read = report_of(OTHER_HANDS / "final_sme_split_messy.dashed_frame.p8.pdf")
    word = report_of(SAMPLES / "final_sme_split_messy.docx")
    want = {k: v for k, v in figures(word).items() if k.startswith("3.1.") and v is not None}
    got, doubted = figures(read), doubtful(read)
    right = [k for k, v in want.items() if got.get(k) == v]
    assert len(right) >= 0.95 * len(want), f"{len(right)} of {len(want)} figures of 3.1 read right"
    assert not [k for k in got if k.startswith("3.1.") and got[k] is not None and got[k] != want.get(k)
                and k not in doubted]


@NEEDS_OCR
def test_a_row_broken_over_two_pages_scanned_at_different_slants_is_one_entry() -> None:
    """Straightened, page 4's column lines stand 3 points off page 3's, so the common grid holds both and the
    row's tail (息化厅) fell in the next column: it was not joined, the entry kept 湖南省工业和信 without a doubt
    and the tail became an entry of its own."""
    read = report_of(OTHER_HANDS / "prelim_advanced_merged_defects.skew3.p3-4.pdf")
    [platforms] = [t for t in read.lists if t.id == "innovation_platforms"]
    approvers = [row.values.get("approver") for row in platforms.rows]
    assert approvers.count("湖南省工业和信息化厅") >= 0.9 * len(approvers), approvers
    assert all(row.values.get("name") for row in platforms.rows), [row.values for row in platforms.rows]


@NEEDS_OCR
def test_a_title_row_over_a_rule_with_a_hole_keeps_the_next_list_apart() -> None:
    """The fax left a blank hole in the rule under 集群研发投入前十位企业, where no column line meets it: the title
    row opened into the header below and its text was lost, so the ten R&D entries were read on as technology
    platforms (29 of them, 14 figures wrong without a doubt)."""
    read = report_of(OTHER_HANDS / "prelim_advanced_merged_clean.faxstandard.p3-4.pdf")
    word = report_of(SAMPLES / "prelim_advanced_merged_clean.docx")
    counts = {t.id: len(t.rows) for t in read.lists}
    want = {t.id: len(t.rows) for t in word.lists}
    assert counts.get("innovation_platforms") == want["innovation_platforms"]
    assert counts.get("top10_rd") == want["top10_rd"]


@NEEDS_OCR
def test_a_chapter_heading_a_streak_cut_still_ends_the_text_before() -> None:
    """A streak crosses 营 in 四、集群发展促进组织运营情况, read 四、集群发展促进组织运 青况: no heading of the form
    to the letter, so chapter 4's long text ran on as 3.2's, and 3.2 was said to be over its limit (TX001 on a
    text of 144 words). Numbered as chapter 4 and nearly its title, the line is the chapter's heading."""
    read = report_of(OTHER_HANDS / "final_advanced_split_defects.adfstreak.p8-9.pdf")
    word = report_of(SAMPLES / "final_advanced_split_defects.docx")
    counts = {t.id: t.word_count for t in read.texts}
    want = {t.id: t.word_count for t in word.texts}
    assert "4" in counts
    assert abs(counts["3.2"] - want["3.2"]) <= 0.1 * want["3.2"]
