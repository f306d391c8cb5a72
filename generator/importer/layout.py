"""From a table grid to a draft plan (and report): header, columns, sections, measures.

Nothing here knows the file format. Rows are classified by what they hold: a row with a
number and a title across the table is a section; a row with a measure's cells is a measure;
a repeated header row or a row of column numbers is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from generator.content import derive_key
from generator.importer.columns import ROLE_NAMES, Role, by_position, map_header, normalise
from generator.importer.draft import (
    NOT_STATED,
    Draft,
    DraftMeasure,
    DraftResult,
    DraftSection,
)
from generator.importer.grid import Cell, Covered, Paragraph, Slot, Source, Table, text_cell
from generator.importer.readers import ImportFailure
from generator.importer.text import executors_of, markdown_of, one_line, repair_hyphens

ROMAN: Final = r"[IVXLІХ]+"
NUMBER_RE: Final = re.compile(rf"^(\d+(?:\.\d+)*\.?|\d+\)|{ROMAN}\.?)$")
HEAD_RE: Final = re.compile(
    rf"^(?:(?:раздел|розділ|глава|часть|частина)\s+)?(\d+(?:\.\d+)*\.?|\d+\)|{ROMAN}\.)"
    r"\s+(\S.*)$",
    re.DOTALL | re.IGNORECASE,
)
HEADER_SEARCH: Final = 15


@dataclass
class Row:
    """One data row: the cell of each role, and the row's position for messages."""

    index: int
    own: dict[Role, Cell]
    inherited: dict[Role, Cell]
    spanning: Cell | None
    repairs: list[str]

    def text(self, role: Role) -> str:
        cell = self.own.get(role)
        return cell.plain() if cell else ""

    def cell(self, role: Role) -> Cell | None:
        return self.own.get(role) or self.inherited.get(role)


@dataclass
class Layout:
    mapping: dict[int, Role]
    rows: list[Row]
    above: list[str]
    positional: bool
    remapped: bool = False
    detected: bool = False
    guessed: bool = False
    unmapped: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


def lay_out(source: Source, path: str) -> Layout:
    """Find the plan table, its header and its rows; refuse a document that holds no plan."""
    if not source.tables or not any(t.rows for t in source.tables):
        raise ImportFailure(
            f"{path}: в документе нет таблицы: импорт читает план или отчет, напечатанный"
            " таблицей (номер, мероприятие, исполнители, срок)"
        )
    if "stream" in source.notes:
        if "blocks" in source.notes:
            table, records = source.tables[0], _records(source.tables[0].rows[0])
        else:
            table, records = _unstream(source.tables[0])
        if records is not None:
            mapping, rows, above = records
            layout = Layout(mapping, _rows(rows, mapping, None), source.above + above, True)
            layout.detected = True
            layout.guessed = "blocks" in source.notes
            return layout
        tables = [table]
    else:
        tables = source.tables
    for position, table in enumerate(tables):
        found = _find_header(table)
        if found is not None:
            index, mapping = found
            rows = list(table.rows[index + 1 :])
            skipped: list[int] = []
            for number, extra in enumerate(tables[position + 1 :], start=position + 2):
                if extra.width == table.width:
                    rows.extend(extra.rows)  # the table continued after a break
                elif any(_texts(row) != [""] * len(row) for row in extra.rows):
                    skipped.append(number)
            # Tables before the plan (an approval stamp laid out as a table) are heading text.
            before = [line for t in tables[:position] for line in _titles(t.rows)]
            above = source.above + before + _titles(table.rows[:index])
            layout = Layout(mapping, _rows(rows, mapping, table.rows[index]), above, False)
            headers = _texts(table.rows[index])
            layout.unmapped = [
                headers[c] for c in range(len(headers)) if headers[c] and c not in mapping
            ]
            layout.skipped = skipped
            return layout
    table = max(tables, key=lambda t: len(t.rows))
    numbered = _numbered(table)
    if table.width < 3 or not numbered:
        raise ImportFailure(
            f"{path}: таблица не похожа на план мероприятий: в ней не найдена строка"
            " заголовка («Мероприятие», «Исполнитель», «Срок» …) и нет столбца с номерами"
            " пунктов; проверьте, что это план или отчет о его выполнении"
        )
    mapping = by_position(table.width, numbered=True)
    first = next(i for i, row in enumerate(table.rows) if NUMBER_RE.match(_lead(row)))
    above = source.above + _titles(table.rows[:first])
    return Layout(mapping, _rows(table.rows[first:], mapping, None), above, True)


def _lead(row: list[Slot]) -> str:
    """The number a row starts with: its first cell, or the start of a cell across the row."""
    text = _texts(row)[0] if row else ""
    match = HEAD_RE.match(text)
    return match.group(1) if match else text


def _texts(row: list[Slot]) -> list[str]:
    return [s.plain() if isinstance(s, Cell) else "" for s in row]


def _find_header(table: Table) -> tuple[int, dict[int, Role]] | None:
    for index, row in enumerate(table.rows[:HEADER_SEARCH]):
        mapping = map_header(_texts(row))
        if mapping is not None:
            return index, mapping
    return None


def _numbered(table: Table) -> bool:
    firsts = [_lead(row) for row in table.rows if row]
    numbers = sum(1 for text in firsts if NUMBER_RE.match(text))
    return numbers >= max(1, len(firsts) // 3)


def _titles(rows: list[list[Slot]]) -> list[str]:
    """Rows above the header (a spreadsheet's title rows), one line per paragraph."""
    lines: list[str] = []
    for row in rows:
        cells = [s for s in row if isinstance(s, Cell) and not s.empty]
        if len(cells) == 1:
            lines.extend(p.text.strip() for p in cells[0].paragraphs if p.text.strip())
        elif cells:
            lines.append(" ".join(c.plain() for c in cells))
    return lines


def _rows(rows: list[list[Slot]], mapping: dict[int, Role], header: list[Slot] | None) -> list[Row]:
    header_key = [normalise(t) for t in _texts(header)] if header is not None else None
    found: list[Row] = []
    for index, row in enumerate(rows):
        texts = _texts(row)
        if not any(texts):
            continue
        if header_key is not None and [normalise(t) for t in texts] == header_key:
            continue  # the header printed again on a new page
        if _column_numbers(texts):
            continue
        own: dict[Role, Cell] = {}
        inherited: dict[Role, Cell] = {}
        for column, role in mapping.items():
            slot = row[column] if column < len(row) else Cell()
            if isinstance(slot, Cell):
                if not slot.empty:
                    own[role] = slot
            elif slot.vertical and not slot.origin.empty:
                inherited[role] = slot.origin
        cells = [s for s in row if isinstance(s, Cell) and not s.empty]
        spanning = cells[0] if len(cells) == 1 else None
        repairs = [word for cell in own.values() for word in repair_hyphens(cell)]
        found.append(Row(index, own, inherited, spanning, repairs))
    return found


def _column_numbers(texts: list[str]) -> bool:
    """A row «1 2 3 4 5» under the header numbers the columns, not measures."""
    filled = [t for t in texts if t]
    return len(filled) >= 3 and filled == [str(n) for n in range(1, len(filled) + 1)]


Records = tuple[dict[int, Role], list[list[Slot]], list[str]]


def _unstream(table: Table) -> tuple[Table, Records | None]:
    """Rows rebuilt from a stream of cells: the header gives the width, a lone «2. Title»
    is a section row, and every row begins with its number."""
    stream = table.rows[0]
    width, start = 0, 0
    for first in range(min(HEADER_SEARCH, len(stream))):
        for size in range(2, min(8, len(stream) - first) + 1):
            texts = _texts(stream[first : first + size])
            if map_header(texts) is not None and all(_is_header_word(t) for t in texts):
                width, start = size, first
        if width:
            break
    if width == 0:
        return table, _records(stream)
    rows: list[list[Slot]] = [[slot] for slot in stream[:start]]
    stream = stream[start:]
    rows.append(list(stream[:width]))
    position = width
    while position < len(stream):
        slot = stream[position]
        text = slot.plain() if isinstance(slot, Cell) else ""
        if HEAD_RE.match(text) and not NUMBER_RE.match(text):
            rows.append([slot] + [Cell() for _ in range(width - 1)])
            position += 1
        elif NUMBER_RE.match(text) or not rows:
            rows.append(list(stream[position : position + width]))
            position += width
        else:
            last = rows[-1]
            target = next((i for i in range(len(last) - 1, -1, -1) if isinstance(last[i], Cell)), 0)
            merged = last[target]
            if isinstance(merged, Cell) and isinstance(slot, Cell):
                merged.paragraphs.extend(slot.paragraphs)
            position += 1
    return Table(rows).pad(), None


RECORD_START: Final = re.compile(rf"^(\d+\.|\d+(?:\.\d+)+\.?|\d+\)|{ROMAN}\.)(?:\s+|$)")
DEADLINE_WORDS: Final = re.compile(
    r"(\b(19|20)\d\d\b|постоянн|ежегодн|ежекварт|ежемесячн|в течение|до \d|по мере|"
    r"квартал|полугоди|постійн|щороку|щоквартал|щомісяц|протягом|у міру|в міру|до \d|півріччя)",
    re.IGNORECASE,
)


def _records(stream: list[Slot]) -> Records | None:
    """A stream of cells without a header: a record starts at a cell that starts with a
    number («1.», «2.1», «3)», «II.»); empty cells (merged ones) are dropped. A lone numbered
    cell, or a number with one more cell, is a section; longer records are measures, whose
    term column is the one whose cells read like terms."""
    records: list[list[Cell]] = []
    above: list[str] = []
    for slot in stream:
        if not isinstance(slot, Cell) or slot.empty:
            continue
        if RECORD_START.match(slot.plain()):
            records.append([slot])
        elif records:
            records[-1].append(slot)
        else:
            above.extend(p.text.strip() for p in slot.paragraphs if p.text.strip())
    if not any(len(r) >= 3 for r in records):
        return None
    rows: list[list[Slot]] = []
    split = [_split_number(r) for r in records]
    lengths = [len(cells) for cells in split if len(cells) >= 3]
    usual = max(set(lengths), key=lambda n: (lengths.count(n), -n))
    width = usual
    for cells in split:
        if len(cells) > usual + 1 or (
            len(cells) == usual + 1 and not NUMBER_RE.match(cells[0].plain())
        ):
            # More cells than the table has columns: keep the text in the last one.
            last = Cell([p for cell in cells[usual - 1 :] for p in cell.paragraphs])
            cells = [*cells[: usual - 1], last]
        if len(cells) == usual + 1 and NUMBER_RE.match(cells[0].plain()):
            # A numbered direction printed with its one measure: one measure, both texts.
            text = Cell(cells[1].paragraphs + cells[2].paragraphs)
            rows.append([cells[0], text, *cells[3:]])
        elif len(cells) <= 2:
            title = cells[1] if len(cells) == 2 else Cell()
            rows.append([cells[0], title, *[Cell() for _ in range(width - 2)]])
        else:
            rows.append([*cells, *[Cell() for _ in range(width - len(cells))]])
    mapping = {0: Role.NUMBER, 1: Role.TEXT}
    rest = list(range(2, width))
    if rest:
        term = max(rest, key=lambda c: (_term_score(rows, c), -c))
        mapping[term] = Role.DEADLINE
        others = [c for c in rest if c != term]
        for column, role in zip(others, (Role.EXECUTORS, Role.RESULT, Role.EXPECTED), strict=False):
            mapping[column] = role
    return mapping, rows, above


def _split_number(record: list[Cell]) -> list[Cell]:
    """«1) проведення …» printed in one cell: the number and the text apart."""
    first = record[0]
    match = RECORD_START.match(first.plain())
    if match is None or first.plain() == match.group(1) or len(record) < 2:
        if match is not None and len(record) == 1 and first.plain() != match.group(1):
            return [first]
        return record
    number = Cell([Paragraph(match.group(1))])
    head = first.paragraphs[0]
    rest = [Paragraph(head.text.strip()[len(match.group(1)) :].strip(), head.bullet)]
    return [number, Cell(rest + first.paragraphs[1:]), *record[1:]]


def _term_score(rows: list[list[Slot]], column: int) -> int:
    score = 0
    for row in rows:
        slot = row[column]
        if isinstance(slot, Cell) and not slot.empty:
            text = slot.plain()
            score += 2 if len(text) < 40 and DEADLINE_WORDS.search(text) else 0
            score -= len(text) // 200
    return score


def _is_header_word(text: str) -> bool:
    from generator.importer.columns import role_of

    return role_of(text) is not None


# --- rows to a draft -------------------------------------------------------------------------


class Builder:
    """Walks the rows once, keeping the stack of open sections."""

    def __init__(self, draft: Draft, layout: Layout, report: bool) -> None:
        self.draft = draft
        self.layout = layout
        self.report = report
        self.stack: list[DraftSection] = []
        self.keys: dict[str, int] = {}
        self.section_keys: dict[str, int] = {}
        self.last: DraftMeasure | None = None

    def build(self) -> None:
        rows = self.layout.rows
        for index, row in enumerate(rows):
            following = next(
                (r.text(Role.NUMBER) for r in rows[index + 1 :] if r.text(Role.NUMBER)), None
            )
            if self._is_section(row, following):
                self._section(row)
            elif self._continues(row):
                self._continue(row)
            else:
                self._measure(row)

    def _continues(self, row: Row) -> bool:
        """A row with no number and no term or executors of its own, under a numbered
        measure, is the rest of that measure (a row broken across pages)."""
        if self.last is None or row.text(Role.NUMBER):
            return False
        if Role.NUMBER not in self.layout.mapping.values():
            return False
        return Role.EXECUTORS not in row.own and Role.DEADLINE not in row.own

    def _repairs(self, node: DraftMeasure | DraftSection, row: Row) -> None:
        for word in row.repairs:
            self.draft.note(node, "text", f"исправлен перенос слова при извлечении текста: {word}")

    def _is_section(self, row: Row, following: str | None) -> bool:
        """A row across the table, or a number and a title with nothing else, whose next
        numbered row is nested under it («1.» before «1.1» or «1)»). Without that, the row is
        a measure whose term and executors the table leaves empty."""
        details = (Role.EXECUTORS, Role.DEADLINE, Role.EXPECTED)
        if any(row.cell(role) is not None for role in details):
            return False
        if row.spanning is not None and (row.spanning.colspan > 1 or self._heading(row)):
            return True
        number, title = row.text(Role.NUMBER), row.text(Role.TEXT)
        if not (number and title and NUMBER_RE.match(number)):
            return False
        if _rank(number) == 0 or following is None:
            return True
        if _rank(following) <= _rank(number):
            return False
        key = derive_key(number, None)
        return following.strip().endswith(")") or derive_key(following, None).startswith(key + ".")

    def _heading(self, row: Row) -> bool:
        text = row.spanning.plain() if row.spanning else ""
        return bool(HEAD_RE.match(text) or NUMBER_RE.match(row.text(Role.NUMBER)))

    def _section(self, row: Row) -> None:
        number, title = (
            row.text(Role.NUMBER),
            markdown_of(row.own[Role.TEXT]) if Role.TEXT in row.own else "",
        )
        if not (number and title) and row.spanning is not None:
            text = one_line(row.spanning)
            match = HEAD_RE.match(text)
            number, title = (match.group(1), match.group(2)) if match else ("", text)
        title = " ".join(title.split())
        while self.stack and _rank(self.stack[-1].number) >= _rank(number or "1"):
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        siblings = parent.sections if parent else self.draft.plan.sections
        section = DraftSection(number=number, title=title)
        if not number:
            section.number = str(len(siblings) + 1)
            self.draft.note(
                section, "number", "у раздела в таблице нет номера: номер дан по порядку"
            )
        section.key = self._unique(section, parent.key if parent else None, self.section_keys)
        siblings.append(section)
        self.stack.append(section)
        self._repairs(section, row)
        result_cell = row.own.get(Role.RESULT)
        if self.report and result_cell is not None and row.spanning is None:
            section.result = self._result(section, result_cell, row)
        self.last = None

    def _current(self) -> DraftSection:
        if not self.stack:
            section = DraftSection(number="1", title="Мероприятия плана")
            section.key = "1"
            self.section_keys["1"] = 1
            self.draft.plan.sections.append(section)
            self.stack.append(section)
            self.draft.note(
                section,
                "title",
                "в таблице нет строк разделов: все мероприятия в одном разделе"
                " с условным названием; исправьте название",
            )
        return self.stack[-1]

    def _measure(self, row: Row) -> None:
        number = row.text(Role.NUMBER)
        if number and NUMBER_RE.match(number):
            # «4.» cannot belong to section «2.»: it closes the sections of its own rank.
            while len(self.stack) > 1 and _rank(self.stack[-1].number) >= _rank(number):
                self.stack.pop()
        section = self._current()
        text_cell_ = row.own.get(Role.TEXT)
        text = markdown_of(text_cell_) if text_cell_ else ""
        measure = DraftMeasure(number=number, text=text, executors=[], deadline="")
        if not number:
            match = re.match(r"^(\d+\)|\d+(?:\.\d+)+\.?)\s+", text)
            if match:
                measure.number = match.group(1)
            else:
                measure.number = str(len(section.measures) + 1)
                self.draft.note(measure, "number", "у мероприятия нет номера: номер дан по порядку")
        self._fill(measure, row)
        measure.key = self._unique(measure, section.key, self.keys)
        section.measures.append(measure)
        self.last = measure
        self._repairs(measure, row)
        if self.layout.guessed:
            self.draft.note(
                measure,
                "number",
                "ячейки этого пункта собраны из абзацев текста без таблицы:"
                " сверьте номер, текст, срок и исполнителей с документом",
            )
        for word in mixed_script(measure.text):
            self.draft.note(
                measure,
                "text",
                f"в слове «{word}» смешаны латинские и русские буквы:"
                " возможна ошибка распознавания",
            )
        result_cell = row.cell(Role.RESULT)
        if self.report:
            measure.result = self._result(measure, result_cell, row)

    def _fill(self, measure: DraftMeasure, row: Row) -> None:
        executors = row.cell(Role.EXECUTORS)
        deadline = row.cell(Role.DEADLINE)
        expected = row.cell(Role.EXPECTED)
        measure.executors = executors_of(executors) if executors else []
        measure.deadline = "\n".join(deadline_lines(deadline)) if deadline else ""
        measure.expected_result = markdown_of(expected) if expected else None
        for name in ("text", "deadline"):
            if not getattr(measure, name):
                setattr(measure, name, NOT_STATED)
                self.draft.note(measure, name, f"в источнике пусто: {_FIELD[name]} «{NOT_STATED}»")
        if not measure.executors:
            measure.executors = [NOT_STATED]
            self.draft.note(measure, "executors", f"в источнике пусто: исполнители «{NOT_STATED}»")

    def _continue(self, row: Row) -> None:
        """A row without a number under a numbered measure: the measure continues (a row
        broken across pages)."""
        measure = self.last
        assert measure is not None
        text = row.own.get(Role.TEXT)
        if text is not None:
            measure.text = _join(measure.text, markdown_of(text))
        executors = row.own.get(Role.EXECUTORS)
        if executors is not None:
            measure.executors = [e for e in measure.executors if e != NOT_STATED]
            measure.executors += executors_of(executors)
        deadline = row.own.get(Role.DEADLINE)
        if deadline is not None:
            measure.deadline = _join(measure.deadline, "\n".join(deadline_lines(deadline)), "\n")
        result = row.own.get(Role.RESULT)
        if result is not None and measure.result is not None:
            measure.result.text = _join(measure.result.text or "", markdown_of(result))
        self.draft.note(measure, "text", "строка таблицы без номера присоединена к этому пункту")

    def _unique(
        self, node: DraftMeasure | DraftSection, parent: str | None, seen: dict[str, int]
    ) -> str:
        key = derive_key(node.number, parent)
        if key in seen:
            seen[key] += 1
            node.id = f"{key}-{seen[key]}"
            self.draft.note(
                node, "id", f"номер {node.number} уже встречался в таблице: дан ключ {node.id}"
            )
            return node.id
        seen[key] = 1
        return key

    def _result(
        self, node: DraftMeasure | DraftSection, cell: Cell | None, row: Row
    ) -> DraftResult:
        from generator.importer.status import infer_status

        text = markdown_of(cell) if cell is not None and not cell.empty else None
        status_cell = row.own.get(Role.STATUS)
        status, message = infer_status(text, status_cell.plain() if status_cell else None)
        result = DraftResult(text=text, status=status)
        if message:
            self.draft.note(result, "status", message)
        return result


_FIELD: Final = {"text": "текст мероприятия", "deadline": "срок"}


_MIXED: Final = re.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[а-яА-ЯёЁіІїЇєЄґҐ])\w+\b")


def mixed_script(text: str) -> list[str]:
    """Words mixing Latin and Cyrillic letters: in a scan, a letter misread."""
    return sorted(set(_MIXED.findall(text)))


def deadline_lines(cell: Cell) -> list[str]:
    return [" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip()]


def _join(first: str, second: str, glue: str = "\n\n") -> str:
    if not first or first == NOT_STATED:
        return second
    if not second:
        return first
    return first + glue + second


def _rank(number: str) -> int:
    core = number.strip().rstrip(".)").strip()
    if re.fullmatch(ROMAN, core):
        return 0
    if number.strip().endswith(")"):
        return 100
    return core.count(".") + 1


def positional_note(layout: Layout) -> str:
    columns = ", ".join(ROLE_NAMES[role] for _, role in sorted(layout.mapping.items()))
    return f"строка заголовка таблицы не найдена: столбцы взяты по порядку ({columns})"


def row_cells(values: list[str]) -> list[Slot]:
    return [text_cell(v) for v in values]


__all__ = ["Builder", "Covered", "Layout", "lay_out", "positional_note", "row_cells"]
