"""The copy-link control of a plan row, used from the keyboard in a real browser."""

from __future__ import annotations

from typing import Any

from tests.conftest import ExampleSites
from tests.support.server import serve


def test_copy_link_copies_the_row_address_and_says_so(
    example_site: ExampleSites, browser: Any
) -> None:
    with serve(example_site("derbent"), "/gorod/razdel/") as served:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(served.url("plany-i-otchety/2018-2020/"))
        button = page.locator("#m-2-2-2 button.ak-copy")
        assert button.is_visible()
        assert button.get_attribute("aria-label") == "Скопировать ссылку на пункт 2.2.2"
        button.focus()
        page.keyboard.press("Enter")
        status = page.locator("[role=status]")
        status.filter(has_text="Ссылка скопирована").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == served.url("plany-i-otchety/2018-2020/#m-2-2-2")
        context.close()


def test_without_scripts_the_control_stays_hidden(example_site: ExampleSites, browser: Any) -> None:
    with serve(example_site("derbent"), "/razdel/") as served:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(served.url("plany-i-otchety/2018-2020/"))
        assert page.locator("#m-2-2-2 a[href='#m-2-2-2']").is_visible()
        assert not page.locator("#m-2-2-2 button.ak-copy").is_visible()
        context.close()
