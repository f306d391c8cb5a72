"""Attacks on the published site through its content, beyond the reported ones: markup in every
field of site.yaml, links with every scheme and disguise Markdown allows, quotes that would
leave an attribute, lookalike characters, very long values, template syntax, and the search
page that shows indexed text. Each attack is either refused by validation with a positioned
message, or built into pages where it is text: no script, no handler, no load from another
host; the browser tests open the pages and watch for script running."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.compliance.loads import external_loads
from generator.pipeline import load_content
from tests.conftest import run_antikor
from tests.security.conftest import active_markup, build_in_process, read_yaml, write_yaml

SITE_FIELDS = [
    ("organization", "name"),
    ("organization", "short_name"),
    ("organization", "address"),
    ("organization", "website"),
    ("contacts", "hotline_phone"),
    ("contacts", "email"),
    ("contacts", "reception"),
    ("contacts", "feedback_url"),
    ("requirements",),
]


def _set(content: Path, file: str, path: tuple[Any, ...], value: object) -> None:
    data = read_yaml(content / file)
    node: Any = data
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
    node[path[-1]] = value
    write_yaml(content / file, data)


def _safe_or_refused(content: Path, site: Path) -> str:
    """Validate; if the content passes, build it and check every page. What validate said."""
    loaded, diagnostics = load_content(content)
    said = diagnostics.report()
    if loaded is not None and not diagnostics.failed():
        build_in_process(content, site)
        for page in sorted(site.rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            soup = BeautifulSoup(html, "html.parser", on_duplicate_attribute="ignore")
            assert active_markup(html) == [], page
            assert list(external_loads(soup)) == [], page
    return said


@pytest.mark.parametrize("path", SITE_FIELDS, ids=".".join)
@pytest.mark.parametrize(
    "markup",
    ["<script>alert(1)</script>", "<svg/onload=alert(1)>", "</span><img src=x onerror=alert(1)>"],
)
def test_markup_in_every_site_field_is_refused(
    minimal: Path, path: tuple[str, ...], markup: str
) -> None:
    _set(minimal, "site.yaml", path, f"x{markup}")
    result = run_antikor("validate", "--content", str(minimal))
    assert result.exit_code == 1
    assert "site.yaml:" in result.stderr and "ошибка E120" in result.stderr


# (Markdown, what validate says): E115 refuses the link; W203 warns that HTML is shown as text;
# None: Markdown renders it safely (an image is dropped, a quote stays in the address).
MARKDOWN_ATTACKS: list[tuple[str, str | None]] = [
    ("[x](javascript:alert(1))", "E115"),
    ("[x](JaVaScRiPt:alert(1))", "E115"),
    ("[x](java\tscript:alert(1))", "E115"),
    ("[x](java\nscript:alert(1))", "E115"),
    ("[x](&#106;avascript:alert(1))", "E115"),
    ("[x](&#x6A;avascript:alert(1))", "E115"),
    ("[x](javascript&colon;alert(1))", "E115"),
    ("[x](vbscript:msgbox(1))", "E115"),
    ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "E115"),
    ("[x](file:///etc/passwd)", "E115"),
    ("[x][r]\n\n[r]: javascript:alert(1)", "E115"),
    ('[x][r]\n\n[r]: <javascript:alert(1)> "t"', "E115"),
    ("<javascript:alert(1)>", "E115"),
    ("<vbscript:msgbox(1)>", "E115"),
    ("![x](javascript:alert(1))", "E115"),
    ("[x](<javascript:alert(1)>)", "E115"),
    ("![x](https://evil.example/a.png)", None),
    ("![x](//evil.example/a.png)", None),
    ('[x](https://a.ru/"onmouseover="alert(1))', None),
    ('[x](https://a.ru/ "t\\" onmouseover=\\"alert(1)")', None),
    ('<a href="javascript:alert(1)">x</a>', "W203"),
    ("<img src=x onerror=alert(1)>", "W203"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "W203"),
    ("<style>@import '//evil.example/s.css';</style>", "W203"),
    ("<!-- <script>alert(1)</script> -->", "W203"),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "W203"),
    ("```\n</code></pre><script>alert(1)</script>\n```", "W203"),
    ("`<script>alert(1)</script>`", "W203"),
    ("| a | <script>alert(1)</script> |\n|---|---|\n| b | c |", "W203"),
    ("> <script>alert(1)</script>", "W203"),
    ("**<script>**alert(1)**</script>**", "W203"),
]
MARKDOWN_LINKS = [text for text, _ in MARKDOWN_ATTACKS]


@pytest.mark.parametrize(("text", "code"), MARKDOWN_ATTACKS)
def test_markdown_attacks_are_refused_or_shown_as_text(
    minimal: Path, tmp_path: Path, text: str, code: str | None
) -> None:
    _set(minimal, "plans/2021-2024.yaml", ("sections", 0, "measures", 1, "text"), text)
    said = _safe_or_refused(minimal, tmp_path / "site")
    if code:
        assert f" {code}: " in said, said
    else:
        assert "Ошибок: 0, предупреждений: 0" in said, said


@pytest.mark.parametrize(
    ("file", "path"),
    [("reports/2024.yaml", ("results", 0, "text")), ("site.yaml", ("demonstration",))],
    ids=["result", "demonstration"],
)
def test_every_shown_attack_in_other_markdown_fields(
    minimal: Path, tmp_path: Path, file: str, path: tuple[Any, ...]
) -> None:
    shown = [text for text, code in MARKDOWN_ATTACKS if code != "E115"]
    _set(minimal, file, path, "\n\n".join(shown))
    said = _safe_or_refused(minimal, tmp_path / "site")
    assert "Ошибок: 0" in said and (tmp_path / "site" / "index.html").exists()


def test_a_page_body_with_every_attack(minimal: Path, tmp_path: Path) -> None:
    page = minimal / "pages" / "feedback.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(MARKDOWN_LINKS), encoding="utf-8"
    )
    said = _safe_or_refused(minimal, tmp_path / "site")
    assert "pages/feedback.md" in said and "E115" in said


@pytest.mark.parametrize(
    ("file", "path", "value"),
    [
        (
            "reports/2024.yaml",
            ("results", 0, "links", 0, "url"),
            'https://a.ru/"onmouseover="alert(1)"',
        ),
        ("reports/2024.yaml", ("results", 0, "links", 0, "url"), "https://a.ru/'><script>"),
        ("acts.yaml", (0, "url"), 'https://a.ru/?a=1&b=2"><svg onload=alert(1)>'),
        ("acts.yaml", (0, "url"), "  JAVASCRIPT:alert(1)"),
        ("acts.yaml", (0, "url"), "&#x6A;avascript:alert(1)"),
        ("plans/2021-2024.yaml", ("approved", "url"), "data:text/html,x"),
        ("site.yaml", ("organization", "website"), 'https://a.ru/"onfocus="alert(1)"autofocus="'),
        ("site.yaml", ("contacts", "feedback_url"), "https://a.ru/`onmouseover=alert(1)`"),
    ],
)
def test_addresses_that_would_leave_their_attribute(
    minimal: Path, tmp_path: Path, file: str, path: tuple[Any, ...], value: str
) -> None:
    _set(minimal, file, path, value)
    _safe_or_refused(minimal, tmp_path / "site")


@pytest.mark.parametrize(
    "value",
    [
        "ЅСRIРТ аlеrt",  # Cyrillic letters that look Latin
        "＜script＞alert(1)＜/script＞",  # fullwidth angle brackets
        "‹script›alert(1)‹/script›",
        "{{ config }} {% include 'base.html' %} ${7*7} #{7*7}",
        "\\u003cscript\\u003e",
        "a" * 20000,
        "<" * 500 + " " + "&" * 500,
        "'\"" * 1000,
    ],
    ids=[
        "cyrillic",
        "fullwidth",
        "guillemets",
        "templates",
        "js-escapes",
        "long",
        "brackets",
        "quotes",
    ],
)
def test_odd_text_in_plain_fields_is_text(minimal: Path, tmp_path: Path, value: str) -> None:
    for file, path in [
        ("site.yaml", ("organization", "name")),
        ("plans/2021-2024.yaml", ("title",)),
        ("reports/2024.yaml", ("title",)),
        ("acts.yaml", (0, "title")),
    ]:
        _set(minimal, file, path, value)
    site = tmp_path / "site"
    said = _safe_or_refused(minimal, site)
    assert "Ошибок: 0" in said
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert value in home.get_text()


def test_a_template_in_a_value_is_not_run(minimal: Path, tmp_path: Path) -> None:
    _set(minimal, "site.yaml", ("organization", "name"), "{{ 7*7 }} {{ config.site_dir }}")
    site = tmp_path / "site"
    build_in_process(minimal, site)
    text = BeautifulSoup(
        (site / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).get_text()
    assert "{{ 7*7 }} {{ config.site_dir }}" in text and "49" not in text


def test_many_raw_tags_in_markdown_are_warnings_with_positions(minimal: Path) -> None:
    _set(minimal, "plans/2021-2024.yaml", ("sections", 0, "measures", 1, "text"), "<b>x</b>" * 300)
    result = run_antikor("validate", "--content", str(minimal))
    assert result.exit_code == 0
    assert result.stderr.count("W203") == 600


@pytest.fixture
def hostile_site(tmp_path: Path, minimal: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site whose every text carries script, with validation of plain text switched off so
    that the values reach the pages (Markdown fields keep their own checks)."""
    import generator.models

    monkeypatch.setattr(generator.models, "markup_in_plain_text", lambda text: None)
    payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"\'>'
    for file, path in [
        ("site.yaml", ("organization", "name")),
        ("site.yaml", ("organization", "address")),
        ("site.yaml", ("contacts", "reception")),
        ("plans/2021-2024.yaml", ("title",)),
        ("plans/2021-2024.yaml", ("sections", 0, "title")),
        ("plans/2021-2024.yaml", ("sections", 0, "measures", 1, "text")),
        ("plans/2021-2024.yaml", ("sections", 0, "measures", 1, "executors")),
        ("reports/2024.yaml", ("title",)),
        ("reports/2024.yaml", ("results", 1, "text")),
        ("acts.yaml", (0, "title")),
    ]:
        _set(minimal, file, path, f"Законодательство {payload}")
    site = tmp_path / "site"
    build_in_process(minimal, site)
    return site


def test_no_script_runs_on_any_page(hostile_site: Path, browser: Any) -> None:
    from tests.support.server import serve

    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    context = browser.new_context()
    dialogs: list[str] = []
    with serve(hostile_site, "/r/") as served:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(served.url(path.removesuffix("index.html")))
            assert page.evaluate("window.__xss") is None, path
        # The search page shows indexed text through innerHTML: Pagefind must escape it.
        page.goto(served.url("poisk/?q=Законодательство"))
        page.wait_for_selector(".ak-result__excerpt", timeout=15000)
        assert page.evaluate("window.__xss") is None
        assert page.locator(".ak-results img").count() == 0
    context.close()
    assert dialogs == []
