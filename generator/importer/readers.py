"""Readers: one per file format, each turning a file into a :class:`Source`.

Every reader reads the real grid, not a rendering of it: a merged cell is one cell. A file
that cannot be read raises :class:`ImportFailure` with a Russian message a clerk can act on.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final
from xml.etree import ElementTree

from generator.importer.grid import (
    MAX_CELLS,
    MAX_COLUMNS,
    Cell,
    Covered,
    Damaged,
    Paragraph,
    Slot,
    Source,
    Table,
    check_cells,
    check_width,
    clean,
    text_cell,
    text_grid,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_UNPACKED = 200_000_000
"""Bytes of a text file, or of a zip archive's parts unpacked: a plan takes a few megabytes."""
MAX_SPACES = 10_000
"""Spaces one ODT ``text:s`` element stands for."""
MAX_FIELD = 1_000_000
"""Characters of one CSV field: a cell of a plan takes a few thousand."""
MAX_LEVEL = 8
"""The deepest level of Word's list numbering (levels 0 to 8)."""


class ImportFailure(Exception):
    """A file that cannot be imported; the message is for the clerk, in Russian."""


def read_source(path: Path) -> Source:
    """Pick the reader by the file's extension; refuse what cannot be read reliably."""
    if not path.is_file():
        raise ImportFailure(f"{path}: файл не найден")
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ImportFailure(_unsupported(path, suffix))
    try:
        return reader(path)
    except Damaged as exc:
        raise ImportFailure(f"{path}: {exc}") from None


def _number(raw: str | None, attribute: str, *, default: int, high: int) -> int:
    """A count or a span written in the document. One that is no number means a damaged
    file (Word refuses to open it); one past ``high`` would make the reader loop or fill
    memory for nothing, so it is refused too."""
    if raw is None:
        return default
    text = raw.strip()
    if not re.fullmatch(r"[0-9]+", text):
        raise Damaged(
            f"файл поврежден: у атрибута {attribute} значение «{text[:20]}», а не число;"
            " откройте файл в Word или LibreOffice и сохраните заново"
        )
    if len(text) > 12 or int(text) > high:
        raise Damaged(
            f"у атрибута {attribute} значение {text[:20]}, больше предела импорта {high}:"
            " файл поврежден или это не план; откройте его в Word или LibreOffice и сохраните"
            " заново"
        )
    return int(text)


def _check_archive(path: Path) -> None:
    """A DOCX, ODT or XLSX is a zip archive: a few kilobytes can unpack to gigabytes, so the
    sizes its parts declare are checked before anything is unpacked (a damaged archive is
    left to the reader, which says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNPACKED:
            raise Damaged(
                f"архив распаковывается больше чем в {MAX_UNPACKED // 1_000_000} МБ (часть"
                f" «{info.filename[:60]}»; предел импорта): файл поврежден или это не план"
            )


def _unsupported(path: Path, suffix: str) -> str:
    if suffix in {".doc", ".rtf"}:
        return (
            f"{path}: формат {suffix.upper()[1:]} не читается: откройте файл в Word или"
            " LibreOffice Writer и сохраните как DOCX («Файл → Сохранить как → Документ Word"
            " (.docx)»)"
        )
    if suffix in {".xls", ".ods"}:
        return (
            f"{path}: формат {suffix.upper()[1:]} не читается: откройте файл в Excel или"
            " LibreOffice Calc и сохраните как XLSX"
        )
    name = suffix or "без расширения"
    return (
        f"{path}: формат файла ({name}) не поддерживается: импорт читает DOCX, ODT, XLSX, CSV"
        " и TXT (текст с ячейками через табуляцию)"
    )


# --- DOCX ------------------------------------------------------------------------------------


def read_docx(path: Path) -> Source:
    import docx

    _refuse_ole(path)
    _check_archive(path)
    try:
        document = docx.Document(str(path))
    except Exception:
        raise ImportFailure(
            f"{path}: файл поврежден или это не документ DOCX: откройте его в Word или"
            " LibreOffice Writer и сохраните заново как DOCX"
        ) from None
    source = Source()
    numbering = Numbering(_numbering_xml(document))
    for child in document.element.body.iterchildren():
        if child.tag == W + "p" and not source.tables:
            text = _docx_paragraph(child, numbering).text.strip()
            if text:
                source.above.append(text)
        elif child.tag == W + "p":
            numbering.label(child)  # numbered paragraphs between tables still count
        elif child.tag == W + "tbl":
            source.tables.append(_docx_table(child, numbering))
    return source


def _numbering_xml(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


class Numbering:
    """Word's automatic numbering: the numbers a reader sees, which the XML does not hold
    («1.», «2.1.», «3)» come from counters in numbering.xml). Bullets are told apart."""

    def __init__(self, element: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, list[int]] = {}
        if element is None:
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in element.iterchildren(W + "abstractNum"):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in node.iterchildren(W + "lvl"):
                start = lvl.find(W + "start")
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                level = _number(lvl.get(W + "ilvl"), "w:ilvl", default=0, high=MAX_LEVEL)
                levels[level] = (
                    _start(start),
                    fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(W + "val", "") if text is not None else "",
                )
            abstract[node.get(W + "abstractNumId", "")] = levels
        for node in element.iterchildren(W + "num"):
            ref = node.find(W + "abstractNumId")
            if ref is not None:
                self.levels[node.get(W + "numId", "")] = abstract.get(ref.get(W + "val", ""), {})

    def label(self, p: Any) -> tuple[str, bool] | None:
        """The printed label of a numbered paragraph and whether it is a bullet."""
        props = p.find(f"{W}pPr/{W}numPr")
        if props is None:
            return None
        num = props.find(W + "numId")
        ilvl = props.find(W + "ilvl")
        num_id = num.get(W + "val", "") if num is not None else ""
        raw = ilvl.get(W + "val") if ilvl is not None else None
        level = _number(raw, "w:ilvl", default=0, high=MAX_LEVEL)
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return None
        _, fmt, text = levels.get(level, (1, "decimal", f"%{level + 1}."))
        if fmt == "bullet":
            return "", True
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(levels.get(len(counters), (1, "", ""))[0] - 1)
        counters[level] += 1
        del counters[level + 1 :]
        label = text
        for depth, value in enumerate(counters):
            label = label.replace(
                f"%{depth + 1}", _format_number(value, levels.get(depth, (1, "decimal", ""))[1])
            )
        return label, False


def _start(start: Any) -> int:
    raw = start.get(W + "val") if start is not None else None
    return _number(raw, "w:start", default=1, high=MAX_CELLS)


def _format_number(value: int, fmt: str) -> str:
    if fmt in {"upperRoman", "lowerRoman"}:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in {"upperLetter", "lowerLetter"} and value > 0:
        letter = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ"[(value - 1) % 28]
        return letter if fmt == "upperLetter" else letter.lower()
    return str(value)


def _roman(value: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out += numeral
            value -= amount
    return out


def _refuse_ole(path: Path) -> None:
    """An encrypted Office file is an OLE container, not a zip: say so instead of «corrupt»."""
    with path.open("rb") as stream:
        head = stream.read(8)
    if head != OLE_MAGIC:
        return
    if path.suffix.lower() == ".xlsx":
        raise ImportFailure(
            f"{path}: книга защищена паролем (зашифрована) или сохранена в старом формате XLS:"
            " откройте ее в Excel, снимите пароль («Файл → Сведения → Защита книги»)"
            " и сохраните как XLSX"
        )
    raise ImportFailure(
        f"{path}: документ защищен паролем (зашифрован) или сохранен в старом формате DOC:"
        " откройте его в Word, снимите пароль («Файл → Сведения → Защита документа»)"
        " и сохраните как DOCX"
    )


def _docx_table(element: Any, numbering: Numbering) -> Table:
    table = Table()
    above: dict[int, Cell] = {}  # column → the cell that a vMerge continuation extends
    width = 0
    for tr in element.iterchildren(W + "tr"):
        row: list[Slot] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        raw = before.get(W + "val") if before is not None else None
        for _ in range(_number(raw, "w:gridBefore", default=0, high=MAX_COLUMNS)):
            row.append(Cell())
        for tc in _docx_cells(tr):
            props = tc.find(W + "tcPr")
            span_el = props.find(W + "gridSpan") if props is not None else None
            raw = span_el.get(W + "val") if span_el is not None else None
            span = max(1, _number(raw, "w:gridSpan", default=1, high=MAX_COLUMNS))
            merge = props.find(W + "vMerge") if props is not None else None
            column = len(row)
            check_width(column + span)
            origin = above.get(column)
            if merge is not None and merge.get(W + "val", "continue") == "continue" and origin:
                origin.rowspan += 1
                row.extend(Covered(origin, vertical=True) for _ in range(span))
                continue
            cell = Cell([_docx_paragraph(p, numbering) for p in tc.iter(W + "p")], colspan=span)
            _trim(cell)
            row.append(cell)
            row.extend(Covered(cell, vertical=False) for _ in range(span - 1))
            for offset in range(span):
                above.pop(column + offset, None)
            if merge is not None:
                above[column] = cell
        table.rows.append(row)
        width = max(width, len(row))
        check_cells(len(table.rows) * width)
    return table.pad()


def _docx_cells(tr: Any) -> Iterable[Any]:
    """The row's cells, including those wrapped in content controls (``w:sdt``)."""
    for child in tr.iterchildren():
        if child.tag == W + "tc":
            yield child
        elif child.tag in {W + "sdt", W + "customXml"}:
            yield from child.iter(W + "tc")


def _docx_paragraph(p: Any, numbering: Numbering) -> Paragraph:
    parts: list[str] = []
    for node in p.iter():
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag in {W + "br", W + "cr"}:
            parts.append("\n")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag == W + "noBreakHyphen":
            parts.append("-")
    text = clean("".join(parts))
    label = numbering.label(p)
    if label is not None:
        printed, bullet = label
        if bullet:
            return Paragraph(text, bullet=True)
        return Paragraph(f"{printed} {text.lstrip()}".strip() if printed else text)
    props = p.find(W + "pPr")
    style = props.find(W + "pStyle") if props is not None else None
    bullet = style is not None and "bullet" in (style.get(W + "val") or "").lower()
    return Paragraph(text, bullet=bullet)


def _trim(cell: Cell) -> None:
    """Drop empty paragraphs at the start and end of a cell (spacing, not text)."""
    while cell.paragraphs and not cell.paragraphs[0].text.strip():
        cell.paragraphs.pop(0)
    while cell.paragraphs and not cell.paragraphs[-1].text.strip():
        cell.paragraphs.pop()


# --- ODT -------------------------------------------------------------------------------------


def read_odt(path: Path) -> Source:
    _refuse_ole(path)
    _check_archive(path)
    try:
        with zipfile.ZipFile(path) as archive:
            content = archive.read("content.xml")
        root = ElementTree.fromstring(content)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise ImportFailure(
            f"{path}: файл поврежден или это не документ ODT: откройте его в LibreOffice"
            " Writer и сохраните заново"
        ) from None
    body = root.find("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}body")
    text = body.find("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text") if body else None
    source = Source()
    for child in list(text) if text is not None else []:
        if child.tag in {TEXT_NS + "p", TEXT_NS + "h"} and not source.tables:
            line = _odf_text(child).strip()
            if line:
                source.above.append(line)
        elif child.tag == TABLE_NS + "table":
            source.tables.append(_odt_table(child))
    return source


def _odt_rows(table: ElementTree.Element) -> Iterable[ElementTree.Element]:
    for child in table:
        if child.tag == TABLE_NS + "table-row":
            yield child
        elif child.tag in {TABLE_NS + "table-header-rows", TABLE_NS + "table-rows"}:
            yield from _odt_rows(child)


def _odt_table(element: ElementTree.Element) -> Table:
    table = Table()
    pending: dict[tuple[int, int], Covered] = {}
    width = 0
    for row_index, tr in enumerate(_odt_rows(element)):
        row: list[Slot] = []
        for tc in tr:
            repeat = _odt_number(tc, "number-columns-repeated", 1_000_000)
            if tc.tag == TABLE_NS + "covered-table-cell":
                check_width(len(row) + min(repeat, 64))
                for _ in range(min(repeat, 64)):
                    covered = pending.get((row_index, len(row)))
                    row.append(covered or Covered(Cell(), vertical=False))
                continue
            if tc.tag != TABLE_NS + "table-cell":
                continue
            colspan = max(1, _odt_number(tc, "number-columns-spanned", MAX_COLUMNS))
            rowspan = max(1, _odt_number(tc, "number-rows-spanned", MAX_CELLS))
            check_width(len(row) + min(repeat, 64))
            for _ in range(min(repeat, 64)):
                check_width(len(row) + colspan)
                check_cells(len(pending) + rowspan * colspan)
                cell = Cell(_odf_paragraphs(tc), colspan=colspan, rowspan=rowspan)
                _trim(cell)
                column = len(row)
                row.append(cell)
                # The positions a spanned cell covers follow as covered-table-cell elements.
                for down in range(rowspan):
                    for offset in range(colspan):
                        if down or offset:
                            pending[(row_index + down, column + offset)] = Covered(
                                cell, vertical=offset == 0 and down > 0
                            )
        table.rows.append(row)
        width = max(width, len(row))
        check_cells(len(table.rows) * width)
    return table.pad()


def _odt_number(cell: ElementTree.Element, attribute: str, high: int) -> int:
    """Repeats are clamped where they are used (an empty cell repeated to the page's edge is
    common); spans must fit the table."""
    return _number(cell.get(TABLE_NS + attribute), f"table:{attribute}", default=1, high=high)


def _odf_paragraphs(cell: ElementTree.Element) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []

    def walk(node: ElementTree.Element, bullet: bool) -> None:
        for child in node:
            if child.tag in {TEXT_NS + "p", TEXT_NS + "h"}:
                paragraphs.append(Paragraph(clean(_odf_text(child)), bullet=bullet))
            elif child.tag in {TEXT_NS + "list", TEXT_NS + "list-item", TEXT_NS + "list-header"}:
                walk(child, True)
            elif child.tag == TEXT_NS + "section":
                walk(child, bullet)

    walk(cell, False)
    return paragraphs


def _odf_text(node: ElementTree.Element) -> str:
    parts = [node.text or ""]
    for child in node:
        if child.tag == TEXT_NS + "s":
            raw = child.get(TEXT_NS + "c")
            parts.append(" " * _number(raw, "text:c", default=1, high=MAX_SPACES))
        elif child.tag == TEXT_NS + "tab":
            parts.append("\t")
        elif child.tag == TEXT_NS + "line-break":
            parts.append("\n")
        elif child.tag not in {
            TEXT_NS + "note",
            "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation",
        }:
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# --- XLSX ------------------------------------------------------------------------------------


def read_xlsx(path: Path) -> Source:
    import openpyxl

    _refuse_ole(path)
    _check_archive(path)
    _check_merges(path)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception:
        raise ImportFailure(
            f"{path}: файл поврежден или это не книга XLSX: откройте его в Excel или"
            " LibreOffice Calc и сохраните заново как XLSX"
        ) from None
    sheet = next((ws for ws in workbook.worksheets if ws.max_row > 1), workbook.worksheets[0])
    rows, columns = _extent(sheet)
    check_width(columns)
    check_cells(rows * columns)
    values = sheet.iter_rows(max_row=rows, max_col=columns, values_only=True) if rows else []
    grid = text_grid([_xlsx_value(value) for value in row] for row in values)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > rows or merged.min_col > columns:
            continue  # a merge of empty cells past the data
        origin = grid[merged.min_row - 1][merged.min_col - 1]
        if not isinstance(origin, Cell):
            continue
        bottom, right = min(merged.max_row, rows), min(merged.max_col, columns)
        origin.colspan = right - merged.min_col + 1
        origin.rowspan = bottom - merged.min_row + 1
        for r in range(merged.min_row, bottom + 1):
            for c in range(merged.min_col, right + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    grid[r - 1][c - 1] = Covered(origin, vertical=c == merged.min_col)
    return Source(tables=[_drop_empty_rows(Table(grid).pad())])


def _check_merges(path: Path) -> None:
    """Loading a workbook makes an object for every cell of a merged range, so a range over
    the whole sheet is refused before the workbook is loaded."""
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as stream:
                        for _, node in ElementTree.iterparse(stream):
                            if node.tag.endswith("}mergeCell"):
                                check_cells(_area(node.get("ref", "")))
                            node.clear()
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return  # the workbook loader says the file is damaged


def _area(ref: str) -> int:
    """The cells of a range such as ``A1:D4``; 0 for a reference that is not one."""
    from openpyxl.utils.cell import range_boundaries

    try:
        left, top, right, bottom = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0
    if None in (left, top, right, bottom):
        return 0
    return (right - left + 1) * (bottom - top + 1)  # type: ignore[operator]


def _extent(sheet: Any) -> tuple[int, int]:
    """The rows and columns that hold values. The sheet's own dimension also counts cells
    that are only formatted or merged, and a stray one at XFD1048576 would make it a grid of
    seventeen billion positions."""
    rows = columns = 0
    for (row, column), cell in sheet._cells.items():
        if cell.value is not None and cell.value != "":
            rows, columns = max(rows, row), max(columns, column)
    return rows, columns


def _xlsx_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return str(value.strftime("%d.%m.%Y"))
    return str(value)


def _drop_empty_rows(table: Table) -> Table:
    table.rows = [
        row for row in table.rows if any(isinstance(s, Cell) and not s.empty for s in row)
    ]
    return table


# --- CSV -------------------------------------------------------------------------------------

CSV_SEPARATORS: Final = ";,\t"
"""The separators a CSV may use: the comma of RFC 4180, the «;» Excel writes where the comma
is the decimal mark (a Russian Windows), the tab of a text export."""


def read_csv(path: Path) -> Source:
    text = _decode(path)
    sample = text[:4096]
    if len(text) > len(sample):  # whole lines only: a field cut in the middle misleads it
        sample = sample[: sample.rfind("\n") + 1] or sample
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=CSV_SEPARATORS)
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    limit = csv.field_size_limit(MAX_FIELD)
    try:
        grid = text_grid(reader)
    except csv.Error as exc:
        what = (
            f"поле длиннее {MAX_FIELD} знаков (предел импорта)"
            if "field limit" in str(exc)
            else "файл поврежден"
        )
        raise Damaged(
            f"строка {reader.line_num}: {what}: проверьте файл в Excel или LibreOffice Calc и"
            " сохраните заново как CSV"
        ) from None
    finally:
        csv.field_size_limit(limit)
    return Source(tables=[_drop_empty_rows(Table(grid).pad())])


def _decode(path: Path) -> str:
    if path.stat().st_size > MAX_UNPACKED:
        raise Damaged(
            f"файл больше {MAX_UNPACKED // 1_000_000} МБ (предел импорта): проверьте, что это"
            " план или отчет"
        )
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        raise ImportFailure(
            f"{path}: текст не в кодировке UTF-8 и не в Windows-1251: сохраните файл в UTF-8"
        ) from None


# --- TXT (text extraction with tab-separated cells) ------------------------------------------

_TAB_START = re.compile(r"^[ \u00a0]*\t")


def read_txt(path: Path) -> Source:
    """Text as extraction produces it. Two shapes occur: a row per line with cells separated by
    tabs (a continuation line starts with a tab and fills the cells below the row's), or a cell
    per line (a cell starts at a tab at the start of a line; a line without one continues the
    cell before it). Rows of the second shape are rebuilt later from the header's width."""
    lines = _decode(path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    many = sum(1 for line in lines if line.strip("\t ").count("\t") >= 2)
    starts = sum(1 for line in lines if _TAB_START.match(line))
    if many >= max(3, starts // 4):
        return _rows_per_line(lines)
    if starts == 0:
        return _blocks(lines)
    return _cells_per_line(lines)


def _blocks(lines: list[str]) -> Source:
    """Text without tabs (an OCR'd scan): each block of lines between blank lines is taken
    for a cell, and the stream of cells is laid out like a cell-per-line text."""
    blocks: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    source = Source()
    if blocks:
        source.tables.append(Table([[text_cell(block) for block in blocks]]))
        source.notes.append("stream")
        source.notes.append("blocks")
    return source


def _rows_per_line(lines: list[str]) -> Source:
    source = Source()
    rows: list[list[str]] = []
    for line in lines:
        if _SEPARATOR.match(line):
            continue  # a converter's rule between the header and the rows
        if "\t" not in line:
            if rows and line.strip():
                rows[-1][-1] = glue(rows[-1][-1], line)
            elif not rows and line.strip():
                source.above.append(line.strip())
            continue
        cells = line.split("\t")
        first = _strip_tags(cells[0]).strip()
        if rows and len(rows[-1]) > 1 and not _starts_row(first):
            _continue_row(rows[-1], cells)
            continue
        rows.append(cells)
    grid = text_grid([_strip_tags(c) for c in row] for row in rows)
    source.tables.append(_drop_empty_rows(Table(grid).pad()))
    return source


def _continue_row(previous: list[str], cells: list[str]) -> None:
    """A row continued on the next page. When the continuation has fewer cells than the row
    (a converter drops a column that is empty on that page), its cells go, in order, to the
    row's longest cells: a column that continues is one whose text was broken off."""
    pieces = cells[1:] if not cells[0].strip() else cells
    columns = list(range(1, len(previous)))
    if len(pieces) < len(columns):
        longest = sorted(columns, key=lambda c: -len(previous[c]))[: len(pieces)]
        columns = sorted(longest)
    for column, value in zip(columns, pieces, strict=False):
        if value.strip():
            previous[column] = glue(previous[column], value)


_SEPARATOR = re.compile(r"^[\s|:+\-–—]*-{2,}[\s|:+\-–—]*$")
_ROW_START = re.compile(r"^(\d+(\.\d+)*\.?|\d+\)|[IVXLІХ]+\.?)(\s|$)")


def _starts_row(first: str) -> bool:
    """A row of the table begins with its number (or is the header, before any number)."""
    return bool(_ROW_START.match(first))


def glue(before: str, after: str) -> str:
    """Join a cell broken across lines or pages: inside a sentence with a space, after its end
    as a new paragraph."""
    before, after = before.rstrip(), after.strip()
    if not before:
        return after
    if not after:
        return before
    if re.search(r"[.;:!?»)]$|[а-яёіїєґ]-$", _strip_tags(before).rstrip()):
        return before + "\n" + after
    return before + " " + after


def _cells_per_line(lines: list[str]) -> Source:
    source = Source()
    cells: list[str] = []
    for line in lines:
        if _TAB_START.match(line):
            cells.append(line.split("\t", 1)[1])
        elif cells:
            cells[-1] += "\n" + line
        elif line.strip():
            source.above.append(line.strip())
    if cells:
        stream: list[Slot] = [text_cell(_strip_tags(c)) for c in cells]
        source.tables.append(Table([stream]))
        source.notes.append("stream")
    return source


_TAGS = re.compile(r"</?(p|ul|ol|li|br|span|b|i|strong|em)\b[^>]*>", re.IGNORECASE)


def _strip_tags(text: str) -> str:
    """Markup left by a PDF converter (``<p>``, ``<li>``): paragraphs and items, not text."""
    text = re.sub(r"<li\b[^>]*>", "\n• ", text, flags=re.IGNORECASE)
    text = re.sub(r"</p>\s*<p\b[^>]*>", "\n", text, flags=re.IGNORECASE)
    return _TAGS.sub("", text)


# --- PDF -------------------------------------------------------------------------------------


def read_pdf(path: Path) -> Source:
    advice = (
        "откройте исходный документ (DOCX или ODT), из которого сделан PDF, и импортируйте его;"
        " если есть только PDF, откройте его в LibreOffice Writer или Word и сохраните как DOCX,"
        " затем сверьте таблицу с PDF"
    )
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ImportFailure(f"{path}: PDF защищен паролем: {advice}")
        text = "".join((page.extract_text() or "") for page in reader.pages[:5])
    except ImportFailure:
        raise
    except Exception:
        raise ImportFailure(f"{path}: файл поврежден или это не PDF: {advice}") from None
    if not text.strip():
        raise ImportFailure(
            f"{path}: PDF без текстового слоя (скан): текст и таблицу из него не извлечь"
            f" надежно; {advice}"
        )
    raise ImportFailure(
        f"{path}: PDF не импортируется: в PDF таблица не хранит ячеек, и текст из нее нельзя"
        f" разобрать надежно; {advice}"
    )


READERS: dict[str, Callable[[Path], Source]] = {
    ".docx": read_docx,
    ".odt": read_odt,
    ".xlsx": read_xlsx,
    ".csv": read_csv,
    ".txt": read_txt,
    ".pdf": read_pdf,
}
