"""Rows → file bytes: CSV for Excel and scripts alike, XLSX, JSON. Every writer is
deterministic, so two builds of one commit give the same bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Sequence
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
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([column.title if titles else column.name for column in columns])
    for row in rows:
        writer.writerow([row[column.name] for column in columns])
    out.flush()
    return buffer.getvalue()


def json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def xlsx_bytes(
    columns: Sequence[Column], rows: Sequence[Row], *, sheet: str, stamp: dt.date | None
) -> bytes:
    """One sheet: a bold frozen header row, column widths, wrapped text; every value written
    as text (a number as printed, «1.10», stays «1.10», and «=…» is no formula). ``stamp`` is
    the date the workbook's properties and archive carry, taken from the content."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    when = dt.datetime.combine(stamp or EPOCH, dt.time())
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
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = row[column.name]
            if value:
                cell = page.cell(row=number, column=index)
                _text(cell, value)
                cell.alignment = wrap
    page.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return _pinned(buffer.getvalue(), when)


def _text(cell: Any, value: str) -> None:
    """A string cell whatever the string looks like (openpyxl reads «=…» as a formula)."""
    cell.value = value
    cell.data_type = "s"


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _pinned(data: bytes, when: dt.datetime) -> bytes:
    """The workbook with the save time replaced by ``when``: in the document properties
    (openpyxl writes the clock there) and on every archive entry. Entries are stored, not
    compressed: deflate's bytes differ between zlib builds, and the file must not."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()
