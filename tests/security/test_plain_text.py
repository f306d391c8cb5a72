"""What a text value may hold: markup is refused in plain-text fields, control characters and
direction overrides everywhere, and a vertical tab (Word's line break) is a line break. The
exact messages are in tests/cases/; here are the boundaries of each rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import load_content
from generator.diagnostics import Diagnostic, Position
from generator.plaintext import markup_in_plain_text, visible
from tests.conftest import run_antikor
from tests.security.conftest import build_in_process


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("<b>жирный</b>", "<b>"),
        ("текст </p>", "</p>"),
        ("<!-- скрыто -->", "<!-- скрыто -->"),
        ("<?php echo 1 ?>", "<?php echo 1 ?>"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("<svg/onload=alert(1)>", "<svg/onload=alert(1)>"),
        ("незакрытый <script", "<script"),
        ("&laquo;Кавычки&raquo;", "&laquo;"),
        ("&nbsp;", "&nbsp;"),
        ("&#171;", "&#171;"),
        ("&#xAB;", "&#xAB;"),
        ("&#60script", "&#60"),
        ("R&D; &amp;", "&amp;"),
    ],
)
def test_markup_in_plain_text(text: str, markup: str) -> None:
    found = markup_in_plain_text(text)
    assert found is not None
    assert found[2] == markup
    assert text[found[0] :].startswith(markup)


@pytest.mark.parametrize(
    "text",
    [
        "a < b",
        "<5 лет",
        "<<Тема>>",
        "< script>",
        "<Ф>",
        "Рога & копыта",
        "R&D;",
        "&",
        "AT&T",
        "1 > 0",
        "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102126657",
    ],
)
def test_text_that_only_looks_like_markup(text: str) -> None:
    assert markup_in_plain_text(text) is None


def test_a_diagnostic_shows_control_characters_as_escapes() -> None:
    diagnostic = Diagnostic(
        Path("site.yaml"), Position(1, 1), "E107", "значение «\x1b[2J\x1b]0;x\x07\u202e\n»"
    )
    line = diagnostic.format()
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert "\n" not in line
    assert "«\\x1b[2J\\x1b]0;x\\x07\\u202e\\x0a»" in line
    assert visible("Рога & копыта «ok»\t") == "Рога & копыта «ok»\\x09"


def test_validate_never_echoes_an_escape_sequence(minimal: Path) -> None:
    site = minimal / "site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("language: ru", 'language: "\\e[2J\\e[31mru"'), encoding="utf-8")
    (minimal / "stray\x1b[31m.txt").write_text("x", encoding="utf-8")
    result = run_antikor("validate", "--content", str(minimal))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "stray\\x1b[31m.txt" in result.stderr


def test_a_vertical_tab_is_a_line_break_in_every_field(minimal: Path, tmp_path: Path) -> None:
    plan = minimal / "plans" / "2021-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("Мониторинг изменений", "Мониторинг\x0bизменений")
    text = text.replace("title: Открытость", "title: Откры\x0bтость")
    plan.write_text(text, encoding="utf-8")
    content, diagnostics = load_content(minimal)
    assert content is not None, diagnostics.report()
    sections = content.plans[0].plan.sections
    assert sections[0].measures[1].text == "Мониторинг\nизменений законодательства"
    assert sections[1].title == "Откры\nтость"
    site = tmp_path / "site"
    build_in_process(minimal, site)
    page = (site / "plany-i-otchety" / "2021-2024" / "index.html").read_text(encoding="utf-8")
    assert "Мониторинг\nизменений законодательства" in page
    assert "\x0b" not in page


def test_a_bad_byte_is_reported_with_the_other_files(minimal: Path) -> None:
    """It used to stop everything with «ReaderError» and exit 70."""
    for name in ("acts.yaml", "reports/2024.yaml"):
        path = minimal / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\x00\n", 1))
    page = minimal / "pages" / "feedback.md"
    page.write_bytes(page.read_bytes() + b"\x0c")
    site = minimal / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: ru", "language: xx"))
    result = run_antikor("validate", "--content", str(minimal))
    assert result.exit_code == 1
    assert "ReaderError" not in result.stderr and "Traceback" not in result.stderr
    for where in ("acts.yaml:1:", "reports/2024.yaml:1:", "pages/feedback.md:", "site.yaml:"):
        assert where in result.stderr
    assert "U+000C (FF)" in result.stderr
