"""Cell text as the content format wants it: Markdown paragraphs and lists, executors as a
list, and the one repair that is never a judgement (a word hyphenated across a line break)."""

from __future__ import annotations

import re
from typing import Final

from generator.importer.grid import Cell, Paragraph

LOWER: Final = "а-яёіїєґ"
_HYPHEN_INSIDE: Final = re.compile(rf"([{LOWER}]+)-\n([{LOWER}]+)")
_HYPHEN_END: Final = re.compile(rf"([{LOWER}]+)-$")
_HYPHEN_START: Final = re.compile(rf"^([{LOWER}]+)")


def split_lines(cell: Cell) -> None:
    """A line break inside a paragraph becomes a paragraph of its own (Markdown would join)."""
    paragraphs: list[Paragraph] = []
    for paragraph in cell.paragraphs:
        for line in paragraph.text.split("\n"):
            paragraphs.append(Paragraph(line, paragraph.bullet))
    cell.paragraphs = paragraphs


def repair_hyphens(cell: Cell) -> list[str]:
    """Join «слу-» and «жащих» split across lines; returns the words repaired."""
    split_lines(cell)
    repaired: list[str] = []
    paragraphs = [p for p in cell.paragraphs if p.text.strip()]
    joined: list[Paragraph] = []
    for paragraph in paragraphs:
        text = " ".join(paragraph.text.split())
        if joined and not paragraph.bullet:
            end = _HYPHEN_END.search(joined[-1].text)
            start = _HYPHEN_START.match(text)
            if end and start:
                repaired.append(f"{end.group(1)}-{start.group(1)} → {end.group(1)}{start.group(1)}")
                joined[-1] = Paragraph(joined[-1].text[:-1] + text, joined[-1].bullet)
                continue
        joined.append(Paragraph(text, paragraph.bullet))
    cell.paragraphs = joined
    return repaired


def markdown_of(cell: Cell) -> str:
    """Paragraphs apart by a blank line; list items one per line, as a clerk would type them."""
    parts: list[str] = []
    previous: Paragraph | None = None
    for paragraph in cell.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        if paragraph.bullet:
            line = f"- {text}"
            glue = "\n" if previous is not None and previous.bullet else "\n\n"
        else:
            line = text
            glue = "\n\n"
        parts.append((glue if parts else "") + line)
        previous = paragraph
    return "".join(parts)


def one_line(cell: Cell) -> str:
    return cell.plain()


def executors_of(cell: Cell) -> list[str]:
    """Executors split on «;» and line breaks; empty pieces dropped, nothing else changed."""
    found: list[str] = []
    for paragraph in cell.paragraphs:
        for line in paragraph.text.split("\n"):
            for piece in line.split(";"):
                text = " ".join(piece.split()).strip(" ,")
                if text:
                    found.append(text)
    return found
