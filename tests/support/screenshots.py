"""Screenshots of a built site, to look at pages the way a citizen sees them.

    python -m tests.support.screenshots SITE_DIR OUT_DIR [PAGE ...] [--width 1280 --width 375]
        [--setting scheme=wb --setting font=larger] [--full] [--pdf] [--scroll-to SELECTOR]

PAGE is a directory URL under the site root ("" for the section home). The site is served under
the prefix ``/razdel/`` so that links which only work at the server root show up as broken.
``--setting`` chooses a «Версия для слабовидящих» setting (font, scheme, spacing, images) as if the
visitor had picked it; ``--pdf`` also prints each page to PDF as Chromium prints it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.support.browser import launch
from tests.support.server import serve

STORAGE_KEY = "ak-lowvision"


def remember_settings(settings: dict[str, str]) -> str:
    """A script for ``add_init_script``: the low-vision settings stored before any page loads."""
    return f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(settings))});"


def capture(
    site: Path,
    out: Path,
    pages: list[str],
    widths: list[int],
    full: bool,
    settings: dict[str, str] | None = None,
    pdf: bool = False,
    scroll_to: str | None = None,
) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    suffix = "".join(f"-{k}-{v}" for k, v in sorted((settings or {}).items()))
    written = []
    with serve(site, "/razdel/") as served, sync_playwright() as playwright:
        browser = launch(playwright)
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900})
            if settings:
                context.add_init_script(remember_settings(settings))
            page = context.new_page()
            for path in pages:
                page.goto(served.url(path))
                if scroll_to:
                    page.locator(scroll_to).first.evaluate("e => e.scrollIntoView()")
                    page.wait_for_timeout(600)  # let Material's header settle after scrolling
                stem = (path.strip("/").replace("/", "_") or "home") + suffix
                name = f"{stem}-{width}.png"
                page.screenshot(path=str(out / name), full_page=full)
                written.append(out / name)
                if pdf and width == widths[0]:
                    page.pdf(path=str(out / f"{stem}.pdf"), prefer_css_page_size=True)
                    written.append(out / f"{stem}.pdf")
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("pages", nargs="*", default=[""])
    parser.add_argument("--width", type=int, action="append", dest="widths")
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    parser.add_argument(
        "--setting", action="append", default=[], help="a low-vision setting: scheme=wb, font=large"
    )
    parser.add_argument("--pdf", action="store_true", help="also print each page to PDF")
    parser.add_argument("--scroll-to", metavar="SELECTOR", help="scroll this element into view")
    args = parser.parse_args()
    settings = dict(item.split("=", 1) for item in args.setting)
    widths = args.widths or [1280, 375]
    for path in capture(
        args.site, args.out, args.pages, widths, args.full, settings, args.pdf, args.scroll_to
    ):
        print(path)


if __name__ == "__main__":
    main()
