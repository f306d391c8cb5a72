"""Column mapping: which column holds what, from the header's words (ru and uk).

One table of synonyms; headers are compared after normalising case, «ё», punctuation and
spacing, so «№№\\nп/п», «N п/п» and «№ п.п.» are one header.
"""

from __future__ import annotations

import enum
import re
from typing import Final


class Role(enum.Enum):
    NUMBER = "number"
    TEXT = "text"
    EXECUTORS = "executors"
    DEADLINE = "deadline"
    EXPECTED = "expected_result"
    RESULT = "result"
    STATUS = "status"


ROLE_NAMES: Final = {
    Role.NUMBER: "номер",
    Role.TEXT: "мероприятие",
    Role.EXECUTORS: "исполнители",
    Role.DEADLINE: "срок",
    Role.EXPECTED: "ожидаемый результат",
    Role.RESULT: "информация о выполнении",
    Role.STATUS: "статус",
}

SYNONYMS: Final[dict[Role, tuple[str, ...]]] = {
    Role.NUMBER: (
        "№",
        "№№",
        "n",
        "nn",
        "№ п п",
        "№№ п п",
        "n п п",
        "п п",
        "№ пп",
        "номер",
        "номер п п",
        "пункт",
        "№ пункта",
        "№ з п",
        "з п",
        "№ з/п",
        "номер пункту",
    ),
    Role.TEXT: (
        "мероприятие",
        "мероприятия",
        "наименование мероприятия",
        "наименование мероприятий",
        "наименование",
        "содержание мероприятия",
        "содержание мероприятий",
        "перечень мероприятий",
        "мероприятия плана",
        "наименование пункта плана",
        "захід",
        "заходи",
        "найменування заходу",
        "найменування заходів",
        "зміст заходу",
        "зміст заходів",
        "назва заходу",
    ),
    Role.EXECUTORS: (
        "исполнитель",
        "исполнители",
        "ответственный исполнитель",
        "ответственные исполнители",
        "ответственные за исполнение",
        "ответственный за исполнение",
        "ответственные",
        "ответственный",
        "виконавець",
        "виконавці",
        "відповідальний виконавець",
        "відповідальні виконавці",
        "відповідальні за виконання",
        "відповідальні",
    ),
    Role.DEADLINE: (
        "срок",
        "сроки",
        "срок исполнения",
        "сроки исполнения",
        "срок выполнения",
        "сроки выполнения",
        "срок реализации",
        "сроки реализации",
        "строк",
        "строки",
        "строк виконання",
        "строки виконання",
        "термін",
        "терміни",
        "термін виконання",
        "терміни виконання",
    ),
    Role.EXPECTED: (
        "ожидаемый результат",
        "ожидаемые результаты",
        "планируемый результат",
        "очікуваний результат",
        "очікувані результати",
    ),
    Role.RESULT: (
        "результат",
        "результаты",
        "результат выполнения",
        "результаты выполнения",
        "информация о выполнении",
        "информация об исполнении",
        "информация о ходе выполнения",
        "информация о ходе исполнения",
        "информация о реализации",
        "отметка о выполнении",
        "отметка об исполнении",
        "сведения о выполнении",
        "сведения об исполнении",
        "ход выполнения",
        "ход исполнения",
        "выполнение",
        "исполнение",
        "отчет о выполнении",
        "фактическое исполнение",
        "стан виконання",
        "інформація про виконання",
        "інформація про стан виконання",
        "результат виконання",
        "відмітка про виконання",
        "виконання",
    ),
    Role.STATUS: ("статус", "статус выполнения", "статус исполнения", "статус виконання"),
}

_PUNCT = re.compile(r"[^\w№ ]+")


def normalise(text: str) -> str:
    """Header text folded for comparison: lower case, ё→е, punctuation to spaces."""
    text = text.lower().replace("ё", "е").replace("\u0301", "")
    return " ".join(_PUNCT.sub(" ", text).split())


_NORMALISED: Final = {
    role: tuple(sorted({normalise(s) for s in words}, key=len, reverse=True))
    for role, words in SYNONYMS.items()
}


def role_of(header: str) -> tuple[Role, int] | None:
    """The role a header names, with how much of it matched (an exact match beats a word)."""
    text = normalise(header)
    if not text:
        return None
    best: tuple[Role, int] | None = None
    for role, words in _NORMALISED.items():
        for word in words:
            score = 0
            if text == word:
                score = 1000 + len(word)
            elif re.search(rf"(^| ){re.escape(word)}( |$)", text):
                score = len(word) * 10 - len(text)
            if score and (best is None or score > best[1]):
                best = (role, score)
    return best


def map_header(cells: list[str]) -> dict[int, Role] | None:
    """Columns by role for a candidate header row, or None if it does not look like a header.

    A header names the measure column and at least one other known column."""
    mapping: dict[int, Role] = {}
    scores: dict[Role, int] = {}
    for index, text in enumerate(cells):
        if len(text) > 120:
            return None
        found = role_of(text)
        if found is None:
            continue
        role, score = found
        if role in scores and scores[role] >= score:
            continue
        if role in scores:
            mapping = {i: r for i, r in mapping.items() if r != role}
        mapping[index] = role
        scores[role] = score
    if Role.TEXT not in scores or len(scores) < 2:
        return None
    return mapping


def by_position(width: int, numbered: bool) -> dict[int, Role]:
    """The usual order of columns, for a table printed without a header row."""
    order = [Role.TEXT, Role.EXECUTORS, Role.DEADLINE, Role.RESULT]
    if width >= 5 + numbered:
        order = [Role.TEXT, Role.EXECUTORS, Role.DEADLINE, Role.EXPECTED, Role.RESULT]
    if numbered:
        order = [Role.NUMBER, *order]
    return dict(enumerate(order[:width]))
