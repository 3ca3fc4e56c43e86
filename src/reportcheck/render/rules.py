"""``reportcheck rules``: the catalogue as a table, and one rule's documentation."""

from __future__ import annotations

import json

from reportcheck.catalogue import EXTRACTION_DOC, IssueType
from reportcheck.model import SEVERITY_ZH
from reportcheck.rules import CROSS_RULES, REGISTRY, issue_types


def _doc(itype: IssueType) -> str:
    rule = next((r for r in (*REGISTRY, *CROSS_RULES) if r.code == itype.code), None)
    return rule.doc if rule is not None else (itype.description or EXTRACTION_DOC)


def _source(itype: IssueType) -> str:
    return itype.source or "报告读取（提取阶段）"


def _entry(itype: IssueType) -> dict:
    return {"code": itype.code, "name": itype.name, "severity": itype.severity, "source": _source(itype),
            "message": itype.template, "doc": _doc(itype)}


def rules_table(fmt: str) -> str:
    types = issue_types()
    if fmt == "json":
        return json.dumps([_entry(t) for t in types], ensure_ascii=False, indent=1)
    lines = [f"{'代码':<6} {'级别':<4} {'名称':<42} 依据"]
    for t in types:
        lines.append(f"{t.code:<8} {SEVERITY_ZH[t.severity]:<4} {t.name:<42} {_source(t)}")
    lines.append(f"\n共{len(types)}项。reportcheck rules 代码 查看说明，如 reportcheck rules AR001。")
    return "\n".join(lines)


def rule_docs(code: str, fmt: str) -> str | None:
    itype = next((t for t in issue_types() if t.code == code), None)
    if itype is None:
        return None
    entry = _entry(itype)
    if fmt == "json":
        return json.dumps(entry, ensure_ascii=False, indent=1)
    return "\n".join([
        f"{itype.code}  {itype.name}  （{SEVERITY_ZH[itype.severity]}）",
        f"依据：{_source(itype)}",
        f"消息：{itype.template}",
        "",
        entry["doc"] or "（无说明）",
    ])
