"""Rules on the section home and its subsections: the title, the subsections present, filled,
in order and one transition away, and a regional banner."""

from __future__ import annotations

from bs4 import Tag
from pydantic import Field

from generator import contract
from generator.compliance.html import (
    accessible_name,
    ancestor_class_in,
    classes_hidden_on_phones,
    copy_of,
    dropdown_of,
    in_phone_hidden_nav,
    is_hidden,
    page_label,
    text_of,
)
from generator.compliance.registry import Context, Failure, Params, rule_type
from generator.compliance.rules.common import (
    expected_subsections,
    links_to,
    needs_home,
    required_title,
)
from generator.compliance.site import HtmlPage, resolve


class TitleParams(Params):
    titles: dict[str, str] = Field(min_length=1, description="Название раздела по языкам")


@rule_type("section_title", TitleParams)
@needs_home
def check_section_title(context: Context, params: TitleParams, home: HtmlPage) -> list[Failure]:
    expected = params.titles.get(home.lang) or next(iter(params.titles.values()))
    failures = []
    h1 = home.main.find("h1") if home.main else None
    heading = text_of(h1) if isinstance(h1, Tag) else ""
    if heading != expected:
        failures.append(
            Failure(
                "./",
                "заголовок h1",
                f"заголовок раздела «{heading}», а должен быть «{expected}»",
                f"раздел должен называться точно «{expected}»",
            )
        )
    title = text_of(home.soup.find("title"))
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
    for key, required in expected_subsections(context):
        expected = required_title(context, key, home.lang)
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
        heading = text_of(page.main.find("h1") if page.main else None)
        if heading != expected:
            failures.append(
                Failure(
                    page_label(page),
                    "заголовок h1",
                    f"подраздел называется «{heading}», а должен называться «{expected}»",
                    "верните подразделу наименование, установленное требованиями",
                )
            )
    return failures


@rule_type("subsections_nonempty")
def check_subsections_nonempty(context: Context, params: Params) -> list[Failure]:
    failures = []
    for key, required in expected_subsections(context):
        page = context.site.subsection_page(key)
        if page is None or not required or page.main is None:
            continue
        body = copy_of(page.main)
        for tag in body.select("h1, .ak-updated, .md-content__button, .headerlink"):
            tag.decompose()
        if not text_of(body):
            failures.append(
                Failure(
                    page_label(page),
                    "содержимое подраздела",
                    "подраздел пуст: кроме заголовка на странице ничего нет",
                    f"наполните подраздел: добавьте страницу pages/*.md с «subsection: {key}»"
                    " (для подраздела актов — acts.yaml, для планов — plans/)",
                )
            )
    return failures


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
    order = [key for key, _ in expected_subsections(context)]
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
            f"подраздел «{required_title(context, relevant[first], lang)}» стоит на месте"
            f" «{required_title(context, expected[first], lang)}»",
            "порядок подразделов: "
            + "; ".join(f"{i}. {required_title(context, k, lang)}" for i, k in enumerate(order, 1)),
        )
    ]


@rule_type("subsections_reachable")
@needs_home
def check_subsections_reachable(context: Context, params: Params, home: HtmlPage) -> list[Failure]:
    """A visible link on the section home outside the navigation that phones hide in a drawer."""
    failures = []
    for key, _ in expected_subsections(context):
        page = context.site.subsection_page(key)
        if page is None:
            continue
        links = [a for a in links_to(context.site, home, page) if not is_hidden(a)]
        if not any(not in_phone_hidden_nav(a) for a in links):
            where = "только в боковом меню" if links else "нет видимой ссылки"
            failures.append(
                Failure(
                    "./",
                    f"ссылка на «{required_title(context, key, home.lang)}»",
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
    hidden_on_phone = classes_hidden_on_phones(context.site.stylesheets.values())
    failures = []
    for key, _ in expected_subsections(context):
        page = context.site.subsection_page(key)
        if page is None:
            continue
        reasons = []
        good = False
        for anchor in links_to(context.site, home, page):
            if is_hidden(anchor):
                reasons.append("скрыта")
            elif in_phone_hidden_nav(anchor):
                reasons.append("в боковом меню, которое на телефоне свернуто")
            elif (dropdown := dropdown_of(anchor)) is not None:
                reasons.append(f"внутри раскрывающегося элемента <{dropdown.name}>")
            elif cls := ancestor_class_in(anchor, hidden_on_phone):
                reasons.append(f"скрыта на телефоне стилем {cls}")
            else:
                good = True
        if not good:
            failures.append(
                Failure(
                    "./",
                    f"ссылка на «{required_title(context, key, home.lang)}»",
                    "ссылка "
                    + ("; ".join(sorted(set(reasons))) if reasons else "отсутствует")
                    + ": больше одного перехода",
                    "ссылка должна быть видна сразу, в том числе на телефоне, а не в"
                    " раскрывающемся списке или меню",
                )
            )
    return failures


# --- regional ----------------------------------------------------------------------------------


class BannerParams(Params):
    text: str = Field(min_length=1, description="Текст баннера (его доступное имя)")


@rule_type("banner", BannerParams)
@needs_home
def check_banner(context: Context, params: BannerParams, home: HtmlPage) -> list[Failure]:
    site = context.site
    for anchor in home.soup.find_all("a", href=True):
        if is_hidden(anchor) or resolve(site, home, str(anchor.get("href"))).external:
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
