"""``reportcheck rules``: the catalogue as a table, and one rule's documentation."""

from __future__ import annotations

import json
from functools import cache

from reportcheck.catalogue import EXTRACTION_DOC, TAGS, IssueType
from reportcheck.model import SEVERITY_ZH
from reportcheck.render.widths import display_width
from reportcheck.rules import (
    CROSS_RULES,
    DEFAULT_PACK,
    HISTORY_RULES,
    REGISTRY,
    available_packs,
    issue_types,
    load_pack,
)
from reportcheck.rules.pack_model import describe_option
from reportcheck.spec import load_json_resource


@cache
def _names_zh() -> dict[str, str]:
    """Each code's name in Chinese, as a table column 名称 says it (schemas/lexicon/rule_names.json)."""
    return load_json_resource("lexicon", "rule_names.json")


def name_zh(itype: IssueType) -> str:
    return _names_zh().get(itype.code, itype.name)


def _doc(itype: IssueType) -> str:
    rule = next((r for r in (*REGISTRY, *CROSS_RULES, *HISTORY_RULES) if r.code == itype.code), None)
    return rule.doc if rule is not None else (itype.description or EXTRACTION_DOC)


def _options(itype: IssueType) -> list[dict]:
    """The pack options the rule reads: type, meaning, and the value each shipped pack gives it."""
    rule = next((r for r in (*REGISTRY, *HISTORY_RULES) if r.code == itype.code), None)
    if rule is None:
        return []
    family = rule.code.rstrip("0123456789")
    every = rule in HISTORY_RULES  # the archive's rules run with --archive, whatever the pack's families
    shipped = {name: load_pack(name) for name in available_packs()}
    packs = {name: pack for name, pack in shipped.items()
             if every or family in (pack.get("families") or [family])}  # the packs running it
    out = []
    for path in rule.options:
        kind, meaning = describe_option(path)
        values = {_named(name): found for name, pack in packs.items() if (found := _lookup(pack, path)) is not None}
        out.append({"name": path, "type": kind, "meaning": meaning, "values": values,
                    "defaulted": bool(packs) and not values})
    return out


def _named(pack: str) -> str:
    return f"{pack}（默认）" if pack == DEFAULT_PACK else pack


def _lookup(pack: dict, path: str) -> object:
    for part in path.split("."):
        pack = pack.get(part) if isinstance(pack, dict) else None
    return pack


def _shown(value: object) -> str:
    """An option's value in one line: a threshold as its number and unit, anything else as short JSON."""
    if isinstance(value, dict) and "value" in value:
        return f"{value['value']:g}{value.get('unit') or ''}"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 70 else text[:69] + "…"


def _source(itype: IssueType) -> str:
    return itype.source or "报告读取（提取阶段）"


def _entry(itype: IssueType) -> dict:
    return {"code": itype.code, "name": itype.name, "name_zh": name_zh(itype), "severity": itype.severity,
            "source": _source(itype),
            "message": itype.template, "doc": _doc(itype), "tags": sorted(itype.tags), "options": _options(itype)}


def rules_table(fmt: str) -> str:
    types = issue_types()
    if fmt == "json":
        return json.dumps([_entry(t) for t in types], ensure_ascii=False, indent=1)
    if fmt == "markdown":
        return _markdown(types)
    width = max(display_width(name_zh(t)) for t in types)
    lines = [f"{'代码':<6} {'级别':<4} {_pad('名称', width)} 依据"]
    for t in types:
        lines.append(f"{t.code:<8} {SEVERITY_ZH[t.severity]:<4} {_pad(name_zh(t), width)} {_source(t)}")
    lines.append(f"\n共{len(types)}项。reportcheck rules 代码 查看说明，如 reportcheck rules AR001。")
    return "\n".join(lines)


def _markdown(types: list[IssueType]) -> str:
    """The catalogue as the README's table (scripts/update_readme_rules.py puts it there)."""
    lines = ["| 代码 | 名称 | 级别 | 依据 | 规则包设置 |", "|---|---|---|---|---|"]
    for t in types:
        options = "、".join(f"`{o['name']}`" for o in _options(t))
        cells = [t.code, name_zh(t), SEVERITY_ZH[t.severity], _source(t), options]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def rule_docs(code: str, fmt: str) -> str | None:
    itype = next((t for t in issue_types() if t.code == code), None)
    if itype is None:
        return None
    entry = _entry(itype)
    if fmt == "json":
        return json.dumps(entry, ensure_ascii=False, indent=1)
    lines = [
        f"{itype.code}  {name_zh(itype)}  （{SEVERITY_ZH[itype.severity]}，{itype.name}）",
        f"依据：{_source(itype)}",
        f"消息：{itype.template}",
        *(f"标记：{TAGS[tag]}" for tag in sorted(itype.tags)),
        "",
        entry["doc"] or "（无说明）",
    ]
    if entry["options"]:
        lines += ["", "规则包中的设置（--pack 文件可改写）："]
        for option in entry["options"]:
            lines.append(f"  {option['name']}（{option['type']}）：{option['meaning']}")
            lines += [f"    {pack}：{_shown(value)}" for pack, value in option["values"].items()]
            if not option["values"]:
                said = "随附的规则包都取默认值" if option.get("defaulted") else "随附的规则包都不运行此规则"
                lines.append(f"    （{said}）")
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))
