"""The renderer called directly: validated content in, pages out, no MkDocs."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.contract import PageKind
from generator.pipeline import load_content
from generator.site import pages as site_pages
from tests.conftest import FIXTURES, ROOT


def test_home_and_report_show_the_same_summary_bar() -> None:
    content, diagnostics = load_content(FIXTURES / "minimal")
    assert content is not None, diagnostics.report()
    pages = site_pages.build_pages(content, ROOT / "theme" / "antikor")

    bars = {
        page.kind: BeautifulSoup(page.html, "html.parser").select_one(".ak-bar")
        for page in pages
        if page.kind in (PageKind.HOME, PageKind.REPORT)
    }
    home, report = bars[PageKind.HOME], bars[PageKind.REPORT]
    assert home is not None and report is not None
    assert home.select(".ak-bar__part") and str(home) == str(report)
