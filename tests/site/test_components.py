"""Every component in ``theme/antikor/components/<name>/`` renders each of its named examples
to the structure the pages and the search UI rely on, escaping what it is given."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.models import ActReference
from generator.pipeline import load_content
from generator.site import pages
from generator.site.model import build_model
from generator.site.pages import environment
from tests.conftest import FIXTURES, ROOT

TEMPLATES = ROOT / "theme" / "antikor"
COMPONENTS = TEMPLATES / "components"


def components() -> list[Path]:
    return sorted(path for path in COMPONENTS.iterdir() if path.is_dir())


def examples(component: Path) -> dict[str, dict[str, Any]]:
    loaded = yaml.safe_load((component / "examples.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict) and loaded, f"{component.name}: no examples"
    return loaded


# Arguments that the pages pass as content models, read from an example as written in a file.
TYPED: dict[str, dict[str, Callable[[Any], Any]]] = {
    "requisites": {"ref": ActReference.model_validate},
}


@functools.cache
def page_context() -> dict[str, Any]:
    """What a page of the minimal example renders with: the helpers, at the section home."""
    content, diagnostics = load_content(FIXTURES / "minimal")
    assert content is not None, diagnostics.report()
    renderer = pages._Renderer(build_model(content), TEMPLATES)
    return {**renderer.helpers, "url": "", "link": lambda t: t, "file_link": lambda t: t}


def render(component: Path, arguments: dict[str, Any]) -> str:
    """The component's macro (named as its folder) called with an example's arguments, in the
    context of a page."""
    name = component.name
    typed = {
        key: TYPED.get(name, {}).get(key, lambda value: value)(value)
        for key, value in arguments.items()
    }
    source = (
        f'{{% from "components/{name}/{name}.html" import {name} with context %}}'
        f"{{{{ {name}(**args) }}}}"
    )
    return environment(TEMPLATES).from_string(source).render(**page_context(), args=typed)


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


def _requisites(example: str) -> tuple[dict[str, Any], BeautifulSoup]:
    arguments = examples(COMPONENTS / "requisites")[example]
    return arguments, BeautifulSoup(render(COMPONENTS / "requisites", arguments), "html.parser")


def _requisite(soup: BeautifulSoup, name: str) -> str | None:
    found = soup.select_one(f'[data-ak-requisite="{name}"]')
    return found.get_text() if found is not None else None


def test_requisites_name_each_requisite_for_the_compliance_check() -> None:
    arguments, soup = _requisites("approved")
    act = soup.select_one('.ak-act[data-ak-act="approved"]')
    assert act is not None
    assert soup.select_one(".ak-act__label").get_text() == "Утвержден:"
    assert _requisite(soup, "kind") == "постановление"
    assert _requisite(soup, "date") == "15.03.2021"
    assert _requisite(soup, "number") == "123-п"
    assert _requisite(soup, "authority")  # the body itself when no authority is given
    assert soup.select_one("a[href]")["href"] == arguments["ref"]["file"]
    _, amendment = _requisites("amendment by another authority")
    assert amendment.select_one('[data-ak-act="amendment"]') is not None
    assert _requisite(amendment, "authority") == "Глава округа"


def test_requisites_say_plainly_what_the_source_does_not_give() -> None:
    _, soup = _requisites("illegible date, number not stated")
    assert _requisite(soup, "date") is None and _requisite(soup, "number") is None
    assert soup.select_one("[data-ak-illegible]")["data-ak-illegible"] == "date"
    assert soup.select_one("[data-ak-not-stated]")["data-ak-not-stated"] == "number"
    assert soup.select_one(".ak-act__note").get_text() == "В скане дата закрыта печатью"


def test_requisites_escape_what_they_print() -> None:
    arguments = examples(COMPONENTS / "requisites")["escaped title"]
    html = render(COMPONENTS / "requisites", arguments)
    assert "7 &amp; 8" in html and "&lt; 5 лет" in html and "&#34;А &amp; Б&#34;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert _requisite(soup, "number") == "7 & 8"
    assert '«О мерах "А & Б" на срок < 5 лет»' in soup.get_text()
