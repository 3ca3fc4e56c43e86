"""Template specs: the report form as data (``schemas/templates/*.json``), validated on load."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RowSpec(_Spec):
    key: str
    label: str
    unit: str
    form_label: str
    evidence: bool = False
    categories: list[Literal["advanced", "sme"]] = []
    aliases: list[str] = []
    single_value: bool = False


class FieldSpec(_Spec):
    key: str
    label: str
    required: bool = False
    placeholder: str | None = None
    phone: str | None = None  # key of the phone number written beside this field


class SectionFieldSpec(FieldSpec):
    section: str


class IndicatorTableSpec(_Spec):
    id: str
    title: str
    chapter: str
    kind: Literal["indicators", "park_indicators", "targets"]
    growth: bool
    rows: list[RowSpec]
    fields: list[FieldSpec] = []
    actual_column: str | None = None
    target_column: str | None = None


class ColumnSpec(_Spec):
    key: str
    label: str
    type: Literal["text", "number"] = "text"
    unit: str | None = None
    per_year: bool = False
    aliases: list[str] = []


class ListTableSpec(_Spec):
    id: str
    title: str
    section: str
    columns: list[ColumnSpec]
    max_rows: int | None = None
    blank_rows: int = 3
    instruction: str | None = None


class GroupSpec(_Spec):
    key: str
    label: str
    fields: list[FieldSpec]
    required: bool = False


class BasicInfoSpec(_Spec):
    id: str
    title: str
    fields: list[FieldSpec]
    groups: list[GroupSpec]


class AspectSpec(_Spec):
    """A topic a self-evaluation must cover, recognised by any of its words."""

    name: str
    words: list[str]


class TextBlockSpec(_Spec):
    id: str
    title: str
    chapter: str
    instruction: list[str]
    limit: int | None = None
    aspects: list[AspectSpec] = []


class ProseKeywordSpec(_Spec):
    """Words in free text that name an indicator, so a figure after them can be compared."""

    key: str
    words: list[str]


class ChapterSpec(_Spec):
    id: str
    title: str


class DeclarationSpec(_Spec):
    id: str
    title: str
    text: list[str]


class TemplateSpec(_Spec):
    id: str
    programme: str
    stage: Literal["初赛", "决赛"]
    title: str
    source: str
    markers: list[str] = []  # phrases only this stage's form carries, for a report without its title
    chapters: list[ChapterSpec]
    basic_info: BasicInfoSpec
    indicator_tables: list[IndicatorTableSpec]
    list_tables: list[ListTableSpec]
    section_fields: list[SectionFieldSpec]
    text_blocks: list[TextBlockSpec]
    declaration: DeclarationSpec
    prose_keywords: list[ProseKeywordSpec] = []

    def row(self, key: str) -> tuple[IndicatorTableSpec, RowSpec] | None:
        for table in self.indicator_tables:
            for row in table.rows:
                if row.key == key:
                    return table, row
        return None


def _schemas():
    return resources.files("reportcheck.schemas")


@lru_cache(maxsize=1)
def load_templates() -> tuple[TemplateSpec, ...]:
    """Every template spec shipped in ``schemas/templates``."""
    folder = _schemas() / "templates"
    specs = [TemplateSpec.model_validate(json.loads(f.read_text("utf-8")))
             for f in sorted(folder.iterdir(), key=lambda f: f.name)
             if f.name.endswith(".json") and f.name != DATA_SHEET_FILE]
    return tuple(specs)


class DataSheetSpec(_Spec):
    """The Excel data sheet: the rows of some report sections plus rows other provinces need."""

    id: str
    title: str
    source: str
    template: str
    sections: list[str]
    extra_rows: list[RowSpec]
    basic_fields: list[FieldSpec]

    def rows(self) -> list[tuple[str, RowSpec]]:
        """(section, row) in sheet order."""
        spec = next(t for t in load_templates() if t.id == self.template)
        out = [(t.id, r) for t in spec.indicator_tables if t.id in self.sections for r in t.rows]
        return out + [("X", r) for r in self.extra_rows]


DATA_SHEET_FILE = "data_sheet.json"


@lru_cache(maxsize=1)
def load_data_sheet_spec() -> DataSheetSpec:
    return DataSheetSpec.model_validate(json.loads((_schemas() / "templates" / DATA_SHEET_FILE).read_text("utf-8")))


def template_by_stage(stage: str) -> TemplateSpec:
    for spec in load_templates():
        if spec.stage == stage:
            return spec
    raise KeyError(stage)


def json_resource_names(folder: str) -> list[str]:
    """The data files shipped in ``schemas/<folder>``, by name without ``.json``."""
    return sorted(f.name.removesuffix(".json") for f in (_schemas() / folder).iterdir() if f.name.endswith(".json"))


def load_json_resource(*parts: str) -> dict:
    """A JSON data file under ``schemas/`` (rule packs, lists)."""
    node = _schemas()
    for part in parts:
        node = node / part
    return json.loads(node.read_text("utf-8"))
