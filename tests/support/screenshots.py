"""Screenshots of a built site, to look at pages the way a citizen sees them.

    python -m tests.support.screenshots SITE_DIR OUT_DIR [PAGE ...] [--width 1280 --width 375]

PAGE is a directory URL under the site root ("" for the section home). The site is served under
the prefix ``/razdel/`` so that links which only work at the server root show up as broken.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.support.browser import launch
from tests.support.server import serve


def capture(
    site: Path,
    out: Path,
    pages: list[str],
    widths: list[int],
    full: bool,
    scroll_to: str | None = None,
) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site, "/razdel/") as served, sync_playwright() as playwright:
        browser = launch(playwright)
        for width in widths:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in pages:
                page.goto(served.url(path))
                if scroll_to:
                    page.locator(scroll_to).first.evaluate("e => e.scrollIntoView()")
                    page.wait_for_timeout(600)  # let Material's header settle after scrolling
                name = (path.strip("/").replace("/", "_") or "home") + f"-{width}.png"
                page.screenshot(path=str(out / name), full_page=full)
                written.append(out / name)
            page.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("pages", nargs="*", default=[""])
    parser.add_argument("--width", type=int, action="append", dest="widths")
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("--scroll-to", metavar="SELECTOR", help="scroll this element into view")
    args = parser.parse_args()
    widths = args.widths or [1280, 375]
    for path in capture(args.site, args.out, args.pages, widths, args.full, args.scroll_to):
        print(path)


if __name__ == "__main__":
    main()
