"""Fixtures for the accessibility tests: every example site served under a path prefix, fresh
browser contexts (each with its own localStorage), and axe-core run the way the issue asks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONTENT_BY_NAME
from tests.support.server import Served, serve

PREFIX = "/razdel/"
EXAMPLE_NAMES = sorted(CONTENT_BY_NAME)
SCHEMES = ["bw", "wb", "blue"]
STORAGE_KEY = "ak-lowvision"

# WCAG 2.0, 2.1 and 2.2, levels A and AA. axe-core has no rule tagged wcag22a.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def page_urls(site: Path) -> list[str]:
    """Every page of a built site as a URL path under the site root ("" for the home page).
    The 404 page is left out: it is served at any address, see ``test_not_found_page``; so is
    the webmaster's snippet, a fragment for another site's page."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative in ("404.html", "antikor-snippet.html"):
            continue
        urls.append(relative.removesuffix("index.html"))
    return urls


def representative(site: Path) -> list[str]:
    """One page of each kind: home, acts, feedback, the newest plan and its latest report."""
    urls = page_urls(site)
    plans = [u for u in urls if u.startswith("plany-i-otchety/") and u.count("/") == 2]
    reports = [u for u in urls if u.startswith("plany-i-otchety/otchety/") and u.count("/") == 3]
    chosen = ["", "normativnye-akty/", "obratnaya-svyaz/", *plans[-1:], *reports[-1:]]
    return [u for u in chosen if u in urls]


@pytest.fixture(scope="session")
def served(example_site: Callable[[str], Path]) -> Iterator[Callable[[str], Served]]:
    """``served(name)``: the built example ``name`` at http://127.0.0.1:PORT/razdel/."""
    running: dict[str, Served] = {}
    with ExitStack() as stack:

        def get(name: str) -> Served:
            if name not in running:
                running[name] = stack.enter_context(serve(example_site(name), PREFIX))
            return running[name]

        yield get


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """``new_page(width=1280, height=900, settings=None)``: a page in a fresh browser context;
    ``settings`` are low-vision settings stored as if the visitor had chosen them earlier."""
    contexts: list[Any] = []

    def make(width: int = 1280, height: int = 900, settings: dict[str, str] | None = None) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        if settings:
            # Once per tab, as a visitor's earlier choice: later pages see what the page changed.
            stored = json.dumps(json.dumps(settings))
            context.add_init_script(
                "if (!sessionStorage.getItem('ak-test-seeded')) {"
                f" localStorage.setItem({json.dumps(STORAGE_KEY)}, {stored});"
                " sessionStorage.setItem('ak-test-seeded', '1'); }"
            )
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


_AXE_SCRIPT: list[str] = []


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now, WCAG 2.x A and AA rules only."""
    if not _AXE_SCRIPT:
        from axe_playwright_python.base import AXE_SCRIPT

        _AXE_SCRIPT.append(AXE_SCRIPT)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_AXE_SCRIPT[0])
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(url: str, violations: list[dict[str, Any]]) -> str:
    """Violations as lines a developer can act on: page, rule, element, what is wrong."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(
                f"{url or '/'}: {violation['id']} ({violation['impact']}) at {node['target']}:"
                f" {summary[:300]}"
            )
    return "\n".join(lines)
