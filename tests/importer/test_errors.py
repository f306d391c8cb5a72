"""Bad inputs: each gets its exact Russian message, exit code 1, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.importer.documents import REPORT, write_docx

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
NOTHING = "antikor: ничего не записано\n"


def _pdf(text: str | None) -> bytes:
    """A one-page PDF, with a line of text or (a scan) without any."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _docx(path: Path, table: list[list[str]] | None) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("План мероприятий на 2024 год")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))


def _make(name: str, folder: Path) -> Path:
    path = folder / name
    if name == "corrupt.docx":
        path.write_bytes(b"PK\x03\x04 this is not a whole archive")
    elif name in {"locked.docx", "old.doc", "locked.xlsx"}:
        path.write_bytes(OLE)
    elif name == "no-table.docx":
        _docx(path, None)
    elif name == "phones.docx":
        _docx(path, [["Фамилия", "Телефон"], ["Иванов", "12-34"], ["Петров", "56-78"]])
    elif name == "scan.pdf":
        path.write_bytes(_pdf(None))
    elif name == "text.pdf":
        path.write_bytes(_pdf("Plan 2024"))
    elif name == "corrupt.xlsx":
        path.write_bytes(b"not a workbook")
    elif name == "corrupt.odt":
        path.write_bytes(b"not a document")
    elif name == "plan.rtf":
        path.write_text("{\\rtf1 plan}", encoding="ascii")
    elif name == "plan.pages":
        path.write_bytes(b"\x00")
    return path


ADVICE = (
    "откройте исходный документ (DOCX или ODT), из которого сделан PDF, и импортируйте его;"
    " если есть только PDF, откройте его в LibreOffice Writer или Word и сохраните как DOCX,"
    " затем сверьте таблицу с PDF"
)
CASES = {
    "missing.docx": "missing.docx: файл не найден",
    "corrupt.docx": "corrupt.docx: файл поврежден или это не документ DOCX: откройте его в Word"
    " или LibreOffice Writer и сохраните заново как DOCX",
    "locked.docx": "locked.docx: документ защищен паролем (зашифрован) или сохранен в старом"
    " формате DOC: откройте его в Word, снимите пароль («Файл → Сведения → Защита документа»)"
    " и сохраните как DOCX",
    "locked.xlsx": "locked.xlsx: книга защищена паролем (зашифрована) или сохранена в старом"
    " формате XLS: откройте ее в Excel, снимите пароль («Файл → Сведения → Защита книги»)"
    " и сохраните как XLSX",
    "old.doc": "old.doc: формат DOC не читается: откройте файл в Word или LibreOffice Writer и"
    " сохраните как DOCX («Файл → Сохранить как → Документ Word (.docx)»)",
    "plan.rtf": "plan.rtf: формат RTF не читается: откройте файл в Word или LibreOffice Writer и"
    " сохраните как DOCX («Файл → Сохранить как → Документ Word (.docx)»)",
    "plan.pages": "plan.pages: формат файла (.pages) не поддерживается: импорт читает DOCX, ODT,"
    " XLSX, CSV и TXT (текст с ячейками через табуляцию)",
    "no-table.docx": "no-table.docx: в документе нет таблицы: импорт читает план или отчет,"
    " напечатанный таблицей (номер, мероприятие, исполнители, срок)",
    "phones.docx": "phones.docx: таблица не похожа на план мероприятий: в ней не найдена строка"
    " заголовка («Мероприятие», «Исполнитель», «Срок» …) и нет столбца с номерами пунктов;"
    " проверьте, что это план или отчет о его выполнении",
    "scan.pdf": "scan.pdf: PDF без текстового слоя (скан): текст и таблицу из него не извлечь"
    f" надежно; {ADVICE}",
    "text.pdf": "text.pdf: PDF не импортируется: в PDF таблица не хранит ячеек, и текст из нее"
    f" нельзя разобрать надежно; {ADVICE}",
    "corrupt.xlsx": "corrupt.xlsx: файл поврежден или это не книга XLSX: откройте его в Excel или"
    " LibreOffice Calc и сохраните заново как XLSX",
    "corrupt.odt": "corrupt.odt: файл поврежден или это не документ ODT: откройте его в"
    " LibreOffice Writer и сохраните заново",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    if name != "missing.docx":
        _make(name, tmp_path)
    code = main(["import", name, "--content", "content"])
    out = capsys.readouterr()
    assert code == 1
    assert out.err == f"antikor: ошибка: {CASES[name]}\n{NOTHING}"
    assert out.out == ""
    assert not (tmp_path / "content").exists()


def test_one_bad_file_among_good_ones_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_docx(REPORT, tmp_path / "report.docx")
    _make("phones.docx", tmp_path)
    assert main(["import", "report.docx", "phones.docx", "--content", "content"]) == 1
    assert "phones.docx: таблица не похожа на план" in capsys.readouterr().err
    assert not (tmp_path / "content").exists()


def test_existing_files_are_kept_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_docx(REPORT, tmp_path / "report.docx")
    plan = tmp_path / "content" / "plans" / "2022-2024.yaml"
    plan.parent.mkdir(parents=True)
    plan.write_text("title: мой план\n", encoding="utf-8")
    assert main(["import", "report.docx", "--content", "content"]) == 1
    assert capsys.readouterr().err == (
        "antikor: ошибка: файлы уже существуют: content/plans/2022-2024.yaml; ничего не"
        " записано. Чтобы заменить их, добавьте --force\n" + NOTHING
    )
    assert plan.read_text(encoding="utf-8") == "title: мой план\n"
    assert not (tmp_path / "content" / "reports").exists()
    assert main(["import", "report.docx", "--content", "content", "--force"]) == 0
    assert plan.read_text(encoding="utf-8").startswith("# Импортировано из report.docx\n")


def test_dry_run_writes_nothing_and_prints_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_docx(REPORT, tmp_path / "report.docx")
    assert main(["import", "report.docx", "--content", "content", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "report.docx: разделов 2, мероприятий 4, результатов 5 (из них по разделам 1)\n"
    )
    assert "  будет записан content/plans/2022-2024.yaml\n" in out
    assert out.endswith("Пробный запуск (--dry-run): ничего не записано.\n")
    assert not (tmp_path / "content").exists()


def test_content_that_is_a_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_docx(REPORT, tmp_path / "report.docx")
    (tmp_path / "content").write_text("", encoding="utf-8")
    assert main(["import", "report.docx", "--content", "content"]) == 1
    assert capsys.readouterr().err == (
        f"antikor: ошибка: content: это файл, а не папка содержимого\n{NOTHING}"
    )


def test_stems_only_with_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import", "a.docx", "b.docx", "--plan", "2024"]) == 1
    assert (
        capsys.readouterr().err == "antikor: --plan и --report задаются при импорте одного файла\n"
    )


@pytest.mark.parametrize(("option", "stem"), [("--plan", "../outside"), ("--report", "a/b")])
def test_stems_are_names_not_paths(
    option: str,
    stem: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    write_docx(REPORT, tmp_path / "report.docx")
    assert main(["import", "report.docx", "--content", "content", option, stem]) == 1
    assert capsys.readouterr().err == (
        f"antikor: ошибка: {option} «{stem}»: нужно имя файла без .yaml (буквы, цифры, «-», «_»,"
        f" «.»), например 2021-2024\n{NOTHING}"
    )
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["report.docx"]
