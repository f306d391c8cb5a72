"""axe-core (WCAG 2.0, 2.1, 2.2; A and AA) finds nothing on any page of any example: every page in
the normal look, one page of each kind in each colour scheme, with the largest font, with the
«Версия для слабовидящих» panel open, and on a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.a11y.conftest import (
    EXAMPLE_NAMES,
    SCHEMES,
    axe_violations,
    describe,
    page_urls,
    representative,
)
from tests.support.server import Served, serve


def _check(page: Any, served: Served, urls: list[str], *, open_panel: bool = False) -> str:
    problems = []
    for url in urls:
        page.goto(served.url(url))
        if open_panel:
            page.click(".ak-lowvision__toggle")
        problems.append(describe(url, axe_violations(page)))
    return "\n".join(p for p in problems if p)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_page(
    name: str,
    example_site: Callable[[str], Path],
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    urls = page_urls(example_site(name))
    assert len(urls) >= 10
    problems = _check(new_page(), served(name), urls)
    assert not problems, problems


def _sample(example_site: Callable[[str], Path]) -> list[tuple[str, str]]:
    """One page of each kind from ``content``, and the plan or report pages of the others (their
    tables differ: nested sections, Ukrainian, an act's text)."""
    pages = [("content", url) for url in representative(example_site("content"))]
    for name in EXAMPLE_NAMES:
        if name != "content":
            pages += [(name, url) for url in representative(example_site(name))[3:]]
    return pages


def _check_sample(page: Any, served: Callable[[str], Served], sample: list[tuple[str, str]]) -> str:
    problems = [_check(page, served(name), [url]) for name, url in sample]
    problems.append(_check(page, served("content"), [""], open_panel=True))
    return "\n".join(p for p in problems if p)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_colour_scheme(
    scheme: str,
    example_site: Callable[[str], Path],
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    page = new_page(settings={"scheme": scheme})
    problems = _check_sample(page, served, _sample(example_site))
    assert not problems, problems
    assert page.evaluate("document.documentElement.dataset.akScheme") == scheme


def test_phone(
    example_site: Callable[[str], Path],
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    page = new_page(width=375, height=800)
    problems = _check_sample(page, served, _sample(example_site))
    assert not problems, problems
    # The menu open, at its top level and at a nested one.
    for url in ("", "plany-i-otchety/"):
        page.goto(served("content").url(url))
        page.click('label.md-header__button[for="__drawer"]')
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        problems = describe(url + " (menu open)", axe_violations(page))
        assert not problems, problems


def test_largest_font_wide_spacing_no_images(
    example_site: Callable[[str], Path],
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    page = new_page(settings={"font": "larger", "spacing": "wider", "images": "off"})
    problems = _check_sample(page, served, _sample(example_site))
    assert not problems, problems


def test_not_found_page(example_site: Callable[[str], Path], new_page: Callable[..., Any]) -> None:
    """The 404 page is answered for any address, so its links start at the server root; it is
    checked where that holds, at the root of the server."""
    with serve(example_site("derbent"), "/") as served:
        page = new_page()
        response = page.goto(served.url("net-takoj-stranicy/"))
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Страница не найдена"
        problems = describe("404", axe_violations(page))
        assert not problems, problems
