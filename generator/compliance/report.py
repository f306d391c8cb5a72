"""The check's results as text for people and as JSON for CI. Deterministic: same site, same
profile, same bytes."""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.compliance import RuleResult
from generator.compliance.profiles import Profile

JSON_VERSION = 1


def format_text(results: Sequence[RuleResult], profile: Profile) -> str:
    lines = [f"Проверка соответствия: профиль «{profile.name}» — {profile.title}"]
    for result in results:
        rule = result.rule
        mark = "✓ соответствует" if result.passed else "✗ не соответствует"
        lines.append(f"{mark}: {rule.title} [{rule.id}]")
        lines.append(f"    основание: {rule.basis}")
        for failure in result.failures:
            where = failure.page or "./"
            lines.append(f"    {where}: {failure.element}: {failure.problem}")
            lines.append(f"        как исправить: {failure.fix}")
    failed = sum(not r.passed for r in results)
    lines.append(
        f"Итого: правил {len(results)}, соответствует {len(results) - failed},"
        f" не соответствует {failed}."
    )
    return "\n".join(lines)


def format_json(results: Sequence[RuleResult], profile: Profile) -> str:
    data = {
        "version": JSON_VERSION,
        "profile": profile.name,
        "profiles": list(profile.chain),
        "passed": all(r.passed for r in results),
        "summary": {
            "rules": len(results),
            "passed": sum(r.passed for r in results),
            "failed": sum(not r.passed for r in results),
        },
        "rules": [
            {
                "id": r.rule.id,
                "type": r.rule.type,
                "title": r.rule.title,
                "basis": r.rule.basis,
                "passed": r.passed,
                "failures": [
                    {
                        "page": f.page,
                        "element": f.element,
                        "problem": f.problem,
                        "fix": f.fix,
                    }
                    for f in r.failures
                ],
            }
            for r in results
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
