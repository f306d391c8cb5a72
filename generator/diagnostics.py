"""Diagnostics: what a clerk sees when content is wrong.

Content faults never raise: every stage appends :class:`Diagnostic` objects to a
:class:`Diagnostics` collection and goes on, so that one run reports every problem at once.
The wording lives in :mod:`generator.codes`; here is only the plumbing and the output format
``path:line:column: ошибка E101: ...`` that editors know how to jump to.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.codes import CATALOGUE
from generator.plaintext import visible

BUILD_LOG = "mkdocs.plugins.antikor"
"""The logger the build reports through: MkDocs counts its warnings (``mkdocs build --strict``);
its messages are worded for the clerk already, and ``antikor`` prints them as they are."""

# Also print each diagnostic as a GitHub Actions workflow command (``--format github``), so the
# job marks the line in the changed file. One switch for the whole run: the command line sets it
# once, and the build's plugin prints through the same ``report``.
_github_annotations = False


def annotate_for_github(enabled: bool) -> None:
    global _github_annotations
    _github_annotations = enabled


class Severity(enum.Enum):
    ERROR = "ошибка"
    WARNING = "предупреждение"
    NOTE = "заметка"


@dataclass(frozen=True, order=True, slots=True)
class Position:
    """A 1-based line and column in a content file (one per YAML value: slots keep a large
    archive's hundreds of thousands of them small)."""

    line: int
    column: int


@dataclass(frozen=True)
class Diagnostic:
    path: Path
    position: Position | None
    code: str
    message: str
    hint: str | None = None

    @property
    def severity(self) -> Severity:
        if self.code.startswith("N"):
            return Severity.NOTE
        return Severity.WARNING if self.code.startswith("W") else Severity.ERROR

    def format(self, base: Path | None = None) -> str:
        """One line per message and hint, with every value shown as characters a terminal
        prints as they are (a value's escape sequences and line breaks written out)."""
        where = visible(_display_path(self.path, base))
        if self.position is not None:
            where += f":{self.position.line}:{self.position.column}"
        text = f"{where}: {self.severity.value} {self.code}: {visible(self.message)}"
        if self.hint:
            text += f"\n    подсказка: {visible(self.hint)}"
        return text

    def github(self, base: Path | None = None) -> str:
        """The diagnostic as a GitHub Actions ``::error``/``::warning`` workflow command."""
        level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}[
            self.severity
        ]
        props = [f"file={_escape_property(_display_path(self.path, base))}"]
        if self.position is not None:
            props += [f"line={self.position.line}", f"col={self.position.column}"]
        props.append(f"title={_escape_property(f'antikor {self.code}')}")
        text = self.message + (f" (подсказка: {self.hint})" if self.hint else "")
        return f"::{level} {','.join(props)}::{_escape_data(text)}"

    def sort_key(self) -> tuple[str, int, int, str]:
        pos = self.position or Position(0, 0)
        return (str(self.path), pos.line, pos.column, self.code)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _display_path(path: Path, base: Path | None) -> str:
    base = base or Path.cwd()
    try:
        shown = os.path.relpath(path, base) if path.is_absolute() else str(path)
    except ValueError:
        shown = str(path)
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], shown)


# A file name may hold a line break or a terminal escape: shown as \n or \x1b, it can neither
# split the message in two nor drive the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics from one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        code: str,
        path: Path,
        position: Position | None,
        **values: object,
    ) -> Diagnostic:
        entry = CATALOGUE[code]
        diagnostic = Diagnostic(
            path=path,
            position=position,
            code=code,
            message=entry.message.format(**values),
            hint=entry.hint_for(values),
        )
        self.items.append(diagnostic)
        return diagnostic

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self.items, key=Diagnostic.sort_key))

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Diagnostic]:
        """What the editor may want to look at; notes never fail a run, even with --strict."""
        return [d for d in self if d.severity is Severity.NOTE]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def report(self, base: Path | None = None) -> str:
        """Every diagnostic, sorted by file and position, then a one-line summary. Notes wait
        until the errors are fixed: they would only crowd what has to be done first."""
        shown = [d for d in self if d.severity is not Severity.NOTE or not self.errors]
        lines = [d.format(base) for d in shown]
        if _github_annotations:
            lines += [d.github(base) for d in shown]
        summary = f"Ошибок: {len(self.errors)}, предупреждений: {len(self.warnings)}"
        notes = len(self.notes) if not self.errors else 0
        lines.append(summary + "." + (f" Заметок: {notes}." if notes else ""))
        return "\n".join(lines)


class ContentError(Exception):
    """Raised by low-level readers to abort one file; carries the diagnostic to report."""

    def __init__(self, code: str, position: Position | None, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.position = position
        self.values = values
