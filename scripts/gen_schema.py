"""Write the JSON Schemas of the typed model into schemas/ (a test fails when they are stale).

    python scripts/gen_schema.py
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pydantic import ConfigDict, TypeAdapter

from reportcheck import model
from reportcheck.model import Issue, Report

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
TARGETS = {"report.schema.json": Report, "issue.schema.json": Issue}


def render(cls: type) -> str:
    """The JSON Schema of one dataclass of the model; descriptions are the attributes' docstrings."""
    for member in vars(model).values():
        if dataclasses.is_dataclass(member):
            member.__pydantic_config__ = ConfigDict(use_attribute_docstrings=True)  # type: ignore[attr-defined]
    schema = TypeAdapter(cls).json_schema(mode="serialization")
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    for name, cls in TARGETS.items():
        (SCHEMAS / name).write_text(render(cls), encoding="utf-8")
    print(f"wrote {', '.join(TARGETS)} to {SCHEMAS}")


if __name__ == "__main__":
    main()
