"""The golden build: the minimal content folder built to a checked-in tree, file by file.

Any change to the built site shows up here as a diff, so a refactoring that was meant to change
nothing proves it, and a change that was meant to change the output shows exactly what changed.
When the change is intended, regenerate the tree and review it in ``git diff``::

    ANTIKOR_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_golden.py

Pages, the sitemap and other text files are stored as text; every other file (attachments, our
scripts and styles) as a SHA-256 in ``binary.sha256``. Material's bundled assets and the Pagefind
index come from those tools and change with their versions, so they are left out, and so are the
tools' versions and the content hashes in the names of Material's assets inside the pages.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, build_site

GOLDEN = ROOT / "tests" / "golden" / "minimal"
REGENERATE = os.environ.get("ANTIKOR_REGENERATE_GOLDEN") == "1"

TEXT_SUFFIXES = {".html", ".xml", ".svg"}
# Written by Material or Pagefind from their own packages; not ours to pin.
SKIPPED = (
    "assets/javascripts/",
    "assets/stylesheets/",
    "assets/images/",
    "pagefind/",
    "sitemap.xml.gz",
)
HASHES = "binary.sha256"

_VERSIONS = re.compile(r"\b(mkdocs|mkdocs-material)-\d+(?:\.\d+)*")
_ASSET_HASH = re.compile(r"\.[0-9a-f]{8}(\.min\.(?:js|css))")


def normalise(text: str) -> str:
    """The page without what depends on the installed MkDocs and Material."""
    return _ASSET_HASH.sub(r".HASH\1", _VERSIONS.sub(r"\1-VERSION", text))


def snapshot(site: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The site's text files (normalised) and the SHA-256 of its other files, by path."""
    texts: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or name.startswith(SKIPPED):
            continue
        if path.suffix in TEXT_SUFFIXES:
            texts[name] = normalise(path.read_text(encoding="utf-8"))
        else:
            hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return texts, hashes


def write_golden(texts: dict[str, str], hashes: dict[str, str]) -> None:
    shutil.rmtree(GOLDEN / "site", ignore_errors=True)
    for name, text in texts.items():
        target = GOLDEN / "site" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    lines = [f"{digest}  {name}\n" for name, digest in sorted(hashes.items())]
    (GOLDEN / HASHES).write_text("".join(lines), encoding="utf-8")


def read_golden() -> tuple[dict[str, str], dict[str, str]]:
    root = GOLDEN / "site"
    texts = {
        path.relative_to(root).as_posix(): path.read_bytes().decode("utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
    hashes = {}
    for line in (GOLDEN / HASHES).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        hashes[name] = digest
    return texts, hashes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    site = tmp_path_factory.mktemp("golden") / "site"
    result = build_site(FIXTURES / "minimal", site)
    assert result.exit_code == 0, result.stderr
    texts, hashes = snapshot(site)
    if REGENERATE:
        write_golden(texts, hashes)
    return texts, hashes


def test_same_files(built: tuple[dict[str, str], dict[str, str]]) -> None:
    texts, hashes = built
    golden_texts, golden_hashes = read_golden()
    assert sorted(texts) == sorted(golden_texts)
    assert sorted(hashes) == sorted(golden_hashes)


def test_same_text(built: tuple[dict[str, str], dict[str, str]]) -> None:
    texts, _ = built
    golden_texts, _ = read_golden()
    diffs = [
        "".join(
            difflib.unified_diff(
                golden_texts[name].splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"golden/{name}",
                f"built/{name}",
                n=2,
            )
        )
        for name, text in texts.items()
        if name in golden_texts and golden_texts[name] != text
    ]
    if diffs:
        pytest.fail("\n".join(diffs), pytrace=False)


def test_same_other_files(built: tuple[dict[str, str], dict[str, str]]) -> None:
    _, hashes = built
    _, golden_hashes = read_golden()
    changed = [name for name, digest in hashes.items() if golden_hashes.get(name) != digest]
    assert not changed, f"differ from {HASHES}: {changed}"
