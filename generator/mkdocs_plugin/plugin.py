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

import logging
import shutil
import tempfile
from dataclasses import replace
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

from generator.contract import PageKind
from generator.diagnostics import BUILD_LOG
from generator.mkdocs_plugin.config import AntikorConfig
from generator.mkdocs_plugin.files import (
    NO_DOCS,
    is_published,
    pin_build_date,
    repair_material_markup,
    settings_assets,
    still_attachments,
    stub,
    templates_dir,
)
from generator.mkdocs_plugin.nav import resolve_nav
from generator.pipeline import (
    ContentFailed,
    Pending,
    Prepared,
    Written,
    cancel_outputs,
    prepare_site,
    start_outputs,
    write_outputs,
)
from generator.plaintext import visible
from generator.reuse import Reuse
from generator.search.pagefind import IndexingFailed
from generator.search.records import PageIndex, index_pages, wrap_page
from generator.site.i18n import UI
from generator.site.pages import Page, template_cache
from generator.siteurl import site_url_problem

log = logging.getLogger(BUILD_LOG)


class AntikorPlugin(BasePlugin[AntikorConfig]):
    def __init__(self) -> None:
        self._pages: dict[str, Page] = {}
        self._prepared: Prepared | None = None
        self._indexed: dict[str, PageIndex] = {}
        self._pending: dict[str, Pending] = {}
        self._writing: dict[str, Page] = {}  # pages MkDocs has a stand-in for
        self._serving = False
        self._root: Path | None = None
        self._reuse: Reuse | None = None
        self._good = False  # the content of this build had no errors
        self._kept: Path | None = None  # the data files a preview keeps between builds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also keeps one plugin object across the rebuilds of `mkdocs serve`,
        # which is what lets a failed rebuild fall back on the last good pages, and a rebuild
        # take from the previous one what the saved file did not change.
        self._serving = command == "serve"
        self._reuse = Reuse() if self._serving else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if config.site_url and (problem := site_url_problem(config.site_url)):
            raise PluginError(f"адрес раздела (site_url) «{visible(config.site_url)}»: {problem}")
        root = Path(self.config.content or config.docs_dir).resolve()
        self._root = root
        config.docs_dir = str(NO_DOCS)
        errors = None
        self._good = False
        try:
            prepared = prepare_site(
                root, templates_dir(config), strict=self.config.strict, reuse=self._reuse
            )
            self._good = True
        except ContentFailed as failure:
            log.error(failure.report)
            if not self._serving or self._prepared is None:
                raise PluginError("содержимое содержит ошибки, сайт не собран") from None
            # While serving, keep showing the last good pages with the errors on top of each,
            # so the clerk sees them in the browser, and the fix reloads them away.
            prepared = self._prepared
            errors = failure.report
        self._prepared = prepared
        content, pages = prepared.content, prepared.pages
        self._pages = {page.src_uri: page for page in pages}
        self._writing = {}
        self._indexed = index_pages(prepared.model)
        pin_build_date(pages)
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
        config.nav = resolve_nav(pages, config.nav)
        # What needs only the rendered pages (the search index) runs while MkDocs writes.
        cancel_outputs(self._pending)
        try:
            self._pending = start_outputs(prepared, Path(config.site_dir), preview=self._serving)
        except IndexingFailed as failure:
            self._pending = {}
            raise PluginError(f"поиск не построен, сайт не собран: {failure}") from None
        if not self._serving:
            # A build gives each page to MkDocs once (on_page_content) and then lets it go: the
            # pages of a large site outweigh its content. A preview keeps the last good pages
            # to fall back on while the clerk fixes an error.
            self._prepared = replace(prepared, pages=[])
        return config

    def on_build_error(self, *, error: Exception) -> None:
        cancel_outputs(self._pending)
        self._pending = {}

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        result = Files([f for f in files if is_published(f)])
        if self._prepared is not None:
            for name, real in still_attachments(self._prepared.content):
                result.append(
                    File.generated(
                        config, name, abs_src_path=str(real), inclusion=InclusionLevel.INCLUDED
                    )
                )
        for name, real in settings_assets(config, self._root):
            result.append(
                File.generated(
                    config, name, abs_src_path=str(real), inclusion=InclusionLevel.INCLUDED
                )
            )
        for page in self._pages.values():
            result.append(File.generated(config, page.src_uri, content=stub(page)))
        return result

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Watch the content folder (MkDocs watches ``docs_dir``, which is not the content) and
        the section's theme: ``custom_dir`` (antikor's, or a body's own) and the folder of the
        section's templates. Material's installed templates are left alone: polling their
        14,000 files took a tenth of a core, and the rebuilds waited for it."""
        if self._root is not None:
            server.watch(str(self._root))
        themes = {str(templates_dir(config).parent), config.theme.custom_dir}
        for folder in sorted(f for f in themes if f):
            server.watch(folder)
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
        src = page.file.src_uri
        ours = self._pages.get(src) if self._serving else self._pages.pop(src, None)
        if ours is None:
            return None
        if ours.updated:
            page.meta["ak_updated"] = ours.updated.isoformat()
        page.meta["ak_kind"] = ours.kind.value
        if ours.key:
            page.meta["ak_subsection"] = ours.key
        if ours.kind == PageKind.SEARCH:
            page.meta["ak_search_page"] = True
        # MkDocs holds the content of every page until it has written them all: it gets a
        # stand-in, and the page itself goes into the output as the page is written.
        self._writing[src] = ours
        return _stand_in(ours.html)

    def on_post_page(self, output: str, /, *, page: MkPage, config: MkDocsConfig) -> str | None:
        ours = self._writing.pop(page.file.src_uri, None)
        if ours is not None:
            html = ours.html
            stand_in = _stand_in(html)
            at = output.find(stand_in)
            if at < 0:  # a theme that does not print the page's content
                raise PluginError(f"страница {ours.url or '/'}: тема не вывела ее содержимое")
            index = self._indexed.get(ours.url)
            body = wrap_page(html, index) if index else html
            output = output[:at] + body + output[at + len(stand_in) :]
        page.content = None  # in the output now; MkDocs would keep it to the end of the build
        return repair_material_markup(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._prepared is None:
            return
        pending, self._pending = self._pending, {}
        if self._serving and self._kept is None:
            site = Path(config.site_dir)
            self._kept = Path(tempfile.mkdtemp(prefix="antikor-data-", dir=site.parent))
        written = Written(
            self._prepared,
            Path(config.site_dir),
            templates_dir(config),
            config.site_url or None,
            pending,
            self._kept,
        )
        try:
            write_outputs(written, preview=self._serving)
        except IndexingFailed as failure:
            raise PluginError(f"поиск не построен, сайт не собран: {failure}") from None
        if self._reuse is not None and self._good:
            self._reuse.end()

    def on_shutdown(self) -> None:
        if self._kept is not None:
            shutil.rmtree(self._kept, ignore_errors=True)
            self._kept = None

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        return repair_material_markup(output_content) if template_name == "404.html" else None


_STAND_IN = "<!--antikor:page-->"


def _stand_in(html: str) -> str:
    """What MkDocs holds as a page's content until the page is written: a marker that cannot
    come from content (text is escaped), and a heading if the page has one, since Material adds
    its own heading to a page without one."""
    return _STAND_IN + ("<h1><!--/-->" if "<h1" in html else "")
