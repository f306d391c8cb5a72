"""What the search index holds, and with which filters. Pure: the site model in, records out.

Pagefind gives one result, with one set of filters, per indexed HTML document. A plan page is
one document, but a citizen looks for one measure and wants to narrow by its executor or its
status, so every measure row of a plan, every result row of a report and every act becomes a
record of its own: a small HTML document whose metadata ``url`` is the address of the row's
anchor on the published page. The published plan and report pages are indexed too, for their titles and
requisites, with their tables left out so that a row is found once, as a row.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from generator.executors import executor_key, executor_labels
from generator.markup import render_markdown
from generator.models import Result, Unknown
from generator.site.i18n import UI, subsection_address, subsection_title
from generator.site.model import (
    FILTERS,
    ActView,
    MeasureView,
    PlanView,
    ReportView,
    SiteModel,
    format_date,
    measure_number,
    one_line,
    order_filter_values,
    period_years,
    plan_short_title,
    plan_years,
    report_short_title,
    status_label,
)
from generator.site.urls import section_anchor

__all__ = [
    "EXCLUDED",
    "FILTERS",
    "PageIndex",
    "Record",
    "build_records",
    "executor_key",
    "executor_labels",
    "filter_values",
    "index_pages",
    "iter_records",
    "measure_number",
    "period_years",
    "plan_short_title",
    "plan_years",
    "render_record",
    "report_short_title",
    "wrap_page",
]

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


# --- records ------------------------------------------------------------------------------------


def build_records(model: SiteModel) -> list[Record]:
    """Every measure row, report result and act, in the order of the published pages."""
    return list(iter_records(model))


def iter_records(model: SiteModel) -> Iterator[Record]:
    """The records of :func:`build_records`, one at a time: the index takes each as the HTML
    Pagefind reads, and on a large site the records themselves would weigh as much again."""
    language = model.language
    ui = UI[language]
    plans = sorted(model.plans, key=lambda p: p.stem)
    rows: dict[tuple[str, str], _Row] = {}  # a measure's row, shared by a plan and its reports
    for plan in plans:
        for key, measure in plan.measures.items():
            row = rows[plan.stem, key] = _measure_row(measure)
            yield _row(row, "", plan.short_title, plan.url, ui["search.kind.plan"], plan.years)
    reports = sorted(((r, p) for p in plans for r in p.reports), key=lambda rp: rp[0].stem)
    for report, plan in reports:
        for result_entry in report.entry.results:
            result = result_entry.result
            status = (
                (result.status.value, status_label(result.status, language))
                if result.status
                else None
            )
            if result.section is not None:
                row = _section_row(plan, result.key)
            else:
                row = rows[plan.stem, result.key]
            record = _row(
                row,
                _result_body(result, language),
                report.short_title,
                report.url,
                ui["search.kind.report"],
                report.years,
                status=status,
            )
            yield _mark_overdue(record, report, result.key, ui["overdue"])
    yield from _acts(model.acts, language)


@dataclass(frozen=True)
class _Row:
    """What every record of one row shares: for a measure, its plan's and its reports'."""

    anchor: str
    number: str
    body: str
    section: str
    executors: tuple[str, ...]


def _result_body(result: Result, language: str) -> str:
    body = render_markdown(result.text or "")
    if result.deadline:
        body += f"<p>{html.escape(result.deadline)}</p>"
    if result.completed:
        body += f"<p>{format_date(result.completed, language)}</p>"
    return body + "".join(f"<p>{html.escape(link.title)}</p>" for link in result.links)


def _section_row(plan: PlanView, key: str) -> _Row:
    """A section's row as a search result leads to: its heading, with the section anchor."""
    title = one_line(plan.entry.sections[key].section.title)
    return _Row(
        section_anchor(key), key, f"<p>{html.escape(title)}</p>", plan.top_sections[key], ()
    )


def _measure_row(view: MeasureView) -> _Row:
    measure = view.entry.measure
    body = render_markdown(measure.text)
    body += "".join(f"<p>{html.escape(e)}</p>" for e in measure.executors)
    body += f"<p>{html.escape(measure.deadline)}</p>"
    body += render_markdown(measure.expected_result or "")
    return _Row(view.anchor, view.number, body, view.section, view.executors)


def _row(
    measure: _Row,
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


def _mark_overdue(record: Record, report: ReportView, key: str, label: str) -> Record:
    """A result overdue by the report's date is found under the status filter «Просрочено»
    too."""
    if not any(item.key == key for item in report.summary.late):
        return record
    return replace(record, filters=(*record.filters, ("status", label)))


def _acts(acts: Sequence[ActView], language: str) -> list[Record]:
    ui = UI[language]
    address = subsection_address("acts")
    records = []
    for view in acts:
        act = view.act
        number = (
            format_date(act.number, language) if isinstance(act.number, Unknown) else act.number
        )
        requisites = f"{act.act} {ui['from']} {format_date(act.date, language)} № {number}"
        body = f"<p>{html.escape(requisites)}</p><p>{html.escape(act.title)}</p>"
        if act.note:
            body += f"<p>{html.escape(act.note)}</p>"
        filters: list[tuple[str, str]] = [("kind", ui["search.kind.act"])]
        if view.year is not None:
            filters.append(("year", view.year))
        records.append(
            Record(
                url=f"{address}#{view.anchor}",
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


def index_pages(model: SiteModel) -> dict[str, PageIndex]:
    """The published pages that are indexed, by address, with their filters.

    The section home and the search page only lead elsewhere and are left out."""
    ui = UI[model.language]
    indexed: dict[str, PageIndex] = {}

    def add(url: str, kind: str, years: Sequence[str] = ()) -> None:
        filters = (("kind", kind), *(("year", y) for y in years))
        indexed[url] = PageIndex(filters=filters, meta=(("kind", kind),))

    for subsection in model.subsections:
        add(subsection.url, ui["search.kind.page"])
    for plan in model.plans:
        add(plan.url, ui["search.kind.plan"], plan.years)
    for report in model.reports:
        add(report.url, ui["search.kind.report"], report.years)
    return indexed


def filter_values(records: Iterable[Record], language: str) -> dict[str, list[str]]:
    """Every value of every filter the records carry, in the order the search page lists them.
    The published pages add the kind «Страница». (The search page itself takes them from the
    site model, which has them before any record is made.)"""
    values: dict[str, set[str]] = {key: set() for key in FILTERS}
    values["kind"].add(UI[language]["search.kind.page"])
    for record in records:
        for key, value in record.filters:
            values[key].add(value)
    return order_filter_values(values)


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


def render_page(page_html: str, index: PageIndex, language: str) -> str:
    """A published page as Pagefind reads it, before the site is written: only the part the
    page marks for indexing (:func:`wrap_page`) counts, so the rest of the page (header,
    navigation, footer) need not be there, and the index is the same as over the written page."""
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head><body>'
        f"{wrap_page(page_html, index)}</body></html>\n"
    )
