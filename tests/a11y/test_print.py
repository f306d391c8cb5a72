"""Printing a plan or a report, as Chromium prints to PDF: A4 landscape pages, the table's header
row on every page, no navigation, and the addresses of links written out. The PDF is read back
with poppler's pdfinfo and pdftotext (scripts/install-system-deps)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.support.server import Served

# name, page, words of the table's column headers (each fits a line of its cell), a link whose
# address must be printed
DOCUMENTS = [
    (
        "content",
        "plany-i-otchety/2021-2024/",
        ["№ п/п", "Мероприятие", "Исполнители", "Срок", "Статус по"],
        "/razdel/plany-i-otchety/otchety/2024/",
    ),
    (
        "content",
        "plany-i-otchety/otchety/2024/",
        ["№ п/п", "Мероприятие", "Исполнители", "Информация о выполнении", "Статус"],
        "/razdel/plany-i-otchety/2021-2024/",
    ),
    (
        "luhansk",
        "plany-i-otchety/otchety/2016-2017/",
        ["№ з/п", "Захід", "Виконавці", "Строк", "Інформація про виконання", "Статус"],
        "/razdel/plany-i-otchety/2016-2017/",
    ),
]

# Text that only the screen's chrome carries: skip link, header strip, navigation, footer.
CHROME = {
    "content": [
        "Перейти к содержанию",
        "Версия для слабовидящих",
        "Официальный сайт",
        "Доклады, отчеты, обзоры, статистическая информация",
        "Почтовый адрес",
    ],
    "luhansk": [
        "Перейти до змісту",
        "Версія для людей з порушеннями зору",
        "Доповіді, звіти, огляди, статистична інформація",
        "Поштова адреса",
    ],
}

A4_LANDSCAPE = (841.92, 594.96)  # points


def _poppler(tool: str, *args: str) -> str:
    assert shutil.which(tool), f"{tool} is missing: run scripts/install-system-deps"
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class Word:
    text: str
    x: float  # left edge, points from the left of the page
    top: float  # points from the top of the page
    bottom: float


def _pages(pdf: Path) -> list[list[list[list[Word]]]]:
    """Every page's words with their boxes, as poppler lays them out: pages of blocks of lines
    of words. Positions do not depend on the order in which a poppler version extracts text."""
    xhtml = _poppler("pdftotext", "-bbox-layout", str(pdf), "-")
    root = ElementTree.fromstring(xhtml)
    pages = []
    for page in root.iter(f"{_XHTML}page"):
        blocks = []
        for block in page.iter(f"{_XHTML}block"):
            lines = []
            for line in block.iter(f"{_XHTML}line"):
                lines.append(
                    [
                        Word(
                            word.text or "",
                            float(word.get("xMin", 0)),
                            float(word.get("yMin", 0)),
                            float(word.get("yMax", 0)),
                        )
                        for word in line.iter(f"{_XHTML}word")
                    ]
                )
            blocks.append(lines)
        pages.append(blocks)
    return pages


_XHTML = "{http://www.w3.org/1999/xhtml}"


def _words(page: list[list[list[Word]]]) -> list[Word]:
    return [word for block in page for line in block for word in line]


def _block_texts(page: list[list[list[Word]]]) -> list[str]:
    return [" ".join(w.text for line in block for w in line) for block in page]


def _header_row(words: list[Word], headers: list[str], row_top: float) -> list[list[Word] | None]:
    """The words of each column header in the header row above ``row_top``: the row is the one
    that holds the first header's first word nearest above; a header's words may wrap onto a
    few lines of its cell."""
    first, *rest = headers[0].split()
    anchors = [
        w
        for w in words
        if w.text == first
        and w.bottom <= row_top + 0.5
        and all(_beside(words, w, part) for part in rest)
    ]
    if not anchors:
        return [None] * len(headers)
    top = max(anchors, key=lambda w: w.bottom).top
    band = [w for w in words if top - 5 <= w.top <= top + _HEADER_ROW_HEIGHT and w.top < row_top]
    found: list[list[Word] | None] = []
    for header in headers:
        parts = [[w for w in band if w.text == part] for part in header.split()]
        found.append(
            [min(options, key=lambda w: w.top) for options in parts] if all(parts) else None
        )
    return found


def _beside(words: list[Word], word: Word, text: str) -> bool:
    """Whether ``text`` follows ``word`` on its line (so "№ п/п" is the header, not a "№" in a
    cell's text)."""
    return any(
        w.text == text and abs(w.top - word.top) < 1 and 0 < w.x - word.x < 60 for w in words
    )


_HEADER_ROW_HEIGHT = 80  # points: a header cell of three lines at the largest print font


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = _poppler("pdfinfo", "-f", "1", "-l", "999", str(pdf))
    return [
        (float(w), float(h))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    ]


@pytest.mark.parametrize(("name", "url", "headers", "target"), DOCUMENTS)
def test_printed_document(
    name: str,
    url: str,
    headers: list[str],
    target: str,
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
    tmp_path: Path,
) -> None:
    page = new_page(settings={"scheme": "wb", "font": "larger"})  # screen settings stay on screen
    page.goto(served(name).url(url))
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)

    sizes = _page_sizes(pdf)
    texts = [
        _poppler("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-")
        for n in range(1, len(sizes) + 1)
    ]
    assert len(sizes) == len(texts) >= 2
    assert all(size == A4_LANDSCAPE for size in sizes), sizes

    # Every page that holds rows of the plan's table starts with the header row: the words of
    # each column header stand above the page's first numbered row, in one row, left to right in the
    # order of the columns. Word positions, not the order of extracted text, which differs
    # between poppler versions and fonts.
    # A measure's number alone in the first column: 1.1, 2.1.3., 1) (not a date: 20.01.2025)
    number = re.compile(r"^(?:(?:\d{1,2}\.)+\d{1,2}\.?|\d{1,2}\))$")
    pages = _pages(pdf)
    assert len(pages) == len(texts)
    with_rows = 0
    for n, page_blocks in enumerate(pages):
        words = _words(page_blocks)
        columns = _header_row(words, headers[:2], float("inf"))
        second = columns[1]
        # Without the header on the page at all, a first column as wide as a number.
        first_column_end = second[0].x if second else min(w.x for w in words) + 60
        rows = [w for w in words if number.match(w.text) and w.x < first_column_end]
        if not rows:
            continue
        with_rows += 1
        found = _header_row(words, headers, min(w.top for w in rows))
        missing = [h for h, f in zip(headers, found, strict=True) if f is None]
        assert not missing, f"page {n + 1} does not start with the header row: {missing}"
        lefts = [cell[0].x for cell in found if cell is not None]
        assert lefts == sorted(lefts), f"page {n + 1}: header cells out of order {lefts}"
    assert with_rows >= 2, "the table should run over several pages"

    everything = "\n".join(texts)
    for chrome in CHROME[name]:
        assert chrome not in " ".join(everything.split()), chrome
    # Links show where they lead; anchors within the page do not.
    # (pdftotext joins a line broken after a hyphen without it: compare without hyphens)
    compact = target.replace("-", "")
    blocks = [text for page_blocks in pages for text in _block_texts(page_blocks)]
    assert any(compact in re.sub(r"[\s-]+", "", text) for text in [*blocks, everything])
    assert "#m-" not in everything
