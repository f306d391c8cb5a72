"""Keyboard only: a skip link first on every page, focus always visible and never hidden under
the sticky header, the menu on a phone, and copy-link and search reachable without a mouse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.a11y.conftest import EXAMPLE_NAMES, page_urls
from tests.support.server import Served

PLAN = "plany-i-otchety/2018-2020/"

# The focused element: what it is, whether its outline shows, and whether it is on screen and
# not covered (WCAG 2.4.7, 2.4.11).
FOCUS = """() => {
  const e = document.activeElement;
  const cs = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + Math.min(r.width, 20) / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    name: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
      + (e.classList.length ? "." + e.classList[0] : "")
      + " " + (e.getAttribute("aria-label") || e.textContent || "").trim().slice(0, 60),
    outline: cs.outlineStyle,
    outlineWidth: parseFloat(cs.outlineWidth),
    size: r.width > 0 && r.height > 0,
    onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    uncovered: !!top && (top === e || e.contains(top) || top.contains(e)),
    inMain: !!e.closest("#ak-main"),
  };
}"""


def _tab(page: Any) -> dict[str, Any]:
    page.keyboard.press("Tab")
    focus: dict[str, Any] = page.evaluate(FOCUS)
    return focus


def _assert_visible(focus: dict[str, Any]) -> None:
    assert focus["outline"] != "none" and focus["outlineWidth"] >= 2, focus
    assert focus["size"] and focus["onScreen"] and focus["uncovered"], focus


def test_tab_through_a_plan_page(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    page = new_page()
    page.goto(served("derbent").url(PLAN))
    first = _tab(page)
    assert first["name"].startswith("a.ak-skip Перейти к содержанию"), first
    _assert_visible(first)
    second = _tab(page)
    assert second["name"].startswith("button.ak-lowvision__toggle"), second

    # The skip link leads past the header and the navigation, into the content.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ak-main"
    after_skip = _tab(page)
    assert after_skip["inMain"], after_skip
    _assert_visible(after_skip)

    # From the top: every stop shows its focus and is not hidden under the sticky header.
    page.goto(served("derbent").url(PLAN))
    stops = []
    for _ in range(60):
        focus = _tab(page)
        _assert_visible(focus)
        stops.append(focus["name"])
    assert len(set(stops)) > 40  # a real walk through header, menu and table, not a loop
    assert any(s.startswith("a.md-nav__link") for s in stops)
    assert any("1.1" in s for s in stops)  # the first measure's link


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_skip_link_first_on_every_page(
    name: str,
    example_site: Callable[[str], Path],
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    page = new_page()
    for url in page_urls(example_site(name)):
        page.goto(served(name).url(url))
        focus = _tab(page)
        assert focus["name"].startswith("a.ak-skip"), (url, focus)
        assert page.locator("#ak-main h1").count() == 1, url


def test_menu_on_a_phone(served: Callable[[str], Served], new_page: Callable[..., Any]) -> None:
    page = new_page(width=375, height=800)
    page.goto(served("derbent").url(PLAN))
    menu = page.locator('label.md-header__button[for="__drawer"]')
    # The closed menu's links are off the screen: the keyboard passes them by.
    names = []
    for _ in range(8):
        focus = _tab(page)
        _assert_visible(focus)
        names.append(focus["name"])
    assert any(n.startswith("label.md-header__button Меню навигации") for n in names), names
    assert not any(n.startswith("a.md-nav__link") for n in names), names

    menu.focus()
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    settled = "document.getAnimations().every(a => a.playState !== 'running')"
    page.wait_for_function(settled)
    # Focus goes into the open menu; the page it covers is out of the keyboard's reach.
    focus = page.evaluate(FOCUS)
    assert focus["name"].startswith("button.ak-drawer-close Закрыть меню"), focus
    _assert_visible(focus)
    assert page.locator(".md-content").get_attribute("inert") == ""
    # On a plan's page the menu opens at the plans' level: the way back up, then the plans.
    back = _tab(page)
    _assert_visible(back)
    assert back["name"].startswith("label.md-nav__title Назад к меню раздела"), back
    plan = _tab(page)
    _assert_visible(plan)
    assert plan["name"].startswith("a.md-nav__link План мероприятий"), plan
    # Back up: focus stays on the plans' item, and every stop around it is visible.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(settled)
    assert "Планы противодействия" in page.evaluate(FOCUS)["name"]
    stops = []
    for key in ["Shift+Tab"] * 8:
        page.keyboard.press(key)
        focus = page.evaluate(FOCUS)
        _assert_visible(focus)
        stops.append(focus["name"])
    assert any(s.startswith("a.md-nav__link Методические материалы") for s in stops), stops
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.locator(".md-content").get_attribute("inert") is None
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"


def test_copy_link_by_keyboard(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served("derbent").url(PLAN))
    copy = page.locator("#m-1-1 button.ak-copy")
    if not copy.is_visible():
        pytest.skip("the copy-link button has no script yet (antikor.js)")
    page.locator("#m-1-1 th a").focus()
    focus = _tab(page)
    assert focus["name"].startswith("button.ak-copy"), focus
    _assert_visible(focus)
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()").endswith("#m-1-1")


def test_search_by_keyboard(served: Callable[[str], Served], new_page: Callable[..., Any]) -> None:
    page = new_page()
    page.goto(served("derbent").url(PLAN))
    search = page.locator("input[type=search]:visible")
    if not search.count():
        pytest.skip("the section has no search box yet")
    for _ in range(15):
        if page.evaluate("document.activeElement.type === 'search'"):
            break
        _assert_visible(_tab(page))
    else:
        pytest.fail("the search box is not among the first 15 stops of the keyboard")
