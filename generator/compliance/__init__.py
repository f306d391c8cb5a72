"""The compliance check: the built section, rule by rule, against a requirement profile.

Pure core: :func:`check_site` takes a parsed :class:`~generator.compliance.site.BuiltSite` and a
:class:`~generator.compliance.profiles.Profile` and returns one :class:`RuleResult` per rule.
Reading the folder is :mod:`generator.compliance.reader`'s job, used by the CLI and the build.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.compliance.profiles import Profile, RuleSpec
from generator.compliance.registry import RULE_TYPES, Context, Failure, run_rule
from generator.compliance.site import BuiltSite


@dataclass(frozen=True)
class RuleResult:
    rule: RuleSpec
    failures: tuple[Failure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def check_site(site: BuiltSite, profile: Profile) -> list[RuleResult]:
    """Every rule of the profile, in the profile's order.

    The rules that judge each page on its own run page by page, all of them on one page before
    the next: each page is parsed once for them, whatever the size of the site.
    """
    context = Context(site, profile)
    by_page: dict[int, list[Failure]] = {}
    page_rules = []
    for index, rule in enumerate(profile.rules):
        kind = RULE_TYPES[rule.type]
        if kind.page_check is not None:
            page_rules.append((index, kind.page_check, kind.params.model_validate(rule.params)))
            by_page[index] = []
    for page in site.section_pages():
        for index, page_check, params in page_rules:
            by_page[index].extend(page_check(context, params, page))
    return [
        RuleResult(rule, tuple(by_page[i] if i in by_page else run_rule(context, rule)))
        for i, rule in enumerate(profile.rules)
    ]


__all__ = ["BuiltSite", "Failure", "Profile", "RuleResult", "check_site"]
