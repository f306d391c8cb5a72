"""What MkDocs reads and writes for the section: the files it publishes (theme assets, the
content's attachments, the settings' style sheets and scripts), the stubs of the generated
pages, the build's date, and repairs to Material's own markup."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from generator.content import Content
from generator.paths import Kind, classify
from generator.site.pages import Page

# Parts of Material the section does not use: its Lunr search and the source maps.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


NO_DOCS = Path(__file__).with_name("no_docs")
"""The folder MkDocs walks in place of the content: it holds nothing to publish."""


def is_published(file: File) -> bool:
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


def settings_assets(config: MkDocsConfig, root: Path | None) -> list[tuple[str, Path]]:
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


def still_attachments(content: Content) -> list[tuple[str, Path]]:
    """The content's attachments that are still the regular files the content walk found. A
    preview keeps showing the last good content while the clerk fixes an error; a file replaced
    by a link or a pipe since then is left out, not followed."""
    kept = []
    for name, real in content.attachments.items():
        entry = classify(content.root / name, content.root)
        if entry.kind is Kind.FILE and entry.real == real:
            kept.append((name, real))
    return kept


def templates_dir(config: MkDocsConfig) -> Path:
    for folder in config.theme.dirs:
        candidate = Path(folder) / "antikor"
        if (candidate / "page_plan.html").exists():
            return candidate
    raise PluginError("в теме нет шаблонов antikor (theme/antikor/): проверьте theme.custom_dir")


def stub(page: Page) -> str:
    """The Markdown MkDocs reads for a generated page: no text, and no title either. The title
    is set on the page, escaped (``on_page_markdown``): one in the front matter would reach
    Material's templates raw, and a backslash or a line break in it would break the YAML."""
    return "---\nhide:\n  - toc\n---\n"


def pin_build_date(pages: list[Page]) -> None:
    """Date the build by its content, so that one commit always builds to the same bytes.

    MkDocs stamps the build (the sitemap archive) with ``SOURCE_DATE_EPOCH`` or the wall clock;
    without the variable, the content's latest date stands in for the clock.
    """
    dates = [page.updated for page in pages if page.updated is not None]
    if dates and "SOURCE_DATE_EPOCH" not in os.environ:
        latest = max(dates)
        moment = dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))


# Material's hidden toggles carry autocomplete="off", which HTML allows only on text-like inputs.
_MATERIAL_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__\w+")'
    r' autocomplete="off">'
)


def repair_material_markup(html: str) -> str:
    """Make Material's own markup valid HTML where no template block reaches it."""
    return _MATERIAL_TOGGLE.sub(r"\1>", html)
