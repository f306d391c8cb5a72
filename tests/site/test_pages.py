"""The renderer called directly: validated content in, pages out, no MkDocs."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.contract import PageKind
from generator.pipeline import load_content
from generator.site import pages as site_pages
from tests.conftest import FIXTURES, ROOT


def test_the_latest_report_is_summed_up_once_for_home_and_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content, diagnostics = load_content(FIXTURES / "minimal")
    assert content is not None, diagnostics.report()
    counted: list[str] = []
    count = site_pages._Builder._count

    def counting(builder: Any, report: Any) -> dict[str, Any]:
        counted.append(report.stem)
        return count(builder, report)

    monkeypatch.setattr(site_pages._Builder, "_count", counting)
    pages = site_pages.build_pages(content, ROOT / "theme" / "antikor")

    assert counted == [report.stem for report in content.reports]
    bars = {
        page.kind: BeautifulSoup(page.html, "html.parser").select_one(".ak-bar")
        for page in pages
        if page.kind in (PageKind.HOME, PageKind.REPORT)
    }
    home, report = bars[PageKind.HOME], bars[PageKind.REPORT]
    assert home is not None and report is not None
    assert home.select(".ak-bar__part") and str(home) == str(report)
