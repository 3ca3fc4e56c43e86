"""What the metamorphic tests compare: a report's figures and findings, spelled the same way for both sides."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from . import ChangeSet

DATE = re.compile(r"(20\d\d)\D{1,2}(\d{1,2})")


def _string(value: Any, coarse_dates: bool) -> Any:
    if not isinstance(value, str):
        return value
    m = DATE.match(value)
    if m and len(value) <= 12:
        return m.group(1) if coarse_dates else f"{m.group(1)}-{int(m.group(2)):02d}"
    if coarse_dates and re.fullmatch(r"20\d\d年", value):
        return value[:4]
    return value


def _phone(text: str | None) -> str | None:
    return re.sub(r"\D", "", text) if text else text


def snapshot(report, changes: ChangeSet | None = None) -> dict[str, Any]:
    """Every figure the tests compare, keyed so that a difference reads as one line."""
    coarse = bool(changes and changes.dates_coarsened)
    out: dict[str, Any] = {
        "stage": report.stage, "category": report.category, "years": report.years,
        "declaration_present": report.declaration_present, "evidence_range": report.evidence_range,
    }
    b = report.basic
    for key in ("cluster_name", "industry_field", "leading_industry", "region"):
        out[f"basic {key}"] = getattr(b, key)
    for who in ("promotion_org", "core_park"):
        c = getattr(b, who)
        out[f"basic {who}"] = (c.name, c.leader, _phone(c.leader_phone), c.contact, _phone(c.contact_phone))
    for key, value in report.fields.items():
        out[f"field {key}"] = value
    for ind in report.indicators:
        name = f"{ind.section} {ind.label}"
        out[f"{name} values"] = ind.values
        out[f"{name} cluster_values"] = ind.cluster_values
        out[f"{name} growth_pct"] = ind.growth_pct
        out[f"{name} evidence_pages"] = ind.evidence_pages
        out[f"{name} base_year"] = ind.base_year
    for table in report.lists:
        out[f"list {table.id} rows"] = len(table.rows)
        for i, row in enumerate(table.rows):
            out[f"list {table.id} row {i + 1}"] = (
                {k: _string(v, coarse) for k, v in row.values.items()}, row.by_year)
    for text in report.texts:
        out[f"text {text.id} 字数"] = text.word_count
    return out


def differences(original, variant, changes: ChangeSet) -> list[str]:
    """One line per figure that differs beyond what the transform may change."""
    want, got = snapshot(original, changes), snapshot(variant, changes)
    for tid, delta in changes.word_count_delta.items():
        if f"text {tid} 字数" in want:
            want[f"text {tid} 字数"] += delta
    lines = []
    for key in list(want) + [k for k in got if k not in want]:
        a, b = got.get(key, "<missing>"), want.get(key, "<missing>")
        if a == b:
            continue
        if changes.growth_may_change and key.endswith("growth_pct") and isinstance(a, float) \
                and isinstance(b, float) and abs(a - b) <= 0.1 + 1e-9:
            continue
        lines.append(f"{key}: {a!r} != {b!r}")
    return lines


def findings(issues) -> Counter[tuple[str, str | None, str | None]]:
    """Findings by (code, section, field), counted: two X001 on one row are not one."""
    return Counter((i.code, i.section, i.field) for i in issues)


def finding_differences(original: Counter, variant: Counter, changes: ChangeSet) -> list[str]:
    want = Counter({f: n for f, n in original.items() if f not in changes.findings_removed})
    for f in changes.findings_added:
        want[f] = max(want[f], variant[f], 1)
    lines = [f"new finding {f}" for f in sorted((variant - want).elements(), key=str)]
    lines += [f"lost finding {f}" for f in sorted((want - variant).elements(), key=str)]
    return lines
