"""The benchmarks' synthetic content: valid, and the same files for the same arguments."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import generate
from generator.pipeline import load_content


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_synthetic_content_is_valid_and_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", plans=2, measures=23, reports=3)
    second = generate(tmp_path / "b", plans=2, measures=23, reports=3)
    assert _files(first) == _files(second)

    content, diagnostics = load_content(first)
    assert content is not None, diagnostics.report()
    assert len(diagnostics) == 0, diagnostics.report()
    assert [len(p.measures) for p in content.plans] == [23, 23]
    assert [len(r.results) for r in content.reports] == [23, 23, 23]
    texts = [m.measure.text for p in content.plans for m in p.measures.values()]
    assert len(set(texts)) == len(texts)
