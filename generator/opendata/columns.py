"""The columns of the data files, declared once: the CSV and XLSX headers, the field names of
the open-data structure files, the keys of the rows, and what ``antikor import`` recognises
when it reads antikor's own files back.

A column's ``name`` is the field name (Latin, as the Methodological recommendations on open
data ask for structure files); ``title`` is the Russian header a spreadsheet shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    english: str
    format: str = "string"
    width: int = 14


PLAN: Final = Column("plan", "План (файл)", "Plan file name without .yaml", width=12)
PLAN_TITLE: Final = Column("plan_title", "Наименование плана", "Plan title", width=30)
PLAN_YEARS: Final = Column("plan_years", "Годы плана", "Years of the plan", width=10)
REPORT: Final = Column("report", "Отчет (файл)", "Report file name without .yaml", width=12)
REPORT_TITLE: Final = Column("report_title", "Наименование отчета", "Report title", width=30)
PERIOD_FROM: Final = Column(
    "period_from", "Начало отчетного периода", "Reporting period start", "date", 12
)
PERIOD_TO: Final = Column(
    "period_to", "Конец отчетного периода", "Reporting period end", "date", 12
)
REPORT_DATE: Final = Column(
    "report_date", "Дата отчета", "Report date (or «не указано», «неразборчиво»)", width=12
)
SECTION_NUMBER: Final = Column(
    "section_number",
    "Номер раздела",
    "Section numbers as printed, outermost first, one per line",
    width=10,
)
SECTION_KEY: Final = Column(
    "section_key", "Ключ раздела", "Section keys, outermost first, one per line", width=10
)
SECTION_TITLE: Final = Column(
    "section_title", "Раздел", "Section titles, outermost first, one per line", width=30
)
NUMBER: Final = Column("number", "Номер", "Measure number as printed", width=8)
KEY: Final = Column("key", "Ключ", "Measure key that reports refer to", width=8)
TEXT: Final = Column("text", "Мероприятие", "Measure text (Markdown)", width=60)
EXECUTORS: Final = Column("executors", "Исполнители", "Executors joined by «; »", width=30)
DEADLINE: Final = Column("deadline", "Срок", "Deadline as printed, one term per line", width=20)
DUE_DATE: Final = Column(
    "due_date",
    "Дата срока",
    "Due dates the deadline names (YYYY-MM-DD, one per line); empty for «постоянно» and the like",
    width=12,
)
EXPECTED: Final = Column(
    "expected_result", "Ожидаемый результат", "Expected result (Markdown)", width=40
)
STATUS: Final = Column("status", "Статус", "Status key (done, in_progress, ...)", width=14)
STATUS_LABEL: Final = Column("status_label", "Статус (словами)", "Status label", width=18)
RESULT_DEADLINE: Final = Column(
    "result_deadline", "Срок в отчете", "Deadline for the period as printed in the report", width=16
)
RESULT_TEXT: Final = Column(
    "result_text", "Информация о выполнении", "Result text (Markdown)", width=60
)
COMPLETED: Final = Column("completed", "Дата выполнения", "Completion date", "date", 12)
LINKS: Final = Column(
    "links", "Подтверждающие документы", "Links, one per line: title <address>", width=30
)

MEASURE_COLUMNS: Final = (
    SECTION_NUMBER,
    SECTION_KEY,
    SECTION_TITLE,
    NUMBER,
    KEY,
    TEXT,
    EXECUTORS,
    DEADLINE,
    DUE_DATE,
    EXPECTED,
)
PLAN_COLUMNS: Final = (PLAN, PLAN_TITLE, PLAN_YEARS, *MEASURE_COLUMNS)
REPORT_COLUMNS: Final = (
    REPORT,
    REPORT_TITLE,
    PERIOD_FROM,
    PERIOD_TO,
    REPORT_DATE,
    PLAN,
    *MEASURE_COLUMNS,
    STATUS,
    STATUS_LABEL,
    RESULT_DEADLINE,
    RESULT_TEXT,
    COMPLETED,
    LINKS,
)

ACT_COLUMNS: Final = (
    Column("level", "Уровень", "Level: federal, regional, municipal, internal", width=12),
    Column("act", "Вид акта", "Kind of act", width=20),
    Column("date", "Дата", "Date of the act (or «не указано», «неразборчиво»)", width=12),
    Column("number", "Номер", "Number of the act", width=12),
    Column("title", "Наименование", "Title of the act", width=60),
    Column("url", "Ссылка", "Address of the official text", width=30),
    Column("file", "Файл", "File in the section", width=20),
    Column("status", "Статус", "active or repealed", width=10),
    Column("note", "Примечание", "Note", width=30),
)

EXECUTOR_SEPARATOR: Final = "; "
"""How the executors of a measure share one cell."""
