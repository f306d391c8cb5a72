"""The data files of a build: where each lies under the section root, and its bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Final

from generator.content import Content, PlanEntry, ReportEntry
from generator.opendata import columns as c
from generator.opendata.ical import SECTION_FILE, calendar_bytes, calendar_file_name, plan_events
from generator.opendata.passport import FOLDER, Dataset, datasets, registry, structure
from generator.opendata.rows import (
    Row,
    acts_document,
    plan_document,
    report_document,
    tables,
)
from generator.opendata.schema import ACTS_SCHEMA, PLAN_SCHEMA, REPORT_SCHEMA
from generator.opendata.writers import (
    BOM,
    csv_bytes,
    csv_joined,
    csv_lines,
    json_bytes,
    xlsx_bytes,
)
from generator.reuse import Reuse, take
from generator.site.i18n import REPORTS_ADDRESS, subsection_address

FORMATS: Final = ("csv", "xlsx", "json")
SCHEMAS: Final = {
    "plan.schema.json": PLAN_SCHEMA,
    "report.schema.json": REPORT_SCHEMA,
    "acts.schema.json": ACTS_SCHEMA,
}
ACTS_FILE: Final = "acts"


@dataclass(frozen=True)
class DataFile:
    path: str  # under the section root
    data: bytes


def plan_file_names(stem: str) -> dict[str, str]:
    """The names of a plan's data files, in its page's folder: by format."""
    return {fmt: f"plan-{stem}.{fmt}" for fmt in FORMATS}


def report_file_names(stem: str) -> dict[str, str]:
    return {fmt: f"report-{stem}.{fmt}" for fmt in FORMATS}


def data_files(
    content: Content, *, section_url: str | None = None, reuse: Reuse | None = None
) -> Iterator[DataFile]:
    """Every data file of the section, in a fixed order, one at a time: the caller writes each
    before the next is made, since together they outweigh the content (four times over on a
    site of 50 plans and 200 reports). ``section_url``, the published address of the section
    if the settings give it, makes the calendars' links absolute.

    The rows are made once and each plan's calendar events once: a plan's or a report's own
    files and the data sets hold the same rows, a plan's calendar and the section's the same
    events. With ``reuse`` (a preview), the rows and events of a plan, a report or the acts
    whose files did not change are those of the previous build, and so are the files made
    from them."""
    rows = tables(content, reuse)
    plans = sorted(content.plans, key=lambda p: p.stem)
    events = [
        take(
            reuse,
            ("events", plan.stem),
            (plan, content.site, section_url),
            partial(plan_events, content, plan, section_url=section_url),
        )
        for plan in plans
    ]
    for plan, own in zip(plans, events, strict=True):
        found = rows.plans[plan.stem]
        yield from _each(
            reuse, ("data-plan", plan.stem), (plan, found), partial(_plan_files, plan, found)
        )
        yield from _each(
            reuse, ("data-calendar", plan.stem), (plan, own), partial(_plan_calendar, plan, own)
        )
    for report in sorted(content.reports, key=lambda r: r.stem):
        found = rows.reports[report.stem]
        yield from _each(
            reuse,
            ("data-report", report.stem),
            (report, found),
            partial(_report_files, report, found),
        )
    yield from _each(
        reuse,
        ("data-acts",),
        (content.site, content.acts, rows.acts),
        partial(_acts_files, content, rows.acts),
    )
    yield from _each(
        reuse,
        ("data-calendar",),
        (content.site, *events),
        partial(_section_calendar, content, events),
    )
    for name, schema in SCHEMAS.items():
        yield DataFile(FOLDER + name, json_bytes(schema))
    sets = datasets(content, rows, reuse=reuse)
    yield from _each(
        reuse,
        ("data-passports",),
        (sets, section_url),
        partial(passport_files, sets, section_url=section_url, reuse=reuse),
    )


def _each(
    reuse: Reuse | None,
    name: Hashable,
    inputs: tuple[object, ...],
    make: Callable[[], Iterator[DataFile]],
) -> Iterator[DataFile]:
    """The files ``make`` makes, one at a time; in a preview, those the previous build made
    under ``name`` from the same ``inputs`` (a preview keeps them all between its builds)."""
    if reuse is None:
        return make()
    return iter(reuse.take(name, inputs, lambda: list(make())))


def _plan_calendar(plan: PlanEntry, events: bytes) -> Iterator[DataFile]:
    yield DataFile(
        f"{subsection_address('plans')}{plan.stem}/{calendar_file_name(plan.stem)}",
        calendar_bytes(plan.plan.title, [events]),
    )


def _section_calendar(content: Content, events: Sequence[bytes]) -> Iterator[DataFile]:
    title = f"{content.site.organization.name}: сроки планов противодействия коррупции"
    yield DataFile(FOLDER + SECTION_FILE, calendar_bytes(title, events))


def _plan_stamp(plan: PlanEntry) -> dt.date | None:
    dates = [a.date for a in (plan.plan.approved, *plan.plan.amendments)]
    known = [d for d in dates if isinstance(d, dt.date)]
    return max(known) if known else None


def _plan_files(plan: PlanEntry, rows: list[Row]) -> Iterator[DataFile]:
    folder = f"{subsection_address('plans')}{plan.stem}/"
    names = plan_file_names(plan.stem)
    yield DataFile(folder + names["csv"], csv_bytes(c.PLAN_COLUMNS, rows))
    yield DataFile(
        folder + names["xlsx"],
        xlsx_bytes(c.PLAN_COLUMNS, rows, sheet="План", stamp=_plan_stamp(plan)),
    )
    yield DataFile(folder + names["json"], json_bytes(plan_document(plan)))


def _report_files(report: ReportEntry, rows: list[Row]) -> Iterator[DataFile]:
    folder = f"{REPORTS_ADDRESS}{report.stem}/"
    names = report_file_names(report.stem)
    date = report.report.date
    stamp = date if isinstance(date, dt.date) else report.report.period.end
    yield DataFile(folder + names["csv"], csv_bytes(c.REPORT_COLUMNS, rows))
    yield DataFile(
        folder + names["xlsx"], xlsx_bytes(c.REPORT_COLUMNS, rows, sheet="Отчет", stamp=stamp)
    )
    yield DataFile(folder + names["json"], json_bytes(report_document(report)))


def _acts_files(content: Content, rows: list[Row]) -> Iterator[DataFile]:
    if not content.acts:
        return
    base = FOLDER + ACTS_FILE
    yield DataFile(base + ".csv", csv_bytes(c.ACT_COLUMNS, rows))
    yield DataFile(
        base + ".xlsx", xlsx_bytes(c.ACT_COLUMNS, rows, sheet="Акты", stamp=content.site.updated)
    )
    yield DataFile(base + ".json", json_bytes(acts_document(content)))


def passport_files(
    sets: Sequence[Dataset], *, section_url: str | None = None, reuse: Reuse | None = None
) -> Iterator[DataFile]:
    """Each data set's passport, structure and data, and the registry of them all; their
    addresses are full when the section's published address is known, relative otherwise.
    With ``reuse``, the lines of a plan's or a report's rows in the data file are those of the
    previous build while its rows are."""
    if not sets:
        return
    root = section_url.rstrip("/") + "/" if section_url else ""
    yield DataFile(FOLDER + "list.csv", _table(registry(sets, root + FOLDER if root else "")))
    for dataset in sets:
        base = root + dataset.folder if root else ""
        yield DataFile(
            dataset.folder + "meta.csv",
            _table([["property", "value"], *map(list, dataset.passport(base))]),
        )
        yield DataFile(
            f"{dataset.folder}{dataset.structure_name}.csv", _table(structure(dataset.columns))
        )
        yield DataFile(
            f"{dataset.folder}{dataset.data_name}.csv",
            csv_joined(dataset.columns, _lines(dataset, reuse), titles=False),
        )


def _lines(dataset: Dataset, reuse: Reuse | None) -> Iterator[str]:
    """The lines of the data set's rows, part by part: made as the file is written (a build
    holds one part's text at a time), or taken from the previous build while the part is."""
    for i, part in enumerate(dataset.parts):
        yield take(
            reuse,
            ("passport-lines", dataset.code, i),
            (part,),
            partial(csv_lines, dataset.columns, part),
        )


def _table(rows: Sequence[Sequence[str]]) -> bytes:
    """A small CSV of the passport kind: UTF-8 with a byte order mark, RFC 4180."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")
