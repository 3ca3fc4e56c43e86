"""The result of checking one file: its report and issues, or why it could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportcheck.errors import UnreadableInput
from reportcheck.model import Issue, Report
from reportcheck.settings import Settings
from reportcheck.typed import to_data

if TYPE_CHECKING:
    from reportcheck.evidence_files import EvidenceFiles

STATUS_ZH = {"ok": "通过", "issues": "有问题", "unreadable": "无法读取"}  # one word each, in every output


@dataclass
class FileOutcome:
    path: str
    report: Report | None = None
    issues: list[Issue] = field(default_factory=list)
    error: UnreadableInput | None = None

    @property
    def status(self) -> str:
        """ok | issues | unreadable. Info-only findings leave a file ``ok``."""
        if self.error is not None:
            return "unreadable"
        return "issues" if any(i.severity != "info" for i in self.issues) else "ok"

    def as_json(self) -> dict:
        data: dict = {"path": self.path, "status": self.status,
                      "issues": [to_data(i) for i in self.issues]}
        if self.error is not None:
            data["error"] = {"reason": self.error.reason, "message": self.error.zh,
                             "message_en": self.error.en}
        return data


def check_file(path: str, pack: dict, settings: Settings | None = None,
               package: bytes | None = None, evidence: EvidenceFiles | None = None) -> FileOutcome:
    """Check one file (read from ``package``, its .docx bytes, when given), and the pages its rows cite
    in the appendix ``evidence`` when asked; any unreadable input becomes an outcome, never an exception."""
    report = read_file(path, package, evidence)
    if isinstance(report, UnreadableInput):
        return FileOutcome(path=path, error=report)
    return check_report(path, report, pack, settings)


def read_file(path: str, package: bytes | None = None,
              evidence: EvidenceFiles | None = None) -> Report | UnreadableInput:
    """One file read into a report (with the pages its rows cite in the appendix ``evidence``, when given),
    or why it could not be: unreadable, or a bug while reading (never an exception)."""
    from reportcheck.model import DATA_SHEET
    from reportcheck.pipeline import load_report

    try:
        report = load_report(path, package)
        if evidence is not None and report.template != DATA_SHEET:
            from reportcheck.extract.evidence_book import appendix_of

            report.evidence = appendix_of(report, path, evidence)
        return report
    except UnreadableInput as exc:
        return exc
    except Exception as exc:  # a bug must not end a batch of fifty reports: say so, go on
        return internal_error(path, exc)


def check_report(path: str, report: Report, pack: dict, settings: Settings | None = None) -> FileOutcome:
    """The rules run on a report already read from ``path``; a bug outside every rule's own guard is the
    file's internal error, never an exception."""
    from reportcheck.rules import run_rules

    try:
        return FileOutcome(path=path, report=report, issues=run_rules(report, pack, settings))
    except Exception as exc:
        return FileOutcome(path=path, error=internal_error(path, exc))


def internal_error(path: str, exc: Exception) -> UnreadableInput:
    return UnreadableInput(path, "internal_error",
                           f"读取时发生内部错误（{type(exc).__name__}: {exc}），请把该文件发给reportcheck维护者",
                           "internal error while reading; please report it with the file")
