"""Build the same content with antikor, plain MkDocs-Material and Hugo, in one run, and compare.

    python -m benchmarks.run [--sizes small,archive,large] [--skip-hugo] [--out DIR]

For each size: wall time, peak memory (the largest resident set of the build's processes),
site size on disk, and gzip bytes to open a plan page (HTML, CSS and JS, no search assets),
for antikor without and with search and for the alternatives without and with Pagefind's CLI.
Then the ratios against the targets, antikor's stage times, the bytes fetched for a first and
a second search query, the time for ``antikor serve`` to show an edited report, and time per
table row across sizes. The output is Markdown, ready to paste into docs/performance.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from benchmarks.handwritten import plan_page_path, write_hugo, write_mkdocs
from benchmarks.synthetic import ROOT, SIZES, materialize
from generator.content import Content
from generator.pipeline import load_content
from generator.site.i18n import REPORTS_ADDRESS, subsection_address

HUGO_MISSING = (
    "Hugo не найден. Установите его: `apt-get install -y hugo` (Debian 12: Hugo 0.111),"
    " или запустите `make bench` от root; либо пропустите Hugo: --skip-hugo."
)
GZIP_LEVEL = 6  # what web servers commonly use
QUERIES = ("коррупции", "муниципальных служащих")
SEARCH_PAGE = "poisk/"  # antikor's search page, when the build has search


@dataclass
class Run:
    """One measured process: wall time, peak resident memory, exit status."""

    seconds: float
    peak: int  # bytes
    ok: bool
    log: Path


@dataclass
class Build:
    """One tool's build of one size: its steps (build, then search indexing) and its output."""

    tool: str
    label: str
    site: Path
    steps: list[Run] = field(default_factory=list)
    plan_page: Path | None = None
    note: str = ""
    site_bytes: int = 0
    site_files: int = 0

    def take_size(self) -> None:
        """Record the site's size now: the same folder may be indexed for search later."""
        self.site_bytes, self.site_files = site_size(self.site)

    @property
    def seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    @property
    def peak(self) -> int:
        return max((step.peak for step in self.steps), default=0)

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)


def measure(command: Sequence[str], log: Path, *, cwd: Path | None = None) -> Run:
    """Run ``command`` to completion; its wall time and the peak RSS of its process tree.

    ``wait4`` gives the child's resource usage, which on Linux includes the largest resident
    set among the descendants it waited for.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss * 1024, process.returncode == 0, log)


def pagefind_binary() -> str:
    import pagefind_bin  # type: ignore[import-untyped]

    return str(pagefind_bin.get_executable())


# --- the builds -------------------------------------------------------------------------------


def build_antikor(content: Path, work: Path) -> tuple[Build, dict[str, float]]:
    site = work / "antikor-site"
    timings = work / "antikor-timings.json"
    command = [sys.executable, "-m", "generator", "build", "--content", str(content)]
    command += ["--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml")]
    command += ["--timings", str(timings)]
    run = measure(command, work / "antikor.log")
    stages = json.loads(timings.read_text(encoding="utf-8")) if run.ok else {}
    build = Build("antikor", "antikor", site, [run])
    return build, stages


def add_pagefind(build: Build, work: Path) -> None:
    command = [pagefind_binary(), "--site", str(build.site)]
    build.steps.append(measure(command, work / f"{build.tool}-pagefind.log"))
    build.take_size()


def pagefind_floor(content: Content, antikor_site: Path, work: Path) -> Build:
    """Pagefind's command line alone over what antikor's build indexes (its published pages and
    the same records as HTML files, prepared beforehand and not timed): the least time and
    memory the search stage can take, however the build around it is arranged."""
    from generator.search.pagefind import BUNDLE, RECORDS, pagefind_command, write_records
    from generator.search.pagefind import render_records as render_documents
    from generator.search.records import build_records
    from generator.site.model import build_model

    site = work / "floor-site"
    shutil.copytree(
        antikor_site, site, copy_function=os.link, ignore=shutil.ignore_patterns(BUNDLE)
    )
    language = content.site.language.value
    write_records(site / RECORDS, render_documents(build_records(build_model(content)), language))
    os.sync()
    command = pagefind_command(site, language, pagefind_binary())
    run = measure(command, work / "floor-pagefind.log")
    floor = Build("pagefind", "Pagefind CLI по страницам и записям antikor", site, [run])
    floor.note = "нижняя граница этапа поиска"
    return floor


def build_mkdocs(content: Content, work: Path) -> Build:
    config = write_mkdocs(content, work / "mkdocs")
    site = work / "mkdocs-site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    return Build("mkdocs", "MkDocs-Material", site, [measure(command, work / "mkdocs.log")])


def build_hugo(content: Content, work: Path) -> Build:
    source = write_hugo(content, work / "hugo")
    site = work / "hugo-site"
    command = ["hugo", "--quiet", "--source", str(source), "--destination", str(site)]
    return Build("hugo", "Hugo", site, [measure(command, work / "hugo.log")])


# --- what the builds produced -----------------------------------------------------------------


def site_size(site: Path) -> tuple[int, int]:
    """Bytes and number of files of a built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.found.append(values.get("href") or "")
        elif tag == "script" and values.get("src"):
            self.found.append(values["src"] or "")


def page_weight(site: Path, page: Path) -> int:
    """Gzip bytes of a page's HTML and of the stylesheets and scripts it links, as a browser
    with an empty cache fetches them to show it; search assets (``pagefind/``) excluded."""
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    total = len(gzip.compress(html, GZIP_LEVEL))
    seen: set[Path] = set()
    for href in parser.found:
        if not href or "://" in href or href.startswith("//") or "pagefind/" in href:
            continue
        path = href.split("?")[0].split("#")[0]
        target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
        target = target.resolve()
        if target in seen or not target.is_file():
            continue
        seen.add(target)
        total += len(gzip.compress(target.read_bytes(), GZIP_LEVEL))
    return total


# --- search queries in a browser --------------------------------------------------------------


def search_bytes(site: Path, page: str) -> tuple[int, int]:
    """Bytes fetched for a first and then a second query typed into the search page."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch
    from tests.support.server import serve

    fetched: list[Any] = []

    with serve(site) as served, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            tab = browser.new_page()
            tab.goto(served.url(page), wait_until="networkidle")
            # the search page's own field (the header's box only submits to that page)
            field_ = tab.locator("#ak-search-q, .pagefind-ui__search-input").first
            field_.wait_for(timeout=10_000)
            tab.on("response", lambda response: fetched.append(response))
            totals = []
            for query in QUERIES:
                fetched.clear()
                field_.fill(query)
                _settle(tab, fetched)
                totals.append(sum(_body_size(response) for response in fetched))
        finally:
            browser.close()
    return totals[0], totals[1]


def _body_size(response: Any) -> int:
    try:
        return len(response.body())
    except Exception:  # a redirect or an aborted request has no body
        return 0


def _settle(tab: Any, fetched: list[Any]) -> None:
    """Wait until the page has fetched nothing for half a second (at most 15 s)."""
    deadline = time.monotonic() + 15
    seen, quiet_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        tab.wait_for_timeout(100)
        if len(fetched) != seen:
            seen, quiet_since = len(fetched), time.monotonic()
        elif fetched and time.monotonic() - quiet_since > 0.5:
            return


_PROBE_PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Поиск</title>
<link rel="stylesheet" href="../pagefind/pagefind-ui.css">
<script src="../pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div>
<script>new PagefindUI({ element: "#search", showSubResults: true });</script>
</body></html>
"""


def search_bytes_with_probe(site: Path) -> tuple[int, int]:
    """Query bytes for a site indexed by the Pagefind CLI, through Pagefind's default UI on a
    page added for the measurement (and removed after it)."""
    probe = site / "_bench-search"
    probe.mkdir()
    (probe / "index.html").write_text(_PROBE_PAGE, encoding="utf-8")
    try:
        return search_bytes(site, "_bench-search/")
    finally:
        shutil.rmtree(probe)


# --- an edit in antikor serve -----------------------------------------------------------------


def serve_edit(content: Path, work: Path) -> tuple[float | None, str]:
    """Seconds from saving an edited report to the served page showing the edit."""
    copy = work / "serve-content"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(content, copy)
    port = _free_port()
    address = f"127.0.0.1:{port}"
    how = "antikor serve"
    command = [sys.executable, "-m", "generator", "serve", "--content", str(copy)]
    command += ["--config", str(ROOT / "mkdocs.yml"), "--dev-addr", address]
    report = sorted((copy / "reports").glob("*.yaml"))[0]
    url = f"http://{address}/{REPORTS_ADDRESS}{report.stem}/"
    log = (work / "serve.log").open("wb")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    try:
        if _wait_for(url, "", timeout=180) is None:
            return None, how + ": сервер не ответил"
        time.sleep(1.0)  # let the watcher settle after the first build
        marker = f"Правка-{os.getpid()}"
        text = report.read_text(encoding="utf-8")
        edited = re.sub(r"^title: (.*)$", rf"title: \1 {marker}", text, count=1, flags=re.M)
        started = time.perf_counter()
        report.write_text(edited, encoding="utf-8")
        seen = _wait_for(url, marker, timeout=120)
        return (seen - started if seen else None), how
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, text: str, timeout: float) -> float | None:
    """Poll ``url`` until it answers 200 with ``text`` in it; the moment it did, or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8", "replace")
            if text in body:
                return time.perf_counter()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    return None


# --- one size ---------------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: str
    plans: int
    measures: int
    rows: int  # plan measures + report results: the table rows the build renders
    builds: list[Build]
    stages: dict[str, float]
    queries: dict[str, tuple[int, int] | str]
    serve: tuple[float | None, str] | None = None


def run_size(size: str, out: Path, *, hugo: bool, serve: bool) -> SizeResult:
    work = out / size
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    content_dir = materialize(size, work / "content")
    content, diagnostics = load_content(content_dir)
    assert content is not None, diagnostics.report()
    measures = sum(len(p.measures) for p in content.plans)
    rows = measures + sum(len(r.results) for r in content.reports)
    plan = sorted(content.plans, key=lambda p: p.stem)[0]
    _say(f"{size}: планов {len(content.plans)}, мероприятий {measures}, строк таблиц {rows}")

    antikor, stages = build_antikor(content_dir, work)
    assert (antikor.site / "pagefind").is_dir(), "antikor build did not write the search index"
    antikor.plan_page = antikor.site / subsection_address("plans") / plan.stem / "index.html"
    antikor.take_size()
    bare = Build("antikor", "antikor без поиска", antikor.site, list(antikor.steps))
    bare.plan_page = antikor.plan_page
    bare.take_size()
    # Search runs inside the build; without it, the build takes its time less the stage.
    antikor.label = "antikor, полная сборка (поиск встроен)"
    search = stages.get("search", 0.0)
    bare.steps = [Run(antikor.seconds - search, antikor.peak, antikor.ok, antikor.steps[0].log)]
    bare.note = "время полной сборки без ожидания Pagefind в этапе search"
    _say(f"  antikor: {antikor.seconds:.2f} с")
    floor = pagefind_floor(content, antikor.site, work)
    _say(f"  Pagefind по тем же страницам и записям: {floor.seconds:.2f} с")

    builds = [bare, antikor, floor]
    mkdocs = build_mkdocs(content, work)
    mkdocs.plan_page = mkdocs.site / plan_page_path(plan.stem)
    mkdocs.take_size()
    mkdocs_search = Build("mkdocs", "MkDocs-Material + Pagefind CLI", mkdocs.site, [])
    mkdocs_search.plan_page = mkdocs.plan_page
    mkdocs_search.steps = list(mkdocs.steps)
    add_pagefind(mkdocs_search, work)
    builds += [mkdocs, mkdocs_search]
    _say(f"  MkDocs-Material: {mkdocs.seconds:.2f} с, с Pagefind {mkdocs_search.seconds:.2f} с")
    if hugo:
        plain = build_hugo(content, work)
        plain.plan_page = plain.site / plan_page_path(plan.stem)
        plain.take_size()
        with_search = Build("hugo", "Hugo + Pagefind CLI", plain.site, list(plain.steps))
        with_search.plan_page = plain.plan_page
        add_pagefind(with_search, work)
        builds += [plain, with_search]
        _say(f"  Hugo: {plain.seconds:.2f} с, с Pagefind {with_search.seconds:.2f} с")

    queries: dict[str, tuple[int, int] | str] = {}
    try:
        queries["antikor"] = search_bytes(antikor.site, SEARCH_PAGE)
        queries["MkDocs-Material + Pagefind CLI, стандартный интерфейс Pagefind"] = (
            search_bytes_with_probe(mkdocs.site)
        )
    except Exception as exc:  # no browser here: the rest of the figures still stand
        queries["ошибка"] = f"{type(exc).__name__}: {exc}"

    result = SizeResult(size, len(content.plans), measures, rows, builds, stages, queries)
    if serve:
        _say("  правка отчета в serve…")
        result.serve = serve_edit(content_dir, work)
    return result


# --- the report -------------------------------------------------------------------------------


def _mb(value: int) -> str:
    return f"{value / 2**20:.1f}"


def _kb(value: int) -> str:
    return f"{value / 1024:.1f}"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def machine() -> list[str]:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 2**20:.1f} ГБ"
    versions = {"Python": platform.python_version()}
    from importlib.metadata import version

    for name in ("mkdocs", "mkdocs-material", "pagefind-bin", "jinja2", "markdown"):
        versions[name] = version(name)
    hugo = shutil.which("hugo")
    if hugo:
        line = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
        versions["Hugo"] = line.split()[1] if line else "?"
    pagefind = subprocess.run([pagefind_binary(), "--version"], capture_output=True, text=True)
    versions["Pagefind CLI"] = pagefind.stdout.strip().split()[-1]
    return [
        f"- Процессор: {cpu}, ядер (nproc): {os.cpu_count()}",
        f"- Память: {memory}",
        f"- ОС: {platform.platform()}",
        "- Версии: " + ", ".join(f"{k} {v}" for k, v in versions.items()),
        f"- Нагрузка (loadavg) в начале прогона: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def report(results: list[SizeResult], seconds: float) -> str:
    lines = ["## Машина", "", *machine(), "", "## Сборки", ""]
    lines += [
        "| Размер | Сборка | Время, с | Пик памяти, МБ | Сайт, МБ | Файлов"
        " | Страница плана, КБ gzip |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for build in result.builds:
            size, files = build.site_bytes, build.site_files
            weight = (
                _kb(page_weight(build.site, build.plan_page))
                if build.plan_page and build.plan_page.exists()
                else "—"
            )
            status = "" if build.ok else " (ошибка, см. журнал)"
            label = build.label + (f" ({build.note})" if build.note else "") + status
            on_disk = f"{_mb(size)} | {files}" if files else "— | —"
            lines.append(
                f"| {result.size} | {label} | {build.seconds:.2f} | {_mb(build.peak)}"
                f" | {on_disk} | {weight} |"
            )
    lines += [
        "",
        "Размер сайта и число файлов в строках с поиском — вместе с его индексом (pagefind/).",
        "",
    ]
    lines += _ratios(results)
    lines += _stages(results)
    lines += _queries(results)
    lines += _serve(results)
    lines += _growth(results)
    lines += ["", f"Весь прогон: {seconds:.0f} с."]
    return "\n".join(lines)


def _find(result: SizeResult, label_start: str) -> Build | None:
    return next((b for b in result.builds if b.label.startswith(label_start)), None)


def _ratios(results: list[SizeResult]) -> list[str]:
    lines = ["## Отношения и цели", "", "| Размер | Сравнение | Отношение | Цель | Итог |"]
    lines.append("|---|---|---:|---:|---|")
    for result in results:
        bare = _find(result, "antikor без поиска")
        full = next(b for b in result.builds if b.tool == "antikor" and b is not bare)
        pairs = [
            ("antikor без поиска / MkDocs-Material", bare, _find(result, "MkDocs-Material"), 1.0),
            (
                "antikor с поиском / MkDocs-Material + Pagefind",
                full,
                _find(result, "MkDocs-Material + Pagefind"),
                0.7,
            ),
            ("antikor с поиском / Hugo + Pagefind", full, _find(result, "Hugo + Pagefind"), 1.5),
            ("antikor без поиска / Hugo", bare, _find(result, "Hugo"), None),
        ]
        floor = _find(result, "Pagefind CLI по страницам")
        if floor is not None and floor.seconds:
            least = result.stages.get("load", 0.0) + result.stages.get("render", 0.0)
            least += floor.seconds
            bound = Build("floor", "floor", floor.site, [Run(least, 0, True, floor.steps[0].log)])
            pairs += [
                (
                    "нижняя граница (load + render + Pagefind) / MkDocs-Material + Pagefind",
                    bound,
                    _find(result, "MkDocs-Material + Pagefind"),
                    None,
                ),
                (
                    "нижняя граница (load + render + Pagefind) / Hugo + Pagefind",
                    bound,
                    _find(result, "Hugo + Pagefind"),
                    None,
                ),
            ]
        for name, ours, theirs, target in pairs:
            if ours is None or theirs is None or not theirs.seconds:
                continue
            ratio = ours.seconds / theirs.seconds
            goal = f"≤ {target}" if target is not None else "—"
            verdict = "—" if target is None else ("да" if ratio <= target else "нет")
            if target == 1.0:
                goal, verdict = "< 1", ("да" if ratio < 1 else "нет")
            lines.append(f"| {result.size} | {name} | {ratio:.2f} | {goal} | {verdict} |")
    weight_lines = []
    for result in results:
        full = next(b for b in result.builds if b.tool == "antikor" and "без" not in b.label)
        if full.plan_page and full.plan_page.exists() and result.size != "small":
            weight = page_weight(full.site, full.plan_page)
            per_plan = result.measures // result.plans
            ok = "да" if weight < 150 * 1024 or per_plan != 150 else "нет"
            weight_goal = "< 150 КБ" if per_plan == 150 else "—"
            weight_lines.append(
                f"| {result.size} | страница плана antikor ({per_plan} мероприятий), gzip"
                f" | {_kb(weight)} КБ | {weight_goal} | {ok if per_plan == 150 else '—'} |"
            )
        if result.size == "large":
            ok = "да" if full.peak < 2**30 else "нет"
            weight_lines.append(
                f"| large | пик памяти antikor с поиском | {_mb(full.peak)} МБ | < 1024 МБ | {ok} |"
            )
            floor = _find(result, "Pagefind CLI по страницам")
            if floor is not None:
                weight_lines.append(
                    f"| large | пик памяти Pagefind CLI по тем же страницам и записям"
                    f" | {_mb(floor.peak)} МБ | — | — |"
                )
    return [*lines, *weight_lines, ""]


def _stages(results: list[SizeResult]) -> list[str]:
    names: list[str] = []
    for result in results:
        names += [n for n in result.stages if n not in names]
    lines = ["## Этапы сборки antikor (antikor build --timings), с", ""]
    lines.append("| Размер | " + " | ".join(names) + " | сумма этапов | процесс целиком |")
    lines.append("|---|" + "---:|" * (len(names) + 2))
    for result in results:
        bare = next(b for b in result.builds if b.tool == "antikor")
        figures = [f"{result.stages.get(n, 0.0):.2f}" for n in names]
        whole = bare.steps[0].seconds
        lines.append(
            f"| {result.size} | "
            + " | ".join(figures)
            + f" | {sum(result.stages.values()):.2f} | {whole:.2f} |"
        )
    lines += [
        "",
        "«Процесс целиком» включает запуск Python, импорт модулей и чтение mkdocs.yml.",
        "",
    ]
    return lines


def _queries(results: list[SizeResult]) -> list[str]:
    lines = [
        "## Поиск: байты на первый и второй запрос",
        "",
        f"Запросы: «{QUERIES[0]}», затем «{QUERIES[1]}»; байты ответов после загрузки страницы.",
        "",
        "| Размер | Сайт | Первый запрос, КБ | Второй запрос, КБ |",
        "|---|---|---:|---:|",
    ]
    for result in results:
        for name, value in result.queries.items():
            if isinstance(value, str):
                lines.append(f"| {result.size} | {name} | {value} | |")
            else:
                lines.append(f"| {result.size} | {name} | {_kb(value[0])} | {_kb(value[1])} |")
    return [*lines, ""]


def _serve(results: list[SizeResult]) -> list[str]:
    lines = []
    for result in results:
        if result.serve is None:
            continue
        seconds, how = result.serve
        shown = f"{seconds:.2f} с" if seconds is not None else "не дождались"
        verdict = "да" if seconds is not None and seconds < 2 else "нет"
        lines += [
            "## Правка отчета в режиме предпросмотра",
            "",
            f"- {result.size}: от сохранения YAML отчета до новой страницы по HTTP — {shown}"
            f" (цель < 2 с: {verdict}); сервер: {how}.",
            "",
        ]
    return lines


def _growth(results: list[SizeResult]) -> list[str]:
    lines = [
        "## Рост с объемом содержимого",
        "",
        "Строк таблиц = мероприятия планов + результаты отчетов (каждая — строка на странице).",
        "",
        "| Размер | Мероприятий | Строк | antikor с поиском, с | мс на мероприятие"
        " | мс на строку | MkDocs + Pagefind, мс на строку |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        full = next(b for b in result.builds if b.tool == "antikor" and "без" not in b.label)
        mkdocs = _find(result, "MkDocs-Material + Pagefind")
        theirs = f"{1000 * mkdocs.seconds / result.rows:.3f}" if mkdocs else "—"
        lines.append(
            f"| {result.size} | {result.measures} | {result.rows} | {full.seconds:.2f}"
            f" | {1000 * full.seconds / result.measures:.3f}"
            f" | {1000 * full.seconds / result.rows:.3f} | {theirs} |"
        )
    sizes = {r.size: r for r in results}
    if "archive" in sizes and "large" in sizes:
        per_row = []
        for name in ("archive", "large"):
            r = sizes[name]
            full = next(b for b in r.builds if b.tool == "antikor" and "без" not in b.label)
            per_row.append(full.seconds / r.rows)
        growth = per_row[1] / per_row[0]
        verdict = "да" if growth <= 1.1 else "нет"
        lines += [
            "",
            f"Время на строку large / archive: {growth:.2f} (рост не быстрее линейного,"
            f" ≤ 1,1 с учетом шума: {verdict}).",
        ]
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,archive,large", help="через запятую")
    parser.add_argument("--skip-hugo", action="store_true", help="не собирать Hugo")
    parser.add_argument("--skip-serve", action="store_true", help="не замерять правку в serve")
    parser.add_argument("--out", type=Path, help="рабочая папка (по умолчанию временная)")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"неизвестные размеры: {', '.join(unknown)}; есть: {', '.join(SIZES)}")
    if not args.skip_hugo and shutil.which("hugo") is None:
        print(HUGO_MISSING, file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="antikor-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = [
        run_size(
            size,
            out,
            hugo=not args.skip_hugo,
            serve=size == "archive" and not args.skip_serve,
        )
        for size in sizes
    ]
    print(report(results, time.perf_counter() - started))
    _say(f"Рабочая папка: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
