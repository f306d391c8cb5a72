"""The address scheme of the section: where each page lives and the anchor of each row.

One place for it, read by the site model, the templates (through the model) and the search
records, so that a result leads exactly where the page put the row. Every address is relative
to the section root and ends in ``/`` (directory URLs), so the site works under any prefix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from generator.models import Act, Unknown
from generator.site.i18n import REPORTS_ADDRESS, subsection_address


def _slug(text: str) -> str:
    return re.sub(r"[^\w-]+", "-", text.replace(".", "-")).strip("-")


def anchor(key: str) -> str:
    """The stable anchor of a measure row: ``m-`` and the key with dots as dashes."""
    return "m-" + _slug(key)


def section_anchor(key: str) -> str:
    """The stable anchor of a section's heading row: ``s-`` and the key with dots as dashes."""
    return "s-" + _slug(key)


def act_anchors(acts: Sequence[Act]) -> list[str]:
    """Stable anchors of the acts' rows, in the order given: ``a-`` with the date and number,
    and a counter when two acts share both."""
    anchors: list[str] = []
    seen: Counter[str] = Counter()
    for act in acts:
        date = act.date.isoformat() if isinstance(act.date, dt.date) else "x"
        number = "x" if isinstance(act.number, Unknown) else act.number
        base = "a-" + re.sub(r"[^\w-]+", "-", f"{date}-{number}".lower()).strip("-")
        seen[base] += 1
        anchors.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return anchors


def plan_url(stem: str) -> str:
    """The address of a plan's page under the section root."""
    return f"{subsection_address('plans')}{stem}/"


def report_url(stem: str) -> str:
    """The address of a report's page under the section root."""
    return f"{REPORTS_ADDRESS}{stem}/"


def relative(source: str, target: str) -> str:
    """A link from page ``source`` to page ``target`` (both directory URLs)."""
    depth = source.count("/")
    return "../" * depth + target if (depth or target) else "./"
