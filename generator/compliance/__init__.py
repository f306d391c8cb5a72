"""The compliance check: the built section, rule by rule, against a requirement profile.

Pure core: :func:`check_site` takes a parsed :class:`~generator.compliance.site.BuiltSite` and a
:class:`~generator.compliance.profiles.Profile` and returns one :class:`RuleResult` per rule.
Reading the folder is :mod:`generator.compliance.reader`'s job, used by the CLI and the build.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.compliance.profiles import Profile, RuleSpec
from generator.compliance.registry import Context, Failure, run_rule
from generator.compliance.site import BuiltSite


@dataclass(frozen=True)
class RuleResult:
    rule: RuleSpec
    failures: tuple[Failure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def check_site(site: BuiltSite, profile: Profile) -> list[RuleResult]:
    """Every rule of the profile, in the profile's order."""
    context = Context(site, profile)
    return [RuleResult(rule, tuple(run_rule(context, rule))) for rule in profile.rules]


__all__ = ["BuiltSite", "Failure", "Profile", "RuleResult", "check_site"]
