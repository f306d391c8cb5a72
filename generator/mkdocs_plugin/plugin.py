"""MkDocs event glue: validated content in, generated pages out.

The content folder is given to MkDocs as ``docs_dir``, but MkDocs never walks it: its walk
follows every symbolic link and takes whatever it finds. The plugin reads the content itself
(:mod:`generator.content`, which resolves links and reads only regular files), hands MkDocs an
empty folder to walk instead, and adds the pages it generated and the attachments the content
walk allowed (``files/``, open formats only, published as downloads and never rendered).
``antikor serve`` watches the content folder through :meth:`AntikorPlugin.on_serve`. Once the
site is written, it is indexed for search; a failed indexing fails the build.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from generator.content import Content
from generator.contract import PageKind
from generator.mkdocs_plugin.config import AntikorConfig
from generator.paths import Kind, classify
from generator.pipeline import ContentFailed, Prepared, Written, prepare_site, write_outputs
from generator.plaintext import visible
from generator.search.pagefind import IndexingFailed
from generator.search.records import PageIndex, index_pages, wrap_page
from generator.site.i18n import SUBSECTIONS, UI, subsection_address
from generator.site.pages import Page, template_cache
from generator.siteurl import site_url_problem


class AntikorPlugin(BasePlugin[AntikorConfig]):
    def __init__(self) -> None:
        self._pages: dict[str, Page] = {}
        self._prepared: Prepared | None = None
        self._indexed: dict[str, PageIndex] = {}
        self._serving = False
        self._root: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also keeps one plugin object across the rebuilds of `mkdocs serve`,
        # which is what lets a failed rebuild fall back on the last good pages.
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if config.site_url and (problem := site_url_problem(config.site_url)):
            raise PluginError(f"адрес раздела (site_url) «{visible(config.site_url)}»: {problem}")
        root = Path(self.config.content or config.docs_dir).resolve()
        self._root = root
        config.docs_dir = str(NO_DOCS)
        errors = None
        try:
            prepared = prepare_site(root, _templates(config), strict=self.config.strict)
        except ContentFailed as failure:
            print(failure.report, file=sys.stderr)
            if not self._serving or self._prepared is None:
                raise PluginError("содержимое содержит ошибки, сайт не собран") from None
            # While serving, keep showing the last good pages with the errors on top of each,
            # so the clerk sees them in the browser, and the fix reloads them away.
            prepared = self._prepared
            errors = failure.report
        self._prepared = prepared
        content, pages = prepared.content, prepared.pages
        self._pages = {page.src_uri: page for page in pages}
        self._indexed = index_pages(prepared.model)
        _pin_build_date(pages)
        config.theme["language"] = content.site.language.value
        organization = content.site.organization
        # Material prints the site name, the page titles and the navigation as they are:
        # they go in escaped (Markup, so that its own "| e" does not escape them twice).
        config.site_name = escape(organization.short_name or organization.name)
        config.extra["antikor"] = {
            "site": content.site,
            "ui": UI[content.site.language.value],
            "errors": errors,
            "profile": content.site.requirements,
        }
        config.nav = [*_resolve_nav(pages), *_added_nav(config.nav)]
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        result = Files([f for f in files if _is_published(f)])
        if self._prepared is not None:
            for name, real in _still_attachments(self._prepared.content):
                result.append(
                    File.generated(
                        config, name, abs_src_path=str(real), inclusion=InclusionLevel.INCLUDED
                    )
                )
        for name, real in _settings_assets(config, self._root):
            result.append(
                File.generated(
                    config, name, abs_src_path=str(real), inclusion=InclusionLevel.INCLUDED
                )
            )
        for page in self._pages.values():
            result.append(File.generated(config, page.src_uri, content=_stub(page)))
        return result

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Watch the content folder: MkDocs watches ``docs_dir``, which is not the content."""
        if self._root is not None:
            server.watch(str(self._root))
        return server

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        env.bytecode_cache = template_cache()
        return None

    def on_page_markdown(
        self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        ours = self._pages.get(page.file.src_uri)
        if ours is None:
            return None
        page.title = escape(ours.title)  # pages outside the navigation too
        return ""

    def on_page_content(
        self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        ours = self._pages.get(page.file.src_uri)
        if ours is None:
            return None
        if ours.updated:
            page.meta["ak_updated"] = ours.updated.isoformat()
        page.meta["ak_kind"] = ours.kind.value
        if ours.key:
            page.meta["ak_subsection"] = ours.key
        if ours.kind == PageKind.SEARCH:
            page.meta["ak_search_page"] = True
        index = self._indexed.get(ours.url)
        return wrap_page(ours.html, index) if index else ours.html

    def on_post_page(self, output: str, /, *, page: MkPage, config: MkDocsConfig) -> str | None:
        return _repair_material_markup(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._prepared is None:
            return
        written = Written(
            self._prepared, Path(config.site_dir), _templates(config), config.site_url or None
        )
        try:
            write_outputs(written, preview=self._serving)
        except IndexingFailed as failure:
            raise PluginError(f"поиск не построен, сайт не собран: {failure}") from None

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        return _repair_material_markup(output_content) if template_name == "404.html" else None


# Material's hidden toggles carry autocomplete="off", which HTML allows only on text-like inputs.
_MATERIAL_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__\w+")'
    r' autocomplete="off">'
)


def _repair_material_markup(html: str) -> str:
    """Make Material's own markup valid HTML where no template block reaches it."""
    return _MATERIAL_TOGGLE.sub(r"\1>", html)


def _pin_build_date(pages: list[Page]) -> None:
    """Date the build by its content, so that one commit always builds to the same bytes.

    MkDocs stamps the build (the sitemap archive) with ``SOURCE_DATE_EPOCH`` or the wall clock;
    without the variable, the content's latest date stands in for the clock.
    """
    dates = [page.updated for page in pages if page.updated is not None]
    if dates and "SOURCE_DATE_EPOCH" not in os.environ:
        latest = max(dates)
        moment = dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))


# Parts of Material the section does not use: its Lunr search and the source maps.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


NO_DOCS = Path(__file__).with_name("no_docs")
"""The folder MkDocs walks in place of the content: it holds nothing to publish."""


def _is_published(file: File) -> bool:
    """The theme's assets. Nothing MkDocs found in ``docs_dir`` is published: attachments come
    from the content walk."""
    if file.src_dir is None or Path(file.src_dir).resolve() == NO_DOCS.resolve():
        return False
    return (
        not file.is_documentation_page()
        and file.inclusion.is_included()
        and not file.src_uri.endswith((".yaml", ".yml", ".md", ".map"))
        and not file.src_uri.startswith(_UNUSED_THEME_FILES)
    )


def _settings_assets(config: MkDocsConfig, root: Path | None) -> list[tuple[str, Path]]:
    """Style sheets and scripts the settings (``extra_css``, ``extra_javascript``) name in the
    content folder: regular files inside it only, as for attachments."""
    if root is None:
        return []
    found = []
    for entry in [*config.extra_css, *config.extra_javascript]:
        name = str(getattr(entry, "path", entry))
        if "://" in name or name.startswith(("/", "\\")) or ".." in name.split("/"):
            continue
        kind = classify(root / name, root)
        if kind.kind is Kind.FILE and kind.real is not None:
            found.append((name, kind.real))
    return found


def _still_attachments(content: Content) -> list[tuple[str, Path]]:
    """The content's attachments that are still the regular files the content walk found. A
    preview keeps showing the last good content while the clerk fixes an error; a file replaced
    by a link or a pipe since then is left out, not followed."""
    kept = []
    for name, real in content.attachments.items():
        entry = classify(content.root / name, content.root)
        if entry.kind is Kind.FILE and entry.real == real:
            kept.append((name, real))
    return kept


def _templates(config: MkDocsConfig) -> Path:
    for folder in config.theme.dirs:
        candidate = Path(folder) / "antikor"
        if (candidate / "page_plan.html").exists():
            return candidate
    raise PluginError("в теме нет шаблонов antikor (theme/antikor/): проверьте theme.custom_dir")


def _stub(page: Page) -> str:
    """The Markdown MkDocs reads for a generated page: no text, and no title either. The title
    is set on the page, escaped (``on_page_markdown``): one in the front matter would reach
    Material's templates raw, and a backslash or a line break in it would break the YAML."""
    return "---\nhide:\n  - toc\n---\n"


def _added_nav(nav: list[Any] | None) -> list[Any]:
    """Links a body's ``mkdocs.yml`` adds under the section's own navigation (say, back to the
    official site). Its pages are generated, so only links to addresses are kept."""
    added = []
    for item in nav or []:
        if isinstance(item, dict) and len(item) == 1:
            title, target = next(iter(item.items()))
            if isinstance(title, str) and isinstance(target, str) and _LINK.match(target):
                # Material prints nav titles as they are: escaped like the section's own.
                added.append({escape(title): target})
                continue
        print(
            f"замечание: mkdocs.yml: пункт nav {visible(repr(item))} пропущен: к меню раздела"
            " добавляются только ссылки вида «Название: https://...»",
            file=sys.stderr,
        )
    return added


# An added link: http(s) only (not javascript:), nothing that would end the href attribute.
_LINK = re.compile(r"""https?://[^"'<>\\`\s]+\Z""", re.IGNORECASE)


def _resolve_nav(pages: list[Page]) -> list[Any]:
    """Navigation in the order the requirements give: home, then the subsections. The search
    page is reached from the search box in the header, not from the navigation."""
    by_url = {page.url: page for page in pages}
    nav: list[Any] = [{escape(by_url[""].title): by_url[""].src_uri}]
    for key in SUBSECTIONS:
        address = subsection_address(key)
        index = by_url[address]
        children = [p for p in pages if p.url.startswith(address) and p.url != address]
        if children:
            items = [index.src_uri, *({escape(c.title): c.src_uri} for c in children)]
            nav.append({escape(index.title): items})
        else:
            nav.append({escape(index.title): index.src_uri})
    return nav
