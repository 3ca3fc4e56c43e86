"""``reportcheck compare`` output: the differences of two versions grouped by section in template order,
each quoting both values and where each was read; then the figures that could not be confirmed, the
seals and signatures on a PDF's declaration page, and the verdict. Also as one JSON object.
"""

from __future__ import annotations

import json

from reportcheck.compare.result import Comparison, Difference, StampCheck
from reportcheck.compare.values import Value, same_value, show
from reportcheck.model import Loc
from reportcheck.render.grouping import section_key
from reportcheck.render.text import Painter

_BLACK_INK = "未发现签字笔迹（按蓝、蓝黑等有色墨迹识别；黑色笔迹无法与印刷文字区分，请人工核对）"


def comparison_json(comparison: Comparison) -> dict:
    """The comparison as JSON-ready data: both paths, ``agree``, ``differences``, ``doubts`` and, for a
    PDF side, its declaration page's seals and signatures under ``stamps`` (null for a Word file)."""
    from reportcheck.typed import to_data

    return {"a": comparison.a, "b": comparison.b, "agree": comparison.agree,
            "differences": [to_data(d) for d in comparison.differences],
            "doubts": [to_data(d) for d in comparison.doubts],
            "stamps": {"a": to_data(comparison.a_stamp), "b": to_data(comparison.b_stamp)}}


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison_json(comparison), ensure_ascii=False, indent=1)


def render_text(comparison: Comparison, formats: tuple[str, str], colour: bool = False) -> str:
    """The comparison for a person; ``formats`` names each file's kind (Word, PDF, 数据表)."""
    paint = Painter(colour)
    out = [paint("版本比对", "bold"), f"  A：{comparison.a}（{formats[0]}）", f"  B：{comparison.b}（{formats[1]}）"]
    for heading, found in _by_place(comparison.differences):
        out.append("  " + paint(heading, "bold"))
        out.extend(f"    {line}" for d in found for line in _describe(d))
    if comparison.doubts:
        out.append("  " + paint("无法确认（读取存疑，不算差异）", "bold"))
        for doubt in comparison.doubts:
            place = " ".join(p for p in (doubt.section, doubt.label, doubt.column) if p)
            alike = "；两版读数相同，但读取存疑" if same_value(doubt.a, doubt.b) else ""
            out.append(f"    {place}：{_values(doubt)}（{doubt.reason}{alike}）")
    for side, stamp, kind in (("A", comparison.a_stamp, formats[0]), ("B", comparison.b_stamp, formats[1])):
        if stamp is not None:
            out.append("  " + paint(f"{side}（{kind}）声明页的印章和签字", "bold"))
            out.extend(f"    {line}" for line in _describe_stamp(stamp))
    out.append(_verdict(comparison, paint))
    return "\n".join(out)


def _by_place(differences: list[Difference]) -> list[tuple[str, list[Difference]]]:
    """Differences under their section and table (2.4 has two lists), in template order; the whole
    report's (pages, stage) first under 全文."""
    groups: dict[tuple[str | None, str | None], list[Difference]] = {}
    for d in differences:
        groups.setdefault((d.section, d.table), []).append(d)
    ordered = sorted(groups, key=lambda k: section_key(k[0]))
    return [(" ".join(p for p in key if p) or "全文", groups[key]) for key in ordered]


def _describe(d: Difference) -> list[str]:
    """A difference in words, one or more lines, quoting both values and where each was read."""
    name = " ".join(p for p in (d.label if d.kind not in ("text", "missing") else None, d.column) if p)
    if d.kind == "missing":
        present, absent = ("A", "B") if d.a is not None else ("B", "A")
        where = _where(d.a_location if d.a is not None else d.b_location)
        return [f"{d.label}（{d.column}）：{present}有{where}，{absent}没有"]
    if d.kind == "text" and d.column_key == "changed":
        return [f"{name}：", f"  A：“{d.a}”{_where(d.a_location)}", f"  B：“{d.b}”{_where(d.b_location)}"]
    if d.kind == "text":
        text, loc = (d.a, d.a_location) if d.a is not None else (d.b, d.b_location)
        return [f"{name}：“{text}”{_where(loc)}"]
    return [f"{name}：{_values(d)}"]


def _values(d: Difference) -> str:
    return f"A为{_value(d, d.a)}{_where(d.a_location)}，B为{_value(d, d.b)}{_where(d.b_location)}"


def _value(d: Difference, value: Value) -> str:
    if value is None:
        return "空"
    if d.kind == "pages":
        return f"{value}页"
    if d.column_key == "evidence_pages":
        return f"第{show(value)}页"
    if isinstance(value, int | float):
        return f"{show(value)}{d.unit or ''}"
    return f"“{show(value)}”"


def _where(loc: Loc | None) -> str:
    text = loc.describe() if loc is not None else ""
    return f"[{text}]" if text else ""


def _describe_stamp(stamp: StampCheck) -> list[str]:
    """What the declaration page carries: the seals found against the places asking for one, and a
    signature beside each signature line; or why it could not be checked."""
    page = f"第{stamp.page}页：" if stamp.page is not None else ""
    if not stamp.checked:
        return [f"{page}{stamp.note}"]
    seals = f"找到{stamp.seals}枚红色印章" if stamp.seals else "未发现红色印章"
    if stamp.seal_labels:
        seals += f"（该页有{stamp.seal_labels}处盖章位置）"
    lines = [f"{page}{seals}"]
    lines.extend(f"{s.label}：{'有签字笔迹' if s.found else _BLACK_INK}" for s in stamp.signatures)
    return lines


def _verdict(comparison: Comparison, paint: Painter) -> str:
    doubts = f"；另有{len(comparison.doubts)}处无法确认" if comparison.doubts else ""
    if comparison.agree:
        return paint(f"结论：两个版本一致{doubts}", "green")
    return paint(f"结论：两个版本不一致，共{len(comparison.differences)}处差异{doubts}", "error")
