"""Requirement profiles: the shipped files load, ``extends`` merges, mistakes are explained."""

from __future__ import annotations

import pytest

from generator.compliance.profiles import (
    ProfileError,
    available_profiles,
    load_profile,
    resolve_profile,
)

BASE = """
title: База
subsections:
  - key: acts
    titles: {ru: Акты}
  - key: feedback
    titles: {ru: Обратная связь}
    required: false
rules:
  - id: title
    type: section_title
    title: Название
    basis: Основание А
    params: {titles: {ru: Противодействие коррупции}}
  - id: links
    type: internal_links
    title: Ссылки
    basis: Основание Б
"""


def test_shipped_profiles() -> None:
    assert available_profiles() == ["altai", "federal", "tatarstan"]
    for name in available_profiles():
        assert load_profile(name).rules


def test_regional_profiles_add_their_rule_to_every_federal_one() -> None:
    federal = [r.id for r in load_profile("federal").rules]
    altai = load_profile("altai")
    tatarstan = load_profile("tatarstan")
    assert [r.id for r in altai.rules] == [*federal, "banner"]
    assert [r.id for r in tatarstan.rules] == [*federal, "subsections-one-transition"]
    assert altai.chain == ("altai", "federal")
    assert altai.subsections == load_profile("federal").subsections
    banner = altai.rule_of_type("banner")
    assert banner is not None and banner.params == {"text": "Коррупция.NET"}


def test_extends_inherits_and_a_rule_with_the_same_id_replaces_the_parents() -> None:
    child = """
title: Регион
extends: base
rules:
  - id: title
    type: section_title
    title: Название по-региональному
    basis: Региональный акт
    params: {titles: {ru: Противодействие коррупции}}
  - id: banner
    type: banner
    title: Баннер
    basis: Региональный акт
    params: {text: Пример}
"""
    profile = resolve_profile("region", {"base": BASE, "region": child})
    assert [(r.id, r.basis) for r in profile.rules] == [
        ("title", "Региональный акт"),
        ("links", "Основание Б"),
        ("banner", "Региональный акт"),
    ]
    assert [(s.key, s.required) for s in profile.subsections] == [
        ("acts", True),
        ("feedback", False),
    ]


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ({}, "неизвестный профиль требований «p»; доступные профили: "),
        (
            {"p": "title: X\nextends: nowhere\n"},
            "профиль «p» дополняет неизвестный профиль «nowhere»",
        ),
        (
            {"p": "title: X\nextends: q\n", "q": "title: Y\nextends: p\n"},
            "профиль «p»: круговое наследование (p → q → p)",
        ),
        (
            {"p": BASE.replace("title: База", "title: База\ncolour: red")},
            "профиль «p» составлен неверно: colour: Extra inputs are not permitted",
        ),
        (
            {"p": BASE.replace("type: internal_links", "type: spelling")},
            "профиль «p», правило «links»: неизвестный тип правила «spelling»",
        ),
        (
            {"p": BASE.replace("{titles: {ru: Противодействие коррупции}}", "{title: X}")},
            "профиль «p», правило «title»: неверные параметры: titles: Field required",
        ),
        (
            {"p": BASE.replace("key: acts", "key: news")},
            "профиль «p»: неизвестный подраздел «news»",
        ),
        (
            {"p": BASE.replace("    titles: {ru: Акты}\n", "")},
            "профиль «p» составлен неверно: subsections.0.titles: Field required",
        ),
        ({"p": "title: [unclosed"}, "профиль «p»: ошибка YAML"),
    ],
    ids=[
        "unknown",
        "unknown-parent",
        "cycle",
        "extra-key",
        "rule-type",
        "params",
        "subsection",
        "subsection-title",
        "yaml",
    ],
)
def test_profile_mistakes_are_explained(texts: dict[str, str], message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        resolve_profile("p", texts)
    assert str(caught.value).startswith(message)


def test_unknown_shipped_profile_lists_the_available_ones() -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile("bashkortostan")
    assert str(caught.value) == (
        "неизвестный профиль требований «bashkortostan»; доступные профили: altai, federal,"
        " tatarstan"
    )


def test_every_rule_type_profile_and_option_is_documented() -> None:
    from generator.compliance.registry import RULE_TYPES
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "compliance.md").read_text(encoding="utf-8")
    for name in available_profiles():
        assert f"### `{name}`" in text
        for rule in load_profile(name).rules:
            assert f"| `{rule.id}` | `{rule.type}` |" in text
    for type_ in RULE_TYPES:
        assert f"| `{type_}` |" in text
    for option in ("--site-dir", "--profile", "--format"):
        assert f"`{option}" in text
