"""Shared fixtures: paths, the command-line runner, content folders to break."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
CONTENT_DIRS = [ROOT / "content", *EXAMPLES]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_antikor(*args: str, cwd: Path | None = None) -> Run:
    """Run the real command line in a child process, as a clerk would."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def antikor() -> Callable[..., Run]:
    return run_antikor


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the minimal valid content folder, free to be broken by the test."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def minimal_with_markup(work: Path, markup: str) -> Path:
    """A copy of the minimal content in ``work/content`` whose monitoring measure carries
    ``markup`` in its text, as a careless or hostile editor might write it."""
    content = work / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    plan = content / "plans" / "2021-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    needle = "Мониторинг изменений законодательства"
    assert needle in text
    plan.write_text(text.replace(needle, f"Мониторинг {markup} законодательства"), encoding="utf-8")
    return content


CONTENT_BY_NAME = {path.name: path for path in CONTENT_DIRS}


def build_site(content: Path, site: Path, *options: str) -> Run:
    """``antikor build`` of a content folder into ``site``, with the repository's mkdocs.yml."""
    return run_antikor(
        "build",
        "--content",
        str(content),
        "--site-dir",
        str(site),
        "--config",
        str(ROOT / "mkdocs.yml"),
        *options,
    )


class ExampleSites:
    """Sites built from ``content`` and the example folders, each once per test session.

    ``example_site(name)`` is the built site's folder; ``example_site.log(name)`` what the build
    printed.
    """

    def __init__(self, workspace: pytest.TempPathFactory) -> None:
        self._workspace = workspace
        self._built: dict[str, tuple[Path, Run]] = {}

    def __call__(self, name: str) -> Path:
        return self._build(name)[0]

    def log(self, name: str) -> str:
        return self._build(name)[1].stderr

    def _build(self, name: str) -> tuple[Path, Run]:
        if name not in self._built:
            site = self._workspace.mktemp(f"site-{name}") / "site"
            result = build_site(CONTENT_BY_NAME[name], site)
            assert result.exit_code == 0, result.stderr
            self._built[name] = (site, result)
        return self._built[name]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> ExampleSites:
    """The built site of ``content`` or of an example folder, built once per test session."""
    return ExampleSites(tmp_path_factory)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright, shared by the whole session."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
