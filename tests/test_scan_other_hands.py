"""Pages scanned by other hands (``samples/scanned/other_hands``), kept where they show a habit the scan variants
do not make the same way. ``final_sme_split_messy.dashed_frame.p8.pdf``: page 8 of the sample printed from a copy
of its .docx whose table borders are Word's dotted (inner) and dashed (outer) lines, and whose table 3.1 stands,
with its heading, inside a one-cell table bordered in dashes; scanned in grey at 300 dpi."""

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
