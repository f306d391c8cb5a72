"""The open-data passports against the Methodological recommendations on open data, v3.0."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from generator.opendata.files import data_files
from generator.pipeline import load_content

ROOT = Path(__file__).resolve().parents[2]
# The passport's properties as the recommendations (v3.0) list them for meta.csv.
PROPERTIES = {
    "standardversion",
    "identifier",
    "title",
    "description",
    "creator",
    "created",
    "modified",
    "subject",
    "format",
    "publishername",
    "publisherphone",
    "publishermbox",
}


def _table(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    content, diagnostics = load_content(ROOT / "content")
    assert content is not None, diagnostics.report()
    assert content.site.organization.inn is not None
    return {f.path: f.data for f in data_files(content)}


def test_registry_lists_every_data_set(files: dict[str, bytes]) -> None:
    rows = _table(files["opendata/list.csv"])
    assert rows[0] == ["property", "title", "value", "format"]
    assert rows[1][0] == "standardversion"
    assert rows[1][2] == "http://opendata.gosmonitor.ru/standard/3.0"
    sets = rows[2:]
    assert {row[0].rsplit("-", 1)[1] for row in sets} == {"plans", "reports", "acts"}
    for identifier, title, value, fmt in sets:
        assert re.fullmatch(r"\d{10}-[a-z-]+", identifier)
        assert title and fmt == "csv"
        assert value == f"{identifier}/meta.csv"
        assert f"opendata/{value}" in files


def test_passport_has_every_field(files: dict[str, bytes]) -> None:
    metas = [p for p in files if p.endswith("/meta.csv")]
    assert len(metas) == 3
    for path in metas:
        rows = _table(files[path])
        assert rows[0] == ["property", "value"]
        values = dict(rows[1:])
        assert set(values) >= PROPERTIES, PROPERTIES - set(values)
        assert all(values[name].strip() for name in PROPERTIES), values
        assert re.fullmatch(r"\d{8}", values["created"])
        assert values["created"] <= values["modified"]
        folder = path.removesuffix("meta.csv")
        assert values["identifier"] == folder.split("/")[-2]
        data = [k for k in values if k.startswith("data-")]
        structure = [k for k in values if k.startswith("structure-")]
        assert len(data) == len(structure) == 1
        assert re.fullmatch(r"data-\d{8}-structure-\d{8}", data[0])
        assert data[0].endswith(structure[0])
        assert data[0] == f"data-{values['modified']}-{structure[0]}"
        data_rows = _table(files[folder + values[data[0]]])
        structure_rows = _table(files[folder + values[structure[0]]])
        assert structure_rows[0] == [
            "field name",
            "english description",
            "russian description",
            "format",
        ]
        assert data_rows[0] == [row[0] for row in structure_rows[1:]]
        assert len(data_rows) > 1


def test_one_data_row_per_measure(files: dict[str, bytes]) -> None:
    content, _ = load_content(ROOT / "content")
    assert content is not None
    path = next(p for p in files if "-plans/data-" in p)
    rows = _table(files[path])
    assert len(rows) - 1 == sum(len(p.measures) for p in content.plans)


def test_dates_come_from_the_content(files: dict[str, bytes]) -> None:
    values = dict(_table(files["opendata/4205000009-anticorruption-reports/meta.csv"])[1:])
    assert values["modified"] == "20250120"  # the date of the report


def test_without_inn_no_passport(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", root)
    content, _ = load_content(root)
    assert content is not None and content.site.organization.inn is None
    paths = {f.path for f in data_files(content)}
    assert "opendata/list.csv" not in paths
    assert not any(p.endswith("meta.csv") for p in paths)
    assert "plany-i-otchety/2021-2024/plan-2021-2024.csv" in paths


def test_the_build_says_what_the_passport_lacks(tmp_path: Path) -> None:
    from generator.opendata.passport import passport_notes

    root = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", root)
    content, _ = load_content(root)
    assert content is not None
    assert any("organization.inn" in note for note in passport_notes(content))
    site = root / "site.yaml"
    text = site.read_text(encoding="utf-8").replace("  website:", "  inn: '4205000009'\n  website:")
    site.write_text(text.replace("  email: antikor@example.ru\n", ""), encoding="utf-8")
    content, _ = load_content(root)
    assert content is not None
    assert passport_notes(content) == [
        "паспорта открытых данных неполны: не указаны publishermbox"
        " (телефон и почта берутся из contacts в site.yaml)"
    ]
    assert any(p.endswith("meta.csv") for p in (f.path for f in data_files(content)))


def test_addresses_are_full_when_the_section_address_is_known() -> None:
    content, _ = load_content(ROOT / "content")
    assert content is not None
    files = {f.path: f.data for f in data_files(content, section_url="https://example.ru/ak")}
    rows = _table(files["opendata/list.csv"])
    plans = next(row for row in rows if row[0].endswith("-plans"))
    assert plans[2] == f"https://example.ru/ak/opendata/{plans[0]}/meta.csv"
    values = dict(_table(files[f"opendata/{plans[0]}/meta.csv"])[1:])
    data = next(v for k, v in values.items() if k.startswith("data-"))
    assert data.startswith(f"https://example.ru/ak/opendata/{plans[0]}/data-")
    assert data.removeprefix("https://example.ru/ak/") in files


def test_data_sets_hold_the_rows_of_the_plans_and_reports_files(files: dict[str, bytes]) -> None:
    content, _ = load_content(ROOT / "content")
    assert content is not None
    for code, kind, stems in (
        ("plans", "plan", [p.stem for p in content.plans]),
        ("reports", "report", [r.stem for r in content.reports]),
    ):
        path = next(p for p in files if f"-{code}/data-" in p)
        own: list[list[str]] = []
        for stem in stems:
            folder = "plany-i-otchety/" + ("otchety/" if kind == "report" else "")
            own += _table(files[f"{folder}{stem}/{kind}-{stem}.csv"])[1:]
        assert _table(files[path])[1:] == own
