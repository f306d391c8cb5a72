"""The registry of rule types, and the shapes of a profile's rules.

A profile (data) names rules by ``type``; :mod:`generator.compliance.rules` registers one check
per type here. Loading profiles (:mod:`generator.compliance.profiles`) validates each rule's
parameters against the registry, and the check runs them; neither knows the rules themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.compliance.site import BuiltSite, HtmlPage


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SubsectionSpec(FrozenModel):
    """A subsection the section home lists, in the profile's order."""

    key: str = Field(description="Ключ подраздела: acts, expertise, ... (см. docs/content.md)")
    titles: dict[str, str] = Field(
        min_length=1, description="Наименование подраздела по требованиям, по языкам (ru, uk)"
    )
    required: bool = Field(True, description="Обязателен ли подраздел")

    def title(self, language: str) -> str:
        """The required title in the page's language (Russian if the profile has none)."""
        return (
            self.titles.get(language) or self.titles.get("ru") or next(iter(self.titles.values()))
        )


class RuleSpec(FrozenModel):
    """One rule of a profile: the rule type (code) and its title, basis and parameters (data)."""

    id: str = Field(description="Постоянный идентификатор правила (для JSON и CI)")
    type: str = Field(description="Тип правила: какая проверка выполняется")
    title: str = Field(description="Название правила по-русски")
    basis: str = Field(description="Правовое основание")
    params: dict[str, Any] = Field(default_factory=dict, description="Параметры проверки")


@dataclass(frozen=True)
class Profile:
    """A resolved profile: its own and inherited rules, ready to run."""

    name: str
    title: str
    chain: tuple[str, ...]  # this profile and its ancestors, nearest first
    subsections: tuple[SubsectionSpec, ...]
    rules: tuple[RuleSpec, ...]

    def subsection(self, key: str) -> SubsectionSpec | None:
        return next((spec for spec in self.subsections if spec.key == key), None)

    def rule_of_type(self, type_: str) -> RuleSpec | None:
        return next((rule for rule in self.rules if rule.type == type_), None)


@dataclass(frozen=True)
class Failure:
    """Where a rule fails and what to do about it."""

    page: str  # the page's address under the section root ("" is the section home)
    element: str  # which element or file, in words a webmaster recognises
    problem: str
    fix: str


@dataclass(frozen=True)
class Context:
    site: BuiltSite
    profile: Profile
    memo: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)
    """What rules learn once and reuse across pages (the anchors of a linked page)."""


class Params(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Check = Callable[[Context, Any], list[Failure]]
PageCheck = Callable[[Context, Any, HtmlPage], list[Failure]]


@dataclass(frozen=True)
class RuleType:
    params: type[Params]
    check: Check
    page_check: PageCheck | None = None
    """For a rule that judges each section page on its own: the check of one page. The
    compliance check then visits the pages once for all such rules, so a large site is read
    page by page (:class:`~generator.compliance.site.HtmlPage` keeps few pages parsed)."""


RULE_TYPES: dict[str, RuleType] = {}


def rule_type(name: str, params: type[Params] = Params) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULE_TYPES[name] = RuleType(params, check)
        return check

    return register


def page_rule_type(name: str, params: type[Params] = Params) -> Callable[[PageCheck], PageCheck]:
    """Register a rule that is the sum of its checks of each section page, in path order."""

    def register(page_check: PageCheck) -> PageCheck:
        def check(context: Context, values: Any) -> list[Failure]:
            return [
                failure
                for page in context.site.section_pages()
                for failure in page_check(context, values, page)
            ]

        RULE_TYPES[name] = RuleType(params, check, page_check)
        return page_check

    return register


def validate_params(rule: RuleSpec) -> str | None:
    """None if the rule's type is known and its parameters fit; else what is wrong, in Russian."""
    known = RULE_TYPES.get(rule.type)
    if known is None:
        return f"неизвестный тип правила «{rule.type}»; известные: " + ", ".join(sorted(RULE_TYPES))
    try:
        known.params.model_validate(rule.params)
    except ValidationError as exc:
        return "неверные параметры: " + "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
    return None


def run_rule(context: Context, rule: RuleSpec) -> list[Failure]:
    known = RULE_TYPES[rule.type]
    return known.check(context, known.params.model_validate(rule.params))
