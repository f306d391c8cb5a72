"""The shipped content and examples against the profiles, as the issue states them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.compliance.conftest import edit_html, failed, run_check
from tests.conftest import CONTENT_BY_NAME

EXPECTED_FEDERAL_FAILURES = {
    "content": set(),
    "derbent": set(),
    "luhansk": set(),
    "slavyanoserbsk": {"illegible-requisites"},
}


def test_every_example_is_listed() -> None:
    assert set(EXPECTED_FEDERAL_FAILURES) == set(CONTENT_BY_NAME)


@pytest.mark.parametrize("name", sorted(EXPECTED_FEDERAL_FAILURES))
def test_example_against_federal(name: str, example_site: Callable[[str], Path]) -> None:
    assert failed(example_site(name)) == EXPECTED_FEDERAL_FAILURES[name]


def test_slavyanoserbsk_reports_the_illegible_approval_date_and_number(
    example_site: Callable[[str], Path],
) -> None:
    result = next(
        r for r in run_check(example_site("slavyanoserbsk")) if r.rule.id == "illegible-requisites"
    )
    on_plan = [f.element for f in result.failures if f.page == "plany-i-otchety/2024/"]
    assert on_plan == ["Утвержден: дата", "Утвержден: номер"]


def test_a_site_without_the_banner_fails_altai_on_that_rule_alone(
    example_site: Callable[[str], Path],
) -> None:
    assert failed(example_site("content"), "altai") == {"banner"}


def test_a_site_built_for_altai_shows_an_accessible_local_banner(altai_site: Path) -> None:
    assert failed(altai_site, "altai") == set()
    home = BeautifulSoup((altai_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = home.select_one(".ak-banner a")
    assert link is not None and link["href"] == "./"
    svg = link.find("svg")
    assert svg is not None and svg["role"] == "img"
    assert svg.find("title").get_text() == "Коррупция.NET"


def test_the_banner_must_carry_its_text_alternative(altai_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(altai_site, site)

    def strip_alternative(soup: BeautifulSoup) -> None:
        svg = soup.select_one(".ak-banner svg")
        assert svg is not None
        del svg["aria-label"]
        svg.find("title").decompose()
        svg.find("text").decompose()

    edit_html(site, "index.html", strip_alternative)
    assert failed(site, "altai") == {"banner"}


def test_content_passes_tatarstan(example_site: Callable[[str], Path]) -> None:
    assert failed(example_site("content"), "tatarstan") == set()


def _wrap_subsections_in_details(soup: BeautifulSoup) -> None:
    listing = soup.select_one(".ak-subsections__list")
    assert listing is not None
    details = soup.new_tag("details")
    summary = soup.new_tag("summary")
    summary.string = "Подразделы"
    listing.wrap(details)
    details.insert(0, summary)


def test_subsections_only_in_a_drop_down_fail_tatarstan(
    site_copy: Callable[[str], Path],
) -> None:
    site = site_copy("content")
    edit_html(site, "index.html", _wrap_subsections_in_details)
    assert failed(site, "tatarstan") == {"subsections-one-transition"}
    assert failed(site, "federal") == set()
    result = next(
        r for r in run_check(site, "tatarstan") if r.rule.id == "subsections-one-transition"
    )
    assert len(result.failures) == 9
    assert "внутри раскрывающегося элемента <details>" in result.failures[0].problem


def test_subsections_hidden_by_the_phone_stylesheet_fail_tatarstan(
    site_copy: Callable[[str], Path],
) -> None:
    site = site_copy("content")
    css = site / "assets" / "antikor" / "antikor.css"
    css.write_text(
        css.read_text(encoding="utf-8")
        + "\n@media screen and (max-width: 44.9375em) {\n"
        + "  .md-typeset > .ak-subsections { display: none }\n}\n",
        encoding="utf-8",
    )
    assert failed(site, "tatarstan") == {"subsections-one-transition"}
    result = next(
        r for r in run_check(site, "tatarstan") if r.rule.id == "subsections-one-transition"
    )
    assert "скрыта на телефоне стилем .ak-subsections" in result.failures[0].problem
