"""The published JSON Schemas agree with the loader, as an editor's client sees them.

``check-jsonschema`` (the Python ``jsonschema`` library with a YAML 1.2 reader, the semantics
VS Code's YAML extension applies) checks every example folder, which must pass, and every case of
the bad-input corpus, which must fail wherever JSON Schema can express the refusal. The cases it
cannot express are listed below with the reason; the test checks that they do pass the schema,
so the list stays true.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import CONTENT_DIRS, FIXTURES, ROOT
from tests.site.test_format import PLAN, REPORT

CASES = ROOT / "tests" / "cases"
SCHEMAS = ROOT / "schema"

NOT_CHECKED = {
    # The client expands aliases: the billion laughs would take it minutes and gigabytes, so it
    # is not given to it (the loader refuses aliases before expanding anything).
    "alias-bomb",
    # The client's YAML reader refuses a raw vertical tab, which the loader reads as Word's
    # line break.
    "vertical-tab-is-a-line-break",
}

NOT_EXPRESSIBLE = {
    # Reading files, before any value exists.
    "encoding-utf16": "the client reads UTF-16 as the loader does not",
    "missing-site": "a file that does not exist is not checked",
    "page-without-front-matter": "a page's front matter is what the schema checks",
    # Values whose validity depends on arithmetic or on other files.
    "date-impossible": "whether 31.02 exists is calendar arithmetic",
    "inn-check-digit": "check digits are arithmetic",
    "period-reversed": "comparing two dates",
    "years-reversed": "comparing two years",
    "amendment-before-approval": "comparing two dates",
    "period-outside-plan": "the plan's years are in another file",
    "report-unknown-plan": "another file",
    "result-unknown-measure": "another file",
    "result-key-lookalike": "another file",
    "number-1.10-is-not-1.1": "another file (the key 1.10 is valid, the plan has no 1.1)",
    "section-result-unknown-section": "another file",
    "section-result-twice": "comparing items of a list",
    "duplicate-measure-key": "comparing items of a list",
    "duplicate-section-key": "comparing items of a list",
    "duplicate-result": "comparing items of a list",
    "missing-attachment": "the content folder's files",
    "attachment-format-refused": "the content folder's files",
    "attachment-outside-files-folder": "paths are judged against the content folder",
    "attachment-path-outside": "paths are judged against the content folder",
    "symlink-outside-content": "links on the disk, not values",
    "symlink-loop": "links on the disk, not values",
    "fifo-instead-of-file": "pipes on the disk, not values",
    "unknown-profile": "the profiles installed with antikor",
    "javascript-link-in-markdown": "links inside Markdown text",
    "javascript-link-disguised": "links inside Markdown text",
}


def _check(schema: str, files: Iterable[Path]) -> dict[str, list[str]]:
    """Messages of check-jsonschema for each file that fails ``schema``, by file name."""
    names = [str(path) for path in files]
    if not names:
        return {}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--output-format",
            "json",
            "--schemafile",
            str(SCHEMAS / f"{schema}.schema.json"),
            *names,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(proc.stdout)
    failures: dict[str, list[str]] = {}
    for error in report.get("errors", []):
        failures.setdefault(error["filename"], []).append(f"{error['path']}: {error['message']}")
    for error in report.get("parse_errors", []):
        failures.setdefault(error["filename"], []).append(error["message"])
    return failures


def _kind(relative: Path) -> str | None:
    """Which schema a content file is checked against."""
    parts = relative.parts
    if parts == ("site.yaml",):
        return "site"
    if parts == ("acts.yaml",):
        return "acts"
    if len(parts) == 2 and relative.suffix == ".yaml" and parts[0] in ("plans", "reports"):
        return parts[0][:-1]
    if len(parts) == 2 and relative.suffix == ".md" and parts[0] == "pages":
        return "page"
    return None


_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.S | re.M)


def _instances(folder: Path, work: Path) -> dict[str, list[Path]]:
    """The files of a content folder by schema; a page's front matter as a YAML file of its own."""
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.rglob("*")):
        kind = _kind(path.relative_to(folder)) if path.is_file() else None
        if kind is None:
            continue
        if kind == "page":
            match = _FRONT_MATTER.match(path.read_text(encoding="utf-8", errors="replace"))
            if not match:
                continue
            copy = work / path.relative_to(folder).with_suffix(".yaml")
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(match.group(1), encoding="utf-8")
            path = copy
        found.setdefault(kind, []).append(path)
    return found


def _check_all(groups: Iterable[dict[str, list[Path]]]) -> dict[str, list[str]]:
    by_schema: dict[str, list[Path]] = {}
    for group in groups:
        for kind, paths in group.items():
            by_schema.setdefault(kind, []).extend(paths)
    failures: dict[str, list[str]] = {}
    for kind, paths in by_schema.items():
        failures |= _check(kind, paths)
    return failures


def test_every_example_passes_the_published_schemas(tmp_path: Path) -> None:
    folders = [*CONTENT_DIRS, FIXTURES / "minimal"]
    groups = [_instances(folder, tmp_path / folder.name) for folder in folders]
    assert sum(len(paths) for group in groups for paths in group.values()) > 10
    assert _check_all(groups) == {}


def test_documented_forms_pass(tmp_path: Path) -> None:
    """Forms the docs allow that the examples may not use: a year as the period, one executor
    as a string, several terms, results for sections, markers, statuses in any case."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "reports").mkdir()
    (tmp_path / "plans" / "2021-2024.yaml").write_text(PLAN, encoding="utf-8")
    report = REPORT.replace("status: done", "status: ВЫПОЛНЕНО").replace(
        "period: 2022", "period: 2022 год"
    )
    (tmp_path / "reports" / "2022.yaml").write_text(report, encoding="utf-8")
    (tmp_path / "reports" / "2023.yaml").write_text(
        "plan: 2021-2024\ntitle: Отчет\nperiod: 2023\ndate: Неразборчиво\nresults:\n"
        '  - {measure: "1.1", status: " Случаев  не выявлено "}\n',
        encoding="utf-8",
    )
    (tmp_path / "site.yaml").write_text(
        "organization: {name: Администрация, address: не указано}\n", encoding="utf-8"
    )
    assert _check_all([_instances(tmp_path, tmp_path / "front")]) == {}


def _cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.name not in NOT_CHECKED)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The schema's messages for every file of every case, by file name."""
    work = tmp_path_factory.mktemp("corpus")
    groups = [_instances(CASES / case / "input", work / case) for case in _cases()]
    return _check_all(groups)


def _refused(case: str) -> bool:
    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8")
    return ": ошибка E" in expected


@pytest.mark.parametrize("case", _cases(), ids=str)
def test_the_schema_refuses_what_the_loader_refuses(
    case: str, corpus: dict[str, list[str]]
) -> None:
    failing = {name: messages for name, messages in corpus.items() if f"/{case}/" in name}
    if not _refused(case) or case in NOT_EXPRESSIBLE:
        # Warnings are no refusal; the listed cases must stay inexpressible, or leave the list.
        assert failing == {}
    else:
        assert failing, f"{case}: the schema accepts what the loader refuses"


def test_the_list_names_real_cases() -> None:
    assert set(NOT_EXPRESSIBLE) <= set(_cases())
    assert all(_refused(case) for case in NOT_EXPRESSIBLE)
