"""The JSON Schemas in schemas/ are generated from the model; a stale one fails here."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import gen_schema


def test_json_schemas_are_up_to_date():
    for name, model in gen_schema.TARGETS.items():
        on_disk = (ROOT / "schemas" / name).read_text("utf-8")
        assert on_disk == gen_schema.render(model), f"run python scripts/gen_schema.py ({name} is stale)"


def test_template_specs_validate_and_labels_are_unique_per_table():
    from reportcheck.extract.labels import label_keys
    from reportcheck.spec import load_templates

    for spec in load_templates():
        for table in spec.indicator_tables:
            owner: dict[str, str] = {}
            for row in table.rows:
                for label in (row.label, row.form_label, *row.aliases):
                    for key in label_keys(label):
                        assert owner.setdefault(key, row.key) == row.key, (table.id, key)
