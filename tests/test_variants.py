"""Metamorphic tests: a sample edited the way applicants edit the form gives the same figures and findings.

Each transform of ``tests/variants`` rewrites a bundled sample (header rows collapsed, units in their own
column, tracked changes, text boxes, 三线表 PDF…). The variant must extract to the original's figures and
give the original's findings, except what the transform's ``changes`` allows.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import FILLED, expected, report_of
from reportcheck.pipeline import load_report
from reportcheck.rules import run_rules
from variants import DOCX_TRANSFORMS, TRANSFORMS, ChangeSet, Transform
from variants.compare import differences, finding_differences, findings
from variants.pdf import committed

_BUILT: dict[tuple[str, str], Path | None] = {}


@pytest.fixture(scope="session")
def variant_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("variants")


def build(sample: Path, transform: Transform, where: Path) -> Path | None:
    """The variant of ``sample`` (built once per session); None when the transform does not apply."""
    key = (sample.stem, transform.name)
    if key not in _BUILT:
        dst = where / f"{sample.stem}.{transform.name}.{transform.output}"
        saved = committed(sample, transform.name) if transform.output == "pdf" else None
        if saved is not None and saved.exists():
            shutil.copyfile(saved, dst)
            _BUILT[key] = dst
        elif transform.needs_libreoffice and shutil.which("soffice") is None:
            pytest.skip("LibreOffice is needed to render this variant and it is not committed")
        else:
            _BUILT[key] = dst if transform.apply(sample, dst) else None
    return _BUILT[key]


@cache
def original_findings(sample: Path) -> Counter:
    return findings(run_rules(report_of(sample)))


def check(sample: Path, variant_path: Path, changes: ChangeSet) -> list[str]:
    """Every difference between the variant's extraction and findings and the original's."""
    variant = load_report(variant_path)
    problems = differences(report_of(sample), variant, changes)
    problems += finding_differences(original_findings(sample), findings(run_rules(variant)), changes)
    return problems


CASES = [(s, t) for t in TRANSFORMS for s in FILLED]


@pytest.mark.parametrize(("sample", "transform"), CASES, ids=[f"{t.name}-{s.stem}" for s, t in CASES])
def test_variant_gives_the_same_figures_and_findings(sample: Path, transform: Transform, variant_dir: Path):
    path = build(sample, transform, variant_dir)
    if path is None:
        pytest.skip(f"{transform.name} does not apply to {sample.stem}")
    problems = check(sample, path, transform.change_set(expected(sample)))
    assert not problems, f"{transform.name}: " + "; ".join(problems[:8]) + \
        (f" (+{len(problems) - 8} more)" if len(problems) > 8 else "")


def test_every_transform_applies_to_some_sample_and_names_are_unique():
    names = [t.name for t in TRANSFORMS]
    assert len(names) == len(set(names))
    assert all(t.description and t.output in ("docx", "pdf") for t in TRANSFORMS)
    assert all(t.output == "docx" for t in DOCX_TRANSFORMS)


def test_transforms_are_deterministic_and_leave_other_parts_alone(tmp_path: Path):
    import zipfile

    sample = FILLED[0]
    for transform in DOCX_TRANSFORMS:
        a, b = tmp_path / "a.docx", tmp_path / "b.docx"
        if not transform.apply(sample, a):
            continue
        transform.apply(sample, b)
        assert a.read_bytes() == b.read_bytes(), transform.name
        with zipfile.ZipFile(sample) as src, zipfile.ZipFile(a) as dst:
            untouched = {"word/fontTable.xml", "docProps/core.xml", "word/settings.xml"} & set(src.namelist())
            assert untouched, "the sample has parts no transform should touch"
            assert all(src.read(n) == dst.read(n) for n in untouched), transform.name


def _merged(change_sets: list[ChangeSet]) -> ChangeSet:
    words: dict[str, int] = {}
    for c in change_sets:
        for k, v in c.word_count_delta.items():
            words[k] = words.get(k, 0) + v
    out = ChangeSet()
    return replace(out, growth_may_change=any(c.growth_may_change for c in change_sets),
                   dates_coarsened=any(c.dates_coarsened for c in change_sets),
                   findings_added=frozenset().union(*(c.findings_added for c in change_sets)),
                   findings_removed=frozenset().union(*(c.findings_removed for c in change_sets)),
                   word_count_delta=MappingProxyType(words))


@settings(max_examples=15, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(sample=st.sampled_from(FILLED),
       chain=st.lists(st.sampled_from(DOCX_TRANSFORMS), min_size=2, max_size=4, unique_by=lambda t: t.name))
def test_combined_edits_lose_no_figure_and_add_no_finding(sample: Path, chain: list[Transform]):
    with tempfile.TemporaryDirectory() as tmp:
        current, applied = sample, []
        for i, transform in enumerate(chain):
            dst = Path(tmp) / f"{i}.docx"
            if transform.apply(current, dst):
                current = dst
                applied.append(transform)
        assume(applied)
        changes = _merged([t.change_set(expected(sample)) for t in applied])
        problems = [p for p in check(sample, current, changes) if not p.startswith("lost finding")]
        names = " + ".join(t.name for t in applied)
        assert not problems, f"{names}: " + "; ".join(problems[:6])
