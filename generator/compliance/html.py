"""Reading built HTML and CSS as a visitor's browser would: text, visibility, drop-downs,
accessible names, and the classes a phone's stylesheet hides. Helpers of the rules, with no
rule logic of their own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag

from generator.compliance.site import HtmlPage


def text_of(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def page_label(page: HtmlPage) -> str:
    return page.url or "./"


HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Material's navigation: a sidebar on wide screens, a drawer behind the menu button on phones,
# and tabs that phones do not show. A link only there is not one click away on a phone.
_PHONE_HIDDEN_NAV = {"md-sidebar", "md-nav", "md-tabs"}


def is_hidden(tag: Tag) -> bool:
    for node in [tag, *tag.parents]:
        if not isinstance(node, Tag):
            continue
        if node.has_attr("hidden") or node.get("aria-hidden") == "true":
            return True
        style = node.get("style")
        if isinstance(style, str) and HIDING_STYLE.search(style):
            return True
    return False


def classes_of(tag: Tag) -> set[str]:
    value = tag.get("class")
    return set(value) if isinstance(value, list) else set()


def in_phone_hidden_nav(tag: Tag) -> bool:
    return any(
        isinstance(node, Tag) and classes_of(node) & _PHONE_HIDDEN_NAV for node in tag.parents
    )


def dropdown_of(tag: Tag) -> Tag | None:
    """The drop-down (details, select, menu, collapsed toggle) the tag is inside, if any."""
    for node in tag.parents:
        if not isinstance(node, Tag):
            continue
        if node.name in ("details", "select", "datalist"):
            return node
        if node.get("role") in ("menu", "listbox") or node.has_attr("aria-expanded"):
            return node
    return None


def copy_of(tag: Tag) -> Tag:
    copy = BeautifulSoup(str(tag), "html.parser")
    first = copy.find(True)
    assert isinstance(first, Tag)
    return first


def accessible_name(tag: Tag) -> str:
    """The text a screen reader announces for a link: text, alt, aria-label, svg title."""
    parts = [str(tag.get("aria-label") or "")]
    for node in tag.find_all(True):
        if node.name == "img":
            parts.append(str(node.get("alt") or ""))
        if node.name == "svg":
            parts.append(str(node.get("aria-label") or ""))
            title = node.find("title")
            parts.append(text_of(title) if isinstance(title, Tag) else "")
    parts.append(text_of(tag))
    return " ".join(p for p in parts if p)


_MEDIA_NARROW = re.compile(r"@media[^{]*max-width[^{]*\{", re.I)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS = re.compile(r"\.([A-Za-z_][\w-]*)")


def classes_hidden_on_phones(stylesheets: Iterable[str]) -> list[frozenset[str]]:
    """Class sets that a narrow-screen media query hides outright (``display: none``).

    For each selector only its last compound is read, and only when it is made of classes
    (``.a .b.c`` gives {b, c}): an element carrying all of them counts as hidden on phones,
    whatever its context. That errs towards reporting; Material's drawer is handled as
    navigation, not here.
    """
    hidden: set[frozenset[str]] = set()
    for css in stylesheets:
        for match in _MEDIA_NARROW.finditer(css):
            block = _media_block(css, match.end())
            for selectors, body in _RULE.findall(block):
                if not HIDING_STYLE.search(body):
                    continue
                for selector in selectors.split(","):
                    last = re.split(r"[\s>+~]+", selector.strip())[-1]
                    if re.fullmatch(r"(\.[A-Za-z_][\w-]*)+", last):
                        hidden.add(frozenset(_CLASS.findall(last)))
    return sorted(hidden, key=sorted)


def _media_block(css: str, start: int) -> str:
    depth = 1
    for i in range(start, len(css)):
        if css[i] == "{":
            depth += 1
        elif css[i] == "}":
            depth -= 1
            if depth == 0:
                return css[start:i]
    return css[start:]


def ancestor_class_in(tag: Tag, hidden: list[frozenset[str]]) -> str | None:
    """The selector (as ``.a.b``) that hides the tag or one of its ancestors on phones."""
    for node in [tag, *tag.parents]:
        if isinstance(node, Tag):
            classes = classes_of(node)
            for group in hidden:
                if group <= classes:
                    return "." + ".".join(sorted(group))
    return None
