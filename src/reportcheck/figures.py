"""Every figure and entry of a report under a stable key, and the keys read in doubt: to measure one
reading of a report against another that is known to be right (a scan against its Word file)."""

from __future__ import annotations

import dataclasses

from reportcheck.model import Report


def _plain(value: object) -> object:
    return "".join(value.split()) if isinstance(value, str) else value


def figures(report: Report) -> dict[str, object]:
    """Indicator values, cluster values, growth and evidence pages; list entries; basic information
    (texts without their spacing, which print does not show)."""
    out: dict[str, object] = {}
    for ind in report.indicators:
        stem = f"{ind.section}.{ind.key}"
        out.update({f"{stem}.{y}": v for y, v in ind.values.items()})
        out.update({f"{stem}.{y}:cluster": v for y, v in (ind.cluster_values or {}).items()})
        out[f"{stem}.growth"] = ind.growth_pct
        out[f"{stem}.pages"] = ind.evidence_pages
    for table in report.lists:
        for i, row in enumerate(table.rows):
            out.update({f"list.{table.id}.{i}.{k}": _plain(v) for k, v in row.values.items()})
            out.update({f"list.{table.id}.{i}.{k}:{y}": v
                        for k, years in row.by_year.items() for y, v in years.items()})
    basic = report.basic
    for key in ("cluster_name", "industry_field", "category", "leading_industry", "region"):
        out[f"basic.{key}"] = _plain(getattr(basic, key))
    for group in ("promotion_org", "core_park"):
        contact = getattr(basic, group)
        out.update({f"basic.{group}.{f.name}": _plain(getattr(contact, f.name)) for f in dataclasses.fields(contact)})
    return out


def doubtful(report: Report) -> set[str]:
    """The keys of ``figures`` the reader marked as read in doubt."""
    out: set[str] = set()
    for ind in report.indicators:
        stem = f"{ind.section}.{ind.key}"
        if ind.doubts:
            out.add(f"{stem}.pages")  # pages are read from the cells in doubt too
        columns = [*ind.values, *(f"{y}:cluster" for y in ind.cluster_values or {}), "growth"]
        out.update(f"{stem}.{c}" for c in columns if "row" in ind.doubts or c in ind.doubts)
    for table in report.lists:
        for i, row in enumerate(table.rows):
            keys = row.doubts
            if "row" in row.doubts:  # the whole entry: every figure of it
                keys = [*row.values, *(f"{k}:{y}" for k, years in row.by_year.items() for y in years)]
            out.update(f"list.{table.id}.{i}.{k}" for k in keys)
    out.update(f"basic.{k}" for k in report.basic.doubts)
    return out


def read_against(truth: Report, read: Report) -> tuple[int, list[str], list[str]]:
    """(figures in ``truth``, keys read wrong, keys read wrong without a doubt)."""
    want, got = figures(truth), figures(read)
    wrong = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    doubted = doubtful(read)
    return len(want), wrong, [k for k in wrong if k not in doubted]
