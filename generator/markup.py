"""Markdown from content fields into safe HTML.

Raw HTML in content is never passed through: Python-Markdown's HTML handling is switched off so
tags come out as text, and the result is cleaned again by nh3 (Ammonia) with an allow-list,
which also refuses every link scheme but http(s), mailto and tel. Bare web and e-mail addresses
become links (``pymdownx.magiclink``), as a reader expects of an address in a text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "code", "pre", "blockquote",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Text with none of these renders as escaped paragraphs (split at blank lines), exactly as
# the parser and nh3 would render it (nh3 writes no-break spaces as &nbsp;); skipping the
# parser matters when a plan has thousands of cells.
_MARKDOWN_SYNTAX = re.compile(
    r"[\\`*_\[\]<>#!|~&\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029]|https?:|@|^[ ]|[ ]$"
    r"|^(?:[-+=]|\d+[.)])|(?i:www\.)",
    re.MULTILINE,
)
_BLANK_LINES = re.compile(r"\n{2,}")


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    parser = markdown.Markdown(
        extensions=["sane_lists", "tables", "pymdownx.magiclink"],
        extension_configs={"pymdownx.magiclink": {"hide_protocol": False}},
        output_format="html",
    )
    parser.preprocessors.deregister("html_block")
    parser.inlinePatterns.deregister("html")
    return parser


@lru_cache(maxsize=65536)
def render_markdown(text: str) -> str:
    """Markdown text of a content field as sanitised HTML.

    Cached: a report repeats every measure of its plan (and the reports of one plan are
    rendered one after another), the search index renders the same texts again right after the
    pages, and a preview server renders the same cells again after each saved file.
    """
    text = text.strip()
    if not text:
        return ""
    if not _MARKDOWN_SYNTAX.search(text):
        escaped = html.escape(text, quote=False).replace("\xa0", "&nbsp;")
        return "\n".join(f"<p>{paragraph}</p>" for paragraph in _BLANK_LINES.split(escaped))
    return _parse(text)


def _parse(text: str) -> str:
    parser = _parser()
    parser.reset()
    rendered = parser.convert(text)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_drop_disguised_links,
    )


def _drop_disguised_links(tag: str, attribute: str, value: str) -> str | None:
    """nh3 reads a scheme as written; a browser first removes tabs and line breaks from an
    address, so ``java<TAB>script:`` would pass nh3 and run as ``javascript:``. The address is
    judged as the browser will read it."""
    from generator.models import is_safe_url

    if attribute == "href" and not is_safe_url(value):
        return None
    return value


def rebase_links(fragment: str, prefix: str) -> str:
    """Make links to attachments (``files/...``) relative to a page ``prefix`` levels deep."""
    if not prefix:
        return fragment
    return fragment.replace('href="files/', f'href="{prefix}files/')
