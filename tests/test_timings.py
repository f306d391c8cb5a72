"""Stage timings: nested stages are not counted twice, and ``antikor build --timings`` reports them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import timings
from tests.conftest import FIXTURES, build_site


def test_a_stage_excludes_the_stages_nested_in_it(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 1.0, 3.0, 7.0, 8.0, 9.0])
    monkeypatch.setattr(timings.time, "perf_counter", lambda: next(clock))
    timings.reset()
    with timings.stage("outer"), timings.stage("inner"):  # outer 0 → 7, inner 1 → 3
        pass
    with timings.stage("inner"):  # 8 → 9
        pass
    assert timings.snapshot() == {"inner": 3.0, "outer": 5.0}


def test_build_writes_the_stage_times(tmp_path: Path) -> None:
    out = tmp_path / "timings.json"
    result = build_site(FIXTURES / "minimal", tmp_path / "site", "--timings", str(out))
    assert result.exit_code == 0, result.stderr
    assert {"load", "render", "mkdocs", "opendata"} <= set(
        json.loads(out.read_text(encoding="utf-8"))
    )


def test_build_prints_the_stage_times(tmp_path: Path) -> None:
    result = build_site(FIXTURES / "minimal", tmp_path / "site", "--timings")
    assert result.exit_code == 0, result.stderr
    assert "\nrender " in result.stderr
    assert "\nвсего " in result.stderr
