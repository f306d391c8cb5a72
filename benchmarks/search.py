"""Benchmark: search indexing time, index size, and what a browser downloads to search.

    python -m benchmarks.search [--out DIR] [--runs 3]

On the synthetic archive (10 plans of 150 measures, 40 reports: 7,500 rows) it builds the site,
then measures, in alternating runs (the machine may be shared, so medians are printed), each
on a fresh copy of the site with its pages linked, as a build indexes its fresh staging folder:

- our indexing of the written site (``index_site``; the build makes the same run, begun from
  the rendered pages before MkDocs writes the site, and the index is the same): rendering the
  records as HTML, putting them and the pages in Pagefind's working folder, one run of the
  Pagefind command line over it, removing the folder, rewriting the few index files that vary
  between runs and moving the index into the site; building the records from cold is printed
  on its own line;
- the bare Pagefind CLI over the same HTML (the published pages and the same record files,
  written into the site beforehand and not timed), with the same options; the ratio of the
  two is our overhead (target ≤ 1.1);
- for reference, the CLI over the published pages alone (no per-row records);

and, in Debian's Chromium against a local static server under a path prefix, the bytes the
search fetches when the search page opens with a first query (Pagefind's script, worker,
WebAssembly, metadata, index chunks and result fragments, plus our search.js/search.css;
target < 300 KB) and for a second, different query (target < 100 KB). The server does not
compress, so these are the bytes on the wire.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic import ROOT, generate
from generator.markup import render_markdown
from generator.pipeline import load_content
from generator.search.pagefind import (
    BUNDLE,
    RECORDS,
    index_site,
    pagefind_binary,
    pagefind_command,
    render_records,
    write_records,
)
from generator.search.records import build_records
from generator.site.model import build_model

QUERIES = ("коррупции", "подарков")


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure_indexing(content_dir: Path, site: Path, runs: int) -> dict[str, float]:
    content, _ = load_content(content_dir)
    assert content is not None
    language = content.site.language.value
    binary = pagefind_binary()
    model = build_model(content)
    records = build_records(model)

    # Every run indexes its own copy of the site (its pages linked, not copied) and writes a new
    # index, as a build does in its fresh staging folder; the copies are removed at the end.
    # Deleting thousands of files just before a run would time the disk instead: on a disk
    # mounted with `discard`, the next files written after a mass deletion are several
    # seconds slower, whoever writes them.
    copies = Path(tempfile.mkdtemp(prefix="copies-", dir=site.parent))

    def fresh_copy() -> Path:
        target = Path(tempfile.mkdtemp(dir=copies)) / "site"
        shutil.copytree(site, target, copy_function=os.link, ignore=shutil.ignore_patterns(BUNDLE))
        return target

    def settle() -> None:
        os.sync()  # both arms start with everything written out
        time.sleep(2)

    def ours() -> float:
        # The build's search stage: the records come ready from the render stage, where their
        # Markdown is shared with the pages; the working folder, Pagefind, the stable index.
        copy = fresh_copy()
        settle()
        return _timed(lambda: index_site(copy, records, language))

    def build() -> float:
        render_markdown.cache_clear()  # from cold, as a build makes them before its pages
        return _timed(lambda: build_records(model))

    def cli(with_records: bool) -> float:
        copy = fresh_copy()
        if with_records:  # not timed: the same documents, in the site as plain HTML files
            write_records(copy / RECORDS, render_records(records, language))
        settle()
        command = pagefind_command(copy, language, binary)
        return _timed(lambda: subprocess.run(command, check=True, capture_output=True))

    figures: dict[str, list[float]] = {"ours": [], "cli": [], "pages": [], "build": []}
    try:
        for _ in range(runs):
            figures["build"].append(build())
            figures["ours"].append(ours())
            figures["cli"].append(cli(with_records=True))
            figures["pages"].append(cli(with_records=False))
    finally:
        shutil.rmtree(copies)
    index_site(site, records, language)  # leave the site as the build leaves it
    for key in ("ours", "cli"):
        print(f"  прогоны {key}: " + ", ".join(f"{value:.2f}" for value in figures[key]))
    result = {key: statistics.median(values) for key, values in figures.items()}
    result["records"] = len(records)
    return result


def measure_bytes(site: Path) -> list[tuple[str, int, int, list[str]]]:
    """For each query in turn: bytes fetched by search, bytes fetched in all, files fetched."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch
    from tests.support.server import serve

    fetched: list[tuple[str, int]] = []
    rows = []
    with serve(site, "/razdel/") as served, sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context()
        context.on("response", lambda r: fetched.append((r.url, len(r.body()))))
        page = context.new_page()
        for number, query in enumerate(QUERIES):
            fetched.clear()
            if number == 0:  # the first query opens the search page, as the header box does
                page.goto(served.url(f"poisk/?q={query}"))
            else:
                page.fill("#ak-search-q", query)
                page.press("#ak-search-q", "Enter")
            page.wait_for_function(
                "q => document.querySelector('#ak-search-summary').textContent.includes(':')"
                " && !document.querySelector('[data-ak-results]').hasAttribute('aria-busy')"
                " && document.querySelector('#ak-search-q').value === q",
                arg=query,
            )
            page.wait_for_load_state("networkidle")
            searched = [
                (url, size) for url, size in fetched if "/pagefind/" in url or "/search." in url
            ]
            rows.append(
                (
                    query,
                    sum(size for _, size in searched),
                    sum(size for _, size in fetched),
                    [url.rsplit("/", 2)[-2] + "/" + url.rsplit("/", 1)[-1] for url, _ in searched],
                )
            )
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="keep the archive and its site here")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.out or Path(tmp)
        content = generate(work / "archive", plans=10, measures=150, reports=40)
        site = work / "site"
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "antikor"),
                "build",
                "--content",
                str(content),
                "--site-dir",
                str(site),
                "--config",
                str(ROOT / "mkdocs.yml"),
            ],
            check=True,
            capture_output=True,
        )
        index = measure_indexing(content, site, args.runs)
        bundle = site / BUNDLE
        size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
        files = sum(1 for f in bundle.rglob("*") if f.is_file())
        ratio = index["ours"] / index["cli"]
        print(f"Синтетический архив: записей (строк и актов) {index['records']:.0f}")
        print(f"  индексирование antikor (этап search сборки): {index['ours']:.2f} с")
        print(f"  Pagefind CLI по тому же HTML:               {index['cli']:.2f} с")
        print(f"  отношение: {ratio:.3f} (цель ≤ 1.1) — {'да' if ratio <= 1.1 else 'НЕТ'}")
        print(f"  для сравнения, CLI только по страницам:     {index['pages']:.2f} с")
        print(f"  построение записей (этап render, с нуля):   {index['build']:.2f} с")
        print(f"  индекс: {size / 2**20:.1f} МБ в {files} файлах")
        for (query, searched, total, names), limit in zip(
            measure_bytes(site), (300, 100), strict=True
        ):
            kb = searched / 1024
            print(
                f"  запрос «{query}»: поиск загрузил {kb:.0f} КБ (цель < {limit} КБ) —"
                f" {'да' if kb < limit else 'НЕТ'}; всего {total / 1024:.0f} КБ, файлов {len(names)}"
            )


if __name__ == "__main__":
    main()
