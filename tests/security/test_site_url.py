"""``--site-url`` lands in every page (the canonical link, the 404 page's links, Material's
``__md_scope`` script): only a plain absolute http(s) address is taken."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.siteurl import site_url_problem
from tests.conftest import build_site
from tests.security.conftest import active_markup, html_files


@pytest.mark.parametrize(
    "url",
    [
        'https://adm.example.ru/a"><script>alert(1)</script>/',
        "https://adm.example.ru/a'onmouseover='alert(1)'/",
        "https://adm.example.ru/</script><script>alert(1)//",
        "https://adm.example.ru/a b/",
        "https://adm.example.ru/a\\b/",
        "https://adm.example.ru/\x1b[31m/",
        "https://adm.example.ru/\u202e/",
        "javascript:alert(1)//x.ru/",
        "ftp://adm.example.ru/",
        "https:///antikor/",
        "//adm.example.ru/antikor/",
        "https://user:secret@adm.example.ru/",
        "https://adm.example.ru/?q=1",
        "https://adm.example.ru/#x",
        "https://[::1",
        "https://[zz]/",
        "https://a.example:99999/",
        "https://a.example:0/",
        "https://a.example:abc/",
        "https://-/",
        "https://a..example/",
        "https://a_b.example/",
    ],
)
def test_a_bad_address_is_refused(url: str) -> None:
    assert site_url_problem(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://adm.example.ru/",
        "http://adm.example.ru/protivodeystvie-korrupcii/",
        "https://адм.рф/антикор/",
        "HTTPS://ADM.EXAMPLE.RU/A/",
        "https://adm.example.ru:8443/a/b/",
        "https://adm.example.ru/a%22b/",
        "http://localhost:8000/",
        "https://[::1]:8443/antikor/",
        "http://192.0.2.7/antikor/",
        "https://xn--80ak6aa92e.xn--p1ai/",
    ],
)
def test_a_plain_address_is_taken(url: str) -> None:
    assert site_url_problem(url) is None


def test_build_refuses_an_address_that_would_break_out(minimal: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build_site(
        minimal, site, "--site-url", 'https://adm.example.ru/a"><script>alert(1)</script>/'
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert (
        'адрес раздела (site_url) «https://adm.example.ru/a"><script>alert(1)</script>/»:'
        ' недопустимый символ «"»'
    ) in result.stderr
    assert not site.exists()


def test_the_address_reaches_the_pages_as_given(minimal: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build_site(minimal, site, "--site-url", "https://adm.example.ru/a%22b/")
    assert result.exit_code == 0, result.stderr
    for page in html_files(site):
        assert active_markup(page.read_text(encoding="utf-8")) == [], page
    assert 'href="https://adm.example.ru/a%22b/komissiya/"' in (
        site / "komissiya" / "index.html"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "url", ["https://[::1", "https://[zz]/", "https://a.example:99999/", "https:///x/"]
)
def test_build_refuses_a_malformed_host_or_port_in_russian(
    minimal: Path, tmp_path: Path, url: str
) -> None:
    """MkDocs fails outright on an unclosed ``[`` and answers the rest in English."""
    result = build_site(minimal, tmp_path / "site", "--site-url", url)
    assert result.exit_code == 1, result.stderr
    assert f"--site-url: адрес раздела (site_url) «{url}»:" in result.stderr
    assert "внутренняя ошибка" not in result.stderr and "isn't valid" not in result.stderr
    assert not (tmp_path / "site").exists()
