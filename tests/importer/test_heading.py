"""What the paragraphs above a table say: title, years, period, approving act."""

from __future__ import annotations

import pytest

from generator.importer.heading import read_heading


@pytest.mark.parametrize(
    ("lines", "years"),
    [
        (["План противодействия коррупции на 2021 - 2024 гг."], "2021-2024"),
        (["План мероприятий на 2018-2020 годы"], "2018-2020"),
        (["План заходів на 2016–2017 роки"], "2016-2017"),
        (["План на 2024 год"], "2024"),
    ],
)
def test_years(lines: list[str], years: str) -> None:
    assert read_heading(lines).years == years


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Отчет за 2022 год о выполнении Плана на 2021-2024 годы", "2022"),
        (
            "Отчет за I полугодие 2024 года о выполнении плана",
            {"from": "2024-01-01", "to": "2024-06-30"},
        ),
        (
            "Информация о выполнении плана за 3 квартал 2023 года",
            {"from": "2023-07-01", "to": "2023-09-30"},
        ),
        ("Звіт за 2017 рік про виконання плану", "2017"),
    ],
)
def test_period(title: str, period: object) -> None:
    heading = read_heading([title])
    assert heading.period == period
    assert heading.is_report


def test_plan_is_not_a_report() -> None:
    heading = read_heading(["План мероприятий по противодействию коррупции на 2021-2024 годы"])
    assert heading.period is None
    assert not heading.is_report


@pytest.mark.parametrize(
    ("lines", "act", "date", "number", "title"),
    [
        (
            [
                "Утвержден постановлением администрации района от 15.03.2021 № 123-п",
                "План мероприятий на 2021-2024 годы",
            ],
            "постановление",
            "2021-03-15",
            "123-п",
            "План мероприятий на 2021-2024 годы",
        ),
        (
            [
                "Утверждено постановлением",
                "главы администрации городского округа «город Дербент»",
                "от «26» октября 2018г. № 321",
                "П Л А Н",
                "мероприятий на 2018-2020 годы",
            ],
            "постановление",
            "2018-10-26",
            "321",
            "ПЛАН мероприятий на 2018-2020 годы",
        ),
        (
            ["ЗАТВЕРДЖЕНО", "наказом директора від 02.09.2019 № 45", "План заходів на 2020 рік"],
            "приказ",
            "2019-09-02",
            "45",
            "План заходів на 2020 рік",
        ),
    ],
)
def test_approving_act(lines: list[str], act: str, date: str, number: str, title: str) -> None:
    heading = read_heading(lines)
    assert (heading.act, heading.act_date, heading.act_number) == (act, date, number)
    assert heading.title == title


def test_nothing_stated_stays_unstated() -> None:
    heading = read_heading(["План мероприятий"])
    assert (heading.years, heading.period, heading.act, heading.act_date) == (None,) * 4


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Отчет за 9 месяцев 2024 года", {"from": "2024-01-01", "to": "2024-09-30"}),
        ("Отчет за 12 месяцев 2024 года", "2024"),
        ("Отчет за 2024 г.", "2024"),
    ],
)
def test_more_periods(title: str, period: object) -> None:
    assert read_heading([title]).period == period


def test_years_without_a_preposition() -> None:
    assert read_heading(["План противодействия коррупции (2021–2024)"]).years == "2021-2024"


@pytest.mark.parametrize(
    ("report", "plan"),
    [
        (
            "Отчет за 2024 год о выполнении Плана противодействия коррупции в округе на"
            " 2021-2024 годы",
            "План противодействия коррупции в округе на 2021-2024 годы",
        ),
        (
            "Отчет о ходе реализации Плана мероприятий на 2021-2024 годы за 2023 год",
            "План мероприятий на 2021-2024 годы",
        ),
        ("Звіт про виконання Плану заходів на 2016-2017 роки", "План заходів на 2016-2017 роки"),
        ("Отчет о работе комиссии", None),
    ],
)
def test_plan_title_from_the_report_title(report: str, plan: str | None) -> None:
    from generator.importer import _plan_title

    assert _plan_title(report) == plan
