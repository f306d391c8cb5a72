"""antikor's own CSV and XLSX (the data files beside every plan and report page) read back
into the content they came from.

These files need no guessing: their header row names the columns exactly
(:mod:`generator.opendata.columns`), sections travel as their path of numbers, keys and
titles, and every text is kept as written. So they bypass the table layout of a foreign
document and come back as the same sections, measures and results.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.content import derive_key
from generator.importer.draft import (
    NOT_STATED,
    Draft,
    DraftAct,
    DraftMeasure,
    DraftPlan,
    DraftReport,
    DraftResult,
    DraftSection,
)
from generator.importer.grid import Cell, Source
from generator.importer.heading import Heading
from generator.importer.readers import ImportFailure, _decode, _xlsx_value
from generator.opendata import columns as c

Row = dict[str, str]
_LAYOUTS: dict[tuple[str, ...], tuple[c.Column, ...]] = {}
for _columns in (c.PLAN_COLUMNS, c.REPORT_COLUMNS):
    _LAYOUTS[tuple(col.title for col in _columns)] = _columns
    _LAYOUTS[tuple(col.name for col in _columns)] = _columns
_LINK = re.compile(r"^(?P<title>.*\S)\s+<(?P<url>[^<>]+)>$")


@dataclass
class OwnFile:
    """What an own file holds: the draft, and the file names it gives plan and report."""

    draft: Draft
    heading: Heading
    plan_stem: str
    report_stem: str | None


def own_columns(path: Path, source: Source) -> tuple[c.Column, ...] | None:
    """The columns, if the file's first row is one of our header rows. A CSV is read again
    with our comma: the sniffer may take the «;» between executors for the delimiter."""
    if path.suffix.lower() == ".csv":
        first = next(csv.reader(io.StringIO(_decode(path)), delimiter=","), [])
        return _LAYOUTS.get(tuple(first))
    if not source.tables or not source.tables[0].rows:
        return None
    header = tuple(
        slot.plain() if isinstance(slot, Cell) else "" for slot in source.tables[0].rows[0]
    )
    return _LAYOUTS.get(header)


def read_own(path: Path, columns: tuple[c.Column, ...]) -> OwnFile:
    """The rows as written (cells exactly, line breaks kept) turned into a draft."""
    rows = _raw_rows(path)
    records = [
        {column.name: (row[i] if i < len(row) else "") for i, column in enumerate(columns)}
        for row in rows[1:]
        if any(value.strip() for value in row)
    ]
    if not records:
        raise ImportFailure(f"{path}: в файле нет ни одной строки с мероприятием")
    owner = c.REPORT if columns is c.REPORT_COLUMNS else c.PLAN
    names = sorted({record[owner.name] for record in records})
    if len(names) > 1:
        raise ImportFailure(
            f"{path}: в файле несколько {'отчетов' if owner is c.REPORT else 'планов'}"
            f" ({', '.join(names)}): импортируйте файл каждого со страницы плана или отчета"
        )
    return _Reader(path, columns is c.REPORT_COLUMNS).read(records)


def _raw_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [[_xlsx_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    return list(csv.reader(io.StringIO(_decode(path)), delimiter=","))


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


class _Reader:
    def __init__(self, path: Path, is_report: bool) -> None:
        self.path = path
        self.is_report = is_report
        self.draft = Draft(
            plan=DraftPlan(title="", years="", approved=DraftAct("", "", ""), sections=[]),
            report=None,
        )
        self.sections: dict[str, DraftSection] = {}
        self.measures: dict[str, DraftMeasure] = {}

    def read(self, records: Sequence[Row]) -> OwnFile:
        first = records[0]
        results: list[tuple[DraftMeasure | DraftSection, DraftResult]] = []
        for line, record in enumerate(records, start=2):
            section = self._section(record, line)
            node: DraftMeasure | DraftSection = section
            if record[c.KEY.name].strip():
                node = self._measure(record, section)
            if self.is_report:
                results.append((node, self._result(record, line)))
        heading = Heading(title=None, years=None)
        if self.is_report:
            heading.title = first[c.REPORT_TITLE.name] or None
            heading.period = _period(first, self.path)
            self.draft.report = DraftReport(
                plan=first[c.PLAN.name],
                title=first[c.REPORT_TITLE.name] or NOT_STATED,
                period=heading.period,
                date=first[c.REPORT_DATE.name] or NOT_STATED,
                results=results,
            )
            if self.draft.report.date == NOT_STATED:
                self.draft.note(self.draft.report, "date", "дата отчета в файле не указана")
        else:
            heading.title = first[c.PLAN_TITLE.name] or None
            heading.years = first[c.PLAN_YEARS.name] or None
        report_stem = first[c.REPORT.name] or None if self.is_report else None
        return OwnFile(self.draft, heading, first[c.PLAN.name], report_stem)

    def _section(self, record: Row, line: int) -> DraftSection:
        numbers = _lines(record[c.SECTION_NUMBER.name])
        keys = _lines(record[c.SECTION_KEY.name])
        titles = _lines(record[c.SECTION_TITLE.name])
        if not numbers or not len(numbers) == len(keys) == len(titles):
            raise ImportFailure(
                f"{self.path}: строка {line}: в столбцах «{c.SECTION_NUMBER.title}»,"
                f" «{c.SECTION_KEY.title}» и «{c.SECTION_TITLE.title}» должно быть поровну строк"
                " (по одной на уровень раздела)"
            )
        siblings = self.draft.plan.sections
        parent: str | None = None
        node: DraftSection | None = None
        for number, key, title in zip(numbers, keys, titles, strict=True):
            node = self.sections.get(key)
            if node is None:
                node = DraftSection(number, title, key=key, id=_explicit(number, parent, key))
                self.sections[key] = node
                siblings.append(node)
            siblings, parent = node.sections, key
        assert node is not None
        return node

    def _measure(self, record: Row, section: DraftSection) -> DraftMeasure:
        key = record[c.KEY.name].strip()
        found = self.measures.get(key)
        if found is not None:
            return found
        number = record[c.NUMBER.name]
        executors = record[c.EXECUTORS.name].split(c.EXECUTOR_SEPARATOR.strip())
        measure = DraftMeasure(
            number=number,
            text=record[c.TEXT.name],
            executors=[e.strip() for e in executors if e.strip()],
            deadline=record[c.DEADLINE.name],
            expected_result=record[c.EXPECTED.name] or None,
            id=_explicit(number, section.key, key),
            key=key,
        )
        self.measures[key] = measure
        section.measures.append(measure)
        return measure

    def _result(self, record: Row, line: int) -> DraftResult:
        links = []
        for text in _lines(record[c.LINKS.name]):
            match = _LINK.match(text.strip())
            if match is None:
                raise ImportFailure(
                    f"{self.path}: строка {line}: ссылка «{text}» не в виде «название <адрес>»"
                )
            links.append((match["title"], match["url"]))
        return DraftResult(
            text=record[c.RESULT_TEXT.name] or None,
            status=record[c.STATUS.name],
            deadline=record[c.RESULT_DEADLINE.name] or None,
            completed=record[c.COMPLETED.name] or None,
            links=links,
        )


def _explicit(number: str, parent: str | None, key: str) -> str | None:
    """The ``id`` a node needs: none when its number already gives its key."""
    return None if derive_key(number, parent) == key else key


def _period(record: Row, path: Path) -> str | dict[str, str]:
    """A whole year or years as «2024» / «2023-2024», any other period as from–to dates."""
    start, end = record[c.PERIOD_FROM.name], record[c.PERIOD_TO.name]
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise ImportFailure(
            f"{path}: отчетный период «{start}» – «{end}»: нужны даты вида 2024-01-01"
        ) from None
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year) if first.year == last.year else f"{first.year}-{last.year}"
    return {"from": start, "to": end}
