"""The rule «nothing from other hosts», against every way a page can fetch from one.

Each way is a small page. For the ways Chromium really fetches, the test first shows that it
does (the page is opened with every request intercepted, and a request to another host must
be seen), then that the rule names it. The ways a current Chromium no longer or not always
fetches (``<html manifest>``, ``<a ping>``, a favicon, a preconnection) are refused all
the same. Pages that
only link to other hosts, or load from their own site or from ``data:``, must pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.compliance.loads import css_urls, external_loads, is_other_host, srcset_urls
from generator.compliance.reader import parse_html

EVIL = "evil.example"
SECTION = "http://section.test/razdel/page.html"

# name, the page's head, the page's body, whether Chromium is shown to fetch it
WAYS: list[tuple[str, str, str, bool]] = [
    ("script-src", "", '<script src="https://evil.example/x.js"></script>', True),
    ("script-protocol-relative", "", '<script src="//evil.example/x.js"></script>', True),
    ("script-module", "", '<script type="module" src="//evil.example/m.js"></script>', True),
    ("img-backslashes", "", '<img src="\\\\evil.example\\a.png" alt="">', True),
    ("img-slash-backslash", "", '<img src="/\\evil.example/a.png" alt="">', True),
    ("img-scheme-case", "", '<img src="HtTpS://evil.example/a.png" alt="">', True),
    ("img-tab-inside", "", '<img src="ht&#9;tps:/&#10;/evil.example/a.png" alt="">', True),
    ("img-leading-space", "", '<img src=" \x01//evil.example/a.png" alt="">', True),
    ("img-no-slashes", "", '<img src="https:evil.example/a.png" alt="">', True),
    ("img-entities", "", '<img src="&#47;&#47;evil.example/a.png" alt="">', True),
    ("img-duplicate-attribute", "", '<img src="//evil.example/a.png" src="a.png" alt="">', True),
    ("img-srcset", "", '<img srcset="//evil.example/a.png 1x, b.png 2x" alt="">', True),
    ("img-srcset-second", "", '<img srcset="a.png 1x, //evil.example/b.png 2x" alt="">', False),
    (
        "picture-source",
        "",
        '<picture><source srcset="//evil.example/a.webp"><img src="a.png" alt=""></picture>',
        True,
    ),
    ("video-poster", "", '<video poster="//evil.example/p.png"></video>', True),
    ("video-src", "", '<video src="//evil.example/v.mp4" preload="auto"></video>', True),
    ("audio-src", "", '<audio src="//evil.example/a.mp3" preload="auto"></audio>', True),
    (
        "track-src",
        "",
        '<video src="v.mp4"><track default kind="captions" src="//evil.example/t.vtt"></video>',
        False,
    ),
    ("input-image", "", '<input type="image" src="//evil.example/b.png" alt="x">', True),
    (
        "table-background",
        "",
        '<table background="//evil.example/bg.png"><tr><td>x</td></tr></table>',
        True,
    ),
    ("link-stylesheet-case", '<link rel="StyleSheet" href="//evil.example/s.css">', "", True),
    ("link-preload", '<link rel="preload" as="image" href="//evil.example/a.png">', "", True),
    (
        "link-preload-imagesrcset",
        '<link rel="preload" as="image" imagesrcset="//evil.example/a.png 1x" href="a.png">',
        "",
        True,
    ),
    ("link-modulepreload", '<link rel="modulepreload" href="//evil.example/m.js">', "", True),
    ("link-prefetch", '<link rel="PREFETCH" href="//evil.example/next.html">', "", True),
    ("link-icon", '<link rel="shortcut icon" href="//evil.example/favicon.ico">', "", False),
    ("link-manifest", '<link rel="manifest" href="//evil.example/m.webmanifest">', "", False),
    ("link-preconnect", '<link rel="preconnect" href="https://evil.example">', "", False),
    ("object-data", "", '<object data="//evil.example/doc.svg"></object>', True),
    ("embed-src", "", '<embed src="//evil.example/doc.svg">', True),
    ("iframe-src", "", '<iframe src="//evil.example/page.html"></iframe>', True),
    (
        "iframe-srcdoc",
        "",
        '<iframe srcdoc="&lt;img src=&quot;//evil.example/a.png&quot;&gt;"></iframe>',
        True,
    ),
    ("base-href", '<base href="//evil.example/">', '<img src="a.png" alt="">', True),
    (
        "meta-refresh",
        '<meta http-equiv="Refresh" content="0; URL=\'https://evil.example/\'">',
        "",
        True,
    ),
    (
        "svg-image-href",
        "",
        '<svg width="10" height="10"><image href="//evil.example/a.png" width="10" height="10"/></svg>',
        True,
    ),
    (
        "svg-image-xlink",
        "",
        '<svg width="10" height="10"><image xlink:href="//evil.example/a.png" width="10"'
        ' height="10"/></svg>',
        True,
    ),
    ("svg-use", "", '<svg><use href="//evil.example/s.svg#i"/></svg>', False),
    (
        "svg-feimage",
        "",
        '<svg width="10" height="10"><filter id="f"><feImage href="//evil.example/a.png"/>'
        '</filter><rect width="10" height="10" filter="url(#f)"/></svg>',
        True,
    ),
    (
        "svg-set-href",
        "",
        '<svg width="10" height="10"><image width="10" height="10"><set attributeName="href"'
        ' to="//evil.example/a.png"/></image></svg>',
        True,
    ),
    (
        "style-url-escaped",
        '<style>body { background: \\75 rl( "\\2f\\2f evil.example/bg.png" ) }</style>',
        "",
        True,
    ),
    ("style-import-string", '<style>@import "//evil.example/s.css";</style>', "", True),
    (
        "style-font-face",
        "<style>@font-face { font-family: F; src: url('//evil.example/f.woff2') format('woff2') }"
        " body { font-family: F }</style>",
        "x",
        True,
    ),
    (
        "style-image-set",
        '<style>body { background-image: image-set("//evil.example/a.png" 1x) }</style>',
        "",
        True,
    ),
    (
        "style-comment-split",
        "<style>body { background:/* url(files/a.png) */url(//evil.example/a.png) }</style>",
        "",
        True,
    ),
    (
        "style-attribute",
        "",
        "<div style=\"background:URL( '//evil.example/bg.png' )\">x</div>",
        True,
    ),
    (
        "svg-style-entities",
        "",
        '<svg><style>@import "&#47;&#47;evil.example/s.css";</style></svg>',
        True,
    ),
    (
        "module-import",
        "",
        '<script type="module">import "https://evil.example/m.js";</script>',
        True,
    ),
    (
        "module-import-from",
        "",
        "<script type=\"module\">import { x } from '//evil.example/m.js'; x();</script>",
        True,
    ),
    ("dynamic-import", "", '<script>import("\\x2f/evil.example/m.js")</script>', True),
    ("fetch", "", "<script>fetch(`https://evil.example/track`)</script>", True),
    (
        "import-map",
        "",
        '<script type="importmap">{"imports": {"x": "https://evil.example/x.js"}}</script>',
        False,
    ),
    ("a-ping", "", '<a href="a.html" ping="https://evil.example/ping">x</a>', False),
    ("html-manifest", "", "<p>x</p>", False),
]
# <html manifest> needs the attribute on the page's own html element.
PAGE = (
    "<!doctype html><html{html}><head><meta charset=utf-8>{head}</head><body>{body}</body></html>"
)


def _page(name: str, head: str, body: str) -> str:
    html = ' manifest="//evil.example/app.appcache"' if name == "html-manifest" else ""
    return PAGE.format(html=html, head=head, body=body)


SAFE: list[tuple[str, str]] = [
    ("link-to-another-site", '<a href="https://pravo.gov.ru/">закон</a>'),
    ("form-to-another-site", '<form action="https://evil.example/"><button>x</button></form>'),
    ("data-image", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">'),
    (
        "relative",
        '<img src="files/a.png" alt=""><img src="../a.png" alt=""><img src="/a.png" alt="">',
    ),
    ("canonical", '<link rel="canonical" href="https://adm.example.ru/razdel/">'),
    ("alternate", '<link rel="alternate" hreflang="uk" href="https://adm.example.ru/uk/">'),
    ("json-data", '<script type="application/json">{"url": "https://evil.example/"}</script>'),
    ("text", "<p>https://evil.example/ и //evil.example</p>"),
    ("colon-in-a-file-name", '<img src="http-plan.png" alt=""><img src="./a:b.png" alt="">'),
    ("local-style", "<style>body { background: url(files/bg.png) }</style>"),
    ("script-string", "<script>var home = 'https://adm.example.ru/';</script>"),
]


def _loads(html: str) -> list[tuple[str, str]]:
    return list(external_loads(parse_html(html)))


@pytest.mark.parametrize(("name", "head", "body", "fetched"), WAYS, ids=[w[0] for w in WAYS])
def test_the_rule_names_the_load(name: str, head: str, body: str, fetched: bool) -> None:
    loads = _loads(_page(name, head, body))
    assert loads, name
    assert all(EVIL in url.replace("\\", "/") or EVIL in url for _, url in loads), loads


@pytest.mark.parametrize(("name", "body"), SAFE, ids=[s[0] for s in SAFE])
def test_links_and_own_files_pass(name: str, body: str) -> None:
    assert _loads(_page(name, "", body)) == []


def test_there_are_many_ways() -> None:
    assert len(WAYS) >= 40


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("https://evil.example/", True),
        ("  \n//evil.example/", True),
        ("\\\\evil.example/", True),
        ("/\\evil.example/", True),
        ("HTTP://evil.example/", True),
        ("https:evil.example", True),
        ("wss://evil.example/", True),
        ("h\tt\ntps://evil.example/", True),
        ("files/a.png", False),
        ("/assets/a.css", False),
        ("data:text/css,body{}", False),
        ("#top", False),
        ("mailto:a@b.ru", False),
    ],
)
def test_addresses_are_read_as_browsers_read_them(url: str, other: bool) -> None:
    assert is_other_host(url) is other


def test_srcset_candidates() -> None:
    assert srcset_urls("a.png 1x, //x/b.png 2x") == ["a.png", "//x/b.png"]
    assert srcset_urls("data:image/png;base64,AA,BB 1x,//x/c.png") == [
        "data:image/png;base64,AA,BB",
        "//x/c.png",
    ]
    # An address runs to the next space: this is one relative address, as browsers read it.
    assert srcset_urls("a.png,//x/b.png") == ["a.png,//x/b.png"]
    assert srcset_urls("a.png, //x/b.png") == ["a.png", "//x/b.png"]


def test_css_forms() -> None:
    assert css_urls("@import url(//x/a.css);") == ["//x/a.css"]
    assert css_urls("@IMPORT '//x/a.css';") == ["//x/a.css"]
    assert css_urls("a{b:u\\72l(//x/c.png)}") == ["//x/c.png"]
    assert css_urls("a{b:-webkit-image-set('//x/1.png' 1x, url(//x/2.png) 2x)}") == [
        "//x/2.png",
        "//x/1.png",
    ]
    assert css_urls("a{b:url(files/a.png)} /* url(//x/commented.png) */") == []


@pytest.fixture(scope="module")
def chromium_page(browser: Any) -> Any:
    context = browser.new_context()
    yield context
    context.close()


BROWSER_WAYS = [w for w in WAYS if w[3]]


@pytest.mark.parametrize(
    ("name", "head", "body", "fetched"), BROWSER_WAYS, ids=[w[0] for w in BROWSER_WAYS]
)
def test_chromium_does_fetch_it(
    name: str, head: str, body: str, fetched: bool, chromium_page: Any
) -> None:
    """The fixture is a real load: Chromium asks another host for it."""
    requested = _requests_to_other_hosts(chromium_page, _page(name, head, body), expect=True)
    assert any(EVIL in host for host in requested), (name, requested)


@pytest.mark.parametrize(("name", "body"), SAFE, ids=[s[0] for s in SAFE])
def test_chromium_fetches_nothing_for_the_safe_pages(
    name: str, body: str, chromium_page: Any
) -> None:
    assert _requests_to_other_hosts(chromium_page, _page(name, "", body), expect=False) == set()


def _requests_to_other_hosts(context: Any, html: str, *, expect: bool) -> set[str]:
    """Open ``html`` as a page of the section; every request leaving the section's host is
    recorded and refused. With ``expect``, wait (up to a bound) for the first such request."""
    requested: set[str] = set()

    def route(request_route: Any) -> None:
        request = request_route.request
        host = urlsplit(request.url).hostname or ""
        if host == "section.test":
            if request.url == SECTION:
                request_route.fulfill(status=200, content_type="text/html", body=html)
            else:
                request_route.fulfill(status=404, body="")
        else:
            requested.add(host)
            request_route.abort()

    page = context.new_page()
    page.route("**/*", route)
    page.on("websocket", lambda socket: requested.add(urlsplit(socket.url).hostname or ""))
    try:
        page.goto(SECTION, wait_until="load")
        if expect:
            for _ in range(50):
                if requested:
                    break
                page.wait_for_timeout(100)
        else:
            page.wait_for_timeout(200)
    except Exception as exc:  # a navigation away (meta refresh) interrupts the page
        if not requested:
            raise exc
    finally:
        page.close()
    return requested


def test_a_built_page_with_a_way_fails_the_rule(site_copy: Any) -> None:
    """The rule as `antikor check` runs it: each way added to a built page is reported once,
    with the page, the element and the address."""
    from tests.compliance.conftest import run_check

    site: Path = site_copy()
    page = site / "komissiya" / "index.html"
    ways = [w for w in WAYS if w[0] != "html-manifest"]
    extra = "".join(head + body for _, head, body, _ in ways)
    html = page.read_text(encoding="utf-8").replace("</article>", extra + "</article>", 1)
    page.write_text(html, encoding="utf-8")
    result = next(r for r in run_check(site) if r.rule.id == "no-external-resources")
    assert not result.passed
    assert {f.page for f in result.failures} == {"komissiya/"}
    assert len(result.failures) >= len(ways)
    assert all(f.problem.startswith("загружается с ") for f in result.failures)
