"""«Версия для слабовидящих»: operable and announced from the keyboard, applied before the first
paint, kept across pages, and every setting does what it says."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

from tests.a11y.conftest import STORAGE_KEY
from tests.support.server import Served

PLAN = "plany-i-otchety/2018-2020/"

# Records, when the parser inserts <body>, what <html> carries and how the body is painted.
AT_BODY = """
new MutationObserver((records, observer) => {
  if (!document.body || window.__akAtBody) return;
  window.__akAtBody = {
    readyState: document.readyState,
    settings: Object.assign({}, document.documentElement.dataset),
    background: getComputedStyle(document.body).backgroundColor,
  };
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


def _focused(page: Any) -> str:
    """The focused element as ``tag[name=value]`` or ``tag.first-class``."""
    return str(
        page.evaluate(
            "(() => { const e = document.activeElement;"
            " return e.tagName.toLowerCase() + (e.name ? `[${e.name}=${e.value}]`"
            " : e.classList.length ? '.' + e.classList[0] : ''); })()"
        )
    )


def _settings(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            "Object.fromEntries(Object.entries(document.documentElement.dataset)"
            ".filter(([k]) => k.startsWith('ak')))"
        )
    )


def _announced(page: Any, expected: str) -> str:
    """The live region's text once it says ``expected``, or what it says after 5 s.

    Announcements are written after a short delay (so that a screen reader notices a repeated
    one), and quick key presses overtake each other: wait for the last, don't read the first.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "text => document.querySelector('[data-ak-announce]').textContent === text",
            arg=expected,
            timeout=5000,
        )
    return str(page.locator("[data-ak-announce]").text_content())


def test_operated_and_announced_by_keyboard(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    page = new_page()
    page.goto(served("derbent").url(""))
    toggle = page.locator(".ak-lowvision__toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    panel = page.locator("#ak-lowvision-panel")
    assert panel.is_visible()
    # What a screen reader is told: named groups of named radio buttons, and two buttons.
    tree = panel.aria_snapshot()
    for text in (
        'group "Настройки версии для слабовидящих"',
        'group "Размер шрифта"',
        'radio "обычный" [checked]',
        'radio "очень крупный"',
        'group "Цвета"',
        'radio "черным по белому"',
        'radio "белым по черному"',
        'radio "темно-синим по голубому"',
        'group "Межбуквенный интервал"',
        'group "Изображения"',
        'radio "не показывать"',
        'button "Обычная версия сайта"',
    ):
        assert text in tree, text

    page.keyboard.press("Tab")
    assert _focused(page) == "input[ak-font=]"  # the checked font size
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.documentElement.dataset.akFont") == "large"
    assert _announced(page, "Размер шрифта: крупный") == "Размер шрифта: крупный"

    page.keyboard.press("Tab")  # into the colour group, on its checked radio
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.documentElement.dataset.akScheme") == "wb"
    assert _announced(page, "Цвета: белым по черному") == "Цвета: белым по черному"
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
    assert stored == {"font": "large", "scheme": "wb"}

    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('ak-lowvision__toggle')")


def test_choice_persists_and_applies_before_first_paint(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    page = new_page()
    page.context.add_init_script(AT_BODY)
    site = served("derbent")
    page.goto(site.url(""))
    page.click(".ak-lowvision__toggle")
    page.check("input[name=ak-scheme][value=blue]")
    page.check("input[name=ak-font][value=larger]")
    page.goto(site.url(PLAN))
    first = page.evaluate("window.__akAtBody")
    assert first["readyState"] == "loading"
    assert first["settings"] == {"akScheme": "blue", "akFont": "larger"}
    assert first["background"] == "rgb(157, 209, 255)"
    # The panel on the new page shows the stored choice.
    page.click(".ak-lowvision__toggle")
    assert page.is_checked("input[name=ak-scheme][value=blue]")
    assert page.is_checked("input[name=ak-font][value=larger]")
    # What a visitor sees: dark blue text on light blue.
    colours = page.evaluate(
        "[getComputedStyle(document.querySelector('.md-content p')).color,"
        " getComputedStyle(document.querySelector('.md-content')).backgroundColor]"
    )
    assert colours == ["rgb(6, 52, 98)", "rgb(157, 209, 255)"]


def test_back_to_normal(served: Callable[[str], Served], new_page: Callable[..., Any]) -> None:
    page = new_page(settings={"scheme": "wb", "spacing": "wide", "images": "off"})
    page.goto(served("derbent").url(PLAN))
    assert page.evaluate("document.documentElement.dataset.akScheme") == "wb"
    page.click(".ak-lowvision__toggle")
    page.click("[data-ak-reset]")
    assert _announced(page, "Включена обычная версия сайта") == "Включена обычная версия сайта"
    assert _settings(page) == {}
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.is_checked("input[name=ak-scheme][value='']")
    page.reload()
    assert _settings(page) == {}


def test_three_font_sizes_and_letter_spacing(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    site = served("derbent")
    sizes = []
    for font in ("", "large", "larger"):
        page = new_page(settings={"font": font} if font else None)
        page.goto(site.url(PLAN))
        sizes.append(
            page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        )
    assert sizes[0] < sizes[1] < sizes[2]
    assert sizes[2] >= 2 * 16

    spacing = []
    for value in ("", "wide", "wider"):
        page = new_page(settings={"spacing": value} if value else None)
        page.goto(site.url(PLAN))
        spacing.append(
            page.evaluate(
                "(() => { const p = getComputedStyle(document.querySelector('.md-content p'));"
                " return parseFloat(p.letterSpacing) / parseFloat(p.fontSize) || 0; })()"
            )
        )
    assert spacing[0] == 0 < spacing[1] < spacing[2]
    assert round(spacing[2], 2) == 0.12


def test_images_off_shows_their_text(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    """No example has an image: one is added to the page as it is served."""
    site = served("derbent")
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="

    def with_image(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace(
            "<h1>", f'<p><img src="{pixel}" alt="Герб города Дербента" width="40"></p><h1>', 1
        )
        route.fulfill(response=response, body=body)

    for images in ("", "off"):
        page = new_page(settings={"images": images} if images else None)
        page.route(site.url(PLAN), with_image)
        page.goto(site.url(PLAN))
        image = page.locator(".md-content img")
        alt = page.locator(".md-content .ak-alt")
        if images:
            assert not image.is_visible()
            assert alt.is_visible()
            assert alt.inner_text() == "Изображение: Герб города Дербента"
        else:
            assert image.is_visible()
            assert alt.count() == 0 or not alt.is_visible()


def test_ukrainian_site_speaks_ukrainian(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    page = new_page()
    page.goto(served("luhansk").url(""))
    assert page.locator(".ak-lowvision__toggle").inner_text() == (
        "Версія для людей з порушеннями зору"
    )
    assert page.locator(".ak-skip").text_content() == "Перейти до змісту"
    page.click(".ak-lowvision__toggle")
    page.check("input[name=ak-scheme][value=bw]")
    assert _announced(page, "Кольори: чорним по білому") == "Кольори: чорним по білому"
