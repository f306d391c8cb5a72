"""The XLSX writer: the workbook it makes is the one openpyxl makes when it writes every cell
itself, part for part, and reads back with the values, types and styles the columns give."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError

from generator.opendata.columns import ACT_COLUMNS, PLAN_COLUMNS, Column
from generator.opendata.rows import Row
from generator.opendata.writers import xlsx_bytes

COLUMNS = ACT_COLUMNS
STAMP = dt.date(2024, 3, 1)

TRICKY = [
    "Ответственный за профилактику коррупционных правонарушений",
    '=HYPERLINK("http://example.org")',
    "=1+1",
    "1.10",
    "  отступ в начале",
    "пробел в конце ",
    "строка\nвторая строка",
    "Windows\r\nпереносы",
    "\tтабуляция",
    "<b>&amp; «кавычки» \"двойные\" 'одинарные' ]]>",
    "эмодзи 😀 и 𝔘",
    "\u00a0неразрывный\u00a0",
    "#N/A",
    "ё" * 40_000,  # longer than a cell holds
]


def _row(values: dict[str, str]) -> Row:
    return {column.name: values.get(column.name, "") for column in COLUMNS}


def _openpyxl_alone(columns: tuple[Column, ...], rows: list[Row], sheet: str) -> bytes:
    """The workbook as openpyxl writes it when it is given every cell: the reference."""
    book = openpyxl.Workbook()
    book.properties.creator = "antikor"
    page = book.active
    assert page is not None
    page.title = sheet
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(columns, start=1):
        page.column_dimensions[get_column_letter(index)].width = column.width
        title = page.cell(row=1, column=index, value=column.title)
        title.font = Font(bold=True)
        title.alignment = wrap
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            if row[column.name]:
                cell = page.cell(row=number, column=index)
                cell.value = row[column.name]
                cell.data_type = "s"
                cell.alignment = wrap
    page.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_DATES = re.compile(rb"<dcterms:(created|modified)([^>]*)>[^<]*<")


def _parts(data: bytes) -> dict[str, bytes]:
    """Every part of the package, the document's dates aside (the reference has the clock's)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["docProps/core.xml"] = _DATES.sub(rb"<dcterms:\1\2>?<", parts["docProps/core.xml"])
    return parts


def _assert_as_openpyxl_writes(rows: list[Row]) -> None:
    ours = _parts(xlsx_bytes(COLUMNS, rows, sheet="Акты", stamp=STAMP))
    reference = _parts(_openpyxl_alone(COLUMNS, rows, "Акты"))
    assert list(ours) == list(reference)
    for name, body in reference.items():
        assert ours[name] == body, name


def test_every_part_is_the_one_openpyxl_writes() -> None:
    names = [column.name for column in COLUMNS]
    rows = [
        _row({names[index % len(names)]: text, "act": f"строка {index}"})
        for index, text in enumerate(TRICKY)
    ]
    _assert_as_openpyxl_writes(rows)


@pytest.mark.parametrize(
    "shape",
    [
        [],  # a header alone
        [{}],  # one empty row
        [{}, {}, {"title": "третья"}, {}, {"note": "пятая"}, {}],  # empty rows between and after
        [{"note": "последний столбец"}, {"level": "первый"}],
    ],
    ids=["header-only", "empty-row", "gaps", "sparse"],
)
def test_empty_rows_and_cells_as_openpyxl_leaves_them(shape: list[dict[str, str]]) -> None:
    _assert_as_openpyxl_writes([_row(values) for values in shape])


_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=["Cs"], exclude_characters=[chr(i) for i in range(32)]
    )
    | st.sampled_from(["\n", "\r", "\t", " ", "=", "&", "<", ">"]),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({c.name: _TEXT for c in COLUMNS[:4]}), max_size=5))
def test_any_text_is_written_as_openpyxl_writes_it(values: list[dict[str, str]]) -> None:
    _assert_as_openpyxl_writes([_row(row) for row in values])


def test_read_back_the_values_are_text_in_the_columns_styles() -> None:
    rows = [
        {c.name: f"{i}.{j}0" for j, c in enumerate(PLAN_COLUMNS)} | {"text": "=A1*2"}
        for i in range(1, 4)
    ]
    book = openpyxl.load_workbook(
        io.BytesIO(xlsx_bytes(PLAN_COLUMNS, rows, sheet="План", stamp=STAMP))
    )
    sheet = book.worksheets[0]
    assert sheet.title == "План"
    assert sheet.freeze_panes == "A2"
    header = next(sheet.iter_rows(max_row=1))
    assert [cell.value for cell in header] == [c.title for c in PLAN_COLUMNS]
    assert all(cell.font.bold and cell.alignment.wrap_text for cell in header)
    for index, column in enumerate(PLAN_COLUMNS, start=1):
        assert sheet.column_dimensions[get_column_letter(index)].width == column.width
    body = list(sheet.iter_rows(min_row=2))
    assert [[cell.value for cell in row] for row in body] == [
        [row[c.name] for c in PLAN_COLUMNS] for row in rows
    ]
    for row in body:
        for cell in row:
            assert cell.data_type == "s", cell.coordinate  # «=A1*2» no formula, «1.10» no number
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
            assert not cell.font.bold
    assert book.properties.created == dt.datetime(2024, 3, 1)
    assert book.properties.modified == dt.datetime(2024, 3, 1)


def test_a_longer_text_is_cut_where_a_cell_ends() -> None:
    rows = [_row({"act": "первая"}), _row({"title": "ж" * 40_000})]
    sheet = openpyxl.load_workbook(
        io.BytesIO(xlsx_bytes(COLUMNS, rows, sheet="Акты", stamp=STAMP))
    ).worksheets[0]
    assert sheet["E3"].value == "ж" * 32_767


def test_two_writes_are_the_same_bytes_and_stored_with_the_contents_date() -> None:
    rows = [_row({"act": text, "title": text}) for text in TRICKY]
    first = xlsx_bytes(COLUMNS, rows, sheet="Акты", stamp=STAMP)
    assert xlsx_bytes(COLUMNS, rows, sheet="Акты", stamp=STAMP) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        for info in archive.infolist():
            assert info.compress_type == zipfile.ZIP_STORED, info.filename
            assert info.date_time == (2024, 3, 1, 0, 0, 0), info.filename


def test_a_control_character_is_refused_in_any_row() -> None:
    for rows in ([_row({"act": "a\x01b"})], [_row({"act": "первая"}), _row({"note": "\x1f"})]):
        with pytest.raises(IllegalCharacterError):
            xlsx_bytes(COLUMNS, rows, sheet="Акты", stamp=STAMP)
