"""axe-core finds nothing in the examples of the components, rendered with the section's styles,
each example in a page of its own (as on the site, where a page holds one of each)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.a11y.conftest import axe_violations, describe
from tests.conftest import ROOT
from tests.site.test_components import components, examples, render


def test_component_examples_pass_axe(new_page: Callable[..., Any]) -> None:
    styles = (ROOT / "theme" / "assets" / "antikor" / "antikor.css").read_text(encoding="utf-8")
    page = new_page()
    problems = []
    for component in components():
        for name, arguments in examples(component).items():
            page.set_content(
                '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
                f"<title>{component.name}: {name}</title><style>{styles}</style></head><body>"
                f"<main><h1>{component.name}: {name}</h1><div class='md-typeset'>"
                f"{render(component, arguments)}</div></main></body></html>"
            )
            problems.append(describe(f"{component.name}: {name}", axe_violations(page)))
    assert not any(problems), "\n".join(filter(None, problems))
