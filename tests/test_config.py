"""Building without a mkdocs.yml of one's own, and with one merged over the defaults."""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.config import default_settings, merged_settings, theme_dir
from tests.conftest import FIXTURES, ROOT, run_antikor


def _content(work: Path) -> Path:
    content = work / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    return content


def test_the_repository_mkdocs_yml_is_the_defaults() -> None:
    """``mkdocs build`` in this repository and ``antikor build`` anywhere build the same site."""
    assert merged_settings(ROOT / "mkdocs.yml") == {
        **default_settings(),
        "docs_dir": "content",
        "site_dir": "site",
    }
    assert theme_dir() == ROOT / "theme"


def test_a_content_folder_builds_from_any_folder_without_settings(tmp_path: Path) -> None:
    content = _content(tmp_path / "body")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_antikor("build", "--content", str(content), cwd=elsewhere)
    assert result.exit_code == 0, result.stderr
    home = (elsewhere / "site" / "index.html").read_text(encoding="utf-8")
    assert "ak-lowvision" in home  # antikor's theme, not Material's bare one
    assert (elsewhere / "site" / "pagefind" / "pagefind.js").is_file()


def test_mkdocs_yml_beside_the_content_is_merged_over_the_defaults(tmp_path: Path) -> None:
    content = _content(tmp_path / "body")
    (content / "extra.css").write_text(".ak-extra { color: red; }\n", encoding="utf-8")
    (tmp_path / "body" / "mkdocs.yml").write_text(
        "site_url: https://adm.example.ru/antikor/\n"
        "extra_css: [extra.css]\n"
        "theme:\n  palette:\n    primary: teal\n"
        "nav:\n  - Официальный сайт: https://adm.example.ru/\n  - pages/feedback.md\n",
        encoding="utf-8",
    )
    result = run_antikor(
        "build", "--content", str(content), "--site-dir", str(tmp_path / "site"), cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    assert "пункт nav 'pages/feedback.md' пропущен" in result.stderr
    site = tmp_path / "site"
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("link[rel=canonical]")["href"] == "https://adm.example.ru/antikor/"
    assert soup.select_one("body")["data-md-color-primary"] == "teal"
    assert soup.select_one('link[href$="extra.css"]') is not None
    assert (site / "extra.css").is_file()
    links = [a["href"] for a in soup.select("nav a[href]")]
    assert "https://adm.example.ru/" in links
    assert "ak-lowvision" in str(soup)  # the rest of the defaults stayed


def test_a_config_named_on_the_command_line_must_exist(tmp_path: Path) -> None:
    content = _content(tmp_path)
    result = run_antikor(
        "build", "--content", str(content), "--config", str(tmp_path / "nope.yml"), cwd=tmp_path
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"antikor: нет файла настроек MkDocs «{tmp_path / 'nope.yml'}»\n"
    )
    assert not (tmp_path / "site").exists()


def test_a_broken_mkdocs_yml_is_named_with_line_and_column(tmp_path: Path) -> None:
    content = _content(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_url: [unclosed\n", encoding="utf-8")
    result = run_antikor("build", "--content", str(content), cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"antikor: {tmp_path / 'mkdocs.yml'}:2:1: ошибка:")
    assert "Traceback" not in result.stderr


def test_a_wrong_setting_is_reported_in_russian(tmp_path: Path) -> None:
    content = _content(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("theme:\n  name: nosuchtheme\n", encoding="utf-8")
    result = run_antikor("build", "--content", str(content), cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"antikor: {tmp_path / 'mkdocs.yml'}: ошибка в настройке «theme»:"
    )


def _latin_words(text: str, *allowed: str) -> list[str]:
    for word in allowed:
        text = text.replace(word, "")
    return re.findall(r"[A-Za-z]{3,}", text)


def test_a_content_error_is_reported_in_russian_only(tmp_path: Path) -> None:
    content = _content(tmp_path)
    site = content / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("updated: 2025-01-20", "updated: 2025-02-31"),
        encoding="utf-8",
    )
    result = run_antikor("build", "--content", str(content), cwd=tmp_path)
    assert result.exit_code == 1
    assert "content/site.yaml:" in result.stderr
    assert _latin_words(result.stderr, "content/site.yaml", "antikor:") == []


def test_github_annotations_name_file_line_and_column(tmp_path: Path) -> None:
    content = _content(tmp_path)
    site = content / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("updated: 2025-01-20", "updated: 2025-02-31"),
        encoding="utf-8",
    )
    line = next(
        n for n, text in enumerate(site.read_text().splitlines(), 1) if text.startswith("updated")
    )
    plain = run_antikor("validate", "--content", "content", cwd=tmp_path)
    annotated = run_antikor("validate", "--content", "content", "--format", "github", cwd=tmp_path)
    assert "::error" not in plain.stderr
    annotations = [x for x in annotated.stderr.splitlines() if x.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith(
        f"::error file=content/site.yaml,line={line},col=10,title=antikor E"
    )
    # The plain lines stay in the log for a reader of the job's output.
    assert plain.stderr.splitlines()[0] in annotated.stderr


def test_github_annotations_are_on_in_github_actions(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    content = _content(tmp_path)
    (content / "pages" / "feedback.md").write_text("нет заголовочного блока\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", "content"],
        cwd=tmp_path,
        env={**os.environ, "GITHUB_ACTIONS": "true"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 1
    assert "::error file=content/pages/feedback.md," in proc.stderr


def test_github_annotation_escapes_newlines_and_separators() -> None:
    from generator.diagnostics import Diagnostic, Position

    diagnostic = Diagnostic(
        Path("a,b:c.yaml"), Position(3, 7), "E102", "первая строка\nвторая 100%", "совет"
    )
    assert diagnostic.github(Path.cwd()) == (
        "::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=antikor E102::"
        "первая строка%0Aвторая 100%25 (подсказка: совет)"
    )


def test_defaults_keep_antikor_when_the_override_lists_other_plugins(tmp_path: Path) -> None:
    override = tmp_path / "mkdocs.yml"
    override.write_text("plugins:\n  - search\n", encoding="utf-8")
    assert merged_settings(override)["plugins"] == ["search", "antikor"]
    override.write_text(yaml.safe_dump({"plugins": {"antikor": {"strict": True}}}), "utf-8")
    assert merged_settings(override)["plugins"] == {"antikor": {"strict": True}}


def test_serve_reports_a_wrong_setting_before_starting(tmp_path: Path) -> None:
    content = _content(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("theme:\n  name: nosuchtheme\n", encoding="utf-8")
    result = run_antikor(
        "serve", "--content", str(content), "--dev-addr", "127.0.0.1:1", cwd=tmp_path
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"antikor: {tmp_path / 'mkdocs.yml'}: ошибка в настройке «theme»:"
    )


def test_a_nav_title_from_mkdocs_yml_is_escaped(tmp_path: Path) -> None:
    content = _content(tmp_path / "body")
    (tmp_path / "body" / "mkdocs.yml").write_text(
        "nav:\n"
        "  - '<svg onload=alert(9)></svg>': 'https://example.org/'\n"
        "  - 'Скрипт': 'javascript://%0aalert(1)'\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = run_antikor("build", "--content", str(content), "--site-dir", str(site))
    assert result.exit_code == 0, result.stderr
    assert "пункт nav {'Скрипт': 'javascript://%0aalert(1)'} пропущен" in result.stderr
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("svg", attrs={"onload": True}) is None
    links = soup.select('nav a[href="https://example.org/"]')
    assert links and all(a.get_text(strip=True) == "<svg onload=alert(9)></svg>" for a in links)
    assert not soup.select('a[href^="javascript"]')


@pytest.mark.parametrize(
    ("setting", "name"),
    [
        ("site_description: '<script>alert(1)</script>'\n", "site_description"),
        ("site_author: '\"><script>alert(1)</script>'\n", "site_author"),
        ("copyright: '<img src=x onerror=alert(1)>'\n", "copyright"),
        ("repo_url: https://github.com/example/section\n", "repo_url"),
        ("repo_name: '<b>x</b>'\n", "repo_name"),
        ("extra:\n  analytics:\n    provider: google\n    property: G-XXXX\n", "extra.analytics"),
        ("extra:\n  social:\n    - icon: x\n      link: 'javascript:alert(1)'\n", "extra.social"),
        ("theme:\n  font:\n    text: Roboto\n", "theme.font"),
        ("extra_css: ['https://cdn.example.org/x.css']\n", "extra_css"),
        ("extra_css: ['//cdn.example.org/x.css']\n", "extra_css"),
        ("extra_javascript: ['x.js\"><script>alert(1)</script>']\n", "extra_javascript"),
        ("theme:\n  logo: 'https://example.org/logo.png'\n", "theme.logo"),
    ],
)
def test_settings_printed_raw_or_loading_other_hosts_are_refused(
    tmp_path: Path, setting: str, name: str
) -> None:
    content = _content(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(setting, encoding="utf-8")
    result = run_antikor("build", "--content", str(content), cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith(f"antikor: {tmp_path / 'mkdocs.yml'}: ошибка:")
    assert f"«{name}»" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_missing_content_folder_is_named_in_russian(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    for content, message in (("nonexist", "папки содержимого нет"), ("afile", "это файл, а не")):
        result = run_antikor("build", "--content", content, cwd=tmp_path)
        assert result.exit_code == 1, result.stderr
        assert result.stderr.startswith(f"antikor: {content}: {message}")
        assert "isn't" not in result.stderr
        assert not (tmp_path / "site").exists()


def test_a_content_file_given_as_the_settings_is_refused_in_russian(tmp_path: Path) -> None:
    content = _content(tmp_path)
    result = run_antikor(
        "build", "--content", "content", "--config", "content/site.yaml", cwd=tmp_path
    )
    assert result.exit_code == 1, result.stderr
    assert "файл настроек MkDocs не может лежать в папке содержимого" in result.stderr
    assert (
        _latin_words(
            result.stderr,
            str(content / "site.yaml"),
            "antikor",
            "MkDocs",
            "mkdocs.yml",
            "content",
            "config",
        )
        == []
    )


def test_an_unknown_setting_is_a_russian_remark(tmp_path: Path) -> None:
    content = _content(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("sitename: опечатка\n", encoding="utf-8")
    result = run_antikor("build", "--content", str(content), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (
        f"{tmp_path / 'mkdocs.yml'}: замечание: настройка «sitename»: такой настройки MkDocs нет"
    ) in result.stderr
    assert "Unrecognised" not in result.stderr


@pytest.mark.parametrize(
    "code",
    [
        errno.ENOENT,
        errno.EACCES,
        errno.EROFS,
        errno.ENOSPC,
        errno.EEXIST,
        errno.ENOTDIR,
        errno.EISDIR,
        errno.EPERM,
    ],
)
def test_common_disk_faults_are_told_in_russian(code: int) -> None:
    from generator.publish import describe_os_error

    text = describe_os_error(OSError(code, os.strerror(code), "/srv/site/index.html"))
    assert text.startswith("/srv/site/index.html: ")
    assert os.strerror(code) not in text
    assert re.search("[а-я]", text) and not re.search("[A-Za-z]{3,}", text.split(": ", 1)[1])


def test_an_uncommon_disk_fault_keeps_its_system_name() -> None:
    from generator.publish import describe_os_error

    text = describe_os_error(OSError(errno.EXDEV, os.strerror(errno.EXDEV)))
    assert text == f"системная ошибка EXDEV: {os.strerror(errno.EXDEV)}"
