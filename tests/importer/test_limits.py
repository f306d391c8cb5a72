"""Hostile documents: a count, span or size past the import's limits, or a value that is no
number, is a Russian error naming the file, exit 1, nothing written, and no time or memory
spent on the grid it asks for. Each file is a few kilobytes built here."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.importer import readers

NOTHING = "antikor: ничего не записано\n"
ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)
TITLE = "План противодействия коррупции на 2025-2027 годы"
HEADER = ["№", "Мероприятие", "Исполнитель", "Срок"]
ROW = ["1.", "Сделать", "Отдел", "Постоянно"]
REOPEN = "откройте его в Word или LibreOffice и сохраните заново"


def _odt(path: Path, cell_attributes: str = "", text: str = "Сделать") -> None:
    def cell(value: str, attributes: str = "") -> str:
        return f"<table:table-cell {attributes}><text:p>{value}</text:p></table:table-cell>"

    header = "".join(cell(v) for v in HEADER)
    row = cell("1.", cell_attributes) + cell(text) + cell("Отдел") + cell("Постоянно")
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
        f"<office:body><office:text><text:p>{TITLE}</text:p><table:table>"
        f"<table:table-row>{header}</table:table-row><table:table-row>{row}</table:table-row>"
        "</table:table></office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", xml)


def _docx(path: Path, patch: Callable[[str], str] = lambda xml: xml) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=2, cols=4)
    for r, values in enumerate([HEADER, ROW]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = patch(xml).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _span(value: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{value}"/>', 1)


def _level(xml: str) -> str:
    numbered = '<w:pPr><w:numPr><w:ilvl w:val="2000000000"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    assert "<w:p><w:r><w:t>Сделать" in xml
    return xml.replace("<w:p><w:r><w:t>Сделать", f"<w:p>{numbered}<w:r><w:t>Сделать")


def _grid_before(xml: str) -> str:
    return re.sub(
        r"(<w:tr\b[^>]*>)", r'\1<w:trPr><w:gridBefore w:val="2000000000"/></w:trPr>', xml, count=1
    )


def _xlsx(path: Path, far: str | None = None, *, formatted_only: bool = False) -> None:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([TITLE])
    sheet.append(HEADER)
    sheet.append(ROW)
    if far and formatted_only:
        sheet[far].font = Font(bold=True)
    elif far:
        sheet[far] = "x"
    workbook.save(str(path))


def _huge_merge(path: Path) -> None:
    """A merged range over the whole sheet, which the workbook loader would fill cell by cell."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for values in ([TITLE], HEADER, ROW):
        sheet.append(values)
    sheet.merge_cells("A4:B4")
    workbook.save(str(path))
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet_xml = "xl/worksheets/sheet1.xml"
    parts[sheet_xml] = parts[sheet_xml].replace(b'ref="A4:B4"', b'ref="A4:XFD1048576"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _too_big(attribute: str, value: str, limit: int) -> str:
    return (
        f"у атрибута {attribute} значение {value}, больше предела импорта {limit}: файл"
        f" поврежден или это не план; {REOPEN}"
    )


def _not_a_number(attribute: str, value: str) -> str:
    return (
        f"файл поврежден: у атрибута {attribute} значение «{value}», а не число; откройте файл"
        " в Word или LibreOffice и сохраните заново"
    )


CASES: dict[str, tuple[Callable[[Path], object], str]] = {
    "gridspan.docx": (
        lambda p: _docx(p, _span("2000000000")),
        _too_big("w:gridSpan", "2000000000", 256),
    ),
    "gridbefore.docx": (
        lambda p: _docx(p, _grid_before),
        _too_big("w:gridBefore", "2000000000", 256),
    ),
    "badspan.docx": (lambda p: _docx(p, _span("x")), _not_a_number("w:gridSpan", "x")),
    "level.docx": (lambda p: _docx(p, _level), _too_big("w:ilvl", "2000000000", 8)),
    "negative.docx": (lambda p: _docx(p, _span("-3")), _not_a_number("w:gridSpan", "-3")),
    "span.odt": (
        lambda p: _odt(
            p, 'table:number-rows-spanned="100000" table:number-columns-spanned="100000"'
        ),
        _too_big("table:number-columns-spanned", "100000", 256),
    ),
    "rows.odt": (
        lambda p: _odt(p, 'table:number-rows-spanned="1000000"'),
        _too_big("table:number-rows-spanned", "1000000", 200_000),
    ),
    "spaces.odt": (
        lambda p: _odt(p, text='a<text:s text:c="3000000000"/>b'),
        _too_big("text:c", "3000000000", 10_000),
    ),
    "badint.odt": (
        lambda p: _odt(p, 'table:number-columns-spanned="abc"'),
        _not_a_number("table:number-columns-spanned", "abc"),
    ),
    "far.xlsx": (
        lambda p: _xlsx(p, "XFD1048576"),
        "в таблице больше 256 столбцов (предел импорта): проверьте, что это план, и удалите"
        " лишние столбцы",
    ),
    "long.xlsx": (
        lambda p: _xlsx(p, "D1048576"),
        "в таблице больше 200000 ячеек (строки × столбцы; предел импорта): проверьте, что это"
        " план, и удалите лишние строки и столбцы",
    ),
    "merged.xlsx": (
        _huge_merge,
        "в таблице больше 200000 ячеек (строки × столбцы; предел импорта): проверьте, что это"
        " план, и удалите лишние строки и столбцы",
    ),
    "wide.csv": (
        lambda p: p.write_text(";".join(["x"] * 300) + "\n", encoding="utf-8"),
        "в таблице больше 256 столбцов (предел импорта): проверьте, что это план, и удалите"
        " лишние столбцы",
    ),
}


def _run(name: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["import", str(folder / name), "--content", str(folder / "content")])
    out = capsys.readouterr()
    assert out.out == ""
    assert not (folder / "content").exists()
    return code, out.err


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_document_is_refused(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, message = CASES[name]
    build(tmp_path / name)
    code, err = _run(name, tmp_path, capsys)
    assert code == 1
    assert err == f"antikor: ошибка: {tmp_path / name}: {message}\n{NOTHING}"


def test_the_builders_make_importable_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same documents without the hostile value import, so the refusals above are about
    that value alone."""
    _docx(tmp_path / "ok.docx")
    _odt(tmp_path / "ok.odt", 'table:number-columns-spanned="1"', 'a<text:s text:c="3"/>b')
    _xlsx(tmp_path / "ok.xlsx")
    for name in ("ok.docx", "ok.odt", "ok.xlsx"):
        assert main(["import", str(tmp_path / name), "--dry-run"]) == 0
    assert "мероприятий 1" in capsys.readouterr().out


def test_a_formatted_cell_far_away_is_not_read_as_part_of_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _xlsx(tmp_path / "formatted.xlsx", "XFD1048576", formatted_only=True)
    assert main(["import", str(tmp_path / "formatted.xlsx"), "--dry-run"]) == 0
    assert "formatted.xlsx: разделов 1, мероприятий 1" in capsys.readouterr().out


def test_unpacked_size_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(readers, "MAX_UNPACKED", 2_000_000)
    _odt(tmp_path / "bomb.odt", text="a" + " " * 3_000_000)
    assert (tmp_path / "bomb.odt").stat().st_size < 50_000
    code, err = _run("bomb.odt", tmp_path, capsys)
    assert code == 1
    assert err == (
        f"antikor: ошибка: {tmp_path / 'bomb.odt'}: архив распаковывается больше чем в 2 МБ"
        " (часть «content.xml»; предел импорта): файл поврежден или это не план\n" + NOTHING
    )


def test_a_long_csv_field_is_read_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Longer than the csv module's default limit (128 KiB) is read; past the import's
    limit is a Russian error with the line."""
    text = "№;Мероприятие;Исполнитель;Срок\n1.;Сделать;Отдел;Постоянно\n2.;{};Отдел;2025\n"
    (tmp_path / "long.csv").write_text(text.format("а" * 200_000), encoding="utf-8")
    assert main(["import", str(tmp_path / "long.csv"), "--dry-run"]) == 0
    capsys.readouterr()
    monkeypatch.setattr(readers, "MAX_FIELD", 1000)
    code, err = _run("long.csv", tmp_path, capsys)
    assert code == 1
    assert err == (
        f"antikor: ошибка: {tmp_path / 'long.csv'}: строка 3: поле длиннее 1000 знаков (предел"
        " импорта): проверьте файл в Excel или LibreOffice Calc и сохраните заново как CSV\n"
        + NOTHING
    )
