"""The alternative to antikor: the same tables written by hand as Markdown pages.

A clerk without antikor keeps one Markdown page per plan (a pipe table: №, мероприятие,
исполнители, срок, ожидаемый результат) and one per report (the plan's columns plus the
execution text and status), and builds them with plain MkDocs-Material or with Hugo. Both
get the same Markdown. Cells that span several lines are joined with ``<br>``; Hugo's
Markdown renderer, with ``unsafe`` off, leaves it out (a comment in its place). The one way
to keep the break in Hugo, a ``{{< br >}}`` shortcode, made the archive build three times
slower (2.4 s against 0.8 s), so the comparison is with Hugo's faster form.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from generator.content import Content, MeasureEntry, PlanEntry, ReportEntry
from generator.models import STATUS_LABELS

_MKDOCS_CONFIG = """\
site_name: Противодействие коррупции
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: ru
  font: false
plugins: []
"""

_HUGO_CONFIG = """\
baseURL = "/"
languageCode = "ru"
title = "Противодействие коррупции"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
"""

_HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} — {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
}

_HUGO_STYLE = """\
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 80rem; padding: 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; vertical-align: top; text-align: left; }
"""


def write_mkdocs(content: Content, out: Path) -> Path:
    """A plain MkDocs-Material project at ``out``; returns its ``mkdocs.yml``."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    _write_pages(content, docs, break_="<br>", home="index.md")
    config = out / "mkdocs.yml"
    config.write_text(_MKDOCS_CONFIG, encoding="utf-8")
    return config


def write_hugo(content: Content, out: Path) -> Path:
    """A Hugo site with a minimal theme at ``out``; returns the folder."""
    if out.exists():
        shutil.rmtree(out)
    _write_pages(content, out / "content", break_="<br>", home="_index.md")
    for name in ("plans", "reports"):
        (out / "content" / name / "_index.md").write_text(
            _front_matter({"plans": "Планы", "reports": "Отчеты"}[name]), encoding="utf-8"
        )
    (out / "hugo.toml").write_text(_HUGO_CONFIG, encoding="utf-8")
    for name, text in _HUGO_LAYOUTS.items():
        path = out / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (out / "static").mkdir()
    (out / "static" / "style.css").write_text(_HUGO_STYLE, encoding="utf-8")
    return out


def plan_page_path(stem: str) -> str:
    """Where the page of plan ``stem`` lands in the built site, for MkDocs and Hugo alike."""
    return f"plans/{stem}/index.html"


def _write_pages(content: Content, docs: Path, *, break_: str, home: str) -> None:
    (docs / "plans").mkdir(parents=True)
    (docs / "reports").mkdir()
    title = "Противодействие коррупции"
    lines = [f"# {title}", ""] if home == "index.md" else [_front_matter(title)]
    for plan in sorted(content.plans, key=lambda p: p.stem):
        lines.append(f"- [{plan.plan.title}](plans/{plan.stem}.md)")
    for report in sorted(content.reports, key=lambda r: r.stem):
        lines.append(f"- [{report.report.title}](reports/{report.stem}.md)")
    (docs / home).write_text("\n".join(lines) + "\n", encoding="utf-8")
    hugo = home == "_index.md"
    for plan in content.plans:
        page = _plan_page(plan, break_)
        (docs / "plans" / f"{plan.stem}.md").write_text(
            _page(plan.plan.title, page, hugo), encoding="utf-8"
        )
    for report in content.reports:
        plan_entry = content.plan(report.report.plan)
        assert plan_entry is not None
        page = _report_page(report, plan_entry, break_)
        (docs / "reports" / f"{report.stem}.md").write_text(
            _page(report.report.title, page, hugo), encoding="utf-8"
        )


def _front_matter(title: str) -> str:
    escaped = title.replace('"', '\\"')
    return f'---\ntitle: "{escaped}"\n---\n'


def _page(title: str, body: Iterable[str], hugo: bool) -> str:
    head = _front_matter(title) if hugo else f"# {title}\n"
    return head + "\n" + "\n".join(body) + "\n"


def _cell(text: str | None, break_: str) -> str:
    if not text:
        return ""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return break_.join(line.replace("|", "\\|") for line in lines)


def _plan_page(plan: PlanEntry, break_: str) -> list[str]:
    approved = plan.plan.approved
    lines = [
        f"Утвержден: {approved.act.value} от {approved.date} № {approved.number}",
        "",
        "| № | Мероприятие | Исполнители | Срок | Ожидаемый результат |",
        "|---|---|---|---|---|",
    ]
    for row in _rows(plan):
        if isinstance(row, str):
            lines.append(f"| | **{_cell(row, break_)}** | | | |")
            continue
        m = row.measure
        lines.append(
            f"| {m.number} | {_cell(m.text, break_)} | {break_.join(m.executors)}"
            f" | {_cell(m.deadline, break_)} | {_cell(m.expected_result, break_)} |"
        )
    return lines


def _report_page(report: ReportEntry, plan: PlanEntry, break_: str) -> list[str]:
    results = {entry.result.measure: entry.result for entry in report.results}
    lines = [
        f"Отчет о выполнении плана «{plan.plan.title}»",
        "",
        "| № | Мероприятие | Исполнители | Срок | Информация о выполнении | Статус |",
        "|---|---|---|---|---|---|",
    ]
    for row in _rows(plan):
        if isinstance(row, str):
            lines.append(f"| | **{_cell(row, break_)}** | | | | |")
            continue
        m = row.measure
        result = results.get(row.key)
        text = _cell(result.text, break_) if result else ""
        status = STATUS_LABELS[result.status]["ru"] if result else ""
        lines.append(
            f"| {m.number} | {_cell(m.text, break_)} | {break_.join(m.executors)}"
            f" | {_cell(m.deadline, break_)} | {text} | {status} |"
        )
    return lines


def _rows(plan: PlanEntry) -> list[str | MeasureEntry]:
    """Section titles (as text) and measures, in the order of the plan file."""
    rows: list[str | MeasureEntry] = []
    by_section: dict[str, list[MeasureEntry]] = {}
    for entry in plan.measures.values():
        by_section.setdefault(entry.section, []).append(entry)
    for key, section in plan.sections.items():
        rows.append(f"{section.section.number} {section.section.title}")
        rows += by_section.get(key, [])
    return rows
