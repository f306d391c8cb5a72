"""Every value is escaped at output: site.yaml values, plan and report titles in the menu of
every page, the section's address, the preview's error panel.

Validation refuses markup in plain-text fields (tests/security/test_plain_text.py); here it is
switched off, so that the values reach the templates and the pages must still show them as
text. Quotes and ampersands pass validation and are checked with it on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.security.conftest import (
    active_markup,
    build_in_process,
    html_files,
    read_yaml,
    write_yaml,
)

SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(2)">'
ATTRIBUTE = '" onmouseover="alert(3)" x="'


def _set(content: Path, file: str, path: tuple[Any, ...], value: str) -> None:
    data = read_yaml(content / file)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    write_yaml(content / file, data)


FIELDS = [
    ("site.yaml", ("organization", "name")),
    ("site.yaml", ("organization", "short_name")),
    ("site.yaml", ("organization", "address")),
    ("site.yaml", ("contacts", "hotline_phone")),
    ("site.yaml", ("contacts", "reception")),
    ("plans/2021-2024.yaml", ("title",)),
    ("plans/2021-2024.yaml", ("sections", 0, "title")),
    ("plans/2021-2024.yaml", ("sections", 0, "measures", 0, "deadline")),
    ("plans/2021-2024.yaml", ("sections", 0, "measures", 1, "executors")),
    ("plans/2021-2024.yaml", ("approved", "number")),
    ("reports/2024.yaml", ("title",)),
    ("reports/2024.yaml", ("results", 0, "links", 0, "title")),
    ("acts.yaml", (0, "title")),
    ("acts.yaml", (0, "act")),
]


@pytest.mark.usefixtures("without_markup_check")
@pytest.mark.parametrize(
    ("file", "path"), FIELDS, ids=lambda v: v if isinstance(v, str) else ".".join(map(str, v))
)
def test_markup_in_a_plain_text_field_is_shown_as_text(
    content: Path, tmp_path: Path, file: str, path: tuple[Any, ...]
) -> None:
    value = f"Имя {SCRIPT} {IMAGE}"
    _set(content, file, path, value)
    site = tmp_path / "site"
    build_in_process(content, site)
    shown = 0
    for page in html_files(site):
        html = page.read_text(encoding="utf-8")
        assert active_markup(html) == [], page.relative_to(site)
        text = BeautifulSoup(html, "html.parser").get_text()
        shown += text.count(SCRIPT)
    assert shown, "the value should be on the pages, as text"


def test_the_page_title_is_escaped_in_the_window_title(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material strips tags from the page title, which turns escaped text back into markup."""
    import generator.models

    monkeypatch.setattr(generator.models, "markup_in_plain_text", lambda text: None)
    _set(
        content,
        "plans/2021-2024.yaml",
        ("title",),
        "План &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    )
    site = tmp_path / "site"
    build_in_process(content, site)
    plan = (site / "plany-i-otchety" / "2021-2024" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(plan, "html.parser")
    assert soup.title is not None
    assert soup.title.get_text().startswith("План &lt;/title&gt;")
    for page in html_files(site):
        assert active_markup(page.read_text(encoding="utf-8")) == [], page


@pytest.mark.parametrize(
    ("file", "path", "value"),
    [
        ("site.yaml", ("organization", "website"), 'https://example.ru/"onmouseover="alert(1)"'),
        ("site.yaml", ("contacts", "email"), 'a"onmouseover="alert(1)"@example.ru'),
        ("site.yaml", ("contacts", "hotline_phone"), '+7"onmouseover="alert(1)"'),
        ("site.yaml", ("organization", "name"), ATTRIBUTE),
        ("plans/2021-2024.yaml", ("title",), ATTRIBUTE),
        ("reports/2024.yaml", ("title",), ATTRIBUTE),
    ],
)
def test_quotes_do_not_leave_an_attribute(
    content: Path, tmp_path: Path, file: str, path: tuple[Any, ...], value: str
) -> None:
    _set(content, file, path, value)
    site = tmp_path / "site"
    build_in_process(content, site)
    for page in html_files(site):
        html = page.read_text(encoding="utf-8")
        assert active_markup(html) == [], page.relative_to(site)


def test_an_ampersand_is_text(content: Path, tmp_path: Path) -> None:
    _set(content, "site.yaml", ("organization", "name"), "ООО «Рога & копыта» &amp")
    site = tmp_path / "site"
    build_in_process(content, site)
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "ООО «Рога & копыта» &amp" in soup.get_text()


def _serve_rebuild(content: Path, site: Path, break_content: Any) -> str:
    """A good build as ``antikor serve`` makes it, then a rebuild after ``break_content``:
    the preview keeps the last good pages with the errors on top. The home page's HTML."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from tests.conftest import ROOT

    def config() -> Any:
        return load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(content), site_dir=str(site))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        build(first)
        break_content()
        build(config())
    finally:  # MkDocs keeps the plugin object for the rest of the process
        first.plugins.on_startup(command="build", dirty=False)
    return (site / "index.html").read_text(encoding="utf-8")


def test_the_preview_error_panel_shows_the_errors_as_text(content: Path, tmp_path: Path) -> None:
    def break_content() -> None:
        _set(content, "site.yaml", ("language",), "<script>alert(1)</script>")

    html = _serve_rebuild(content, tmp_path / "site", break_content)
    soup = BeautifulSoup(html, "html.parser")
    panel = soup.select_one(".ak-build-errors__report")
    assert panel is not None
    assert "«<script>alert(1)</script>»" in panel.get_text()
    assert active_markup(html) == []


def test_the_preview_reports_a_bad_byte_in_the_panel(content: Path, tmp_path: Path) -> None:
    def break_content() -> None:
        plan = content / "plans" / "2021-2024.yaml"
        plan.write_bytes(plan.read_bytes().replace("Открытость".encode(), b"\x00<b>"))

    html = _serve_rebuild(content, tmp_path / "site", break_content)
    panel = BeautifulSoup(html, "html.parser").select_one(".ak-build-errors__report")
    assert panel is not None
    assert "ошибка E020: недопустимый управляющий символ U+0000 (NUL)" in panel.get_text()
