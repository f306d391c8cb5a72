"""A report the size of a real one: 50 measures in 9 sections whose rows are merged across
the table, a result written on a section row, the period in the title. Everything arrives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.importer.documents import Plan, write_docx

HEADER = [
    "№ п/п",
    "Наименование мероприятия",
    "Ответственные исполнители",
    "Срок исполнения",
    "Информация о выполнении",
]
SIZES = [6, 5, 7, 4, 6, 5, 6, 5, 6]  # 50 measures in 9 sections


def _text(section: int, measure: int) -> str:
    return (
        f"Мероприятие {section}.{measure}: обеспечение соблюдения муниципальными служащими"
        f" ограничений и запретов, требований о предотвращении конфликта интересов (вариант"
        f" {section * 100 + measure}) — «в точности как в документе»"
    )


def _report() -> Plan:
    rows: list[list[str | None]] = [HEADER]
    for section, size in enumerate(SIZES, start=1):
        rows.append([f"{section}. Направление работы № {section}", None, None, None, None])
        for measure in range(1, size + 1):
            rows.append(
                [
                    f"{section}.{measure}",
                    _text(section, measure),
                    f"Отдел кадров; юридический отдел {section}",
                    "Ежегодно до 1 декабря",
                    f"Выполнено: проведено {measure} проверок.",
                ]
            )
    # The last section's result is written on its row, beside the merged title.
    rows[-SIZES[-1] - 1] = ["9.", "Направление работы № 9", None, None, "Случаев не выявлено"]
    return Plan(
        above=[
            "Отчет о выполнении плана мероприятий по противодействию коррупции"
            " за 2023 год (план на 2022-2025 годы)"
        ],
        rows=rows,
    )


def test_fifty_measures_nine_sections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_docx(_report(), tmp_path / "report.docx")
    assert main(["import", "report.docx", "--content", "content"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "report.docx: разделов 9, мероприятий 50, результатов 51 (из них по разделам 1)\n"
    )
    plan = yaml.safe_load((tmp_path / "content/plans/2022-2025.yaml").read_text(encoding="utf-8"))
    assert [s["title"] for s in plan["sections"]] == [
        f"Направление работы № {n}" for n in range(1, 10)
    ]
    measures = [m for s in plan["sections"] for m in s["measures"]]
    assert len(measures) == 50
    for section, size in enumerate(SIZES, start=1):
        got = [m for m in measures if m["number"].startswith(f"{section}.")]
        assert [m["text"] for m in got] == [_text(section, n) + "\n" for n in range(1, size + 1)]
        assert all(m["executors"] == ["Отдел кадров", f"юридический отдел {section}"] for m in got)
    report = yaml.safe_load((tmp_path / "content/reports/2023.yaml").read_text(encoding="utf-8"))
    assert report["period"] == "2023"
    assert report["plan"] == "2022-2025"
    assert {"section": "9", "status": "no_occasion", "text": "Случаев не выявлено\n"} in report[
        "results"
    ]
    from generator.content import load_content

    loaded, diagnostics = load_content(tmp_path / "content")
    assert loaded is not None
    assert not diagnostics.failed(False), diagnostics.report()
