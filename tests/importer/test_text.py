"""Cell text: the only repairs made, executors split, lists kept as Markdown."""

from __future__ import annotations

import pytest

from generator.importer.grid import Cell, Paragraph, text_cell
from generator.importer.text import executors_of, markdown_of, repair_hyphens


@pytest.mark.parametrize(
    ("lines", "text", "repaired"),
    [
        (["обучение муниципальных слу-", "жащих"], "обучение муниципальных служащих", 1),
        (
            ["в сфере жилищно-", "коммунального хозяйства"],
            "в сфере жилищно-коммунального хозяйства",
            1,
        ),
        (
            ["антикорупційної інформаційно- просвітницької"],
            "антикорупційної інформаційно-просвітницької",
            1,
        ),
        (["лечебно- и профилактических"], "лечебно- и профилактических", 0),
        (["Отдел по про-", "Филактике"], "Отдел по про-\n\nФилактике", 0),  # not both lowercase
        (["2021-", "2024 годы"], "2021-\n\n2024 годы", 0),
    ],
)
def test_only_unambiguous_hyphens_are_repaired(lines: list[str], text: str, repaired: int) -> None:
    cell = Cell([Paragraph(line) for line in lines])
    assert len(repair_hyphens(cell)) == repaired
    assert markdown_of(cell) == text


def test_executors_split_on_semicolons_and_lines() -> None:
    cell = text_cell("Отдел кадров; юридический отдел;\n\nАппарат, пресс-служба;")
    assert executors_of(cell) == ["Отдел кадров", "юридический отдел", "Аппарат, пресс-служба"]


def test_lists_and_paragraphs_become_markdown() -> None:
    cell = Cell(
        [
            Paragraph("Проведено:"),
            Paragraph("семинаров — 3", bullet=True),
            Paragraph("проверок — 5", bullet=True),
            Paragraph("Итог подведен."),
        ]
    )
    assert markdown_of(cell) == "Проведено:\n\n- семинаров — 3\n- проверок — 5\n\nИтог подведен."


def test_characters_that_are_not_text_are_dropped() -> None:
    cell = text_cell("Отчет\x0bпредставлен\u200b главе\r\nв срок\x07")
    assert markdown_of(cell) == "Отчет\n\nпредставлен главе\n\nв срок"
