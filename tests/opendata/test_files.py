"""The data files, read by readers that share no code with the writers: Python's csv,
openpyxl, json with jsonschema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import openpyxl
import pytest

from generator.content import Content
from generator.opendata.files import data_files
from generator.pipeline import load_content
from tests.conftest import CONTENT_DIRS

ROOT = Path(__file__).resolve().parents[2]


def _load(root: Path) -> Content:
    content, diagnostics = load_content(root)
    assert content is not None, diagnostics.report()
    return content


@pytest.fixture(scope="module", params=CONTENT_DIRS, ids=lambda p: p.name)
def built(request: pytest.FixtureRequest) -> tuple[Content, dict[str, bytes]]:
    content = _load(request.param)
    return content, {f.path: f.data for f in data_files(content)}


def _csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read UTF-8"
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _xlsx(data: bytes) -> tuple[list[str], list[dict[str, str]], str | None]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    values = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    header = values[0]
    return header, [dict(zip(header, row, strict=True)) for row in values[1:]], sheet.freeze_panes


def _measures(content: Content, stem: str) -> int:
    plan = content.plan(stem)
    assert plan is not None
    return len(plan.measures)


def test_one_csv_row_per_measure_and_per_result(built: tuple[Content, dict[str, bytes]]) -> None:
    content, files = built
    for plan in content.plans:
        rows = _csv(files[f"plany-i-otchety/{plan.stem}/plan-{plan.stem}.csv"])
        assert len(rows) == len(plan.measures)
        assert [r["Ключ"] for r in rows] == list(plan.measures)
        first = next(iter(plan.measures.values())).measure
        assert rows[0]["Мероприятие"] == first.text  # Markdown as written, not HTML
        assert rows[0]["Исполнители"] == "; ".join(first.executors)
    for report in content.reports:
        rows = _csv(files[f"plany-i-otchety/otchety/{report.stem}/report-{report.stem}.csv"])
        assert len(rows) == len(report.results)
        assert [r["Статус"] for r in rows] == [
            e.result.status.value if e.result.status else "" for e in report.results
        ]
        assert [r["Информация о выполнении"] for r in rows] == [
            e.result.text or "" for e in report.results
        ]


def test_xlsx_holds_what_the_csv_holds(built: tuple[Content, dict[str, bytes]]) -> None:
    _content, files = built
    xlsx = [p for p in files if p.endswith(".xlsx")]
    assert xlsx
    for path in xlsx:
        header, rows, frozen = _xlsx(files[path])
        expected = _csv(files[path.removesuffix(".xlsx") + ".csv"])
        assert frozen == "A2", "the header row stays in view"
        assert header == list(expected[0])
        # An empty cell reads back as None, an empty CSV field as "": both are "".
        assert rows == expected


def test_xlsx_cells_are_text_and_wrapped() -> None:
    content = _load(ROOT / "tests" / "fixtures" / "minimal")
    files = {f.path: f.data for f in data_files(content)}
    sheet = openpyxl.load_workbook(
        io.BytesIO(files["plany-i-otchety/2021-2024/plan-2021-2024.xlsx"])
    ).worksheets[0]
    keys = [row[0].value for row in sheet.iter_rows(min_row=2, min_col=8, max_col=8)]
    assert keys == ["1.1", "1.10", "2.1"]  # «1.10» is not the number 1.1
    assert all(
        cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row if cell.value
    )
    assert sheet["F2"].alignment.wrap_text
    assert sheet["A1"].font.bold
    assert (sheet.column_dimensions["F"].width or 0) > (sheet.column_dimensions["A"].width or 0)


def test_json_is_the_validated_model_and_meets_its_schema(
    built: tuple[Content, dict[str, bytes]],
) -> None:
    content, files = built
    schemas = {
        kind: json.loads(files[f"opendata/{kind}.schema.json"])
        for kind in ("plan", "report", "acts")
    }
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    for plan in content.plans:
        document = json.loads(files[f"plany-i-otchety/{plan.stem}/plan-{plan.stem}.json"])
        jsonschema.validate(document, schemas["plan"])
        assert document["title"] == plan.plan.title
        keys = _measure_keys(document["sections"])
        assert keys == list(plan.measures)
    for report in content.reports:
        document = json.loads(
            files[f"plany-i-otchety/otchety/{report.stem}/report-{report.stem}.json"]
        )
        jsonschema.validate(document, schemas["report"])
        assert len(document["results"]) == len(report.results)
    if content.acts:
        document = json.loads(files["opendata/acts.json"])
        jsonschema.validate(document, schemas["acts"])
        assert len(document["acts"]) == len(content.acts)


def test_key_order_is_the_models(built: tuple[Content, dict[str, bytes]]) -> None:
    content, files = built
    plan = content.plans[0]
    document = json.loads(files[f"plany-i-otchety/{plan.stem}/plan-{plan.stem}.json"])
    assert list(document)[:4] == ["plan", "title", "years", "approved"]
    section = document["sections"][0]
    assert list(section)[:2] == ["key", "number"]
    while "measures" not in section:
        section = section["sections"][0]
    assert list(section["measures"][0])[:2] == ["key", "number"]


def test_two_runs_give_the_same_bytes(built: tuple[Content, dict[str, bytes]]) -> None:
    content, files = built
    again = {f.path: f.data for f in data_files(content)}
    assert again == files


def test_files_carry_no_build_time() -> None:
    """The workbook's own dates are the content's, not the clock's."""
    content = _load(ROOT / "tests" / "fixtures" / "minimal")
    files = {f.path: f.data for f in data_files(content)}
    book = openpyxl.load_workbook(
        io.BytesIO(files["plany-i-otchety/2021-2024/plan-2021-2024.xlsx"])
    )
    amended = "2022-05-01"  # the plan's latest act
    assert book.properties.created is not None and book.properties.modified is not None
    assert book.properties.created.date().isoformat() == amended
    assert book.properties.modified.date().isoformat() == amended


def test_formula_lookalike_stays_text(tmp_path: Path) -> None:
    from generator.opendata.columns import PLAN_COLUMNS
    from generator.opendata.writers import xlsx_bytes

    row = {column.name: "" for column in PLAN_COLUMNS} | {"text": '=HYPERLINK("x")'}
    sheet = openpyxl.load_workbook(
        io.BytesIO(xlsx_bytes(PLAN_COLUMNS, [row], sheet="x", stamp=None))
    ).worksheets[0]
    cell = sheet.cell(row=2, column=[c.name for c in PLAN_COLUMNS].index("text") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")'


def _measure_keys(sections: list[dict[str, Any]]) -> list[str]:
    keys: list[str] = []
    for section in sections:
        keys += [m["key"] for m in section.get("measures", [])]
        keys += _measure_keys(section.get("sections", []))
    return keys


def test_files_are_made_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file is made only when the build asks for it, so that the build writes it and lets
    it go before the next: together the files outweigh the content they are made from."""
    from generator.opendata import files

    content = _load(ROOT / "content")
    made: list[str] = []
    real = files.xlsx_bytes

    def counted(*args: Any, **kwargs: Any) -> bytes:
        made.append(kwargs["sheet"])
        return real(*args, **kwargs)

    monkeypatch.setattr(files, "xlsx_bytes", counted)
    stream = files.data_files(content)
    first = next(stream)
    assert first.path.endswith(".csv") and made == []
    assert next(stream).path.endswith(".xlsx") and made == ["План"]
    rest = list(stream)
    assert made.count("План") == len(content.plans)
    assert made.count("Отчет") == len(content.reports)
    assert len({f.path for f in [first, *rest]}) == len(rest) + 1
