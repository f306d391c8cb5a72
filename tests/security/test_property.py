"""Arbitrary text in every text field, built: either the content is refused (exit 1) or the site
holds no markup that our templates did not write, loads nothing from other hosts and carries no
control character. Never another exit code.

Hypothesis draws the values from text of every kind mixed with pieces of known attacks; the
examples are derived from the test's name (``derandomize``), so a run is the same everywhere,
and bounded, so the suite stays quick.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.compliance.loads import external_loads
from tests.conftest import FIXTURES, ROOT
from tests.security.conftest import active_markup, read_yaml, write_yaml

PIECES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    "</title><script>alert(1)</script>",
    "</textarea></pre><script>alert(1)</script>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<style>@import '//evil.example/s.css';</style>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt&#58;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "![x](https://evil.example/a.png)",
    "<javascript:alert(1)>",
    "[r]: javascript:alert(1)\n\n[x][r]",
    "&lt;script&gt;",
    "&#x3C;script&#x3E;",
    "&#60",
    "{{ 7*7 }}{% raw %}",
    "<!--",
    "]]>",
    "\\",
    "`",
    "&",
    "<",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x1b]0;x\x07",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u2028",
    "\ufeff",
    "\ufdd0",
    "\n",
    "\t",
]
# Pieces that plain-text fields accept: they must come out as text, not as markup.
PASSING = [
    '"',
    "'",
    "&",
    "&amp",
    "R&D;",
    "< script>",
    "<<Тема>>",
    "</ ",
    "a < b > c",
    "{{ 7*7 }}",
    "${7*7}",
    "\\",
    "`",
    "]]>",
    "javascript:alert(1)",
    "‏",
    "­",
    " ",
    "ЅСRIРТ",  # Cyrillic and Latin lookalikes
    "*жирный* _курсив_",
    "# заголовок",
    "| a | b |",
]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Cn", "Co", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
PASSING_VALUE = st.lists(st.one_of(st.sampled_from(PASSING), TEXT), min_size=1, max_size=4).map(
    "".join
)
VALUE = st.one_of(
    PASSING_VALUE,
    PASSING_VALUE,  # twice: most examples should build, to look at their pages
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.sampled_from(PASSING), st.text(max_size=8)),
        min_size=1,
        max_size=4,
    ).map("".join),
)

FIELDS: list[tuple[str, tuple[Any, ...]]] = [
    ("site.yaml", ("organization", "name")),
    ("site.yaml", ("organization", "short_name")),
    ("site.yaml", ("organization", "address")),
    ("site.yaml", ("organization", "website")),
    ("site.yaml", ("contacts", "hotline_phone")),
    ("site.yaml", ("contacts", "email")),
    ("site.yaml", ("contacts", "reception")),
    ("site.yaml", ("contacts", "feedback_url")),
    ("site.yaml", ("demonstration",)),
    ("plans/2021-2024.yaml", ("title",)),
    ("plans/2021-2024.yaml", ("approved", "authority")),
    ("plans/2021-2024.yaml", ("approved", "number")),
    ("plans/2021-2024.yaml", ("approved", "title")),
    ("plans/2021-2024.yaml", ("approved", "note")),
    ("plans/2021-2024.yaml", ("approved", "text")),
    ("plans/2021-2024.yaml", ("approved", "url")),
    ("plans/2021-2024.yaml", ("sections", 0, "title")),
    ("plans/2021-2024.yaml", ("sections", 0, "measures", 0, "text")),
    ("plans/2021-2024.yaml", ("sections", 0, "measures", 0, "executors", 0)),
    ("plans/2021-2024.yaml", ("sections", 0, "measures", 0, "deadline")),
    ("plans/2021-2024.yaml", ("sections", 0, "measures", 0, "expected_result")),
    ("plans/2021-2024.yaml", ("sections", 1, "number")),
    ("reports/2024.yaml", ("title",)),
    ("reports/2024.yaml", ("results", 0, "text")),
    ("reports/2024.yaml", ("results", 0, "links", 0, "title")),
    ("reports/2024.yaml", ("results", 0, "links", 0, "url")),
    ("acts.yaml", (0, "act")),
    ("acts.yaml", (0, "number")),
    ("acts.yaml", (0, "title")),
    ("acts.yaml", (0, "note")),
    ("acts.yaml", (0, "url")),
    ("pages/feedback.md", ("title",)),
    ("pages/feedback.md", ("body",)),
]
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _put(content: Path, file: str, path: tuple[Any, ...], value: str) -> None:
    if file.endswith(".md"):
        page = content / file
        head, body = page.read_text(encoding="utf-8").split("---\n", 2)[1:]
        if path == ("body",):
            body = value
        else:
            meta = read_yaml_text(head)
            meta[path[0]] = value
            head = _dump(meta)
        page.write_text(f"---\n{head}---\n{body}", encoding="utf-8", newline="")
        return
    data = read_yaml(content / file)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    write_yaml(content / file, data)


def read_yaml_text(text: str) -> dict[str, Any]:
    import yaml

    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def _dump(data: object) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _build(content: Path, site: Path) -> int:
    quiet = io.StringIO()
    with contextlib.redirect_stderr(quiet), contextlib.redirect_stdout(quiet):
        return main(
            [
                "build",
                "--content",
                str(content),
                "--site-dir",
                str(site),
                "--config",
                str(ROOT / "mkdocs.yml"),
            ]
        )


def _problems(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site).as_posix()
        problems += [f"{where}: {found}" for found in active_markup(html)]
        soup = BeautifulSoup(html, "html.parser", on_duplicate_attribute="ignore")
        problems += [f"{where}: {element} {url}" for element, url in external_loads(soup)]
        if control := CONTROL.search(html):
            problems.append(f"{where}: control character {control.group(0)!r}")
    return problems


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.tuples(st.sampled_from(FIELDS), VALUE), min_size=1, max_size=3))
def test_any_text_in_any_field_builds_safely_or_is_refused(
    changes: list[tuple[tuple[str, tuple[Any, ...]], str]],
) -> None:
    with tempfile.TemporaryDirectory() as work:
        content = Path(work) / "content"
        shutil.copytree(FIXTURES / "minimal", content)
        for (file, path), value in changes:
            _put(content, file, path, value)
        site = Path(work) / "site"
        code = _build(content, site)
        assert code in (0, 1)
        event(f"exit {code}")
        if code == 0:
            assert _problems(site) == []
        else:
            assert not site.exists()


def test_the_unchanged_content_builds_clean(tmp_path: Path) -> None:
    """The check itself: the fixture builds, and its pages have nothing to report."""
    site = tmp_path / "site"
    assert _build(FIXTURES / "minimal", site) == 0
    assert _problems(site) == []
