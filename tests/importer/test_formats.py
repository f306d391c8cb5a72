"""One plan table, written as DOCX, ODT and XLSX, imports to the same YAML (golden files).

``ANTIKOR_REGENERATE=1 pytest tests/importer`` rewrites the golden files for review.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.importer.documents import (
    NO_HEADER,
    REPORT,
    UK_PLAN,
    Plan,
    write_docx,
    write_odt,
    write_xlsx,
)

GOLDEN = Path(__file__).parent / "golden"
PLANS = {"report": REPORT, "uk": UK_PLAN, "no-header": NO_HEADER}
WRITERS: dict[str, Callable[[Plan, Path], Path]] = {
    "docx": write_docx,
    "odt": write_odt,
    "xlsx": write_xlsx,
}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _import(
    tmp_path: Path, name: str, extension: str, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str]:
    document = WRITERS[extension](PLANS[name], tmp_path / f"{name}.{extension}")
    code = main(["import", document.name, "--content", "content"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return tmp_path / "content", out.out


def _written(content: Path) -> dict[str, str]:
    return {
        str(p.relative_to(content)): p.read_text(encoding="utf-8")
        for p in sorted(content.rglob("*.yaml"))
        if p.name != "site.yaml"
    }


@pytest.mark.parametrize("extension", sorted(WRITERS))
@pytest.mark.parametrize("name", sorted(PLANS))
def test_imports_to_the_golden_yaml(
    name: str, extension: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, output = _import(tmp_path, name, extension, capsys)
    files = {
        path: text.replace(f"{name}.{extension}", f"{name}.docx")
        for path, text in _written(content).items()
    }
    output = output.replace(f"{name}.{extension}", f"{name}.docx")
    golden = GOLDEN / name
    if os.environ.get("ANTIKOR_REGENERATE") and extension == "docx":
        for path, text in files.items():
            (golden / path).parent.mkdir(parents=True, exist_ok=True)
            (golden / path).write_text(text, encoding="utf-8")
        (golden / "output.txt").write_text(output, encoding="utf-8")
    expected = {
        str(p.relative_to(golden)): p.read_text(encoding="utf-8")
        for p in sorted(golden.rglob("*.yaml"))
    }
    assert files == expected
    assert output == (golden / "output.txt").read_text(encoding="utf-8")


def test_merged_section_row_is_one_section_and_keeps_its_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, _ = _import(tmp_path, "report", "docx", capsys)
    plan = yaml.safe_load((content / "plans" / "2022-2024.yaml").read_text(encoding="utf-8"))
    first, second = plan["sections"]
    assert (first["number"], first["title"]) == ("1.", "Организационные меры")
    assert (second["number"], second["title"]) == ("2.", "Антикоррупционное просвещение")
    report = yaml.safe_load((content / "reports" / "2023.yaml").read_text(encoding="utf-8"))
    by_key = {r.get("measure") or "§" + r["section"]: r for r in report["results"]}
    assert by_key["§2"] == {
        "section": "2",
        "status": "no_occasion",
        "text": "Случаев не выявлено\n",
    }
    assert by_key["2.1"]["status"] == "not_applicable"
    assert by_key["1.2"] == {"measure": "1.2", "status": "no_information"}
    assert report["period"] == "2023"
    assert report["date"] == "не указано"


def test_cells_keep_paragraphs_lists_and_merges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, output = _import(tmp_path, "report", "docx", capsys)
    plan = yaml.safe_load((content / "plans" / "2022-2024.yaml").read_text(encoding="utf-8"))
    measures = {m["number"]: m for s in plan["sections"] for m in s["measures"]}
    assert list(measures) == ["1.1", "1.2", "2.1", "2.2"]  # the repeated header is dropped
    assert (
        measures["1.2"]["text"]
        == "Мониторинг публикаций:\n\n- в печатных изданиях\n- в сети «Интернет»\n"
    )
    assert measures["1.1"]["executors"] == ["Отдел кадров", "юридический отдел"]
    # The executor cell merged down over 2.1 and 2.2 belongs to both measures.
    assert measures["2.2"]["executors"] == ["Отдел кадров"]
    assert measures["2.2"]["deadline"] == "До 1 декабря\nДо 20 декабря\n"
    assert measures["2.1"]["text"].startswith("Обучение муниципальных служащих,")
    assert (
        "исправлен перенос слова при извлечении текста: «служа-» в конце строки и «щих» → «служащих»"
        in output
    )


def test_no_header_maps_by_position_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, output = _import(tmp_path, "no-header", "docx", capsys)
    assert "строка заголовка таблицы не найдена: столбцы взяты по порядку" in output
    plan = yaml.safe_load((content / "plans" / "2024.yaml").read_text(encoding="utf-8"))
    assert plan["title"] == "План противодействия коррупции на 2024 год"
    assert plan["approved"] == {
        "act": "постановление",
        "authority": "администрации",
        "date": "2024-02-01",
        "number": "15",
    }
    assert [m["number"] for m in plan["sections"][0]["measures"]] == ["1.1", "1.2"]


def test_ukrainian_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, _ = _import(tmp_path, "uk", "odt", capsys)
    plan = yaml.safe_load((content / "plans" / "2021-2022.yaml").read_text(encoding="utf-8"))
    section = plan["sections"][0]
    assert section["number"] == "І."
    assert section["measures"][1]["executors"] == ["Загальний відділ", "сектор інформації"]
    assert section["measures"][1]["deadline"] == "Щокварталу"  # merged down from 1.
    assert (content / "site.yaml").read_text(encoding="utf-8").count("language: uk") == 1


def test_report_attached_to_an_existing_plan_lists_every_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, _ = _import(tmp_path, "report", "docx", capsys)
    plan_file = content / "plans" / "2022-2024.yaml"
    plan_text = plan_file.read_text(encoding="utf-8")
    # The clerk's plan: 2.2 renumbered as 2.3, the term of 1.1 different.
    edited = plan_text.replace('number: "2.2"', 'number: "2.3"').replace(
        "deadline: Ежеквартально", "deadline: Ежемесячно"
    )
    plan_file.write_text(edited, encoding="utf-8")
    (content / "reports" / "2023.yaml").unlink()
    code = main(["import", "report.docx", "--content", "content", "--plan", "2022-2024"])
    out = capsys.readouterr().out
    assert code == 0
    assert plan_file.read_text(encoding="utf-8") == edited  # the plan is not rewritten
    assert "  результаты привязаны к плану 2022-2024\n" in out
    assert (
        "report.docx: проверьте: в плане content/plans/2022-2024.yaml нет пункта 2.2:"
        " результат «Конкурс проведен.» не записан\n" in out
    )
    assert "report.docx: проверьте: в отчете нет результатов по пунктам плана: 2.3\n" in out
    report = yaml.safe_load((content / "reports" / "2023.yaml").read_text(encoding="utf-8"))
    keys = [r.get("measure") or r.get("section") for r in report["results"]]
    assert keys == ["1.1", "1.2", "2", "2.1"]
    assert report["results"][0]["deadline"] == "Ежеквартально"
    assert "проверьте: срок пункта 1.1 в отчете иной, чем в плане" in out


def test_csv_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        "План мероприятий на 2024 год;;;",
        "№ п/п;Мероприятие;Исполнитель;Срок",
        "1.;Общие меры;;",
        '1.1;"Проверка ""знаний""";Отдел кадров; ежегодно',
    ]
    (tmp_path / "plan.csv").write_bytes("\r\n".join(rows).encode("cp1251"))
    text = "План мероприятий на 2024 год\n\n\t№ п/п\n\tМероприятие\n\tИсполнитель\n\tСрок\n"
    text += "\t1. Общие меры\n\t1.1\n\tПроверка «знаний»\n\tОтдел кадров\n\tежегодно\n"
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    for name, quoted in (("plan.csv", '"знаний"'), ("plan.txt", "«знаний»")):
        out = f"out-{name}"
        assert main(["import", name, "--content", out, "--dry-run"]) == 0
        assert capsys.readouterr().out.startswith(f"{name}: разделов 1, мероприятий 1\n")
        assert main(["import", name, "--content", out]) == 0
        capsys.readouterr()
        plan = yaml.safe_load((tmp_path / out / "plans/2024.yaml").read_text(encoding="utf-8"))
        assert plan["title"] == "План мероприятий на 2024 год"
        (measure,) = plan["sections"][0]["measures"]
        assert measure["text"] == f"Проверка {quoted}\n"
        assert measure["executors"] == ["Отдел кадров"]
        assert measure["deadline"] == "ежегодно"


@pytest.mark.parametrize("name", sorted(PLANS))
def test_imported_content_validates(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.content import load_content

    content, _ = _import(tmp_path, name, "docx", capsys)
    loaded, diagnostics = load_content(content)
    assert loaded is not None
    assert not diagnostics.failed(False), diagnostics.report()


def test_rows_without_term_or_executors_are_measures_not_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = Plan(
        above=["План мероприятий на 2024 год"],
        rows=[
            ["№", "Мероприятие", "Исполнитель", "Срок"],
            ["1.", "Общие меры", None, None],
            ["1.1", "Разработка планов", "Аппарат", "Январь"],
            ["1.2", "Проверка знаний", "^", "^"],  # both merged down from 1.1
            ["1.3", "Оценка рисков", "", ""],  # left empty in the table
            ["2.", "Просвещение", "", ""],
            ["2.1", "Семинары", "Отдел кадров", "Ежегодно"],
        ],
    )
    write_docx(plan, tmp_path / "plan.docx")
    assert main(["import", "plan.docx", "--content", "content"]) == 0
    out = capsys.readouterr().out
    data = yaml.safe_load((tmp_path / "content/plans/2024.yaml").read_text(encoding="utf-8"))
    first, second = data["sections"]
    assert [m["number"] for m in first["measures"]] == ["1.1", "1.2", "1.3"]
    assert first["measures"][1]["executors"] == ["Аппарат"]
    assert first["measures"][1]["deadline"] == "Январь"
    assert first["measures"][2]["executors"] == ["не указано"]
    assert "проверьте: в источнике пусто: исполнители «не указано»" in out
    assert (second["number"], second["title"]) == ("2.", "Просвещение")
