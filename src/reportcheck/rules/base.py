"""What a rule is: an issue type plus a check on the typed model, with its source and docs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportcheck.archived import written
from reportcheck.catalogue import IssueType
from reportcheck.model import DATA_SHEET as DATA_SHEET  # the data sheet's template id, for the rules
from reportcheck.model import Issue, Report
from reportcheck.rounding import half_unit as half_unit  # the interval arithmetic, for the rules
from reportcheck.rounding import intervals_meet as intervals_meet
from reportcheck.rounding import ratio_interval as ratio_interval

RulePack = dict


class Documented:
    """A rule's code and documentation: its issue type's code, its check's docstring."""

    __slots__ = ()
    type: IssueType
    check: Callable

    @property
    def code(self) -> str:
        return self.type.code

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


@dataclass(frozen=True, slots=True)
class Rule(Documented):
    """One rule, one place: its issue type (code, severity, message, source, tags), its check, the pack
    options the check reads (``thresholds.sme_output_min``, ``top_lists``: see :mod:`.pack_model`) and the
    other codes it may give (its "cannot verify"). ``check`` reads only the model and the pack, never a file.
    tests/test_rule_declarations.py holds every rule to this declaration."""

    type: IssueType
    check: Callable[[Rule, Report, RulePack], Iterator[Issue]]
    options: tuple[str, ...] = ()
    also: tuple[IssueType, ...] = ()

    def run(self, report: Report, pack: RulePack) -> list[Issue]:
        return list(self.check(self, report, pack))


def indicator_label(report: Report, key: str) -> str:
    """The official label of an indicator, also when the report lacks its row (never the key)."""
    ind = report.indicator(key)
    if ind is not None:
        return ind.label
    from reportcheck.spec import load_data_sheet_spec, load_templates

    rows = [r for t in load_templates() for tbl in t.indicator_tables for r in tbl.rows]
    rows += list(load_data_sheet_spec().extra_rows)
    return next((r.label for r in rows if r.key == key), key)


def _form(report: Report):  # -> TemplateSpec (imported late: the rules load without the specs)
    """The form the report was read with (a data sheet's: the form whose rows the sheet copies)."""
    from reportcheck.spec import default_template, load_data_sheet_spec, load_templates

    wanted = load_data_sheet_spec().template if report.template == DATA_SHEET else report.template
    return next((s for s in load_templates() if s.id == wanted), None) or default_template()


def form_row(report: Report, key: str):  # -> RowSpec | None
    """The row of the report's form an indicator is read from (what its evidence must show …)."""
    found = _form(report).row(key)
    return found[1] if found is not None else None


def section_of(report: Report, key: str) -> str:
    """The section an indicator is in: its row's, or where the report's form puts it when the row is
    missing (a data sheet's extra rows are section X). Rules take section numbers from here, not literals."""
    ind = report.indicator(key)
    if ind is not None:
        return ind.section
    found = _form(report).row(key)
    return found[0].id if found is not None else "X"


def basic_section(report: Report) -> str:
    """The section of the basic information (一、集群基本信息 in the Hunan forms)."""
    return _form(report).basic_info.id


def list_section(report: Report, list_id: str) -> str:
    table = report.list_table(list_id)
    if table is not None:
        return table.section
    return next((t.section for t in _form(report).list_tables if t.id == list_id), "")


def missing_reason(report: Report, key: str) -> str:
    """Why the latest-year figure of an indicator cannot be used: not filled, or read in doubt."""
    label = indicator_label(report, key)
    ind = report.indicator(key)
    year = report.years[-1] if report.years else None
    doubt = ind.doubts.get("row") or ind.doubts.get(year or "") if ind is not None else None
    if doubt:
        return f"“{label}”{year or ''}年的数值读取存疑（{doubt}）"
    if ind is None:
        return f"未找到“{label}”一行"
    return f"未填报{year + '年' if year else '最近一年'}的“{label}”"


def latest_value(report: Report, key: str) -> tuple[str, float] | None:
    """The indicator's value in the report's latest year."""
    ind = report.indicator(key)
    if ind is None or not report.years:
        return None
    year = report.years[-1]
    value = ind.values.get(year)
    return None if value is None else (year, value)


def is_exact(report_unit: str, decimals: int, pack: RulePack) -> bool:
    """Whole counts (个, 人 with no decimals) are exact, not rounded."""
    return report_unit in pack.get("exact_units", []) and decimals == 0


def fmt(value: float) -> str:
    """A figure as a person writes it: 1326.8, 12, 0.48."""
    return written(value, None)
