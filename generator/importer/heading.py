"""The paragraphs above the table: title, years, report period and the approving act.

Only what is printed is taken; a fact the document does not state stays unstated and is
written with the format's marker «не указано».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from generator.importer.columns import normalise

MONTHS: Final = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
    "січн": 1,
    "лют": 2,
    "берез": 3,
    "квітн": 4,
    "травн": 5,
    "червн": 6,
    "липн": 7,
    "серпн": 8,
    "вересн": 9,
    "жовтн": 10,
    "листопад": 11,
    "грудн": 12,
}
ACTS: Final = {
    "постановлени": "постановление",
    "распоряжени": "распоряжение",
    "приказ": "приказ",
    "решени": "решение",
    "указ": "указ",
    "постанов": "постановление",
    "розпорядженн": "распоряжение",
    "наказ": "приказ",
    "рішенн": "решение",
}
YEAR_RANGE: Final = re.compile(
    r"(?:на|в|у)\s+(\d{4})\s*(?:-|–|—|по|\.\.)\s*(\d{4})\s*(?:гг|годы|годов|год|роки|років|рр)?",
    re.IGNORECASE,
)
BARE_RANGE: Final = re.compile(r"\b(\d{4})\s*(?:-|–|—)\s*(\d{4})\b")
ONE_YEAR: Final = re.compile(r"(?:на|в|у)\s+(\d{4})\s*(?:год|рік|г\.)", re.IGNORECASE)
PERIOD: Final = re.compile(
    r"за\s+(?:(?P<part>12|[1-9]|i{1,3}|iv|і{1,3}|іv|первое|второе|перше|друге)\s*-?\s*(?:е|й)?\s*"
    r"(?P<unit>полугодие|півріччя|квартал|месяц|місяц)\w*\s+)?(?P<year>\d{4})\s*(?:год|года|рік|року|г)",
    re.IGNORECASE,
)
APPROVAL_WORD: Final = re.compile(r"(утвержд|затвердж|утверж)", re.IGNORECASE)
ACT_RE: Final = re.compile(
    r"(постановлени\w*|распоряжени\w*|приказ\w*|решени\w*|указ\w*|постанов\w*|розпорядженн\w*"
    r"|наказ\w*|рішенн\w*)\s+(?P<authority>.*?)\s*(?:от|від)\s+(?P<date>[«\"]?\s*\d{1,2}\s*[»\"]?"
    r"\s*[.\s]\s*(?:\d{1,2}|[а-яіїєґ]+)\s*[.\s]\s*\d{4})\s*(?:г\.|г|року|р\.)?\s*(?:№|N)\s*(?P<number>[\w\-/.]+)",
    re.IGNORECASE | re.DOTALL,
)
REPORT_WORDS: Final = (
    "отчет",
    "звіт",
    "информация о выполнении",
    "информация об исполнении",
    "інформація про виконання",
    "информация о ходе",
)


@dataclass
class Heading:
    title: str | None = None
    years: str | None = None
    period: str | dict[str, str] | None = None
    act: str | None = None
    act_date: str | None = None
    act_number: str | None = None
    authority: str | None = None
    approval_text: str | None = None
    repairs: list[str] = field(default_factory=list)

    @property
    def is_report(self) -> bool:
        return self.period is not None or any(
            w in normalise(self.title or "") for w in REPORT_WORDS
        )


def read_heading(paragraphs: list[str]) -> Heading:
    heading = Heading()
    lines = [_unbold(" ".join(p.split())) for p in paragraphs if p.strip()]
    approval = [line for line in lines if APPROVAL_WORD.search(line)]
    start, end = _approval_block(lines)
    heading.approval_text = " ".join(lines[start:end]) if end else None
    title_lines = [
        _unspace(line, heading.repairs)
        for line in lines[:start] + lines[end:]
        if not _is_noise(line)
    ]
    if title_lines:
        heading.title = _sentence(" ".join(title_lines))
    text = " ".join(lines)
    if match := YEAR_RANGE.search(heading.title or text) or BARE_RANGE.search(heading.title or ""):
        heading.years = f"{match.group(1)}-{match.group(2)}"
    elif match := ONE_YEAR.search(heading.title or text):
        heading.years = match.group(1)
    if match := PERIOD.search(heading.title or text):
        heading.period = _period(match)
    source = heading.approval_text or " ".join(approval)
    if source and (act := ACT_RE.search(source)):
        heading.act = next(v for k, v in ACTS.items() if act.group(1).lower().startswith(k))
        heading.authority = " ".join(act.group("authority").split()) or None
        heading.act_date = _date(act.group("date"))
        heading.act_number = act.group("number").rstrip(".")
    return heading


def _approval_block(lines: list[str]) -> tuple[int, int]:
    """The approval block («Утверждено постановлением … от … № 321») printed before the
    title: from the approval word to the line with the act's number."""
    start = next(
        (
            i
            for i, line in enumerate(lines[:8])
            if APPROVAL_WORD.search(line) or re.match(r"^(приложение|додаток)\b", line, re.I)
        ),
        None,
    )
    if start is None:
        return 0, 0
    for index in range(start, min(start + 6, len(lines))):
        if re.search(r"(№|N)\s*[\w\-/]+", lines[index]):
            return start, index + 1
    return start, start + 1


def _is_noise(line: str) -> bool:
    return bool(re.fullmatch(r"[\W\d_]*", line))


def _unbold(line: str) -> str:
    return line.replace("**", "").strip()


def _unspace(line: str, repairs: list[str]) -> str:
    """«П Л А Н» printed letter-spaced is the word «ПЛАН»."""
    match = re.fullmatch(r"(?:[А-ЯЁІЇЄҐA-Z] ){2,}[А-ЯЁІЇЄҐA-Z]", line)
    if match:
        word = line.replace(" ", "")
        repairs.append(f"«{line}» → «{word}»")
        return word
    return line


def _sentence(text: str) -> str:
    """A heading printed in capitals keeps them; a spaced word joins the rest with a space."""
    return " ".join(text.split())


def _date(text: str) -> str | None:
    cleaned = re.sub(r"[«»\"]", " ", text)
    parts = cleaned.replace(".", " ").split()
    if len(parts) != 3:
        return None
    day, month, year = parts
    if not month.isdigit():
        month_number = next((n for stem, n in MONTHS.items() if month.lower().startswith(stem)), 0)
        if not month_number:
            return None
        month = str(month_number)
    try:
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    except ValueError:
        return None


def _period(match: re.Match[str]) -> str | dict[str, str]:
    year = match.group("year")
    part, unit = match.group("part"), (match.group("unit") or "").lower()
    if not part:
        return year
    ordinal = PARTS.get(part.lower(), 1)
    if unit.startswith(("месяц", "місяц")):
        months = int(part) if part.isdigit() else 12
        if months not in {3, 6, 9, 12}:
            return year
        if months == 12:
            return year
        end = {3: 31, 6: 30, 9: 30}[months]
        return {"from": f"{year}-01-01", "to": f"{year}-{months:02d}-{end}"}
    if unit.startswith(("полугод", "півріч")):
        first, last = (1, 6) if ordinal == 1 else (7, 12)
    else:
        first, last = 3 * ordinal - 2, 3 * ordinal
    end = {3: 31, 6: 30, 9: 30, 12: 31}[last]
    return {"from": f"{year}-{first:02d}-01", "to": f"{year}-{last:02d}-{end}"}


PARTS: Final = {
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "і": 1,
    "іі": 2,
    "ііі": 3,
    "іv": 4,
    "первое": 1,
    "второе": 2,
    "перше": 1,
    "друге": 2,
}
