"""The section works from a plain static web server under any path prefix: every page, asset and
anchor that a page refers to is there."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.conftest import CONTENT_BY_NAME, ExampleSites
from tests.support.server import serve


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name):
                self.refs.append(str(values[name]))


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), b""


@pytest.mark.parametrize("name", sorted(CONTENT_BY_NAME))
def test_every_link_resolves_under_a_prefix(example_site: ExampleSites, name: str) -> None:
    site = example_site(name)
    with serve(site, "/city/anti-corruption/") as served:
        folders = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
        pages = {served.url("" if folder == "." else folder + "/") for folder in folders}
        parsed: dict[str, _Refs] = {}
        for url in sorted(pages):
            status, body = _fetch(url)
            assert status == 200, url
            parsed[url] = _Refs()
            parsed[url].feed(body.decode("utf-8"))
        broken = []
        checked = 0
        for url, refs in parsed.items():
            for ref in refs.refs:
                checked += 1
                target = urljoin(url, ref)
                if urlsplit(target).netloc != urlsplit(served.base).netloc:
                    continue  # mail, phone and the body's main site
                path, fragment = urldefrag(target)
                if not path.startswith(served.base):
                    broken.append(f"{url}: {ref} leaves the prefix")
                    continue
                if path in parsed:
                    if fragment and fragment not in parsed[path].ids:
                        broken.append(f"{url}: {ref} has no anchor")
                elif _fetch(path)[0] != 200:
                    broken.append(f"{url}: {ref} is missing")
        assert broken == []
        assert checked > 20 * len(pages)
