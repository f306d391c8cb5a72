"""What goes into the search index: records, their filters, executor names, years."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.content import Content
from generator.models import YearRange
from generator.pipeline import load_content
from generator.search.records import (
    PageIndex,
    Record,
    build_records,
    executor_key,
    executor_labels,
    filter_values,
    index_pages,
    iter_records,
    plan_years,
    render_record,
    wrap_page,
)
from generator.site.model import build_model
from generator.site.urls import act_anchors
from tests.conftest import CONTENT_BY_NAME, ROOT


def _load(folder: Path) -> Content:
    content, diagnostics = load_content(folder)
    assert content is not None, diagnostics.report()
    return content


@pytest.fixture(scope="module")
def derbent() -> Content:
    return _load(CONTENT_BY_NAME["derbent"])


@pytest.fixture(scope="module")
def kemerovo() -> Content:
    return _load(CONTENT_BY_NAME["content"])


def _filters(record: Record, key: str) -> list[str]:
    return [value for k, value in record.filters if k == key]


def _by_title(records: list[Record], title: str) -> Record:
    found = [r for r in records if r.title == title]
    assert len(found) == 1, [r.title for r in records]
    return found[0]


# --- executors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Отдел кадров", "отдел  кадров"),
        ("Отдел кадров.", " Отдел\u00a0кадров "),
        ("Управление «Культура»", 'управление "Культура"'),
        ("Наделённые правами", "наделенные правами"),
        ("Отдел - сектор", "отдел–сектор"),
    ],
)
def test_executor_names_that_differ_in_print_only_are_one_executor(a: str, b: str) -> None:
    assert executor_key(a) == executor_key(b)


def test_different_executors_stay_apart() -> None:
    assert executor_key("Отдел кадров") != executor_key("Отдел кадров и муниципальной службы")


def test_executor_label_is_the_most_printed_form_then_the_capitalised_one() -> None:
    labels = executor_labels(["отдел кадров", "Отдел  кадров", "Отдел кадров.", "Юрист"])
    assert labels[executor_key("ОТДЕЛ КАДРОВ")] == "Отдел кадров"
    tie = executor_labels(["пресс-служба", "Пресс-служба"])
    assert tie == {executor_key("Пресс-служба"): "Пресс-служба"}


def test_executor_filter_merges_variants_of_one_name(kemerovo: Content) -> None:
    records = build_records(build_model(kemerovo))
    plan_rows = [r for r in records if r.url.startswith("plany-i-otchety/2021-2024/#")]
    values = {v for r in plan_rows for v in _filters(r, "executor")}
    assert "Отдел по профилактике коррупционных и иных правонарушений" in values
    assert "отдел по профилактике коррупционных и иных правонарушений" not in values
    lower = [
        m.key
        for m in kemerovo.plans[0].measures.values()
        if "отдел по профилактике коррупционных и иных правонарушений" in m.measure.executors
    ]
    assert lower, "the content should print this executor in lower case somewhere"
    row = next(r for r in plan_rows if r.url.endswith("#m-" + lower[0].replace(".", "-")))
    assert "Отдел по профилактике коррупционных и иных правонарушений" in _filters(row, "executor")
    assert "<p>отдел по профилактике коррупционных и иных правонарушений</p>" in row.body


# --- years and records ----------------------------------------------------------------------------


def test_a_plan_belongs_to_every_year_it_covers() -> None:
    assert plan_years(YearRange(2021, 2024)) == ["2021", "2022", "2023", "2024"]
    assert plan_years(YearRange(2024, 2024)) == ["2024"]


def test_a_measure_row_is_a_record_of_its_own(derbent: Content) -> None:
    records = build_records(build_model(derbent))
    row = _by_title(records, "2.2.2 · План на 2018–2020 годы")
    assert row.url == "plany-i-otchety/2018-2020/#m-2-2-2"
    assert "подарков" in row.body
    assert _filters(row, "kind") == ["План"]
    assert _filters(row, "year") == ["2018", "2019", "2020"]
    assert _filters(row, "section") == ["ВОПРОСЫ КАДРОВОЙ ПОЛИТИКИ"]
    assert _filters(row, "status") == []
    assert len(records) == sum(len(p.measures) for p in derbent.plans) + len(derbent.acts)


def test_report_rows_carry_their_status(kemerovo: Content) -> None:
    records = build_records(build_model(kemerovo))
    report = kemerovo.reports[0]
    rows = [r for r in records if r.url.startswith(f"plany-i-otchety/otchety/{report.stem}/#")]
    assert len(rows) == len(report.results)
    first = report.results[0].result
    row = next(r for r in rows if r.url.endswith("#m-" + first.measure.replace(".", "-")))
    assert _filters(row, "kind") == ["Отчет"]
    assert _filters(row, "year") == ["2024"]
    assert dict(row.meta)["status_key"] == first.status.value
    assert _filters(row, "status") == [dict(row.meta)["status"]]
    assert row.title.endswith(" · Отчет за 2024 год")


def test_ukrainian_records_are_named_in_ukrainian() -> None:
    luhansk = _load(CONTENT_BY_NAME["luhansk"])
    records = build_records(build_model(luhansk))
    kinds = {v for r in records for v in _filters(r, "kind")}
    assert {"План", "Звіт"} <= kinds
    titles = [r.title for r in records if "Звіт" in r.title]
    assert titles and all(t.endswith(" · Звіт за 2016–2017 роки") for t in titles)
    # a printed "1)" inside section "1." of "І" is shown by its key, not as a bare "1)"
    assert records[0].title == "І.1.1 · План на 2016–2017 роки"
    assert not any(r.title.startswith(("1)", "2)")) for r in records)


def test_acts_are_records_that_lead_to_their_row(derbent: Content) -> None:
    records = build_records(build_model(derbent))
    acts = [r for r in records if _filters(r, "kind") == ["Акт"]]
    anchors = act_anchors(derbent.acts)
    assert [r.url for r in acts] == [f"normativnye-akty/#{a}" for a in anchors]
    law = next(r for r in acts if "273-ФЗ" in r.title)
    assert law.title == "Федеральный закон от 25.12.2008 № 273-ФЗ «О противодействии коррупции»"
    assert _filters(law, "year") == ["2008"]
    html = (ROOT / "theme" / "antikor" / "page_subsection.html").read_text(encoding="utf-8")
    assert 'id="{{ act_anchor(a) }}"' in html


def test_act_anchors_are_unique() -> None:
    kemerovo = _load(CONTENT_BY_NAME["content"])
    acts = list(kemerovo.acts)
    anchors = act_anchors([*acts, acts[0]])
    assert len(set(anchors)) == len(anchors)
    assert anchors[-1] == anchors[0] + "-2"


def test_records_are_deterministic(kemerovo: Content) -> None:
    assert build_records(build_model(kemerovo)) == build_records(build_model(kemerovo))


def test_records_come_one_at_a_time_as_they_are_listed(kemerovo: Content) -> None:
    """The index takes the records one at a time (each is kept only as the HTML Pagefind
    reads), and they are the same records in the same order."""
    model = build_model(kemerovo)
    stream = iter_records(model)
    first = next(stream)
    listed = build_records(model)
    assert [first, *stream] == listed
    assert len(listed) > 29  # every measure of the plan, every result, every act


# --- pages and HTML ----------------------------------------------------------------------------


def test_only_pages_with_text_of_their_own_are_indexed(kemerovo: Content) -> None:
    indexed = index_pages(build_model(kemerovo))
    assert "" not in indexed and "poisk/" not in indexed
    plan = indexed["plany-i-otchety/2021-2024/"]
    assert plan.filters == (
        ("kind", "План"),
        ("year", "2021"),
        ("year", "2022"),
        ("year", "2023"),
        ("year", "2024"),
    )
    assert indexed["obratnaya-svyaz/"].filters == (("kind", "Страница"),)


def test_record_html_carries_filters_and_the_row_url() -> None:
    record = Record(
        url="plany-i-otchety/2024/#m-1-1",
        title="1.1 · План на 2024 год",
        body="<p>Текст</p>",
        filters=(("kind", "План"), ("executor", 'Отдел "А", <b>Б</b>')),
        meta=(("kind", "План"),),
    )
    soup = BeautifulSoup(render_record(record, "ru"), "html.parser")
    assert soup.html["lang"] == "ru"
    body = soup.select_one("[data-pagefind-body]")
    assert body is not None and body.find("b") is None
    filters = [
        (s["data-pagefind-filter"], s["data-value"]) for s in body.select("[data-pagefind-filter]")
    ]
    assert filters == [
        ("kind[data-value]", "План"),
        ("executor[data-value]", 'Отдел "А", <b>Б</b>'),
    ]
    meta = {
        s["data-pagefind-meta"].split("[")[0]: s["data-value"]
        for s in body.select("[data-pagefind-meta]")
    }
    assert meta == {
        "title": "1.1 · План на 2024 год",
        "url": "plany-i-otchety/2024/#m-1-1",
        "kind": "План",
    }
    assert body.get_text() == "Текст"


def test_a_published_page_is_wrapped_as_the_indexed_part() -> None:
    soup = BeautifulSoup(
        wrap_page("<h1>План</h1>", PageIndex((("kind", "План"),), (("kind", "План"),))),
        "html.parser",
    )
    body = soup.select_one("[data-pagefind-body]")
    assert body is not None and body.h1 is not None
    assert body.select_one('[data-pagefind-filter="kind[data-value]"]')["data-value"] == "План"


def test_filter_values_are_listed_for_the_search_page(derbent: Content) -> None:
    values = filter_values(build_records(build_model(derbent)), "ru")
    assert values["kind"] == ["Акт", "План", "Страница"]
    assert values["year"] == sorted(values["year"], reverse=True)
    assert {"2018", "2019", "2020", "2008"} <= set(values["year"])
    assert values["status"] == []  # Дербент publishes no report yet
    assert values["executor"] == sorted(values["executor"], key=str.casefold)


@pytest.mark.parametrize("name", sorted(CONTENT_BY_NAME))
def test_the_search_page_offers_the_values_the_records_carry(name: str) -> None:
    """The search page is rendered before any record is made, from the site model's filter
    values: they are exactly those of the records, plus the kind of the published pages."""
    model = build_model(_load(CONTENT_BY_NAME[name]))
    assert model.search.filters == filter_values(build_records(model), model.language)
    assert model.search.filters["kind"]
