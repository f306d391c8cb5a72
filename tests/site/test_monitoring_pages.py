"""A plan with three reports as the pages show it: the status of each measure in every report,
linked to the report's row; «Просрочено» in words, counted in the summaries; the totals per
executor; the plan's course; truthful labels."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from generator.contract import PageKind
from generator.pipeline import load_content
from generator.search.records import build_records
from generator.site import pages as site_pages
from generator.site.model import build_model
from tests.conftest import FIXTURES, ROOT

PLAN = "plany-i-otchety/2021-2024/"


def _report(stem: str) -> str:
    return f"plany-i-otchety/otchety/{stem}/"


@pytest.fixture(scope="module")
def pages() -> dict[str, BeautifulSoup]:
    content, diagnostics = load_content(FIXTURES / "monitoring")
    assert content is not None, diagnostics.report()
    built = site_pages.build_pages(content, ROOT / "theme" / "antikor")
    return {page.url: BeautifulSoup(page.html, "html.parser") for page in built}


def _row(page: BeautifulSoup, anchor: str) -> Tag:
    row = page.find(id=anchor)
    assert isinstance(row, Tag)
    return row


def _text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


def test_plan_row_lists_the_status_in_every_report_oldest_first(
    pages: dict[str, BeautifulSoup],
) -> None:
    history = _row(pages[PLAN], "m-1-3").select_one("ol.ak-history")
    assert history is not None
    assert history["aria-label"] == "Статус мероприятия 1.3 в каждом отчете, от раннего к позднему"
    steps = history.select("li a")
    assert [a["href"] for a in steps] == [
        "../../plany-i-otchety/otchety/2022/#m-1-3",
        "../../plany-i-otchety/otchety/2023/#m-1-3",
        "../../plany-i-otchety/otchety/2024/#m-1-3",
    ]
    assert [_text(a) for a in steps] == [
        "2022: Выполнено",
        "2023: Не выполнено (просрочено)",
        "2024: Выполнено",
    ]
    header = pages[PLAN].select_one("thead .ak-col--status")
    assert _text(header) == "Статус по отчетам"


def test_every_history_link_leads_to_a_row_of_that_report(
    pages: dict[str, BeautifulSoup],
) -> None:
    links = pages[PLAN].select("ol.ak-history a")
    assert len(links) == 7 * 3
    for link in links:
        target, anchor = str(link["href"]).removeprefix("../../").split("#")
        assert pages[target].find(id=anchor) is not None, link["href"]


def test_results_across_reports_are_readable_in_one_place(
    pages: dict[str, BeautifulSoup],
) -> None:
    block = _row(pages[PLAN], "m-1-2").select_one("details.ak-history-results")
    assert block is not None
    assert _text(block.select_one("summary")) == "Результаты по отчетам (3)"
    assert [_text(h) for h in block.select("h4")] == [
        "2022 — Выполняется",
        "2023 — Выполняется, просрочено",
        "2024 — Выполнено",
    ]
    assert "Порядок на согласовании." in _text(block)
    # a measure with no text in any report has nothing to unfold
    assert _row(pages[PLAN], "m-2-2").select_one("details") is None


@pytest.mark.parametrize(
    ("url", "late"),
    [
        (_report("2022"), {"m-2-3": "30.06.2022"}),
        (_report("2023"), {"m-1-2": "31.12.2023", "m-1-3": "01.04.2023"}),
        (_report("2024"), {"m-2-1": "31.12.2024"}),
        (PLAN, {"m-2-1": "31.12.2024"}),  # by the latest report
    ],
)
def test_overdue_rows_say_so_in_words(
    pages: dict[str, BeautifulSoup], url: str, late: dict[str, str]
) -> None:
    marks = pages[url].select("tr .ak-col--status .ak-overdue")
    found = {}
    for mark in marks:
        row = mark.find_parent("tr")
        assert isinstance(row, Tag)
        found[str(row["id"])] = _text(mark)
    assert found == {key: f"Просрочено (срок истек {date})" for key, date in late.items()}


def test_report_summary_counts_and_lists_what_is_late(pages: dict[str, BeautifulSoup]) -> None:
    page = pages[_report("2023")]
    link = page.select_one(".ak-summary__overdue a")
    assert link is not None and link["href"] == "#ak-overdue"
    assert _text(link) == "Просрочено мероприятий: 2"
    listing = page.select_one("#ak-overdue")
    assert listing is not None
    assert "к дате отчета (22.01.2024)" in _text(listing)
    assert [a["href"] for a in listing.select("li > a")] == ["#m-1-2", "#m-1-3"]
    # the table of sections counts them per section
    rows = page.select(".ak-summary__table tbody tr")
    overdue = [_text(r.select_one('td[data-label="Просрочено"]')) for r in rows]
    assert overdue == ["2", "0", "0"]
    lines = [" ".join(li.get_text().split()) for li in page.select(".ak-summary__lines li")]
    assert lines[0] == "1. Организационные меры: выполнено 1 из 3 (33 %), просрочено: 2"


def test_report_without_late_measures_says_none(pages: dict[str, BeautifulSoup]) -> None:
    content, _ = load_content(FIXTURES / "minimal")
    assert content is not None
    built = site_pages.build_pages(content, ROOT / "theme" / "antikor")
    report = next(p for p in built if p.kind is PageKind.REPORT)
    page = BeautifulSoup(report.html, "html.parser")
    assert _text(page.select_one(".ak-summary__overdue")) == "Просроченных мероприятий нет."


def test_per_executor_table(pages: dict[str, BeautifulSoup]) -> None:
    table = pages[_report("2023")].select_one(".ak-rollup__table")
    assert table is not None
    assert _text(table.select_one("caption")).startswith("Число мероприятий по исполнителям")
    header = [_text(th) for th in table.select("thead th")]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    assert header[:2] == ["Исполнитель", "Всего мероприятий"]
    assert header[-2:] == ["Просрочено", "Выполнено, %"]
    body = {}
    for row in table.select("tbody tr"):
        th = row.select_one("th[scope=row]")
        cells = {str(td["data-label"]): _text(td) for td in row.select("td")}
        body[_text(th)] = (cells["Всего мероприятий"], cells["Выполнено"], cells["Просрочено"])
    # «Отдел кадров» and «отдел  кадров» are one executor
    assert body == {
        "Отдел кадров": ("4", "1", "2"),
        "Пресс-служба": ("2", "0", "0"),
        "Юридический отдел": ("2", "1", "1"),
    }
    legend = pages[_report("2023")].select_one(".ak-rollup .ak-legend")
    assert legend is not None and "Выполнено" in _text(legend)


def test_progress_chart_has_words_and_a_table(pages: dict[str, BeautifulSoup]) -> None:
    section = pages[PLAN].select_one(".ak-progress")
    assert section is not None
    svg = section.select_one("svg[role=img]")
    assert svg is not None
    title = svg.select_one("title")
    assert title is not None and svg["aria-labelledby"] == title["id"]
    assert _text(title) == (
        "Доля выполненных мероприятий по отчетам: 2022 — 17 %; 2023 — 33 %; 2024 — 67 %"
    )
    rows = [[_text(c) for c in tr.select("th, td")] for tr in section.select("tbody tr")]
    assert rows == [
        ["2022", "7", "1", "17", "1"],
        ["2023", "7", "2", "33", "2"],
        ["2024", "7", "4", "67", "1"],
    ]
    heights = [float(r["height"]) for r in svg.select("rect.ak-progress__bar")]
    assert heights == sorted(heights) and heights[0] > 0


def test_home_tells_share_overdue_and_that_the_plan_has_run_out(
    pages: dict[str, BeautifulSoup],
) -> None:
    home = pages[""]
    assert _text(home.select_one("#ak-current-title")) == (
        "План последнего периода (срок действия истек)"
    )
    assert _text(home.select_one(".ak-home-share")) == "Выполнено 4 из 6 мероприятий (67 %)."
    link = home.select_one(".ak-home-overdue a")
    assert link is not None and link["href"] == "plany-i-otchety/otchety/2024/#ak-overdue"
    assert _text(link) == "Просрочено мероприятий: 1"


def test_plan_page_is_dated_by_the_latest_report_it_shows() -> None:
    content, _ = load_content(FIXTURES / "monitoring")
    assert content is not None
    model = build_model(content)
    assert model.plan("2021-2024").updated is not None
    assert model.plan("2021-2024").updated.isoformat() == "2025-01-20"
    assert model.home.in_force is False


def test_overdue_is_a_value_of_the_status_filter() -> None:
    content, _ = load_content(FIXTURES / "monitoring")
    assert content is not None
    model = build_model(content)
    assert "Просрочено" in model.search.filters["status"]
    records = build_records(model)
    late = sorted(r.url for r in records if ("status", "Просрочено") in r.filters)
    assert late == [
        "plany-i-otchety/otchety/2022/#m-2-3",
        "plany-i-otchety/otchety/2023/#m-1-2",
        "plany-i-otchety/otchety/2023/#m-1-3",
        "plany-i-otchety/otchety/2024/#m-2-1",
    ]
