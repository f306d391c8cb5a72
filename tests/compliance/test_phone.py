"""The static rules about reaching subsections rest on how the page really renders: checked here
in Debian's Chromium at a phone's width, with the site served under a path prefix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.site.i18n import SUBSECTIONS
from tests.support.server import serve

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("name", ["content", "luhansk"])
def test_every_subsection_link_is_visible_on_a_phone_without_opening_a_menu(
    name: str, example_site: Callable[[str], Path], browser: Any
) -> None:
    with serve(example_site(name), "/protivodeystvie-korrupcii/") as served:
        page = browser.new_page(viewport=PHONE)
        try:
            page.goto(served.url(""))
            for key, (_, _, address) in SUBSECTIONS.items():
                link = page.locator(f'.ak-subsections__list a[href="{address}"]')
                assert link.count() == 1, key
                assert link.is_visible(), key
                link.scroll_into_view_if_needed()
                box = link.bounding_box()
                assert box is not None and box["width"] > 0 and box["x"] + box["width"] <= 360
            # one transition: following the link opens the subsection itself
            page.locator('.ak-subsections__list a[href="komissiya/"]').click()
            page.wait_for_url(served.url("komissiya/"))
            assert page.locator("meta[name='antikor:subsection']").get_attribute("content") == (
                "commission"
            )
            # and Material's navigation drawer, the other place with these links, is off-screen
            drawer = page.locator(".md-sidebar--primary").bounding_box()
            assert drawer is not None and drawer["x"] + drawer["width"] <= 0
        finally:
            page.close()
