"""The open-data passports of the Methodological recommendations on open data, version 3.0:
for each data set a ``meta.csv`` (the passport), ``structure-YYYYMMDD.csv`` (the columns) and
``data-YYYYMMDD-structure-YYYYMMDD.csv`` (the data), and the registry ``list.csv``.

Pure: the passports are computed from the content; every date is a date of the content (the
earliest and latest dates of the plans, reports or acts), so two builds give the same files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Final

from generator.content import Content
from generator.opendata import columns as c
from generator.opendata.columns import Column
from generator.opendata.rows import Row, Tables, tables
from generator.reuse import Reuse, take
from generator.site.i18n import OPENDATA_ADDRESS

STANDARD: Final = "http://opendata.gosmonitor.ru/standard/3.0"
FOLDER: Final = OPENDATA_ADDRESS
"""Where the registry and the data sets lie under the section root, as the recommendations
name it."""

PASSPORT_FIELDS: Final = (
    ("standardversion", "Версия методических рекомендаций"),
    ("identifier", "Идентификационный номер"),
    ("title", "Наименование набора данных"),
    ("description", "Описание набора данных"),
    ("creator", "Владелец набора данных"),
    ("created", "Дата первой публикации набора данных"),
    ("modified", "Дата последнего внесения изменений"),
    ("subject", "Ключевые слова, соответствующие содержанию набора данных"),
    ("format", "Формат данных"),
    ("data", "Гиперссылка (URL) на набор"),
    ("structure", "Описание структуры набора данных"),
    ("publishername", "Ответственное лицо"),
    ("publisherphone", "Телефон ответственного лица"),
    ("publishermbox", "Адрес электронной почты ответственного лица"),
)
"""The passport's properties in the recommendations' order; ``data`` and ``structure`` stand
for the rows named after the files."""


@dataclass(frozen=True)
class Dataset:
    """One open-data set and everything its passport says."""

    code: str
    title: str
    description: str
    subject: str
    columns: tuple[Column, ...]
    parts: tuple[Sequence[Row], ...]  # the rows, as they were made: per plan, per report
    created: dt.date
    modified: dt.date
    identifier: str
    creator: str
    publisher: str
    phone: str
    mbox: str

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for part in self.parts for row in part)

    @property
    def folder(self) -> str:
        """The data set's folder under the section root."""
        return f"{FOLDER}{self.identifier}/"

    @property
    def structure_name(self) -> str:
        return f"structure-{self.created:%Y%m%d}"

    @property
    def data_name(self) -> str:
        return f"data-{self.modified:%Y%m%d}-{self.structure_name}"

    def passport(self, base: str = "") -> list[tuple[str, str]]:
        """``meta.csv`` as property–value pairs. The file addresses are relative to it, or
        start with ``base``, the published address of the data set's folder."""
        values = {
            "standardversion": STANDARD,
            "identifier": self.identifier,
            "title": self.title,
            "description": self.description,
            "creator": self.creator,
            "created": f"{self.created:%Y%m%d}",
            "modified": f"{self.modified:%Y%m%d}",
            "subject": self.subject,
            "format": "csv",
            "publishername": self.publisher,
            "publisherphone": self.phone,
            "publishermbox": self.mbox,
        }
        pairs = []
        for name, _label in PASSPORT_FIELDS:
            if name == "data":
                pairs.append((self.data_name, f"{base}{self.data_name}.csv"))
            elif name == "structure":
                pairs.append((self.structure_name, f"{base}{self.structure_name}.csv"))
            else:
                pairs.append((name, values[name]))
        return pairs

    def missing(self) -> list[str]:
        """Passport properties left empty because ``site.yaml`` does not give them."""
        return [name for name, value in self.passport() if not value]


_SETS: Final = {
    "plans": (
        "Планы противодействия коррупции",
        "Мероприятия планов противодействия коррупции: раздел, номер, текст, исполнители,"
        " срок, ожидаемый результат",
        "противодействие коррупции, план мероприятий, исполнители, сроки",
    ),
    "reports": (
        "Отчеты о выполнении планов противодействия коррупции",
        "Результаты выполнения мероприятий планов противодействия коррупции: статус, информация"
        " о выполнении, дата выполнения, подтверждающие документы",
        "противодействие коррупции, отчет, выполнение плана, статус выполнения",
    ),
    "acts": (
        "Нормативные правовые и иные акты в сфере противодействия коррупции",
        "Реестр актов раздела «Противодействие коррупции»: уровень, вид, дата, номер,"
        " наименование, ссылка на текст",
        "противодействие коррупции, нормативные правовые акты",
    ),
}


def datasets(
    content: Content, rows: Tables | None = None, *, reuse: Reuse | None = None
) -> list[Dataset]:
    """The body's data sets that have data and a date; none without ``organization.inn``,
    since the identifier the recommendations ask for begins with it. ``rows``: the content's
    rows, if already made. With ``reuse`` (a preview), made once per build, from the rows of
    the plans and reports that did not change taken from the previous one."""
    return take(
        reuse,
        ("datasets",),
        (content.site, content.plans, content.reports, content.acts),
        partial(_datasets, content, rows, reuse),
    )


def _datasets(content: Content, rows: Tables | None, reuse: Reuse | None) -> list[Dataset]:
    site = content.site
    inn = site.organization.inn
    if inn is None:
        return []
    found = []
    made = rows if rows is not None else tables(content, reuse)
    for code, (parts, dates) in _contents(content, made).items():
        known = sorted(dates)
        if not any(parts) or not (known or site.updated):
            continue
        title, description, subject = _SETS[code]
        phone = site.contacts.hotline_phone
        found.append(
            Dataset(
                code=code,
                title=title,
                description=description,
                subject=subject,
                columns=_COLUMNS[code],
                parts=tuple(parts),
                created=known[0] if known else _given(site.updated),
                modified=known[-1] if known else _given(site.updated),
                identifier=f"{inn}-anticorruption-{code}",
                creator=site.organization.name,
                publisher=site.organization.name,
                phone=phone if isinstance(phone, str) else "",
                mbox=site.contacts.email or "",
            )
        )
    return found


_COLUMNS: Final = {"plans": c.PLAN_COLUMNS, "reports": c.REPORT_COLUMNS, "acts": c.ACT_COLUMNS}


def _given(value: dt.date | None) -> dt.date:
    assert value is not None
    return value


def _contents(content: Content, rows: Tables) -> dict[str, tuple[list[list[Row]], list[dt.date]]]:
    """Each data set's rows, per plan or report, and the dates of what it holds."""
    plans: list[list[Row]] = []
    plan_dates: list[dt.date] = []
    for plan in content.plans:
        plans.append(rows.plans[plan.stem])
        acts = [plan.plan.approved, *plan.plan.amendments]
        plan_dates += [a.date for a in acts if isinstance(a.date, dt.date)]
    reports: list[list[Row]] = []
    report_dates: list[dt.date] = []
    for report in content.reports:
        reports.append(rows.reports[report.stem])
        if isinstance(report.report.date, dt.date):
            report_dates.append(report.report.date)
    # The registry's own date is when the section was last updated: its acts' dates are those
    # of the acts, some decades old.
    updated = content.site.updated
    act_dates = (
        [updated] if updated else [a.date for a in content.acts if isinstance(a.date, dt.date)]
    )
    return {
        "plans": (plans, plan_dates),
        "reports": (reports, report_dates),
        "acts": ([rows.acts], act_dates),
    }


def passport_notes(content: Content, reuse: Reuse | None = None) -> list[str]:
    """What the build says when the passports are missing or incomplete."""
    if content.site.organization.inn is None:
        return [
            "в site.yaml не указан ИНН органа (organization.inn): паспорта открытых данных"
            " (opendata/list.csv, meta.csv) не созданы; данные в CSV, XLSX и JSON опубликованы"
        ]
    missing = sorted(
        {name for dataset in datasets(content, reuse=reuse) for name in dataset.missing()}
    )
    if not missing:
        return []
    return [
        "паспорта открытых данных неполны: не указаны "
        + ", ".join(missing)
        + " (телефон и почта берутся из contacts в site.yaml)"
    ]


@dataclass(frozen=True)
class PassportRow:
    """A row of a passport's table on the «Открытые данные» page, with its RDFa property."""

    label: str
    value: str
    prop: str = ""
    content: str = ""
    href: str = ""


_PROPERTIES: Final = {
    "identifier": "dc:identifier",
    "title": "dc:title",
    "description": "dc:description",
    "creator": "dc:creator",
    "created": "dc:created",
    "modified": "dc:modified",
    "subject": "dc:subject",
    "format": "dc:format",
    "publishername": "foaf:name",
    "publisherphone": "foaf:phone",
    "publishermbox": "foaf:mbox",
}


def page_rows(dataset: Dataset) -> list[PassportRow]:
    """The passport as the page shows it: every property of ``meta.csv``, the files as links
    relative to the page (which lies in the registry's folder)."""
    labels = dict(PASSPORT_FIELDS)
    rows = []
    for name, value in dataset.passport():
        if name.startswith(("data-", "structure-")):
            key = "data" if name.startswith("data-") else "structure"
            href = f"{dataset.identifier}/{value}"
            rows.append(PassportRow(labels[key], value, href=href))
            continue
        content = ""
        shown = value
        if name in ("created", "modified"):
            date = dataset.created if name == "created" else dataset.modified
            content, shown = date.isoformat(), f"{date:%d.%m.%Y}"
        href = STANDARD if name == "standardversion" else ""
        rows.append(PassportRow(labels[name], shown, _PROPERTIES.get(name, ""), content, href))
    rows.append(
        PassportRow(
            "Паспорт набора данных (meta.csv)", "meta.csv", href=f"{dataset.identifier}/meta.csv"
        )
    )
    return rows


def registry(sets: Sequence[Dataset], base: str = "") -> list[list[str]]:
    """``list.csv``: the version row, then one row per data set pointing at its passport
    (relative to the registry, or under ``base``, the registry's published folder)."""
    rows = [["property", "title", "value", "format"]]
    rows.append(["standardversion", "Версия методических рекомендаций", STANDARD, ""])
    rows += [[s.identifier, s.title, f"{base}{s.identifier}/meta.csv", "csv"] for s in sets]
    return rows


def structure(columns: Sequence[Column]) -> list[list[str]]:
    """``structure-….csv``: the field names of the data file, described in both languages."""
    rows = [["field name", "english description", "russian description", "format"]]
    rows += [[col.name, col.english, col.title, col.format] for col in columns]
    return rows
