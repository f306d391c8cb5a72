"""Plan → CSV/XLSX → ``antikor import`` → YAML gives the same content: keys, numbers, texts,
deadlines, executors, statuses and results."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from generator.content import Content
from generator.importer import Options, run
from generator.opendata.files import data_files
from generator.opendata.rows import plain, plan_document
from generator.pipeline import load_content
from tests.conftest import CONTENT_DIRS

ROOT = Path(__file__).resolve().parents[2]


def _load(root: Path) -> Content:
    content, diagnostics = load_content(root)
    assert content is not None, diagnostics.report()
    return content


def _round_trip(content: Content, fmt: str, work: Path) -> Content:
    """Import every plan's file, then every report's, as a clerk would, into a new folder."""
    files = {Path(f.path).name: f.data for f in data_files(content)}
    target = work / "imported"
    if (content.root / "files").is_dir():  # attachments are not data: they travel as files
        shutil.copytree(content.root / "files", target / "files")
    for plan in content.plans:
        source = work / f"plan-{plan.stem}.{fmt}"
        source.write_bytes(files[source.name])
        run([source], Options(content=target))
    for report in content.reports:
        source = work / f"report-{report.stem}.{fmt}"
        source.write_bytes(files[source.name])
        run([source], Options(content=target))
    return _load(target)


def _assert_same(original: Content, back: Content) -> None:
    assert [p.stem for p in back.plans] == [p.stem for p in original.plans]
    for plan in original.plans:
        imported = back.plan(plan.stem)
        assert imported is not None
        assert imported.plan.title == plan.plan.title
        assert imported.plan.years == plan.plan.years
        assert plan_document(imported)["sections"] == plan_document(plan)["sections"]
    by_stem = {r.stem: r for r in back.reports}
    assert set(by_stem) == {r.stem for r in original.reports}
    for report in original.reports:
        imported_report = by_stem[report.stem].report
        assert imported_report.plan == report.report.plan
        assert imported_report.title == report.report.title
        assert imported_report.period == report.report.period
        assert imported_report.date == report.report.date
        assert plain(imported_report.results) == plain(report.report.results)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("root", CONTENT_DIRS, ids=lambda p: p.name)
def test_examples_come_back_the_same(root: Path, fmt: str, tmp_path: Path) -> None:
    original = _load(root)
    _assert_same(original, _round_trip(original, fmt, tmp_path))


PLAN = """\
title: План на 2024 год
years: 2024
approved: {act: распоряжение, date: 2024-01-10, number: "1-р"}
sections:
  - number: "I"
    title: "Организация: работа, контроль"
    measures:
      - number: "1)"
        text: |
          Первый абзац с **выделением**.

          - пункт «один»;
          - пункт "два".
        executors: [Отдел кадров, Юридический отдел]
        deadline: |
          до 01.03.2024
          до 01.09.2024
        expected_result: "=СУММ(A1:A2), как напечатано"
      - number: "1)"
        id: "I.1-2"
        text: Повтор номера в документе
        executors: Глава
        deadline: Постоянно
    sections:
      - number: "1.1"
        title: Подраздел
        measures:
          - number: "1.1.1"
            text: "1.10 — номер, а не число"
            executors: Отдел
            deadline: "31.12.2024"
  - number: "II"
    id: "2"
    title: Открытость
    measures:
      - number: "2.1"
        text: Размещение сведений
        executors: Пресс-служба
        deadline: Ежегодно
"""

REPORT = """\
plan: "2024"
title: Отчет за первое полугодие 2024 года
period: {from: 2024-01-01, to: 2024-06-30}
date: не указано
results:
  - section: "2"
    text: Раздел выполнен целиком.
  - measure: "I.1"
    status: done
    text: Выполнено; см. протокол.
    deadline: до 01.03.2024
    completed: 2024-02-28
    links:
      - {title: Протокол № 1, url: files/protocol.pdf}
      - {title: "Сайт: новость", url: "https://example.ru/news?id=1&x=2"}
  - measure: "I.1-2"
    status: not_due
  - measure: "1.1.1"
    status: in_progress
    text: Ведется.
"""


def _synthetic(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", root)
    shutil.rmtree(root / "plans")
    shutil.rmtree(root / "reports")
    (root / "plans").mkdir()
    (root / "reports").mkdir()
    (root / "plans" / "2024.yaml").write_text(PLAN, encoding="utf-8")
    (root / "reports" / "2024-h1.yaml").write_text(textwrap.dedent(REPORT), encoding="utf-8")
    (root / "files" / "protocol.pdf").write_bytes((root / "files" / "plan.pdf").read_bytes())
    return root


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_ids_sections_links_and_dates_come_back(fmt: str, tmp_path: Path) -> None:
    original = _load(_synthetic(tmp_path))
    work = tmp_path / "work"
    work.mkdir()
    _assert_same(original, _round_trip(original, fmt, work))


def test_an_import_of_a_report_ties_it_to_the_plan_already_there(tmp_path: Path) -> None:
    """The report's file names its plan; an imported plan of that name is not overwritten."""
    original = _load(_synthetic(tmp_path))
    files = {Path(f.path).name: f.data for f in data_files(original)}
    work = tmp_path / "work"
    work.mkdir()
    for name in ("plan-2024.csv", "report-2024-h1.csv"):
        (work / name).write_bytes(files[name])
    target = work / "imported"
    run([work / "plan-2024.csv"], Options(content=target))
    before = (target / "plans" / "2024.yaml").read_bytes()
    outcomes, written = run([work / "report-2024-h1.csv"], Options(content=target))
    assert outcomes[0].attached
    assert written == [target / "reports" / "2024-h1.yaml"]
    assert (target / "plans" / "2024.yaml").read_bytes() == before


def test_a_data_set_of_several_plans_is_refused_by_name(tmp_path: Path) -> None:
    from generator.importer import ImportFailure
    from generator.opendata.columns import PLAN_COLUMNS
    from generator.opendata.rows import plan_rows
    from generator.opendata.writers import csv_bytes

    original = _load(_synthetic(tmp_path))
    rows = plan_rows(original.plans[0])
    other = [{**row, "plan": "2025"} for row in rows]
    source = tmp_path / "data.csv"
    source.write_bytes(csv_bytes(PLAN_COLUMNS, rows + other, titles=False))
    with pytest.raises(ImportFailure, match=r"несколько планов \(2024, 2025\)"):
        run([source], Options(content=tmp_path / "imported"))


def test_the_open_data_file_comes_back_too(tmp_path: Path) -> None:
    """The passport's data file names its columns by field name, not by Russian title."""
    from generator.opendata.columns import PLAN_COLUMNS
    from generator.opendata.rows import plan_rows
    from generator.opendata.writers import csv_bytes

    original = _load(_synthetic(tmp_path))
    source = tmp_path / "data.csv"
    source.write_bytes(csv_bytes(PLAN_COLUMNS, plan_rows(original.plans[0]), titles=False))
    run([source], Options(content=tmp_path / "imported"))
    shutil.copytree(original.root / "files", tmp_path / "imported" / "files")
    back = _load(tmp_path / "imported")
    assert plan_document(back.plans[0])["sections"] == plan_document(original.plans[0])["sections"]


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _as_excel_saves(data: bytes, encoding: str, separator: str) -> bytes:
    """Our CSV after Excel opened and saved it: another separator and encoding, and every cell
    that holds a date in the form the Russian locale shows (2024-02-28 → 28.02.2024)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_ISO.sub(r"\3.\2.\1", cell) for cell in row])
    return out.getvalue().encode(encoding)


def _to_import(tmp_path: Path) -> tuple[Content, dict[str, bytes], Path, Path]:
    """Synthetic content, its data files by name, a folder to put them in, and the content
    folder to import them into (with the attachments they refer to)."""
    original = _load(_synthetic(tmp_path))
    files = {Path(f.path).name: f.data for f in data_files(original)}
    work = tmp_path / "work"
    work.mkdir()
    target = work / "imported"
    shutil.copytree(original.root / "files", target / "files")
    return original, files, work, target


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("cp1251", ";"), ("utf-8-sig", ";"), ("utf-8", ";"), ("utf-8", ",")],
)
def test_a_csv_saved_again_by_excel_comes_back_the_same(
    encoding: str, separator: str, tmp_path: Path
) -> None:
    original, files, work, target = _to_import(tmp_path)
    for name in ("plan-2024.csv", "report-2024-h1.csv"):
        resaved = _as_excel_saves(files[name], encoding, separator)
        assert (b";" in resaved.splitlines()[0]) is (separator == ";")
        (work / name).write_bytes(resaved)
        run([work / name], Options(content=target))
    _assert_same(original, _load(target))


def test_date_cells_of_an_xlsx_are_read_as_dates(tmp_path: Path) -> None:
    """A date retyped in Excel becomes a date cell, not the text antikor wrote."""
    import openpyxl

    from generator.opendata.columns import COMPLETED, PERIOD_FROM, PERIOD_TO, REPORT_DATE

    original, files, work, target = _to_import(tmp_path)
    (work / "plan-2024.xlsx").write_bytes(files["plan-2024.xlsx"])
    run([work / "plan-2024.xlsx"], Options(content=target))
    source = work / "report-2024-h1.xlsx"
    source.write_bytes(files[source.name])
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    retyped = 0
    for row in sheet.iter_rows(min_row=2):
        for title in (PERIOD_FROM.title, PERIOD_TO.title, COMPLETED.title):
            cell = row[header.index(title)]
            if cell.value:
                cell.value = dt.datetime.fromisoformat(str(cell.value))
                retyped += 1
        row[header.index(REPORT_DATE.title)].value = dt.datetime(2024, 7, 15)
    assert retyped > 2 * (sheet.max_row - 1)  # both period cells of every row and a completion
    book.save(source)
    run([source], Options(content=target))
    back = _load(target)
    imported = back.reports[0].report
    expected = original.reports[0].report
    assert imported.period == expected.period
    assert imported.date == dt.date(2024, 7, 15)
    assert plain(imported.results) == plain(expected.results)


def test_an_imported_plan_says_its_amendments_are_not_in_the_file(tmp_path: Path) -> None:
    """The minimal fixture's plan was amended; its data file does not carry the amendments,
    and the import's review list says so rather than dropping them silently."""
    original = _load(ROOT / "tests" / "fixtures" / "minimal")
    plan = original.plans[0]
    assert plan.plan.amendments
    files = {Path(f.path).name: f.data for f in data_files(original)}
    source = tmp_path / f"plan-{plan.stem}.csv"
    source.write_bytes(files[source.name])
    outcomes, _ = run([source], Options(content=tmp_path / "imported"))
    assert any("изменений в план" in line and "amendments" in line for line in outcomes[0].review())
