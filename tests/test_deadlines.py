"""Deadlines as plans word them: every wording in the examples and the seeds is read as the
right dates, or recognised as a term without a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.deadlines import Deadline, DeadlineKind, parse_deadline
from generator.models import YearRange
from generator.pipeline import load_content
from tests.conftest import ROOT

D = dt.date
DEFINITE, PERIODIC = DeadlineKind.DEFINITE, DeadlineKind.PERIODIC
INDEFINITE, UNPARSED = DeadlineKind.INDEFINITE, DeadlineKind.UNPARSED
PLAN = YearRange(2021, 2024)

# The wordings the issue names, read in a plan for 2021–2024.
ISSUE = [
    ("до 31.12.2024", DEFINITE, [D(2024, 12, 31)]),
    ("не позднее 30 апреля", DEFINITE, [D(2021, 4, 30), D(2022, 4, 30), D(2023, 4, 30)]),
    ("ежегодно до 1 апреля", PERIODIC, [D(2021, 4, 1), D(2022, 4, 1), D(2023, 4, 1)]),
    ("IV квартал 2023", DEFINITE, [D(2023, 12, 31)]),
    ("в течение 2021–2024 гг.", DEFINITE, [D(2024, 12, 31)]),
    ("первая половина 2022 года", DEFINITE, [D(2022, 6, 30)]),
    ("до 1 числа месяца, следующего за отчетным", PERIODIC, [D(2021, 2, 1), D(2021, 3, 1)]),
    ("постоянно", INDEFINITE, []),
    ("по мере необходимости", INDEFINITE, []),
    ("при наступлении события", INDEFINITE, []),
]

# Wordings of the seed documents (plans and reports as published), read in their plan's years.
SEEDS = [
    # Kemerovo, plan 2021–2024
    ("Ежегодно до 30 апреля", PLAN, PERIODIC, D(2021, 4, 30), D(2024, 4, 30), 4),
    ("Ежегодно 3-4 кварталы", PLAN, PERIODIC, D(2021, 12, 31), D(2024, 12, 31), 4),
    ("Ежеквартально (при вынесении судебных решений)", PLAN, PERIODIC, D(2021, 3, 31), D(2024, 12, 31), 16),
    ("Ежегодно, до 20 января года, следующего за отчётным", PLAN, PERIODIC, D(2022, 1, 20), D(2025, 1, 20), 4),
    ("в течение 2021-2024 годов", PLAN, DEFINITE, D(2024, 12, 31), D(2024, 12, 31), 1),
    ("Планируемый период", PLAN, DEFINITE, D(2024, 12, 31), D(2024, 12, 31), 1),
    # Derbent, plan 2018–2020
    ("Ежегодно до 31.12.2019-2020гг", YearRange(2018, 2020), PERIODIC, D(2019, 12, 31), D(2020, 12, 31), 2),
    ("в срок до 01.03.2019-2020гг", YearRange(2018, 2020), PERIODIC, D(2019, 3, 1), D(2020, 3, 1), 2),
    ("январь – апрель в 2019-2020гг", YearRange(2018, 2020), PERIODIC, D(2019, 4, 30), D(2020, 4, 30), 2),
    ("01.04.2019 г", YearRange(2018, 2020), DEFINITE, D(2019, 4, 1), D(2019, 4, 1), 1),
    ("на полугодовой основе", YearRange(2018, 2020), PERIODIC, D(2018, 6, 30), D(2020, 12, 31), 6),
    ("В течение 2019-2020гг", YearRange(2018, 2020), DEFINITE, D(2020, 12, 31), D(2020, 12, 31), 1),
    # Luhansk, plan 2016–2017 (Ukrainian)
    ("2016-2017 роки", YearRange(2016, 2017), DEFINITE, D(2017, 12, 31), D(2017, 12, 31), 1),
    # Slavyanoserbsk, plan 2024
    ("В течение года", YearRange(2024, 2024), DEFINITE, D(2024, 12, 31), D(2024, 12, 31), 1),
    ("9 декабря, ежегодно", YearRange(2024, 2024), PERIODIC, D(2024, 12, 9), D(2024, 12, 9), 1),
    ("Февраль - март 2024 год", YearRange(2024, 2024), DEFINITE, D(2024, 3, 31), D(2024, 3, 31), 1),
    ("В течение года, результаты мониторинга ежеквартально", YearRange(2024, 2024), PERIODIC, D(2024, 3, 31), D(2024, 12, 31), 4),
]  # fmt: skip

# Wordings that used to be read as wrong dates, read in a plan for 2021–2024: every due date.
WRITTEN = [
    ("до 2024-06-30", DEFINITE, [D(2024, 6, 30)]),
    ("2023-03-01", DEFINITE, [D(2023, 3, 1)]),
    ("до 30/06/2023", DEFINITE, [D(2023, 6, 30)]),
    ("до 30-06-2023", DEFINITE, [D(2023, 6, 30)]),
    ("в период с 1 марта по 30 апреля 2023 г.", DEFINITE, [D(2023, 4, 30)]),
    ("с 01.01.2022 по 31.12.2022", DEFINITE, [D(2022, 12, 31)]),
    ("с 2021 по 2023 год", DEFINITE, [D(2023, 12, 31)]),
    ("до 31 мая 2022 года - 1 этап, до 31 декабря 2022 - 2 этап", PERIODIC, [D(2022, 5, 31), D(2022, 12, 31)]),
    ("1 этап - до 31 мая 2022, 2 этап - 2023", PERIODIC, [D(2022, 5, 31), D(2023, 12, 31)]),
    ("до 1 марта 2022 года и далее ежегодно", PERIODIC, [D(2022, 3, 1), D(2023, 3, 1), D(2024, 3, 1)]),
    ("до 31 декабря 2022 года, далее - ежегодно", PERIODIC, [D(2022, 12, 31), D(2023, 12, 31), D(2024, 12, 31)]),
    (
        "ежеквартально, до 10 числа месяца, следующего за отчетным кварталом",
        PERIODIC,
        [D(y, m, 10) for y in range(2021, 2025) for m in (4, 7, 10)]
        + [D(y, 1, 10) for y in range(2022, 2026)],
    ),
    (
        "до 10 числа месяца, следующего за отчетным полугодием",
        PERIODIC,
        [D(y, 7, 10) for y in range(2021, 2025)] + [D(y, 1, 10) for y in range(2022, 2026)],
    ),
    ("до 15 числа месяца, следующего за отчетным годом", PERIODIC, [D(y, 1, 15) for y in range(2022, 2026)]),
    (
        "ежеквартально, до 31 числа месяца, следующего за отчетным кварталом",  # April: its 30th
        PERIODIC,
        [D(y, 4, 30) for y in range(2021, 2025)] + [D(y, m, 31) for y in range(2021, 2025) for m in (7, 10)]
        + [D(y, 1, 31) for y in range(2022, 2026)],
    ),
    ("декабрь 2023 - январь 2024", DEFINITE, [D(2024, 1, 31)]),
    ("IV квартал 2023 – I квартал 2024", DEFINITE, [D(2024, 3, 31)]),
    ("2022 - первое полугодие 2023", DEFINITE, [D(2023, 6, 30)]),
    ("до 31.12.21", DEFINITE, [D(2021, 12, 31)]),
    ("до 30/06/23", DEFINITE, [D(2023, 6, 30)]),
]  # fmt: skip

# Wordings whose date cannot be told for sure: not understood, never a guess.
UNCERTAIN = [
    "до 31.12.30",  # a two-digit year outside the plan
    "до 31.12.21\nдо 31.12.30",
    "до 2024-02-30",
    "до 30 2024",
    "с 1 декабря 2023 по 31 января",  # the end's year is not said
    "декабрь 2023 - январь",
    "январь 2024 - декабрь 2023",  # ends before it starts
    "до 10 числа месяца, следующего за отчетным периодом",
    "до 40 числа месяца, следующего за отчетным кварталом",
    "ежегодно и далее ежегодно",
]

SEED_INDEFINITE = [
    "в течение 14 рабочих дней со дня истечения срока, установленного для представления сведений",
    "При поступлении на муниципальную службу",
    "на основании поступившей информации",
    "По мере поступления информации",
    "на постоянной основе",
]

# Every deadline of the shipped content and examples, with what it must mean: its kind and the
# first and last due dates (none for a term without a date).
EXAMPLES: dict[str, tuple[DeadlineKind, dt.date | None, dt.date | None]] = {
    "Постоянно": (INDEFINITE, None, None),
    "постоянно": (INDEFINITE, None, None),
    "на постоянной основе": (INDEFINITE, None, None),
    "По мере необходимости": (INDEFINITE, None, None),
    "по мере необходимости": (INDEFINITE, None, None),
    "По мере поступления информации": (INDEFINITE, None, None),
    "на основании поступившей информации": (INDEFINITE, None, None),
    "При поступлении на муниципальную службу": (INDEFINITE, None, None),
    "в течение 14 рабочих дней со дня истечения срока, установленного для подачи указанных"
    " сведений": (INDEFINITE, None, None),
    "в течение 14 рабочих дней со дня истечения срока, установленного для представления сведений": (
        INDEFINITE,
        None,
        None,
    ),
    "Ежегодно до 30 апреля": (PERIODIC, D(2021, 4, 30), D(2024, 4, 30)),
    "Ежегодно 3-4 кварталы": (PERIODIC, D(2021, 12, 31), D(2024, 12, 31)),
    "в течение 2021-2024 годов": (DEFINITE, D(2024, 12, 31), D(2024, 12, 31)),
    "Ежеквартально (при вынесении судебных решений)": (PERIODIC, D(2021, 3, 31), D(2024, 12, 31)),
    "Ежегодно не позднее 1 апреля": (PERIODIC, D(2021, 4, 1), D(2024, 4, 1)),
    "2021-2024 годы": (DEFINITE, D(2024, 12, 31), D(2024, 12, 31)),
    "Ежегодно до 25 декабря, а также, а также по запросу отдела по профилактике коррупционных и"
    " иных правонарушений": (PERIODIC, D(2021, 12, 25), D(2024, 12, 25)),
    "Ежегодно, до 20 января года, следующего за отчётным": (
        PERIODIC,
        D(2022, 1, 20),
        D(2025, 1, 20),
    ),
    "Планируемый период": (DEFINITE, D(2024, 12, 31), D(2024, 12, 31)),
    "Ежегодно до 06 декабря": (PERIODIC, D(2021, 12, 6), D(2024, 12, 6)),
    "на полугодовой основе": (PERIODIC, D(2018, 6, 30), D(2020, 12, 31)),
    "ежегодно до 10 декабря": (PERIODIC, D(2018, 12, 10), D(2020, 12, 10)),
    "январь – апрель 2019-2020гг": (PERIODIC, D(2019, 4, 30), D(2020, 4, 30)),
    "январь – апрель в 2019-2020гг": (PERIODIC, D(2019, 4, 30), D(2020, 4, 30)),
    "Ежегодно до 01 сентября": (PERIODIC, D(2018, 9, 1), D(2020, 9, 1)),
    "Ежегодно до 15 сентября": (PERIODIC, D(2018, 9, 15), D(2020, 9, 15)),
    "В течение 2019-2020гг": (DEFINITE, D(2020, 12, 31), D(2020, 12, 31)),
    "в течение 2019-2020гг": (DEFINITE, D(2020, 12, 31), D(2020, 12, 31)),
    "ежеквартально": (PERIODIC, D(2018, 3, 31), D(2020, 12, 31)),
    "ежегодно до 15 февраля": (PERIODIC, D(2018, 2, 15), D(2020, 2, 15)),
    "Ежегодно до 31.12.2019-2020гг": (PERIODIC, D(2019, 12, 31), D(2020, 12, 31)),
    "Ежегодно до 31.12.2019-2020гг\nЕжегодно до 31.12.2019-2020гг\nЕжегодно до 31.12.2019-2020гг": (
        PERIODIC,
        D(2019, 12, 31),
        D(2020, 12, 31),
    ),
    "в срок до 01.03.2019-2020гг": (PERIODIC, D(2019, 3, 1), D(2020, 3, 1)),
    "01.04.2019 г": (DEFINITE, D(2019, 4, 1), D(2019, 4, 1)),
    "2016-2017 роки": (DEFINITE, D(2017, 12, 31), D(2017, 12, 31)),
    "В течение года": (DEFINITE, D(2024, 12, 31), D(2024, 12, 31)),
    "Ежегодно до 30 декабря": (PERIODIC, D(2024, 12, 30), D(2024, 12, 30)),
    "Ежеквартально": (PERIODIC, D(2024, 3, 31), D(2024, 12, 31)),
    "9 декабря, ежегодно": (PERIODIC, D(2024, 12, 9), D(2024, 12, 9)),
    "В течение года, результаты мониторинга ежеквартально": (
        PERIODIC,
        D(2024, 3, 31),
        D(2024, 12, 31),
    ),
    "Февраль - март 2024 год": (DEFINITE, D(2024, 3, 31), D(2024, 3, 31)),
}


@pytest.mark.parametrize(("text", "kind", "first_dates"), ISSUE, ids=[w[0] for w in ISSUE])
def test_the_wordings_of_the_issue(text: str, kind: DeadlineKind, first_dates: list[D]) -> None:
    single = text == "не позднее 30 апреля"
    deadline = parse_deadline(text, years=YearRange(2021, 2021) if single else PLAN)
    assert deadline.kind is kind
    if single:  # a term without a year, in a plan for one year, is that year's date
        assert deadline.due == (D(2021, 4, 30),)
        deadline = parse_deadline(text, years=PLAN)
        assert deadline.kind is PERIODIC
    assert list(deadline.due[: len(first_dates)]) == first_dates
    assert deadline.text == text


@pytest.mark.parametrize(("text", "kind", "due"), WRITTEN, ids=[w[0] for w in WRITTEN])
def test_dates_ranges_stages_and_series_are_read_as_their_dates(
    text: str, kind: DeadlineKind, due: list[D]
) -> None:
    deadline = parse_deadline(text, years=PLAN)
    assert (deadline.kind, deadline.due) == (kind, tuple(sorted(due)))
    assert deadline.text == text


@pytest.mark.parametrize("text", UNCERTAIN)
def test_a_date_that_cannot_be_told_is_not_guessed(text: str) -> None:
    deadline = parse_deadline(text, years=PLAN)
    assert (deadline.kind, deadline.due) == (UNPARSED, ())


def test_a_two_digit_year_needs_the_plans_years() -> None:
    assert parse_deadline("до 31.12.21", years=YearRange(2018, 2020)).kind is UNPARSED
    assert parse_deadline("до 31.12.21").kind is UNPARSED
    assert parse_deadline("до 31.12.21", reference=D(2021, 6, 1)).due == (D(2021, 12, 31),)


@pytest.mark.parametrize(
    ("text", "years", "kind", "first", "last", "count"), SEEDS, ids=[s[0] for s in SEEDS]
)
def test_seed_wordings(text: str, years: YearRange, kind: DeadlineKind, first: D, last: D, count: int) -> None:  # fmt: skip
    deadline = parse_deadline(text, years=years)
    assert (deadline.kind, deadline.due[0], deadline.final, len(deadline.due)) == (
        kind,
        first,
        last,
        count,
    )
    assert deadline.due == tuple(sorted(set(deadline.due)))


@pytest.mark.parametrize("text", SEED_INDEFINITE)
def test_terms_without_a_date(text: str) -> None:
    deadline = parse_deadline(text, years=PLAN)
    assert deadline.kind is INDEFINITE
    assert deadline.due == ()
    assert deadline.matched and deadline.matched.lower() in text.lower()


def _content_deadlines() -> list[tuple[str, YearRange, str]]:
    found = []
    for folder in [ROOT / "content", *sorted((ROOT / "examples").iterdir())]:
        content, diagnostics = load_content(folder)
        assert content is not None, diagnostics.report()
        for plan in content.plans:
            for measure in plan.measures.values():
                found.append((folder.name, plan.plan.years, measure.measure.deadline))
        for report in content.reports:
            period = report.report.period
            for result in report.results:
                if result.result.deadline is not None:
                    years = YearRange(period.start.year, period.end.year)
                    found.append((folder.name, years, result.result.deadline))
    return found


def test_every_deadline_of_the_examples_is_understood() -> None:
    rows = []
    wrong = []
    for folder, years, text in _content_deadlines():
        deadline = parse_deadline(text, years=years)
        rows.append(_row(folder, years, deadline))
        expected = EXAMPLES.get(text)
        actual = (deadline.kind, deadline.due[0] if deadline.due else None, deadline.final)
        if actual != expected:
            wrong.append(f"{folder}: {text!r}: {actual} != {expected}")
    print("\n".join(sorted(set(rows))))
    assert not wrong, "\n".join(wrong)
    assert len(rows) > 150


def _row(folder: str, years: YearRange, deadline: Deadline) -> str:
    text = deadline.text.replace("\n", " / ")[:60]
    due = ", ".join(f"{d:%d.%m.%Y}" for d in deadline.due[:3])
    more = f" … {deadline.final:%d.%m.%Y} ({len(deadline.due)})" if len(deadline.due) > 3 else ""
    return f"{folder:15} {years!s:10} {text:60} {deadline.kind.value:10} {due}{more}"


def test_unknown_wording_is_unparsed_and_keeps_its_text() -> None:
    for text in ("no", "Когда позволят средства", "Ежегодно до 30 апреля\nкогда-нибудь"):
        deadline = parse_deadline(text, years=PLAN)
        assert deadline.kind is UNPARSED
        assert deadline.due == ()
        assert deadline.text == text


def test_a_year_less_wording_takes_the_reference_year_without_a_plan() -> None:
    deadline = parse_deadline("не позднее 30 апреля", years=None, reference=D(2023, 2, 1))
    assert deadline.due == (D(2023, 4, 30),)
    assert parse_deadline("ежегодно до 1 апреля").due == ()


def test_impossible_dates_are_not_dates() -> None:
    assert parse_deadline("до 31.02.2024").kind is UNPARSED
    assert parse_deadline("ежегодно до 29 февраля", years=YearRange(2023, 2024)).due == (
        D(2023, 2, 28),
        D(2024, 2, 29),
    )


def test_due_by_is_the_latest_date_reached() -> None:
    deadline = parse_deadline("ежегодно до 1 апреля", years=PLAN)
    assert deadline.due_by(D(2023, 3, 31)) == D(2022, 4, 1)
    assert deadline.due_by(D(2023, 4, 1)) == D(2023, 4, 1)
    assert deadline.due_by(D(2020, 1, 1)) is None


def test_unparsed_deadlines_are_notes_that_never_fail(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import FIXTURES, run_antikor

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    result = run_antikor("validate", "--strict", "--content", str(content))
    assert result.exit_code == 0
    assert "заметка N001: срок «no» не распознан как дата" in result.stderr
    assert "Ошибок: 0, предупреждений: 0. Заметок: 1." in result.stderr
