"""Rules every page is held to: language and title, the date of the last change, nothing
loaded from other hosts, no broken internal links."""

from __future__ import annotations

import datetime as dt

from generator.compliance.html import (
    page_label,
    text_of,
)
from generator.compliance.loads import css_urls, external_loads
from generator.compliance.registry import Context, Failure, Params, page_rule_type, rule_type
from generator.compliance.site import HtmlPage, resolve


@page_rule_type("page_metadata")
def check_page_metadata(context: Context, params: Params, page: HtmlPage) -> list[Failure]:
    failures = []
    if not page.lang:
        failures.append(
            Failure(
                page_label(page),
                "<html lang>",
                "не указан язык страницы",
                "атрибут lang задается шаблоном main.html по полю language в site.yaml",
            )
        )
    if not text_of(page.soup.find("title")):
        failures.append(
            Failure(page_label(page), "<title>", "нет заголовка страницы", "задайте title")
        )
    if not text_of(page.main.find("h1") if page.main else None):
        failures.append(
            Failure(page_label(page), "h1", "нет заголовка первого уровня", "задайте h1")
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
                page_label(page),
                "дата последнего изменения",
                "на странице не указана дата последнего изменения"
                if not stamp
                else f"«{value}» не дата",
                "укажите updated в site.yaml или в заголовочном блоке страницы",
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
                    page_label(page),
                    f"<{tag.name}> «{text_of(tag)[:60]}» → {href}",
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
                        page_label(page),
                        f"<{tag.name}> «{text_of(tag)[:60]}» → {href}",
                        f"на странице нет якоря «#{target.fragment}»",
                        "исправьте ссылку: якорь должен совпадать с id элемента страницы",
                    )
                )
    return failures
