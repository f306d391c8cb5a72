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
# «інформаційно- просвітницької»: a compound broken at its hyphen, the line break left as a space.
_SPACED_HYPHEN: Final = re.compile(rf"(?<![\w-])([{LOWER}]{{2,}}[оеє])- ([{LOWER}]+)")
_CONJUNCTIONS: Final = frozenset({"и", "или", "либо", "а", "та", "і", "й", "або", "чи"})


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
                first, second = end.group(1), start.group(1)
                compound = _compound(first)
                glued = f"{first}-{second}" if compound else first + second
                repaired.append(f"«{first}-» в конце строки и «{second}» → «{glued}»")
                keep = joined[-1].text if compound else joined[-1].text[:-1]
                joined[-1] = Paragraph(keep + text, joined[-1].bullet)
                continue
        joined.append(Paragraph(text, paragraph.bullet))
    for index, paragraph in enumerate(joined):
        text = _SPACED_HYPHEN.sub(lambda m: _rejoin(m, repaired), paragraph.text)
        joined[index] = Paragraph(text, paragraph.bullet)
    cell.paragraphs = joined
    return repaired


def _rejoin(match: re.Match[str], repaired: list[str]) -> str:
    first, second = match.group(1), match.group(2)
    if second in _CONJUNCTIONS:
        return match.group(0)  # «лечебно- и профилактических»: the hyphen waits for its word
    repaired.append(f"«{first}- {second}» → «{first}-{second}»")
    return f"{first}-{second}"


def _compound(first: str) -> bool:
    """«житлово-|комунального», «социально-|экономический»: the first half of a compound word
    ends in the linking vowel; the hyphen is the word's own and stays."""
    return len(first) >= 4 and first[-1] in "оеє"


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
