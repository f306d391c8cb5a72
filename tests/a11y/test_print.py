"""Printing a plan or a report, as Chromium prints to PDF: A4 landscape pages, the table's header
row on every page, no navigation, and the addresses of links written out. The PDF is read back
with poppler's pdfinfo and pdftotext (scripts/install-system-deps)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _page_texts(pdf: Path) -> list[str]:
    pages = int(re.search(r"^Pages:\s+(\d+)", _poppler("pdfinfo", str(pdf)), re.M).group(1))  # type: ignore[union-attr]
    return [
        _poppler("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-")
        for n in range(1, pages + 1)
    ]


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
    texts = _page_texts(pdf)
    assert len(sizes) == len(texts) >= 2
    assert all(size == A4_LANDSCAPE for size in sizes), sizes

    # Every page that holds rows of the plan's table starts with the header row.
    # A measure's number alone on a line: 1.1, 2.1.3., 1) (not a date such as 20.01.2025)
    number = re.compile(r"^\s*(?:(?:\d{1,2}\.)+\d{1,2}\.?|\d{1,2}\))\s*$", re.M)
    with_rows = [n for n, text in enumerate(texts) if number.search(text)]
    assert len(with_rows) >= 2, "the table should run over several pages"
    for n in with_rows:
        text = texts[n]
        first_row = number.search(text).start()  # type: ignore[union-attr]
        missing = [h for h in headers if h not in text[:first_row]]
        assert not missing, f"page {n + 1} does not start with the header row: {missing}"

    everything = "\n".join(texts)
    for chrome in CHROME[name]:
        assert chrome not in " ".join(everything.split()), chrome
    # Links show where they lead; anchors within the page do not.
    # (pdftotext joins a line broken after a hyphen without it: compare without hyphens)
    assert target.replace("-", "") in re.sub(r"[\s-]+", "", everything)
    assert "#m-" not in everything
