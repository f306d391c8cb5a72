"""Search in a real browser: Debian's Chromium against the built examples, served by a plain
static server under a path prefix, as a citizen would use it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from generator.pipeline import load_content
from generator.search.records import executor_key
from tests.conftest import CONTENT_BY_NAME, build_site, minimal_with_markup
from tests.support.server import Served, serve

PREFIX = "/gov/antikor/"
SITES = ("content", "derbent", "luhansk")


@pytest.fixture(scope="module")
def served(example_site: Callable[[str], Path]) -> Iterator[dict[str, Served]]:
    with ExitStack() as stack:
        yield {name: stack.enter_context(serve(example_site(name), PREFIX)) for name in SITES}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors


def _settled(page: Any) -> None:
    page.wait_for_function(
        "document.querySelector('#ak-search-summary').textContent !== ''"
        " && !document.querySelector('[data-ak-results]').hasAttribute('aria-busy')"
    )


def _open(page: Any, site: Served, query: str = "", **filters: str) -> None:
    params = {"q": query, **filters} if query else filters
    page.goto(site.url("poisk/") + ("?" + urlencode(params) if params else ""))
    _settled(page)


def _results(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        ".ak-result",
        """items => items.map(item => ({
            title: item.querySelector('a').textContent,
            href: item.querySelector('a').href,
            facts: (item.querySelector('.ak-result__facts') || {textContent: ''}).textContent,
            excerpt: item.querySelector('.ak-result__excerpt').innerHTML,
        }))""",
    )


def _count(page: Any) -> int:
    status = page.text_content("#ak-search-summary")
    match = re.search(r"(\d+)", status)
    assert match, status
    return int(match.group(1))


# --- queries -------------------------------------------------------------------------------------


def test_gift_finds_the_measure_rows_that_speak_of_gifts(
    page: Any, served: dict[str, Served]
) -> None:
    derbent = served["derbent"]
    _open(page, derbent, "подарок")
    results = _results(page)
    titles = [r["title"] for r in results]
    assert "2.2.2 · План на 2018–2020 годы" in titles
    row = results[titles.index("2.2.2 · План на 2018–2020 годы")]
    assert row["href"] == derbent.url("plany-i-otchety/2018-2020/#m-2-2-2")
    assert re.search(r"<mark>подарков\W*</mark>", row["excerpt"]), row["excerpt"]
    assert row["facts"].startswith("План")


@pytest.mark.parametrize("query", ["подарки", "подарков", "ПОДАРКА"])
def test_other_forms_of_a_word_find_the_same_rows(
    page: Any, served: dict[str, Served], query: str
) -> None:
    _open(page, served["derbent"], query)
    titles = {r["title"] for r in _results(page)}
    assert {"2.2.2 · План на 2018–2020 годы", "3.2 · План на 2018–2020 годы"} <= titles


def test_a_word_form_absent_from_the_text_is_found_by_stemming(
    page: Any, served: dict[str, Served]
) -> None:
    plan = (CONTENT_BY_NAME["derbent"] / "plans" / "2018-2020.yaml").read_text(encoding="utf-8")
    assert "передача" not in plan.lower() and "передачи" in plan
    _open(page, served["derbent"], "передача")
    results = _results(page)
    assert any(r["title"] == "2.2.2 · План на 2018–2020 годы" for r in results)
    assert any(re.search(r"<mark>передачи\W*</mark>", r["excerpt"]) for r in results)


def test_e_and_yo_are_the_same_letter(page: Any, served: dict[str, Served]) -> None:
    _open(page, served["content"], "наделенные правами")
    results = _results(page)
    assert results
    assert any("наделённые" in r["excerpt"] for r in results)  # printed as in the document


def test_report_rows_show_their_status_and_filter_by_it(
    page: Any, served: dict[str, Served]
) -> None:
    _open(page, served["content"], "комиссии", status="Выполнено")
    results = _results(page)
    assert results
    assert all(r["facts"] == "Отчет Выполнено" for r in results)
    assert all("/plany-i-otchety/otchety/" in r["href"] and "#m-" in r["href"] for r in results)
    # the badge is the status_badge component the page rendered into a <template>
    badges = page.locator(".ak-results .ak-result__facts > span.ak-status")
    assert badges.count() == len(results)
    assert badges.first.get_attribute("class") == "ak-status ak-status--done"
    assert page.locator(".ak-results .ak-status--unknown").count() == 0


def test_filters_alone_list_every_act(page: Any, served: dict[str, Served]) -> None:
    content, _ = load_content(CONTENT_BY_NAME["derbent"])
    assert content is not None
    _open(page, served["derbent"], kind="Акт")
    assert _count(page) == len(content.acts)
    results = _results(page)
    assert all(r["facts"] == "Акт" for r in results)
    assert all(r["href"].startswith(served["derbent"].url("normativnye-akty/#a-")) for r in results)


def test_a_plan_belongs_to_each_of_its_years(page: Any, served: dict[str, Served]) -> None:
    content, _ = load_content(CONTENT_BY_NAME["content"])
    assert content is not None
    plan = content.plans[0]
    assert (plan.plan.years.start, plan.plan.years.end) == (2021, 2024)
    for year in ("2021", "2023"):
        _open(page, served["content"], kind="План", year=year)
        assert _count(page) == len(plan.measures) + 1  # every row, and the plan's own page


def test_executor_filter_merges_spellings_of_one_executor(
    page: Any, served: dict[str, Served]
) -> None:
    content, _ = load_content(CONTENT_BY_NAME["content"])
    assert content is not None
    name = "Отдел по профилактике коррупционных и иных правонарушений"
    key = executor_key(name)
    spellings = {
        e
        for m in content.plans[0].measures.values()
        for e in m.measure.executors
        if executor_key(e) == key
    }
    assert len(spellings) > 1, "the example prints this executor in more than one way"
    measures = {
        k
        for k, m in content.plans[0].measures.items()
        if any(executor_key(e) == key for e in m.measure.executors)
    }
    expected = len(measures) + sum(
        1 for r in content.reports for e in r.results if e.result.measure in measures
    )
    _open(page, served["content"])
    options = page.eval_on_selector_all("#ak-filter-executor option", "os => os.map(o => o.value)")
    assert name in options
    assert not [o for o in options if o != name and executor_key(o) == key]
    page.select_option("#ak-filter-executor", name)
    page.wait_for_function("document.querySelector('#ak-search-summary').textContent.includes(':')")
    _settled(page)
    assert _count(page) == expected
    assert f"executor={quote(name)}" in page.url.replace("+", "%20")


def test_ukrainian_site_searches_in_ukrainian_without_stemming(
    page: Any, served: dict[str, Served]
) -> None:
    luhansk = served["luhansk"]
    _open(page, luhansk, "оприлюднення")
    assert page.text_content("label[for=ak-search-q]") == "Що знайти"
    assert page.text_content("#ak-search-summary").startswith("Знайдено результатів:")
    found = _results(page)
    assert found and any(r["title"].endswith(" · Звіт за 2016–2017 роки") for r in found)
    assert any(r["facts"].startswith("Звіт ") for r in found)
    _open(page, luhansk, "оприлюдн")  # the beginning of a word finds it
    assert len(_results(page)) >= len(found)
    _open(page, luhansk, "оприлюднити")  # another form does not: no Ukrainian stemming
    assert _results(page) == []


def test_no_results_says_what_to_do(page: Any, served: dict[str, Served]) -> None:
    _open(page, served["derbent"], "абракадабра")
    assert _results(page) == []
    status = page.text_content("#ak-search-summary")
    assert status == (
        "По запросу «абракадабра» ничего не найдено. Проверьте написание или попробуйте"
        " другое слово."
    )
    _open(page, served["derbent"], "подарков", kind="Акт")
    assert _results(page) == []
    assert "с выбранными фильтрами ничего не найдено" in page.text_content("#ak-search-summary")


# --- keyboard, announcements, budget ------------------------------------------------------------


def test_keyboard_only_from_the_header_box_to_the_measure_row(
    page: Any, served: dict[str, Served]
) -> None:
    derbent = served["derbent"]
    page.goto(derbent.url("plany-i-otchety/2018-2020/"))
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ak-search-box-q":
            break
    else:
        pytest.fail("the header search box cannot be reached with Tab")
    page.keyboard.type("подарков")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/gov/antikor/poisk/\?q=.*"))
    _settled(page)
    assert page.url.startswith(derbent.url("poisk/"))
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.ak-result') !== null"):
            break
    else:
        pytest.fail("no result link can be reached with Tab")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    anchor = target.split("#", 1)[1]
    assert page.evaluate(f"document.getElementById('{anchor}').tagName") == "TR"


def test_entering_the_filters_fills_in_counts_and_keeps_the_results(
    page: Any, served: dict[str, Served]
) -> None:
    _open(page, served["content"], "коррупции")
    page.evaluate("document.querySelector('.ak-result').dataset.seen = 'yes'")
    assert not page.eval_on_selector_all(
        "#ak-filter-kind option", "os => os.filter(o => /\\(\\d+\\)$/.test(o.textContent)).length"
    )
    page.focus("#ak-filter-kind")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#ak-filter-kind option'))"
        ".some(o => /\\(\\d+\\)$/.test(o.textContent))"
    )
    _settled(page)
    assert page.evaluate("document.querySelector('.ak-result').dataset.seen") == "yes"
    assert page.evaluate("document.activeElement.id") == "ak-filter-kind"


def test_the_result_count_is_announced_and_follows_filters(
    page: Any, served: dict[str, Served]
) -> None:
    _open(page, served["content"], "коррупции")
    status = page.locator("#ak-search-summary")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    total = _count(page)
    assert status.text_content().startswith(f"Найдено результатов: {total}.")
    page.focus("#ak-filter-kind")
    before = status.text_content()
    page.keyboard.press("ArrowDown")  # the next kind, chosen from the keyboard
    page.wait_for_function(
        "before => document.querySelector('#ak-search-summary').textContent !== before", arg=before
    )
    _settled(page)
    assert page.eval_on_selector("#ak-filter-kind", "s => s.value") != ""
    assert 0 < _count(page) < total


def test_bytes_for_a_first_and_a_second_query(page: Any, served: dict[str, Served]) -> None:
    """Opening the search page with a query fetches Pagefind's script, worker and WebAssembly,
    the index chunks and the first fragments; a second query only chunks and fragments."""
    fetched: list[tuple[str, int]] = []
    page.on("response", lambda r: fetched.append((r.url, len(r.body()))))

    def searched() -> int:
        return sum(size for url, size in fetched if "/pagefind/" in url or "/search." in url)

    _open(page, served["content"], "коррупции")
    page.wait_for_load_state("networkidle")
    first = searched()
    assert any(url.endswith(".pagefind") for url, _ in fetched)  # the WebAssembly is counted
    before = page.text_content("#ak-search-summary")
    fetched.clear()
    page.fill("#ak-search-q", "подарков")
    page.press("#ak-search-q", "Enter")
    page.wait_for_function(
        "before => document.querySelector('#ak-search-summary').textContent !== before",
        arg=before,
    )
    _settled(page)
    page.wait_for_load_state("networkidle")
    second = searched()
    assert any("/pagefind/fragment/" in url for url, _ in fetched)
    assert first < 300 * 1024, first
    assert second < 100 * 1024, second


def test_markup_in_the_content_stays_text_in_results(
    tmp_path_factory: pytest.TempPathFactory, page: Any
) -> None:
    work = tmp_path_factory.mktemp("hostile")
    content = minimal_with_markup(work, "<img src=x onerror=window.hacked=1>")
    result = build_site(content, work / "site")
    assert result.exit_code == 0, result.stderr
    with serve(work / "site", PREFIX) as site:
        _open(page, site, "мониторинг законодательства")
        results = _results(page)
        assert results and all("<img" not in r["excerpt"] for r in results)
        assert any("&lt;img" in r["excerpt"] for r in results)
        assert page.evaluate("window.hacked") is None


# --- an index built in parts ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_in_parts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Derbent built with its search index made in parts of 50 KB of input and merged."""
    from generator.search.pagefind import ENV_PART

    site = tmp_path_factory.mktemp("parts") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_PART, "0.05")
        result = build_site(CONTENT_BY_NAME["derbent"], site)
    assert result.exit_code == 0, result.stderr
    with serve(site, PREFIX) as served_site:
        yield served_site


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("подарок", {}),
        ("муниципальных служащих", {}),
        ("коррупции", {"kind": "План"}),
        ("комиссии", {}),
        ("", {"kind": "Акт"}),
    ],
)
def test_an_index_built_in_parts_finds_the_same_rows_ranked_alike(
    page: Any,
    served: dict[str, Served],
    built_in_parts: Served,
    query: str,
    filters: dict[str, str],
) -> None:
    _open(page, served["derbent"], query, **filters)
    expected = [(r["title"], r["href"], r["excerpt"]) for r in _results(page)]
    count = _count(page)
    _open(page, built_in_parts, query, **filters)
    at_once = built_in_parts.url("")
    found = [
        (r["title"], r["href"].replace(at_once, served["derbent"].url("")), r["excerpt"])
        for r in _results(page)
    ]
    assert expected and _count(page) == count
    if query:
        assert found == expected
    else:  # filters alone give every result the same score: the first shown are the index's
        assert len(found) == len(expected)
