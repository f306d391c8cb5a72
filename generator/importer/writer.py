"""The YAML a clerk would write: documented key order, block scalars for long text, numbers
quoted, a first comment line naming the source. Positions of the written keys are kept so the
review list can point into the files."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Final

import yaml

from generator.importer.draft import (
    DraftAct,
    DraftMeasure,
    DraftPlan,
    DraftReport,
    DraftResult,
    DraftSection,
)

BLOCK_FIELDS: Final = {"text", "expected_result"}
_RISKY_START: Final = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]")


@dataclass
class Written:
    lines: list[str] = field(default_factory=list)
    positions: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def put(
        self,
        indent: int,
        key: str,
        value: str | None,
        node: object,
        *,
        block: bool = False,
        quoted: bool = False,
        prefix: str = "",
    ) -> None:
        column = indent + len(prefix)
        self.positions[(id(node), key)] = (len(self.lines) + 1, column + 1)
        head = " " * indent + prefix + key + ":"
        if value is None:
            self.lines.append(head)
        elif block or (key == "deadline" and "\n" in value):
            self.lines.append(head + " |")
            pad = " " * (column + 2)
            self.lines.extend(pad + line if line else "" for line in value.split("\n"))
        else:
            self.lines.append(head + " " + (quote(value) if quoted else scalar(value)))

    def mark(self, node: object, key: str) -> None:
        self.positions[(id(node), key)] = (len(self.lines) + 1, 1)


def quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def scalar(value: str) -> str:
    """Plain when YAML reads it back as the same text, double-quoted otherwise."""
    if value and not _RISKY_START.match(value) and value == value.strip() and "\n" not in value:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return quote(value)


def write_plan(plan: DraftPlan, source_name: str) -> Written:
    out = Written([f"# Импортировано из {source_name}"])
    out.put(0, "title", plan.title, plan)
    out.put(0, "years", plan.years, plan, quoted=True)
    out.put(0, "approved", None, plan.approved)
    _act(out, plan.approved)
    out.put(0, "sections", None, plan)
    for section in plan.sections:
        _section(out, section, 2)
    return out


def _act(out: Written, act: DraftAct) -> None:
    out.put(2, "act", act.act, act)
    if act.authority:
        out.put(2, "authority", act.authority, act)
    out.put(2, "date", act.date, act)
    out.put(2, "number", act.number, act, quoted=True)
    if act.note:
        out.put(2, "note", act.note, act)


def _section(out: Written, section: DraftSection, indent: int) -> None:
    out.put(indent, "number", section.number, section, quoted=True, prefix="- ")
    inner = indent + 2
    if section.id:
        out.put(inner, "id", section.id, section, quoted=True)
    out.put(inner, "title", section.title, section)
    if section.measures:
        out.put(inner, "measures", None, section)
        for measure in section.measures:
            _measure(out, measure, inner + 2)
    if section.sections:
        out.put(inner, "sections", None, section)
        for child in section.sections:
            _section(out, child, inner + 2)


def _measure(out: Written, measure: DraftMeasure, indent: int) -> None:
    out.put(indent, "number", measure.number, measure, quoted=True, prefix="- ")
    inner = indent + 2
    if measure.id:
        out.put(inner, "id", measure.id, measure, quoted=True)
    out.put(inner, "text", measure.text, measure, block=True)
    out.put(inner, "executors", None, measure)
    for executor in measure.executors:
        out.lines.append(" " * (inner + 2) + "- " + scalar(executor))
    out.put(inner, "deadline", measure.deadline, measure)
    if measure.expected_result:
        out.put(inner, "expected_result", measure.expected_result, measure, block=True)


def write_report(report: DraftReport, source_name: str) -> Written:
    out = Written([f"# Импортировано из {source_name}"])
    out.put(0, "plan", report.plan, report, quoted=True)
    out.put(0, "title", report.title, report)
    if isinstance(report.period, dict):
        out.put(0, "period", None, report)
        out.put(2, "from", report.period["from"], report.period)
        out.put(2, "to", report.period["to"], report.period)
    else:
        out.put(0, "period", report.period, report, quoted=True)
    out.put(0, "date", report.date, report)
    out.put(0, "results", None, report)
    for node, result in report.results:
        _result(out, node, result)
    return out


def _result(out: Written, node: DraftMeasure | DraftSection, result: DraftResult) -> None:
    kind = "measure" if isinstance(node, DraftMeasure) else "section"
    out.put(2, kind, node.id or node.key, result, quoted=True, prefix="- ")
    if result.status:
        out.put(4, "status", result.status, result)
    if result.deadline:
        out.put(4, "deadline", result.deadline, result)
    if result.text:
        out.put(4, "text", result.text, result, block=True)
    if result.completed:
        out.put(4, "completed", result.completed, result)
    if result.links:
        out.put(4, "links", None, result)
        for title, url in result.links:
            out.lines.append("      - title: " + scalar(title))
            out.lines.append("        url: " + scalar(url))
