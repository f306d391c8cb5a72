"""The index as the build writes it: what is published, what is indexed, and a failed run."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from generator.pipeline import load_content
from generator.search import pagefind
from generator.search.bundle import decode, encode, pack, read
from generator.search.pagefind import (
    MEMORY,
    OUTPUT_PREFIX,
    RECORDS,
    UNUSED,
    WORK_PREFIX,
    index_site,
    start_indexing,
)
from generator.search.records import PageIndex, Record, build_records, render_page
from generator.site.model import build_model
from tests.conftest import FIXTURES, ROOT, build_site


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("name", ["derbent", "luhansk"])
def test_the_index_is_published_and_the_scratch_records_are_not(
    example_site: Callable[[str], Path], name: str
) -> None:
    site = example_site(name)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = "uk" if name == "luhansk" else "ru"
    assert list(entry["languages"]) == [language]
    assert (site / "pagefind" / "pagefind.js").is_file()
    wasm = entry["languages"][language]["wasm"] or "unknown"
    assert [p.name for p in (site / "pagefind").glob("wasm.*")] == [f"wasm.{wasm}.pagefind"]
    assert not (site / RECORDS).exists()
    assert not [n for n in UNUSED if (site / "pagefind" / n).exists()]


def test_header_navigation_and_footer_are_outside_the_indexed_part(
    example_site: Callable[[str], Path],
) -> None:
    site = example_site("derbent")
    indexed = 0
    for path in sorted(site.rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        soup = _soup(path)
        bodies = soup.select("[data-pagefind-body]")
        assert len(bodies) <= 1, path
        for body in bodies:
            indexed += 1
            assert not body.select("header, nav.md-nav, footer, .ak-search-box"), path
            assert body.find_parent("article") is not None, path
    assert indexed >= 10
    assert not _soup(site / "index.html").select("[data-pagefind-body]")
    assert not _soup(site / "poisk" / "index.html").select("[data-pagefind-body]")


def test_every_page_has_the_search_box_in_the_header_bar(
    example_site: Callable[[str], Path],
) -> None:
    site = example_site("derbent")
    for path in sorted(site.rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        box = _soup(path).select_one(".md-header__inner form.ak-search-box[role=search]")
        assert box is not None, path
        page_url = "https://example.ru/prefix/" + path.parent.relative_to(site).as_posix() + "/"
        assert urljoin(page_url.replace("/./", "/"), box["action"]) == (
            "https://example.ru/prefix/poisk/"
        ), path
        field = box.select_one("input[type=search][name=q]")
        assert field is not None and box.select_one(f"label[for={field['id']}]") is not None


def test_the_search_page_is_not_in_the_navigation(example_site: Callable[[str], Path]) -> None:
    site = example_site("derbent")
    soup = _soup(site / "index.html")
    links = [a.get("href", "") for a in soup.select("nav.md-nav a")]
    assert links and not [h for h in links if "poisk" in h]
    page = _soup(site / "poisk" / "index.html")
    assert page.h1 is not None and page.h1.get_text(strip=True) == "Поиск по разделу"
    assert page.select_one("[role=status][aria-live=polite]") is not None
    kinds = [o["value"] for o in page.select("#ak-filter-kind option")]
    assert kinds == ["", "Акт", "План", "Страница"]
    assert page.select_one("#ak-filter-status") is None  # no report, no status filter
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_a_failed_indexing_fails_the_build_and_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    site = tmp_path / "site"
    first = build_site(content, site)
    assert first.exit_code == 0, first.stderr
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: disk quota exceeded' >&2\nexit 3\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ANTIKOR_PAGEFIND", str(broken))
    plan = content / "plans" / "2021-2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Открытость", "Гласность"))

    failed = build_site(content, site)
    assert failed.exit_code == 1
    assert "поиск не построен, сайт не собран" in failed.stderr
    assert (
        "поиск не построен, сайт не собран: Pagefind завершился с ошибкой: Error: disk quota exceeded"
        in failed.stderr
    )
    assert "Traceback" not in failed.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".site-", OUTPUT_PREFIX))]


def test_the_index_is_written_beside_the_site_and_moved_in(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build_site(FIXTURES / "minimal", site)
    assert result.exit_code == 0, result.stderr
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_cancelled_indexing_stops_pagefind_and_leaves_no_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "pagefind"
    slow.write_text("#!/bin/sh\nsleep 60\n")
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ANTIKOR_PAGEFIND", str(slow))
    site = tmp_path / "site"
    site.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    page = render_page("<h1>Комиссия</h1>", PageIndex(filters=(), meta=()), "ru").encode()
    indexing = start_indexing(
        [], "ru", site_dir=site, written=[("komissiya/index.html", page)], work_parent=work
    )
    [folder] = work.iterdir()
    [written] = folder.glob("*/komissiya/index.html")  # in the only part
    assert written.read_bytes() == page
    [output] = [p for p in tmp_path.iterdir() if p.name.startswith(OUTPUT_PREFIX)]
    assert indexing.running
    indexing.cancel()
    assert not indexing.running
    assert list(work.iterdir()) == []
    assert not output.exists()


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    trees = []
    for name in ("one", "two"):
        result = build_site(FIXTURES / "minimal", tmp_path / name)
        assert result.exit_code == 0, result.stderr
        root = tmp_path / name
        trees.append({p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []
    assert any(k.parts[:2] == ("pagefind", "filter") for k in trees[0])


def test_filter_files_are_rewritten_in_a_stable_order(example_site: Callable[[str], Path]) -> None:
    bundle = example_site("content") / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = read(bundle / f"pagefind.{entry['languages']['ru']['hash']}.pf_meta")
    names = [name for name, _ in meta[3]]
    assert names == sorted(names) and {"kind", "year", "executor", "status"} <= set(names)
    for _name, file_hash in meta[3]:
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        value = read(path)
        values = [v for v, _pages in value[1]]
        assert values == sorted(values)
        assert pack(value) == path.read_bytes()
        assert decode(encode(value)) == value


@pytest.fixture
def derbent_copy(tmp_path: Path, example_site: Callable[[str], Path]) -> tuple[Path, list[Record]]:
    """A copy of the built Derbent site, to index again, and the records its build indexed."""
    content, _ = load_content(ROOT / "examples" / "derbent")
    assert content is not None
    site = tmp_path / "site"
    shutil.copytree(example_site("derbent"), site)
    return site, build_records(build_model(content))


def _bundle(site: Path) -> dict[str, bytes]:
    root = site / "pagefind"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_indexing_is_repeatable_and_leaves_no_working_folder(
    tmp_path: Path, derbent_copy: tuple[Path, list[Record]]
) -> None:
    site, records = derbent_copy
    published = _bundle(site)
    ours = f"{WORK_PREFIX}{os.getpid()}-*"  # other builds on this machine may use it too
    leftovers = set(MEMORY.glob(ours)) if MEMORY.is_dir() else set()

    index_site(site, records, "ru")
    assert _bundle(site) == published  # the same index as the build's, file for file

    work = tmp_path / "work"  # a working folder on the disk, as where memory is short
    work.mkdir()
    index_site(site, records, "ru", work_parent=work)
    on_disk = _bundle(site)
    fragments = {name for name in published if name.startswith("fragment/")}
    assert {name for name in on_disk if name.startswith("fragment/")} == fragments
    assert list(work.iterdir()) == []
    assert not (site / RECORDS).exists()
    if MEMORY.is_dir():
        assert set(MEMORY.glob(ours)) == leftovers


def test_a_killed_builds_working_folder_is_removed_and_a_running_ones_kept(
    tmp_path: Path, derbent_copy: tuple[Path, list[Record]]
) -> None:
    site, records = derbent_copy
    dead = subprocess.Popen(["true"])
    dead.wait()
    work = tmp_path / "work"
    abandoned = work / f"{WORK_PREFIX}{dead.pid}-abc"
    running = work / f"{WORK_PREFIX}{os.getppid()}-def"
    for folder in (abandoned, running):
        (folder / RECORDS).mkdir(parents=True)
    index_site(site, records, "ru", work_parent=work)
    assert not abandoned.exists()
    assert running.is_dir()


def test_when_memory_cannot_take_the_working_folder_the_temporary_folder_does(
    tmp_path: Path, derbent_copy: tuple[Path, list[Record]], monkeypatch: pytest.MonkeyPatch
) -> None:
    site, records = derbent_copy
    published = _bundle(site)
    not_a_folder = tmp_path / "shm"
    not_a_folder.write_text("")
    not_a_folder.chmod(0o755)
    monkeypatch.setattr(pagefind, "MEMORY", not_a_folder)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    assert pagefind.working_parent(1) == not_a_folder  # it looks usable, but is not
    index_site(site, records, "ru")
    fragments = {name for name in published if name.startswith("fragment/")}
    assert {name for name in _bundle(site) if name.startswith("fragment/")} == fragments
    assert list(temporary.iterdir()) == []
