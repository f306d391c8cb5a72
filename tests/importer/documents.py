"""Test documents built in code: the same plan table as DOCX, ODT and XLSX, with the layouts
that real plans use (merged section rows, vertically merged cells, lists inside cells, a
header repeated on every page, Ukrainian headers, no header at all)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# A row: None is a cell covered by the cell to its left (a horizontal merge); "^" is covered
# by the cell above (a vertical merge). A cell's lines are paragraphs; "• " marks a list item.
Row = list[str | None]


@dataclass
class Plan:
    above: list[str]
    rows: list[Row]
    header_rows: set[int] = field(default_factory=set)


RU_HEADER: Row = [
    "№ п/п",
    "Наименование мероприятия",
    "Ответственные исполнители",
    "Срок исполнения",
]

REPORT = Plan(
    above=[
        "Отчет за 2023 год о выполнении Плана мероприятий по противодействию коррупции"
        " в администрации Примерного района на 2022-2024 годы",
    ],
    rows=[
        [*RU_HEADER, "Информация о выполнении"],
        ["1", "2", "3", "4", "5"],
        ["1. Организационные меры", None, None, None, None],
        [
            "1.1",
            "Заседания комиссии по координации работы по противодействию коррупции",
            "Отдел кадров; юридический отдел",
            "Ежеквартально",
            "Проведено 4 заседания комиссии.\nРассмотрено 12 вопросов.",
        ],
        [
            "1.2",
            "Мониторинг публикаций:\n• в печатных изданиях\n• в сети «Интернет»",
            "Пресс-служба",
            "Постоянно",
            "",
        ],
        [*RU_HEADER, "Информация о выполнении"],
        ["2.", "Антикоррупционное просвещение", None, None, "Случаев не выявлено"],
        [
            "2.1",
            "Обучение муниципальных служа-\nщих, впервые поступивших на службу",
            "Отдел кадров",
            "В течение года",
            "Не относится к компетенции администрации",
        ],
        [
            "2.2",
            "Конкурс социальной рекламы",
            "^",
            "До 1 декабря\nДо 20 декабря",
            "Конкурс проведен.",
        ],
    ],
    header_rows={0, 5},
)

UK_PLAN = Plan(
    above=[
        "ЗАТВЕРДЖЕНО",
        "розпорядженням голови райдержадміністрації від 15.03.2021 № 123-р",
        "План заходів щодо запобігання корупції на 2021-2022 роки",
    ],
    rows=[
        ["№ з/п", "Захід", "Відповідальні виконавці", "Строк виконання"],
        ["І. Запобігання корупції", None, None, None],
        ["1.", "Проведення навчань", "Сектор кадрової роботи", "Щокварталу"],
        ["2.", "Оприлюднення звітів", "Загальний відділ;\nсектор інформації", "^"],
    ],
    header_rows={0},
)

NO_HEADER = Plan(
    above=[
        "План противодействия коррупции на 2024 год",
        "утвержден постановлением администрации от 01.02.2024 № 15",
    ],
    rows=[
        ["1.", "Общие меры", None, None],
        ["1.1", "Разработка планов", "Аппарат", "Январь 2024"],
        ["1.2", "Проверка знаний", "Отдел кадров", "Ежегодно"],
    ],
)


def write_docx(plan: Plan, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in plan.above:
        document.add_paragraph(line)
    width = max(len(r) for r in plan.rows)
    table = document.add_table(rows=len(plan.rows), cols=width)
    for r, row in enumerate(plan.rows):
        for c, value in enumerate(row):
            if value is None or value == "^":
                continue
            _docx_cell(table.cell(r, c), value)
    for r, row in enumerate(plan.rows):
        for c, value in enumerate(row):
            if value is None:
                start = c
                while row[start] is None:
                    start -= 1
                table.cell(r, start).merge(table.cell(r, c))
            elif value == "^":
                top = r
                while plan.rows[top][c] == "^":
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
    document.save(str(path))
    return path


def _docx_cell(cell: object, value: str) -> None:
    lines = value.split("\n")
    first = True
    for line in lines:
        bullet = line.startswith("• ")
        text = line[2:] if bullet else line
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        paragraph.text = text
        if bullet:
            paragraph.style = "List Bullet"
        first = False


def write_odt(plan: Plan, path: Path) -> Path:
    from odfdo import Cell, Document, Element, Paragraph, Row, Table

    document = Document("text")
    body = document.body
    for line in plan.above:
        body.append(Paragraph(line))
    width = max(len(r) for r in plan.rows)
    table = Table("План", width=width, height=0)
    for r, values in enumerate(plan.rows):
        row = Row()
        for c, value in enumerate(values):
            if value is None or value == "^":
                row.append(Element.from_tag("<table:covered-table-cell/>"))
                continue
            cell = Cell()
            span = 1
            while c + span < len(values) and values[c + span] is None:
                span += 1
            down = 1
            while r + down < len(plan.rows) and plan.rows[r + down][c] == "^":
                down += 1
            if span > 1:
                cell.set_attribute("table:number-columns-spanned", str(span))
            if down > 1:
                cell.set_attribute("table:number-rows-spanned", str(down))
            bullets = None
            for line in value.split("\n"):
                if line.startswith("• "):
                    if bullets is None:
                        bullets = Element.from_tag("<text:list/>")
                        cell.append(bullets)
                    item = Element.from_tag("<text:list-item/>")
                    item.append(Paragraph(line[2:]))
                    bullets.append(item)
                else:
                    bullets = None
                    cell.append(Paragraph(line))
            row.append(cell)
        table.append(row)
    body.append(table)
    document.save(str(path))
    return path


def write_xlsx(plan: Plan, path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in plan.above:
        sheet.append([line])
    offset = len(plan.above)
    for values in plan.rows:
        sheet.append([None if v in (None, "^") else v.replace("• ", "• ") for v in values])
    for r, values in enumerate(plan.rows, start=offset + 1):
        for c, value in enumerate(values, start=1):
            if value is not None and value != "^":
                span = 1
                while c - 1 + span < len(values) and values[c - 1 + span] is None:
                    span += 1
                down = 1
                while (
                    r - offset - 1 + down < len(plan.rows)
                    and plan.rows[r - offset - 1 + down][c - 1] == "^"
                ):
                    down += 1
                if span > 1 or down > 1:
                    sheet.merge_cells(
                        start_row=r, start_column=c, end_row=r + down - 1, end_column=c + span - 1
                    )
    workbook.save(path)
    return path
