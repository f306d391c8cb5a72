"""The content models: what a valid content folder means.

Every value arrives as text (see :mod:`generator.yamlsource`) and is converted here. Faults are
raised as ``PydanticCustomError`` whose type is our diagnostic code, so that
:mod:`generator.schema_errors` can turn them into positioned Russian diagnostics.
Descriptions are in Russian: they become the JSON Schema that editors see as hover help.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Final, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.plaintext import (
    describe_character,
    forbidden_in_value,
    markup_in_plain_text,
    resolve_reference,
)

# --- scalar types ----------------------------------------------------------------------------


def _model_title(cls: type[BaseModel]) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]


def _field_title(name: str, info: Any) -> str:
    return str(info.description or name)


class Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        model_title_generator=_model_title,
        field_title_generator=_field_title,
    )


@dataclass(frozen=True)
class Unknown:
    """A required fact the published section cannot give: the page says so plainly, and
    ``antikor check`` fails the requisites rule, instead of the fact being made up."""

    kind: typing.ClassVar[str] = ""

    def __str__(self) -> str:
        return MARKER_WORDS[self.kind]


@dataclass(frozen=True)
class Illegible(Unknown):
    """A requisite that the source document has but that cannot be read (a damaged scan)."""

    kind: typing.ClassVar[str] = "illegible"


@dataclass(frozen=True)
class NotStated(Unknown):
    """A required fact that the source document does not give at all."""

    kind: typing.ClassVar[str] = "not_stated"


ILLEGIBLE: Final = Illegible()
NOT_STATED: Final = NotStated()
MARKER_WORDS: Final = {"illegible": "неразборчиво", "not_stated": "не указано"}
_MARKERS: Final[dict[str, Unknown]] = {
    "неразборчиво": ILLEGIBLE,
    "нерозбірливо": ILLEGIBLE,
    "illegible": ILLEGIBLE,
    "не указано": NOT_STATED,
    "не вказано": NOT_STATED,
    "not stated": NOT_STATED,
}


def marker(value: object) -> Unknown | None:
    """The marker a value spells (``неразборчиво``, ``не указано``), if it is one."""
    if not isinstance(value, str):
        return None
    return _MARKERS.get(" ".join(value.lower().split()))


@dataclass(frozen=True)
class MarkdownText:
    """Metadata marking a text field as Markdown (rendered and link-checked)."""


MARKDOWN: Final = MarkdownText()


def _text(value: object) -> str:
    """Any text value: never a control character or a hidden change of text direction."""
    if not isinstance(value, str):
        raise PydanticCustomError("E105", "expected text", {"received": describe(value)})
    if found := forbidden_in_value(value):
        raise PydanticCustomError(
            "E122",
            "control character",
            {"char": describe_character(found.group(0)), "offset": found.start()},
        )
    return value


def describe(value: object) -> str:
    """How a wrong value is named in a message: by what a clerk sees, not by Python's type."""
    if value is None:
        return "пустое значение"
    if isinstance(value, dict):
        return "словарь"
    if isinstance(value, list):
        return "список"
    return f"текст «{value}»"


def _nonblank(value: object) -> str:
    text = _text(value).rstrip()
    if not text.strip():
        raise PydanticCustomError("E109", "empty", {})
    return text


def _plain(value: object) -> str:
    """Text shown as written (every field but Markdown ones): HTML here is refused, since it
    would be shown as code at best, and is an attempt at script at worst."""
    text = _nonblank(value)
    found = markup_in_plain_text(text)
    if found is None:
        return text
    offset, kind, markup = found
    if kind == "tag":
        raise PydanticCustomError("E120", "markup", {"markup": markup, "offset": offset})
    raise PydanticCustomError(
        "E121",
        "reference",
        {"markup": markup, "char": _shown(resolve_reference(markup)), "offset": offset},
    )


def _shown(char: str) -> str:
    """A character as a hint can name it: a space as a word, an invisible one by its code."""
    if char.isspace():
        return "пробел"
    return char if char.isprintable() else describe_character(char)


# --- JSON Schema of the values ----------------------------------------------------------------
# The loader reads every plain scalar as text, so «title: 2024» or «deadline: true» are texts;
# editors' YAML parsers make them numbers and booleans, which the schema therefore allows.
# Patterns use the ECMAScript syntax that JSON Schema clients apply.

TEXT_TYPES: Final = ["string", "number", "boolean"]
_ONE_LINE: Final = {"type": TEXT_TYPES, "minLength": 1, "pattern": r"\S"}
# Plain text: no tag, no common character reference, no control or direction character (the
# loader knows every HTML reference name; the schema names the ones pasted text carries).
_PLAIN_LINE: Final = {
    **_ONE_LINE,
    "pattern": r"^(?![\s\S]*(?:<[A-Za-z/!?]|&#|&(?:lt|gt|amp|quot|apos|nbsp|laquo|raquo"
    r"|ldquo|rdquo|bdquo|mdash|ndash|hellip|copy|reg|trade|sect|deg|numero|shy);"
    r"|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]))[\s\S]*\S",
}
_ECMA_SPECIAL: Final = set("^$\\.*+?()[]{}|/")


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def folded_pattern(words: Iterable[str]) -> str:
    """An ECMAScript pattern matching any of ``words`` as the loader compares them: without
    regard to case, ё as е, any run of spaces as one (JSON Schema has no case-insensitive
    flag, so each letter becomes a class)."""

    def letter(char: str) -> str:
        if char == " ":
            return r"\s+"
        if char == "е":
            return "[еЕёЁ]"
        if char.lower() != char.upper():
            return f"[{char.lower()}{char.upper()}]"
        return "\\" + char if char in _ECMA_SPECIAL else char

    alternatives = sorted({"".join(map(letter, _fold(word))) for word in words})
    return r"^\s*(?:" + "|".join(alternatives) + r")\s*$"


NonBlank = Annotated[str, PlainValidator(_plain), WithJsonSchema(_PLAIN_LINE)]
Markdown = Annotated[
    str,
    PlainValidator(_nonblank),
    WithJsonSchema({**_ONE_LINE, "description": "Текст в разметке Markdown"}),
    MARKDOWN,
]
# Numbers and keys are text ("1.10" is not "1.1"), but an editor may leave them unquoted.
Number = Annotated[
    str,
    PlainValidator(_plain),
    WithJsonSchema({**_PLAIN_LINE, "examples": ["1", "1.1", "2.1.3", "І", "1)"]}),
]

FIRST_YEAR: Final = 1990
LAST_YEAR: Final = 2100
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RU_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
_YEAR = r"(?:199\d|20\d\d|2100)"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12]\d|3[01])"
_DATE_PATTERN = rf"^\s*(?:{_YEAR}-{_MONTH}-{_DAY}|{_DAY}\.{_MONTH}\.{_YEAR})\s*$"


def parse_date(value: object) -> dt.date:
    text = _text(value).strip()
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _RU_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise PydanticCustomError("E110", "not a date", {"value": text})
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("E111", "impossible date", {"value": text}) from None
    _check_year(year, text)
    return date


def _check_year(year: int, text: str) -> None:
    """Anti-corruption plans began in the 1990s; a year outside 1990–2100 is a typo (2204 for
    2024), and would otherwise reach the page and the archives as it is."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PydanticCustomError(
            "E130", "year out of range", {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR}
        )


def _date_or_marker(value: object) -> dt.date | Unknown:
    return marker(value) or parse_date(value)


def _number_or_marker(value: object) -> str | Unknown:
    text = _plain(value)
    return marker(text) or text


def _text_or_marker(value: object) -> str | Unknown:
    text = _plain(value)
    return marker(text) or text


Date = Annotated[
    dt.date,
    PlainValidator(parse_date),
    WithJsonSchema({"type": "string", "pattern": _DATE_PATTERN, "examples": ["2024-03-15"]}),
]
RequisiteDate = Annotated[
    dt.date | Unknown,
    PlainValidator(_date_or_marker),
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [{"pattern": _DATE_PATTERN}, {"pattern": folded_pattern(_MARKERS)}],
            "description": "Дата (2024-03-15 или 15.03.2024); «неразборчиво», если в источнике"
            " ее нельзя прочитать; «не указано», если источник ее не называет",
        }
    ),
]
RequisiteNumber = Annotated[
    str | Unknown,
    PlainValidator(_number_or_marker),
    WithJsonSchema(
        {**_ONE_LINE, "description": "Номер как напечатан; «неразборчиво» или «не указано»"}
    ),
]
RequisiteText = Annotated[
    str | Unknown,
    PlainValidator(_text_or_marker),
    WithJsonSchema(
        {
            **_ONE_LINE,
            "description": "Текст как в источнике; «не указано», если источник его не называет",
        }
    ),
]


@dataclass(frozen=True, order=True)
class YearRange:
    start: int
    end: int

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4}))?\s*(?:гг?\.?|годы|год|роки|рік)?\s*$")
_YEARS_SCHEMA: Final = {
    "anyOf": [
        {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
        {
            "type": "string",
            "pattern": rf"^\s*{_YEAR}\s*(?:[-–—]\s*{_YEAR})?\s*(?:гг?\.?|годы|год|роки|рік)?\s*$",
        },
    ],
    "examples": ["2024", "2021-2024"],
}


def parse_years(value: object) -> YearRange:
    text = _text(value)
    match = _YEARS.match(text)
    if not match:
        raise PydanticCustomError("E112", "not years", {"value": text})
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if start > end:
        raise PydanticCustomError("E113", "reversed", {"start": start, "end": end})
    _check_year(start, text.strip())
    _check_year(end, text.strip())
    return YearRange(start, end)


Years = Annotated[
    YearRange,
    PlainValidator(parse_years),
    WithJsonSchema(_YEARS_SCHEMA),
]

_INN_WEIGHTS: Final = {
    10: ((2, 4, 10, 3, 5, 9, 4, 6, 8),),
    12: ((7, 2, 4, 10, 3, 5, 9, 4, 6, 8), (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)),
}


def _inn(value: object) -> str:
    """ИНН of the body (10 digits for an organisation, 12 for a person): it names the open-data
    sets, so a mistyped one is caught by its check digits rather than published."""
    text = _text(value).strip()
    if not re.fullmatch(r"\d{10}|\d{12}", text):
        raise PydanticCustomError("E300", "not an INN", {"value": text})
    digits = [int(d) for d in text]
    for weights in _INN_WEIGHTS[len(text)]:
        check = sum(w * d for w, d in zip(weights, digits, strict=False)) % 11 % 10
        if digits[len(weights)] != check:
            raise PydanticCustomError("E301", "INN check digit", {"value": text})
    return text


Inn = Annotated[
    str,
    PlainValidator(_inn),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*(?:\d{10}|\d{12})\s*$"},
                {"type": "integer", "minimum": 10**9, "maximum": 10**10 - 1},
                {"type": "integer", "minimum": 10**11, "maximum": 10**12 - 1},
            ],
            "description": "ИНН органа: 10 цифр (12 — у индивидуального предпринимателя)",
        }
    ),
]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(value: object) -> str:
    text = _plain(value).strip()
    if not _EMAIL.match(text):
        raise PydanticCustomError("E117", "not an e-mail", {"value": text})
    return text


Email = Annotated[
    str,
    PlainValidator(_email),
    WithJsonSchema({"type": "string", "pattern": r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$"}),
]


def _web_url(value: object) -> str:
    text = _plain(value).strip()
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", text):
        raise PydanticCustomError("E118", "not a web address", {"value": text})
    return text


WebUrl = Annotated[
    str,
    PlainValidator(_web_url),
    WithJsonSchema({"type": "string", "pattern": r"^\s*https?://[^\s/]+\.\S+\s*$"}),
]

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})


def is_safe_url(url: str) -> bool:
    """http(s), mailto, tel or relative; anything else (javascript:, data:, file:) is not.

    Read as a browser reads it: character references decoded (Markdown passes them on to the
    HTML, ``&#106;avascript:`` is ``javascript:``), spaces and control characters dropped."""
    import html

    compact = re.sub(r"[\x00-\x20]", "", html.unescape(url))
    match = _SCHEME.match(compact)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _link_url(value: object) -> str:
    text = _plain(value).strip()
    if not is_safe_url(text):
        raise PydanticCustomError("E115", "unsafe link", {"url": text})
    return text


LinkUrl = Annotated[
    str,
    PlainValidator(_link_url),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[\x00-\x20]*(?:(?:[hH][tT][tT][pP][sS]?|[mM][aA][iI][lL][tT][oO]|[tT][eE][lL])"
            r"[\x00-\x20]*:|(?![a-zA-Z][a-zA-Z0-9+.-]*[\x00-\x20]*:))",
            "description": "Адрес http(s), mailto:, tel: или путь к файлу в папке содержимого",
        }
    ),
]

E = TypeVar("E", bound=enum.Enum)


def _choice(
    enum_cls: type[E],
    aliases: dict[str, E] | None = None,
    code: str = "E107",
    labels: dict[E, str] | None = None,
) -> Callable[[object], E]:
    """A validator reading an enum from text, case-insensitively, with aliases (ru, uk)."""
    table: dict[str, E] = {_fold(m.value): m for m in enum_cls}
    table.update({_fold(k): v for k, v in (aliases or {}).items()})
    allowed = ", ".join(f"{m.value} («{labels[m]}»)" if labels else m.value for m in enum_cls)

    def validate(value: object) -> E:
        text = _text(value)
        found = table.get(_fold(text))
        if found is None:
            raise PydanticCustomError(code, "bad choice", {"value": text, "allowed": allowed})
        return found

    return validate


def _accepted(enum_cls: type[enum.Enum], aliases: dict[str, Any] | None = None) -> WithJsonSchema:
    """The values an editor is offered (``enum``), and every spelling the loader accepts."""
    words = sorted({m.value for m in enum_cls} | set(aliases or {}))
    return WithJsonSchema(
        {"anyOf": [{"enum": words}, {"type": "string", "pattern": folded_pattern(words)}]}
    )


# --- enums -----------------------------------------------------------------------------------


class Language(enum.Enum):
    RU = "ru"
    UK = "uk"


class IncomeDisclosure(enum.Enum):
    SUSPENDED = "suspended"
    PUBLISHED = "published"


class ActKind(enum.Enum):
    POSTANOVLENIE = "постановление"
    RASPORYAZHENIE = "распоряжение"
    PRIKAZ = "приказ"
    RESHENIE = "решение"
    UKAZ = "указ"


ACT_KIND_UK: Final = {
    ActKind.POSTANOVLENIE: "постанова",
    ActKind.RASPORYAZHENIE: "розпорядження",
    ActKind.PRIKAZ: "наказ",
    ActKind.RESHENIE: "рішення",
    ActKind.UKAZ: "указ",
}


class Level(enum.Enum):
    FEDERAL = "federal"
    REGIONAL = "regional"
    MUNICIPAL = "municipal"
    INTERNAL = "internal"


class ActStatus(enum.Enum):
    ACTIVE = "active"
    REPEALED = "repealed"


class Status(enum.StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    PARTIALLY_DONE = "partially_done"
    NOT_DONE = "not_done"
    NOT_DUE = "not_due"
    NOT_APPLICABLE = "not_applicable"
    NO_OCCASION = "no_occasion"
    NO_INFORMATION = "no_information"


STATUS_LABELS: Final[dict[Status, dict[str, str]]] = {
    Status.DONE: {"ru": "Выполнено", "uk": "Виконано"},
    Status.IN_PROGRESS: {"ru": "Выполняется", "uk": "Виконується"},
    Status.PARTIALLY_DONE: {"ru": "Выполнено частично", "uk": "Виконано частково"},
    Status.NOT_DONE: {"ru": "Не выполнено", "uk": "Не виконано"},
    Status.NOT_DUE: {"ru": "Срок не наступил", "uk": "Термін не настав"},
    Status.NOT_APPLICABLE: {
        "ru": "Не относится к компетенции",
        "uk": "Не відноситься до компетенції",
    },
    Status.NO_OCCASION: {"ru": "Основания не возникали", "uk": "Підстави не виникали"},
    Status.NO_INFORMATION: {"ru": "Сведения не представлены", "uk": "Відомості не надано"},
}
# Statuses under which a result may have no text: nothing was due, the occasion did not arise
# (the status says all there is), or the source gives nothing.
TEXT_OPTIONAL: Final = frozenset({Status.NOT_DUE, Status.NO_OCCASION, Status.NO_INFORMATION})
# Statuses left out of the share of fulfilled measures: nothing could be done under them.
NOT_COUNTED: Final = (Status.NOT_APPLICABLE, Status.NO_OCCASION)
# How reports word "the occasion did not arise" besides the label itself.
_NO_OCCASION_WORDS: Final = (
    "случаев не выявлено",
    "случаи не выявлены",
    "события не происходили",
    "оснований не возникало",
    "основания не возникали",
    "не возникало",
    "не возникали",
    "випадків не виявлено",
    "підстав не виникало",
)


class Subsection(enum.StrEnum):
    """The subsections of the section (``subsection:`` of a page), in the order the section home
    lists them; their titles and addresses are in :mod:`generator.site.i18n`."""

    ACTS = "acts"
    EXPERTISE = "expertise"
    METHODS = "methods"
    FORMS = "forms"
    INCOME = "income"
    COMMISSION = "commission"
    FEEDBACK = "feedback"
    PLANS = "plans"
    REPORTS = "reports"


SUBSECTIONS: Final = tuple(Subsection)

_ACT_KIND_ALIASES = {v: k for k, v in ACT_KIND_UK.items()}
_STATUS_ALIASES = {
    label: status for status, labels in STATUS_LABELS.items() for label in labels.values()
} | dict.fromkeys(_NO_OCCASION_WORDS, Status.NO_OCCASION)
ActKindField = Annotated[
    ActKind,
    PlainValidator(_choice(ActKind, _ACT_KIND_ALIASES)),
    _accepted(ActKind, _ACT_KIND_ALIASES),
]
StatusField = Annotated[
    Status,
    PlainValidator(
        _choice(
            Status,
            _STATUS_ALIASES,
            code="E114",
            labels={status: labels["ru"] for status, labels in STATUS_LABELS.items()},
        )
    ),
    _accepted(Status, _STATUS_ALIASES),
]
LevelField = Annotated[Level, PlainValidator(_choice(Level)), _accepted(Level)]
ActStatusField = Annotated[ActStatus, PlainValidator(_choice(ActStatus)), _accepted(ActStatus)]
LanguageField = Annotated[Language, PlainValidator(_choice(Language)), _accepted(Language)]
IncomeField = Annotated[
    IncomeDisclosure, PlainValidator(_choice(IncomeDisclosure)), _accepted(IncomeDisclosure)
]
SubsectionField = Annotated[
    str,
    PlainValidator(lambda v: _subsection(v)),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(SUBSECTIONS)},
                {"type": "string", "pattern": r"^\s*(?:" + "|".join(SUBSECTIONS) + r")\s*$"},
            ]
        }
    ),
]


def _subsection(value: object) -> str:
    import difflib

    text = _text(value).strip()
    if text not in SUBSECTIONS:
        close = difflib.get_close_matches(text, SUBSECTIONS, n=1, cutoff=0.6)
        suggestion = (
            f"возможно, имелось в виду «{close[0]}»"
            if close
            else "допустимые подразделы: " + ", ".join(SUBSECTIONS)
        )
        raise PydanticCustomError(
            "E207", "unknown subsection", {"value": text, "suggestion": suggestion}
        )
    return text


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


def _deadline(value: object) -> str:
    """One term, several terms on separate lines (a ``|`` block), or a list of terms: kept as
    lines, which the pages show as lines."""
    if isinstance(value, list):
        if not value:
            raise PydanticCustomError("E108", "empty list", {})
        lines = []
        for i, item in enumerate(value, start=1):
            if item is not None and not isinstance(item, str):
                raise PydanticCustomError(
                    "E131", "deadline item", {"index": i, "received": describe(item)}
                )
            if not item or not item.strip():
                raise PydanticCustomError("E132", "empty item", {"index": i, "field": "deadline"})
            lines.append(_plain(item).strip())
        return "\n".join(lines)
    text = _plain(value)
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


Deadline = Annotated[
    str,
    PlainValidator(_deadline),
    WithJsonSchema(
        {
            "anyOf": [_ONE_LINE, {"type": "array", "minItems": 1, "items": _ONE_LINE}],
            "description": "Срок как напечатан; несколько сроков — строками блока «|» или списком",
        }
    ),
]


# --- site.yaml -------------------------------------------------------------------------------


class Organization(Model):
    """Орган власти, которому принадлежит раздел."""

    name: NonBlank = Field(description="Полное наименование органа")
    short_name: NonBlank | None = Field(None, description="Краткое наименование")
    address: RequisiteText = Field(description="Почтовый адрес (для обращений) или «не указано»")
    website: WebUrl | None = Field(None, description="Адрес главной страницы официального сайта")
    inn: Inn | None = Field(
        None, description="ИНН органа: из него составляются идентификаторы открытых данных"
    )


class Contacts(Model):
    """Каналы обратной связи для сообщений о фактах коррупции."""

    hotline_phone: RequisiteText | None = Field(
        None, description="Телефон доверия или «не указано»"
    )
    email: Email | None = Field(None, description="Адрес электронной почты для обращений")
    reception: NonBlank | None = Field(None, description="Место и часы приема граждан")
    feedback_url: WebUrl | None = Field(None, description="Адрес электронной формы обращения")


class Site(Model):
    """Файл site.yaml: сведения об органе и настройки раздела."""

    organization: Organization = Field(description="Орган власти")
    language: LanguageField = Field(Language.RU, description="Язык раздела: ru или uk")
    contacts: Contacts = Field(default_factory=Contacts, description="Контакты для обращений")
    income_disclosure: IncomeField = Field(
        IncomeDisclosure.SUSPENDED,
        description="suspended — уведомление по Указу № 968; published — таблица сведений",
    )
    requirements: NonBlank = Field("federal", description="Профиль требований для проверки")
    updated: Date | None = Field(None, description="Дата последнего изменения содержимого")
    demonstration: Markdown | None = Field(
        None, description="Пометка о демонстрационном характере сайта (Markdown)"
    )


# --- plans/<stem>.yaml -----------------------------------------------------------------------


class ActReference(Model):
    """Реквизиты акта, утвердившего план или внесшего в него изменения."""

    act: ActKindField = Field(description="Вид акта: постановление, распоряжение, приказ ...")
    authority: NonBlank | None = Field(None, description="Кем принят (по умолчанию — сам орган)")
    date: RequisiteDate = Field(description="Дата акта")
    number: RequisiteNumber = Field(description="Номер акта")
    title: NonBlank | None = Field(None, description="Заголовок акта")
    file: NonBlank | None = Field(None, description="Файл подписанного оригинала (files/...)")
    url: LinkUrl | None = Field(None, description="Ссылка на официальный текст")
    note: NonBlank | None = Field(None, description="Примечание (например, что видно в скане)")
    text: Markdown | None = Field(None, description="Полный текст акта (Markdown)")


class Measure(Model):
    """Мероприятие плана."""

    number: Number = Field(description="Номер как напечатан: 1.1, 2.1.3, 1)")
    id: Number | None = Field(None, description="Явный ключ, если номер повторяется")
    text: Markdown = Field(description="Мероприятие (Markdown)")
    executors: Annotated[
        list[NonBlank],
        BeforeValidator(_one_or_many),
        WithJsonSchema(
            {"anyOf": [_ONE_LINE, {"type": "array", "minItems": 1, "items": _ONE_LINE}]}
        ),
    ] = Field(min_length=1, description="Исполнители: список или одна строка")
    deadline: Deadline = Field(description="Срок исполнения, как напечатан")
    expected_result: Markdown | None = Field(None, description="Ожидаемый результат (Markdown)")


class Section(Model):
    """Раздел плана; разделы вкладываются на любую глубину."""

    number: Number = Field(description="Номер раздела как напечатан: 1, 1., I, 2.1")
    id: Number | None = Field(None, description="Явный ключ раздела")
    title: NonBlank = Field(description="Наименование раздела")
    measures: list[Measure] = Field(default_factory=list, description="Мероприятия раздела")
    sections: list[Section] = Field(default_factory=list, description="Вложенные разделы")


class Plan(Model):
    """Файл plans/<имя>.yaml: план мероприятий по противодействию коррупции."""

    title: NonBlank = Field(description="Наименование плана")
    years: Years = Field(description="Год (2024) или диапазон лет (2021-2024)")
    approved: ActReference = Field(description="Акт, утвердивший план")
    amendments: list[ActReference] = Field(
        default_factory=list, description="Акты о внесении изменений"
    )
    sections: list[Section] = Field(min_length=1, description="Разделы плана")


# --- reports/<stem>.yaml ---------------------------------------------------------------------


class Link(Model):
    """Ссылка на подтверждающий документ."""

    title: NonBlank = Field(description="Название документа")
    url: LinkUrl = Field(description="Адрес или путь к файлу (files/...)")


class Period(Model):
    """Отчетный период."""

    start: Date = Field(alias="from", description="Начало периода")
    end: Date = Field(alias="to", description="Конец периода")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise PydanticCustomError(
                "E113", "reversed", {"start": self.start.isoformat(), "end": self.end.isoformat()}
            )
        return self

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)

    @property
    def whole_years(self) -> bool:
        """Whether the period runs from a 1 January to a 31 December (then it is named by its
        years alone)."""
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    def __str__(self) -> str:
        if self.whole_years:
            first, last = self.start.year, self.end.year
            return str(first) if first == last else f"{first}–{last}"
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


_PERIOD_SCHEMA: Final = {
    "type": "object",
    "title": "Даты начала и конца периода",
    "properties": {
        "from": {"type": "string", "pattern": _DATE_PATTERN, "description": "Начало периода"},
        "to": {"type": "string", "pattern": _DATE_PATTERN, "description": "Конец периода"},
    },
    "required": ["from", "to"],
    "additionalProperties": False,
}


def _period(value: object) -> object:
    if isinstance(value, str):
        years = parse_years(value)
        return {"from": f"{years.start}-01-01", "to": f"{years.end}-12-31"}
    return value


_TEXT_OPTIONAL_WORDS: Final = [s.value for s in TEXT_OPTIONAL] + [
    word for word, status in _STATUS_ALIASES.items() if status in TEXT_OPTIONAL
]


class Result(Model):
    """Результат выполнения мероприятия или целого раздела плана."""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {"oneOf": [{"required": ["measure"]}, {"required": ["section"]}]},
                {"if": {"required": ["section"]}, "then": {"required": ["text"]}},
                {"if": {"required": ["measure"]}, "then": {"required": ["status"]}},
                {
                    "if": {"required": ["measure"], "not": {"required": ["text"]}},
                    "then": {
                        "properties": {
                            "status": {
                                "type": "string",
                                "pattern": folded_pattern(_TEXT_OPTIONAL_WORDS),
                            }
                        }
                    },
                },
            ]
        }
    )

    measure: Number | None = Field(
        None, description="Ключ мероприятия плана: 1.1, 2.1.3, І.1.2 (или поле section)"
    )
    section: Number | None = Field(
        None, description="Ключ раздела плана, если результат указан для всего раздела"
    )
    status: StatusField | None = Field(
        None, description="Статус выполнения (для результата по разделу — необязателен)"
    )
    text: Markdown | None = Field(None, description="Информация о выполнении (Markdown)")
    deadline: Deadline | None = Field(
        None, description="Срок на этот отчетный период, как напечатан в отчете"
    )
    completed: Date | None = Field(None, description="Фактическая дата выполнения")
    links: list[Link] = Field(default_factory=list, description="Подтверждающие документы")

    @model_validator(mode="after")
    def _complete(self) -> Result:
        if (self.measure is None) == (self.section is None):
            advice = (
                "оставьте одно из двух полей"
                if self.measure is not None
                else "добавьте поле «measure» с ключом мероприятия или «section» с ключом раздела"
            )
            raise PydanticCustomError("E133", "measure or section", {"advice": advice})
        if self.section is not None:
            if self.text is None:
                raise PydanticCustomError("E134", "section text required", {})
            return self
        if self.status is None:
            raise PydanticCustomError("E101", "missing status", {"field": "status"})
        if self.text is None and self.status not in TEXT_OPTIONAL:
            raise PydanticCustomError("E116", "text required", {})
        return self

    @property
    def key(self) -> str:
        """The plan key the result is for: a measure's, or a section's."""
        return (self.measure or self.section or "").strip()


class Report(Model):
    """Файл reports/<имя>.yaml: отчет о выполнении плана."""

    plan: Number = Field(description="Имя файла плана без .yaml (например, 2021-2024)")
    title: NonBlank = Field(description="Наименование отчета")
    period: Annotated[
        Period,
        BeforeValidator(_period),
        WithJsonSchema({"anyOf": [_YEARS_SCHEMA, _PERIOD_SCHEMA]}),
    ] = Field(description="Год (2024), диапазон лет (2016-2017) или {from: дата, to: дата}")
    date: RequisiteDate = Field(description="Дата отчета (или «не указано», «неразборчиво»)")
    results: list[Result] = Field(min_length=1, description="Результаты по мероприятиям и разделам")


# --- acts.yaml -------------------------------------------------------------------------------


class Act(Model):
    """Нормативный правовой или иной акт в реестре."""

    level: LevelField = Field(description="Уровень: federal, regional, municipal, internal")
    act: NonBlank = Field(description="Вид акта: Федеральный закон, Указ Президента РФ ...")
    date: RequisiteDate = Field(description="Дата принятия")
    number: RequisiteNumber = Field(description="Номер")
    title: NonBlank = Field(description="Наименование")
    url: LinkUrl | None = Field(None, description="Ссылка на официальный текст")
    file: NonBlank | None = Field(None, description="Файл в папке files/")
    status: ActStatusField = Field(ActStatus.ACTIVE, description="active или repealed")
    note: NonBlank | None = Field(None, description="Примечание")


# --- pages/<name>.md -------------------------------------------------------------------------


class PageMeta(Model):
    """Заголовочный блок страницы pages/<имя>.md."""

    title: NonBlank = Field(description="Заголовок страницы")
    subsection: SubsectionField = Field(description="Подраздел, к которому относится страница")
    order: int | None = Field(None, description="Порядок внутри подраздела")
    updated: Date | None = Field(None, description="Дата последнего изменения")


Walker = Callable[[tuple[str | int, ...], str], None]


def walk_markdown(model: BaseModel, visit: Walker, path: tuple[str | int, ...] = ()) -> None:
    """Call ``visit(path, text)`` for every Markdown field value inside ``model``."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        if isinstance(value, str) and _is_markdown(info.metadata, info.annotation):
            visit((*path, key), value)
        elif isinstance(value, BaseModel):
            walk_markdown(value, visit, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    walk_markdown(item, visit, (*path, key, i))


def _is_markdown(metadata: list[Any], annotation: Any) -> bool:
    if MARKDOWN in metadata:
        return True
    return any(MARKDOWN in getattr(arg, "__metadata__", ()) for arg in typing.get_args(annotation))
