"""The scaffold (scripts/new_rule.py) on a copy of the project: a new rule is its family module plus its cases.

The copy gets the scaffold's skeleton, a check written into the one place the scaffold marks, and two cases;
the rule's own tests then pass there, and ``rules CODE`` explains it, with no other file touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

CHECK = '''    if len(report.years) < 2:
        yield rule.type.issue(section="2.1", field="年份", value=len(report.years))'''


def _copy(tmp: Path) -> Path:
    root = tmp / "project"
    for part in ("src", "tests", "schemas", "scripts"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "README.md", root / "README.md")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)


def test_a_new_rule_is_its_module_and_its_cases(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    made = _run(root, "scripts/new_rule.py", "CO013", "consistency.two-years", "两年数据", "--severity", "warning",
                "--source", "填写说明 第二条", "--root", str(root))
    assert made.returncode == 0, made.stderr
    changed = {p for p, data in before.items() if (root / p).read_bytes() != data}
    added = {p.relative_to(root) for p in root.rglob("*") if p.is_file()} - before.keys()
    module = root / "src/reportcheck/rules/consistency.py"
    assert changed == {module.relative_to(root), Path("schemas/lexicon/rule_names.json")}
    assert added == {Path("tests/rule_cases/CO013.json")}

    text = module.read_text("utf-8")
    assert "Rule(TWO_YEARS, check_two_years)," in text and text.count("    yield from ()") == 1
    module.write_text(text.replace("    yield from ()", CHECK).replace("TODO：一句话", "报告须有两年数据")
                      .replace("反例：TODO。正例：TODO。", "反例：只有2022年。正例：2021、2022年。"), "utf-8")
    cases = {"code": "CO013", "pass": [{"name": "two years", "report": {}}],
             "fail": [{"name": "one year", "report": {"years": ["2022"]}, "expect": ["年份"]}]}
    (root / "tests/rule_cases/CO013.json").write_text(json.dumps(cases, ensure_ascii=False), "utf-8")

    tests = _run(root, "-m", "pytest", "-p", "no:cacheprovider", "tests/test_rule_cases.py",
                 "tests/test_rule_declarations.py", "-k", "CO013")
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "4 passed" in tests.stdout  # its passing and failing case, its docs, its declaration
    assert _run(root, "scripts/update_readme_rules.py", "--check").returncode == 1  # the README lags …
    assert _run(root, "scripts/update_readme_rules.py").returncode == 0
    assert "| CO013 |" in (root / "README.md").read_text("utf-8")  # … until regenerated
    explained = _run(root, "-m", "reportcheck", "rules", "CO013")
    assert explained.returncode == 0
    assert "填写说明 第二条" in explained.stdout and "报告须有两年数据" in explained.stdout


def test_the_scaffold_refuses_a_code_that_exists_or_no_family(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    for code in ("CO001", "ZZ001", "CO13"):
        made = _run(root, "scripts/new_rule.py", code, "consistency.x", "某", "--source", "s", "--root", str(root))
        assert made.returncode == 2 and "Traceback" not in made.stderr
    assert not (root / "tests/rule_cases/ZZ001.json").exists()
