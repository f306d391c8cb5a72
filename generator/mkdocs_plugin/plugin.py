"""MkDocs event glue: validated content in, generated pages out.

The content folder is MkDocs' ``docs_dir``, so ``mkdocs serve`` watches it and rebuilds when a
YAML file changes. Attachments under ``files/`` are published as they are; every other page is
generated from the models, and MkDocs' Markdown step is skipped for them. Once the site is
written, it is indexed for search; a failed indexing fails the build.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from generator.mkdocs_plugin.config import AntikorConfig
from generator.pipeline import ContentFailed, prepare_pages
from generator.search.pagefind import IndexingFailed, index_site
from generator.search.records import PageIndex, Record, index_pages, wrap_page
from generator.site.i18n import SUBSECTIONS, UI, subsection_address
from generator.site.pages import Page


class AntikorPlugin(BasePlugin[AntikorConfig]):
    def __init__(self) -> None:
        self._pages: dict[str, Page] = {}
        self._language = ""
        self._records: list[Record] = []
        self._indexed: dict[str, PageIndex] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        root = Path(self.config.content or config.docs_dir)
        try:
            content, pages, records = prepare_pages(
                root, _templates(config), strict=self.config.strict
            )
        except ContentFailed as failure:
            print(failure.report, file=sys.stderr)
            raise Abort("содержимое содержит ошибки, сайт не собран") from None
        self._pages = {page.src_uri: page for page in pages}
        self._language = content.site.language.value
        self._records = records
        self._indexed = index_pages(content, pages)
        config.theme["language"] = content.site.language.value
        organization = content.site.organization
        config.site_name = organization.short_name or organization.name
        config.extra["antikor"] = {"site": content.site, "ui": UI[content.site.language.value]}
        config.nav = _resolve_nav(pages)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        kept = [
            f
            for f in files
            if f.src_uri.startswith("files/")
            or (
                not f.is_documentation_page()
                and not f.src_uri.endswith((".yaml", ".yml", ".md"))
                and f.inclusion.is_included()
                and _is_asset(f)
            )
        ]
        result = Files(kept)
        for page in self._pages.values():
            result.append(File.generated(config, page.src_uri, content=_stub(page)))
        return result

    def on_page_markdown(
        self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        return "" if page.file.src_uri in self._pages else None

    def on_page_content(
        self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        ours = self._pages.get(page.file.src_uri)
        if ours is None:
            return None
        if ours.updated:
            page.meta["ak_updated"] = ours.updated.isoformat()
        if ours.kind == "search":
            page.meta["ak_search_page"] = True
        index = self._indexed.get(ours.url)
        return wrap_page(ours.html, index) if index else ours.html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._language:
            return
        try:
            index_site(Path(config.site_dir), self._records, self._language)
        except IndexingFailed as failure:
            raise Abort(f"поиск не построен, сайт не собран: {failure}") from None


def _is_asset(file: File) -> bool:
    """Theme assets and attachments; the content's own YAML and Markdown are not published."""
    if file.src_uri.startswith("files/"):
        return True
    return (
        not file.is_documentation_page()
        and not file.src_uri.startswith(("plans/", "reports/", "pages/"))
        and file.src_uri not in ("site.yaml", "acts.yaml")
    )


def _templates(config: MkDocsConfig) -> Path:
    for folder in config.theme.dirs:
        candidate = Path(folder) / "antikor"
        if (candidate / "page_plan.html").exists():
            return candidate
    raise Abort("в теме нет шаблонов antikor (theme/antikor/): проверьте theme.custom_dir")


def _stub(page: Page) -> str:
    title = page.title.replace('"', '\\"')
    return f'---\ntitle: "{title}"\nhide:\n  - toc\n---\n'


def _resolve_nav(pages: list[Page]) -> list[Any]:
    """Navigation in the order the requirements give: home, then the subsections. The search
    page is reached from the search box in the header, not from the navigation."""
    by_url = {page.url: page for page in pages}
    nav: list[Any] = [{by_url[""].title: by_url[""].src_uri}]
    for key in SUBSECTIONS:
        address = subsection_address(key)
        index = by_url[address]
        children = [p for p in pages if p.url.startswith(address) and p.url != address]
        if children:
            nav.append({index.title: [index.src_uri, *({c.title: c.src_uri} for c in children)]})
        else:
            nav.append({index.title: index.src_uri})
    return nav
