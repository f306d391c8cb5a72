"""Shared fixtures: paths, the command-line runner, content folders to break."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
