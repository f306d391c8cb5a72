"""axe-core finds nothing in the examples of the components, rendered with the section's styles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.a11y.conftest import axe_violations, describe
from tests.conftest import ROOT
from tests.site.test_components import components, examples, render


def test_component_examples_pass_axe(new_page: Callable[..., Any]) -> None:
    styles = (ROOT / "theme" / "assets" / "antikor" / "antikor.css").read_text(encoding="utf-8")
    parts = [
        f"<section><h2>{component.name}: {name}</h2><div class='md-typeset'>"
        f"{render(component, arguments)}</div></section>"
        for component in components()
        for name, arguments in examples(component).items()
    ]
    page = new_page()
    page.set_content(
        '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Компоненты</title>'
        f"<style>{styles}</style></head><body><main><h1>Компоненты</h1>{''.join(parts)}"
        "</main></body></html>"
    )
    problems = describe("components", axe_violations(page))
    assert not problems, problems
