"""Requirement profiles: which rules apply to a section, with what parameters and on what legal
basis. Profiles are YAML files shipped in ``generator/profiles/``; adding a region is adding a
file. A profile may ``extends:`` another one: it inherits the parent's subsections and rules, and
a rule with the same ``id`` replaces the parent's.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import Field, ValidationError

from generator.compliance import rules as _rules  # noqa: F401  (registers the rule types)
from generator.compliance.registry import (
    FrozenModel,
    Profile,
    RuleSpec,
    SubsectionSpec,
    validate_params,
)
from generator.models import SUBSECTIONS

__all__ = [
    "Profile",
    "ProfileError",
    "ProfileFile",
    "RuleSpec",
    "SubsectionSpec",
    "available_profiles",
    "load_profile",
    "resolve_profile",
]


class ProfileFile(FrozenModel):
    """A profile file as written, before ``extends`` is resolved."""

    title: str = Field(description="Название профиля")
    extends: str | None = Field(None, description="Имя профиля, который дополняется")
    subsections: list[SubsectionSpec] | None = Field(
        None, description="Подразделы в порядке показа (если не указаны — из родительского)"
    )
    rules: list[RuleSpec] = Field(default_factory=list, description="Правила профиля")


class ProfileError(Exception):
    """A profile cannot be used; the message is for the user, in Russian."""


def available_profiles() -> list[str]:
    """Names of the profiles shipped in the package, sorted."""
    folder = resources.files("generator") / "profiles"
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )


@cache
def load_profile(name: str) -> Profile:
    """The named profile with its ``extends`` chain resolved, validated against the rule types.

    Cached: the profiles are package data, and a build asks for its profile several times (the
    banner of the section home, the webmaster's snippet, the check of ``build --strict``)."""
    texts: dict[str, str] = {}
    folder = resources.files("generator") / "profiles"
    for known in available_profiles():
        texts[known] = (folder / f"{known}.yaml").read_text(encoding="utf-8")
    return resolve_profile(name, texts)


def resolve_profile(name: str, texts: dict[str, str]) -> Profile:
    """Resolve ``name`` from profile sources (name → YAML text). Pure, so it is testable."""
    chain: list[tuple[str, ProfileFile]] = []
    current: str | None = name
    while current is not None:
        if current in (n for n, _ in chain):
            names = " → ".join([*(n for n, _ in chain), current])
            raise ProfileError(f"профиль «{name}»: круговое наследование ({names})")
        if current not in texts:
            if current == name:
                raise ProfileError(
                    f"неизвестный профиль требований «{name}»; доступные профили: "
                    + ", ".join(sorted(texts))
                )
            raise ProfileError(
                f"профиль «{chain[-1][0]}» дополняет неизвестный профиль «{current}»"
            )
        parsed = _parse(current, texts[current])
        chain.append((current, parsed))
        current = parsed.extends

    subsections: tuple[SubsectionSpec, ...] = ()
    rules: dict[str, RuleSpec] = {}
    for profile_name, parsed in reversed(chain):
        if parsed.subsections is not None:
            subsections = tuple(parsed.subsections)
        seen: set[str] = set()
        for rule in parsed.rules:
            if rule.id in seen:
                raise ProfileError(f"профиль «{profile_name}»: правило «{rule.id}» указано дважды")
            seen.add(rule.id)
            problem = validate_params(rule)
            if problem:
                raise ProfileError(f"профиль «{profile_name}», правило «{rule.id}»: {problem}")
            rules[rule.id] = rule
    if not subsections:
        raise ProfileError(f"профиль «{name}»: не указаны подразделы (subsections)")
    for spec in subsections:
        if spec.key not in SUBSECTIONS:
            raise ProfileError(
                f"профиль «{name}»: неизвестный подраздел «{spec.key}»; допустимые: "
                + ", ".join(SUBSECTIONS)
            )
    return Profile(
        name=name,
        title=chain[0][1].title,
        chain=tuple(n for n, _ in chain),
        subsections=subsections,
        rules=tuple(rules.values()),
    )


def _parse(name: str, text: str) -> ProfileFile:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProfileError(f"профиль «{name}»: ошибка YAML: {exc}") from None
    try:
        return ProfileFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'файл'}: {error['msg']}"
            for error in exc.errors()
        )
        raise ProfileError(f"профиль «{name}» составлен неверно: {problems}") from None
