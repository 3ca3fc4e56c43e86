"""The variant engine: metamorphic test inputs.

Each ``Transform`` turns one bundled sample report into what an applicant's editing of the same form
produces: the same figures, laid out or spelled differently. The .docx ones edit the WordprocessingML
with lxml (every untouched part copied byte for byte) and compose; the PDF ones print the report.
None of them uses the tool's own reader.
"""

from __future__ import annotations

from types import MappingProxyType

from . import furniture, habits, layout, markup, office, pdf, spelling
from .kinds import NO_CHANGE, ChangeSet, Transform
from .kinds import docx as _docx


def _subheading_words(_: dict) -> ChangeSet:
    return ChangeSet(word_count_delta=MappingProxyType({"2.8": sum(len(h) for h in spelling.SUBHEADINGS)}))


DOCX_TRANSFORMS: tuple[Transform, ...] = (
    # header rows and columns
    _docx(layout.headers_one_row),
    _docx(spelling.years_in_one_column),
    _docx(layout.park_subheaders_renamed),
    _docx(layout.year_headers_niandu),
    _docx(layout.growth_header_variants),
    _docx(layout.target_header_actual),
    _docx(layout.target_header_done),
    _docx(layout.park_subheaders_short),
    _docx(layout.year_headers_with_unit),
    _docx(layout.row_of_years, lambda _: ChangeSet(findings_added=frozenset({("X010", "2.1", "集群形成时间")}))),
    _docx(layout.unit_column),
    _docx(layout.serial_column),
    _docx(layout.remark_source_columns),
    _docx(layout.evidence_column),
    # labels and headings
    _docx(spelling.label_enumerators),
    _docx(spelling.label_footnote_marks),
    _docx(spelling.label_paren_inside),
    _docx(spelling.label_paren_unclosed),
    _docx(spelling.heading_autonumber),
    _docx(spelling.heading_styles),
    _docx(spelling.heading_spaced),
    _docx(spelling.heading_line_break),
    _docx(spelling.heading_paren),
    _docx(spelling.text_subheadings, _subheading_words),
    # values
    _docx(spelling.values_with_units),
    _docx(spelling.values_trailing_zero),
    _docx(spelling.values_thousands),
    _docx(spelling.values_decimal_comma),
    _docx(spelling.growth_spellings),
    _docx(spelling.empty_marks),
    _docx(spelling.empty_as_not_given),
    _docx(spelling.counts_in_chinese),
    _docx(spelling.values_letter_o),
    _docx(spelling.values_with_calculations),
    _docx(spelling.labels_kangxi),
    _docx(spelling.labels_spelled_out),
    _docx(spelling.evidence_beside_own_pages),
    _docx(spelling.list_rows_slashed),
    _docx(spelling.date_spellings),
    _docx(spelling.dates_year_only, lambda _: ChangeSet(dates_coarsened=True)),
    _docx(spelling.growth_double_rounded, lambda _: ChangeSet(growth_may_change=True)),
    # structure
    _docx(layout.table_split_continued),
    _docx(layout.tables_before_their_headings),
    _docx(layout.label_cut_over_two_rows),
    _docx(layout.total_rows),
    _docx(layout.blank_rows),
    _docx(layout.instruction_rows),
    _docx(markup.tracked_changes),
    _docx(markup.review_comments),
    _docx(markup.textbox_content),
    _docx(markup.frame_table),
    _docx(spelling.category_checkbox),
    _docx(spelling.category_checkbox_squares),
    _docx(spelling.category_checkbox_tick),
    _docx(spelling.category_checkbox_wingdings),
    _docx(spelling.category_tick_after),
    # fixed texts
    _docx(spelling.declaration_no_trailing),
    _docx(spelling.declaration_we_solemnly),
    _docx(spelling.declaration_no_dunhao),
    _docx(spelling.declaration_line_broken),
    _docx(spelling.evidence_sentence),
    _docx(spelling.evidence_note),
    _docx(spelling.evidence_contents),
    _docx(spelling.evidence_in_note),
    _docx(spelling.contacts_relabelled),
    *furniture.TRANSFORMS,
    *habits.TRANSFORMS,
    *office.TRANSFORMS,
)

PDF_TRANSFORMS: tuple[Transform, ...] = (
    Transform("pdf_three_line", "printed to PDF by LibreOffice with every table ruled as 三线表",
              pdf.pdf_three_line, output="pdf", needs_libreoffice=True),
    Transform("pdf_tables_typed", "indicator tables converted to text (tabs) and printed to PDF by LibreOffice",
              pdf.pdf_tables_typed, output="pdf", needs_libreoffice=True),
    Transform("pdf_reportlab", "a PDF made by another producer (reportlab): paragraphs and ruled tables",
              pdf.pdf_reportlab, output="pdf"),
    Transform("pdf_watermark", "the reportlab PDF with a 草稿 watermark drawn as shapes over every page",
              pdf.pdf_watermark, output="pdf"),
    *furniture.PDF_TRANSFORMS,
)

TRANSFORMS: tuple[Transform, ...] = DOCX_TRANSFORMS + PDF_TRANSFORMS
BY_NAME = {t.name: t for t in TRANSFORMS}
# rendered by scripts/render_variants.py into samples/variants/
COMMITTED = ("pdf_three_line", "pdf_placeholders", "pdf_tables_typed")

__all__ = ["BY_NAME", "COMMITTED", "DOCX_TRANSFORMS", "NO_CHANGE", "PDF_TRANSFORMS", "TRANSFORMS", "ChangeSet",
           "Transform"]
