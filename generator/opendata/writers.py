"""Rows → file bytes: CSV for Excel and scripts alike, XLSX, JSON. Every writer is
deterministic, so two builds of one commit give the same bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any, Final

from generator.opendata.columns import Column
from generator.opendata.rows import Row

BOM: Final = "\ufeff"
EPOCH: Final = dt.date(1980, 1, 1)
"""The earliest date a zip entry can carry: the stamp of data with no date of its own."""


def csv_bytes(columns: Sequence[Column], rows: Sequence[Row], *, titles: bool = True) -> bytes:
    """UTF-8 with a byte order mark (without it Excel takes Cyrillic for Windows-1251), commas,
    RFC 4180 quoting and CRLF line ends. ``titles``: Russian headers (the download a person
    opens) or the field names (the open-data file that the structure file describes).

    Rows are encoded as they are written: the data set of every report's results runs to
    hundreds of megabytes, and a whole text of it would be held in memory twice more."""
    buffer = io.BytesIO()
    out = _csv_start(buffer, columns, titles=titles)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([row[column.name] for column in columns])
    out.flush()
    return buffer.getvalue()


def csv_lines(columns: Sequence[Column], rows: Sequence[Row]) -> str:
    """The lines of ``rows`` in a CSV file (a writer keeps nothing between rows, so the lines
    of two parts joined are the lines of the two parts' rows)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([row[column.name] for column in columns])
    return out.getvalue()


def csv_joined(columns: Sequence[Column], parts: Iterable[str], *, titles: bool = True) -> bytes:
    """A CSV file (as :func:`csv_bytes`) of the lines :func:`csv_lines` made, part by part,
    each encoded as it comes."""
    buffer = io.BytesIO()
    out = _csv_start(buffer, columns, titles=titles)
    for part in parts:
        out.write(part)
    out.flush()
    return buffer.getvalue()


def _csv_start(buffer: io.BytesIO, columns: Sequence[Column], *, titles: bool) -> io.TextIOWrapper:
    """A text stream encoding into ``buffer``, with the byte order mark and the header row."""
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    out.write(BOM)
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(
        [column.title if titles else column.name for column in columns]
    )
    return out


def json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def xlsx_bytes(
    columns: Sequence[Column], rows: Sequence[Row], *, sheet: str, stamp: dt.date | None
) -> bytes:
    """One sheet: a bold frozen header row, column widths, wrapped text; every value written
    as text (a number as printed, «1.10», stays «1.10», and «=…» is no formula). ``stamp`` is
    the date the workbook's properties and archive carry, taken from the content.

    openpyxl makes the workbook with the header and the rows up to the first one with a
    value: the styles, widths, frozen pane and properties are its own. The rest of the rows
    are written here, cell by cell as openpyxl writes a styled text cell, and added to its
    sheet: openpyxl builds an object for every cell and assigns its style one by one, which
    made the workbooks of an archive most of the open data's time, for the same bytes.
    """
    from openpyxl.utils import get_column_letter

    when = dt.datetime.combine(stamp or EPOCH, dt.time())
    filled = [number for number, row in enumerate(rows) if _has_value(columns, row)]
    lead = filled[0] + 1 if filled else len(rows)
    book, sample = _workbook(columns, rows[:lead], sheet=sheet, when=when)
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl numbers the styles as it writes the cells; asked earlier, it numbers them anew
    style = str(sample.style_id) if sample is not None else ""
    rest = _sheet_rows(columns, rows[lead:], first=lead + 2, style=style)
    last = filled[-1] + 2 if filled else 1  # the header fills every column of the first row
    dimension = f"A1:{get_column_letter(len(columns))}{last}"
    return _pinned(buffer.getvalue(), when, rows=rest, dimension=dimension)


def _has_value(columns: Sequence[Column], row: Row) -> bool:
    return any(row[column.name] for column in columns)


def _workbook(
    columns: Sequence[Column], rows: Sequence[Row], *, sheet: str, when: dt.datetime
) -> tuple[Any, Any]:
    """The workbook of the header and ``rows`` (openpyxl writes them up to the first with a
    value), and a data cell of it (none if no row has a value), whose style the other data
    cells share."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.properties.created = when
    book.properties.creator = "antikor"
    page = book.active
    assert page is not None
    page.title = sheet[:31]
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        page.column_dimensions[get_column_letter(index)].width = column.width
        cell = page.cell(row=1, column=index)
        _text(cell, column.title)
        cell.font = bold
        cell.alignment = wrap
    sample = None
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = row[column.name]
            if value:
                cell = page.cell(row=number, column=index)
                _text(cell, value)
                cell.alignment = wrap
                sample = cell
    page.freeze_panes = "A2"
    return book, sample


def _text(cell: Any, value: str) -> None:
    """A string cell whatever the string looks like (openpyxl reads «=…» as a formula)."""
    cell.value = value
    cell.data_type = "s"


_LONGEST: Final = 32767
"""The most characters a cell holds; openpyxl cuts a longer string there."""


def _sheet_rows(columns: Sequence[Column], rows: Sequence[Row], *, first: int, style: str) -> bytes:
    """``rows`` as the ``<row>`` elements of the sheet, numbered from ``first``: the bytes
    openpyxl writes for the same rows of text cells in ``style`` (an inline string, XML in
    ASCII with character references, space kept where a value starts or ends with it), as
    it writes them through lxml, which python-docx requires. A row without a value has no
    element, an empty value no cell; ``tests/opendata/test_xlsx.py`` holds the two writers
    to the same bytes."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    letters = [(column.name, get_column_letter(index)) for index, column in enumerate(columns, 1)]
    out: list[str] = []
    for number, row in enumerate(rows, start=first):
        cells = []
        for name, letter in letters:
            value = row[name][:_LONGEST]
            if not value:
                continue
            if ILLEGAL_CHARACTERS_RE.search(value):
                raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
            space = ' xml:space="preserve"' if value != value.strip() else ""
            cells.append(
                f'<c r="{letter}{number}" s="{style}" t="inlineStr"><is><t{space}>'
                f"{_escaped(value)}</t></is></c>"
            )
        if cells:
            out.append(f'<row r="{number}">{"".join(cells)}</row>')
    return "".join(out).encode("ascii", "xmlcharrefreplace")


def _escaped(text: str) -> str:
    """Text as lxml writes an element's text: markup characters and carriage returns as
    references (the rest of what is not ASCII becomes one when the sheet is encoded)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_SHEET: Final = "xl/worksheets/sheet1.xml"


def _pinned(data: bytes, when: dt.datetime, *, rows: bytes, dimension: str) -> bytes:
    """The workbook with the save time replaced by ``when``: in the document properties
    (openpyxl writes the clock there) and on every archive entry; with ``rows`` added to the
    end of its sheet, whose extent becomes ``dimension``. Entries are stored, not
    compressed: deflate's bytes differ between zlib builds, and the file must not."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            elif info.filename == _SHEET:
                body = _extended(body, rows, dimension)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()


def _extended(sheet: bytes, rows: bytes, dimension: str) -> bytes:
    """openpyxl's sheet with more rows at the end of its data."""
    head, found, tail = sheet.partition(b"</sheetData>")
    assert found, "openpyxl writes the header row, so the sheet's data is never empty"
    head = _DIMENSION.sub(f'<dimension ref="{dimension}"/>'.encode(), head, count=1)
    return head + rows + found + tail
