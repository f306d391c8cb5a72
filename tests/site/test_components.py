"""Every component in ``theme/antikor/components/<name>/`` renders each of its named examples
to the structure the pages and the search UI rely on, escaping what it is given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.site.pages import environment
from tests.conftest import ROOT

TEMPLATES = ROOT / "theme" / "antikor"
COMPONENTS = TEMPLATES / "components"


def components() -> list[Path]:
    return sorted(path for path in COMPONENTS.iterdir() if path.is_dir())


def examples(component: Path) -> dict[str, dict[str, Any]]:
    loaded = yaml.safe_load((component / "examples.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict) and loaded, f"{component.name}: no examples"
    return loaded


def render(component: Path, arguments: dict[str, Any]) -> str:
    """The component's macro (named as its folder) called with an example's arguments."""
    name = component.name
    source = f'{{% from "components/{name}/{name}.html" import {name} %}}{{{{ {name}(**args) }}}}'
    return environment(TEMPLATES).from_string(source).render(args=arguments)


ALL = [
    pytest.param(component, name, id=f"{component.name}:{name}")
    for component in components()
    for name in examples(component)
]


def test_every_component_has_its_template_and_examples() -> None:
    assert components()
    for component in components():
        assert (component / f"{component.name}.html").is_file()
        assert examples(component)


@pytest.mark.parametrize(("component", "example"), ALL)
def test_examples_render(component: Path, example: str) -> None:
    assert render(component, examples(component)[example]).strip()


@pytest.mark.parametrize("example", sorted(examples(COMPONENTS / "status_badge")))
def test_status_badge(example: str) -> None:
    arguments = examples(COMPONENTS / "status_badge")[example]
    soup = BeautifulSoup(render(COMPONENTS / "status_badge", arguments), "html.parser")
    badge = soup.select_one(".ak-status")
    assert badge is not None and len(soup.contents) == 1
    assert f"ak-status--{arguments['key']}" in badge["class"]
    assert badge.get_text() == arguments["label"]  # as text: markup in a label is escaped
    assert badge.find(True) is None
    if arguments.get("href"):
        assert badge.name == "a" and badge["href"] == arguments["href"]
    else:
        assert badge.name == "span" and not badge.has_attr("href")
