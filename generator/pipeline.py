"""The order of the stages, in one place: load → validate → pages. The MkDocs plugin and the
command line both call this instead of repeating it."""

from __future__ import annotations

from pathlib import Path

from generator.content import Content, load_content
from generator.search.records import Record, build_records, filter_values
from generator.site.pages import Page, build_pages


class ContentFailed(Exception):
    """The content has errors (or warnings, in strict mode); ``report`` says which."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


def prepare_pages(
    root: Path, templates: Path, *, strict: bool = False
) -> tuple[Content, list[Page], list[Record]]:
    """The validated content, its pages, and the records of its search index (the search page
    lists the values of the filters, so the records come first)."""
    content, diagnostics = load_content(root)
    if content is None or diagnostics.failed(strict):
        raise ContentFailed(diagnostics.report())
    if len(diagnostics):
        import sys

        print(diagnostics.report(), file=sys.stderr)
    records = build_records(content)
    filters = filter_values(records, content.site.language.value)
    return content, build_pages(content, templates, search_filters=filters), records


def build_site(content: Path, site_dir: Path, *, config_file: Path, strict: bool = False) -> None:
    """Build the whole site into a folder beside ``site_dir``, then swap it in.

    A failed build (content errors included) leaves the previous ``site_dir`` untouched.
    """
    import shutil
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        config = load_config(
            str(config_file), docs_dir=str(content.resolve()), site_dir=str(staging)
        )
        config.plugins["antikor"].config.strict = strict
        build(config)
        previous = site_dir.with_name(f".{site_dir.name}-previous")
        if site_dir.exists():
            site_dir.rename(previous)
        staging.rename(site_dir)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
