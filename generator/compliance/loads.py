"""Every way a page makes the browser fetch something, and whether it reaches another host.

The section must load nothing from other sites (fonts, scripts, counters, images): a visitor's
address would be handed to a third party, and the page would break when that party does. The
rule is built from the specs rather than from examples:

* HTML: every attribute that fetches without the visitor asking (``src``, ``srcset``,
  ``imagesrcset``, ``poster``, ``data``, ``background``, ``ping``), ``<link>`` with any ``rel``
  but the purely descriptive ones (in any letter case), ``<base href>`` (it moves every relative
  address of the page), ``<meta http-equiv=refresh>`` (it leaves the page unasked), and the
  page inside ``<iframe srcdoc>``, read the same way.
* SVG: ``href`` and ``xlink:href`` of ``image``, ``use``, ``feImage``, ``script``, the same
  set by ``<set>`` and ``<animate>``, and the ``url()`` of presentation attributes.
* CSS, in ``<style>``, ``style=""`` and the site's stylesheets: ``url()``, ``src()``,
  ``image-set()`` with plain strings, ``@import`` with a bare string, after CSS escapes and
  comments are resolved.
* Inline scripts: ``import``, ``import()``, ``importScripts()``, workers, ``fetch()`` and
  beacons with a literal address; import maps and speculation rules.

Navigation that the visitor starts (``<a href>``, ``<form action>``) is not a load.

Addresses are read as browsers read them (the WHATWG URL standard): surrounding spaces and
control characters dropped, tabs and line breaks inside removed, ``\\`` taken for ``/``, the
scheme in any case. An address reaches another host if it names a host: a network scheme
(``http:``, ``https:``, ``ws:``, ``wss:``, ``ftp:``, even without slashes, since ``https:host``
is a host when the page is served over http) or two leading slashes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag

Load = tuple[str, str]  # (the element and attribute, in HTML terms; the address)

_NETWORK_SCHEMES = {"http", "https", "ws", "wss", "ftp"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def is_other_host(url: str) -> bool:
    """True if the browser would fetch ``url`` from a host named in it."""
    address = _TABS_AND_NEWLINES.sub("", url.strip(_C0_AND_SPACE))
    address = address.replace("\\", "/")
    scheme = _SCHEME.match(address)
    if scheme:
        return scheme.group(1).lower() in _NETWORK_SCHEMES
    return address.startswith("//")


# --- HTML and SVG -------------------------------------------------------------------------------

# Attributes that fetch, on any element (``background`` is still honoured on body and tables).
_ANY_ELEMENT = ("background",)
_FETCHING: dict[str, tuple[str, ...]] = {
    "script": ("src", "href", "xlink:href"),
    "img": ("src", "srcset", "lowsrc"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data", "codebase", "archive"),
    "applet": ("code", "codebase", "archive"),
    "input": ("src",),
    "portal": ("src",),
    "fencedframe": ("src",),
    "html": ("manifest",),
    "a": ("ping",),
    "area": ("ping",),
    "base": ("href",),
    "image": ("href", "xlink:href", "src"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
_SRCSET = {"srcset", "imagesrcset"}
_SPACE_SEPARATED = {"ping", "archive"}
# <link> relations that describe or point to another document without fetching it.
_DESCRIPTIVE_RELS = {
    "alternate", "author", "bookmark", "canonical", "external", "help", "license", "next",
    "nofollow", "noopener", "noreferrer", "opener", "prev", "previous", "tag", "me", "up",
    "index", "first", "last", "start", "contents", "chapter", "section", "subsection",
    "appendix", "glossary", "copyright", "privacy-policy", "terms-of-service", "edit",
}  # fmt: skip
# SVG presentation attributes whose value may be a url().
_SVG_URL_ATTRIBUTES = (
    "fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
    "marker-end", "cursor",
)  # fmt: skip
_JS_TYPES = {
    "", "module", "text/javascript", "application/javascript", "text/ecmascript",
    "application/ecmascript", "javascript", "text/jscript", "text/livescript",
}  # fmt: skip


def external_loads(soup: BeautifulSoup | Tag, where: str = "") -> Iterator[Load]:
    """Every fetch from another host that the parsed page ``soup`` makes."""
    for tag in soup.find_all(True):
        assert isinstance(tag, Tag)
        yield from _tag_loads(tag, where)


def _tag_loads(tag: Tag, where: str) -> Iterator[Load]:
    name = tag.name.lower()
    for attr in (*_FETCHING.get(name, ()), *_ANY_ELEMENT):
        for url in _urls(tag, attr):
            if is_other_host(url):
                yield f"{where}<{name} {attr}>", url
    if name == "link":
        yield from _link_loads(tag, where)
    elif name == "meta":
        yield from _refresh_loads(tag, where)
    elif name in ("set", "animate"):
        yield from _animation_loads(tag, where)
    elif name == "iframe":
        srcdoc = tag.get("srcdoc")
        if isinstance(srcdoc, str) and srcdoc.strip():
            inner = BeautifulSoup(srcdoc, "html.parser", on_duplicate_attribute="ignore")
            yield from external_loads(inner, f"{where}<iframe srcdoc> ")
    elif name == "style":
        for url in css_urls(_element_text(tag)):
            yield f"{where}<style>", url
    elif name == "script":
        yield from _script_loads(tag, where)
    style = tag.get("style")
    if isinstance(style, str):
        for url in css_urls(style):
            yield f"{where}<{name} style>", url
    for attr in _SVG_URL_ATTRIBUTES:
        value = tag.get(attr)
        if isinstance(value, str) and "url" in value.lower():
            for url in css_urls(value):
                yield f"{where}<{name} {attr}>", url


def _urls(tag: Tag, attr: str) -> list[str]:
    value = tag.get(attr)
    if isinstance(value, list):
        value = " ".join(value)
    if not isinstance(value, str):
        return []
    if attr in _SRCSET:
        return srcset_urls(value)
    if attr in _SPACE_SEPARATED:
        return value.split()
    return [value]


def _link_loads(tag: Tag, where: str) -> Iterator[Load]:
    rel = tag.get("rel")
    rels = {r.lower() for r in (rel if isinstance(rel, list) else str(rel or "").split())}
    if rels and rels <= _DESCRIPTIVE_RELS:
        return
    label = " ".join(sorted(rels)) or "без rel"
    for attr in ("href", "imagesrcset"):
        for url in _urls(tag, attr):
            if is_other_host(url):
                yield f"{where}<link rel={label} {attr}>", url


_REFRESH = re.compile(
    r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*?)\1\s*$""", re.IGNORECASE | re.DOTALL
)


def _refresh_loads(tag: Tag, where: str) -> Iterator[Load]:
    equiv = tag.get("http-equiv")
    content = tag.get("content")
    if not isinstance(equiv, str) or equiv.strip().lower() != "refresh":
        return
    if isinstance(content, str) and (match := _REFRESH.match(content)):
        url = match.group(2)
        if url and is_other_host(url):
            yield f"{where}<meta http-equiv=refresh>", url


def _animation_loads(tag: Tag, where: str) -> Iterator[Load]:
    target = tag.get("attributename")
    if not isinstance(target, str) or target.strip().lower() not in ("href", "xlink:href"):
        return
    for attr in ("to", "from", "values"):
        value = tag.get(attr)
        if isinstance(value, str):
            for url in value.split(";"):
                if is_other_host(url):
                    yield f"{where}<{tag.name} {attr}>", url


def _element_text(tag: Tag) -> str:
    """The text of a style or script element. Inside SVG a browser decodes character
    references there, which an HTML parser leaves: both readings are searched."""
    text = tag.get_text()
    decoded = html.unescape(text)
    return text if decoded == text else f"{text}\n{decoded}"


def srcset_urls(value: str) -> list[str]:
    """The addresses of a ``srcset``: candidates split at commas that end an address or
    follow its descriptors (an address may itself hold commas)."""
    urls: list[str] = []
    position = 0
    while position < len(value):
        while position < len(value) and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < len(value) and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while position < len(value):
                char = value[position]
                depth += char == "("
                depth -= char == ")"
                position += 1
                if char == "," and depth <= 0:
                    break
        if url:
            urls.append(url)
    return urls


# --- CSS ------------------------------------------------------------------------------------------

_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.DOTALL)
_STRING = r"""(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')"""
_CSS_URL = re.compile(r"\burl\(\s*(?:" + _STRING + r"|([^)\s\"']*))", re.IGNORECASE)
_CSS_SRC = re.compile(r"\bsrc\(\s*" + _STRING, re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\s*" + _STRING, re.IGNORECASE)
_CSS_IMAGE_SET = re.compile(r"image-set\(([^;{}]*)", re.IGNORECASE)
_CSS_STRING = re.compile(_STRING)


def css_urls(css: str) -> list[str]:
    """The addresses on other hosts that a piece of CSS fetches."""
    text = _decode_css(_CSS_COMMENT.sub("", css))
    found: list[str] = []
    for pattern in (_CSS_URL, _CSS_SRC, _CSS_IMPORT):
        for match in pattern.finditer(text):
            found.append(next(g for g in match.groups() if g is not None))
    for match in _CSS_IMAGE_SET.finditer(text):
        for string in _CSS_STRING.finditer(match.group(1)):
            found.append(string.group(1) if string.group(1) is not None else string.group(2))
    return [url for url in found if is_other_host(url)]


def _decode_css(css: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        char = match.group(2)
        return "" if char == "\n" else char

    return _CSS_ESCAPE.sub(replace, css)


# --- scripts --------------------------------------------------------------------------------------

_JS_STRING = r"""(["'`])((?:(?!\1)[^\\\n]|\\.)*)\1"""
_JS_LOADS = re.compile(
    r"(?:\bimport\s*\(\s*|\bimport\s*|\bfrom\s*|\bimportScripts\s*\(\s*|\bfetch\s*\(\s*"
    r"|\bnew\s+(?:Shared)?Worker\s*\(\s*|\bsendBeacon\s*\(\s*|\bnew\s+EventSource\s*\(\s*"
    r"|\bnew\s+WebSocket\s*\(\s*|\.open\s*\(\s*[\"'][A-Za-z]+[\"']\s*,\s*)" + _JS_STRING
)
_ANY_URL_STRING = re.compile(r"""["']((?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)[^"']*)["']""")


def _script_loads(tag: Tag, where: str) -> Iterator[Load]:
    kind = tag.get("type")
    kind = kind.strip().lower() if isinstance(kind, str) else ""
    text = _element_text(tag)
    if kind in ("importmap", "speculationrules"):
        for url in _json_strings(text):
            if is_other_host(url):
                yield f"{where}<script type={kind}>", url
    elif kind in _JS_TYPES:
        for match in _JS_LOADS.finditer(text):
            url = _js_unescape(match.group(2))
            if is_other_host(url):
                keyword = re.match(r"\.?((?:new\s+)?\w+)", match.group(0))
                yield f"{where}<script> {keyword.group(1) if keyword else 'import'}", url


def _json_strings(text: str) -> Iterator[str]:
    try:
        data = json.loads(text)
    except ValueError:
        yield from (m.group(1) for m in _ANY_URL_STRING.finditer(text))
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += list(item.keys()) + list(item.values())
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            yield item


def _js_unescape(text: str) -> str:
    """Escapes in a JavaScript string literal (``\\x2f``, ``\\u002f``, ``\\/``)."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2) or match.group(3)
        return chr(int(code, 16)) if code else match.group(4)

    return re.sub(
        r"\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|(.))", replace, text
    )
