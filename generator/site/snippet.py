"""The snippet for the official site's main page: a link to the section and, where the profile
asks for one, the regional banner. The main page is not ours, so the build writes ready HTML for
its webmaster. It must work pasted anywhere: absolute link, inline styles and image, no files.
"""

from __future__ import annotations

from pathlib import Path

from generator.models import Site
from generator.site.i18n import SECTION_TITLE
from generator.site.pages import environment

SNIPPET_PATH = "antikor-snippet.html"


def render_snippet(
    site: Site, templates: Path, *, section_url: str | None, banner: str | None
) -> str:
    return (
        environment(templates)
        .get_template("snippet.html")
        .render(
            site=site,
            title=SECTION_TITLE[site.language.value],
            section_url=section_url,
            banner=banner,
        )
    )
