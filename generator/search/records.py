"""What the search index holds, and with which filters. Pure: content in, records out.

Pagefind gives one result, with one set of filters, per indexed HTML document. A plan page is
one document, but a citizen looks for one measure and wants to narrow by its executor or its
status, so every measure row of a plan, every result row of a report and every act becomes a
record of its own: a small HTML document whose metadata ``url`` is the address of the row's
anchor on the published page. The published plan and report pages are indexed too, for their titles and
requisites, with their tables left out so that a row is found once, as a row.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.content import Content, MeasureEntry, PlanEntry, ReportEntry
from generator.contract import PageKind
from generator.executors import executor_key, executor_labels
from generator.executors import tidy as _tidy
from generator.markup import render_markdown
from generator.models import STATUS_LABELS, Act, Period, Result, Unknown, YearRange
from generator.site.i18n import UI, subsection_address, subsection_title
from generator.site.pages import (
    Page,
    act_anchors,
    anchor,
    plan_url,
    report_url,
    section_anchor,
)

FILTERS = ("kind", "year", "section", "executor", "status")
"""Filter keys, in the order the search page shows them."""

EXCLUDED = (
    ".ak-plan",
    ".ak-summary",
    ".ak-missing",
    ".ak-acts",
    ".ak-plan-card",
    ".ak-updated",
    ".ak-copy",
)
"""Parts of published pages that are indexed as records instead, or are not worth finding."""

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Record:
    """One search result: where it leads, what it is called, its text and its filters."""

    url: str  # under the section root, with the row's anchor: "plany-i-otchety/2024/#m-1-1"
    title: str
    body: str  # HTML: our own sanitised Markdown output and escaped text
    filters: Pairs
    meta: Pairs


@dataclass(frozen=True)
class PageIndex:
    """How a published page is indexed: its filters and metadata (its text is the page)."""

    filters: Pairs
    meta: Pairs


# --- years and names of documents -------------------------------------------------------------


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
    """«План на 2018–2020 годы»: how a result names the plan its row belongs to."""
    return _with_years(UI[language]["search.plan_short"], str(plan.plan.years), language, True)


def report_short_title(report: ReportEntry, language: str) -> str:
    """«Отчет за 2024 год», or «Отчет за 01.01.2024–30.06.2024» for a period within a year."""
    period = report.report.period
    whole = (period.start.month, period.start.day, period.end.month, period.end.day) == (
        1,
        1,
        12,
        31,
    )
    return _with_years(UI[language]["search.report_short"], str(period), language, whole)


def measure_number(entry: MeasureEntry) -> str:
    """The number a citizen recognises: as printed when it is absolute ("2.1.3"), the key
    when the printed number only makes sense inside its section ("1)" → "І.1.1")."""
    core = entry.measure.number.strip().rstrip(".)").strip()
    return core if "." in core or entry.measure.id else entry.key


def top_section(plan: PlanEntry, entry: MeasureEntry) -> str:
    """The title of the top-level section a measure belongs to (the «section» filter)."""
    key = entry.section
    while (parent := plan.sections[key].parent) is not None:
        key = parent
    return re.sub(r"\s+", " ", plan.sections[key].section.title).strip()


# --- records ------------------------------------------------------------------------------------


def build_records(content: Content) -> list[Record]:
    """Every measure row, report result and act, in the order of the published pages."""
    language = content.site.language.value
    ui = UI[language]
    labels = executor_labels(
        name
        for plan in content.plans
        for m in plan.measures.values()
        for name in m.measure.executors
    )
    records: list[Record] = []
    measures: dict[tuple[str, str], _Measure] = {}  # shared by a plan and its reports
    for plan in sorted(content.plans, key=lambda p: p.stem):
        short = plan_short_title(plan, language)
        years = plan_years(plan.plan.years)
        for entry in plan.measures.values():
            measure = measures[plan.stem, entry.key] = _prepare(plan, entry, labels)
            records.append(
                _row(measure, "", short, plan_url(plan.stem), ui["search.kind.plan"], years)
            )
    for report in sorted(content.reports, key=lambda r: r.stem):
        of_plan = content.plan(report.report.plan)
        assert of_plan is not None
        short = report_short_title(report, language)
        years = period_years(report.report.period)
        for result_entry in report.results:
            result = result_entry.result
            status = (
                (result.status.value, STATUS_LABELS[result.status][language])
                if result.status
                else None
            )
            if result.section is not None:
                section = _section(of_plan, result.key)
            else:
                section = measures[of_plan.stem, of_plan.measures[result.key].key]
            records.append(
                _row(
                    section,
                    _result_body(result),
                    short,
                    report_url(report.stem),
                    ui["search.kind.report"],
                    years,
                    status=status,
                )
            )
    records += _acts(content.acts, language)
    return records


@dataclass(frozen=True)
class _Measure:
    """What every row of one measure shares, worked out once for the plan and its reports."""

    anchor: str
    number: str
    body: str
    section: str
    executors: tuple[str, ...]


def _result_body(result: Result) -> str:
    body = render_markdown(result.text or "")
    if result.deadline:
        body += f"<p>{html.escape(result.deadline)}</p>"
    if result.completed:
        body += f"<p>{result.completed:%d.%m.%Y}</p>"
    return body + "".join(f"<p>{html.escape(link.title)}</p>" for link in result.links)


def _section(plan: PlanEntry, key: str) -> _Measure:
    """A section's row as a search result leads to: its heading, with the section anchor."""
    entry = plan.sections[key]
    top = key
    while (parent := plan.sections[top].parent) is not None:
        top = parent
    title = re.sub(r"\s+", " ", entry.section.title).strip()
    return _Measure(
        section_anchor(key),
        key,
        f"<p>{html.escape(title)}</p>",
        re.sub(r"\s+", " ", plan.sections[top].section.title).strip(),
        (),
    )


def _prepare(plan: PlanEntry, entry: MeasureEntry, labels: dict[str, str]) -> _Measure:
    measure = entry.measure
    body = render_markdown(measure.text)
    body += "".join(f"<p>{html.escape(e)}</p>" for e in measure.executors)
    body += f"<p>{html.escape(measure.deadline)}</p>"
    body += render_markdown(measure.expected_result or "")
    executors = sorted({labels[executor_key(e)] for e in measure.executors if _tidy(e)})
    return _Measure(
        anchor(entry.key), measure_number(entry), body, top_section(plan, entry), tuple(executors)
    )


def _row(
    measure: _Measure,
    extra: str,
    document: str,
    page_url: str,
    kind: str,
    years: Sequence[str],
    *,
    status: tuple[str, str] | None = None,
) -> Record:
    filters: list[tuple[str, str]] = [("kind", kind)]
    filters += [("year", year) for year in years]
    filters.append(("section", measure.section))
    filters += [("executor", name) for name in measure.executors]
    meta: list[tuple[str, str]] = [("kind", kind), ("document", document)]
    if status:
        filters.append(("status", status[1]))
        meta += [("status", status[1]), ("status_key", status[0])]
    return Record(
        url=f"{page_url}#{measure.anchor}",
        title=f"{measure.number} · {document}",
        body=measure.body + extra,
        filters=tuple(filters),
        meta=tuple(meta),
    )


def _fmt_date(value: dt.date | Unknown, language: str) -> str:
    return UI[language][value.kind] if isinstance(value, Unknown) else f"{value:%d.%m.%Y}"


def _acts(acts: Sequence[Act], language: str) -> list[Record]:
    ui = UI[language]
    address = subsection_address("acts")
    records = []
    for act, act_id in zip(acts, act_anchors(acts), strict=True):
        number = ui[act.number.kind] if isinstance(act.number, Unknown) else act.number
        requisites = f"{act.act} {ui['from']} {_fmt_date(act.date, language)} № {number}"
        body = f"<p>{html.escape(requisites)}</p><p>{html.escape(act.title)}</p>"
        if act.note:
            body += f"<p>{html.escape(act.note)}</p>"
        filters: list[tuple[str, str]] = [("kind", ui["search.kind.act"])]
        if isinstance(act.date, dt.date):
            filters.append(("year", str(act.date.year)))
        records.append(
            Record(
                url=f"{address}#{act_id}",
                title=f"{requisites} «{act.title}»",
                body=body,
                filters=tuple(filters),
                meta=(
                    ("kind", ui["search.kind.act"]),
                    ("document", subsection_title("acts", language)),
                ),
            )
        )
    return records


def index_pages(content: Content, pages: Sequence[Page]) -> dict[str, PageIndex]:
    """The published pages that are indexed, by address, with their filters.

    The section home and the search page only lead elsewhere and are left out."""
    language = content.site.language.value
    ui = UI[language]
    plans = {plan_url(p.stem): p for p in content.plans}
    reports = {report_url(r.stem): r for r in content.reports}
    indexed: dict[str, PageIndex] = {}
    for page in pages:
        if page.kind == PageKind.PLAN:
            kind = ui["search.kind.plan"]
            years = plan_years(plans[page.url].plan.years)
        elif page.kind == PageKind.REPORT:
            kind = ui["search.kind.report"]
            years = period_years(reports[page.url].report.period)
        elif page.kind == PageKind.SUBSECTION:
            kind, years = ui["search.kind.page"], []
        else:
            continue
        filters = (("kind", kind), *(("year", y) for y in years))
        indexed[page.url] = PageIndex(filters=filters, meta=(("kind", kind),))
    return indexed


def filter_values(records: Sequence[Record], language: str) -> dict[str, list[str]]:
    """Every value of every filter, in the order the search page lists them: years from the
    latest, the rest alphabetically. The published pages add the kind «Страница»."""
    values: dict[str, set[str]] = {key: set() for key in FILTERS}
    values["kind"].add(UI[language]["search.kind.page"])
    for record in records:
        for key, value in record.filters:
            values[key].add(value)
    ordered = {key: sorted(found, key=_collation) for key, found in values.items()}
    ordered["year"] = sorted(values["year"], reverse=True)
    return ordered


def _collation(text: str) -> tuple[str, str]:
    return text.casefold().replace("ё", "е"), text


# --- HTML for Pagefind --------------------------------------------------------------------------


def _markers(filters: Pairs, meta: Pairs) -> str:
    """Empty elements that carry filters and metadata (the value is read from an attribute,
    so commas and colons in names need no escaping)."""
    parts = [
        f'<span data-pagefind-filter="{key}[data-value]" data-value="{html.escape(value)}"></span>'
        for key, value in filters
    ]
    parts += [
        f'<span data-pagefind-meta="{key}[data-value]" data-value="{html.escape(value)}"></span>'
        for key, value in meta
    ]
    return "".join(parts)


def wrap_page(page_html: str, index: PageIndex) -> str:
    """A published page's content marked as the part Pagefind reads (header, navigation and
    footer stay outside it), with its filters."""
    return (
        f'<div class="ak-indexed" data-pagefind-body>{_markers(index.filters, index.meta)}'
        f"{page_html}</div>"
    )


def render_record(record: Record, language: str) -> str:
    """A record as the HTML document Pagefind indexes. It is never published: its metadata
    ``url`` (which Pagefind returns with each result) leads to the row of the published page."""
    meta = (("title", record.title), ("url", record.url), *record.meta)
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(record.title)}</title></head><body><main data-pagefind-body>"
        f"{_markers(record.filters, meta)}{record.body}</main></body></html>\n"
    )
