"""Zoom and reflow (WCAG 1.4.4, 1.4.10): at 320 CSS px and at 200 % text size no page needs
scrolling sideways, and data tables turn into labelled cards instead of overflowing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.a11y.conftest import EXAMPLE_NAMES, page_urls, representative
from tests.support.server import Served

# Wider than the viewport: the document itself, or any box of the page's own parts (content,
# header strip, footer) that sticks out to the right or left. Material's header is left out: its
# title is clipped with an ellipsis by design.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const box of [document.documentElement, document.body]) {
    if (box.scrollWidth > width) found.push(`${box.tagName} scrollWidth ${box.scrollWidth}`);
  }
  for (const el of document.querySelectorAll(".md-content *, .ak-topbar *, .ak-footer *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && (r.right > width + 1 || r.left < -1)) {
      const name = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().replace(/\\s+/g, ".") : "");
      found.push(`${name} ${Math.round(r.left)}..${Math.round(r.right)} "${el.textContent.trim().slice(0, 40)}"`);
    }
  }
  return {width, found: found.slice(0, 10)};
}"""

# Text zoom without page zoom: every size in Material is in rem, so doubling the root font size
# doubles the text, as a browser's text-only zoom does.
DOUBLE_TEXT = "html, html[data-ak-font] { font-size: 250% !important; }"


def _overflowing(page: Any, served: Served, urls: list[str], *, style: str = "") -> list[str]:
    problems = []
    for url in urls:
        page.goto(served.url(url))
        if style:
            page.add_style_tag(content=style)
        result = page.evaluate(OVERFLOW)
        problems += [f"{url or '/'} (viewport {result['width']}): {f}" for f in result["found"]]
    return problems


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_320_px_wide(
    name: str,
    example_site: Callable[[str], Path],
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    page = new_page(width=320, height=640)
    problems = _overflowing(page, served(name), page_urls(example_site(name)))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_200_percent_text(
    name: str,
    example_site: Callable[[str], Path],
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    urls = representative(example_site(name))
    problems = []
    # Text zoom on a desktop window and on a 640 px one (a 1280 px window zoomed to 200 %).
    for width in (1280, 640):
        page = new_page(width=width, height=800)
        problems += _overflowing(page, served(name), urls, style=DOUBLE_TEXT)
    # The largest font of the «Версия для слабовидящих» on a phone.
    page = new_page(width=320, height=640, settings={"font": "larger", "spacing": "wider"})
    problems += _overflowing(page, served(name), urls)
    assert not problems, "\n".join(problems)


def test_tables_stack_when_text_is_large(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    """On a desktop window the plan is a table; at 200 % text the same window shows cards."""
    page = new_page(width=1280)
    page.goto(served("derbent").url("plany-i-otchety/2018-2020/"))
    display = "getComputedStyle(document.querySelector('table.ak-plan tbody td')).display"
    assert page.evaluate(display) == "table-cell"
    page.add_style_tag(content=DOUBLE_TEXT)
    assert page.evaluate(display) == "block"
