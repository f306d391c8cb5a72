"""The built site as the compliance check sees it: parsed pages and facts about files.

Pure data: :mod:`generator.compliance.reader` fills it from a folder, the tests may build it from
strings, and the rules only read it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from generator import contract

_BASE = "http://section.invalid/"


@dataclass(frozen=True)
class HtmlPage:
    """One HTML file of the site."""

    path: str  # relative to the site folder: "komissiya/index.html"
    soup: BeautifulSoup

    @property
    def url(self) -> str:
        """The page's address as a visitor sees it: "komissiya/" for a folder's index."""
        if self.path == "index.html":
            return ""
        if self.path.endswith("/index.html"):
            return self.path[: -len("index.html")]
        return self.path

    def meta(self, name: str) -> str | None:
        tag = self.soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag):
            content = tag.get("content")
            return content if isinstance(content, str) else None
        return None

    @property
    def kind(self) -> str | None:
        """A :class:`~generator.contract.PageKind` for pages of the section; None for others."""
        return self.meta(contract.META_PAGE)

    @property
    def subsection(self) -> str | None:
        return self.meta(contract.META_SUBSECTION)

    @property
    def lang(self) -> str:
        html = self.soup.find("html")
        value = html.get("lang") if isinstance(html, Tag) else None
        return value.strip() if isinstance(value, str) else ""

    @property
    def main(self) -> Tag | None:
        """The page's own content, without the theme's header, navigation and footer."""
        found = self.soup.select_one("article.md-content__inner") or self.soup.find("main")
        return found if isinstance(found, Tag) else None

    def ids(self) -> set[str]:
        found: set[str] = set()
        for tag in self.soup.find_all(True):
            for attr in ("id", "name"):
                value = tag.get(attr) if attr == "id" or tag.name == "a" else None
                if isinstance(value, str):
                    found.add(value)
        return found


@dataclass(frozen=True)
class SiteFile:
    """A file of the site and what the check needs to know about its content."""

    path: str
    size: int
    pdf_text_chars: int | None = None  # characters of text in a PDF; None if not a PDF
    pdf_error: str | None = None  # why a PDF could not be read


@dataclass(frozen=True)
class BuiltSite:
    pages: Mapping[str, HtmlPage]  # by path
    files: Mapping[str, SiteFile]  # every file, pages included, by path
    stylesheets: Mapping[str, str] = field(default_factory=dict)  # CSS text by path

    def section_pages(self) -> list[HtmlPage]:
        """The pages the generator made for the section, in path order."""
        return [p for _, p in sorted(self.pages.items()) if p.kind]

    @property
    def home(self) -> HtmlPage | None:
        return next((p for p in self.section_pages() if p.kind == contract.PageKind.HOME), None)

    def subsection_page(self, key: str) -> HtmlPage | None:
        return next((p for p in self.section_pages() if p.subsection == key), None)

    def profile_name(self) -> str | None:
        home = self.home
        return home.meta(contract.META_PROFILE) if home else None

    def exists(self, path: str) -> bool:
        return path in self.files


@dataclass(frozen=True)
class Target:
    """Where a link from a page leads."""

    external: bool
    path: str | None  # the file inside the site, when internal
    fragment: str


def resolve(site: BuiltSite, page: HtmlPage, href: str) -> Target:
    """Resolve ``href`` from ``page`` to a file of the site (folder URLs to their index.html)."""
    from urllib.parse import urljoin

    parts = urlsplit(href.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return Target(True, None, "")
    absolute = urljoin(_BASE + page.path, href.strip())
    split = urlsplit(absolute)
    if f"{split.scheme}://{split.netloc}/" != _BASE:
        return Target(True, None, split.fragment)
    path = unquote(split.path)[1:]
    path = posixpath.normpath(path) if path else ""
    if path in ("", "."):
        path = "index.html"
    elif split.path.endswith("/") or (
        path not in site.files and f"{path}/index.html" in site.files
    ):
        path = f"{path}/index.html"
    return Target(False, path, unquote(split.fragment))
