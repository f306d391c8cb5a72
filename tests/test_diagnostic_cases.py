"""The corpus of bad inputs: each case breaks the minimal content in one way.

A case folder holds ``input/`` (files laid over a copy of ``fixtures/minimal``), optionally
``delete`` (paths to remove), ``links`` (symbolic links to make, ``name -> target`` a line;
``\\n`` in a name is a line break), ``fifos`` (named pipes to make in place of files) and
``args`` (extra options), and ``expected.txt``: the exact
output of ``antikor validate`` and its exit code. The wording is part of the interface, so the
comparison is exact. ``ANTIKOR_REGENERATE=1 pytest`` rewrites the expected files for review.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, run_antikor

CASES = ROOT / "tests" / "cases"


def _prepare(case: Path, target: Path) -> list[str]:
    shutil.copytree(FIXTURES / "minimal", target)
    for path in sorted((case / "input").rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(case / "input")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    if (case / "delete").exists():
        for name in (case / "delete").read_text(encoding="utf-8").split():
            (target / name).unlink()
    if (case / "links").exists():
        for line in (case / "links").read_text(encoding="utf-8").splitlines():
            name, link_target = line.split(" -> ")
            os.symlink(link_target, target / name.replace("\\n", "\n"))
    if (case / "fifos").exists():
        for name in (case / "fifos").read_text(encoding="utf-8").split():
            os.mkfifo(target / name)
    args = (case / "args").read_text(encoding="utf-8").split() if (case / "args").exists() else []
    return args


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()), ids=str)
def test_case(case: str, tmp_path: Path) -> None:
    folder = CASES / case
    content = tmp_path / "content"
    args = _prepare(folder, content)
    result = run_antikor("validate", "--content", ".", *args, cwd=content)
    actual = f"{result.stderr}[exit {result.exit_code}]\n"
    expected_file = folder / "expected.txt"
    if os.environ.get("ANTIKOR_REGENERATE"):
        expected_file.write_text(actual, encoding="utf-8")
    assert "Traceback" not in result.stderr
    assert actual == expected_file.read_text(encoding="utf-8")


def test_corpus_is_large_enough() -> None:
    assert len(list(CASES.iterdir())) >= 30


def test_every_error_case_fails_and_names_line_and_column() -> None:
    for folder in CASES.iterdir():
        expected = (folder / "expected.txt").read_text(encoding="utf-8")
        errors = [line for line in expected.splitlines() if ": ошибка E" in line]
        if errors:
            assert expected.endswith("[exit 1]\n"), folder.name
        for line in errors:
            where = line.split(": ошибка", 1)[0]
            # A missing file, a pipe or a link has no line to point at.
            if not any(code in line for code in ("E012", "E013", "E014", "E015")):
                assert where.count(":") == 2, line
