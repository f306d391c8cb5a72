"""Reading a built site folder into a :class:`BuiltSite`: the only part of the compliance check
that touches the disk."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from bs4 import BeautifulSoup

from generator.compliance.site import BuiltSite, HtmlPage, SiteFile

log = logging.getLogger(__name__)


class SiteUnreadable(Exception):
    """The folder is not a built section; the message is for the user, in Russian."""


def read_site(root: Path) -> BuiltSite:
    if not root.is_dir():
        raise SiteUnreadable(f"папка сайта {root} не найдена: сначала соберите его (antikor build)")
    pages: dict[str, HtmlPage] = {}
    files: dict[str, SiteFile] = {}
    stylesheets: dict[str, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        try:
            if path.suffix.lower() in (".html", ".htm"):
                page = HtmlPage(relative, read=partial(_read_page, path))
                page.meta("antikor:page")  # read now: a page that cannot be read stops here
                pages[relative] = page
            elif path.suffix.lower() == ".css":
                stylesheets[relative] = path.read_text(encoding="utf-8", errors="replace")
            files[relative] = _describe(path, relative)
        except OSError as exc:
            raise SiteUnreadable(f"не удалось прочитать {path}: {exc.strerror}") from None
    site = BuiltSite(pages, files, stylesheets)
    if site.home is None:
        raise SiteUnreadable(
            f"в папке {root} нет собранного раздела (нет главной страницы с пометкой antikor):"
            " укажите --site-dir папки, собранной командой antikor build"
        )
    return site


def _read_page(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise SiteUnreadable(f"не удалось прочитать {path}: {exc.strerror}") from None


def parse_html(text: str) -> BeautifulSoup:
    """A page as the check reads it: of an attribute written twice, the first counts, as in
    browsers (the parser's default keeps the last, which would hide the one that loads)."""
    return BeautifulSoup(text, "html.parser", on_duplicate_attribute="ignore")


def _describe(path: Path, relative: str) -> SiteFile:
    size = path.stat().st_size
    if path.suffix.lower() != ".pdf":
        return SiteFile(relative, size)
    chars, error = pdf_text_chars(path)
    return SiteFile(relative, size, chars, error)


def pdf_text_chars(path: Path) -> tuple[int, str | None]:
    """How many non-space characters of text the PDF's pages carry, or why it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        total = 0
        for page in reader.pages:
            total += sum(1 for c in page.extract_text() or "" if not c.isspace())
            if total:
                break
        return total, None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        log.debug("pdf %s unreadable: %s", path, exc)
        return 0, "файл поврежден или не является PDF"
