"""What the pages show of the format's extensions: a result for a whole section, a result's own
term, several terms in one measure, the «Основания не возникали» status, facts «не указано» in
the source, and bare addresses in texts.

The content is the minimal folder with each extension written into it, rendered by the pure
page builder; one test builds it for real and runs ``antikor check`` on it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.content import Content
from generator.pipeline import load_content
from generator.search.records import build_records
from generator.site.model import build_model
from generator.site.pages import build_pages
from tests.conftest import FIXTURES, ROOT, build_site, run_antikor

PLAN = """\
title: План противодействия коррупции на 2021–2024 годы
years: 2021-2024
approved: {act: постановление, date: 2021-03-15, number: не указано}
sections:
  - number: "1."
    title: Организационные меры
    measures:
      - number: "1.1"
        text: Совершенствование деятельности комиссии
        executors: [Отдел кадров]
        deadline: [до 31.12.2021, до 31.12.2022, до 31.12.2023]
      - number: "1.10"
        text: Мониторинг изменений законодательства
        executors: Юридический отдел
        deadline: |
          один раз в год
          ноябрь 2022
  - number: "2."
    title: Проверки по уведомлениям
    measures:
      - number: "2.1"
        text: Проверка уведомлений о склонении к коррупции
        executors: [Отдел кадров]
        deadline: По мере поступления
      - number: "2.2"
        text: Проверка сведений о конфликте интересов
        executors: [Отдел кадров]
        deadline: По мере поступления
"""

REPORT = """\
plan: "2021-2024"
title: Отчет за 2022 год
period: 2022
date: не указано
results:
  - section: "2"
    status: случаев не выявлено
    text: В отчетном периоде указанные события не происходили, см. https://example.ru/otchet
  - measure: "1.1"
    status: done
    deadline: январь-апрель 2022 г.
    text: Проведено 5 заседаний; вопросы — на antikor@example.ru.
  - measure: "1.10"
    status: Основания не возникали
  - measure: "2.1"
    status: not_applicable
    text: Уведомления не поступали в компетенцию отдела.
"""


def _content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    (content / "plans" / "2021-2024.yaml").write_text(PLAN, encoding="utf-8")
    (content / "reports" / "2024.yaml").unlink()
    (content / "reports" / "2022.yaml").write_text(REPORT, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Content:
    content, diagnostics = load_content(_content(tmp_path_factory.mktemp("format")))
    assert content is not None, [d.code for d in diagnostics.items]
    return content


@pytest.fixture(scope="module")
def report(loaded: Content) -> BeautifulSoup:
    pages = build_pages(loaded, ROOT / "theme" / "antikor")
    page = next(p for p in pages if p.kind == "report")
    return BeautifulSoup(page.html, "html.parser")


def _one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def test_section_result_is_shown_on_the_section_row(report: BeautifulSoup) -> None:
    row = _one(report, "tr#s-2")
    heading = _one(row, "th[scope=rowgroup]")
    assert heading.get_text(" ", strip=True) == "2. Проверки по уведомлениям"
    execution = _one(row, "td.ak-col--execution")
    assert execution.get_text(" ", strip=True).startswith(
        "В отчетном периоде указанные события не происходили"
    )
    assert _one(row, "td.ak-col--status .ak-status--no_occasion").get_text() == (
        "Основания не возникали"
    )
    columns = len(report.select("table.ak-plan thead th"))
    spans = sum(int(str(cell.get("colspan", 1))) for cell in row.find_all(["th", "td"]))
    assert spans == columns
    # The section without a result keeps its one heading cell across the table.
    assert _one(report, "tr#s-1 th[scope=rowgroup]").get("colspan") == str(columns)


def test_measures_under_a_section_result_are_not_listed_as_missing(
    report: BeautifulSoup,
) -> None:
    missing = report.select(".ak-missing li")
    assert [li.get_text(strip=True) for li in missing] == []
    assert "2.2" not in _one(report, ".ak-missing").get_text()


def test_result_deadline_is_shown_in_the_report_row(report: BeautifulSoup) -> None:
    cell = _one(report, "tr#m-1-1 td.ak-col--deadline")
    own = _one(cell, ".ak-result-deadline")
    assert own.get_text(" ", strip=True) == "Срок на отчетный период: январь-апрель 2022 г."
    # The plan's terms stay, one per line.
    plan_terms = [t.strip() for t in cell.find_all(string=True, recursive=False)]
    assert plan_terms == ["до 31.12.2021", "до 31.12.2022", "до 31.12.2023"]
    assert len(cell.find_all("br", recursive=False)) == 2


def test_multi_line_deadline_keeps_its_lines(report: BeautifulSoup) -> None:
    cell = _one(report, "tr#m-1-10 td.ak-col--deadline")
    assert [t.strip() for t in cell.find_all(string=True)] == ["один раз в год", "ноябрь 2022"]
    assert len(cell.find_all("br")) == 1


def test_no_occasion_status_has_its_own_label(report: BeautifulSoup) -> None:
    badge = _one(report, "tr#m-1-10 .ak-status")
    assert badge["class"] == ["ak-status", "ak-status--no_occasion"]
    assert badge.get_text() == "Основания не возникали"


def test_share_leaves_out_no_occasion_and_not_applicable(report: BeautifulSoup) -> None:
    # Four measures: 1.1 done, 1.10 no occasion, 2.1 not applicable, 2.2 without a result;
    # the section's own result is not a measure.
    text = _one(report, ".ak-summary__text").get_text(" ", strip=True)
    assert text.startswith("Всего мероприятий: 4.")
    assert "Основания не возникали: 1" in text
    share = _one(report, ".ak-summary__share").get_text(" ", strip=True)
    assert share == (
        "Выполнено 1 из 2 мероприятий (50\u00a0%); не учитываются мероприятия со статусами"
        " «Не относится к компетенции», «Основания не возникали»."
    )


def test_not_stated_facts_are_said_plainly(report: BeautifulSoup, loaded: Content) -> None:
    date = _one(report, '[data-ak-requisite="report-date"]')
    assert _one(date, ".ak-not-stated").get_text() == "не указано в источнике"
    pages = build_pages(loaded, ROOT / "theme" / "antikor")
    plan = BeautifulSoup(next(p for p in pages if p.kind == "plan").html, "html.parser")
    act = _one(plan, '[data-ak-act="approved"]')
    assert act.select_one('[data-ak-requisite="number"]') is None
    note = _one(act, "[data-ak-not-stated]")
    assert note["data-ak-not-stated"] == "number"
    assert note.get_text() == "(номер в источнике не указан)"


def test_bare_addresses_become_links(report: BeautifulSoup) -> None:
    hrefs = [str(a["href"]) for a in report.select("td.ak-col--execution a")]
    assert "https://example.ru/otchet" in hrefs
    assert "mailto:antikor@example.ru" in hrefs


def test_no_occasion_colour_has_contrast_with_white_text() -> None:
    css = (ROOT / "theme" / "assets" / "antikor" / "antikor.css").read_text(encoding="utf-8")
    colour = re.search(r"--ak-no-occasion:\s*#([0-9a-f]{6})", css)
    assert colour is not None
    rule = re.search(r"\.ak-status--no_occasion\s*\{[^}]*var\(--ak-no-occasion\)", css)
    assert rule is not None
    assert _contrast(colour.group(1), "ffffff") >= 4.5
    others = re.findall(r"--ak-(?:done|progress|partial|not-done|neutral):\s*#([0-9a-f]{6})", css)
    assert len(others) == 5 and colour.group(1) not in others


def _contrast(first: str, second: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_section_result_is_a_search_record_at_the_section_row(loaded: Content) -> None:
    records = build_records(build_model(loaded))
    section = [r for r in records if r.url.endswith("#s-2")]
    assert len(section) == 1
    record = section[0]
    assert record.url == "plany-i-otchety/otchety/2022/#s-2"
    assert "указанные события не происходили" in record.body
    assert ("status", "Основания не возникали") in record.filters
    assert ("section", "Проверки по уведомлениям") in record.filters
    own = next(r for r in records if r.url.endswith("2022/#m-1-1"))
    assert "январь-апрель 2022 г." in own.body


def test_check_fails_the_requisites_rule_on_not_stated(tmp_path: Path) -> None:
    site = tmp_path / "site"
    built = build_site(_content(tmp_path), site)
    assert built.exit_code == 0, built.stderr
    result = run_antikor("check", "--site-dir", str(site))
    assert result.exit_code == 1
    assert (
        "✗ не соответствует: Нет реквизитов, помеченных как неразборчивые или не указанные"
        " в источнике [illegible-requisites]"
    ) in result.stdout.splitlines()
    assert "реквизит «номер» помечен как не указанный в источнике" in result.stdout
    assert "реквизит «дата отчета» помечен как не указанный в источнике" in result.stdout
    assert "замените «не указано» на него" in result.stdout
