"""The stacked table layout on a phone: each cell shows its column's name as visible text, and
screen readers still get a table with its column headers, without the name read twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.a11y.conftest import axe_violations, describe
from tests.support.server import Served

# For each body row: the column header of every cell, the cell's data-label, and how its ::before
# is drawn. Section rows span all columns and carry no label.
CELLS = """table => {
  const headers = [...table.tHead.rows[0].cells].map(th => th.textContent.trim());
  const cells = [];
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      [...row.cells].forEach((cell, i) => {
        if (cell.colSpan > 1) return;
        const before = getComputedStyle(cell, "::before");
        cells.push({
          header: headers[i],
          label: cell.dataset.label ?? null,
          content: before.content,
          display: before.display,
          visibility: before.visibility,
          color: before.color,
          kind: cell.tagName,
        });
      });
    }
  }
  return cells;
}"""

PAGES = [
    ("derbent", "plany-i-otchety/2018-2020/", "table.ak-plan"),
    ("luhansk", "plany-i-otchety/otchety/2016-2017/", "table.ak-plan"),
    ("luhansk", "plany-i-otchety/otchety/2016-2017/", "table.ak-rollup__table"),
    ("content", "normativnye-akty/", "table.ak-acts"),
]


@pytest.mark.parametrize(("name", "url", "selector"), PAGES)
def test_each_cell_is_labelled_with_its_column_header(
    name: str,
    url: str,
    selector: str,
    served: Callable[[str], Served],
    new_page: Callable[..., Any],
) -> None:
    page = new_page(width=375, height=800)
    page.goto(served(name).url(url))
    table = page.locator(selector).first
    cells = table.evaluate(CELLS)
    labelled = [c for c in cells if c["label"] is not None]
    assert len(labelled) >= 3
    for cell in labelled:
        assert cell["label"] == cell["header"]
        # Visible text drawn from the label, with an empty alternative for assistive technology.
        assert cell["content"] == f'"{cell["header"]}" / ""', cell
        assert cell["display"] == "block" and cell["visibility"] == "visible"
    # Every data cell is labelled; only the row headers (the measure's number, the section's
    # name) go without, as they open the card.
    assert all(c["kind"] == "TH" for c in cells if c["label"] is None)
    # The header row is out of sight but still there for screen readers.
    head = table.locator("thead")
    assert head.evaluate("e => getComputedStyle(e).position") == "absolute"
    assert head.bounding_box()["width"] <= 1


def test_screen_readers_get_the_table_and_its_headers(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    page = new_page(width=375, height=800)
    page.goto(served("derbent").url("plany-i-otchety/2018-2020/"))
    display = "getComputedStyle(document.querySelector('table.ak-plan td')).display"
    assert page.evaluate(display) == "block"
    tree = page.locator("table.ak-plan").aria_snapshot()
    assert tree.lstrip("- '").startswith("table ")
    for header in ("№ п/п", "Мероприятие", "Исполнители", "Срок исполнения"):
        assert f'columnheader "{header}"' in tree
    assert 'rowheader "1.1"' in tree
    # A cell's name is its own text: the visible column name is not read a second time.
    cells = [line.strip() for line in tree.splitlines() if line.strip().startswith("- cell ")]
    assert cells
    assert not [c for c in cells if c.startswith(('- cell "Мероприятие', '- cell "Исполнители'))]


def test_a_markdown_table_that_scrolls_takes_focus(
    served: Callable[[str], Served], new_page: Callable[..., Any]
) -> None:
    """A table written in a page's Markdown has no labels for cards, so Material lets it scroll;
    the scrolling box then takes focus, has a name, and the arrow keys scroll it. No example has
    such a table: one too wide for a phone is added to the page as it is served."""
    site = served("derbent")
    url = site.url("obratnaya-svyaz/")
    cells = "".join(f"<td>{n}</td>" for n in range(12))
    table = (
        '<table style="width: 700px; table-layout: fixed"><thead><tr>'
        + "".join(f"<th>Графа {n}</th>" for n in range(12))
        + f"</tr></thead><tbody><tr>{cells}</tr></tbody></table>"
    )

    def with_table(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</h1>", "</h1>" + table, 1))

    page = new_page(width=375, height=800)
    page.route(url, with_table)
    page.goto(url)
    wrap = page.locator(".md-typeset__scrollwrap")
    wrap.wait_for()
    page.wait_for_function(
        "document.querySelector('.md-typeset__scrollwrap').hasAttribute('tabindex')"
    )
    assert wrap.get_attribute("tabindex") == "0"
    assert wrap.get_attribute("role") == "region"
    assert wrap.get_attribute("aria-label") == "Таблица"
    assert not describe("obratnaya-svyaz/", axe_violations(page))
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.md-typeset__scrollwrap').scrollLeft > 0")

    # Wide enough for the table: no scrolling, so no tab stop either.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function(
        "!document.querySelector('.md-typeset__scrollwrap').hasAttribute('tabindex')"
    )
    assert wrap.get_attribute("role") is None
