"""A build lets each page go once MkDocs has written it, and MkDocs holds only a stand-in for
each page until then: the pages of a large site outweigh its content, and holding them (and
MkDocs' copy of each) to the end of the build doubled its peak. A preview keeps the last good
pages, to show them while the clerk fixes an error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.structure.pages import Page as MkPage

from generator.config import load_site_config
from generator.mkdocs_plugin.plugin import AntikorPlugin
from generator.pipeline import Prepared
from tests.conftest import FIXTURES, ROOT


@dataclass
class Built:
    plugin: AntikorPlugin
    prepared: Prepared  # as the plugin held it when the outputs were made
    written: list[MkPage]  # MkDocs' pages, as they are once the site is written
    held_by_mkdocs: list[str]  # what MkDocs held as each page's content until it wrote it
    site: Path


def _build(site: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> Built:
    """Build the minimal content as ``antikor <command>`` does."""
    written: list[MkPage] = []
    held: list[Prepared] = []
    contents: list[str] = []
    post_page, post_build = AntikorPlugin.on_post_page, AntikorPlugin.on_post_build
    page_content = AntikorPlugin.on_page_content

    def on_page_content(self: AntikorPlugin, html: str, /, **kwargs: Any) -> str | None:
        content = page_content(self, html, **kwargs)
        assert content is not None
        contents.append(content)
        return content

    def on_post_page(self: AntikorPlugin, output: str, /, **kwargs: Any) -> str | None:
        written.append(kwargs["page"])
        return post_page(self, output, **kwargs)

    def on_post_build(self: AntikorPlugin, **kwargs: Any) -> None:
        assert self._prepared is not None
        held.append(self._prepared)
        post_build(self, **kwargs)

    monkeypatch.setattr(AntikorPlugin, "on_post_page", on_post_page)
    monkeypatch.setattr(AntikorPlugin, "on_post_build", on_post_build)
    monkeypatch.setattr(AntikorPlugin, "on_page_content", on_page_content)
    config = load_site_config(FIXTURES / "minimal", config_file=ROOT / "mkdocs.yml", site_dir=site)
    config.plugins.on_startup(command=command, dirty=False)
    build(config)
    plugin = config.plugins["antikor"]
    assert isinstance(plugin, AntikorPlugin)
    return Built(plugin, held[0], written, contents, site)


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("index.html")}


def test_a_build_lets_each_page_go_once_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _build(tmp_path / "build", "build", monkeypatch)
    assert len(built.written) > 5
    assert all(page.content is None for page in built.written)
    assert built.prepared.pages == []
    assert built.plugin._pages == {}
    # MkDocs held a few bytes per page, not the pages, until it wrote each
    assert all(len(content) < 40 for content in built.held_by_mkdocs)
    # and the pages are those a preview, which keeps every page, writes
    kept = _build(tmp_path / "serve", "serve", monkeypatch)
    assert _pages(built.site) == _pages(kept.site)


def test_a_preview_keeps_the_last_good_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = _build(tmp_path / "serve", "serve", monkeypatch)
    assert len(kept.prepared.pages) == len(kept.written)
    assert all(page.html for page in kept.prepared.pages)
    assert {page.src_uri for page in kept.prepared.pages} == set(kept.plugin._pages)


def test_a_page_missing_from_the_output_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page goes into the output where the theme printed its stand-in; a theme that does
    not print it fails the build instead of publishing empty pages."""
    from mkdocs.exceptions import Abort

    page_content = AntikorPlugin.on_page_content

    def not_printed(self: AntikorPlugin, html: str, /, **kwargs: Any) -> str | None:
        page_content(self, html, **kwargs)
        return "<p>something else</p>"

    monkeypatch.setattr(AntikorPlugin, "on_page_content", not_printed)
    config = load_site_config(
        FIXTURES / "minimal", config_file=ROOT / "mkdocs.yml", site_dir=tmp_path / "site"
    )
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort):
        build(config)
