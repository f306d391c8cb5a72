"""Deadlines as iCalendar: an all-day event for each measure whose deadline is one definite
date, so that a journalist or a prosecutor's office can subscribe to a plan's terms.

Pure and deterministic: the events' UIDs come from the body, the plan and the measure key (a
re-import updates an event instead of adding a second), and their time stamp from the
content, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Final

from generator.content import Content, MeasureEntry, PlanEntry
from generator.deadlines import DeadlineKind, parse_deadline
from generator.opendata.columns import EXECUTOR_SEPARATOR
from generator.site.urls import anchor, plan_url

PRODID: Final = "-//antikor//Противодействие коррупции//RU"
SECTION_FILE: Final = "sroki.ics"
"""The calendar of every plan, in the open-data folder."""
EPOCH: Final = dt.date(1980, 1, 1)


def calendar_file_name(stem: str) -> str:
    """A plan's calendar, beside its page and its data files."""
    return f"plan-{stem}.ics"


def due_dates(plan: PlanEntry, entry: MeasureEntry) -> tuple[dt.date, ...]:
    """The due dates a deadline names, if the wording names dates (not «постоянно»)."""
    return parse_deadline(entry.measure.deadline, years=plan.plan.years).due


def definite_due(plan: PlanEntry, entry: MeasureEntry) -> dt.date | None:
    """The one due date of a definite deadline; none for periodic, indefinite or unread."""
    reading = parse_deadline(entry.measure.deadline, years=plan.plan.years)
    return reading.due[0] if reading.kind is DeadlineKind.DEFINITE else None


def uid(content: Content, plan: PlanEntry, key: str) -> str:
    """The same for the same body, plan and measure in every build and every re-import."""
    body = content.site.organization.inn or content.site.organization.name
    digest = hashlib.sha256(f"{body}\n{plan.stem}\n{key}".encode()).hexdigest()[:32]
    return f"{digest}@antikor"


def calendar_bytes(title: str, events: Sequence[bytes]) -> bytes:
    """An iCalendar file of ``events`` (those of :func:`plan_events`), in their order. A
    plan's events are written once, for its own calendar and the section's alike."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", title)
    empty = bytes(calendar.to_ical())
    end = b"END:VCALENDAR\r\n"
    assert empty.endswith(end)
    return empty.removesuffix(end) + b"".join(events) + end


def plan_events(content: Content, plan: PlanEntry, *, section_url: str | None) -> bytes:
    """The iCalendar events of a plan's definite deadlines, in plan order."""
    from icalendar import Event

    stamp = _stamp(plan, content)
    events = []
    for entry in plan.measures.values():
        due = definite_due(plan, entry)
        if due is None:
            continue
        measure = entry.measure
        row = f"{plan_url(plan.stem)}#{anchor(entry.key)}"
        event = Event()
        event.add("uid", uid(content, plan, entry.key))
        event.add("dtstamp", dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC))
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("summary", f"{measure.number} {_first_line(measure.text)}")
        lines = [
            measure.text,
            f"Исполнители: {EXECUTOR_SEPARATOR.join(measure.executors)}",
            f"Срок: {measure.deadline}",
            f"План: {plan.plan.title}",
        ]
        if section_url:
            event.add("url", section_url.rstrip("/") + "/" + row)
        else:
            lines.append(f"Строка плана на сайте: {row}")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        events.append(bytes(event.to_ical()))
    return b"".join(events)


def _stamp(plan: PlanEntry, content: Content) -> dt.date:
    """When the plan last changed, as far as the content says."""
    dates = [a.date for a in (plan.plan.approved, *plan.plan.amendments)]
    known = [d for d in dates if isinstance(d, dt.date)]
    return max(known) if known else content.site.updated or EPOCH


def _first_line(text: str, limit: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
