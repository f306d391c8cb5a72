"""``antikor check`` and ``antikor build --strict`` as a clerk and a CI job run them."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.contract import PageKind
from tests.conftest import CONTENT_BY_NAME, ROOT, ExampleSites, build_site, run_antikor


def test_check_passes_and_prints_every_rule(example_site: Callable[[str], Path]) -> None:
    result = run_antikor("check", "--site-dir", str(example_site("derbent")))
    assert result.exit_code == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Проверка соответствия: профиль «federal» — ")
    assert (
        lines[1] == "✓ соответствует: Раздел называется «Противодействие коррупции» [section-title]"
    )
    assert lines[2].startswith("    основание: Приказ Минтруда России от 07.10.2013 № 530н")
    assert sum(line.startswith("✓ соответствует: ") for line in lines) == 15
    assert lines[-1] == "Итого: правил 15, соответствует 15, не соответствует 0."


def test_check_fails_with_where_and_how_to_fix(example_site: Callable[[str], Path]) -> None:
    result = run_antikor("check", "--site-dir", str(example_site("slavyanoserbsk")))
    assert result.exit_code == 1
    text = result.stdout
    assert (
        "✗ не соответствует: Нет реквизитов, помеченных как неразборчивые или не указанные"
        " в источнике [illegible-requisites]" in text
    )
    assert (
        "    plany-i-otchety/2024/: Утвержден: номер: реквизит «номер» помечен как неразборчивый"
        " в источнике\n        как исправить: установите реквизит по подлиннику" in text
    )
    assert text.rstrip().endswith("Итого: правил 15, соответствует 14, не соответствует 1.")


def test_check_json_for_ci(example_site: Callable[[str], Path]) -> None:
    result = run_antikor(
        "check", "--site-dir", str(example_site("slavyanoserbsk")), "--format", "json"
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["profile"] == "federal" and data["passed"] is False
    assert data["summary"] == {"rules": 15, "passed": 14, "failed": 1}
    failing = [rule for rule in data["rules"] if not rule["passed"]]
    assert [rule["id"] for rule in failing] == ["illegible-requisites"]
    assert set(failing[0]["failures"][0]) == {"page", "element", "problem", "fix"}
    assert set(data["rules"][0]) == {"id", "type", "title", "basis", "passed", "failures"}
    again = run_antikor(
        "check", "--site-dir", str(example_site("slavyanoserbsk")), "--format", "json"
    )
    assert again.stdout == result.stdout


def test_profile_option_overrides_the_site(example_site: Callable[[str], Path]) -> None:
    result = run_antikor("check", "--site-dir", str(example_site("content")), "--profile", "altai")
    assert result.exit_code == 1
    assert "профиль «altai»" in result.stdout
    assert "✗ не соответствует: На главной странице раздела есть баннер «Коррупция.NET»" in (
        result.stdout
    )


def test_unknown_profile_lists_the_available_ones(example_site: Callable[[str], Path]) -> None:
    result = run_antikor("check", "--site-dir", str(example_site("content")), "--profile", "omsk")
    assert result.exit_code == 1  # the user's input is wrong, as in `antikor build`
    assert result.stderr == (
        "antikor: неизвестный профиль требований «omsk»; доступные профили: altai, federal,"
        " tatarstan\n"
    )


def test_missing_site_dir_is_explained(tmp_path: Path) -> None:
    result = run_antikor("check", "--site-dir", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "не найдена: сначала соберите его (antikor build)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_that_is_not_a_built_section_is_explained(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>чужой сайт</body></html>", encoding="utf-8")
    result = run_antikor("check", "--site-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "нет собранного раздела" in result.stderr


def test_strict_build_refuses_a_non_compliant_site_and_keeps_the_previous(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = build_site(CONTENT_BY_NAME["derbent"], site, "--strict")
    assert first.exit_code == 0, first.stderr
    assert "Итого: правил 15, соответствует 15, не соответствует 0." in first.stderr
    before = (site / "index.html").read_text(encoding="utf-8")

    second = build_site(CONTENT_BY_NAME["slavyanoserbsk"], site, "--strict")
    assert second.exit_code == 1
    assert "[illegible-requisites]" in second.stderr
    assert "сайт не соответствует требованиям и не заменен (--strict)" in second.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging left behind

    third = build_site(CONTENT_BY_NAME["slavyanoserbsk"], site)  # without --strict it is built
    assert third.exit_code == 0, third.stderr
    assert (site / "index.html").read_text(encoding="utf-8") != before


def test_the_build_records_the_profile_in_every_section_page(
    example_site: Callable[[str], Path],
) -> None:
    from bs4 import BeautifulSoup

    site = example_site("content")
    pages = [p for p in site.rglob("index.html")]
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("meta", attrs={"name": "antikor:profile"})["content"] == "federal"
        assert soup.find("meta", attrs={"name": "antikor:page"})["content"] in set(PageKind)


def test_snippet_for_the_main_page_with_site_url(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    content = tmp_path / "content"
    shutil.copytree(CONTENT_BY_NAME["content"], content)
    (content / "site.yaml").write_text(
        (content / "site.yaml")
        .read_text(encoding="utf-8")
        .replace("requirements: federal", "requirements: altai"),
        encoding="utf-8",
    )
    config = tmp_path / "mkdocs.yml"
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = mkdocs.replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    config.write_text(
        mkdocs + "site_url: https://example.ru/protivodeystvie-korrupcii/\n", encoding="utf-8"
    )
    result = run_antikor(
        "build",
        "--content",
        str(content),
        "--site-dir",
        str(tmp_path / "site"),
        "--config",
        str(config),
    )
    assert result.exit_code == 0, result.stderr
    assert "site_url" not in result.stderr
    html = (tmp_path / "site" / "antikor-snippet.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select("a[href]")
    assert [a["href"] for a in links] == ["https://example.ru/protivodeystvie-korrupcii/"] * 2
    assert links[0].get_text(strip=True) == "Противодействие коррупции"
    assert links[1].select_one("svg[role=img] title").get_text() == "Коррупция.NET"
    assert not soup.select("img, script, link, style")


def test_snippet_without_site_url_says_so(example_site: Callable[[str], Path]) -> None:
    html = (example_site("content") / "antikor-snippet.html").read_text(encoding="utf-8")
    assert "не задан site_url" in html
    assert 'href="#адрес-раздела"' in html
    assert "<svg" not in html  # the federal profile has no banner


@pytest.mark.parametrize("name", sorted(CONTENT_BY_NAME))
def test_check_output_is_the_expected_text(name: str, example_site: Callable[[str], Path]) -> None:
    """The exact report for each example: wording is part of the interface.
    ``ANTIKOR_REGENERATE=1 pytest`` rewrites the expected files for review."""
    result = run_antikor("check", "--site-dir", str(example_site(name)))
    actual = f"{result.stdout}[exit {result.exit_code}]\n"
    expected = Path(__file__).parent / "expected" / f"{name}.txt"
    if os.environ.get("ANTIKOR_REGENERATE"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def test_the_check_reads_a_site_page_by_page(
    example_site: ExampleSites, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However large the site, only the parses that fit the budget are held at once: with a
    budget of one character, a single page; and the report is the same as with all in memory."""
    from generator.compliance import site as site_module
    from generator.compliance.report import format_json
    from generator.pipeline import check_built

    site = example_site("derbent")
    held: list[int] = []
    original = site_module._ParsedPages.get

    def get(cache: site_module._ParsedPages, page: site_module.HtmlPage) -> object:
        soup = original(cache, page)
        held.append(len(cache._parsed))
        return soup

    whole = format_json(*check_built(site))
    monkeypatch.setattr(site_module, "PARSED_BUDGET", 1)
    monkeypatch.setattr(site_module._ParsedPages, "get", get)
    streamed = format_json(*check_built(site))
    assert streamed == whole
    assert held and max(held) == 1
