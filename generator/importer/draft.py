"""What an import makes of a document before it is written: a plan, perhaps a report, and
the review list of everything a clerk should look at.

Review notes point at a node and one of its fields; the writer turns that into the
``path:line:col:`` of the written YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NOT_STATED = "не указано"


@dataclass(eq=False)
class DraftResult:
    text: str | None
    status: str
    deadline: str | None = None
    completed: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass(eq=False)
class DraftMeasure:
    number: str
    text: str
    executors: list[str]
    deadline: str
    expected_result: str | None = None
    id: str | None = None
    result: DraftResult | None = None
    key: str = ""


@dataclass(eq=False)
class DraftSection:
    number: str
    title: str
    measures: list[DraftMeasure] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    id: str | None = None
    result: DraftResult | None = None
    key: str = ""


@dataclass(eq=False)
class DraftAct:
    act: str
    date: str
    number: str
    authority: str | None = None
    note: str | None = None


@dataclass(eq=False)
class DraftPlan:
    title: str
    years: str
    approved: DraftAct
    sections: list[DraftSection]


@dataclass(eq=False)
class DraftReport:
    plan: str
    title: str
    period: str | dict[str, str]
    date: str
    results: list[tuple[DraftMeasure | DraftSection, DraftResult]] = field(default_factory=list)


@dataclass(frozen=True)
class Note:
    """One line of the review list: what to check, and where (a node and its field)."""

    node: object
    field: str
    message: str


@dataclass
class Draft:
    plan: DraftPlan
    report: DraftReport | None
    notes: list[Note] = field(default_factory=list)
    general: list[str] = field(default_factory=list)

    def note(self, node: object, name: str, message: str) -> None:
        self.notes.append(Note(node, name, message))

    def walk(self) -> list[DraftSection]:
        """All sections, depth first, in document order."""
        found: list[DraftSection] = []

        def visit(sections: list[DraftSection]) -> None:
            for section in sections:
                found.append(section)
                visit(section.sections)

        visit(self.plan.sections)
        return found

    def measures(self) -> list[DraftMeasure]:
        return [m for s in self.walk() for m in s.measures]
