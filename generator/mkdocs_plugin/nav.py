"""The section's navigation: home, then the subsections in the order the requirements give,
with the plans and reports under theirs, then the links a body's ``mkdocs.yml`` adds."""

from __future__ import annotations

import logging
import re
from typing import Any

from markupsafe import escape

from generator.diagnostics import BUILD_LOG
from generator.plaintext import visible
from generator.site.i18n import SUBSECTIONS, subsection_address
from generator.site.pages import Page

log = logging.getLogger(BUILD_LOG)


def resolve_nav(pages: list[Page], added: list[Any] | None) -> list[Any]:
    """The whole navigation: the section's own, then the links the settings add."""
    return [*_section_nav(pages), *_added_nav(added)]


def _section_nav(pages: list[Page]) -> list[Any]:
    """Navigation in the order the requirements give: home, then the subsections. The search
    page is reached from the search box in the header, not from the navigation."""
    by_url = {page.url: page for page in pages}
    nav: list[Any] = [{escape(by_url[""].title): by_url[""].src_uri}]
    for key in SUBSECTIONS:
        address = subsection_address(key)
        index = by_url[address]
        children = [p for p in pages if p.url.startswith(address) and p.url != address]
        if children:
            items = [index.src_uri, *({escape(c.title): c.src_uri} for c in children)]
            nav.append({escape(index.title): items})
        else:
            nav.append({escape(index.title): index.src_uri})
    return nav


def _added_nav(nav: list[Any] | None) -> list[Any]:
    """Links a body's ``mkdocs.yml`` adds under the section's own navigation (say, back to the
    official site). Its pages are generated, so only links to addresses are kept."""
    added = []
    for item in nav or []:
        if isinstance(item, dict) and len(item) == 1:
            title, target = next(iter(item.items()))
            if isinstance(title, str) and isinstance(target, str) and _LINK.match(target):
                # Material prints nav titles as they are: escaped like the section's own.
                added.append({escape(title): target})
                continue
        log.info(
            "замечание: mkdocs.yml: пункт nav %s пропущен: к меню раздела"
            " добавляются только ссылки вида «Название: https://...»",
            visible(repr(item)),
        )
    return added


# An added link: http(s) only (not javascript:), nothing that would end the href attribute.
_LINK = re.compile(r"""https?://[^"'<>\\`\s]+\Z""", re.IGNORECASE)
