"""Monitoring a plan across its reports: what is late, how each measure went from report to
report, and the totals per section and per executor.

Pure: validated content in, plain values out, for the pages, the search index and the data
exports alike. The reference date of every judgement is a report's own date (its period's end
when the date is not known), never the clock, so two builds of one commit agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from generator.content import MeasureEntry, PlanEntry, ReportEntry
from generator.deadlines import Deadline, DeadlineKind, parse_deadline
from generator.executors import executor_key, executor_labels
from generator.models import NOT_COUNTED, Result, Status, Unknown

# Statuses that say the work is unfinished: past its due date, such a measure is overdue. «Срок
# не наступил» trusts the report; «Сведения не представлены» says nothing either way.
UNFINISHED: Final = frozenset({Status.IN_PROGRESS, Status.PARTIALLY_DONE, Status.NOT_DONE})


def reference_date(report: ReportEntry) -> dt.date:
    """The day a report speaks for: its date, or the end of its period when the date is not
    known."""
    date = report.report.date
    return report.report.period.end if isinstance(date, Unknown) else date


def ordered_reports(reports: Iterable[ReportEntry]) -> list[ReportEntry]:
    """Oldest first, by the end of the period, then the date, then the file name."""
    return sorted(reports, key=lambda r: (r.report.period.end, reference_date(r), r.stem))


def deadline_of(plan: PlanEntry, measure: MeasureEntry, result: Result | None) -> Deadline:
    """The term a report is held to: its own for the period when it prints one, else the
    plan's, read in the plan's years."""
    text = result.deadline if result is not None and result.deadline else measure.measure.deadline
    return parse_deadline(text, years=plan.plan.years)


def overdue_since(deadline: Deadline, status: Status | None, report: ReportEntry) -> dt.date | None:
    """The due date an unfinished measure missed by the report's date, or ``None``.

    A definite term is missed once its date has passed. A recurring term is missed when the
    occurrence the report's period answers for has passed and the report says it was not (or
    only partly) done; «Выполняется» on a recurring term is ongoing work, late only once the
    whole series has ended."""
    if status not in UNFINISHED or not deadline.due:
        return None
    reference = reference_date(report)
    if deadline.kind is DeadlineKind.DEFINITE or status is Status.IN_PROGRESS:
        due: dt.date | None = deadline.final
    else:
        due = deadline.due_by(report.report.period.end)
        if due is not None and due < report.report.period.start:
            due = None
    return due if due is not None and due < reference else None


@dataclass(frozen=True)
class Late:
    """A measure overdue in a report."""

    key: str
    number: str
    due: dt.date
    status: Status


def overdue(plan: PlanEntry, report: ReportEntry) -> dict[str, Late]:
    """The measures overdue in one report, by key, in the plan's order."""
    results = measure_results(report)
    found: dict[str, Late] = {}
    for key, measure in plan.measures.items():
        result = results.get(key)
        if result is None:
            continue
        due = overdue_since(deadline_of(plan, measure, result), result.status, report)
        if due is not None and result.status is not None:
            found[key] = Late(key, measure.measure.number, due, result.status)
    return found


def measure_results(report: ReportEntry) -> dict[str, Result]:
    """A report's results for single measures, by measure key."""
    return {e.result.key: e.result for e in report.results if e.result.measure is not None}


# --- history -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A measure in one report: its status, whether it was late, and the text of its result."""

    report: ReportEntry
    status: Status | None
    overdue: bool
    text: str | None


def histories(plan: PlanEntry, reports: Sequence[ReportEntry]) -> dict[str, tuple[Step, ...]]:
    """For every measure that some report answers, its steps from the oldest report to the
    newest (a report that does not answer the measure has no step)."""
    steps: dict[str, list[Step]] = {}
    for report in ordered_reports(reports):
        results = measure_results(report)
        late = overdue(plan, report)
        for key in plan.measures:
            result = results.get(key)
            if result is not None:
                steps.setdefault(key, []).append(
                    Step(report, result.status, key in late, result.text)
                )
    return {key: tuple(found) for key, found in steps.items()}


# --- roll-ups ------------------------------------------------------------------------------------


@dataclass
class Tally:
    """The measures of one group (a section, an executor, a whole report) by status."""

    label: str
    total: int = 0
    counts: Counter[Status] = field(default_factory=Counter)
    overdue: int = 0

    @property
    def counted(self) -> int:
        """The measures the share is taken of: those whose status allowed any work."""
        return self.total - sum(self.counts[s] for s in NOT_COUNTED)

    @property
    def done(self) -> int:
        return self.counts[Status.DONE]

    @property
    def share(self) -> int | None:
        """Per cent fulfilled, rounded; ``None`` when nothing counts."""
        return round(100 * self.done / self.counted) if self.counted else None

    @property
    def unanswered(self) -> int:
        return self.total - sum(self.counts.values())

    def add(self, status: Status | None, late: bool) -> None:
        self.total += 1
        if status is not None:
            self.counts[status] += 1
        self.overdue += late


def tally(plan: PlanEntry, report: ReportEntry, label: str = "") -> Tally:
    """The whole report's totals over the plan's measures."""
    results = measure_results(report)
    late = overdue(plan, report)
    total = Tally(label)
    for key in plan.measures:
        result = results.get(key)
        total.add(result.status if result else None, key in late)
    return total


def by_executor(plan: PlanEntry, report: ReportEntry) -> list[Tally]:
    """The report's totals per executor, executors made comparable as the search filter makes
    them («Отдел кадров» and «отдел  кадров» are one), largest first, then by name. A measure
    with several executors counts for each of them."""
    labels = executor_labels(n for m in plan.measures.values() for n in m.measure.executors)
    results = measure_results(report)
    late = overdue(plan, report)
    tallies: dict[str, Tally] = {}
    for key, measure in plan.measures.items():
        result = results.get(key)
        for name in dict.fromkeys(executor_key(e) for e in measure.measure.executors):
            if name not in labels:
                continue
            group = tallies.setdefault(name, Tally(labels[name]))
            group.add(result.status if result else None, key in late)
    return sorted(tallies.values(), key=lambda t: (-t.total, t.label.casefold()))


def by_section(plan: PlanEntry, report: ReportEntry) -> list[tuple[str, Tally]]:
    """The report's totals per top-level section of the plan, with the section's key."""
    results = measure_results(report)
    late = overdue(plan, report)
    found: list[tuple[str, Tally]] = []
    for key, section in plan.sections.items():
        if section.depth:
            continue
        group = Tally(f"{section.section.number} {section.section.title}")
        for measure_key in plan.measures:
            if plan.in_sections(measure_key, (key,)):
                result = results.get(measure_key)
                group.add(result.status if result else None, measure_key in late)
        found.append((key, group))
    return found


@dataclass(frozen=True)
class Progress:
    """One point of the plan's course: a report and its totals."""

    report: ReportEntry
    tally: Tally


def progress(plan: PlanEntry, reports: Sequence[ReportEntry]) -> list[Progress]:
    """How the share fulfilled went from report to report, oldest first."""
    return [Progress(r, tally(plan, r, str(r.report.period))) for r in ordered_reports(reports)]


def plan_in_force(plan: PlanEntry, latest: dt.date | None) -> bool:
    """Whether a plan may be called current: its years have not all passed by ``latest``, the
    latest date the section knows (its newest report or change); unknown, it is taken as it
    says."""
    return latest is None or latest.year <= plan.plan.years.end


def statuses_in(tallies: Iterable[Tally]) -> list[Status]:
    """The statuses some group has, in the order of the closed set."""
    seen: set[Status] = set()
    for group in tallies:
        seen |= {s for s, n in group.counts.items() if n}
    return [s for s in Status if s in seen]


def not_counted() -> tuple[Status, ...]:
    return NOT_COUNTED
