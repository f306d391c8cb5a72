"""The example content: every seed document becomes valid content with every measure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pipeline import load_content
from tests.conftest import CONTENT_DIRS, ROOT

SEEDS = ROOT.parent / "shared" / "seeds"

# Measures per example, as counted in the seed document by the rule beside each.
MEASURES = {
    "content": 29,  # 002: table rows whose first cell is a number with an inner dot ("1.1")
    "derbent": 42,  # 001: lines holding only a tab and a dotted number ("2.1.3", "1.6.")
    "slavyanoserbsk": 54,  # 000: lines starting with a dotted number, "1Л" being OCR for 1.1
    "luhansk": 35,  # 004: one deadline cell «2016-2017 роки» per measure row
}
SEED_RULES = {
    "content": ("002_3d98b0e9d28893f3.txt", r"(?m)^(?:<p>)?\d+\.\d+\.?(?:</p>)?\t"),
    "derbent": ("001_4d980fb236ec91fc.txt", r"(?m)^\t\d+(?:\.\d+)+\.?\s*$"),
    "slavyanoserbsk": ("000_632f5c44a408711e.txt", r"(?m)^\s*[0-9]+(?:\.[0-9]+|Л)(?: |$)"),
    "luhansk": ("004_1f23c167dc595f03.txt", r"2016-2017 роки"),
}


def _name(path: Path) -> str:
    return path.name


@pytest.mark.parametrize("folder", CONTENT_DIRS, ids=_name)
def test_example_is_valid_without_warnings(folder: Path) -> None:
    content, diagnostics = load_content(folder)
    assert content is not None, diagnostics.report()
    assert len(diagnostics) == 0, diagnostics.report()


@pytest.mark.parametrize("folder", CONTENT_DIRS, ids=_name)
def test_example_has_every_measure_of_its_seed(folder: Path) -> None:
    content, _ = load_content(folder)
    assert content is not None
    assert sum(len(plan.measures) for plan in content.plans) == MEASURES[folder.name]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the repository")
@pytest.mark.parametrize("name", sorted(SEED_RULES))
def test_pinned_count_matches_the_seed(name: str) -> None:
    seed, rule = SEED_RULES[name]
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert len(re.findall(rule, text)) == MEASURES[name]


@pytest.mark.parametrize("folder", CONTENT_DIRS, ids=_name)
def test_every_plan_measure_has_one_result_in_each_report(folder: Path) -> None:
    content, _ = load_content(folder)
    assert content is not None
    for report in content.reports:
        plan = content.plan(report.report.plan)
        assert plan is not None
        keys = [r.result.measure for r in report.results]
        assert sorted(keys) == sorted(plan.measures)


def test_derbent_keeps_the_printed_duplicate_number() -> None:
    content, _ = load_content(ROOT / "examples" / "derbent")
    assert content is not None
    numbers = [entry.measure.number for entry in content.plans[0].measures.values()]
    assert numbers.count("5.3") == 2
    assert "5.3-2" in content.plans[0].measures


def test_slavyanoserbsk_marks_the_destroyed_requisites_illegible() -> None:
    from generator.models import ILLEGIBLE

    content, _ = load_content(ROOT / "examples" / "slavyanoserbsk")
    assert content is not None
    approved = content.plans[0].plan.approved
    assert approved.date is ILLEGIBLE
    assert approved.number is ILLEGIBLE


def test_luhansk_is_ukrainian_with_local_keys() -> None:
    from generator.models import Language

    content, _ = load_content(ROOT / "examples" / "luhansk")
    assert content is not None
    assert content.site.language is Language.UK
    assert "І.1.1" in content.plans[0].measures


def test_demonstration_content_says_so() -> None:
    for folder in CONTENT_DIRS:
        content, _ = load_content(folder)
        assert content is not None
        assert content.site.demonstration, folder.name
