"""What a variant transform is, and what it may change in a sample's extraction and findings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .ooxml import docx_transform

Finding = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class ChangeSet:
    """What a transform may change in a sample's extraction and findings."""

    growth_may_change: bool = False  # growth columns re-rounded: growth_pct may differ by the rounding
    findings_added: frozenset[Finding] = frozenset()
    findings_removed: frozenset[Finding] = frozenset()
    word_count_delta: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))  # text id → 字数 added
    dates_coarsened: bool = False  # list dates may lose their month (compared by year only)


NO_CHANGE = ChangeSet()


@dataclass(frozen=True)
class Transform:
    name: str  # short id, e.g. "headers_one_row"
    description: str  # one line: what an applicant did
    apply: Callable[[Path, Path], bool]  # (src .docx, dst) -> False when it does not apply (nothing written)
    output: str = "docx"  # "docx" or "pdf"
    changes: Callable[[dict], ChangeSet] | None = None  # when the transform is meant to change figures/findings
    needs_libreoffice: bool = False

    def change_set(self, expected: dict) -> ChangeSet:
        return self.changes(expected) if self.changes is not None else NO_CHANGE


def docx(edit: Callable, changes: Callable[[dict], ChangeSet] | None = None) -> Transform:
    doc = (edit.__doc__ or "").strip().splitlines()[0]
    return Transform(edit.__name__, doc, docx_transform(edit), changes=changes)
