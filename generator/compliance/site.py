"""The built site as the compliance check sees it: parsed pages and facts about files.

Pure data: :mod:`generator.compliance.reader` fills it from a folder, the tests may build it from
strings, and the rules only read it.
"""

from __future__ import annotations

import posixpath
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from generator import contract

_BASE = "http://section.invalid/"


class HtmlPage:
    """One HTML file of the site.

    A page read from a folder is parsed when a rule first looks into it, and the parse is kept
    in a cache bounded by the size of the HTML it holds (:data:`PARSED_BUDGET`): a site of
    hundreds of megabytes is checked page by page instead of held in memory whole. What every
    rule asks of every page (its kind, subsection, language) is kept apart from the parse.
    """

    __slots__ = ("_facts", "_read", "_soup", "path")

    def __init__(
        self,
        path: str,  # relative to the site folder: "komissiya/index.html"
        soup: BeautifulSoup | None = None,
        *,
        read: Callable[[], str] | None = None,
    ) -> None:
        if (soup is None) == (read is None):
            raise TypeError("a page needs either its parsed soup or a way to read it")
        self.path = path
        self._soup = soup
        self._read = read
        self._facts: dict[str, str | None] | None = None

    @property
    def soup(self) -> BeautifulSoup:
        if self._soup is not None:
            return self._soup
        return _PARSED.get(self)

    def parse(self) -> tuple[BeautifulSoup, int]:
        assert self._read is not None
        text = self._read()
        return BeautifulSoup(text, "html.parser", on_duplicate_attribute="ignore"), len(text)

    @property
    def url(self) -> str:
        """The page's address as a visitor sees it: "komissiya/" for a folder's index."""
        if self.path == "index.html":
            return ""
        if self.path.endswith("/index.html"):
            return self.path[: -len("index.html")]
        return self.path

    def _fact(self, name: str) -> str | None:
        if self._facts is None:
            self._facts = _head_facts(self._head())
        return self._facts.get(name)

    def _head(self) -> BeautifulSoup:
        """The page's ``<head>`` alone, for its facts: parsing it costs nothing next to the page."""
        if self._soup is not None or self._read is None:
            return self.soup
        text = self._read()
        body = text.find("<body")
        return BeautifulSoup(text if body < 0 else text[:body], "html.parser")

    def meta(self, name: str) -> str | None:
        return self._fact(name)

    @property
    def kind(self) -> str | None:
        """A :class:`~generator.contract.PageKind` for pages of the section; None for others."""
        return self.meta(contract.META_PAGE)

    @property
    def subsection(self) -> str | None:
        return self.meta(contract.META_SUBSECTION)

    @property
    def lang(self) -> str:
        return self._fact(" lang") or ""

    @property
    def main(self) -> Tag | None:
        """The page's own content, without the theme's header, navigation and footer."""
        soup = self.soup
        found = soup.select_one("article.md-content__inner") or soup.find("main")
        return found if isinstance(found, Tag) else None

    def ids(self) -> set[str]:
        found: set[str] = set()
        for tag in self.soup.find_all(True):
            for attr in ("id", "name"):
                value = tag.get(attr) if attr == "id" or tag.name == "a" else None
                if isinstance(value, str):
                    found.add(value)
        return found


def _head_facts(head: BeautifulSoup) -> dict[str, str | None]:
    facts: dict[str, str | None] = {}
    for tag in head.find_all("meta", attrs={"name": True}):
        key, content = tag.get("name"), tag.get("content")
        if isinstance(key, str) and key not in facts:
            facts[key] = content if isinstance(content, str) else None
    html = head.find("html")
    lang = html.get("lang") if isinstance(html, Tag) else None
    facts[" lang"] = lang.strip() if isinstance(lang, str) else ""
    return facts


PARSED_BUDGET = 24_000_000
"""How many characters of HTML the parsed pages in memory may come from, all together (a parse
takes about ten times its text); the page parsed last is always kept."""


class _ParsedPages:
    """The most recently used parses of pages read from a folder."""

    def __init__(self) -> None:
        self._parsed: OrderedDict[int, tuple[HtmlPage, BeautifulSoup, int]] = OrderedDict()
        self._size = 0

    def get(self, page: HtmlPage) -> BeautifulSoup:
        key = id(page)
        found = self._parsed.get(key)
        if found is not None:
            self._parsed.move_to_end(key)
            return found[1]
        soup, size = page.parse()
        self._parsed[key] = (page, soup, size)
        self._size += size
        while self._size > PARSED_BUDGET and len(self._parsed) > 1:
            _, (_, _, dropped) = self._parsed.popitem(last=False)
            self._size -= dropped
        return soup

    def clear(self) -> None:
        self._parsed.clear()
        self._size = 0


_PARSED = _ParsedPages()


def forget_parsed_pages() -> None:
    """Let the parses of a checked site go (a build checks one site and goes on)."""
    _PARSED.clear()


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
