"""The built section: page structure, safety and independence from other hosts."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, ROOT, build_site, minimal_with_markup


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("build")
    content = minimal_with_markup(
        work, "<script>alert(1)</script> [ссылка](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    plan = content / "plans" / "2021-2024.yaml"
    result = build_site(content, work / "site")
    assert result.exit_code == 1  # javascript: link is an error: nothing is built
    assert not (work / "site").exists()
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(" [ссылка](javascript:alert(1))", ""),
        encoding="utf-8",
    )
    result = build_site(content, work / "site")
    assert result.exit_code == 0, result.stderr
    return work / "site"


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_home_lists_every_subsection_in_order(built: Path) -> None:
    page = _page(built, "")
    assert page.find("h1").get_text(strip=True) == "Противодействие коррупции"
    links = [a["href"] for a in page.select(".ak-subsections__list a")]
    assert links == [
        "normativnye-akty/",
        "antikorrupcionnaya-ekspertiza/",
        "metodicheskie-materialy/",
        "formy-dokumentov/",
        "svedeniya-o-dohodah/",
        "komissiya/",
        "obratnaya-svyaz/",
        "plany-i-otchety/",
        "doklady-otchety/",
    ]
    for href in links:
        assert (built / href / "index.html").exists()


def test_plan_table_structure(built: Path) -> None:
    page = _page(built, "plany-i-otchety/2021-2024")
    table = page.select_one("table.ak-plan")
    assert "План противодействия коррупции" in table.caption.get_text()
    assert "123-п" in table.caption.get_text()
    # №, measure, executors, deadline, expected result, latest status
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 6
    rows = table.select("tr.ak-table__row")
    assert [r["id"] for r in rows] == ["m-1-1", "m-1-10", "m-2-1"]
    assert all(r.th["scope"] == "row" for r in rows)
    assert table.select("th[scope=rowgroup][colspan]")
    assert table.select_one("#m-1-1 ul li")  # a list inside a cell is kept
    status = table.select_one("#m-1-1 .ak-status")
    assert status.get_text() == "Выполнено"
    from urllib.parse import urljoin

    target = urljoin("https://example.ru/prefix/plany-i-otchety/2021-2024/", status["href"])
    assert target == "https://example.ru/prefix/plany-i-otchety/otchety/2024/#m-1-1"


def test_report_page_summary_and_columns(built: Path) -> None:
    page = _page(built, "plany-i-otchety/otchety/2024")
    headers = [th.get_text() for th in page.select("table.ak-plan thead th")]
    assert "Информация о выполнении" in headers and "Статус" in headers
    summary = page.select_one(".ak-summary__text").get_text(" ", strip=True)
    assert "Всего мероприятий: 3" in summary and "Выполнено: 1" in summary


def test_hostile_markdown_is_inert(built: Path) -> None:
    html = (built / "plany-i-otchety/2021-2024/index.html").read_text(encoding="utf-8")
    row = BeautifulSoup(html, "html.parser").select_one("#m-1-10")
    assert row.find("script") is None and row.find("img") is None
    assert "&lt;script&gt;" in str(row) and "onerror" not in [
        a for t in row.find_all(True) for a in t.attrs
    ]


def test_nothing_loads_from_other_hosts(built: Path) -> None:
    for path in built.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr, "")
                assert not re.match(r"^(https?:)?//", value), f"{path}: {tag} {value}"


def test_attachment_is_published_and_linked_relatively(built: Path) -> None:
    assert (built / "files" / "plan.pdf").exists()
    page = _page(built, "plany-i-otchety/2021-2024")
    assert page.select_one('.ak-act a[href="../../files/plan.pdf"]')
    assert not (built / "plans").exists() and not (built / "site.yaml").exists()


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("epoch", ["1700000000", None], ids=["SOURCE_DATE_EPOCH", "content-date"])
def test_two_builds_of_the_same_content_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str | None
) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    trees = []
    for name in ("first", "second"):
        site = tmp_path / name
        result = build_site(ROOT / "examples" / "luhansk", site, "--site-url", "https://x.ru/a/")
        assert result.exit_code == 0, result.stderr
        trees.append(_tree(site))
    assert len(trees[0]) > 20
    assert trees[0] == trees[1]


def test_sitemap_dates_pages_by_their_content(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_site(FIXTURES / "minimal", site, "--site-url", "https://x.ru/s/").exit_code == 0
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    dates = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in urls
    }
    assert dates["https://x.ru/s/plany-i-otchety/otchety/2024/"] == "2025-01-20"
    # the plan's page shows its report of 20.01.2025 (the status of each measure), which is
    # later than the plan's last amendment of 01.05.2022
    assert dates["https://x.ru/s/plany-i-otchety/2021-2024/"] == "2025-01-20"


def test_not_found_page_links_back_into_the_section(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build_site(FIXTURES / "minimal", site, "--site-url", "https://x.ru/razdel/")
    assert result.exit_code == 0, result.stderr
    page = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "ru"
    assert page.h1.get_text() == "Страница не найдена"
    links = [a["href"] for a in page.select(".ak-not-found__list a")]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    subsections = [a["href"] for a in home.select(".ak-subsections__list a")]
    assert links == ["/razdel/"] + [f"/razdel/{href}" for href in subsections]
    for tag in page.select("link[href], script[src]"):
        assert (tag.get("href") or tag.get("src")).startswith("/razdel/")


def test_failed_build_keeps_the_previous_site(minimal: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_site(minimal, site).exit_code == 0
    before = _tree(site)
    report = minimal / "reports" / "2024.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    result = build_site(minimal, site)
    assert result.exit_code == 1
    assert "2024.yaml:" in result.stderr and "E102" in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]  # no staging left
