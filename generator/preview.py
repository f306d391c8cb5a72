"""``antikor serve``: MkDocs' development server over a content folder.

MkDocs' own ``serve`` polls the files it watches every half second and, with its theme option,
Material's installed templates (14,000 icons) as well. A clerk's save should show within a
second or two, so this server polls only the content and the section's theme (the plugin
watches both, :meth:`~generator.mkdocs_plugin.plugin.AntikorPlugin.on_serve`), ten times a
second, and lists the theme's assets once rather than at every build; everything else is
MkDocs' ``serve``: the same builds, the same live reload, and no page is served while a build
is writing the site.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

POLL_SECONDS = 0.1
"""How often the watched folders are looked at: a few milliseconds for a content folder."""

log = logging.getLogger("mkdocs.commands.serve")


def serve(settings: Path, content: Path, *, dev_addr: str, site_url: str | None = None) -> None:
    """Build the site into a temporary folder, serve it at ``dev_addr`` and rebuild it after
    every change, until interrupted. ``settings`` is the merged ``mkdocs.yml``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    site_dir = tempfile.mkdtemp(prefix="antikor-site-")
    overrides: dict[str, Any] = {"site_url": site_url} if site_url else {}

    def get_config() -> MkDocsConfig:
        return load_config(
            config_file=str(settings),
            site_dir=site_dir,
            docs_dir=str(content),
            dev_addr=dev_addr,
            **overrides,
        )

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    server: LiveReloadServer

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is None:
            config = get_config()
        config.site_url = server.url
        build(config, serve_url=server.url)

    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=urlsplit(config.site_url or "/").path,
        polling_interval=POLL_SECONDS,
    )
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    with _theme_listed_once():
        _serve(server, config, builder, site_dir)


def _serve(
    server: LiveReloadServer,
    config: MkDocsConfig,
    builder: Callable[[MkDocsConfig | None], None],
    site_dir: str,
) -> None:
    try:
        builder(config)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


@contextmanager
def _theme_listed_once() -> Iterator[None]:
    """Every build of MkDocs lists the theme's folders for the assets it publishes, Material's
    14,000 icons included (a third of a second on a busy machine), and finds the same 60
    files. While serving, the listing is kept as long as the folders the server watches (the
    section's theme) list the same files; Material's installed ones do not change."""
    from mkdocs.structure.files import File, Files

    from generator.config import theme_dir

    listing = Files.add_files_from_theme
    kept: dict[tuple[object, ...], list[tuple[str, str]]] = {}

    def add_files_from_theme(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        ours = (config.theme.custom_dir, str(theme_dir()))
        key = (tuple(config.theme.dirs), *map(_listing, ours), config.site_dir)
        if key not in kept:
            found = Files([])
            listing(found, env, config)
            kept.clear()
            kept[key] = [(f.src_uri, f.src_dir or "") for f in found]
        for src_uri, src_dir in kept[key]:
            if files.get_file_from_path(src_uri) is None:
                files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        Files.add_files_from_theme = listing  # type: ignore[method-assign]


def _listing(folder: str | None) -> tuple[tuple[str, int], ...]:
    """The files under ``folder`` with their sizes (an asset added or removed changes it)."""
    if not folder:
        return ()
    root = Path(folder)
    return tuple(
        (p.relative_to(root).as_posix(), p.stat().st_size) for p in sorted(root.rglob("*"))
    )


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 page, as MkDocs' server shows it."""
    page = site_dir / f"{code}.html"
    if code in (404, 500) and page.is_file():
        return page.read_bytes()
    return None
