"""The monitoring views in a real browser: the plan with three reports (status in every report,
«Просрочено», totals per executor, «Ход выполнения») is axe-clean in every look and reflows at
320 px; report tables give their widths to the texts at 1280 px and keep the header row in view;
on a phone a measure's card starts with its number and status."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.a11y.conftest import axe_violations, describe
from tests.a11y.test_reflow import OVERFLOW
from tests.conftest import FIXTURES, build_site
from tests.support.server import Served, serve

PAGES = [
    "",
    "plany-i-otchety/2021-2024/",
    "plany-i-otchety/otchety/2022/",
    "plany-i-otchety/otchety/2023/",
    "plany-i-otchety/otchety/2024/",
]
KEMEROVO = ("content", "plany-i-otchety/otchety/2024/")
LUHANSK = ("luhansk", "plany-i-otchety/otchety/2016-2017/")


@pytest.fixture(scope="module")
def monitoring_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    site = tmp_path_factory.mktemp("monitoring") / "site"
    result = build_site(FIXTURES / "monitoring", site)
    assert result.exit_code == 0, result.stderr
    with serve(site, "/razdel/") as served:
        yield served


@pytest.mark.parametrize(
    ("width", "settings"),
    [(1280, None), (375, None), (1280, {"scheme": "wb"}), (375, {"scheme": "wb"})],
    ids=["1280", "375", "1280-wb", "375-wb"],
)
def test_axe_finds_nothing_on_the_monitoring_views(
    monitoring_site: Served,
    new_page: Callable[..., Any],
    width: int,
    settings: dict[str, str] | None,
) -> None:
    page = new_page(width=width, settings=settings)
    problems = []
    for url in PAGES:
        page.goto(monitoring_site.url(url))
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        problems.append(describe(url, axe_violations(page)))
    found = "\n".join(p for p in problems if p)
    assert not found, found


def test_reflow_at_320(monitoring_site: Served, new_page: Callable[..., Any]) -> None:
    page = new_page(width=320)
    problems = []
    for url in PAGES:
        page.goto(monitoring_site.url(url))
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        result = page.evaluate(OVERFLOW)
        problems += [f"{url or '/'}: {line}" for line in result["found"]]
    assert not problems, "\n".join(problems)


_WIDTHS = """() => {
  const width = sel => document.querySelector(`.ak-plan--report thead ${sel}`).getBoundingClientRect().width;
  const cells = [...document.querySelectorAll(".ak-plan--report tbody .ak-col--status")];
  const overflowing = cells.filter(td => td.scrollWidth > td.clientWidth + 1).length;
  return {
    number: width(".ak-col--number"), text: width(".ak-col--text"),
    executors: width(".ak-col--executors"), deadline: width(".ak-col--deadline"),
    execution: width(".ak-col--execution"), status: width(".ak-col--status"), overflowing,
  };
}"""


@pytest.mark.parametrize(("name", "url"), [KEMEROVO, LUHANSK], ids=["kemerovo", "luhansk"])
def test_report_columns_at_1280(
    name: str,
    url: str,
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    page = new_page(width=1280)
    page.goto(served(name).url(url))
    widths = page.evaluate(_WIDTHS)
    others = [widths[k] for k in ("number", "text", "executors", "deadline", "status")]
    # what was done is the widest column; the number and the status are narrow
    assert widths["execution"] > max(others), widths
    assert widths["number"] < widths["execution"] / 4, widths
    assert widths["status"] < widths["execution"] / 2, widths
    assert widths["status"] <= widths["text"], widths
    # badges wrap inside their column instead of sticking out of it
    assert widths["overflowing"] == 0, widths


_HEADER_IN_VIEW = """() => {
  const rows = [...document.querySelectorAll(".ak-plan tbody tr.ak-table__row")];
  const middle = rows[Math.floor(rows.length / 2)];
  window.scrollBy(0, middle.getBoundingClientRect().top - 300);
  return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
    const head = document.querySelector(".ak-plan thead th.ak-col--text").getBoundingClientRect();
    const row = middle.getBoundingClientRect();
    const bar = document.querySelector(".md-header").getBoundingClientRect();
    done({headTop: head.top, headBottom: head.bottom, rowTop: row.top, barBottom: bar.bottom,
          covered: document.elementFromPoint(head.left + 5, head.top + head.height / 2)?.closest("th") !== null});
  })));
}"""


@pytest.mark.parametrize(("name", "url"), [KEMEROVO, LUHANSK], ids=["kemerovo", "luhansk"])
def test_header_row_stays_in_view_mid_table(
    name: str,
    url: str,
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    page = new_page(width=1280, height=800)
    page.goto(served(name).url(url))
    found = page.evaluate(_HEADER_IN_VIEW)
    # below Material's header, above the row, and what is seen there is the header cell itself
    assert found["barBottom"] - 1 <= found["headTop"] < found["rowTop"], found
    assert found["headBottom"] < 800, found
    assert found["covered"], found


_CARD_ORDER = """() => [...document.querySelectorAll(".ak-plan tbody tr.ak-table__row")].slice(0, 8).map(tr => {
  const top = sel => tr.querySelector(sel).getBoundingClientRect().top;
  return {id: tr.id, number: top(".ak-table__number"), status: top(".ak-col--status"), text: top(".ak-col--text")};
})"""


@pytest.mark.parametrize(
    ("site", "url"),
    [("monitoring", "plany-i-otchety/otchety/2023/"), ("monitoring", "plany-i-otchety/2021-2024/")],
)
def test_phone_card_starts_with_number_and_status(
    site: str, url: str, monitoring_site: Served, new_page: Callable[..., Any]
) -> None:
    page = new_page(width=375)
    page.goto(monitoring_site.url(url))
    cards = page.evaluate(_CARD_ORDER)
    assert cards
    for card in cards:
        assert card["number"] < card["status"] < card["text"], card


def test_phone_card_order_on_kemerovo(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    page = new_page(width=375)
    page.goto(served(KEMEROVO[0]).url(KEMEROVO[1]))
    for card in page.evaluate(_CARD_ORDER):
        assert card["number"] < card["status"] < card["text"], card


def test_summary_is_one_line_per_section_on_a_phone(
    monitoring_site: Served, new_page: Callable[..., Any]
) -> None:
    page = new_page(width=375)
    page.goto(monitoring_site.url("plany-i-otchety/otchety/2023/"))
    assert not page.locator(".ak-summary__table").is_visible()
    lines = page.locator(".ak-summary__lines li")
    assert lines.count() == 3
    assert all(lines.nth(i).is_visible() for i in range(3))
    wide = new_page(width=1280)
    wide.goto(monitoring_site.url("plany-i-otchety/otchety/2023/"))
    assert wide.locator(".ak-summary__table").is_visible()
    assert not wide.locator(".ak-summary__lines").is_visible()


def test_header_shows_the_whole_organisation_name_on_a_phone(
    monitoring_site: Served, new_page: Callable[..., Any]
) -> None:
    page = new_page(width=375)
    page.goto(monitoring_site.url(""))
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.md-header__title .md-ellipsis, .ak-topbar__org')]
          .filter(e => e.getBoundingClientRect().width > 0)
          .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())"""
    )
    assert clipped == []


def test_results_across_reports_are_printed(
    monitoring_site: Served, new_page: Callable[..., Any], tmp_path: Path
) -> None:
    page = new_page(width=1280)
    page.goto(monitoring_site.url("plany-i-otchety/2021-2024/"))
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.ak-history-results").first.evaluate("d => d.open")
    assert page.get_by_text("Порядок на согласовании.").first.is_visible()


def test_long_execution_text_folds_and_unfolds_without_leaving_the_page(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    page = new_page(width=1280)
    page.goto(served(KEMEROVO[0]).url(KEMEROVO[1]))
    button = page.locator(".ak-long__toggle").first
    assert button.get_attribute("aria-expanded") == "false"
    box = page.locator("#" + str(button.get_attribute("aria-controls")))
    folded = box.evaluate("e => e.getBoundingClientRect().height")
    whole = box.evaluate("e => e.scrollHeight")
    assert folded < whole
    assert box.evaluate("e => e.textContent.length") > 300  # the text is all there
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert box.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # nothing cut off
    page.emulate_media(media="print")
    button.evaluate("b => b.click()")  # folded again on screen; paper shows all of it
    assert box.evaluate("e => e.classList.contains('ak-long--folded')")
    assert box.evaluate("e => getComputedStyle(e).maxHeight") == "none"
    assert box.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    assert not button.is_visible()
