"""Write the rule catalogue into README.md between its markers, from the rules' own declarations.

    python scripts/update_readme_rules.py          # rewrite the table
    python scripts/update_readme_rules.py --check  # exit 1 when the README's table is not the catalogue's
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportcheck.render.rules import rules_table

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules:start (scripts/update_readme_rules.py) -->", "<!-- rules:end -->"


def with_table(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    if not rest or not tail:
        raise SystemExit(f"README.md has no {START} … {END} block")
    return f"{head}{START}\n{rules_table('markdown')}\n{END}{tail}"


def main() -> int:
    text = README.read_text("utf-8")
    wanted = with_table(text)
    if "--check" in sys.argv:
        return 0 if wanted == text else 1
    if wanted != text:
        README.write_text(wanted, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
