"""The rule types: what each kind of rule looks for in the built site.

Which rules apply, under which title and legal basis and with what parameters, is data (the
profiles); here is only the logic, keyed by the rule's ``type``. Every check is pure: the parsed
site and the profile in, a list of failures out. It reads the rendered HTML and the files, never
the content models, so it judges what a visitor (and a prosecutor) actually sees.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import TypeVar

from bs4 import Tag
from pydantic import Field

from generator import contract
from generator.compliance.loads import css_urls, external_loads
from generator.compliance.registry import Context, Failure, Params, page_rule_type, rule_type
from generator.compliance.site import BuiltSite, HtmlPage, resolve

# --- helpers ---------------------------------------------------------------------------------


def _text(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def _page_label(page: HtmlPage) -> str:
    return page.url or "./"


_DATE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Material's navigation: a sidebar on wide screens, a drawer behind the menu button on phones,
# and tabs that phones do not show. A link only there is not one click away on a phone.
_PHONE_HIDDEN_NAV = {"md-sidebar", "md-nav", "md-tabs"}


def _is_hidden(tag: Tag) -> bool:
    for node in [tag, *tag.parents]:
        if not isinstance(node, Tag):
            continue
        if node.has_attr("hidden") or node.get("aria-hidden") == "true":
            return True
        style = node.get("style")
        if isinstance(style, str) and _HIDING_STYLE.search(style):
            return True
    return False


def _classes(tag: Tag) -> set[str]:
    value = tag.get("class")
    return set(value) if isinstance(value, list) else set()


def _in_phone_hidden_nav(tag: Tag) -> bool:
    return any(isinstance(node, Tag) and _classes(node) & _PHONE_HIDDEN_NAV for node in tag.parents)


def _dropdown(tag: Tag) -> Tag | None:
    """The drop-down (details, select, menu, collapsed toggle) the tag is inside, if any."""
    for node in tag.parents:
        if not isinstance(node, Tag):
            continue
        if node.name in ("details", "select", "datalist"):
            return node
        if node.get("role") in ("menu", "listbox") or node.has_attr("aria-expanded"):
            return node
    return None


def _links_to(site: BuiltSite, home: HtmlPage, target: HtmlPage) -> list[Tag]:
    found = []
    for anchor in home.soup.find_all("a", href=True):
        href = anchor.get("href")
        if isinstance(href, str) and resolve(site, home, href).path == target.path:
            found.append(anchor)
    return found


_UNKNOWN = ".ak-illegible, .ak-not-stated"
"""Requisites the page marks as unreadable in the source, or as not given by it."""
_UNKNOWN_WORDING = {
    "illegible": ("помечен как неразборчивый в источнике", "«неразборчиво»"),
    "not-stated": ("помечен как не указанный в источнике", "«не указано»"),
}


def _illegible_fields(act: Tag) -> set[str]:
    """The requisites an act marks as unreadable in its source or not given by it
    (``data-ak-illegible``, ``data-ak-not-stated``)."""
    return {
        field
        for attribute in (contract.ILLEGIBLE, contract.NOT_STATED)
        for mark in act.select(f"[{attribute}]")
        for field in str(mark.get(attribute)).split()
    }


def _requisite_problem(cell: Tag | None, name: str) -> str | None:
    """Why a rendered requisite is not acceptable, or None. Illegible ones have their own rule."""
    if cell is None:
        return f"нет реквизита «{name}»"
    if cell.select_one(_UNKNOWN):
        return None
    text = _text(cell)
    if not text:
        return f"пустой реквизит «{name}»"
    if name == "дата" and not _DATE.match(text):
        return f"«{text}» не дата (ожидается ДД.ММ.ГГГГ)"
    return None


def _expected_subsections(context: Context) -> list[tuple[str, bool]]:
    return [(spec.key, spec.required) for spec in context.profile.subsections]


def _title(context: Context, key: str, language: str) -> str:
    """The subsection's title as the profile requires it (the requirement, not the generator,
    is what the built site is held to)."""
    spec = context.profile.subsection(key)
    return spec.title(language) if spec is not None else key


def _no_home() -> list[Failure]:
    return [
        Failure(
            "./",
            "index.html",
            "нет главной страницы раздела",
            "соберите раздел командой antikor build и проверяйте папку собранного сайта",
        )
    ]


P = TypeVar("P", bound=Params)


def needs_home(
    check: Callable[[Context, P, HtmlPage], list[Failure]],
) -> Callable[[Context, P], list[Failure]]:
    """For a rule that reads the section home: without a home it fails once, saying so, instead
    of every such rule repeating the guard."""

    @functools.wraps(check)
    def run(context: Context, params: P) -> list[Failure]:
        home = context.site.home
        return _no_home() if home is None else check(context, params, home)

    return run


# --- structure ---------------------------------------------------------------------------------


class TitleParams(Params):
    titles: dict[str, str] = Field(min_length=1, description="Название раздела по языкам")


@rule_type("section_title", TitleParams)
@needs_home
def check_section_title(context: Context, params: TitleParams, home: HtmlPage) -> list[Failure]:
    expected = params.titles.get(home.lang) or next(iter(params.titles.values()))
    failures = []
    h1 = home.main.find("h1") if home.main else None
    heading = _text(h1) if isinstance(h1, Tag) else ""
    if heading != expected:
        failures.append(
            Failure(
                "./",
                "заголовок h1",
                f"заголовок раздела «{heading}», а должен быть «{expected}»",
                f"раздел должен называться точно «{expected}»",
            )
        )
    title = _text(home.soup.find("title"))
    if expected not in title:
        failures.append(
            Failure(
                "./",
                "<title>",
                f"заголовок окна «{title}» не содержит «{expected}»",
                "название раздела должно быть в заголовке страницы",
            )
        )
    return failures


@rule_type("subsections_present")
@needs_home
def check_subsections_present(context: Context, params: Params, home: HtmlPage) -> list[Failure]:
    failures = []
    for key, required in _expected_subsections(context):
        expected = _title(context, key, home.lang)
        page = context.site.subsection_page(key)
        if page is None:
            if required:
                failures.append(
                    Failure(
                        "",
                        f"подраздел «{expected}»",
                        "подраздела нет",
                        "добавьте подраздел: страницу pages/*.md с полем"
                        f" «subsection: {key}» или соответствующие данные",
                    )
                )
            continue
        heading = _text(page.main.find("h1") if page.main else None)
        if heading != expected:
            failures.append(
                Failure(
                    _page_label(page),
                    "заголовок h1",
                    f"подраздел называется «{heading}», а должен называться «{expected}»",
                    "верните подразделу наименование, установленное требованиями",
                )
            )
    return failures


@rule_type("subsections_nonempty")
def check_subsections_nonempty(context: Context, params: Params) -> list[Failure]:
    failures = []
    for key, required in _expected_subsections(context):
        page = context.site.subsection_page(key)
        if page is None or not required or page.main is None:
            continue
        body = _copy(page.main)
        for tag in body.select("h1, .ak-updated, .md-content__button, .headerlink"):
            tag.decompose()
        if not _text(body):
            failures.append(
                Failure(
                    _page_label(page),
                    "содержимое подраздела",
                    "подраздел пуст: кроме заголовка на странице ничего нет",
                    f"наполните подраздел: добавьте страницу pages/*.md с «subsection: {key}»"
                    " (для подраздела актов — acts.yaml, для планов — plans/)",
                )
            )
    return failures


def _copy(tag: Tag) -> Tag:
    from bs4 import BeautifulSoup

    copy = BeautifulSoup(str(tag), "html.parser")
    first = copy.find(True)
    assert isinstance(first, Tag)
    return first


@rule_type("subsections_order")
@needs_home
def check_subsections_order(context: Context, params: Params, home: HtmlPage) -> list[Failure]:
    listing = home.soup.select_one(f"[{contract.SUBSECTIONS}]")
    if listing is None:
        return [
            Failure(
                "./",
                "список подразделов",
                "на главной странице раздела нет списка подразделов",
                "главная страница раздела должна перечислять подразделы",
            )
        ]
    keys_by_path = {
        p.path: p.subsection
        for p in context.site.section_pages()
        if p.kind == contract.PageKind.SUBSECTION
    }
    shown: list[str] = []
    for anchor in listing.find_all("a", href=True):
        href = anchor.get("href")
        key = keys_by_path.get(resolve(context.site, home, str(href)).path or "")
        if key and key not in shown:
            shown.append(key)
    order = [key for key, _ in _expected_subsections(context)]
    relevant = [key for key in shown if key in order]
    expected = sorted(relevant, key=order.index)
    if relevant == expected:
        return []
    first = next(i for i, (a, b) in enumerate(zip(relevant, expected, strict=True)) if a != b)
    lang = home.lang
    return [
        Failure(
            "./",
            "список подразделов",
            f"подраздел «{_title(context, relevant[first], lang)}» стоит на месте"
            f" «{_title(context, expected[first], lang)}»",
            "порядок подразделов: "
            + "; ".join(f"{i}. {_title(context, k, lang)}" for i, k in enumerate(order, 1)),
        )
    ]


@rule_type("subsections_reachable")
@needs_home
def check_subsections_reachable(context: Context, params: Params, home: HtmlPage) -> list[Failure]:
    """A visible link on the section home outside the navigation that phones hide in a drawer."""
    failures = []
    for key, _ in _expected_subsections(context):
        page = context.site.subsection_page(key)
        if page is None:
            continue
        links = [a for a in _links_to(context.site, home, page) if not _is_hidden(a)]
        if not any(not _in_phone_hidden_nav(a) for a in links):
            where = "только в боковом меню" if links else "нет видимой ссылки"
            failures.append(
                Failure(
                    "./",
                    f"ссылка на «{_title(context, key, home.lang)}»",
                    f"на главной странице раздела {where}: на телефоне подраздел не"
                    " открывается за один переход",
                    "поместите ссылку на подраздел в текст главной страницы раздела",
                )
            )
    return failures


@rule_type("subsections_one_transition")
@needs_home
def check_subsections_one_transition(
    context: Context, params: Params, home: HtmlPage
) -> list[Failure]:
    """Like reachable, and never only inside a drop-down or hidden by the phone stylesheet."""
    hidden_on_phone = _classes_hidden_on_phones(context.site)
    failures = []
    for key, _ in _expected_subsections(context):
        page = context.site.subsection_page(key)
        if page is None:
            continue
        reasons = []
        good = False
        for anchor in _links_to(context.site, home, page):
            if _is_hidden(anchor):
                reasons.append("скрыта")
            elif _in_phone_hidden_nav(anchor):
                reasons.append("в боковом меню, которое на телефоне свернуто")
            elif (dropdown := _dropdown(anchor)) is not None:
                reasons.append(f"внутри раскрывающегося элемента <{dropdown.name}>")
            elif cls := _ancestor_class_in(anchor, hidden_on_phone):
                reasons.append(f"скрыта на телефоне стилем {cls}")
            else:
                good = True
        if not good:
            failures.append(
                Failure(
                    "./",
                    f"ссылка на «{_title(context, key, home.lang)}»",
                    "ссылка "
                    + ("; ".join(sorted(set(reasons))) if reasons else "отсутствует")
                    + ": больше одного перехода",
                    "ссылка должна быть видна сразу, в том числе на телефоне, а не в"
                    " раскрывающемся списке или меню",
                )
            )
    return failures


_MEDIA_NARROW = re.compile(r"@media[^{]*max-width[^{]*\{", re.I)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS = re.compile(r"\.([A-Za-z_][\w-]*)")


def _classes_hidden_on_phones(site: BuiltSite) -> list[frozenset[str]]:
    """Class sets that a narrow-screen media query hides outright (``display: none``).

    For each selector only its last compound is read, and only when it is made of classes
    (``.a .b.c`` gives {b, c}): an element carrying all of them counts as hidden on phones,
    whatever its context. That errs towards reporting; Material's drawer is handled as
    navigation, not here.
    """
    hidden: set[frozenset[str]] = set()
    for css in site.stylesheets.values():
        for match in _MEDIA_NARROW.finditer(css):
            block = _media_block(css, match.end())
            for selectors, body in _RULE.findall(block):
                if not _HIDING_STYLE.search(body):
                    continue
                for selector in selectors.split(","):
                    last = re.split(r"[\s>+~]+", selector.strip())[-1]
                    if re.fullmatch(r"(\.[A-Za-z_][\w-]*)+", last):
                        hidden.add(frozenset(_CLASS.findall(last)))
    return sorted(hidden, key=sorted)


def _media_block(css: str, start: int) -> str:
    depth = 1
    for i in range(start, len(css)):
        if css[i] == "{":
            depth += 1
        elif css[i] == "}":
            depth -= 1
            if depth == 0:
                return css[start:i]
    return css[start:]


def _ancestor_class_in(tag: Tag, hidden: list[frozenset[str]]) -> str | None:
    """The selector (as ``.a.b``) that hides the tag or one of its ancestors on phones."""
    for node in [tag, *tag.parents]:
        if isinstance(node, Tag):
            classes = _classes(node)
            for group in hidden:
                if group <= classes:
                    return "." + ".".join(sorted(group))
    return None


# --- documents --------------------------------------------------------------------------------


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
                _page_label(page),
                "реестр актов",
                "в подразделе не перечислено ни одного акта",
                "заполните acts.yaml: вид, дата, номер и наименование каждого акта",
            )
        ]
    failures = []
    for row in rows:
        title = _text(row.select_one(f'[{contract.REQUISITE}="title"]')) or "(без наименования)"
        for field, name in _ACT_FIELDS.items():
            problem = _requisite_problem(row.select_one(f'[{contract.REQUISITE}="{field}"]'), name)
            if problem:
                failures.append(
                    Failure(
                        _page_label(page),
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
                    _page_label(page),
                    "реквизиты плана",
                    "на странице плана нет акта, которым он утвержден",
                    "укажите в плане поле approved: вид, дату и номер акта",
                )
            )
        for act in acts:
            role = "акт об утверждении" if act.get(contract.ACT) == "approved" else "изменение"
            unreadable = _illegible_fields(act)
            for field, name in _APPROVAL_FIELDS.items():
                if field in unreadable:
                    continue  # reported by the illegible_requisites rule
                problem = _requisite_problem(
                    act.select_one(f'[{contract.REQUISITE}="{field}"]'), name
                )
                if problem:
                    failures.append(
                        Failure(
                            _page_label(page),
                            role,
                            problem,
                            "укажите вид, орган, дату и номер акта (approved, amendments)",
                        )
                    )
    return failures


def subsection_address_label(context: Context, key: str) -> str:
    page = context.site.subsection_page(key)
    return _page_label(page) if page else "./"


@page_rule_type("illegible_requisites")
def check_illegible(context: Context, params: Params, page: HtmlPage) -> list[Failure]:
    failures = []
    for mark in page.soup.select(_UNKNOWN):
        kind = "illegible" if "ak-illegible" in mark.get_attribute_list("class") else "not-stated"
        attribute = contract.ILLEGIBLE if kind == "illegible" else contract.NOT_STATED
        problem, marker = _UNKNOWN_WORDING[kind]
        holder = mark.find_parent(attrs={contract.REQUISITE: True}) or mark.find_parent(
            attrs={contract.CONTACT: True}
        )
        fields = str(mark.get(attribute) or "").split() or [
            str(holder.get(contract.REQUISITE) or holder.get(contract.CONTACT)) if holder else ""
        ]
        act = mark.find_parent(attrs={contract.ACT: True}) or mark.find_parent(
            attrs={contract.ACT_ROW: True}
        )
        label = _text(act.select_one(".ak-act__label")) if act else ""
        title = _text(act.select_one(f'[{contract.REQUISITE}="title"]')) if act else ""
        where = " ".join(x for x in (label.rstrip(":"), f"«{title}»" if title else "") if x)
        for field in fields:
            name = _ACT_FIELDS.get(field) or _APPROVAL_FIELDS.get(field)
            name = name or _OTHER_FIELDS.get(field, "реквизит")
            failures.append(
                Failure(
                    _page_label(page),
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
    text = _text(page.main)
    notice = _by_language(params.notice, page)
    if all(fragment in text for fragment in notice):
        return []
    for table in page.soup.select("table"):
        headers = " ".join(_text(th).lower() for th in table.select("th"))
        if all(column.lower() in headers for column in params.table_columns):
            return []
    return [
        Failure(
            _page_label(page),
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
    label = _page_label(page)
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
    address = _text(main.select_one(f'[{contract.CONTACT}="address"]'))
    if not address or not _DIGITS.search(address):
        failures.append(
            Failure(
                label,
                "почтовый адрес",
                "нет почтового адреса" if not address else f"«{address}» не похож на адрес",
                "укажите organization.address в site.yaml: индекс, населенный пункт, улица, дом",
            )
        )
    text = _text(main)
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


@page_rule_type("page_metadata")
def check_page_metadata(context: Context, params: Params, page: HtmlPage) -> list[Failure]:
    failures = []
    if not page.lang:
        failures.append(
            Failure(
                _page_label(page),
                "<html lang>",
                "не указан язык страницы",
                "атрибут lang задается шаблоном main.html по полю language в site.yaml",
            )
        )
    if not _text(page.soup.find("title")):
        failures.append(
            Failure(_page_label(page), "<title>", "нет заголовка страницы", "задайте title")
        )
    if not _text(page.main.find("h1") if page.main else None):
        failures.append(
            Failure(_page_label(page), "h1", "нет заголовка первого уровня", "задайте h1")
        )
    return failures


@page_rule_type("page_updated")
def check_page_updated(context: Context, params: Params, page: HtmlPage) -> list[Failure]:
    failures = []
    stamp = page.soup.select_one(".ak-updated time[datetime]")
    value = str(stamp.get("datetime")) if stamp else ""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        failures.append(
            Failure(
                _page_label(page),
                "дата последнего изменения",
                "на странице не указана дата последнего изменения"
                if not stamp
                else f"«{value}» не дата",
                "укажите updated в site.yaml или в заголовочном блоке страницы",
            )
        )
    return failures


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
            linked.setdefault(target.path, (_page_label(page), _text(anchor)))
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


@rule_type("no_external_resources")
def check_no_external(context: Context, params: Params) -> list[Failure]:
    failures = []
    fix = "положите файл в сайт (папка files/ или тема) или уберите его: раздел не должен"
    fix += " ничего загружать с других сайтов"
    for _, page in sorted(context.site.pages.items()):
        for element, url in external_loads(page.soup):
            failures.append(Failure(page.url or "./", element, f"загружается с {url}", fix))
    for path, css in sorted(context.site.stylesheets.items()):
        for url in css_urls(css):
            failures.append(Failure(path, "стилевой файл", f"загружается с {url}", fix))
    return failures


_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "area": "href"}


@page_rule_type("internal_links")
def check_internal_links(context: Context, params: Params, page: HtmlPage) -> list[Failure]:
    site = context.site
    failures: list[Failure] = []
    ids: dict[str, set[str]] = context.memo.setdefault("ids", {})
    for tag in page.soup.find_all(list(_LINKING)):
        href = tag.get(_LINKING[tag.name])
        if not isinstance(href, str) or not href.strip():
            continue
        target = resolve(site, page, href)
        if target.external or target.path is None:
            continue
        if not site.exists(target.path):
            failures.append(
                Failure(
                    _page_label(page),
                    f"<{tag.name}> «{_text(tag)[:60]}» → {href}",
                    "ссылка ведет на несуществующую страницу или файл",
                    "исправьте адрес ссылки или добавьте файл",
                )
            )
            continue
        if target.fragment and target.path in site.pages:
            known = ids.get(target.path)
            if known is None:
                known = ids[target.path] = site.pages[target.path].ids()
            if target.fragment not in known:
                failures.append(
                    Failure(
                        _page_label(page),
                        f"<{tag.name}> «{_text(tag)[:60]}» → {href}",
                        f"на странице нет якоря «#{target.fragment}»",
                        "исправьте ссылку: якорь должен совпадать с id элемента страницы",
                    )
                )
    return failures


# --- regional ----------------------------------------------------------------------------------


class BannerParams(Params):
    text: str = Field(min_length=1, description="Текст баннера (его доступное имя)")


def accessible_name(tag: Tag) -> str:
    """The text a screen reader announces for a link: text, alt, aria-label, svg title."""
    parts = [str(tag.get("aria-label") or "")]
    for node in tag.find_all(True):
        if node.name == "img":
            parts.append(str(node.get("alt") or ""))
        if node.name == "svg":
            parts.append(str(node.get("aria-label") or ""))
            title = node.find("title")
            parts.append(_text(title) if isinstance(title, Tag) else "")
    parts.append(_text(tag))
    return " ".join(p for p in parts if p)


@rule_type("banner", BannerParams)
@needs_home
def check_banner(context: Context, params: BannerParams, home: HtmlPage) -> list[Failure]:
    site = context.site
    for anchor in home.soup.find_all("a", href=True):
        if _is_hidden(anchor) or resolve(site, home, str(anchor.get("href"))).external:
            continue
        graphic = anchor.find(["svg", "img"])
        if graphic is None or params.text not in accessible_name(anchor):
            continue
        if graphic.name == "img":
            src = str(graphic.get("src") or "")
            target = resolve(site, home, src)
            if target.external or not site.exists(target.path or ""):
                continue
        return []
    return [
        Failure(
            "./",
            f"баннер «{params.text}»",
            f"на главной странице раздела нет баннера «{params.text}» (изображение-ссылка"
            " с текстовой альтернативой)",
            "укажите requirements: altai в site.yaml и пересоберите раздел",
        )
    ]
