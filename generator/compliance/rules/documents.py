"""Rules on the documents the section publishes: acts with their requisites, plans with the
acts that approved them, unreadable requisites, income, feedback, attachments."""

from __future__ import annotations

import re

from pydantic import Field

from generator import contract
from generator.compliance.html import (
    page_label,
    text_of,
)
from generator.compliance.registry import Context, Failure, Params, page_rule_type, rule_type
from generator.compliance.rules.common import (
    UNKNOWN,
    UNKNOWN_WORDING,
    illegible_fields,
    requisite_problem,
    subsection_address_label,
)
from generator.compliance.site import HtmlPage, resolve

_ACT_FIELDS = {"kind": "вид", "date": "дата", "number": "номер", "title": "наименование"}
_OTHER_FIELDS = {"report-date": "дата отчета", "address": "почтовый адрес"}


@rule_type("acts_requisites")
def check_acts_requisites(context: Context, params: Params) -> list[Failure]:
    page = context.site.subsection_page("acts")
    if page is None:
        return []  # a missing subsection is reported by subsections_present
    rows = page.soup.select(f"[{contract.ACT_ROW}]")
    if not rows:
        return [
            Failure(
                page_label(page),
                "реестр актов",
                "в подразделе не перечислено ни одного акта",
                "заполните acts.yaml: вид, дата, номер и наименование каждого акта",
            )
        ]
    failures = []
    for row in rows:
        title = text_of(row.select_one(f'[{contract.REQUISITE}="title"]')) or "(без наименования)"
        for field, name in _ACT_FIELDS.items():
            problem = requisite_problem(row.select_one(f'[{contract.REQUISITE}="{field}"]'), name)
            if problem:
                failures.append(
                    Failure(
                        page_label(page),
                        f"акт «{title}»",
                        problem,
                        "укажите в acts.yaml вид, дату, номер и наименование акта",
                    )
                )
    return failures


_APPROVAL_FIELDS = {
    "kind": "вид",
    "authority": "орган",
    "date": "дата",
    "number": "номер",
}


@rule_type("plan_approval")
def check_plan_approval(context: Context, params: Params) -> list[Failure]:
    plans = [p for p in context.site.section_pages() if p.kind == contract.PageKind.PLAN]
    if not plans:
        return [
            Failure(
                subsection_address_label(context, "plans"),
                "планы",
                "не опубликовано ни одного плана противодействия коррупции",
                "добавьте план в папку plans/",
            )
        ]
    failures = []
    for page in plans:
        acts = page.soup.select(f".ak-requisites [{contract.ACT}]")
        if not any(a.get(contract.ACT) == "approved" for a in acts):
            failures.append(
                Failure(
                    page_label(page),
                    "реквизиты плана",
                    "на странице плана нет акта, которым он утвержден",
                    "укажите в плане поле approved: вид, дату и номер акта",
                )
            )
        for act in acts:
            role = "акт об утверждении" if act.get(contract.ACT) == "approved" else "изменение"
            unreadable = illegible_fields(act)
            for field, name in _APPROVAL_FIELDS.items():
                if field in unreadable:
                    continue  # reported by the illegible_requisites rule
                problem = requisite_problem(
                    act.select_one(f'[{contract.REQUISITE}="{field}"]'), name
                )
                if problem:
                    failures.append(
                        Failure(
                            page_label(page),
                            role,
                            problem,
                            "укажите вид, орган, дату и номер акта (approved, amendments)",
                        )
                    )
    return failures


@page_rule_type("illegible_requisites")
def check_illegible(context: Context, params: Params, page: HtmlPage) -> list[Failure]:
    failures = []
    for mark in page.soup.select(UNKNOWN):
        kind = "illegible" if "ak-illegible" in mark.get_attribute_list("class") else "not-stated"
        attribute = contract.ILLEGIBLE if kind == "illegible" else contract.NOT_STATED
        problem, marker = UNKNOWN_WORDING[kind]
        holder = mark.find_parent(attrs={contract.REQUISITE: True}) or mark.find_parent(
            attrs={contract.CONTACT: True}
        )
        fields = str(mark.get(attribute) or "").split() or [
            str(holder.get(contract.REQUISITE) or holder.get(contract.CONTACT)) if holder else ""
        ]
        act = mark.find_parent(attrs={contract.ACT: True}) or mark.find_parent(
            attrs={contract.ACT_ROW: True}
        )
        label = text_of(act.select_one(".ak-act__label")) if act else ""
        title = text_of(act.select_one(f'[{contract.REQUISITE}="title"]')) if act else ""
        where = " ".join(x for x in (label.rstrip(":"), f"«{title}»" if title else "") if x)
        for field in fields:
            name = _ACT_FIELDS.get(field) or _APPROVAL_FIELDS.get(field)
            name = name or _OTHER_FIELDS.get(field, "реквизит")
            failures.append(
                Failure(
                    page_label(page),
                    f"{where}: {name}" if where else name,
                    f"реквизит «{name}» {problem}",
                    "установите реквизит по подлиннику или заверенной копии акта и замените"
                    f" {marker} на него",
                )
            )
    return failures


# --- income and feedback ------------------------------------------------------------------------


class IncomeParams(Params):
    notice: dict[str, list[str]] = Field(
        min_length=1,
        description="Фрагменты текста уведомления по языку сайта (ru — по Указу № 968)",
    )
    table_columns: list[str] = Field(
        min_length=1, description="Графы таблицы сведений о доходах (фрагменты заголовков)"
    )


@rule_type("income", IncomeParams)
def check_income(context: Context, params: IncomeParams) -> list[Failure]:
    page = context.site.subsection_page("income")
    if page is None:
        return []
    text = text_of(page.main)
    notice = _by_language(params.notice, page)
    if all(fragment in text for fragment in notice):
        return []
    for table in page.soup.select("table"):
        headers = " ".join(text_of(th).lower() for th in table.select("th"))
        if all(column.lower() in headers for column in params.table_columns):
            return []
    return [
        Failure(
            page_label(page),
            "подраздел сведений о доходах",
            "нет ни уведомления по подпункту «ж» пункта 1 Указа № 968, ни таблицы сведений"
            " по форме (не найдено: " + ", ".join(f"«{f}»" for f in notice if f not in text) + ")",
            "укажите income_disclosure: suspended (уведомление) или опубликуйте сведения"
            " по установленной форме",
        )
    ]


class FeedbackParams(Params):
    law: dict[str, list[str]] = Field(
        min_length=1, description="Ссылка на закон о порядке обращений, по языку сайта"
    )
    procedure: dict[str, list[str]] = Field(
        min_length=1,
        description="Регулярные выражения: признаки описания порядка рассмотрения, по языку сайта",
    )


def _by_language(values: dict[str, list[str]], page: HtmlPage) -> list[str]:
    """The values for the page's language; Russian where the profile gives none for it."""
    return values.get(page.lang or "ru") or values.get("ru") or next(iter(values.values()))


_DIGITS = re.compile(r"\d")


@rule_type("feedback", FeedbackParams)
def check_feedback(context: Context, params: FeedbackParams) -> list[Failure]:
    page = context.site.subsection_page("feedback")
    if page is None or page.main is None:
        return []
    main = page.main
    label = page_label(page)
    failures = []
    phones = [a for a in main.select('a[href^="tel:"]') if _DIGITS.search(str(a.get("href")))]
    if not phones:
        failures.append(
            Failure(
                label,
                "телефон доверия",
                "нет телефона доверия (ссылки tel:)",
                "укажите contacts.hotline_phone в site.yaml",
            )
        )
    mails = [a for a in main.select('a[href^="mailto:"]') if "@" in str(a.get("href"))]
    forms = main.select(
        f'[{contract.CONTACT}="form"] a[href^="http"], form[{contract.CONTACT}="form"]'
    )
    if not mails and not forms:
        failures.append(
            Failure(
                label,
                "электронная почта или форма",
                "нет ни адреса электронной почты (mailto:), ни электронной формы обращения",
                "укажите contacts.email или contacts.feedback_url в site.yaml",
            )
        )
    address = text_of(main.select_one(f'[{contract.CONTACT}="address"]'))
    if not address or not _DIGITS.search(address):
        failures.append(
            Failure(
                label,
                "почтовый адрес",
                "нет почтового адреса" if not address else f"«{address}» не похож на адрес",
                "укажите organization.address в site.yaml: индекс, населенный пункт, улица, дом",
            )
        )
    text = text_of(main)
    missing = [f"«{law}»" for law in _by_language(params.law, page) if law not in text]
    missing += [
        f"/{p}/" for p in _by_language(params.procedure, page) if not re.search(p, text, re.I)
    ]
    if missing:
        failures.append(
            Failure(
                label,
                "порядок рассмотрения обращений",
                "не описан порядок рассмотрения обращений (не найдено: " + ", ".join(missing) + ")",
                "опишите на странице pages/feedback.md порядок по Федеральному закону"
                " от 02.05.2006 № 59-ФЗ: регистрация, сроки рассмотрения, ответ",
            )
        )
    return failures


# --- every page ----------------------------------------------------------------------------------


class AttachmentParams(Params):
    formats: list[str] = Field(min_length=1, description="Открытые форматы вложений")
    data_formats: list[str] = Field(
        default_factory=list,
        description="Машиночитаемые форматы открытых данных (CSV, JSON, iCalendar): не документы",
    )
    archives: list[str] = Field(description="Расширения архивов")
    folders: list[str] = Field(description="Папки вложений: каждый файл в них проверяется")
    pdf_min_text: int = Field(1, ge=1, description="Сколько знаков текста нужно в PDF")


_PAGE_SUFFIXES = (".html", ".htm")


def _extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    for double in (".tar.gz", ".tar.bz2", ".tar.xz"):
        if name.endswith(double):
            return double[1:]
    return name.rsplit(".", 1)[-1] if "." in name else ""


@rule_type("attachments", AttachmentParams)
def check_attachments(context: Context, params: AttachmentParams) -> list[Failure]:
    site = context.site
    linked: dict[str, tuple[str, str]] = {}  # path -> (page, link text)
    failures = []
    for page in site.section_pages():
        for anchor in page.soup.find_all("a", href=True):
            target = resolve(site, page, str(anchor.get("href")))
            if target.external or target.path is None:
                continue
            if target.path.endswith(_PAGE_SUFFIXES) or target.path.startswith("assets/"):
                continue
            linked.setdefault(target.path, (page_label(page), text_of(anchor)))
    for path in sorted(site.files):
        if any(path.startswith(folder) for folder in params.folders):
            linked.setdefault(path, ("", ""))
    for path, (where, text) in sorted(linked.items()):
        element = f"файл {path}" + (f" («{text}»)" if text else "")
        extension = _extension(path)
        if path not in site.files:
            failures.append(
                Failure(where, element, "файл отсутствует", "положите файл в папку files/")
            )
        elif extension in params.archives:
            failures.append(
                Failure(
                    where,
                    element,
                    "архив: содержимое не видно без скачивания и распаковки",
                    "опубликуйте документы по отдельности в открытых форматах: "
                    + ", ".join(params.formats),
                )
            )
        elif extension in params.data_formats:
            continue
        elif extension not in params.formats:
            failures.append(
                Failure(
                    where,
                    element,
                    f"формат «{extension or 'без расширения'}» не относится к открытым",
                    "сохраните документ в одном из форматов: " + ", ".join(params.formats),
                )
            )
        elif extension == "pdf":
            info = site.files[path]
            if info.pdf_error:
                failures.append(
                    Failure(
                        where,
                        element,
                        f"PDF не читается: {info.pdf_error}",
                        "сохраните документ в PDF заново из текстового редактора",
                    )
                )
            elif (info.pdf_text_chars or 0) < params.pdf_min_text:
                failures.append(
                    Failure(
                        where,
                        element,
                        "PDF без текстового слоя (скан): текст нельзя найти и скопировать",
                        "сохраните документ в PDF из текстового редактора или распознайте скан"
                        " с текстовым слоем",
                    )
                )
    return failures
