"""Check one report and write its findings into a copy of it as Word comments."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportcheck.errors import UnreadableInput
from reportcheck.outcome import FileOutcome, check_file, internal_error
from reportcheck.settings import Settings

if TYPE_CHECKING:
    from reportcheck.evidence_files import EvidenceFiles


@dataclass
class Annotation:
    """The check's outcome and the annotated .docx (None for a PDF, a data sheet or an unreadable file)."""

    outcome: FileOutcome
    docx: bytes | None = None
    placed: int = 0
    unplaced: int = 0


def annotate_report(path: Path, pack: dict, settings: Settings | None = None,
                    evidence: EvidenceFiles | None = None) -> Annotation:
    """Check ``path`` (with the pages it cites in the appendix ``evidence``, when given) and comment its
    .docx package: the file itself, or LibreOffice's conversion of a .doc/.wps/.rtf/.odt (converted
    once; the findings' locations index that same package)."""
    from reportcheck.readers import word_package

    try:
        package = word_package(path)
    except UnreadableInput as exc:
        return Annotation(FileOutcome(path=str(path), error=exc))
    except Exception as exc:  # never a traceback for the user
        return Annotation(FileOutcome(path=str(path), error=internal_error(str(path), exc)))
    outcome = check_file(str(path), pack, settings, package=package, evidence=evidence)
    if package is None or outcome.error is not None:
        return Annotation(outcome)
    from reportcheck.readers.opc import without_dangling_relationships
    from reportcheck.readers.strict import is_strict, transitional_package
    from reportcheck.render.comments import annotate_docx

    try:
        if is_strict(package):  # Word's Strict format: commented as the ordinary .docx it stands for
            package = transitional_package(package)
        package = without_dangling_relationships(package)
        data, placement = annotate_docx(package, outcome.issues)
    except Exception as exc:  # python-docx refusing a package the reader could read
        return Annotation(FileOutcome(path=str(path), error=UnreadableInput(
            str(path), "annotate_failed", f"无法在该文件中写入批注（{type(exc).__name__}: {exc}），"
            "请用Word另存为.docx后重试，或使用 check --format html",
            "cannot write comments into this file; save it as .docx in Word and retry")))
    return Annotation(outcome, data, placement.placed, placement.unplaced)
