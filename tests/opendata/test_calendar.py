"""The calendars of deadlines, read back with the icalendar library."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from icalendar import Calendar

from generator.content import Content
from generator.deadlines import DeadlineKind, parse_deadline
from generator.opendata.files import data_files
from generator.pipeline import load_content
from tests.conftest import CONTENT_DIRS

ROOT = Path(__file__).resolve().parents[2]

PLAN = """\
title: План на 2024 год
years: 2024
approved: {act: распоряжение, date: 2024-01-10, number: "1-р"}
sections:
  - number: "1."
    title: Организация
    measures:
      - number: "1.1"
        text: Утвердить порядок
        executors: [Отдел кадров, Юридический отдел]
        deadline: до 01.03.2024
      - number: "1.2"
        text: Проводить проверки
        executors: Отдел кадров
        deadline: Постоянно
      - number: "1.3"
        text: Отчитываться
        executors: Отдел кадров
        deadline: Ежегодно до 20 декабря
"""


def _load(root: Path) -> Content:
    content, diagnostics = load_content(root)
    assert content is not None, diagnostics.report()
    return content


def _events(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def _content(tmp_path: Path, inn: str | None = None, plan: str = PLAN) -> Content:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", root)
    shutil.rmtree(root / "reports")
    (root / "plans" / "2021-2024.yaml").unlink()
    (root / "plans" / "2024.yaml").write_text(plan, encoding="utf-8")
    if inn:
        site = root / "site.yaml"
        text = site.read_text(encoding="utf-8")
        site.write_text(text.replace("  website:", f"  inn: '{inn}'\n  website:"), encoding="utf-8")
    return _load(root)


def test_one_all_day_event_per_definite_deadline(tmp_path: Path) -> None:
    content = _content(tmp_path)
    files = {f.path: f.data for f in data_files(content, section_url="https://example.ru/ak/")}
    events = _events(files["plany-i-otchety/2024/plan-2024.ics"])
    assert len(events) == 1  # «постоянно» and «ежегодно» name no one definite date
    event = events[0]
    assert event["DTSTART"].dt == dt.date(2024, 3, 1)  # type: ignore[index]
    assert event["DTEND"].dt == dt.date(2024, 3, 2)  # type: ignore[index]
    assert event["DTSTAMP"].dt == dt.datetime(2024, 1, 10, tzinfo=dt.UTC)  # type: ignore[index]
    assert str(event["URL"]) == "https://example.ru/ak/plany-i-otchety/2024/#m-1-1"  # type: ignore[index]
    assert str(event["SUMMARY"]).startswith("1.1 Утвердить порядок")  # type: ignore[index]
    description = str(event["DESCRIPTION"])  # type: ignore[index]
    assert "Отдел кадров; Юридический отдел" in description
    assert "до 01.03.2024" in description


def test_uids_depend_on_body_plan_and_key_only(tmp_path: Path) -> None:
    first = _content(tmp_path / "a")
    again = _content(tmp_path / "b")
    other_body = _content(tmp_path / "c", inn="4205000009")

    def uid(content: Content) -> str:
        data = {f.path: f.data for f in data_files(content)}
        return str(_events(data["plany-i-otchety/2024/plan-2024.ics"])[0]["UID"])  # type: ignore[index]

    assert uid(first) == uid(again)
    assert uid(first) != uid(other_body)


def test_without_site_url_the_row_is_named_in_the_text(tmp_path: Path) -> None:
    content = _content(tmp_path)
    files = {f.path: f.data for f in data_files(content)}
    event = _events(files["plany-i-otchety/2024/plan-2024.ics"])[0]
    assert "URL" not in event  # type: ignore[operator]
    assert "plany-i-otchety/2024/#m-1-1" in str(event["DESCRIPTION"])  # type: ignore[index]


def test_examples_calendars_parse_and_hold_every_definite_date() -> None:
    for root in CONTENT_DIRS:
        content = _load(root)
        files = {f.path: f.data for f in data_files(content)}
        total = 0
        for plan in content.plans:
            definite = [
                m
                for m in plan.measures.values()
                if parse_deadline(m.measure.deadline, years=plan.plan.years).kind
                is DeadlineKind.DEFINITE
            ]
            events = _events(files[f"plany-i-otchety/{plan.stem}/plan-{plan.stem}.ics"])
            assert len(events) == len(definite), root
            assert len({str(e["UID"]) for e in events}) == len(events)  # type: ignore[index]
            total += len(events)
        assert len(_events(files["opendata/sroki.ics"])) == total


def test_data_files_give_the_due_dates(tmp_path: Path) -> None:
    import csv
    import io

    content = _content(tmp_path)
    files = {f.path: f.data for f in data_files(content)}
    text = files["plany-i-otchety/2024/plan-2024.csv"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["Дата срока"] for r in rows] == ["2024-03-01", "", "2024-12-20"]


def test_the_section_calendar_holds_each_plans_events_in_plan_order() -> None:
    for root in CONTENT_DIRS:
        content = _load(root)
        files = {f.path: f.data for f in data_files(content, section_url="https://example.ru/")}
        own = [
            event.to_ical()  # type: ignore[attr-defined]
            for plan in sorted(content.plans, key=lambda p: p.stem)
            for event in _events(files[f"plany-i-otchety/{plan.stem}/plan-{plan.stem}.ics"])
        ]
        section = Calendar.from_ical(files["opendata/sroki.ics"])
        assert [e.to_ical() for e in section.walk("VEVENT")] == own, root
        assert str(section["X-WR-CALNAME"]).startswith(content.site.organization.name)
        assert str(section["PRODID"]) == "-//antikor//Противодействие коррупции//RU"


def test_a_plan_without_a_definite_date_has_a_calendar_without_events(tmp_path: Path) -> None:
    content = _content(tmp_path, plan=PLAN.replace("до 01.03.2024", "Постоянно"))
    files = {f.path: f.data for f in data_files(content)}
    for path in ("plany-i-otchety/2024/plan-2024.ics", "opendata/sroki.ics"):
        calendar = Calendar.from_ical(files[path])
        assert _events(files[path]) == []
        assert str(calendar["VERSION"]) == "2.0"
        assert files[path].endswith(b"END:VCALENDAR\r\n")
