"""Template specs: the report form as data (``schemas/templates/*.json``), validated on load."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal, cast

from reportcheck.datafile import read_object
from reportcheck.extending import merged
from reportcheck.typed import DataError, from_data

_spec = dataclass(frozen=True, slots=True, kw_only=True)


@_spec
class NamesFrom:
    """A list of the report whose entries should appear on a row's evidence pages: its ``column`` (the
    name), the entries of one ``level`` only when given, and only those naming what the row counts (a
    name holding one of the row's proof words: 技术中心, not 工业设计中心)."""

    list: str
    column: str = "name"
    level: str | None = None


@_spec
class ProofSpec:
    """What a page of the evidence appendix shows when it supports a row: one of ``words`` (单项冠军),
    and one of ``issuers`` as well when given (工业和信息化部 for a national title); ``counted``: each
    page or enterprise named on it is one of the items the row counts (a certificate, a listed
    enterprise), so fewer than the row claims is a finding."""

    words: list[str]
    issuers: list[str] = field(default_factory=list)
    counted: bool = True
    names_from: list[NamesFrom] = field(default_factory=list)
    """the report's lists naming what the pages should show (EA004)"""


@_spec
class RowSpec:
    """An indicator row of the form: its key, label and unit, what evidence it needs."""

    key: str
    label: str
    unit: str
    form_label: str
    evidence: bool = False
    proof: ProofSpec | None = None
    """what its evidence pages must show (only a row that needs evidence has it)"""
    categories: list[Literal["advanced", "sme"]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    single_value: bool = False
    charted: bool = False
    """a key indicator: ``history`` draws it as a line, year by year"""


@_spec
class FieldSpec:
    """A field of the form (集群名称, 申报类别 …): its key and label, whether it must be filled."""

    key: str
    label: str
    required: bool = False
    placeholder: str | None = None
    phone: str | None = None  # key of the phone number written beside this field


@_spec
class SectionFieldSpec(FieldSpec):
    """A field the form asks for inside a section (an indicator table's 集群形成时间)."""

    section: str


@_spec
class IndicatorTableSpec:
    """An indicator table of the form: its section, kind, rows and fields."""

    id: str
    title: str
    chapter: str
    kind: Literal["indicators", "park_indicators", "targets"]
    growth: bool
    rows: list[RowSpec]
    fields: list[FieldSpec] = field(default_factory=list)
    actual_column: str | None = None
    target_column: str | None = None


@_spec
class ColumnSpec:
    """A column of a list table: its key and label, text or number, its unit, a value per year or one."""

    key: str
    label: str
    type: Literal["text", "number"] = "text"
    unit: str | None = None
    per_year: bool = False
    aliases: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)  # what the column holds (国家级, 省级): on a scan, else a doubt


@_spec
class ListTableSpec:
    """A list table of the form: its section, title and columns, the most entries it takes, its blank rows."""

    id: str
    title: str
    section: str
    columns: list[ColumnSpec]
    max_rows: int | None = None
    blank_rows: int = 3
    instruction: str | None = None


@_spec
class GroupSpec:
    """A group of fields of the basic information: an organisation with its name, leader, contact, phones."""

    key: str
    label: str
    fields: list[FieldSpec]
    required: bool = False


@_spec
class BasicInfoSpec:
    """The basic information table of the form: its title and fields."""

    id: str
    title: str
    fields: list[FieldSpec]
    groups: list[GroupSpec]


@_spec
class AspectSpec:
    """A topic a self-evaluation must cover, recognised by any of its words."""

    name: str
    words: list[str]


@_spec
class TextBlockSpec:
    """A block of prose the form asks for: its title and instruction, its limit of characters, its aspects."""

    id: str
    title: str
    chapter: str
    instruction: list[str]
    limit: int | None = None
    aspects: list[AspectSpec] = field(default_factory=list)
    # Its figures are the cluster's, of the report's years (the self-assessment), so they are compared
    # with the tables. A park's report (3.2) states the park's figures and a plan (5.2) its targets.
    states_cluster_figures: bool = False


@_spec
class ProseKeywordSpec:
    """Words in free text that name an indicator, so a figure after them can be compared."""

    key: str
    words: list[str]


@_spec
class ChapterSpec:
    """A chapter of the form (一、二、…): its number and title."""

    id: str
    title: str


@_spec
class DeclarationSpec:
    """The declaration of truth the form ends with: its title and its text."""

    id: str
    title: str
    text: list[str]


@_spec
class RecognitionSpec:
    """How a report filled in this form is known: its title carries every word of ``title``; among
    forms of one stage (two notice years), the one whose ``years`` (the years its tables ask figures
    for) the report names most; without a title, the form's own headings and ``markers`` (phrases only
    this stage's form carries); ``default`` is the form taken when nothing tells."""

    title: list[str]
    years: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    default: bool = False


@_spec
class TemplateSpec:
    """The whole form of one notice and round: how it is recognised, and every part of it."""

    id: str
    programme: str
    stage: str  # as the title writes it (初赛, 决赛): one form of the programme's rounds
    title: str
    source: str
    recognition: RecognitionSpec
    chapters: list[ChapterSpec]
    basic_info: BasicInfoSpec
    indicator_tables: list[IndicatorTableSpec]
    list_tables: list[ListTableSpec]
    section_fields: list[SectionFieldSpec]
    text_blocks: list[TextBlockSpec]
    declaration: DeclarationSpec
    prose_keywords: list[ProseKeywordSpec] = field(default_factory=list)

    def row(self, key: str) -> tuple[IndicatorTableSpec, RowSpec] | None:
        for table in self.indicator_tables:
            for row in table.rows:
                if row.key == key:
                    return table, row
        return None


def _schemas():
    return resources.files("reportcheck.schemas")


class TemplateError(ValueError):
    """A template file that cannot be used: one line naming the file, the key and the fix."""


# Forms added for this run from files (``--template FILE``, ``templates`` in the config), after the shipped ones,
# by id, with the file each came from (a spawned child is given the files again).
_ADDED: dict[str, dict] = {}
_ADDED_FROM: dict[str, str] = {}


@lru_cache(maxsize=1)
def load_templates() -> tuple[TemplateSpec, ...]:
    """Every template spec shipped in ``schemas/templates`` and added from a file, each with what it
    ``extends`` merged in (:mod:`reportcheck.extending`): a form of a later round or notice year holds
    only its differences."""
    files = [*_shipped_files(), *_ADDED.values()]
    by_id = {data["id"]: data for data in files}
    return tuple(from_data(TemplateSpec, _extended(data, by_id, ()), forbid_extra=True) for data in files)


@lru_cache(maxsize=1)
def _shipped_files() -> tuple[dict, ...]:
    folder = _schemas() / "templates"
    return tuple(json.loads(f.read_text("utf-8")) for f in sorted(folder.iterdir(), key=lambda f: f.name)
                 if f.name.endswith(".json") and f.name != DATA_SHEET_FILE)


def _extended(data: dict, by_id: dict[str, dict], seen: tuple[str, ...]) -> dict:
    base = data.get("extends")
    if base is None:
        return data
    if base in seen or base not in by_id:
        why = "模板互相继承" if base in seen else f"没有这个模板，可用：{'、'.join(by_id)}"
        raise TemplateError(f"模板 {data['id']} 的 extends“{base}”有误（{why}） / template extends {base}")
    out = cast(dict, merged(_extended(by_id[base], by_id, (*seen, data["id"])), data))
    out.pop("extends")
    return out


def add_template(path: str) -> str:
    """Know the form written in a file (its ``extends`` a shipped form's id): checked at once against the
    spec, so a wrong key is :class:`TemplateError` naming the file, the key and the nearest valid one.
    A report is then read with it when its ``recognition`` fits. Returns the form's id."""
    from pathlib import Path

    data = read_object(Path(path), ("模板", "template"), TemplateError)
    template_id = data.get("id")
    if not isinstance(template_id, str) or not template_id:
        raise TemplateError(f"模板文件 {path} 缺少 id（模板的名称） / template {path} has no id")
    if template_id in {d["id"] for d in _shipped_files()}:
        raise TemplateError(f"模板文件 {path} 的 id“{template_id}”与随附的模板相同，请另起一个 / "
                            "template id taken by a shipped template")
    _ADDED[template_id] = data
    load_templates.cache_clear()
    try:
        load_templates()
    except (DataError, TemplateError) as exc:
        del _ADDED[template_id]
        load_templates.cache_clear()
        said = exc.said() if isinstance(exc, DataError) else str(exc)
        raise TemplateError(f"模板文件 {path} 有误：{said} / template {path}: {exc}") from None
    _ADDED_FROM[template_id] = str(Path(path).resolve())
    return template_id


def added_template_files() -> list[str]:
    """The files the forms added for this run came from (absolute paths)."""
    return list(_ADDED_FROM.values())


def default_template() -> TemplateSpec:
    """The form a report is read with when nothing in it tells (the first declared ``default``)."""
    return next(s for s in load_templates() if s.recognition.default)


@_spec
class DataSheetSpec:
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
    return from_data(DataSheetSpec, json.loads((_schemas() / "templates" / DATA_SHEET_FILE).read_text("utf-8")),
                     forbid_extra=True)


def template_by_stage(stage: str) -> TemplateSpec:
    """The form of a stage (the first, in file order, when notice years have several)."""
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
