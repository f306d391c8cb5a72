"""Reading a content folder into models, before the checks across files.

This is the only part of the core that reads the disk. It reads every file and keeps going past
faulty ones; :func:`read_content` returns what could be read, and the checks in
:mod:`generator.checks` decide whether it makes a complete :class:`Content`.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from generator.diagnostics import ContentError, Diagnostics, Position
from generator.models import (
    Act,
    Measure,
    PageMeta,
    Plan,
    Report,
    Result,
    Section,
    Site,
    YearRange,
    parse_years,
)
from generator.paths import (
    ALLOWED_ATTACHMENTS,
    CODES,
    Kind,
    classify,
    extension,
    is_publishable_name,
    read_regular,
)
from generator.plaintext import FORBIDDEN_IN_VALUE, VERTICAL_TAB, describe_character
from generator.reuse import Reuse, take
from generator.schema_errors import report_validation_error
from generator.yamlsource import Document, PathKey, decode, parse

T = TypeVar("T")

ACTS_ADAPTER: TypeAdapter[list[Act]] = TypeAdapter(list[Act])
_TOP_LEVEL = {"site.yaml", "acts.yaml", "plans", "reports", "pages", "files"}


@dataclass(frozen=True)
class Source:
    """A content file and the positions of its values."""

    path: Path
    document: Document

    def at(self, path: PathKey) -> Position:
        return self.document.position(path)


@dataclass(frozen=True)
class SectionEntry:
    key: str
    section: Section
    path: PathKey
    depth: int
    parent: str | None


@dataclass(frozen=True)
class MeasureEntry:
    key: str
    measure: Measure
    path: PathKey
    section: str


@dataclass(frozen=True)
class PlanKeys:
    """The keys of a plan's sections and measures, which reports refer to. Read from a plan
    that failed validation too (``complete`` is then false), so that its reports are still
    checked against it in the same run."""

    stem: str
    measures: dict[str, str]  # measure key → the key of its section
    sections: dict[str, str | None]  # section key → the key of its parent
    years: YearRange | None
    complete: bool

    def in_sections(self, measure: str, sections: Iterable[str]) -> bool:
        """Whether a measure lies in one of ``sections`` or below it (a report may answer a
        whole section in its header row instead of measure by measure)."""
        answered = set(sections)
        key: str | None = self.measures[measure]
        while key is not None:
            if key in answered:
                return True
            key = self.sections.get(key)
        return False


@dataclass(frozen=True)
class PlanEntry:
    stem: str
    plan: Plan
    source: Source
    sections: dict[str, SectionEntry]
    measures: dict[str, MeasureEntry]
    duplicates: tuple[tuple[str, MeasureEntry | SectionEntry, PathKey], ...] = ()

    @cached_property
    def keys(self) -> PlanKeys:
        return PlanKeys(
            self.stem,
            {key: entry.section for key, entry in self.measures.items()},
            {key: entry.parent for key, entry in self.sections.items()},
            self.plan.years,
            complete=True,
        )

    def in_sections(self, measure: str, sections: Iterable[str]) -> bool:
        return self.keys.in_sections(measure, sections)


@dataclass(frozen=True)
class ResultEntry:
    result: Result
    path: PathKey


@dataclass(frozen=True)
class ReportEntry:
    stem: str
    report: Report
    source: Source
    results: tuple[ResultEntry, ...]


@dataclass(frozen=True)
class PageEntry:
    name: str
    meta: PageMeta
    body: str
    source: Source
    body_line: int
    written_body: str | None = None  # the body as written, if it held vertical tabs


@dataclass(frozen=True)
class Content:
    root: Path
    site: Site
    site_source: Source
    plans: tuple[PlanEntry, ...]
    reports: tuple[ReportEntry, ...]
    acts: tuple[Act, ...]
    acts_source: Source | None
    pages: tuple[PageEntry, ...]
    attachments: Mapping[str, Path] = field(default_factory=dict)
    """Published attachments: ``files/...`` name → the regular file inside the content folder."""
    refused: Mapping[str, str] = field(default_factory=dict)
    """Entries of ``files/`` that are not published → the code a reference to them gets."""

    def plan(self, stem: str) -> PlanEntry | None:
        return next((p for p in self.plans if p.stem == stem), None)

    def reports_for(self, stem: str) -> list[ReportEntry]:
        return [r for r in self.reports if r.report.plan == stem]


def derive_key(number: str, parent: str | None, explicit: str | None = None) -> str:
    """The key that reports use: absolute for "2.1.3", local to the parent for "1)" or "2"."""
    if explicit is not None:
        return explicit.strip()
    core = number.strip().rstrip(".)").strip()
    if "." in core or parent is None:
        return core
    return f"{parent}.{core}"


def index_plan(
    plan: Plan,
) -> tuple[
    dict[str, SectionEntry],
    dict[str, MeasureEntry],
    list[tuple[str, MeasureEntry | SectionEntry, PathKey]],
]:
    """Every section and measure of a plan by key, in document order, with duplicates apart."""
    sections: dict[str, SectionEntry] = {}
    measures: dict[str, MeasureEntry] = {}
    duplicates: list[tuple[str, MeasureEntry | SectionEntry, PathKey]] = []

    def visit(items: Sequence[Section], prefix: PathKey, parent: str | None, depth: int) -> None:
        for i, section in enumerate(items):
            path = (*prefix, i)
            key = derive_key(section.number, parent, section.id)
            entry = SectionEntry(key, section, path, depth, parent)
            if key in sections:
                duplicates.append(("section", entry, sections[key].path))
            else:
                sections[key] = entry
            for j, measure in enumerate(section.measures):
                mkey = derive_key(measure.number, key, measure.id)
                mentry = MeasureEntry(mkey, measure, (*path, "measures", j), key)
                if mkey in measures:
                    duplicates.append(("measure", mentry, measures[mkey].path))
                else:
                    measures[mkey] = mentry
            visit(section.sections, (*path, "sections"), key, depth + 1)

    visit(plan.sections, ("sections",), None, 0)
    return sections, measures, duplicates


def raw_plan_keys(stem: str, data: object) -> PlanKeys | None:
    """The keys of a plan that did not validate, read from its YAML data when every section and
    measure there has a usable number; otherwise ``None``, since a report's key missing from an
    index with holes would be a false error."""
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("sections"), list)
        or not data["sections"]
    ):
        return None
    measures: dict[str, str] = {}
    sections: dict[str, str | None] = {}

    def key_of(item: object, parent: str | None) -> str:
        if not isinstance(item, dict):
            raise _Holes
        number, explicit = item.get("number"), item.get("id")
        if not isinstance(number, str) or not number.strip():
            raise _Holes
        return derive_key(number, parent, explicit if isinstance(explicit, str) else None)

    def listed(item: dict[str, Any], name: str) -> list[Any]:
        value = item.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _Holes
        return value

    def visit(items: list[Any], parent: str | None) -> None:
        for item in items:
            key = key_of(item, parent)
            sections.setdefault(key, parent)
            for measure in listed(item, "measures"):
                measures.setdefault(key_of(measure, key), key)
            visit(listed(item, "sections"), key)

    try:
        visit(data["sections"], None)
    except _Holes:
        return None
    try:
        years: YearRange | None = parse_years(data.get("years"))
    except PydanticCustomError:
        years = None
    return PlanKeys(stem, measures, sections, years, complete=False)


class _Holes(Exception):
    """A section or measure of a broken plan whose key cannot be read."""


_PARSED: OrderedDict[bytes, Document] = OrderedDict()
_PARSED_MAX = 512


def _parsed(text: str) -> Document:
    """A parsed file, cached by a digest of its text (the text itself is not kept): a preview
    server rebuilds after every saved file, and the files that did not change are not parsed
    again. Documents are never modified."""
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    document = _PARSED.get(key)
    if document is None:
        document = _PARSED[key] = parse(text)
        if len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(key)
    return document


class _Reader:
    """Reads files into models, collecting diagnostics instead of stopping. With a
    :class:`~generator.reuse.Reuse` (a preview), a file whose text did not change gives the
    very models and entries it gave last time, so the stages after it know it did not change."""

    def __init__(self, diagnostics: Diagnostics, root: Path, reuse: Reuse | None = None) -> None:
        self.diagnostics = diagnostics
        self.root = root
        self.reuse = reuse

    def document(self, path: Path, text: str | None = None) -> Document | None:
        try:
            if text is None:
                text = decode(read_regular(path))
            return _parsed(text)
        except ContentError as exc:
            self.diagnostics.add(exc.code, path, exc.position, **exc.values)
        except OSError as exc:
            self.diagnostics.add("E001", path, None, reason=exc.strerror or str(exc))
        return None

    def model(
        self, path: Path, document: Document, adapter: type[BaseModel] | TypeAdapter[Any]
    ) -> Any:
        try:
            if isinstance(adapter, TypeAdapter):
                return adapter.validate_python(document.data)
            return adapter.model_validate(document.data)
        except ValidationError as exc:
            root = adapter if not isinstance(adapter, TypeAdapter) else list[Act]
            report_validation_error(exc, root, document, path, self.diagnostics)
            return None


@dataclass(frozen=True)
class Parts:
    """What was read of a content folder, complete or not: the checks that need a file that
    failed to load are skipped (and say so), the others still run, so one run reports every
    file's errors."""

    root: Path
    site: Site | None
    site_source: Source | None
    plans: tuple[PlanEntry, ...]
    reports: tuple[ReportEntry, ...]
    acts: tuple[Act, ...]
    acts_source: Source | None
    pages: tuple[PageEntry, ...]
    attachments: Mapping[str, Path] = field(default_factory=dict)
    refused: Mapping[str, str] = field(default_factory=dict)

    def plan(self, stem: str) -> PlanEntry | None:
        return next((p for p in self.plans if p.stem == stem), None)


@dataclass(frozen=True)
class Reading:
    """A content folder as read: its parts, the stems of every plan file and the keys of every
    plan that could be indexed (valid or not), and ``content`` when every file was read."""

    parts: Parts
    plan_stems: frozenset[str]
    plan_keys: dict[str, PlanKeys]
    content: Content | None


def read_content(
    root: Path, diagnostics: Diagnostics, reuse: Reuse | None = None
) -> Reading | None:
    """Read every file of a content folder; ``None`` if the folder itself is missing. ``reuse``
    keeps what was read for the next reading of the same folder (a preview)."""
    root = root.resolve()
    reader = _Reader(diagnostics, root, reuse)
    if not root.is_dir():
        diagnostics.add("E001", root, None, reason="папка не найдена")
        return None

    site, site_source = _load_one(reader, root / "site.yaml", Site, required=True)
    plan_paths = _files(root / "plans", ".yaml", diagnostics)
    read_plans = [_load_plan(reader, path) for path in plan_paths]
    plans = [entry for entry, _keys in read_plans]
    plan_keys = {keys.stem: keys for _entry, keys in read_plans if keys is not None}
    reports = [
        _load_report(reader, path) for path in _files(root / "reports", ".yaml", diagnostics)
    ]
    acts: list[Act] | None = []
    acts_source = None
    if classify(root / "acts.yaml", root).kind is not Kind.MISSING:
        acts, acts_source = _load_one(reader, root / "acts.yaml", ACTS_ADAPTER, required=True)
    pages = [_load_page(reader, path) for path in _files(root / "pages", ".md", diagnostics)]
    attachments, refused = _attachments(root, diagnostics)
    _warn_unknown_entries(root, diagnostics)

    loaded_plans = tuple(p for p in plans if p is not None)
    loaded_reports = tuple(r for r in reports if r is not None)
    loaded_pages = tuple(p for p in pages if p is not None)
    stems = frozenset(path.stem for path in plan_paths)
    if site is None or site_source is None or acts is None:
        # The pages cannot be built, but every plan and report is still checked.
        parts = Parts(
            root,
            site,
            site_source,
            loaded_plans,
            loaded_reports,
            (),
            None,
            loaded_pages,
            attachments,
            refused,
        )
        return Reading(parts, stems, plan_keys, None)
    complete = None not in plans and None not in reports and None not in pages
    parts = Parts(
        root,
        site,
        site_source,
        loaded_plans,
        loaded_reports,
        tuple(acts),
        acts_source,
        loaded_pages,
        attachments,
        refused,
    )
    content = Content(
        root=root,
        site=site,
        site_source=site_source,
        plans=loaded_plans,
        reports=loaded_reports,
        acts=tuple(acts),
        acts_source=acts_source,
        pages=loaded_pages,
        attachments=attachments,
        refused=refused,
    )
    return Reading(parts, stems, plan_keys, content if complete else None)


def _files(folder: Path, suffix: str, diagnostics: Diagnostics) -> list[Path]:
    """The ``*suffix`` files of one content folder (not its subfolders), links resolved."""
    root = folder.parent
    if not _usable_folder(folder, root, diagnostics):
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        entry = classify(path, root)
        if entry.kind in CODES:
            _report_entry(path, entry.kind, entry.what, diagnostics)
        elif entry.kind is Kind.FILE and path.suffix == suffix:
            found.append(path)
        else:
            diagnostics.add("W001", path, None, expected=f"<имя>{suffix}")
    return found


def _usable_folder(folder: Path, root: Path, diagnostics: Diagnostics) -> bool:
    entry = classify(folder, root)
    if entry.kind in CODES:
        _report_entry(folder, entry.kind, entry.what, diagnostics)
    return entry.kind is Kind.DIR


def _report_entry(path: Path, kind: Kind, what: str, diagnostics: Diagnostics) -> None:
    diagnostics.add(CODES[kind], path, None, what=what)


def _attachments(root: Path, diagnostics: Diagnostics) -> tuple[dict[str, Path], dict[str, str]]:
    """Every file under ``files/`` that may be published, and the ones that may not.

    Links are resolved and must stay inside the content folder; links to folders are not
    followed, so the walk ends with the real tree. Only the formats in
    :data:`~generator.paths.ALLOWED_ATTACHMENTS` are published; the rest get a warning.
    """
    published: dict[str, Path] = {}
    refused: dict[str, str] = {}
    folders = [root / "files"] if _usable_folder(root / "files", root, diagnostics) else []
    while folders:
        folder = folders.pop()
        try:
            listing = sorted(folder.iterdir())
        except OSError as exc:
            diagnostics.add("E001", folder, None, reason=exc.strerror or str(exc))
            continue
        for path in listing:
            if path.name.startswith("."):
                continue
            name = path.relative_to(root).as_posix()
            entry = classify(path, root)
            if entry.kind is Kind.DIR:
                folders.append(path)
            elif entry.kind in CODES:
                _report_entry(path, entry.kind, entry.what, diagnostics)
                refused[name] = "E211" if entry.kind is Kind.OUTSIDE else "E209"
            elif entry.kind is Kind.FILE and entry.real is not None:
                if not is_publishable_name(name):
                    diagnostics.add("W206", path, None)
                    refused[name] = "E209"
                elif extension(name) not in ALLOWED_ATTACHMENTS:
                    diagnostics.add(
                        "W205",
                        path,
                        None,
                        ext=extension(name) or "без расширения",
                        allowed=", ".join(ALLOWED_ATTACHMENTS),
                    )
                    refused[name] = "E213"
                else:
                    published[name] = entry.real
    return dict(sorted(published.items())), refused


def _warn_unknown_entries(root: Path, diagnostics: Diagnostics) -> None:
    for path in sorted(root.iterdir()):
        if path.name not in _TOP_LEVEL and not path.name.startswith("."):
            diagnostics.add(
                "W001",
                path,
                None,
                expected="site.yaml, acts.yaml, plans/, reports/, pages/, files/",
            )


def _load_one(
    reader: _Reader, path: Path, adapter: Any, *, required: bool
) -> tuple[Any, Source | None]:
    entry = classify(path, reader.root)
    if entry.kind is Kind.MISSING:
        if required:
            reader.diagnostics.add("E012", path, None, name=path.name)
        return None, None
    if entry.kind is not Kind.FILE:
        if entry.kind in CODES:
            _report_entry(path, entry.kind, entry.what, reader.diagnostics)
        else:
            reader.diagnostics.add("E013", path, None, what="папка")
        return None, None
    document = reader.document(path)
    if document is None:
        return None, None
    model = take(
        reader.reuse, ("model", path), (document,), lambda: reader.model(path, document, adapter)
    )
    source = take(reader.reuse, ("source", path), (document,), lambda: Source(path, document))
    return model, source


def _load_plan(reader: _Reader, path: Path) -> tuple[PlanEntry | None, PlanKeys | None]:
    plan, source = _load_one(reader, path, Plan, required=True)
    if source is None:
        return None, None
    if plan is None:
        return None, raw_plan_keys(path.stem, source.document.data)
    entry = take(
        reader.reuse, ("plan", path), (plan, source), lambda: _make_plan_entry(path, plan, source)
    )
    return entry, entry.keys


def _make_plan_entry(path: Path, plan: Plan, source: Source) -> PlanEntry:
    sections, measures, duplicates = index_plan(plan)
    return PlanEntry(path.stem, plan, source, sections, measures, tuple(duplicates))


def _load_report(reader: _Reader, path: Path) -> ReportEntry | None:
    report, source = _load_one(reader, path, Report, required=True)
    if report is None or source is None:
        return None
    return take(
        reader.reuse,
        ("report", path),
        (report, source),
        lambda: _make_report_entry(path, report, source),
    )


def _make_report_entry(path: Path, report: Report, source: Source) -> ReportEntry:
    results = tuple(ResultEntry(r, ("results", i)) for i, r in enumerate(report.results))
    return ReportEntry(path.stem, report, source, results)


_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M
)


def _load_page(reader: _Reader, path: Path) -> PageEntry | None:
    try:
        text = decode(read_regular(path))
    except ContentError as exc:
        reader.diagnostics.add(exc.code, path, exc.position, **exc.values)
        return None
    except OSError as exc:
        reader.diagnostics.add("E001", path, None, reason=exc.strerror or str(exc))
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        reader.diagnostics.add("E011", path, Position(1, 1))
        return None
    # Keep line numbers: the opening "---" becomes an empty line of the YAML text.
    yaml_text = "\n" + match.group(1)
    document = reader.document(path, yaml_text)
    if document is None:
        return None
    meta = take(
        reader.reuse, ("model", path), (document,), lambda: reader.model(path, document, PageMeta)
    )
    if meta is None:
        return None
    body_line = text[: match.end()].count("\n") + 1
    body = text[match.end() :]
    # Word's line break (a vertical tab) is a line break of the Markdown text; positions in
    # the body are still counted in the text as written.
    written = body if VERTICAL_TAB in body else None
    body = body.replace(VERTICAL_TAB, "\n")
    _refuse_hidden_characters(reader.diagnostics, path, body, written or body, body_line)
    return take(
        reader.reuse,
        ("editor-page", path),
        (meta, document, body, body_line, written),
        lambda: PageEntry(path.stem, meta, body, Source(path, document), body_line, written),
    )


def _refuse_hidden_characters(
    diagnostics: Diagnostics, path: Path, body: str, written: str, body_line: int
) -> None:
    """Direction overrides and line separators in a page's text, each where it stands (the
    values in YAML are checked by the models; control characters by the reading itself).
    Positions are counted in the text as written, where a vertical tab is no new line."""
    for match in FORBIDDEN_IN_VALUE.finditer(body):
        before = written[: match.start()]
        line = body_line + before.count("\n")
        column = match.start() - (before.rfind("\n") + 1) + 1
        diagnostics.add(
            "E122", path, Position(line, column), char=describe_character(match.group(0))
        )
