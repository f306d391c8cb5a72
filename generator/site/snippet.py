"""The snippet for the official site's main page: a link to the section and, where the profile
asks for one, the regional banner. The main page is not ours, so the build writes ready HTML for
its webmaster. It must work pasted anywhere: absolute link, inline styles and image, no files.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.models import Site
from generator.site.i18n import SECTION_TITLE

SNIPPET_PATH = "antikor-snippet.html"


def render_snippet(
    site: Site, templates: Path, *, section_url: str | None, banner: str | None
) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("snippet.html").render(
        site=site,
        title=SECTION_TITLE[site.language.value],
        section_url=section_url,
        banner=banner,
    )
