"""The common table model every reader produces: a real grid with merged cells resolved.

A merged cell is one :class:`Cell` at its top-left position; the positions it covers hold
:class:`Covered`, pointing back to it. Readers differ in how a file stores merges (DOCX
``gridSpan``/``vMerge``, ODT spanned and covered cells, XLSX merged ranges); past this module
nobody needs to know which format the table came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_COLUMNS = 256
"""Columns of a table (and so any span or repeat): a plan has about ten."""
MAX_CELLS = 200_000
"""Positions of a table, rows × columns: a plan of thousands of measures fits many times over,
while a document that asks for more (a merged cell over a million rows) would exhaust memory."""


class Damaged(Exception):
    """A document past a limit or with a value that is no number; the Russian message lacks
    the file name, which :func:`~generator.importer.readers.read_source` adds."""


def check_width(width: int) -> None:
    if width > MAX_COLUMNS:
        raise Damaged(
            f"в таблице больше {MAX_COLUMNS} столбцов (предел импорта): проверьте, что это"
            " план, и удалите лишние столбцы"
        )


def check_cells(count: int) -> None:
    if count > MAX_CELLS:
        raise Damaged(
            f"в таблице больше {MAX_CELLS} ячеек (строки × столбцы; предел импорта): проверьте,"
            " что это план, и удалите лишние строки и столбцы"
        )


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a cell; ``bullet`` marks an item of a bulleted or numbered list."""

    text: str
    bullet: bool = False


@dataclass
class Cell:
    paragraphs: list[Paragraph] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1

    @property
    def empty(self) -> bool:
        return not any(p.text.strip() for p in self.paragraphs)

    def plain(self) -> str:
        """The text on one line, for matching headers and numbers."""
        return " ".join(" ".join(p.text.split()) for p in self.paragraphs if p.text.strip())


@dataclass(frozen=True)
class Covered:
    """A grid position covered by a merged cell."""

    origin: Cell
    vertical: bool


Slot = Cell | Covered


@dataclass
class Table:
    rows: list[list[Slot]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def pad(self) -> Table:
        """Every row as wide as the widest, so columns line up; a grid past the limits is
        refused before it is filled out."""
        width = self.width
        check_width(width)
        check_cells(width * len(self.rows))
        for row in self.rows:
            row.extend(Cell() for _ in range(width - len(row)))
        return self


@dataclass
class Source:
    """What a reader found: paragraphs printed above the first table, and the tables."""

    above: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def cell_of(slot: Slot, *, follow_vertical: bool) -> Cell | None:
    """The cell that fills a position: its own, or a vertically merged one above if asked."""
    if isinstance(slot, Cell):
        return slot
    if slot.vertical and follow_vertical:
        return slot.origin
    return None


_BULLETS = frozenset("•·▪◦\uf0b7")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff]")


def clean(text: str) -> str:
    """Characters that are no text (control codes, zero-width spaces) left by a converter;
    a carriage return, a vertical tab (Word's line break in some exports) or a form feed is
    a line break."""
    text = re.sub(r"\r\n?|[\x0b\x0c]", "\n", text)
    return _CONTROL.sub("", text)


def text_cell(text: str) -> Cell:
    """A cell from extracted text: lines are paragraphs, «-»/«•» lines are list items."""
    paragraphs = []
    for line in clean(text).split("\n"):
        stripped = line.strip()
        if stripped[:1] in _BULLETS and stripped[1:].strip():
            paragraphs.append(Paragraph(stripped[1:].strip(), bullet=True))
        elif stripped[:2] == "- " and stripped[2:].strip():
            paragraphs.append(Paragraph(stripped[2:].strip(), bullet=True))
        else:
            paragraphs.append(Paragraph(stripped))
    return Cell(paragraphs)


def text_grid(rows: Iterable[list[str]]) -> list[list[Slot]]:
    """Rows of text as cells, counted on the way: a file of separators alone is refused
    before it becomes millions of cells."""
    grid: list[list[Slot]] = []
    count = 0
    for row in rows:
        count += len(row)
        check_width(len(row))
        check_cells(count)
        grid.append([text_cell(value) for value in row])
    return grid
