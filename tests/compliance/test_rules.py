"""Each rule, against a site that passes it and a copy broken in exactly that respect.

The base is the built ``content/`` site, which passes every federal rule. Each failing case edits
the built HTML or files the way a careless template change or upload would, and asserts that the
named rule, and only that rule, fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.compliance.profiles import load_profile
from tests.compliance.conftest import (
    edit_html,
    failed,
    pdf_with_text,
    pdf_without_text,
    run_check,
)

Breaker = Callable[[Path], None]

HOME = "index.html"
ACTS = "normativnye-akty/index.html"
EXPERTISE = "antikorrupcionnaya-ekspertiza/index.html"
INCOME = "svedeniya-o-dohodah/index.html"
COMMISSION = "komissiya/index.html"
FEEDBACK = "obratnaya-svyaz/index.html"
PLAN = "plany-i-otchety/2021-2024/index.html"
METHODS = "metodicheskie-materialy/index.html"


def _one(soup: BeautifulSoup, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def _set_text(selector: str, text: str) -> Callable[[BeautifulSoup], None]:
    def change(soup: BeautifulSoup) -> None:
        _one(soup, selector).string = text

    return change


def _remove(selector: str) -> Callable[[BeautifulSoup], None]:
    def change(soup: BeautifulSoup) -> None:
        found = soup.select(selector)
        assert found, selector
        for tag in found:
            tag.decompose()

    return change


def _edit(page: str, change: Callable[[BeautifulSoup], None]) -> Breaker:
    return lambda site: edit_html(site, page, change)


def _swap_first_subsections(soup: BeautifulSoup) -> None:
    items = soup.select(".ak-subsections__list > li")
    first, second = items[0], items[1]
    second.extract()
    first.insert_before(second)


def _unlink_commission_in_body(soup: BeautifulSoup) -> None:
    for anchor in soup.select('.ak-subsections__list a[href="komissiya/"]'):
        anchor.parent.decompose()  # type: ignore[union-attr]


def _append(selector: str, html: str) -> Callable[[BeautifulSoup], None]:
    def change(soup: BeautifulSoup) -> None:
        _one(soup, selector).append(BeautifulSoup(html, "html.parser"))

    return change


def _drop_lang(soup: BeautifulSoup) -> None:
    del _one(soup, "html")["lang"]


def _add_file(name: str, data: bytes, link_from: str = METHODS) -> Breaker:
    def change(site: Path) -> None:
        (site / "files").mkdir(exist_ok=True)
        (site / "files" / name).write_bytes(data)
        depth = link_from.count("/")
        edit_html(
            site,
            link_from,
            _append("article", f'<p><a href="{"../" * depth}files/{name}">Документ</a></p>'),
        )

    return change


FAILING: dict[str, list[tuple[str, Breaker]]] = {
    "section-title": [
        ("renamed", _edit(HOME, _set_text("article h1", "Антикоррупционная деятельность"))),
    ],
    "subsections-present": [
        ("renamed", _edit(COMMISSION, _set_text("article h1", "Комиссия"))),
    ],
    "subsections-nonempty": [
        ("emptied", _edit(EXPERTISE, _remove("article .ak-page"))),
    ],
    "subsections-order": [
        ("swapped", _edit(HOME, _swap_first_subsections)),
    ],
    "subsections-reachable": [
        ("only-in-sidebar", _edit(HOME, _unlink_commission_in_body)),
    ],
    "acts-requisites": [
        ("no-number", _edit(ACTS, _set_text('[data-ak-act-row] [data-ak-requisite="number"]', ""))),
        (
            "bad-date",
            _edit(ACTS, _set_text('[data-ak-act-row] [data-ak-requisite="date"]', "2008")),
        ),
        ("no-acts", _edit(ACTS, _remove("[data-ak-act-row]"))),
    ],
    "plan-approval": [
        (
            "no-number",
            _edit(PLAN, _remove('[data-ak-act="approved"] [data-ak-requisite="number"]')),
        ),
        ("no-act", _edit(PLAN, _remove(".ak-requisites"))),
    ],
    "illegible-requisites": [
        (
            "illegible-number",
            _edit(
                PLAN,
                _append(
                    '[data-ak-act="approved"] [data-ak-requisite="number"]',
                    '<span class="ak-illegible">неразборчиво в источнике</span>',
                ),
            ),
        ),
    ],
    "income": [
        ("no-notice", _edit(INCOME, _set_text(".ak-income-notice p", "Сведения будут позже."))),
    ],
    "feedback": [
        ("no-phone", _edit(FEEDBACK, _remove('article a[href^="tel:"]'))),
        ("no-mail", _edit(FEEDBACK, _remove('article a[href^="mailto:"]'))),
        ("no-address", _edit(FEEDBACK, _remove('[data-ak-contact="address"]'))),
        ("no-59-fz", _edit(FEEDBACK, _remove("article .ak-page"))),
    ],
    "page-metadata": [
        ("no-lang", _edit(COMMISSION, _drop_lang)),
        ("no-title", _edit(COMMISSION, _remove("head title"))),
    ],
    "page-updated": [
        ("no-date", _edit(COMMISSION, _remove(".ak-updated"))),
    ],
    "attachments": [
        ("archive", _add_file("documents.zip", b"PK\x03\x04" + b"\x00" * 26)),
        ("closed-format", _add_file("plan.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 60)),
        ("scan", _add_file("scan.pdf", pdf_without_text())),
        ("unlinked-archive", lambda site: _put(site, "files/old.rar", b"Rar!\x1a\x07\x00")),
    ],
    "no-external-resources": [
        (
            "cdn-script",
            _edit(
                COMMISSION, _append("head", '<script src="https://cdn.example.com/x.js"></script>')
            ),
        ),
        (
            "web-font",
            lambda site: _append_css(site, "@import url(https://fonts.example.com/css?f=Roboto);"),
        ),
        (
            "protocol-relative-image",
            _edit(COMMISSION, _append("article", '<img src="//img.example.com/a.png" alt="">')),
        ),
    ],
    "internal-links": [
        ("missing-page", _edit(COMMISSION, _append("article", '<a href="../nowhere/">x</a>'))),
        (
            "missing-anchor",
            _edit(HOME, _append("article", '<a href="plany-i-otchety/2021-2024/#m-99-99">x</a>')),
        ),
    ],
}


def _put(site: Path, name: str, data: bytes) -> None:
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_bytes(data)


def _append_css(site: Path, text: str) -> None:
    css = site / "assets" / "antikor" / "antikor.css"
    css.write_text(text + "\n" + css.read_text(encoding="utf-8"), encoding="utf-8")


CASES = [(rule, name, breaker) for rule, cases in FAILING.items() for name, breaker in cases]


def test_every_federal_rule_has_a_failing_case() -> None:
    assert {rule.id for rule in load_profile("federal").rules} == set(FAILING)


def test_the_base_site_passes_every_federal_rule(site_copy: Callable[[str], Path]) -> None:
    assert failed(site_copy("content")) == set()


@pytest.mark.parametrize(("rule", "case", "breaker"), CASES, ids=[f"{r}-{c}" for r, c, _ in CASES])
def test_breaking_one_thing_fails_exactly_that_rule(
    rule: str, case: str, breaker: Breaker, site_copy: Callable[[str], Path]
) -> None:
    site = site_copy("content")
    breaker(site)
    results = {r.rule.id: r for r in run_check(site)}
    assert {key for key, r in results.items() if not r.passed} == {rule}
    for failure in results[rule].failures:
        assert failure.problem and failure.fix and failure.element


def test_a_pdf_with_a_text_layer_and_open_formats_pass(site_copy: Callable[[str], Path]) -> None:
    site = site_copy("content")
    _add_file("plan.pdf", pdf_with_text("Plan of anti-corruption measures for 2024"))(site)
    _add_file("form.docx", b"PK\x03\x04" + b"\x00" * 26, link_from=FEEDBACK)(site)
    _put(site, "files/report.odt", b"PK\x03\x04" + b"\x00" * 26)
    assert failed(site) == set()


def test_a_link_to_a_missing_attachment_fails_attachments_and_links(
    site_copy: Callable[[str], Path],
) -> None:
    site = site_copy("content")
    edit_html(site, METHODS, _append("article", '<a href="../files/gone.pdf">Документ</a>'))
    results = {r.rule.id: r for r in run_check(site)}
    assert {key for key, r in results.items() if not r.passed} == {"attachments", "internal-links"}
    assert results["attachments"].failures[0].problem == "файл отсутствует"


def test_income_passes_with_the_table_form_instead_of_the_notice(
    site_copy: Callable[[str], Path],
) -> None:
    site = site_copy("content")
    columns = [
        "№ п/п",
        "Фамилия и инициалы",
        "Должность",
        "Объекты недвижимости в собственности",
        "Объекты недвижимости в пользовании",
        "Транспортные средства (вид, марка)",
        "Декларированный годовой доход (руб.)",
        "Сведения об источниках получения средств",
    ]
    table = "<table><tr>" + "".join(f'<th scope="col">{c}</th>' for c in columns) + "</tr></table>"

    def replace_notice(soup: BeautifulSoup) -> None:
        _one(soup, ".ak-income-notice").replace_with(BeautifulSoup(table, "html.parser"))

    edit_html(site, INCOME, replace_notice)
    assert failed(site) == set()


def test_a_feedback_form_link_stands_in_for_e_mail(site_copy: Callable[[str], Path]) -> None:
    site = site_copy("content")

    def mail_to_form(soup: BeautifulSoup) -> None:
        dd = _one(soup, '[data-ak-contact="email"]')
        dd["data-ak-contact"] = "form"
        dd.clear()
        dd.append(BeautifulSoup('<a href="https://pos.gosuslugi.ru/">форма</a>', "html.parser"))

    edit_html(site, FEEDBACK, mail_to_form)
    assert failed(site) == set()


def test_failures_name_the_page_and_the_requisite(site_copy: Callable[[str], Path]) -> None:
    site = site_copy("content")
    edit_html(site, ACTS, _set_text('[data-ak-act-row] [data-ak-requisite="number"]', ""))
    result = next(r for r in run_check(site) if r.rule.id == "acts-requisites")
    (failure,) = result.failures
    assert failure.page == "normativnye-akty/"
    assert failure.element.startswith("акт «") and failure.problem == "пустой реквизит «номер»"


def test_the_core_needs_no_files_only_parsed_pages() -> None:
    from generator.compliance import check_site
    from generator.compliance.site import BuiltSite, HtmlPage, SiteFile

    def page(path: str, kind: str, body: str) -> HtmlPage:
        html = (
            f'<html lang="ru"><head><title>Страница</title><meta name="antikor:page"'
            f' content="{kind}"></head><body><article class="md-content__inner">{body}'
            "</article></body></html>"
        )
        return HtmlPage(path, BeautifulSoup(html, "html.parser"))

    home = page("index.html", "home", "<h1>Противодействие коррупции</h1>")
    site = BuiltSite({"index.html": home}, {"index.html": SiteFile("index.html", 1)})
    results = {r.rule.id: r for r in check_site(site, load_profile("federal"))}
    assert results["section-title"].failures[0].element == "<title>"
    assert results["internal-links"].passed and results["no-external-resources"].passed
    missing = [f.element for f in results["subsections-present"].failures]
    assert (
        missing[0]
        == "подраздел «Нормативные правовые и иные акты в сфере противодействия коррупции»"
    )
    assert len(missing) == 8  # every required subsection; «Доклады, отчеты» is optional


def test_a_ukrainian_site_is_held_to_its_own_laws(site_copy: Callable[[str], Path]) -> None:
    """The feedback procedure and the income notice name the laws that bind the site's body:
    a Ukrainian body's page describes the Law «Про звернення громадян», not 59-ФЗ."""
    site = site_copy("luhansk")
    assert failed(site) == set()
    text = (site / FEEDBACK).read_text(encoding="utf-8")
    assert "59-ФЗ" not in text and "Про звернення громадян" in text
    edit_html(
        site,
        FEEDBACK,
        lambda soup: [
            node.replace_with(node.replace("Про звернення громадян", "про звернення"))
            for node in soup.find_all(string=lambda s: "Про звернення громадян" in s)
        ],
    )
    edit_html(site, INCOME, _set_text(".ak-income-notice p", "Відомості буде оприлюднено."))
    assert failed(site) == {"feedback", "income"}


def test_subsection_titles_are_held_to_the_profile_not_to_the_generator(
    site_copy: Callable[[str], Path],
) -> None:
    """A profile that requires another title fails the site the generator built, so the check
    cannot pass merely because the generator agrees with itself."""
    from importlib import resources

    from generator.compliance import check_site
    from generator.compliance.profiles import resolve_profile
    from generator.compliance.reader import read_site

    federal = (resources.files("generator") / "profiles" / "federal.yaml").read_text("utf-8")
    assert "ru: Методические материалы\n" in federal
    amended = federal.replace("ru: Методические материалы\n", "ru: Методические рекомендации\n")
    profile = resolve_profile("federal", {"federal": amended})
    results = {r.rule.id: r for r in check_site(read_site(site_copy("content")), profile)}
    assert [f.problem for f in results["subsections-present"].failures] == [
        "подраздел называется «Методические материалы»,"
        " а должен называться «Методические рекомендации»"
    ]
    assert [r.rule.id for r in results.values() if not r.passed] == ["subsections-present"]


@pytest.mark.parametrize("profile", ["altai", "tatarstan"])
def test_rules_that_read_the_home_fail_once_without_it(profile: str) -> None:
    from generator.compliance import check_site
    from generator.compliance.site import BuiltSite

    results = check_site(BuiltSite({}, {}), load_profile(profile))
    without_home = {
        r.rule.type
        for r in results
        if [f.problem for f in r.failures] == ["нет главной страницы раздела"]
    }
    assert {
        "section_title",
        "subsections_present",
        "subsections_order",
        "subsections_reachable",
    } <= without_home
    assert ("banner" in without_home) == (profile == "altai")
    assert ("subsections_one_transition" in without_home) == (profile == "tatarstan")
