"""Write the JSON Schemas of the typed model into schemas/ (a test fails when they are stale).

    python scripts/gen_schema.py
"""

from __future__ import annotations

import json
from pathlib import Path

from reportcheck.model import Issue, Report

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
TARGETS = {"report.schema.json": Report, "issue.schema.json": Issue}


def render(model: type) -> str:
    return json.dumps(model.model_json_schema(mode="serialization"), ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    for name, model in TARGETS.items():
        (SCHEMAS / name).write_text(render(model), encoding="utf-8")
    print(f"wrote {', '.join(TARGETS)} to {SCHEMAS}")


if __name__ == "__main__":
    main()
