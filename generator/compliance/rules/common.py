"""What several rule groups share: the profile's subsections, requisites as the pages print
them, and the guard of the rules that read the section home."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TypeVar

from bs4 import Tag

from generator import contract
from generator.compliance.html import page_label, text_of
from generator.compliance.registry import Context, Failure, Params
from generator.compliance.site import BuiltSite, HtmlPage, resolve

DATE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")


def links_to(site: BuiltSite, home: HtmlPage, target: HtmlPage) -> list[Tag]:
    found = []
    for anchor in home.soup.find_all("a", href=True):
        href = anchor.get("href")
        if isinstance(href, str) and resolve(site, home, href).path == target.path:
            found.append(anchor)
    return found


UNKNOWN = ".ak-illegible, .ak-not-stated"
"""Requisites the page marks as unreadable in the source, or as not given by it."""
UNKNOWN_WORDING = {
    "illegible": ("помечен как неразборчивый в источнике", "«неразборчиво»"),
    "not-stated": ("помечен как не указанный в источнике", "«не указано»"),
}


def illegible_fields(act: Tag) -> set[str]:
    """The requisites an act marks as unreadable in its source or not given by it
    (``data-ak-illegible``, ``data-ak-not-stated``)."""
    return {
        field
        for attribute in (contract.ILLEGIBLE, contract.NOT_STATED)
        for mark in act.select(f"[{attribute}]")
        for field in str(mark.get(attribute)).split()
    }


def requisite_problem(cell: Tag | None, name: str) -> str | None:
    """Why a rendered requisite is not acceptable, or None. Illegible ones have their own rule."""
    if cell is None:
        return f"нет реквизита «{name}»"
    if cell.select_one(UNKNOWN):
        return None
    text = text_of(cell)
    if not text:
        return f"пустой реквизит «{name}»"
    if name == "дата" and not DATE.match(text):
        return f"«{text}» не дата (ожидается ДД.ММ.ГГГГ)"
    return None


def expected_subsections(context: Context) -> list[tuple[str, bool]]:
    return [(spec.key, spec.required) for spec in context.profile.subsections]


def required_title(context: Context, key: str, language: str) -> str:
    """The subsection's title as the profile requires it (the requirement, not the generator,
    is what the built site is held to)."""
    spec = context.profile.subsection(key)
    return spec.title(language) if spec is not None else key


def _no_home() -> list[Failure]:
    return [
        Failure(
            "./",
            "index.html",
            "нет главной страницы раздела",
            "соберите раздел командой antikor build и проверяйте папку собранного сайта",
        )
    ]


P = TypeVar("P", bound=Params)


def needs_home(
    check: Callable[[Context, P, HtmlPage], list[Failure]],
) -> Callable[[Context, P], list[Failure]]:
    """For a rule that reads the section home: without a home it fails once, saying so, instead
    of every such rule repeating the guard."""

    @functools.wraps(check)
    def run(context: Context, params: P) -> list[Failure]:
        home = context.site.home
        return _no_home() if home is None else check(context, params, home)

    return run


def subsection_address_label(context: Context, key: str) -> str:
    page = context.site.subsection_page(key)
    return page_label(page) if page else "./"
