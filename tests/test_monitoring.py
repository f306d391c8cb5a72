"""A plan and three reports: what is late in each, how each measure went, and the totals per
section and per executor."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import monitoring
from generator.content import Content, PlanEntry, ReportEntry
from generator.models import Status
from generator.pipeline import load_content
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(FIXTURES / "monitoring")
    assert loaded is not None, diagnostics.report()
    return loaded


@pytest.fixture(scope="module")
def plan(content: Content) -> PlanEntry:
    found = content.plan("2021-2024")
    assert found is not None
    return found


def _report(content: Content, stem: str) -> ReportEntry:
    return next(r for r in content.reports if r.stem == stem)


@pytest.mark.parametrize(
    ("stem", "late"),
    [
        # 2.3 «первая половина 2022 года», only partly done in the report of 25.01.2023
        ("2022", {"2.3": (dt.date(2022, 6, 30), Status.PARTIALLY_DONE)}),
        # 1.2 «до 31.12.2023» still in progress; 1.3 «ежегодно до 1 апреля» not done in 2023
        (
            "2023",
            {
                "1.2": (dt.date(2023, 12, 31), Status.IN_PROGRESS),
                "1.3": (dt.date(2023, 4, 1), Status.NOT_DONE),
            },
        ),
        # 2.1 «IV квартал 2024» in progress on 20.01.2025; 3.1's term is not a date
        ("2024", {"2.1": (dt.date(2024, 12, 31), Status.IN_PROGRESS)}),
    ],
)
def test_overdue_in_each_report(
    content: Content, plan: PlanEntry, stem: str, late: dict[str, tuple[dt.date, Status]]
) -> None:
    found = monitoring.overdue(plan, _report(content, stem))
    assert {k: (v.due, v.status) for k, v in found.items()} == late


def test_a_term_that_has_not_come_is_not_late(content: Content, plan: PlanEntry) -> None:
    # 1.2 «до 31.12.2023» in progress in the report for 2022: still in time
    assert "1.2" not in monitoring.overdue(plan, _report(content, "2022"))


def test_recurring_in_progress_is_late_only_after_the_series(content: Content) -> None:
    kemerovo, _ = load_content(FIXTURES.parent.parent / "content")
    assert kemerovo is not None
    plan = kemerovo.plans[0]
    late = monitoring.overdue(plan, kemerovo.reports[0])
    # «Ежегодно до 25 декабря» in progress after the plan's last year has ended: late
    assert late["5.1"].due == dt.date(2024, 12, 25)
    # «в течение 14 рабочих дней со дня ...» has no date: never marked, even if not done
    assert "1.4" not in late


def test_history_oldest_to_newest(content: Content, plan: PlanEntry) -> None:
    history = monitoring.histories(plan, content.reports)
    steps = history["1.3"]
    assert [s.report.stem for s in steps] == ["2022", "2023", "2024"]
    assert [s.status for s in steps] == [Status.DONE, Status.NOT_DONE, Status.DONE]
    assert [s.overdue for s in steps] == [False, True, False]
    assert steps[1].text == "Прием сведений перенесен по Указу № 968."


def test_tally_counts_share_and_overdue(content: Content, plan: PlanEntry) -> None:
    total = monitoring.tally(plan, _report(content, "2023"))
    assert (total.total, total.done, total.counted, total.overdue) == (7, 2, 6, 2)
    assert total.share == 33


def test_by_executor_merges_spellings_and_counts_each_executor(
    content: Content, plan: PlanEntry
) -> None:
    rows = monitoring.by_executor(plan, _report(content, "2023"))
    table = {t.label: (t.total, t.done, t.overdue) for t in rows}
    # «Отдел кадров» and «отдел  кадров» are one; 1.2 counts for both of its executors
    assert table == {
        "Отдел кадров": (4, 1, 2),
        "Пресс-служба": (2, 0, 0),
        "Юридический отдел": (2, 1, 1),
    }
    assert rows[0].label == "Отдел кадров"


def test_by_section(content: Content, plan: PlanEntry) -> None:
    rows = monitoring.by_section(plan, _report(content, "2024"))
    assert [(k, t.total, t.done, t.overdue, t.share) for k, t in rows] == [
        ("1", 3, 3, 0, 100),
        ("2", 3, 1, 1, 50),
        ("3", 1, 0, 0, 0),
    ]


def test_progress_grows_report_by_report(content: Content, plan: PlanEntry) -> None:
    points = monitoring.progress(plan, list(reversed(content.reports)))
    assert [(p.report.stem, p.tally.share, p.tally.overdue) for p in points] == [
        ("2022", 17, 1),
        ("2023", 33, 2),
        ("2024", 67, 1),
    ]


def test_plan_in_force_only_until_its_years_pass(plan: PlanEntry) -> None:
    assert monitoring.plan_in_force(plan, dt.date(2024, 12, 31))
    assert not monitoring.plan_in_force(plan, dt.date(2025, 1, 20))
    assert monitoring.plan_in_force(plan, None)
