"""Reading built HTML and CSS as a browser would, apart from any rule."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from generator.compliance.html import (
    accessible_name,
    ancestor_class_in,
    classes_hidden_on_phones,
    dropdown_of,
    is_hidden,
)


def _tag(markup: str, selector: str) -> Tag:
    found = BeautifulSoup(markup, "html.parser").select_one(selector)
    assert found is not None
    return found


def test_only_classes_a_narrow_media_query_hides_count() -> None:
    css = (
        ".wide{display:none}"
        "@media screen and (max-width: 600px){ nav .menu.open{display: none}"
        " .tint{color:red} @supports (x:y){ .inner{visibility:hidden} } }"
        "@media (min-width: 900px){ .desk{display:none} }"
    )
    assert classes_hidden_on_phones([css]) == [frozenset({"inner"}), frozenset({"menu", "open"})]


def test_the_hiding_class_is_found_on_an_ancestor() -> None:
    link = _tag('<div class="menu open x"><p><a href="a/">A</a></p></div>', "a")
    assert ancestor_class_in(link, [frozenset({"menu", "open"})]) == ".menu.open"
    assert ancestor_class_in(link, [frozenset({"menu", "shut"})]) is None


def test_hidden_and_dropdown_look_at_the_ancestors() -> None:
    assert is_hidden(_tag('<div style="display: none"><a href="x">x</a></div>', "a"))
    assert is_hidden(_tag('<div aria-hidden="true"><a href="x">x</a></div>', "a"))
    assert not is_hidden(_tag('<div><a href="x">x</a></div>', "a"))
    details = _tag("<details><summary>s</summary><a href='x'>x</a></details>", "a")
    found = dropdown_of(details)
    assert found is not None and found.name == "details"


def test_accessible_name_reads_labels_alternatives_and_svg_titles() -> None:
    link = _tag(
        '<a href="x" aria-label="Баннер"><svg><title>Коррупция.NET</title></svg>'
        '<img alt="герб"> текст</a>',
        "a",
    )
    name = accessible_name(link)
    for part in ("Баннер", "Коррупция.NET", "герб", "текст"):
        assert part in name
