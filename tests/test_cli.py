"""The command line as a clerk and a CI job use it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, run_antikor


def test_validate_reports_missing_folder(tmp_path: Path) -> None:
    result = run_antikor("validate", "--content", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "ошибка E001: не удалось прочитать файл: папка не найдена" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_ok_says_what_it_checked(minimal: Path) -> None:
    result = run_antikor("validate", "--content", str(minimal))
    assert result.exit_code == 0
    assert "мероприятий 3" in result.stderr


def test_strict_turns_warnings_into_failure(minimal: Path) -> None:
    (minimal / "plans" / "notes.txt").write_text("x", encoding="utf-8")
    assert run_antikor("validate", "--content", str(minimal)).exit_code == 0
    assert run_antikor("validate", "--content", str(minimal), "--strict").exit_code == 1


def test_unknown_command_is_a_usage_error() -> None:
    result = run_antikor("publish")
    assert result.exit_code == 2


def test_schema_writes_2020_12_schemas_with_russian_help(tmp_path: Path) -> None:
    result = run_antikor("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    plan = json.loads((tmp_path / "plan.schema.json").read_text(encoding="utf-8"))
    assert plan["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert plan["additionalProperties"] is False
    measure = plan["$defs"]["Measure"]
    assert (
        measure["properties"]["executors"]["description"] == "Исполнители: список или одна строка"
    )
    assert set(measure["required"]) == {"number", "text", "executors", "deadline"}
    report = json.loads((tmp_path / "report.schema.json").read_text(encoding="utf-8"))
    offered, spelled = report["$defs"]["Result"]["properties"]["status"]["anyOf"]
    assert {"done", "Выполнено", "Виконано", "no_occasion"} <= set(offered["enum"])
    assert re.match(spelled["pattern"], "  ВЫПОЛНЕНО ") and not re.match(spelled["pattern"], "да")
    for name in ("site", "acts", "page"):
        assert (tmp_path / f"{name}.schema.json").exists()


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    run_antikor("schema", "--out", str(tmp_path))
    for fresh in tmp_path.iterdir():
        assert (ROOT / "schema" / fresh.name).read_text(encoding="utf-8") == fresh.read_text(
            encoding="utf-8"
        ), f"schema/{fresh.name} is stale: run antikor schema"


def test_build_with_content_errors_ends_in_russian(minimal: Path, tmp_path: Path) -> None:
    site_yaml = minimal / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace("updated: 2025-01-20", "updated: 2204-01-20"),
        encoding="utf-8",
    )
    result = run_antikor(
        "build",
        "--content",
        str(minimal),
        "--site-dir",
        str(tmp_path / "site"),
        "--config",
        str(ROOT / "mkdocs.yml"),
    )
    assert result.exit_code == 1
    assert "ошибка E130: «2204-01-20»: год вне допустимого диапазона 1990–2100" in result.stderr
    assert result.stderr.rstrip().endswith(
        "antikor: сборка остановлена из-за ошибок, перечисленных выше; сайт не изменен"
    )
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr
    assert "struct" not in result.stderr and "ERROR" not in result.stderr


def test_build_without_its_settings_file_says_so_in_russian(minimal: Path, tmp_path: Path) -> None:
    missing = tmp_path / "нет" / "mkdocs.yml"
    result = run_antikor(
        "build", "--content", str(minimal), "--site-dir", str(tmp_path / "site"),
        "--config", str(missing),
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        f"antikor: нет файла настроек MkDocs «{missing}»\n"
        "    подсказка: mkdocs.yml необязателен: без --config antikor берет свои настройки и"
        " mkdocs.yml из папки, где лежит папка содержимого, если он там есть\n"
    )
    assert not (tmp_path / "site").exists()


def test_usage_errors_and_help_are_in_russian() -> None:
    unknown = run_antikor("bild")
    assert unknown.exit_code == 2
    assert "antikor: ошибка: параметр КОМАНДА: неизвестное значение 'bild'" in unknown.stderr
    missing = run_antikor("import")
    assert missing.exit_code == 2
    assert "не хватает обязательных аргументов: ФАЙЛ" in missing.stderr
    help_text = run_antikor("build", "--help").stdout
    assert help_text.startswith("использование: antikor build")
    assert "показать эту справку и выйти" in help_text
    for english in ("usage:", "error:", "options:", "show this help", "required"):
        assert english not in unknown.stderr + missing.stderr + help_text


def test_a_reader_that_goes_away_is_no_internal_error(tmp_path: Path) -> None:
    """``antikor schema | head -0``: the pipe is closed before anything is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "generator", "schema", "--out", str(tmp_path)],
            cwd=ROOT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 1
    assert proc.stderr == ""
