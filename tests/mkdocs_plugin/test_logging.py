"""The build reports through MkDocs' logging: ``mkdocs build --strict`` counts the content's
warnings and not the build's harmless notes, and ``antikor`` prints both as they were worded."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.diagnostics import BUILD_LOG
from generator.pipeline import ContentFailed, Written, prepare_site, write_outputs
from tests.conftest import FIXTURES, ROOT, run_antikor

TEMPLATES = ROOT / "theme" / "antikor"
NOTE = "замечание: не задан site_url"


@pytest.fixture
def with_warning(tmp_path: Path) -> Path:
    """The minimal content with an attachment that is not published: a warning, no error."""
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "files" / "notes.md").write_text("заметки\n", encoding="utf-8")
    return folder


def test_content_warnings_are_logged_as_warnings(
    with_warning: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger=BUILD_LOG):
        prepare_site(with_warning, TEMPLATES)
    warnings = [r for r in caplog.records if r.name == BUILD_LOG and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "files/notes.md: предупреждение W205:" in warnings[0].getMessage()
    with pytest.raises(ContentFailed):
        prepare_site(with_warning, TEMPLATES, strict=True)


def test_the_missing_site_url_is_a_note(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    prepared = prepare_site(FIXTURES / "minimal", TEMPLATES)
    with caplog.at_level(logging.INFO, logger=BUILD_LOG):
        write_outputs(Written(prepared, tmp_path, TEMPLATES, None), preview=True)
    notes = [r for r in caplog.records if r.getMessage().startswith(NOTE)]
    assert [r.levelno for r in notes] == [logging.INFO]


def test_antikor_prints_warnings_and_notes_as_worded(with_warning: Path, tmp_path: Path) -> None:
    result = run_antikor(
        "build", "--content", str(with_warning), "--site-dir", str(tmp_path / "site")
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].endswith(
        "files/notes.md: предупреждение W205: файл не будет опубликован:"
        " формат «md» не входит в разрешенные"
    )
    assert any(line.startswith(NOTE) for line in lines)
    assert not any(line.startswith(("WARNING", "INFO", "предупреждение: ")) for line in lines)


def _mkdocs_strict(content: Path, work: Path) -> subprocess.CompletedProcess[str]:
    settings = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    settings = settings.replace("docs_dir: content", f"docs_dir: {content}")
    settings = settings.replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    (work / "mkdocs.yml").write_text(settings, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_mkdocs_strict_counts_content_warnings_only(with_warning: Path, tmp_path: Path) -> None:
    clean = _mkdocs_strict(FIXTURES / "minimal", tmp_path)
    assert clean.returncode == 0, clean.stderr
    assert NOTE in clean.stderr  # shown, and not counted as a warning
    warned = _mkdocs_strict(with_warning, tmp_path)
    assert warned.returncode != 0
    assert "W205" in warned.stderr
