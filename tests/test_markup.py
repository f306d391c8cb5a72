"""Markdown cells: the shortcut for plain text gives exactly what the parser gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import generate
from generator.content import Content
from generator.markup import _parse, render_markdown
from generator.pipeline import load_content
from tests.conftest import CONTENT_DIRS

TRICKY = [
    "a\nb",
    "a\n\nb\nc\n\n\nd",
    "a \nb",
    "a  \nb",
    "a\n  b",
    "a\n    b\n\n    код",
    "a\tb",
    "a\n\n \nb",
    "Заголовок\n===",
    "Текст\n---",
    "a\n- пункт",
    "a\n2024. год",
    "a\n1) пункт",
    "«кавычки» \"q\" 'x' — тире; 5 % и № 3",
    "x = y + z",
    "see http://example.org",
    "a\r\nb",
    "a\x0cb",
    "a\u2028b",
]


def _texts(content: Content) -> list[str]:
    texts = []
    for plan in content.plans:
        for entry in plan.measures.values():
            texts += [entry.measure.text, entry.measure.expected_result or ""]
    for report in content.reports:
        texts += [entry.result.text or "" for entry in report.results]
    return texts


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_renders_as_the_parser_renders_it(text: str) -> None:
    assert render_markdown(text) == _parse(text.strip())


def test_every_content_cell_renders_as_the_parser_renders_it(tmp_path: Path) -> None:
    folders = [*CONTENT_DIRS, generate(tmp_path / "synthetic", plans=2, measures=60, reports=2)]
    texts: set[str] = set()
    for folder in folders:
        content, diagnostics = load_content(folder)
        assert content is not None, diagnostics.report()
        texts |= {t.strip() for t in _texts(content) if t.strip()}
    assert [t for t in sorted(texts) if render_markdown(t) != _parse(t)] == []
