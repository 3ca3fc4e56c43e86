"""A fill: the figures a sample carries, how they are written, and what a checker must find."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportcheck.spec import IndicatorTableSpec, ListTableSpec, RowSpec, TemplateSpec

FULLWIDTH = str.maketrans("0123456789.,%-", "０１２３４５６７８９．，％－")
EXACT_UNITS = {"个", "人"}


def decimals_for(unit: str) -> int:
    return 0 if unit in EXACT_UNITS else (2 if unit == "吨/万元" else 1)


@dataclass
class Fill:
    spec: TemplateSpec
    layout: str
    years: tuple[str, str]
    basic: dict
    values: dict[str, list[float | None]]  # key -> per column (2 years; 5.1: actual + 3 targets)
    cluster_values: dict[str, list[float | None]] = field(default_factory=dict)
    evidence: dict[str, list[int]] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[dict]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    evidence_appendix: list[str] = field(default_factory=list)
    # how things are written (messy spellings) and what is planted
    labels: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)  # key -> format style
    evidence_styles: dict[str, str] = field(default_factory=dict)
    growth_override: dict[str, str] = field(default_factory=dict)
    raw_override: dict[tuple[str, int], str] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    dropped_tables: set[str] = field(default_factory=set)
    order: dict[str, list[str]] = field(default_factory=dict)
    inserted: dict[str, str] = field(default_factory=dict)
    drop_title: bool = False
    framed_chapters: set[str] = field(default_factory=set)
    drop_declaration: bool = False
    page_furniture: bool = False  # page header, page-number footer, table headers repeated per page
    evidence_range: tuple[int, int] | None = (10, 40)  # stated in the appendix heading, or not stated
    # what the free text says: each sentence the builder wrote with figures -> the claims it makes
    statements: dict[str, list[dict]] = field(default_factory=dict)
    aspects: dict[str, str] = field(default_factory=dict)  # aspect of the 2.8 instruction -> its sentence
    aspect_block: str = "2.8"
    expected_issues: list[dict] = field(default_factory=list)

    # --- writing -------------------------------------------------------------------------
    @property
    def evidence_heading(self) -> str:
        """The page range after the appendix heading: 佐证材料（第10-40页）."""
        if self.evidence_range is None:
            return ""
        first, last = self.evidence_range
        return f"（第{first}-{last}页）"

    def label(self, key: str, default: str) -> str:
        return self.labels.get(key, default)

    def title(self, table_id: str, default: str) -> str:
        return self.titles.get(table_id, default)

    def ordered_rows(self, t: IndicatorTableSpec) -> list[RowSpec | None]:
        rows = {r.key: r for r in t.rows if r.key not in self.dropped}
        keys = self.order.get(t.id, [r.key for r in t.rows])
        out: list[RowSpec | None] = [rows[k] for k in keys if k in rows]
        if t.id in self.inserted:
            out.insert(len(out) // 2, None)
        return out

    def inserted_row(self, t: IndicatorTableSpec) -> list:
        from .writer import C

        width = 6 if t.kind == "park_indicators" else (5 if t.kind == "targets" else 3 + int(t.growth))
        return [C(self.inserted[t.id])] + [C("12.0") for _ in range(width - 1)]

    def number(self, value: float | None, unit: str, style: str = "") -> str:
        if value is None:
            return {"dash": "—", "slash": "/", "none": "无", "hyphen": "-"}.get(style, "—")
        d = decimals_for(unit)
        text = f"{value:.{d}f}"
        if style == "fullwidth":
            return text.translate(FULLWIDTH)
        if style == "thousands":
            return f"{value:,.{d}f}"
        if style == "unit":
            return text + unit
        if style == "wan":  # 亿元 written in 万元
            return f"{value * 10000:.0f}万元"
        if style == "decimal1":
            return f"{value:.1f}"
        if style == "approx":
            return "约" + text
        return text

    def cell(self, row: RowSpec, i: int, cluster: bool = False) -> str:
        if (row.key, i) in self.raw_override and not cluster:
            return self.raw_override[(row.key, i)]
        source = self.cluster_values if cluster else self.values
        values = source.get(row.key)
        if values is None or i >= len(values):
            return ""
        style = self.formats.get(row.key, "")
        text = self.number(values[i], row.unit, style)
        pages = self.evidence.get(row.key)
        last = len(values) - 1
        if pages and i == last and not cluster:
            text += self.evidence_ref(pages, self.evidence_styles.get(row.key, "paren"))
        return text

    @staticmethod
    def evidence_ref(pages: list[int], style: str) -> str:
        p = pages[0]
        span = f"{p}-{pages[-1]}" if len(pages) > 1 else str(p)
        return {
            "paren": f"（P{span}）",
            "see": f"（见佐证材料第{span}页）",
            "bracket": f"[第{span}页]",
            "bare": f" 佐证P{span}",
        }[style]

    def growth(self, row: RowSpec) -> float | None:
        values = self.values.get(row.key)
        if not values or values[0] in (None, 0) or values[1] is None:
            return None
        return round((values[1] / values[0] - 1) * 100, 1)

    def growth_cell(self, row: RowSpec) -> str:
        if row.key in self.growth_override:
            return self.growth_override[row.key]
        g = self.growth(row)
        return "—" if g is None else f"{g:.1f}"

    def list_number(self, value: float | None, unit: str | None) -> str:
        if value is None:
            return ""
        return f"{value:.0f}" if unit == "万元" else f"{value:.1f}"

    # --- ground truth --------------------------------------------------------------------
    def expected(self) -> dict:
        """What extraction must give, from the figures put in (not from reportcheck)."""
        indicators = []
        t1 = int(self.years[1]) + 1
        for t in self.spec.indicator_tables:
            if t.id in self.dropped_tables:
                continue
            for row in t.rows:
                if row.key in self.dropped:
                    continue
                values = self.values.get(row.key)
                if t.kind == "targets":
                    keys = [self.years[1]] + [str(t1 + i) for i in range(3)]
                elif row.single_value:
                    keys = [self.years[1]]
                else:
                    keys = list(self.years)
                vals = {k: (values[i] if values and i < len(values) and (row.key, i) not in self.raw_override
                            else None) for i, k in enumerate(keys)}
                if row.single_value and values:
                    vals = {self.years[1]: values[0]}
                growth = None
                if t.growth and not row.single_value:
                    text = self.growth_override.get(row.key)
                    growth = float(text) if text not in (None, "—") else self.growth(row)
                indicators.append({
                    "section": t.id, "label": row.label, "values": vals, "growth_pct": growth,
                    "evidence_pages": self.evidence.get(row.key, []) if values and any(values) else [],
                    "cluster_values": self._expected_cluster_values(t, row),
                })
        return {
            "stage": self.spec.stage,
            "category": "advanced" if "先进" in self.basic.get("category", "") else "sme",
            "years": list(self.years),
            "cluster_name": self.basic.get("cluster_name") or None,
            "basic": self._expected_basic(),
            "indicators": indicators,
            "list_rows": {t.id: len(self.lists.get(t.id, [])) for t in self.spec.list_tables},
            "lists": {t.id: [self._expected_list_row(t, entry) for entry in self.lists.get(t.id, [])]
                      for t in self.spec.list_tables},
            "texts": {t.id: self._expected_text(t.id) for t in self.spec.text_blocks},
            "evidence_range": list(self.evidence_range) if self.evidence_range else None,
            "issues": sorted(self.expected_issues, key=lambda i: (i["code"], i["section"] or "", i["field"] or "")),
        }

    def _expected_cluster_values(self, t: IndicatorTableSpec, row: RowSpec) -> dict[str, float | None] | None:
        """其中集群产业 by year, as written in 3.1; None where the form has no such column."""
        if t.kind != "park_indicators" or row.single_value:
            return None
        cluster = self.cluster_values.get(row.key) or []
        return {y: (cluster[i] if i < len(cluster) else None) for i, y in enumerate(self.years)}

    def _expected_basic(self) -> dict:
        """Basic information as filled in; a field left empty is None."""
        out: dict = {key: (self.basic.get(key) or None)
                     for key in ("cluster_name", "industry_field", "category", "leading_industry", "region")}
        for group in ("promotion_org", "core_park"):
            filled = self.basic.get(group, {})
            out[group] = {key: (filled.get(key) or None)
                          for key in ("name", "leader", "leader_phone", "contact", "contact_phone")}
        return out

    def _expected_list_row(self, t: ListTableSpec, entry: dict) -> dict:
        """One list row as written: numbers as the cell shows them, an empty cell as None."""
        def number(value: float | None, unit: str | None) -> float | None:
            return None if value is None else float(self.list_number(value, unit))

        values: dict[str, str | float | None] = {}
        by_year: dict[str, dict[str, float | None]] = {}
        for c in t.columns:
            if c.per_year:
                by_year[c.key] = {y: number(v, c.unit) for y, v in zip(self.years, entry[c.key], strict=True)}
            elif c.type == "number":
                values[c.key] = number(entry.get(c.key), c.unit)
            else:
                values[c.key] = str(entry.get(c.key, "")) or None
        return {"values": values, "by_year": by_year}

    def _expected_text(self, block: str) -> dict:
        """The figures the builder stated in a text block, and the aspects it left out (2.8)."""
        text = self.texts.get(block, "")
        out: dict = {"claims": [claim for sentence, claims in self.statements.items() if sentence in text
                                for claim in claims]}
        if block == self.aspect_block and self.aspects:
            out["aspects_missing"] = [name for name, sentence in self.aspects.items() if sentence not in text]
        return out
