"""Label–value fields: the basic-information block and single fields such as 园区名称."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TypeVar

from reportcheck import catalogue as cat
from reportcheck.extract.labels import gapped_fits, misread_of
from reportcheck.extract.lines import Line, cell_loc
from reportcheck.extract.ocr import scanned, unsure
from reportcheck.layout import Cell
from reportcheck.model import BasicInfo, Issue, Loc
from reportcheck.normalize.text import label_key, squash
from reportcheck.spec import BasicInfoSpec, FieldSpec, GroupSpec

_T = TypeVar("_T")
_PHONES = frozenset({"电话", "联系电话", "手机", "联系方式", "电话号码", "手机号码", "办公电话"})
_TICKED = "☑☒✓✔√■▣◉●✅"
_UNTICKED = "□☐○◯"
_MARKS = re.compile(f"[{_TICKED}{_UNTICKED}]")
_SEPARATORS = "或/、,，;；"
_OPTION_SPLIT = re.compile(f"[{_SEPARATORS}]")
_PADDING = " ()（）\u3000"


def category_of(text: str | None) -> str | None:
    """先进制造业集群 → advanced; 中小(工业)企业特色产业集群 → sme; both or neither → None.

    With check boxes only the ticked choices count, the marks written before their choices
    (``☑先进制造业集群 □中小企业特色产业集群``) or after them (``先进制造业集群☑ 中小企业…□``)."""
    if not text:
        return None
    if _MARKS.search(text):
        text = " ".join(_ticked(text))
    key = label_key(text)
    advanced = "先进制造" in key
    sme = "中小" in key or "特色产业" in key
    if advanced == sme:
        return None
    return "advanced" if advanced else "sme"


def _ticked(text: str) -> list[str]:
    """The choices whose mark is a tick. When the text starts with a mark, every mark goes with the
    choice after it; otherwise a mark goes with the choice before it, unless a separator (或, /, 、)
    stands between them (``先进制造业集群或√中小企业…``)."""
    parts = _MARKS.split(text)
    leading = not parts[0].strip(_PADDING)
    chosen = []
    for i, mark in enumerate(_MARKS.findall(text)):
        before = parts[i].rstrip(_PADDING)
        ahead = leading or not before or before[-1] in _SEPARATORS
        if mark in _TICKED:
            options = _OPTION_SPLIT.split(parts[i + 1] if ahead else parts[i])
            chosen.append((options[0] if ahead else options[-1]).strip(_PADDING))
    return chosen


def _key(text: str) -> str:
    return label_key(squash(text))


def _known(table: dict[str, _T], cell: Cell) -> tuple[_T | None, str | None]:
    """The field or group a label cell names, and, when a scan misread a character of it (负资人 for 负责人,
    集郡 for 集群), why what it holds is in doubt. A character OCR could not read (單位名▢) is no doubt."""
    key = _key(cell.norm)
    if key in table or not scanned(cell):
        return table.get(key), None
    fits = gapped_fits(key, table)  # type: ignore[arg-type]
    if fits:
        return (table[fits[0]], None) if len(fits) == 1 else (None, None)
    known = misread_of(key, table)  # type: ignore[arg-type]
    if known is None:
        return None, None
    return table[known], f"其栏目名识别为“{''.join(cell.norm.split())}”，与模板只是近似"


def _one_line(text: str) -> str | None:
    """A field value as one line: a PDF cell wraps '0731-' / '88886666' over two."""
    return "".join(part.strip() for part in text.splitlines()) or None


def _value(text: str, spec: FieldSpec) -> str | None:
    value = _one_line(text) or ""
    if not value or (spec.placeholder and _key(value) == _key(spec.placeholder)):
        return None
    return value


@dataclass
class FieldReader:
    """Reads label–value pairs: a cell matching a field's label, its value in the next cell."""

    fields: list[FieldSpec]
    values: dict[str, str | None] = field(default_factory=dict)
    locations: dict[str, Loc] = field(default_factory=dict)
    as_written: dict[str, str] = field(default_factory=dict)  # where the original differs (繁体)
    doubts: dict[str, str] = field(default_factory=dict)  # a scan's unsure reads, and why
    issues: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_key = {_key(f.label): f for f in self.fields}

    def feed(self, line: Line) -> bool:
        """Take the fields this row holds; True when it held any."""
        cells = _own_cells(line)
        took = False
        for i, cell in enumerate(cells[:-1]):
            spec, misread = _known(self.by_key, cell)
            if spec is not None and spec.key not in self.values:
                self.values[spec.key] = _value(_choices_or_cell(cells, i + 1), spec)
                self.locations[spec.key] = cell_loc(cells[i + 1])
                _keep_original(self.as_written, spec.key, self.values[spec.key], cells[i + 1].text)
                note_doubt(self.doubts, self.issues, spec.key, spec.label, cells[i + 1],
                           misread or _no_choice(spec, self.values[spec.key], cells[i + 1]))
                took = True
        return took


def note_doubt(doubts: dict[str, str], issues: list[Issue], key: str, label: str, cell: Cell,
               misread: str | None = None) -> None:
    """A field a scan's OCR read without being sure, or found under a label it misread (``misread``: why):
    kept, marked, and said (D004)."""
    why = unsure(cell) or misread or _broken_between_digits(cell)
    if why is not None:
        doubts[key] = f"扫描件{why}"
        issues.append(cat.OCR_UNSURE.issue(section="1", field=label, location=cell_loc(cell),
                                           what=f"“{label}”", raw=cell.text.strip().replace("\n", ""), why=why))


_CHOICES = {"category": category_of}  # fields whose value must be one of the form's choices: what tells it


def _no_choice(spec: FieldSpec, value: str | None, cell: Cell) -> str | None:
    """Why a scan's value of a choice field is in doubt: it is none of the choices (申报类别 read 先, a line
    found through 先进制造业集群 having cut it in two)."""
    tell = _CHOICES.get(spec.key)
    if tell is None or not value or not scanned(cell) or tell(value) is not None:
        return None
    return "读出的内容不是可选项之一（可能有字漏识别，或被误认的表格线切断）"


_BETWEEN_DIGITS = re.compile(r"\d\s*\n\s*\d")


def _broken_between_digits(cell: Cell) -> str | None:
    """Why a scan's value broken over two lines between two digits is in doubt: what stood at the break (the
    hyphen of 0731-⏎88886666) may be lost, and the lines joined are then another number."""
    if scanned(cell) and _BETWEEN_DIGITS.search(cell.norm):
        return "数字分在两行，行末的字符（如电话号码中的“-”）可能漏识别"
    return None


def _choices_or_cell(cells: list, i: int) -> str:
    """The text of the value cell ``i``; when it holds a check box alone, the boxes and choices set out in
    the row's cells from it on (□ | 先进制造业集群 | ☑ | 中小企业特色产业集群)."""
    if _MARKS.fullmatch(cells[i].norm.strip()):
        return " ".join(c.norm for c in cells[i:] if c.norm)
    return cells[i].norm


def _keep_original(store: dict[str, str], key: str, value: str | None, text: str) -> None:
    """Remember the text as written when normalising changed more than spacing (traditional)."""
    original = _one_line(text)
    if value and original and _key(original) != _key(value):
        store[key] = original


def _own_cells(line: Line) -> list:
    """The row's cells, one per grid position, merged neighbours collapsed."""
    out = []
    for cell in line.cells:
        if out and cell.continued and out[-1].continued and cell.norm == out[-1].norm:
            continue
        out.append(cell)
    return out


@dataclass
class BasicInfoReader:
    spec: BasicInfoSpec
    info: BasicInfo = field(default_factory=BasicInfo)
    issues: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.simple = FieldReader(self.spec.fields)
        self.groups = {_key(g.label): g for g in self.spec.groups}
        self._group: GroupSpec | None = None  # the group the last row was in
        self._last_phone: str | None = None  # the phone field of the group's last field read (its 电话 next)
        self.seen: set[str] = set()  # the fields whose label was met, keyed as locations

    def feed(self, line: Line) -> None:
        if not line.is_row:
            return
        cells = _own_cells(line)
        group, group_misread = _known(self.groups, cells[0]) if cells else (None, None)
        if group is None and cells and not cells[0].norm and self._group is not None \
                and any(_key(c.norm) in {_key(f.label) for f in self._group.fields} for c in cells[1:]):
            group = self._group  # a merged group label a PDF drew only once: the row has the group's labels
        if group is None and cells:
            group, cells = self._group_written_otherwise(cells)
        if group is not self._group:
            self._last_phone = None
        self._group = group
        if group is None:
            self.simple.feed(line)
            return
        by_label = {_key(f.label): f for f in group.fields}
        contact = getattr(self.info, group.key)
        last_phone = self._last_phone
        for i in range(1, len(cells) - 1):
            label = _key(cells[i].norm)
            value = _one_line(cells[i + 1].norm)
            spec, misread = _known(by_label, cells[i])
            if spec is not None:
                self.seen.add(f"{group.key}.{spec.key}")
                setattr(contact, spec.key, value)
                self.info.locations[f"{group.key}.{spec.key}"] = cell_loc(cells[i + 1])
                _keep_original(self.info.as_written, f"{group.key}.{spec.key}", value, cells[i + 1].text)
                note_doubt(self.info.doubts, self.issues, f"{group.key}.{spec.key}", f"{group.label}·{spec.label}",
                           cells[i + 1], misread or group_misread)
                last_phone = spec.phone
            elif label in _PHONES and last_phone:
                self.seen.add(f"{group.key}.{last_phone}")
                setattr(contact, last_phone, value)
                self.info.locations[f"{group.key}.{last_phone}"] = cell_loc(cells[i + 1])
                note_doubt(self.info.doubts, self.issues, f"{group.key}.{last_phone}", f"{group.label}·电话",
                           cells[i + 1], group_misread)
        self._last_phone = last_phone

    def _group_written_otherwise(self, cells: list[Cell]) -> tuple[GroupSpec | None, list[Cell]]:
        """A contacts group written field by field, each in a row (or a small table) of its own: the group's
        label fused to its first field (集群促进组织单位名称 | …), then its other fields and their 电话 alone
        (负责人姓名、职务 | …). The group, and the row's cells laid out as the form's (group, label, value …)."""
        key = _key(cells[0].norm)
        for label, group in self.groups.items():
            rest = key.removeprefix(label)
            if rest != key and rest in {_key(f.label) for f in group.fields}:
                return group, [cells[0], replace(cells[0], norm=rest), *cells[1:]]
        if self._group is not None and (key in {_key(f.label) for f in self._group.fields}
                                        or (key in _PHONES and self._last_phone)):
            return self._group, [cells[0], *cells]
        return None, cells

    def result(self) -> BasicInfo:
        for key, value in self.simple.values.items():
            setattr(self.info, key, value)
        self.seen.update(self.simple.values)
        wanted = [f.key for f in self.spec.fields] + [f"{g.key}.{f.key}" for g in self.spec.groups for f in g.fields]
        wanted += [f"{g.key}.{f.phone}" for g in self.spec.groups for f in g.fields if f.phone]
        self.info.not_found = [key for key in dict.fromkeys(wanted) if key not in self.seen]
        self.info.locations.update(self.simple.locations)
        self.info.as_written.update(self.simple.as_written)
        self.info.doubts.update(self.simple.doubts)
        return self.info

    @property
    def issues_found(self) -> list[Issue]:
        return self.issues + self.simple.issues
