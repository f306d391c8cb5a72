"""Deadlines as plans word them, understood as due dates.

A plan prints its terms as text («до 31.12.2024», «ежегодно до 1 апреля», «IV квартал 2023»,
«постоянно»); to tell a reader what is late, the site needs the dates behind the words. This
module maps a wording to a :class:`Deadline`: one due date (definite), a series of them
(periodic: one for each year, quarter, half-year or month of the plan), none by nature
(indefinite: «постоянно», «по мере необходимости»), or none because the wording is not one we
know (unparsed: ``validate`` lists it as a note, the page shows the text as printed).

Pure: no clock. Wordings without a year take their years from the plan (``years``) or, failing
that, from ``reference`` (the date of the report that is read).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from generator.models import YearRange


class DeadlineKind(enum.StrEnum):
    DEFINITE = "definite"
    PERIODIC = "periodic"
    INDEFINITE = "indefinite"
    UNPARSED = "unparsed"


@dataclass(frozen=True)
class Deadline:
    """A deadline as printed (``text``), what it means (``kind``, ``due``: the due dates in
    order) and the part of the wording that decided it (``matched``)."""

    text: str
    kind: DeadlineKind
    due: tuple[dt.date, ...] = ()
    matched: str = ""

    @property
    def final(self) -> dt.date | None:
        """The last due date: the end of the series for a periodic deadline."""
        return self.due[-1] if self.due else None

    def due_by(self, day: dt.date) -> dt.date | None:
        """The latest due date on or before ``day`` (the one a report up to ``day`` answers)."""
        passed = [d for d in self.due if d <= day]
        return passed[-1] if passed else None


_MONTHS: Final = (
    ("январ", "січ"),
    ("феврал", "лют"),
    ("март", "берез"),
    ("апрел", "квіт"),
    ("ма[йя]", "трав"),
    ("июн", "черв"),
    ("июл", "лип"),
    ("август", "серп"),
    ("сентябр", "верес"),
    ("октябр", "жовт"),
    ("ноябр", "листопад"),
    ("декабр", "груд"),
)
_MONTH_RE: Final = "|".join(f"{ru}|{uk}" for ru, uk in _MONTHS)
_MONTH_WORD = re.compile(rf"\b({_MONTH_RE})[а-яіїє]*")

_FULL_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г(?:ода|\.)?)?(?:\s*-\s*(\d{4}))?")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})[а-яіїє]*")
_DAY_MONTH_DIGITS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\b(?!\.\d)")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_OTHER_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b")
_SHORT_YEAR_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{2})\b(?![.\-/]?\d)")
_DATE_START = rf"(?:\d|(?:{_MONTH_RE}))"
_RANGE = re.compile(
    rf"(?:\bв\s+период\s+|\bу\s+період\s+)?(?<![а-яіїє])[сз]\s+(?P<start>{_DATE_START}[^,;]*?)"
    rf"\s+по\s+(?P<end>{_DATE_START}[^,;]*)"
)
_STAGE = re.compile(
    r"\b(?:[1-9]|iv|i{1,3}|v)(?:-?[а-я]{1,2})?\s*(?:этап|етап)[а-яіїє]*"
    r"|(?<![а-яіїє])(?:этап|етап)[а-яіїє]*\s*(?:[1-9]|iv|i{1,3}|v)\b"
)
_THEN_ANNUAL = re.compile(
    r",?\s*(?:и\s+|а\s+|і\s+)?(?:далее|в\s+дальнейшем|надалі|далі)\s*(?:-\s*)?"
    r"(?:ежегодно|щорічно|щороку)"
)
_SPAN = re.compile(r"(?P<first>.*?\b\d{4})\s*-\s*(?P<last>[^\d]*?[а-яіїє][^,;]*?\b\d{4})")
_YEAR_RANGE = re.compile(r"\b(\d{4})\s*-\s*(\d{4})\b")
_YEAR = re.compile(r"\b(\d{4})\b")
_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(
    r"\b(iv|i{1,3}|[1-4])(?:-?[а-я]{0,2})?(?:\s*(?:-|и|і)\s*(iv|i{1,3}|[1-4])(?:-?[а-я]{0,2})?)?"
    r"\s*квартал"
)
_HALF = re.compile(
    r"\b(перв[а-я]*|перш[а-яії]*|1|i|втор[а-я]*|друг[а-яії]*|2|ii)(?:-?[а-яе]{0,2})?\s*"
    r"(?:половин[а-яиі]*|полугоди[а-я]*|півріч[а-яі]*)"
)
_WITHIN_YEAR = re.compile(r"в\s+течени[еи]\s+(?:отчетного\s+|календарного\s+)?года|протягом\s+року")
_NEXT_YEAR = re.compile(r"года,?\s+следующего\s+за\s+отчетным|року,?\s+наступного\s+за\s+звітним")
_PERIOD_NEXT = re.compile(
    r"(\d{1,2})\s*(?:-?го)?\s*числа\s+месяца,?\s+следующего\s+за\s+отчетным"
    r"(?:\s+(месяц|квартал|полугоди|год)[а-я]*)?(?!\s*[а-яіїє])"
)
_PERIOD_ENDS: Final = {
    None: tuple(range(1, 13)),
    "месяц": tuple(range(1, 13)),
    "квартал": (3, 6, 9, 12),
    "полугоди": (6, 12),
    "год": (12,),
}
_ANNUAL = re.compile(r"ежегодн|щорічн|ежегодно|каждый\s+год|щороку")
_QUARTERLY = re.compile(r"ежекварталь|щокварталь|каждый\s+квартал|поквартальн")
_HALF_YEARLY = re.compile(
    r"полугодов|раз\s+в\s+полугоди|каждое\s+полугоди|піврічн|раз\s+на\s+півроку"
)
_MONTHLY = re.compile(r"ежемесячн|щомісячн|каждый\s+месяц")
_WHOLE_TERM = re.compile(
    r"планируем\w* период|весь период|(?:в течение )?срока? действия плана|период действия плана"
)
_INDEFINITE = re.compile(
    r"постоянн|на\s+постоянной\s+основе|постійн|по\s+мере\s+|при\s+необходимости"
    r"|при\s+наступлении|при\s+поступлении|при\s+выявлении|при\s+получении|при\s+налич"
    r"|в\s+случае|у\s+разі|в\s+разі|за\s+потреби|на\s+основании\s+поступивш|по\s+запросу"
    r"|по\s+факту|по\s+поручени|в\s+течение\s+\d+\s+(?:рабочих\s+|календарных\s+)?дн"
    r"|в\s+установленные\s+сроки|в\s+сроки,?\s+установленные|в\s+установленный\s+срок"
)


@lru_cache(maxsize=4096)
def parse_deadline(
    text: str, *, years: YearRange | None = None, reference: dt.date | None = None
) -> Deadline:
    """What ``text`` means as due dates; each line of a several-line deadline is read on its
    own and their dates are joined (an unreadable line leaves the whole unparsed).

    Remembered: validation, every report of a plan, its roll-ups and its exports ask for the
    same measure's term, and the answer (a frozen value) depends on the arguments alone."""
    lines = [line for line in text.splitlines() if line.strip()] or [text]
    readings = [_parse_line(line, _years_for(years, reference)) for line in lines]
    return _joined(text, readings)


def _joined(text: str, readings: list[Deadline]) -> Deadline:
    """Several readings of one deadline (its lines, its stages) as one: all their dates."""
    if len(readings) == 1:
        return _with_text(readings[0], text)
    if any(r.kind is DeadlineKind.UNPARSED for r in readings):
        return Deadline(text, DeadlineKind.UNPARSED)
    due = tuple(sorted({d for r in readings for d in r.due}))
    matched = "; ".join(dict.fromkeys(r.matched for r in readings))
    if not due:
        return Deadline(text, DeadlineKind.INDEFINITE, (), matched)
    periodic = len(due) > 1 or any(r.kind is DeadlineKind.PERIODIC for r in readings)
    kind = DeadlineKind.PERIODIC if periodic else DeadlineKind.DEFINITE
    return Deadline(text, kind, due, matched)


def _with_text(reading: Deadline, text: str) -> Deadline:
    return Deadline(text, reading.kind, reading.due, reading.matched)


def _years_for(years: YearRange | None, reference: dt.date | None) -> YearRange | None:
    if years is not None:
        return years
    return YearRange(reference.year, reference.year) if reference is not None else None


def _normalise(text: str) -> str:
    text = text.lower().replace("ё", "е").replace("’", "'")
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    text = re.sub(
        r"(\d{4})\s*(?:гг|г|годов|годы|года|году|год|роки|років|року|рік)\b\.?", r"\1", text
    )
    return re.sub(r"\s+", " ", text).strip()


def _parse_line(line: str, plan_years: YearRange | None) -> Deadline:
    """One line: its dates written as «ДД.ММ.ГГГГ», a range cut to its end, then its stages
    («… – 1 этап, … – 2 этап») each read on its own, or a first date continued every year."""
    text = _plain_dates(_normalise(line), plan_years)
    text = _range_end(text) if text is not None else None
    if text is None:
        return Deadline(line, DeadlineKind.UNPARSED)
    stages = _stages(text)
    if len(stages) > 1:
        return _joined(line, [_parse_clause(stage, plan_years) for stage in stages])
    if (then := _THEN_ANNUAL.search(text)) is not None:
        return _then_annual(text, then, plan_years)
    if (span := _SPAN.fullmatch(text)) is not None:
        return _span(span, plan_years)
    return _parse_clause(text, plan_years)


def _parse_clause(text: str, plan_years: YearRange | None) -> Deadline:
    for rule in (_full_date, _anchored, _years_only, _recurring, _whole_term, _indefinite):
        reading = rule(text, plan_years)
        if reading is not None:
            return reading
    return Deadline(text, DeadlineKind.UNPARSED)


def _plain_dates(text: str, plan_years: YearRange | None) -> str | None:
    """«2024-06-30», «30/06/2023», «30-06-2023» and «31.12.21» rewritten as «ДД.ММ.ГГГГ»; a
    two-digit year is read only as a year of the plan (else the line is not understood)."""
    text = _ISO_DATE.sub(r"\3.\2.\1", text)
    text = _OTHER_DATE.sub(r"\1.\2.\3", text)
    unplaced = False

    def full_year(match: re.Match[str]) -> str:
        nonlocal unplaced
        year = 2000 + int(match.group(3))
        if plan_years is None or year not in plan_years.years:
            unplaced = True
        return f"{match.group(1)}.{match.group(2)}.{year}"

    text = _SHORT_YEAR_DATE.sub(full_year, text)
    return None if unplaced else text


def _range_end(text: str) -> str | None:
    """«с 1 марта по 30 апреля 2023 г.» is due at its end: «до 30 апреля 2023». A start that
    names a year its end does not («с 1 декабря 2023 по 31 января») is not understood."""
    if (match := _RANGE.search(text)) is None:
        return text
    start, end = match.group("start"), match.group("end")
    if _YEAR.search(start) and not _YEAR.search(end):
        return None
    return f"{text[: match.start()]} до {end}{text[match.end('end') :]}".strip()


def _stages(text: str) -> list[str]:
    """The clauses of a staged deadline, each without its stage number; the whole text if it
    names no stages."""
    if not _STAGE.search(text):
        return [text]
    clauses = [_STAGE.sub(" ", c).strip(" -") for c in re.split(r"[,;]", text)]
    return [c for c in clauses if c]


def _then_annual(text: str, then: re.Match[str], plan_years: YearRange | None) -> Deadline:
    """«до 1 марта 2022 года и далее ежегодно»: that day from its year to the plan's end."""
    first = _parse_clause(text[: then.start()] + text[then.end() :], plan_years)
    if first.kind is not DeadlineKind.DEFINITE or len(first.due) != 1:
        return Deadline(text, DeadlineKind.UNPARSED)
    start = first.due[0]
    end = max(plan_years.end, start.year) if plan_years is not None else start.year
    due = tuple(d for y in range(start.year, end + 1) if (d := _date(y, start.month, start.day)))
    return Deadline(
        text, DeadlineKind.PERIODIC, due, f"{first.matched} {then.group(0).strip(' ,')}"
    )


def _full_date(text: str, plan_years: YearRange | None) -> Deadline | None:
    """«до 31.12.2024», «01.04.2019 г»; Derbent's «до 31.12.2019-2020гг» is that day each year."""
    found = list(_FULL_DATE.finditer(text))
    if not found:
        return None
    due: set[dt.date] = set()
    for match in found:
        day, month, first = int(match.group(1)), int(match.group(2)), int(match.group(3))
        last = int(match.group(4) or first)
        for year in range(first, last + 1):
            date = _date(year, month, day)
            if date is None:
                return None
            due.add(date)
    dates = tuple(sorted(due))
    return Deadline(text, _kind(text, dates), dates, " ".join(m.group(0) for m in found))


def _anchored(text: str, plan_years: YearRange | None) -> Deadline | None:
    """A day of the year («30 апреля», «IV квартал», «первая половина», «январь – апрель»,
    «в течение года»), in the years the text names or, failing that, every year of the plan."""
    anchor = _anchor(text)
    if anchor is None:
        return None
    (month, day), matched = anchor
    if _date(2000, month, day) is None:  # «31.13»: no such day in any year
        return Deadline(text, DeadlineKind.UNPARSED)
    named = _named_years(text)
    years = named or (plan_years.years if plan_years is not None else range(0))
    shift = 1 if _NEXT_YEAR.search(text) else 0
    due = tuple(d for y in years if (d := _date(y + shift, month, day)) is not None)
    if not due:
        return Deadline(text, DeadlineKind.PERIODIC, (), matched)
    return Deadline(text, _kind(text, due), due, matched)


def _span(span: re.Match[str], plan_years: YearRange | None) -> Deadline:
    """«декабрь 2023 – январь 2024», «IV квартал 2023 – I квартал 2024»: due at the end of its
    last part; a span whose parts are not single dates, or that ends before it starts, is not
    understood."""
    first = _parse_clause(span.group("first"), plan_years)
    last = _parse_clause(span.group("last"), plan_years)
    for part in (first, last):
        if part.kind is not DeadlineKind.DEFINITE or len(part.due) != 1:
            return Deadline(span.group(0), DeadlineKind.UNPARSED)
    if last.due[0] < first.due[0]:
        return Deadline(span.group(0), DeadlineKind.UNPARSED)
    return Deadline(span.group(0), DeadlineKind.DEFINITE, last.due, span.group(0))


def _kind(text: str, due: tuple[dt.date, ...]) -> DeadlineKind:
    """Periodic if the wording recurs («ежегодно») or names several dates, even when the
    plan's one year leaves a single date."""
    if len(due) > 1 or _periodic_word(text) is not None:
        return DeadlineKind.PERIODIC
    return DeadlineKind.DEFINITE


def _anchor(text: str) -> tuple[tuple[int, int], str] | None:
    """The month and day a wording names, and the words that name it; a range of months or
    quarters ends at the end of its last one."""
    if _PERIOD_NEXT.search(text) is not None or _QUARTERLY.search(text):
        return None
    if (match := _DAY_MONTH.search(text)) is not None:
        return (_month(match.group(2)), int(match.group(1))), match.group(0)
    if (match := _DAY_MONTH_DIGITS.search(text)) is not None and "до" in text.split():
        return (int(match.group(2)), int(match.group(1))), match.group(0)
    if (match := _QUARTER.search(text)) is not None:
        quarter = _ROMAN[match.group(2) or match.group(1)]
        return _month_end(quarter * 3), match.group(0)
    if (match := _HALF.search(text)) is not None:
        first = match.group(1).startswith(("перв", "перш", "1")) or match.group(1) == "i"
        return _month_end(6 if first else 12), match.group(0)
    months = list(_MONTH_WORD.finditer(text))
    if months and _YEAR.search(text, months[0].end(), months[-1].start()):
        return None  # «декабрь 2023 – январь»: the last month's year is not said
    if months:
        return _month_end(_month(months[-1].group(1))), "-".join(m.group(0) for m in months)
    if (match := _WITHIN_YEAR.search(text)) is not None:
        return (12, 31), match.group(0)
    return None


def _years_only(text: str, plan_years: YearRange | None) -> Deadline | None:
    """«в течение 2021–2024 гг.», «2016-2017 роки», «2024»: by the end of the last year."""
    named = _named_years(text)
    if not named or _periodic_word(text) is not None:
        return None
    rest = _YEAR_RANGE.sub(" ", text)
    rest = _YEAR.sub(" ", rest)
    rest = re.sub(r"\b(?:в|у|течение|протягом|до|на|период)\b", " ", rest)
    if re.search(r"[а-яіїє\d]", rest):  # «до 30 2024»: a number that is not a year
        return None
    end = named[-1]
    return Deadline(text, DeadlineKind.DEFINITE, (dt.date(end, 12, 31),), text)


def _recurring(text: str, plan_years: YearRange | None) -> Deadline | None:
    """«ежеквартально», «на полугодовой основе», «до 1 числа месяца, следующего за отчетным»,
    «до 10 числа месяца, следующего за отчетным кварталом», «ежегодно»: every period's end (or
    that day of the month after it) within the plan's years."""
    word = _periodic_word(text)
    following = _PERIOD_NEXT.search(text)
    if word is None and following is None:
        return None
    years = _named_years(text) or (plan_years.years if plan_years is not None else range(0))
    if following is not None:
        day = int(following.group(1))
        if not 1 <= day <= 31:
            return None
        ends = _PERIOD_ENDS[following.group(2)]
        dates: list[dt.date | None] = [
            _day_or_last(*_month_after(y, m), day) for y in years for m in ends
        ]
        matched = following.group(0)
    else:
        assert word is not None
        matched, months = word
        dates = [_date(y, *_month_end(m)) for y in years for m in months]
    due = tuple(d for d in dates if d is not None)
    return Deadline(text, DeadlineKind.PERIODIC, due, matched)


def _day_or_last(year: int, month: int, day: int) -> dt.date:
    """«до 31 числа месяца, следующего за отчетным»: in a shorter month, its last day."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _periodic_word(text: str) -> tuple[str, tuple[int, ...]] | None:
    """The recurrence a text names and the months its periods end in."""
    for pattern, months in (
        (_QUARTERLY, (3, 6, 9, 12)),
        (_HALF_YEARLY, (6, 12)),
        (_MONTHLY, tuple(range(1, 13))),
        (_ANNUAL, (12,)),
    ):
        if (match := pattern.search(text)) is not None:
            return match.group(0), months
    return None


def _whole_term(text: str, plan_years: YearRange | None) -> Deadline | None:
    """«Планируемый период», «в течение срока действия плана»: by the end of the plan."""
    if (match := _WHOLE_TERM.search(text)) is None or plan_years is None:
        return None
    return Deadline(text, DeadlineKind.DEFINITE, (dt.date(plan_years.end, 12, 31),), match.group(0))


def _indefinite(text: str, plan_years: YearRange | None) -> Deadline | None:
    if (match := _INDEFINITE.search(text)) is None:
        return None
    end = re.compile(r"[а-яіїє]*").match(text, match.end())
    return Deadline(
        text,
        DeadlineKind.INDEFINITE,
        (),
        text[match.start() : end.end() if end else match.end()].strip(),
    )


def _named_years(text: str) -> list[int]:
    """The years a text names outside full dates: «2019-2020» is both years."""
    text = _FULL_DATE.sub(" ", text)
    years: list[int] = []
    for match in _YEAR_RANGE.finditer(text):
        years += range(int(match.group(1)), int(match.group(2)) + 1)
    for match in _YEAR.finditer(_YEAR_RANGE.sub(" ", text)):
        years.append(int(match.group(1)))
    return sorted(set(years))


def _month(word: str) -> int:
    for number, (ru, uk) in enumerate(_MONTHS, start=1):
        if re.match(ru, word) or word.startswith(uk):
            return number
    raise ValueError(word)


def _month_end(month: int) -> tuple[int, int]:
    return month, calendar.monthrange(2001, month)[1]


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _date(year: int, month: int, day: int) -> dt.date | None:
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def unparsed(deadlines: Iterable[Deadline]) -> list[Deadline]:
    """The deadlines whose wording was not understood, in the order given."""
    return [d for d in deadlines if d.kind is DeadlineKind.UNPARSED]
