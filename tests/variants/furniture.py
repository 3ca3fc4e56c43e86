"""Text that is not content: tables of contents, cover pages, running headers and footers, unfilled
content-control placeholders, and PDFs whose characters are each drawn on their own."""

from __future__ import annotations

TRANSFORMS: tuple = ()
PDF_TRANSFORMS: tuple = ()
