"""``antikor serve``: MkDocs' development server over a content folder.

MkDocs' own ``serve`` polls the files it watches every half second and, with its theme option,
Material's installed templates (14,000 icons) as well. A clerk's save should show within a
second or two, so this server polls only the content and the section's theme (the plugin
watches both, :meth:`~generator.mkdocs_plugin.plugin.AntikorPlugin.on_serve`), ten times a
second; everything else is MkDocs' ``serve``: the same builds, the same live reload, and no
page is served while a build is writing the site.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

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


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 page, as MkDocs' server shows it."""
    page = site_dir / f"{code}.html"
    if code in (404, 500) and page.is_file():
        return page.read_bytes()
    return None
