"""The section's navigation, built from the pages without MkDocs running."""

from __future__ import annotations

import logging

import pytest

from generator.diagnostics import BUILD_LOG
from generator.mkdocs_plugin.nav import resolve_nav
from generator.pipeline import prepare_site
from generator.site.i18n import SUBSECTIONS, subsection_address
from tests.conftest import FIXTURES, ROOT


def _titles(nav: list[dict[str, object]]) -> list[str]:
    return [str(next(iter(item))) for item in nav]


def test_home_then_the_subsections_with_plans_and_reports_under_theirs() -> None:
    pages = prepare_site(FIXTURES / "minimal", ROOT / "theme" / "antikor").pages
    nav = resolve_nav(pages, None)
    by_url = {page.url: page for page in pages}
    assert _titles(nav) == [
        by_url[""].title,
        *(by_url[subsection_address(key)].title for key in SUBSECTIONS),
    ]
    plans = next(item for item in nav if by_url["plany-i-otchety/"].title in item)
    children = next(iter(plans.values()))
    assert children[0] == "plany-i-otchety/index.md"
    assert [next(iter(c.values())) for c in children[1:]] == [
        p.src_uri
        for p in pages
        if p.url.startswith("plany-i-otchety/") and p.url != "plany-i-otchety/"
    ]
    assert "poisk/index.md" not in str(nav)  # reached from the search box


def test_only_web_links_are_added_and_the_rest_is_a_note(caplog: pytest.LogCaptureFixture) -> None:
    pages = prepare_site(FIXTURES / "minimal", ROOT / "theme" / "antikor").pages
    added = [{"Сайт <органа>": "https://example.org/"}, {"Скрипт": "javascript:alert(1)"}]
    with caplog.at_level(logging.INFO, logger=BUILD_LOG):
        nav = resolve_nav(pages, added)
    assert nav[-1] == {"Сайт &lt;органа&gt;": "https://example.org/"}
    assert "javascript" not in str(nav)
    notes = [r for r in caplog.records if r.name == BUILD_LOG]
    assert [r.levelno for r in notes] == [logging.INFO]
    assert "пункт nav" in notes[0].getMessage()
