"""Validated content → the rows and documents of the data files. Pure: nothing here touches
the disk or knows a file format.

Every value stays as the content gives it: Markdown stays Markdown, a deadline stays as
printed, a requisite the source does not give stays «не указано». The rows carry enough to be
read back into the same content (:mod:`generator.importer.own`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from pydantic import BaseModel

from generator.content import Content, MeasureEntry, PlanEntry, ReportEntry, SectionEntry
from generator.models import STATUS_LABELS, Act, Result, Unknown, YearRange
from generator.opendata import columns as c
from generator.opendata.ical import due_dates
from generator.reuse import Reuse, take

Row = dict[str, str]


def years_text(years: YearRange) -> str:
    """Years as the loader reads them back: «2024» or «2021-2024»."""
    return str(years.start) if years.start == years.end else f"{years.start}-{years.end}"


def date_text(value: dt.date | Unknown | None) -> str:
    """ISO dates (what spreadsheets and scripts sort), the marker word for an unknown one."""
    if value is None:
        return ""
    return str(value) if isinstance(value, Unknown) else value.isoformat()


def section_path(plan: PlanEntry, key: str) -> list[SectionEntry]:
    """A section and its ancestors, outermost first."""
    path: list[SectionEntry] = []
    current: str | None = key
    while current is not None:
        entry = plan.sections[current]
        path.append(entry)
        current = entry.parent
    return path[::-1]


def _section_cells(plan: PlanEntry, key: str) -> Row:
    path = section_path(plan, key)
    return {
        c.SECTION_NUMBER.name: "\n".join(s.section.number for s in path),
        c.SECTION_KEY.name: "\n".join(s.key for s in path),
        c.SECTION_TITLE.name: "\n".join(s.section.title for s in path),
    }


def _measure_cells(plan: PlanEntry, entry: MeasureEntry) -> Row:
    measure = entry.measure
    return {
        **_section_cells(plan, entry.section),
        c.NUMBER.name: measure.number,
        c.KEY.name: entry.key,
        c.TEXT.name: measure.text,
        c.EXECUTORS.name: c.EXECUTOR_SEPARATOR.join(measure.executors),
        c.DEADLINE.name: measure.deadline,
        c.DUE_DATE.name: "\n".join(d.isoformat() for d in due_dates(plan, entry)),
        c.EXPECTED.name: measure.expected_result or "",
    }


def plan_rows(plan: PlanEntry) -> list[Row]:
    """One row per measure, in the order of the plan."""
    head = {
        c.PLAN.name: plan.stem,
        c.PLAN_TITLE.name: plan.plan.title,
        c.PLAN_YEARS.name: years_text(plan.plan.years),
    }
    return [
        _complete(c.PLAN_COLUMNS, {**head, **_measure_cells(plan, entry)})
        for entry in plan.measures.values()
    ]


def report_rows(report: ReportEntry, plan: PlanEntry, lang: str) -> list[Row]:
    """One row per result, in the order of the report: a measure's result with the measure as
    the plan has it, a whole section's result with the section alone."""
    model = report.report
    head = {
        c.REPORT.name: report.stem,
        c.REPORT_TITLE.name: model.title,
        c.PERIOD_FROM.name: model.period.start.isoformat(),
        c.PERIOD_TO.name: model.period.end.isoformat(),
        c.REPORT_DATE.name: date_text(model.date),
        c.PLAN.name: plan.stem,
    }
    rows = []
    for item in report.results:
        result = item.result
        if result.measure is not None:
            cells = _measure_cells(plan, plan.measures[result.key])
        else:
            cells = _section_cells(plan, result.key)
        rows.append(_complete(c.REPORT_COLUMNS, {**head, **cells, **_result_cells(result, lang)}))
    return rows


def _result_cells(result: Result, lang: str) -> Row:
    return {
        c.STATUS.name: result.status.value if result.status else "",
        c.STATUS_LABEL.name: STATUS_LABELS[result.status][lang] if result.status else "",
        c.RESULT_DEADLINE.name: result.deadline or "",
        c.RESULT_TEXT.name: result.text or "",
        c.COMPLETED.name: date_text(result.completed),
        c.LINKS.name: "\n".join(f"{link.title} <{link.url}>" for link in result.links),
    }


def act_rows(acts: Sequence[Act]) -> list[Row]:
    """One row per act of the registry, in the order of ``acts.yaml``."""
    rows = []
    for act in acts:
        values: dict[str, Any] = {
            "level": act.level.value,
            "act": act.act,
            "date": date_text(act.date),
            "number": str(act.number),
            "title": act.title,
            "url": act.url or "",
            "file": act.file or "",
            "status": act.status.value,
            "note": act.note or "",
        }
        rows.append(_complete(c.ACT_COLUMNS, values))
    return rows


def _complete(columns: Sequence[c.Column], values: dict[str, Any]) -> Row:
    """The row in the columns' order, every column present."""
    return {column.name: str(values.get(column.name, "")) for column in columns}


@dataclass(frozen=True)
class Tables:
    """The rows of every data file, made once: a plan's or a report's own files and the
    open-data sets of the passports hold the same rows."""

    plans: Mapping[str, list[Row]]  # by plan stem
    reports: Mapping[str, list[Row]]  # by report stem
    acts: list[Row]


def tables(content: Content, reuse: Reuse | None = None) -> Tables:
    """The rows of the content. With ``reuse`` (a preview), those of a plan, a report or the
    acts whose files did not change are the very lists of the previous build, so what is made
    from them (their data files, their lines in the data sets) can be taken again too."""
    lang = content.site.language.value
    reports = {}
    for report in content.reports:
        plan = content.plan(report.report.plan)
        assert plan is not None  # validation ties every report to a plan
        reports[report.stem] = take(
            reuse,
            ("rows-report", report.stem),
            (report, plan, lang),
            partial(report_rows, report, plan, lang),
        )
    return Tables(
        plans={
            plan.stem: take(reuse, ("rows-plan", plan.stem), (plan,), partial(plan_rows, plan))
            for plan in content.plans
        },
        reports=reports,
        acts=take(reuse, ("rows-acts",), (content.acts,), partial(act_rows, content.acts)),
    )


# --- JSON documents -------------------------------------------------------------------------


def plain(value: object) -> Any:
    """A model as JSON values, fields in the model's order (stable across builds), empty
    optional fields left out, dates in ISO form, unknown requisites as their marker word."""
    if isinstance(value, BaseModel):
        out: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            field = getattr(value, name)
            if field is None or field == []:
                continue
            out[info.alias or name] = plain(field)
        return out
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, YearRange):
        return years_text(value)
    if isinstance(value, Unknown):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def plan_document(plan: PlanEntry) -> dict[str, Any]:
    """The plan as validated, each section and measure with the key reports use."""
    document: dict[str, Any] = {"plan": plan.stem, **plain(plan.plan)}
    document["sections"] = [_keyed_section(plan, s) for s in plan.sections.values() if s.depth == 0]
    return document


def _keyed_section(plan: PlanEntry, entry: SectionEntry) -> dict[str, Any]:
    section = {"key": entry.key, **plain(entry.section)}
    section.pop("measures", None)
    section.pop("sections", None)
    measures = [m for m in plan.measures.values() if m.section == entry.key]
    children = [s for s in plan.sections.values() if s.parent == entry.key]
    if measures:
        section["measures"] = [{"key": m.key, **plain(m.measure)} for m in measures]
    if children:
        section["sections"] = [_keyed_section(plan, s) for s in children]
    return section


def report_document(report: ReportEntry) -> dict[str, Any]:
    return {"report": report.stem, **plain(report.report)}


def acts_document(content: Content) -> dict[str, Any]:
    return {"acts": [plain(act) for act in content.acts]}
