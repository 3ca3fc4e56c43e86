"""Every rule against its own declaration (``Rule(type, check, options=…, also=…)`` and its type's tags).

A rule is run on each of its cases with a pack that records what the check reads: what it reads must be
exactly the options it declares (each documented in the pack model), and the codes it gives must be its own
or those it declares. What the side lists used to say is now derived from the declarations; the tests
here hold the derivations to what the README promises."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT
from reportcheck.catalogue import TAGS, IssueType
from reportcheck.rules import HISTORY_RULES, REGISTRY, load_pack, sure_view, tagged
from reportcheck.rules import pack_model as pm
from reportcheck.rules.registry import needed_by_family
from test_cli import run
from test_rule_cases import _load, build_report

sys.path.insert(0, str(ROOT / "scripts"))
import update_readme_rules

IDENTITY = {"id", "programme", "notice", "extends", "families"}  # who the pack is, not what a rule checks


class Recording(dict):
    """A pack that notes each option read: a group's member as ``group.member``, any other key by name."""

    def __init__(self, data: dict, seen: set[str], group: str | None = None) -> None:
        super().__init__(data)
        self.seen, self.group = seen, group

    def _note(self, key: str) -> None:
        if self.group is not None:
            self.seen.add(f"{self.group}.{key}")
        elif key not in IDENTITY:
            self.seen.add(key)

    def __getitem__(self, key: str) -> object:
        value = dict.__getitem__(self, key)
        if self.group is None and key in pm.GROUPS and isinstance(value, dict):
            return Recording(value, self.seen, key)
        self._note(key)
        return value

    def get(self, key: str, default: object = None) -> object:
        if key in self:
            return self[key]
        if self.group is None and key in pm.GROUPS:  # a group the pack leaves to its defaults
            return Recording({}, self.seen, key)
        self._note(key)
        return default


def _runs(rule) -> tuple[set[str], set[str]]:
    """The options the rule read and the codes it gave over all its cases."""
    cases = _load(rule.code)
    read: set[str] = set()
    codes: set[str] = set()
    for case in cases["pass"] + cases["fail"]:
        pack = Recording(load_pack(cases.get("pack", "hunan_competition_2023")), read)
        codes |= {i.code for i in rule.run(sure_view(build_report(case["report"])), pack)}
    return read, codes


@pytest.mark.parametrize("rule", REGISTRY, ids=[r.code for r in REGISTRY])
def test_a_rule_reads_exactly_the_options_it_declares(rule) -> None:
    read, codes = _runs(rule)
    assert read == set(rule.options), "declare what the check reads (and give each option a case that reads it)"
    assert codes <= {rule.code} | {t.code for t in rule.also}, "declare the other codes the rule gives in also="
    for option in rule.options:
        kind, meaning = pm.describe_option(option)
        assert kind and meaning


def test_every_documented_option_is_read_by_a_rule() -> None:
    assert set(pm.documented_options()) == {o for r in (*REGISTRY, *HISTORY_RULES) for o in r.options}


@pytest.mark.parametrize("rule", HISTORY_RULES, ids=[r.code for r in HISTORY_RULES])
def test_a_history_rule_reads_exactly_the_options_it_declares(rule, tmp_path) -> None:
    """As above, for the rules that read the archive: their cases run with a recording pack."""
    import test_history_rules as cases

    read: set[str] = set()
    for n, case in enumerate(cases._load(rule.code)["pass"] + cases._load(rule.code)["fail"]):
        (tmp_path / str(n)).mkdir()
        cases._run(rule, case, tmp_path / str(n), Recording(load_pack("hunan_competition_2023"), read))
    assert read == set(rule.options)


def test_the_history_rules_defaults_are_the_pack_models() -> None:
    from reportcheck.rules.history import _settings

    defaults = pm.HistorySettings()
    assert _settings({}) == (defaults.suspect_share, defaults.suspect_min)


def test_an_option_that_is_none_says_so() -> None:
    for path in ("thresholds.sme_output_mn", "nonsense", "programme.x"):
        with pytest.raises(KeyError):
            pm.describe_option(path)


def test_a_misspelt_tag_is_refused_when_the_rule_is_declared() -> None:
    with pytest.raises(ValueError, match="relaxabel"):
        IssueType("EL099", "x.y", "error", "m", "s", tags=frozenset({"relaxabel"}))


def test_the_tags_give_what_the_side_lists_used_to() -> None:
    # The codes the README names for each behaviour: thresholds relaxed by --relaxed, 参赛条件 per category,
    # the form's own rules skipped on a data sheet, told-not-judged on a scan.
    assert tagged("relaxable") == {"EL001", "EL002", "EL003", "EL004", "EL005"}
    assert tagged("threshold-advanced") == {"EL001", "EL002"}
    assert tagged("threshold-sme") == {"EL003", "EL004", "EL005"}
    assert {r.code[:2] for r in REGISTRY if "form" in r.type.tags} == {"BI", "EA", "EV", "TX"}
    assert {"X002", "X009", "BI001"} <= tagged("ocr-sensitive") and "AR001" not in tagged("ocr-sensitive")
    assert tagged("cannot-verify") == {"EA009", "EA010", "EL009", "PR000"}
    assert set().union(*(t.tags for r in REGISTRY for t in (r.type, *r.also))) <= TAGS.keys()


def test_what_a_pack_must_set_follows_from_what_its_rules_read() -> None:
    needs = needed_by_family()
    assert needs["AR"] == {"growth_checks"}  # exact_units has a default: not needed
    assert needs["EL"] == {"thresholds", "cultivation_list", "restricted_industries", "manual_review"}
    assert needs["PR"] == {"criteria"} and not needs["BI"]



def test_rules_code_says_which_pack_settings_it_reads_and_their_values() -> None:
    proc = run("rules", "PR002")
    assert proc.returncode == 0
    assert "criteria.sme_share_min（Criterion）：中小企业产值占比下限（%）" in proc.stdout
    assert f"guangdong：{load_pack('guangdong')['criteria']['sme_share_min']['value']:g}" in proc.stdout
    assert "hunan_competition_2023" not in proc.stdout  # the default pack does not run PR
    [entry] = [e for e in json.loads(run("rules", "--format", "json").stdout) if e["code"] == "EL004"]
    assert [o["name"] for o in entry["options"]] == ["thresholds.sme_output_share_min"]
    assert set(entry["tags"]) == {"relaxable", "threshold-sme"}


def test_the_readme_catalogue_is_generated_from_the_declarations() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    assert update_readme_rules.with_table(text) == text, "run python scripts/update_readme_rules.py"
    assert all(f"| {r.code} |" in text for r in REGISTRY)
