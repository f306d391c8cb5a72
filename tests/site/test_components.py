"""Every component in ``theme/antikor/components/<name>/`` renders each of its named examples
to the structure the pages and the search UI rely on, escaping what it is given."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.models import ActReference, Status
from generator.pipeline import load_content
from generator.site import pages
from generator.site.model import PlanView, ReportView, SiteModel, build_model
from generator.site.pages import environment
from tests.conftest import FIXTURES, ROOT

TEMPLATES = ROOT / "theme" / "antikor"
COMPONENTS = TEMPLATES / "components"


def components() -> list[Path]:
    return sorted(path for path in COMPONENTS.iterdir() if path.is_dir())


def examples(component: Path) -> dict[str, dict[str, Any]]:
    loaded = yaml.safe_load((component / "examples.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict) and loaded, f"{component.name}: no examples"
    return loaded


# Arguments that the pages pass as content models, read from an example as written in a file.
TYPED: dict[str, dict[str, Callable[[Any], Any]]] = {
    "requisites": {"ref": ActReference.model_validate},
    "progress_bar": {"counts": lambda counts: Counter({Status(k): n for k, n in counts.items()})},
}


@functools.cache
def site_model(fixture: str) -> SiteModel:
    content, diagnostics = load_content(FIXTURES / fixture)
    assert content is not None, diagnostics.report()
    return build_model(content)


def from_model(wanted: dict[str, Any]) -> Any:
    """A view of the site model named by an example: ``{model: <fixture>, plan: <stem>}`` or
    ``{model: ..., report: <stem>}``, with ``rows: [keys]`` only those rows of its table, with
    ``field: <name>`` that field of the view."""
    plans = site_model(wanted["model"]).plans
    views: list[PlanView | ReportView]
    if "plan" in wanted:
        views = [plan for plan in plans if plan.stem == wanted["plan"]]
    else:
        views = [r for plan in plans for r in plan.reports if r.stem == wanted["report"]]
    assert len(views) == 1, wanted
    view = views[0]
    if "rows" in wanted:
        rows = tuple(row for row in view.rows if row.key in wanted["rows"])
        assert len(rows) == len(wanted["rows"]), wanted
        view = dataclasses.replace(view, rows=rows)
    return getattr(view, wanted["field"]) if "field" in wanted else view


def typed(component: str, key: str, value: Any) -> Any:
    """An example's argument as the pages pass it: a view of the site model, a content model,
    or the value as written."""
    if isinstance(value, dict) and "model" in value:
        return from_model(value)
    return TYPED.get(component, {}).get(key, lambda given: given)(value)


@functools.cache
def page_context() -> dict[str, Any]:
    """What a page of the minimal example renders with: the helpers, at the section home."""
    content, diagnostics = load_content(FIXTURES / "minimal")
    assert content is not None, diagnostics.report()
    renderer = pages._Renderer(build_model(content), TEMPLATES)
    return {**renderer.helpers, "url": "", "link": lambda t: t, "file_link": lambda t: t}


def render(component: Path, arguments: dict[str, Any]) -> str:
    """The component's macro (named as its folder) called with an example's arguments, in the
    context of a page."""
    name = component.name
    values = {key: typed(name, key, value) for key, value in arguments.items()}
    source = (
        f'{{% from "components/{name}/{name}.html" import {name} with context %}}'
        f"{{{{ {name}(**args) }}}}"
    )
    return environment(TEMPLATES).from_string(source).render(**page_context(), args=values)


ALL = [
    pytest.param(component, name, id=f"{component.name}:{name}")
    for component in components()
    for name in examples(component)
]


def test_every_component_has_its_template_and_examples() -> None:
    assert components()
    for component in components():
        assert (component / f"{component.name}.html").is_file()
        assert examples(component)


@pytest.mark.parametrize(("component", "example"), ALL)
def test_examples_render(component: Path, example: str) -> None:
    assert render(component, examples(component)[example]).strip()


@pytest.mark.parametrize("example", sorted(examples(COMPONENTS / "status_badge")))
def test_status_badge(example: str) -> None:
    arguments = examples(COMPONENTS / "status_badge")[example]
    soup = BeautifulSoup(render(COMPONENTS / "status_badge", arguments), "html.parser")
    badge = soup.select_one(".ak-status")
    assert badge is not None and len(soup.contents) == 1
    assert f"ak-status--{arguments['key']}" in badge["class"]
    assert badge.get_text() == arguments["label"]  # as text: markup in a label is escaped
    assert badge.find(True) is None
    if arguments.get("href"):
        assert badge.name == "a" and badge["href"] == arguments["href"]
    else:
        assert badge.name == "span" and not badge.has_attr("href")


def _requisites(example: str) -> tuple[dict[str, Any], BeautifulSoup]:
    arguments = examples(COMPONENTS / "requisites")[example]
    return arguments, BeautifulSoup(render(COMPONENTS / "requisites", arguments), "html.parser")


def _requisite(soup: BeautifulSoup, name: str) -> str | None:
    found = soup.select_one(f'[data-ak-requisite="{name}"]')
    return found.get_text() if found is not None else None


def test_requisites_name_each_requisite_for_the_compliance_check() -> None:
    arguments, soup = _requisites("approved")
    act = soup.select_one('.ak-act[data-ak-act="approved"]')
    assert act is not None
    assert soup.select_one(".ak-act__label").get_text() == "Утвержден:"
    assert _requisite(soup, "kind") == "постановление"
    assert _requisite(soup, "date") == "15.03.2021"
    assert _requisite(soup, "number") == "123-п"
    assert _requisite(soup, "authority")  # the body itself when no authority is given
    assert soup.select_one("a[href]")["href"] == arguments["ref"]["file"]
    _, amendment = _requisites("amendment by another authority")
    assert amendment.select_one('[data-ak-act="amendment"]') is not None
    assert _requisite(amendment, "authority") == "Глава округа"


def test_requisites_say_plainly_what_the_source_does_not_give() -> None:
    _, soup = _requisites("illegible date, number not stated")
    assert _requisite(soup, "date") is None and _requisite(soup, "number") is None
    assert soup.select_one("[data-ak-illegible]")["data-ak-illegible"] == "date"
    assert soup.select_one("[data-ak-not-stated]")["data-ak-not-stated"] == "number"
    assert soup.select_one(".ak-act__note").get_text() == "В скане дата закрыта печатью"


def test_requisites_escape_what_they_print() -> None:
    arguments = examples(COMPONENTS / "requisites")["escaped title"]
    html = render(COMPONENTS / "requisites", arguments)
    assert "7 &amp; 8" in html and "&lt; 5 лет" in html and "&#34;А &amp; Б&#34;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert _requisite(soup, "number") == "7 & 8"
    assert '«О мерах "А & Б" на срок < 5 лет»' in soup.get_text()


# --- the plan and report tables -------------------------------------------------------------------

TABLES = [
    pytest.param(name, example, id=f"{name}:{example}")
    for name in ("plan_table", "report_table")
    for example in examples(COMPONENTS / name)
]


def _table(name: str, example: str) -> tuple[Any, BeautifulSoup]:
    arguments = examples(COMPONENTS / name)[example]
    view = from_model(next(iter(arguments.values())))
    return view, BeautifulSoup(render(COMPONENTS / name, arguments), "html.parser")


def _ui(key: str) -> str:
    return str(page_context()["ui"][key])


def _row(soup: BeautifulSoup, anchor: str) -> Any:
    row = soup.select_one(f"tbody > tr#{anchor}")
    assert row is not None, anchor
    return row


@pytest.mark.parametrize(("name", "example"), TABLES)
def test_tables_give_every_row_its_anchor_and_every_column_a_cell(name: str, example: str) -> None:
    view, soup = _table(name, example)
    table = soup.select_one(".ak-table-wrap > table.ak-table.ak-plan")
    assert table is not None
    assert table.select_one("caption .ak-table__title").get_text() == view.title
    columns = len(table.select("thead th[scope=col]"))
    rows = table.select("tbody > tr")
    assert [row["id"] for row in rows] == [row.anchor for row in view.rows]
    for row in rows:
        cells = row.find_all(["th", "td"], recursive=False)
        assert sum(int(cell.get("colspan", 1)) for cell in cells) == columns, row["id"]
    # each section opens a row group
    sections = [row for row in view.rows if row.kind == "section"]
    assert len(table.select("tbody")) == len(sections)
    for tbody, section in zip(table.select("tbody"), sections, strict=True):
        assert tbody.select_one("tr")["id"] == section.anchor
    for row in view.rows:
        if row.kind == "measure":
            number = _row(soup, row.anchor).select_one("th[scope=row]")
            assert number.select_one("a")["href"] == f"#{row.anchor}"
            assert number["aria-label"] == row.entry.measure.number


def test_plan_table_nests_sections_by_depth() -> None:
    _view, soup = _table("plan_table", "a plan with nested sections")
    assert "ak-table__section--depth-0" in _row(soup, "s-2")["class"]
    nested = _row(soup, "s-2-2")
    assert "ak-table__section--depth-1" in nested["class"]
    assert (
        nested.select_one("th[scope=rowgroup]").get_text(" ", strip=True) == "2.2 Обучение служащих"
    )
    assert nested.parent.select("tr")[1]["id"] == "m-2-2-1"


def test_plan_table_prints_several_deadlines_as_lines() -> None:
    _view, soup = _table("plan_table", "a measure with several deadlines")
    cell = _row(soup, "m-1-2").select_one(".ak-col--deadline")
    assert list(cell.stripped_strings) == ["до 30 апреля 2022 года", "до 30 апреля 2023 года"]
    assert len(cell.find_all("br")) == 1
    assert list(_row(soup, "m-1-1").select_one(".ak-col--deadline").stripped_strings) == [
        "Постоянно"
    ]


def test_tables_escape_executors_and_list_several() -> None:
    for name, example in (
        ("plan_table", "a measure with several deadlines"),
        ("report_table", "a result with its own deadline and evidence"),
    ):
        _, soup = _table(name, example)
        executors = _row(soup, "m-1-2").select(".ak-col--executors ul.ak-list > li")
        assert [e.get_text() for e in executors] == ["Отдел кадров", "Отдел «Учет & контроль»"]
        assert "Отдел «Учет &amp; контроль»" in str(soup)


def test_plan_table_shows_the_latest_status_linked_to_the_report_row() -> None:
    view, soup = _table("plan_table", "a status per row")
    assert len(view.reports) == 1
    assert soup.select_one("thead .ak-col--status").get_text() == _ui("latest_status")
    measures = [row for row in view.rows if row.kind == "measure"]
    assert measures and all(row.status for row in measures)
    for row in measures:
        badge = _row(soup, row.anchor).select_one(".ak-col--status .ak-status")
        assert f"ak-status--{row.status.value}" in badge["class"]
        assert badge.name == "a" and badge["href"] == row.status_href
        assert badge["href"].endswith(f"#{row.anchor}")


def test_plan_table_with_several_reports_lists_the_status_in_each() -> None:
    view, soup = _table("plan_table", "a plan with nested sections")
    assert len(view.reports) == 2
    assert soup.select_one("thead .ak-col--status").get_text() == _ui("history")
    steps = _row(soup, "m-2-1").select(".ak-col--status ol.ak-history > li a")
    assert [a["href"] for a in steps] == [step.href for step in view.rows[4].history]
    assert [a.select_one(".ak-status")["class"][1] for a in steps] == [
        "ak-status--in_progress",
        "ak-status--not_done",
    ]
    assert _row(soup, "m-3-1").select_one(".ak-history") is None  # no report answers it


@pytest.mark.parametrize("name", ["plan_table", "report_table"])
def test_tables_mark_an_overdue_row_in_words(name: str) -> None:
    _, soup = _table(name, "an overdue row")
    marks = soup.select(".ak-overdue")
    assert len(marks) == 1
    assert marks[0].find_parent("tr")["id"] == "m-2-1"
    assert marks[0].find_parent("td")["class"] == ["ak-col--status"]
    assert marks[0]["data-ak-overdue"] == "2022-12-31"
    assert marks[0].select_one(".ak-overdue__label").get_text() == _ui("overdue")
    assert "31.12.2022" in marks[0].select_one(".ak-overdue__due").get_text()


def test_report_table_prints_a_section_result_in_its_heading_row() -> None:
    _, soup = _table("report_table", "a report with a section result")
    section = _row(soup, "s-3")
    assert "ak-table__section--result" in section["class"]
    columns = len(soup.select("thead th[scope=col]"))
    assert int(section.select_one("th[scope=rowgroup]")["colspan"]) == columns - 2
    result = section.select_one("td.ak-col--execution")
    assert result.get_text(strip=True) == "Обращений граждан о коррупции не поступало."
    assert section.select_one("td.ak-col--status .ak-status--no_occasion") is not None
    # the section's measure has no result of its own: its cells stay empty
    measure = _row(soup, "m-3-1")
    assert measure.select_one(".ak-col--execution").get_text(strip=True) == ""
    assert measure.select_one(".ak-col--status").find(True) is None


def test_report_table_gives_each_result_its_status() -> None:
    view, soup = _table("report_table", "a status per row")
    answered = [row for row in view.rows if row.kind == "measure" and row.result]
    assert len(answered) == 4
    for row in answered:
        cell = _row(soup, row.anchor).select_one(".ak-col--status")
        assert f"ak-status--{row.result.status.value}" in cell.select_one(".ak-status")["class"]
        execution = _row(soup, row.anchor).select_one(".ak-col--execution")
        assert row.result.text in execution.get_text()
    completed = _row(soup, "m-1-2").select_one(".ak-completed")
    assert completed.get_text() == f"{_ui('completed')}: 29.04.2022"


def test_report_table_prints_the_report_deadline_and_evidence() -> None:
    _, soup = _table("report_table", "a result with its own deadline and evidence")
    row = _row(soup, "m-1-2")
    own = row.select_one(".ak-col--deadline .ak-result-deadline")
    assert own.get_text() == f"{_ui('report_deadline')}: до 2 мая 2023 года"
    evidence = row.select_one("ul.ak-links")
    assert evidence["aria-label"] == _ui("evidence")
    link = evidence.select_one("a")
    assert (link["href"], link.get_text()) == (
        "https://example.ru/svodka-2023",
        "Сводка о приеме сведений",
    )


# --- progress bar, executor roll-up, the plan's course --------------------------------------------


def _soup(name: str, example: str) -> tuple[dict[str, Any], BeautifulSoup]:
    arguments = examples(COMPONENTS / name)[example]
    return arguments, BeautifulSoup(render(COMPONENTS / name, arguments), "html.parser")


def _width(part: Any) -> float:
    style = str(part["style"])
    assert style.startswith("width: ") and style.endswith("%"), style
    return float(style.removeprefix("width: ").removesuffix("%"))


@pytest.mark.parametrize("example", sorted(examples(COMPONENTS / "progress_bar")))
def test_progress_bar_gives_each_status_its_share(example: str) -> None:
    arguments, soup = _soup("progress_bar", example)
    bar = soup.select_one("div.ak-bar")
    assert bar is not None and bar["aria-hidden"] == "true"  # the words beside it say the same
    parts = bar.select("span.ak-bar__part")
    counts = {k: n for k, n in arguments["counts"].items() if n}
    assert sorted(part["class"][1] for part in parts) == sorted(
        f"ak-bar__part--{k}" for k in counts
    )
    for part in parts:
        key = part["class"][1].removeprefix("ak-bar__part--")
        assert _width(part) == pytest.approx(100 * counts[key] / arguments["total"], abs=0.01)
    assert sum(_width(part) for part in parts) == pytest.approx(100, abs=0.05)
    small = arguments.get("small", False)
    assert ("ak-bar--small" in bar["class"]) == small
    if small:  # a table cell's bar follows the order of the statuses and has no titles
        order = [f"ak-bar__part--{s.value}" for s in Status]
        keys = [part["class"][1] for part in parts]
        assert keys == sorted(keys, key=order.index)
        assert not any(part.has_attr("title") for part in parts)
    else:
        label = page_context()["status_label"]
        for part in parts:
            status = Status(part["class"][1].removeprefix("ak-bar__part--"))
            assert part["title"] == f"{label(status)}: {counts[status.value]}"


def test_progress_bar_of_no_measures_is_nothing() -> None:
    html = render(COMPONENTS / "progress_bar", {"counts": {}, "total": 0})
    assert html.strip() == ""


@pytest.mark.parametrize("example", sorted(examples(COMPONENTS / "executor_rollup")))
def test_executor_rollup_has_a_row_per_executor(example: str) -> None:
    arguments, soup = _soup("executor_rollup", example)
    tallies = from_model(arguments["tallies"])
    assert tallies
    table = soup.select_one("section.ak-rollup table.ak-rollup__table")
    assert table is not None
    heads = [th.get_text() for th in table.select("thead th[scope=col]")]
    label = page_context()["status_label"]
    statuses = [s for s in Status if any(t.counts[s] for t in tallies)]
    assert heads[2:-2] == [label(s) for s in statuses]
    legend = [li.get_text() for li in soup.select("ul.ak-legend > li")]
    assert legend == [label(s) for s in statuses]
    rows = table.select("tbody > tr")
    assert [row.select_one("th[scope=row]").get_text() for row in rows] == [
        t.label for t in tallies
    ]
    for row, tally in zip(rows, tallies, strict=True):
        cells = [td.get_text(strip=True) for td in row.select("td")]
        assert cells[0] == str(tally.total)
        assert cells[1:-2] == [str(tally.counts[s]) for s in statuses]
        assert cells[-2] == str(tally.overdue)
        assert cells[-1] == ("—" if tally.share is None else str(tally.share))
        assert row.select_one("td:last-child .ak-bar.ak-bar--small") is not None


def test_executor_rollup_counts_the_overdue_and_escapes_names() -> None:
    _, soup = _soup("executor_rollup", "executors of a report, one overdue")
    rows = {
        row.select_one("th").get_text(): row for row in soup.select(".ak-rollup__table tbody tr")
    }
    assert rows["Пресс-служба"].select("td")[-2].get_text() == "1"
    assert "Отдел «Учет & контроль»" in rows
    assert "Отдел «Учет &amp; контроль»" in str(soup)


@pytest.mark.parametrize("example", sorted(examples(COMPONENTS / "progress_chart")))
def test_progress_chart_says_in_words_what_it_draws(example: str) -> None:
    arguments, soup = _soup("progress_chart", example)
    points = from_model(arguments["points"])
    chart = soup.select_one("section.ak-progress svg.ak-progress__chart")
    assert chart is not None and chart["role"] == "img"
    title = soup.select_one(f"svg title#{chart['aria-labelledby']}")
    shares = ["—" if p.tally.share is None else f"{p.tally.share}\u00a0%" for p in points]
    for point, share in zip(points, shares, strict=True):
        assert f"{point.label} — {share}" in title.get_text()
    assert len(chart.select("rect.ak-progress__bar")) == len(points)
    assert [t.get_text() for t in chart.select("text.ak-progress__label")] == [
        p.label for p in points
    ]
    rows = soup.select("table.ak-progress__table tbody > tr")
    assert [row.select_one("th a")["href"] for row in rows] == [p.href for p in points]
    for row, point in zip(rows, points, strict=True):
        total, done, share, overdue = (td.get_text() for td in row.select("td"))
        assert (total, done, overdue) == (
            str(point.tally.total),
            str(point.tally.done),
            str(point.tally.overdue),
        )
        assert share == ("—" if point.tally.share is None else str(point.tally.share))


def test_progress_chart_bars_grow_with_the_share() -> None:
    arguments, soup = _soup("progress_chart", "three reports")
    points = from_model(arguments["points"])
    heights = [float(rect["height"]) for rect in soup.select("rect.ak-progress__bar")]
    shares = [p.tally.share or 0 for p in points]
    assert sorted(range(len(heights)), key=heights.__getitem__) == sorted(
        range(len(shares)), key=shares.__getitem__
    )
    assert max(heights) <= 180  # the plot area: 100 % is its full height
