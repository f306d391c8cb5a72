"""Word's automatic numbering in the number column: the numbers are not in the text, only
counters in numbering.xml. The import prints them as Word does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbered_docx(path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("План мероприятий на 2024 год")
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    rows = [
        ("", "Мероприятие", "Исполнитель", "Срок"),
        (0, "Организационные меры", "", ""),
        (1, "Заседания комиссии", "Отдел кадров", "Ежеквартально"),
        (1, "Отчет главе", "Аппарат", "Ежегодно"),
        (0, "Просвещение", "", ""),
        (1, "Семинары", "Отдел кадров", "Ежегодно"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, (level, text, executor, deadline) in enumerate(rows):
        number = table.cell(r, 0).paragraphs[0]
        if level == "":
            number.text = "№ п/п"
        else:
            number._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/>'
                    "</w:numPr>"
                )
            )
        table.cell(r, 1).text = text
        table.cell(r, 2).text = executor
        table.cell(r, 3).text = deadline
    document.save(str(path))


def test_automatic_numbers_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _numbered_docx(tmp_path / "plan.docx")
    assert main(["import", "plan.docx", "--content", "content"]) == 0
    plan = yaml.safe_load((tmp_path / "content/plans/2024.yaml").read_text(encoding="utf-8"))
    assert [(s["number"], s["title"]) for s in plan["sections"]] == [
        ("1.", "Организационные меры"),
        ("2.", "Просвещение"),
    ]
    assert [m["number"] for s in plan["sections"] for m in s["measures"]] == ["1.1", "1.2", "2.1"]
