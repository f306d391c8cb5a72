"""Helpers for the attack tests: content with hostile values, built in this process, and a
parser that lists what in a built page can run."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from tests.conftest import FIXTURES, ROOT

# The only scripts a page may hold: Material's bundle and ours, from the site's own assets.
OUR_SCRIPT = re.compile(
    r"^(?:(?:\.\./)*|/(?:[^\s\"'<>]*/)?)assets/"
    r"(?:javascripts/bundle\.[0-9a-f]+\.min\.js|antikor/[a-z0-9]+\.js)$"
)
# The inline scripts Material and our theme write, by how they begin.
OUR_INLINE = (
    "(function () {",  # the stored low-vision settings, theme/main.html
    "var target=document.getElementById(location.hash.slice(1))",  # Material's content.html
)
MD_SCOPE = re.compile(r'^__md_scope=new URL\("(?:\.|\.\.(?:/\.\.)*|/[^\s"\'<>\\]*)",location\),')
EVENT_ATTRIBUTE = "on"


def write_yaml(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read_yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def build_in_process(content: Path, site: Path, site_url: str | None = None) -> None:
    """``antikor build`` without a child process: the attack tests build many sites."""
    from generator.pipeline import build

    build(content, site, config_file=ROOT / "mkdocs.yml", site_url=site_url)


@pytest.fixture
def without_markup_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation refuses markup in plain-text fields; switched off, the values reach the
    templates, and the pages must show them as text anyway."""
    import generator.models

    monkeypatch.setattr(generator.models, "markup_in_plain_text", lambda text: None)


def html_files(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def active_markup(html: str) -> list[str]:
    """Everything in a page that could run or load script and that our templates do not write:
    scripts of unknown source, inline scripts with text we do not write, event handler
    attributes, javascript:/vbscript:/data: URLs, and elements that have no place in the
    section's pages."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for tag in soup.find_all(True):
        assert isinstance(tag, Tag)
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith(EVENT_ATTRIBUTE):
                found.append(f"<{tag.name} {name}>")
            compact = "".join(text.split()).lower()
            if name in ("href", "src", "action", "formaction", "data", "srcdoc") and (
                compact.startswith(("javascript:", "vbscript:", "data:"))
            ):
                found.append(f"<{tag.name} {name}={text[:40]}>")
        if tag.name in ("iframe", "object", "embed", "frame", "base", "applet", "math"):
            found.append(f"<{tag.name}>")
        if tag.name == "script":
            src = tag.get("src")
            if isinstance(src, str):
                if not OUR_SCRIPT.match(src):
                    found.append(f"<script src={src}>")
            elif not _our_inline_script(tag):
                found.append(f"<script>{tag.get_text()[:60]}")
    return found


def _our_inline_script(tag: Tag) -> bool:
    text = tag.get_text()
    if tag.get("type") == "application/json":
        try:
            json.loads(text)  # data, not script (Material's __config, our texts)
        except ValueError:
            return False
        return True
    text = text.strip()
    return text.startswith(OUR_INLINE) or MD_SCOPE.match(text) is not None


RenderCheck = Callable[[Path], list[str]]
