"""The site model: the validated content as the section shows it, worked out once.

Between validation and rendering (Pelican's contexts): frozen views hold the order of the pages
and rows, their addresses and anchors, the keys parsed into row numbers and depths, the reports
joined to their plans, the summaries counted, the filters of the search and the display strings.
Templates, search records and exports read these views; none of them re-parses a key, re-counts
a summary or re-formats a date. Pure: :class:`~generator.content.Content` in, :class:`SiteModel`
out, with neither Jinja nor MkDocs.

One view per page kind, each built by one ``_view_*`` function below; a new per-row or per-page
fact is a field on the view that shows it, computed where that view is built.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator import monitoring
from generator.content import Content, MeasureEntry, PageEntry, PlanEntry, ReportEntry, SectionEntry
from generator.executors import executor_key, executor_labels
from generator.executors import tidy as tidy_name
from generator.models import (
    NOT_COUNTED,
    STATUS_LABELS,
    Act,
    Level,
    Period,
    Result,
    Site,
    Status,
    Unknown,
    YearRange,
)
from generator.monitoring import Late, Tally
from generator.reuse import Reuse, take
from generator.site.i18n import (
    SEARCH_ADDRESS,
    SECTION_TITLE,
    SUBSECTIONS,
    UI,
    subsection_address,
    subsection_title,
)
from generator.site.urls import (
    act_anchors,
    anchor,
    plan_url,
    relative,
    report_url,
    section_anchor,
)

FILTERS = ("kind", "year", "section", "executor", "status")
"""Filter keys of the search, in the order the search page shows them."""


# --- display strings ----------------------------------------------------------------------------


def format_date(value: dt.date | Unknown | None, language: str) -> str:
    """A date as the pages print it (``15.03.2021``), or what the source says of it."""
    if value is None:
        return ""
    if isinstance(value, Unknown):
        return UI[language][value.kind]
    return value.strftime("%d.%m.%Y")


def status_label(status: Status, language: str) -> str:
    return STATUS_LABELS[status][language]


def known(value: dt.date | Unknown) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


# --- executors, years and names of documents ------------------------------------------------------


def plan_years(years: YearRange) -> list[str]:
    """Every year a plan covers: a 2021–2024 plan belongs to 2021, 2022, 2023 and 2024."""
    return [str(year) for year in years.years]


def period_years(period: Period) -> list[str]:
    return [str(year) for year in period.years]


def _with_years(template: str, years: str, language: str, calendar: bool) -> str:
    ui = UI[language]
    if calendar:
        word = ui["search.years"] if "–" in years else ui["search.year"]
        years = f"{years} {word}"
    return template.format(years=years)


def plan_short_title(plan: PlanEntry, language: str) -> str:
    """«План на 2018–2020 годы»: how a search result names the plan its row belongs to."""
    return _with_years(UI[language]["search.plan_short"], str(plan.plan.years), language, True)


def report_short_title(report: ReportEntry, language: str) -> str:
    """«Отчет за 2024 год», or «Отчет за 01.01.2024–30.06.2024» for a period within a year."""
    period = report.report.period
    template = UI[language]["search.report_short"]
    return _with_years(template, str(period), language, period.whole_years)


def measure_number(entry: MeasureEntry) -> str:
    """The number a citizen recognises: as printed when it is absolute ("2.1.3"), the key
    when the printed number only makes sense inside its section ("1)" → "І.1.1")."""
    core = entry.measure.number.strip().rstrip(".)").strip()
    return core if "." in core or entry.measure.id else entry.key


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- views ------------------------------------------------------------------------------------


class RowKind(enum.StrEnum):
    SECTION = "section"
    MEASURE = "measure"


@dataclass(frozen=True)
class Row:
    """A row of a plan or report table: a section heading or a measure, in document order."""

    kind: RowKind
    key: str
    number: str  # as printed
    depth: int
    anchor: str  # the row's id on the page
    title: str = ""  # a section's title
    entry: MeasureEntry | None = None  # a measure's entry
    status: Status | None = None
    status_href: str = ""  # on a plan: the row of the report that gave the status
    result: Result | None = None  # on a report: the result for the measure or the section
    late: Late | None = None  # overdue by the report's date (on a plan: by the latest report's)
    history: tuple[StepView, ...] = ()  # on a plan: the measure in every report, oldest first


@dataclass(frozen=True)
class StepView:
    """A measure in one report, as the plan's row lists it: linked to that report's row."""

    period: str
    status: Status | None
    overdue: bool
    text: str | None
    href: str  # from the plan page to the report's row


@dataclass(frozen=True)
class ProgressView:
    """One point of «Ход выполнения»: a report's totals, linked from the plan page."""

    label: str
    tally: Tally
    href: str


@dataclass(frozen=True)
class MeasureView:
    """What every row of one measure shares, on the plan and in its reports, and in search."""

    entry: MeasureEntry
    anchor: str
    number: str  # the number a citizen recognises (see :func:`measure_number`)
    section: str  # the title of its top-level section
    executors: tuple[str, ...]  # the executors' filter labels, sorted


@dataclass(frozen=True)
class Summary:
    """A report's totals: the section home shows the latest report's, the report page its own."""

    overall: Counter[Status]
    total: int
    sections: tuple[tuple[SectionEntry, Counter[Status], int], ...]  # top sections, in order
    missing: tuple[MeasureView, ...]  # measures the report does not answer
    statuses: tuple[Status, ...]  # the statuses that occur, in the order of ``Status``
    done: int
    counted: int
    share: int | None  # per cent done of the counted measures
    not_counted: str  # «Не относится к компетенции», «Основания не возникали»
    late: tuple[Late, ...] = ()  # measures overdue by the report's date, in the plan's order
    section_overdue: tuple[int, ...] = ()  # per top section, as ``sections``
    section_share: tuple[int | None, ...] = ()  # per top section: per cent done of the counted
    reference: dt.date | None = None  # the day overdue is judged on: the report's date

    @property
    def overdue(self) -> int:
        return len(self.late)


@dataclass(frozen=True)
class ReportView:
    entry: ReportEntry
    url: str
    title: str
    plan: PlanEntry
    plan_url: str
    rows: tuple[Row, ...]
    results: Mapping[str, Result]  # results for single measures, by measure key
    has_expected: bool
    summary: Summary
    updated: dt.date | None
    date_text: str
    years: tuple[str, ...]
    short_title: str  # «Отчет за 2024 год»
    executors: tuple[Tally, ...] = ()  # totals per executor, largest first

    @property
    def stem(self) -> str:
        return self.entry.stem


@dataclass(frozen=True)
class PlanView:
    entry: PlanEntry
    url: str
    title: str
    rows: tuple[Row, ...]  # with each measure's latest status
    has_expected: bool
    reports: tuple[ReportView, ...]  # oldest first
    updated: dt.date | None  # the latest date of its acts, else the site's
    years: tuple[str, ...]
    short_title: str  # «План на 2021–2024 годы»
    measures: Mapping[str, MeasureView]  # in document order
    top_sections: Mapping[str, str]  # section key → title of its top-level section
    progress: tuple[ProgressView, ...] = ()  # «Ход выполнения»: one point per report
    late: tuple[Late, ...] = ()  # overdue by the latest report

    @property
    def stem(self) -> str:
        return self.entry.stem

    @property
    def latest_report(self) -> ReportView | None:
        return self.reports[-1] if self.reports else None


@dataclass(frozen=True)
class ActView:
    act: Act
    anchor: str
    year: str | None  # the search's year filter, when the date is known


@dataclass(frozen=True)
class SubsectionView:
    key: str
    title: str
    url: str
    pages: tuple[PageEntry, ...]  # the editors' pages, in their order
    updated: dt.date | None
    levels: tuple[tuple[Level, tuple[Act, ...]], ...] = ()  # acts, by level
    plans: tuple[PlanView, ...] = ()  # plans, newest first


@dataclass(frozen=True)
class HomeView:
    title: str
    subsections: tuple[tuple[str, str], ...]  # (title, address)
    current: PlanView | None  # the newest plan
    latest: ReportView | None  # its latest report
    updated: dt.date | None
    in_force: bool = True  # false once the plan's years have passed by ``updated``


@dataclass(frozen=True)
class SearchView:
    title: str
    url: str
    filters: Mapping[str, Sequence[str]]  # every value of every filter, in the order shown
    updated: dt.date | None


@dataclass(frozen=True)
class SiteModel:
    """The whole section, in page order: home, subsections (plans with their plans and reports
    after the plans subsection), search."""

    content: Content
    site: Site
    language: str
    banner: str | None  # the regional banner's text, if the profile asks for one
    home: HomeView
    subsections: tuple[SubsectionView, ...]
    plans: tuple[PlanView, ...]  # newest first
    acts: tuple[ActView, ...]
    search: SearchView
    _act_anchors: Mapping[int, str] = field(repr=False, compare=False)

    @property
    def reports(self) -> tuple[ReportView, ...]:
        """Every report in page order: per plan (newest plan first), newest report first."""
        return tuple(r for plan in self.plans for r in reversed(plan.reports))

    def act_anchor(self, act: Act) -> str:
        return self._act_anchors[id(act)]

    def plan(self, stem: str) -> PlanView:
        return next(p for p in self.plans if p.stem == stem)


# --- building -----------------------------------------------------------------------------------


def build_model(
    content: Content, *, banner: str | None = None, reuse: Reuse | None = None
) -> SiteModel:
    """The site model of validated content. ``banner`` is the text of the profile's regional
    banner, which the section home shows. With ``reuse`` (a preview), a view whose files did
    not change since the previous build is that build's view: the pages made from it are then
    taken again too."""
    language = content.site.language.value
    labels = take(reuse, ("labels",), content.plans, lambda: _executor_labels(content))
    by_plan: dict[str, list[ReportEntry]] = {}
    for report in sorted(content.reports, key=lambda r: (r.report.period.end, r.stem)):
        by_plan.setdefault(report.report.plan, []).append(report)
    ordered = sorted(content.plans, key=lambda p: (p.plan.years.start, p.stem), reverse=True)
    plans = tuple(
        _take_plan(plan, by_plan.get(plan.stem, []), content, labels, reuse) for plan in ordered
    )
    acts = tuple(
        ActView(act, act_id, str(act.date.year) if isinstance(act.date, dt.date) else None)
        for act, act_id in zip(content.acts, act_anchors(content.acts), strict=True)
    )
    updated = _latest_date(content)
    return SiteModel(
        content=content,
        site=content.site,
        language=language,
        banner=banner,
        home=take(
            reuse,
            ("home-view",),
            (plans[0] if plans else None, language, updated),
            lambda: _view_home(plans, language, updated),
        ),
        subsections=tuple(_take_subsection(key, content, plans, reuse) for key in SUBSECTIONS),
        plans=plans,
        acts=acts,
        search=take(
            reuse,
            ("search-view",),
            (language, updated, content.acts, *plans),
            lambda: SearchView(
                UI[language]["search.title"],
                SEARCH_ADDRESS,
                _filter_values(plans, acts, language),
                updated,  # what the index covers changed last on that date
            ),
        ),
        _act_anchors={id(view.act): view.anchor for view in acts},
    )


def _executor_labels(content: Content) -> Mapping[str, str]:
    return executor_labels(
        name
        for plan in content.plans
        for m in plan.measures.values()
        for name in m.measure.executors
    )


def _take_plan(
    plan: PlanEntry,
    reports: list[ReportEntry],
    content: Content,
    labels: Mapping[str, str],
    reuse: Reuse | None,
) -> PlanView:
    """A plan's view, made from the plan, its reports (oldest first), the settings and the
    executors' labels of every plan."""
    return take(
        reuse,
        ("plan-view", plan.stem),
        (plan, content.site, labels, *reports),
        lambda: _view_plan(plan, reports, content, labels, reuse),
    )


def _take_subsection(
    key: str, content: Content, plans: tuple[PlanView, ...], reuse: Reuse | None
) -> SubsectionView:
    """A subsection's view: the editors' pages and acts it lists, and the plans subsection its
    plans and reports too."""
    listed = (content.plans, content.reports, *plans) if key == "plans" else ()
    return take(
        reuse,
        ("subsection-view", key),
        (content.site, content.pages, content.acts, *listed),
        lambda: _view_subsection(key, content, plans),
    )


def _view_home(plans: tuple[PlanView, ...], language: str, updated: dt.date | None) -> HomeView:
    current = plans[0] if plans else None
    return HomeView(
        title=SECTION_TITLE[language],
        subsections=tuple(
            (subsection_title(key, language), subsection_address(key)) for key in SUBSECTIONS
        ),
        current=current,
        latest=current.latest_report if current else None,
        updated=updated,
        in_force=current is None or monitoring.plan_in_force(current.entry, updated),
    )


def _view_subsection(key: str, content: Content, plans: tuple[PlanView, ...]) -> SubsectionView:
    pages = sorted(
        (p for p in content.pages if p.meta.subsection == key),
        key=lambda p: (p.meta.order if p.meta.order is not None else 1_000_000, p.name),
    )
    dates: list[dt.date | None] = [p.meta.updated for p in pages if p.meta.updated]
    levels: tuple[tuple[Level, tuple[Act, ...]], ...] = ()
    if key == "acts":
        levels = tuple(
            (level, tuple(a for a in content.acts if a.level is level)) for level in Level
        )
        dates.append(content.site.updated)
    if key == "plans":
        dates += [_plan_updated(p) for p in content.plans]
        dates += [known(r.report.date) for r in content.reports]
    if key in ("income", "feedback"):
        dates.append(content.site.updated)
    found = [d for d in dates if d is not None]
    return SubsectionView(
        key=key,
        title=subsection_title(key, content.site.language.value),
        url=subsection_address(key),
        pages=tuple(pages),
        updated=max(found) if found else content.site.updated,
        levels=levels,
        plans=plans if key == "plans" else (),
    )


@dataclass(frozen=True)
class _PlanParts:
    """What a plan's page and its reports' pages share, made from the plan and the labels."""

    skeleton: tuple[Row, ...]
    tops: dict[str, str]
    has_expected: bool
    measures: dict[str, MeasureView]


def _plan_parts(plan: PlanEntry, labels: Mapping[str, str]) -> _PlanParts:
    tops = _top_sections(plan)
    measures = {
        key: MeasureView(
            entry,
            anchor(key),
            measure_number(entry),
            tops[entry.section],
            tuple(
                sorted({labels[executor_key(e)] for e in entry.measure.executors if tidy_name(e)})
            ),
        )
        for key, entry in plan.measures.items()
    }
    has_expected = any(m.measure.expected_result for m in plan.measures.values())
    return _PlanParts(_rows(plan), tops, has_expected, measures)


def _view_plan(
    plan: PlanEntry,
    reports: list[ReportEntry],
    content: Content,
    labels: Mapping[str, str],
    reuse: Reuse | None = None,
) -> PlanView:
    language = content.site.language.value
    url = plan_url(plan.stem)
    parts = take(
        reuse, ("plan-parts", plan.stem), (plan, labels), lambda: _plan_parts(plan, labels)
    )
    skeleton, has_expected = parts.skeleton, parts.has_expected
    views = tuple(_take_report(r, plan, parts, language, reuse) for r in reports)
    latest: dict[str, tuple[Status, str]] = {}
    for view in views:  # oldest first: later reports overwrite
        for entry in view.entry.results:
            result = entry.result
            if result.measure is None or result.status is None:
                continue  # a section's result has no measure row on the plan
            latest[result.key] = (result.status, f"{relative(url, view.url)}#{anchor(result.key)}")
    rows = tuple(
        replace(row, status=latest[row.key][0], status_href=latest[row.key][1])
        if row.kind is RowKind.MEASURE and row.key in latest
        else row
        for row in skeleton
    )
    rows = _with_history(rows, url, plan, views)
    newest = views[-1].summary.late if views else ()
    return PlanView(
        entry=plan,
        url=url,
        title=plan.plan.title,
        rows=rows,
        has_expected=has_expected,
        reports=views,
        updated=_latest_of(_plan_updated(plan), *(v.updated for v in views))
        or content.site.updated,
        years=tuple(plan_years(plan.plan.years)),
        short_title=plan_short_title(plan, language),
        measures=parts.measures,
        top_sections=parts.tops,
        progress=tuple(
            ProgressView(
                str(v.entry.report.period), monitoring.tally(plan, v.entry), relative(url, v.url)
            )
            for v in views
        ),
        late=newest,
    )


def _with_history(
    rows: tuple[Row, ...], url: str, plan: PlanEntry, views: tuple[ReportView, ...]
) -> tuple[Row, ...]:
    """The plan's rows with each measure's status in every report and whether it is overdue
    by the latest report (the plan page's «Просрочено»)."""
    entries = [v.entry for v in views]
    histories = monitoring.histories(plan, entries)
    by_stem = {v.stem: v for v in views}
    late = {item.key: item for item in views[-1].summary.late} if views else {}

    def steps(key: str) -> tuple[StepView, ...]:
        return tuple(
            StepView(
                str(step.report.report.period),
                step.status,
                step.overdue,
                step.text,
                f"{relative(url, by_stem[step.report.stem].url)}#{anchor(key)}",
            )
            for step in histories.get(key, ())
        )

    return tuple(
        replace(row, history=steps(row.key), late=late.get(row.key))
        if row.kind is RowKind.MEASURE
        else row
        for row in rows
    )


def _take_report(
    report: ReportEntry, plan: PlanEntry, parts: _PlanParts, language: str, reuse: Reuse | None
) -> ReportView:
    """A report's view, made from the report and its plan's parts; not from the plan's other
    reports, so editing one leaves its siblings' pages as they were."""
    return take(
        reuse,
        ("report-view", report.stem),
        (report, parts, language),
        lambda: _view_report(
            report, plan, parts.measures, parts.skeleton, parts.has_expected, language
        ),
    )


def _view_report(
    report: ReportEntry,
    plan: PlanEntry,
    measures: Mapping[str, MeasureView],
    skeleton: tuple[Row, ...],
    has_expected: bool,
    language: str,
) -> ReportView:
    results = monitoring.measure_results(report)
    by_section = {e.result.key: e.result for e in report.results if e.result.section}
    late = monitoring.overdue(plan, report)
    rows = []
    for row in skeleton:
        if row.kind is RowKind.MEASURE and row.key in results:
            result = results[row.key]
            row = replace(row, status=result.status, result=result, late=late.get(row.key))
        elif row.kind is RowKind.SECTION and row.key in by_section:
            result = by_section[row.key]
            row = replace(row, status=result.status, result=result)
        rows.append(row)
    return ReportView(
        entry=report,
        url=report_url(report.stem),
        title=report.report.title,
        plan=plan,
        plan_url=plan_url(plan.stem),
        rows=tuple(rows),
        results=results,
        has_expected=has_expected,
        summary=_summarize(report, plan, measures, results, language, late),
        updated=known(report.report.date),
        date_text=format_date(report.report.date, language),
        years=tuple(period_years(report.report.period)),
        short_title=report_short_title(report, language),
        executors=tuple(monitoring.by_executor(plan, report)),
    )


def _summarize(
    report: ReportEntry,
    plan: PlanEntry,
    measures: Mapping[str, MeasureView],
    results: Mapping[str, Result],
    language: str,
    late: Mapping[str, Late],
) -> Summary:
    """The report's totals, counted once for the report page and the section home."""
    answered = [e.result.key for e in report.results if e.result.section is not None]
    whole = monitoring.tally(plan, report)
    tallies = [(plan.sections[key], tally) for key, tally in monitoring.by_section(plan, report)]
    missing = tuple(
        measures[k] for k in plan.measures if k not in results and not plan.in_sections(k, answered)
    )
    return Summary(
        overall=whole.counts,
        total=whole.total,
        sections=tuple((section, tally.counts, tally.total) for section, tally in tallies),
        missing=missing,
        statuses=tuple(s for s in Status if whole.counts[s]),
        done=whole.done,
        counted=whole.counted,
        share=whole.share,
        not_counted=", ".join(f"«{status_label(s, language)}»" for s in NOT_COUNTED),
        late=tuple(late.values()),
        section_overdue=tuple(tally.overdue for _, tally in tallies),
        section_share=tuple(tally.share for _, tally in tallies),
        reference=monitoring.reference_date(report),
    )


def _rows(plan: PlanEntry) -> tuple[Row, ...]:
    """The plan as table rows: section headings and measures in document order."""
    rows: list[Row] = []
    by_section: dict[str, list[MeasureEntry]] = {}
    for entry in plan.measures.values():
        by_section.setdefault(entry.section, []).append(entry)
    children: dict[str | None, list[SectionEntry]] = {}
    for section in plan.sections.values():
        children.setdefault(section.parent, []).append(section)

    def visit(section: SectionEntry) -> None:
        rows.append(
            Row(
                RowKind.SECTION,
                section.key,
                section.section.number,
                section.depth,
                section_anchor(section.key),
                title=section.section.title,
            )
        )
        items: list[MeasureEntry | SectionEntry] = [
            *by_section.get(section.key, []),
            *children.get(section.key, []),
        ]
        for item in _in_number_order(items):
            if isinstance(item, SectionEntry):
                visit(item)
            else:
                rows.append(
                    Row(
                        RowKind.MEASURE,
                        item.key,
                        item.measure.number,
                        section.depth + 1,
                        anchor(item.key),
                        entry=item,
                    )
                )

    for top in children.get(None, []):
        visit(top)
    return tuple(rows)


def _top_sections(plan: PlanEntry) -> dict[str, str]:
    """For every section, the title of the top-level section it lies in (the search's
    «section» filter)."""
    tops = {}
    for key in plan.sections:
        top = key
        while (parent := plan.sections[top].parent) is not None:
            top = parent
        tops[key] = one_line(plan.sections[top].section.title)
    return tops


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "І": 1}


def _order_number(key: str) -> int | None:
    """The last component of a key as a number, Roman numerals included."""
    last = key.rsplit(".", 1)[-1].strip()
    if last.isdigit():
        return int(last)
    if last and all(c in _ROMAN for c in last.upper()):
        values = [_ROMAN[c] for c in last.upper()]
        return sum(
            -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
        )
    return None


def _in_number_order(
    items: list[MeasureEntry | SectionEntry],
) -> Iterator[MeasureEntry | SectionEntry]:
    """Measures and subsections of one section in the order of their numbers, when every
    number can be read; otherwise measures first, then subsections, as written."""
    numbers = [_order_number(item.key) for item in items]
    if all(n is not None for n in numbers):
        order = sorted(range(len(items)), key=lambda i: (numbers[i], i))
        yield from (items[i] for i in order)
    else:
        yield from items


def _latest_of(*dates: dt.date | None) -> dt.date | None:
    found = [d for d in dates if d is not None]
    return max(found) if found else None


def _plan_updated(plan: PlanEntry) -> dt.date | None:
    dates = [plan.plan.approved.date, *(a.date for a in plan.plan.amendments)]
    found = [d for d in dates if isinstance(d, dt.date)]
    return max(found) if found else None


def _latest_date(content: Content) -> dt.date | None:
    dates = [content.site.updated]
    dates += [_plan_updated(p) for p in content.plans]
    dates += [known(r.report.date) for r in content.reports]
    dates += [p.meta.updated for p in content.pages]
    found = [d for d in dates if d is not None]
    return max(found) if found else None


# --- search filters ---------------------------------------------------------------------------


def _filter_values(
    plans: Sequence[PlanView], acts: Sequence[ActView], language: str
) -> dict[str, list[str]]:
    """Every value the search's filters can take: those of the records the index holds (one per
    measure row, report result and act) and the kind «Страница» of the published pages."""
    ui = UI[language]
    values: dict[str, set[str]] = {key: set() for key in FILTERS}
    values["kind"].add(ui["search.kind.page"])
    for plan in plans:
        for measure in plan.measures.values():
            values["kind"].add(ui["search.kind.plan"])
            values["year"].update(plan.years)
            values["section"].add(measure.section)
            values["executor"].update(measure.executors)
        for report in plan.reports:
            for entry in report.entry.results:
                result = entry.result
                values["kind"].add(ui["search.kind.report"])
                values["year"].update(report.years)
                if result.section is not None:
                    values["section"].add(plan.top_sections[result.key])
                else:
                    measure = plan.measures[result.key]
                    values["section"].add(measure.section)
                    values["executor"].update(measure.executors)
                if result.status:
                    values["status"].add(status_label(result.status, language))
            if report.summary.late:
                values["status"].add(UI[language]["overdue"])
    for act in acts:
        values["kind"].add(ui["search.kind.act"])
        if act.year is not None:
            values["year"].add(act.year)
    return order_filter_values(values)


def order_filter_values(values: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Filter values in the order the search page lists them: years from the latest, the rest
    alphabetically (ё as е, case aside)."""
    ordered = {key: sorted(set(found), key=_collation) for key, found in values.items()}
    ordered["year"] = sorted(set(values["year"]), reverse=True)
    return ordered


def _collation(text: str) -> tuple[str, str]:
    return text.casefold().replace("ё", "е"), text
