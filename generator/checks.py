"""Checks across the whole content folder, run once every file has been read.

Each check reads models and positions and appends diagnostics; none of them stops the others.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import partial

from pydantic import BaseModel

from generator.content import (
    Content,
    Parts,
    PlanEntry,
    PlanKeys,
    Reading,
    ReportEntry,
    Source,
)
from generator.deadlines import DeadlineKind, parse_deadline
from generator.diagnostics import Diagnostics, Position
from generator.models import (
    ActReference,
    NotStated,
    Status,
    Unknown,
    YearRange,
    is_safe_url,
    walk_markdown,
)
from generator.paths import ALLOWED_ATTACHMENTS, attachment_name, extension, is_local
from generator.reuse import Reuse, take
from generator.yamlsource import PathKey

_MD_LINK = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_MD_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>")
_HTML_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?/?>|<!--")


def validate(
    reading: Reading, diagnostics: Diagnostics, reuse: Reuse | None = None
) -> Content | None:
    """Run every check over what was read; the content if it is complete and has no errors.
    ``reuse`` (a preview) keeps what the checks of one file's text found in it, for the next
    build while the file is the same."""
    check_parts(reading.parts, diagnostics, set(reading.plan_stems), reading.plan_keys, reuse=reuse)
    if reading.content is None or diagnostics.errors:
        return None
    return reading.content


def check_parts(
    content: Parts,
    diagnostics: Diagnostics,
    plan_stems: set[str],
    plan_keys: Mapping[str, PlanKeys] | None = None,
    *,
    reuse: Reuse | None = None,
) -> None:
    """Every check; ``plan_keys`` are the keys of every plan that could be read, valid or not
    (by default those of the valid plans)."""
    keys = dict(plan_keys) if plan_keys is not None else {p.stem: p.keys for p in content.plans}
    if not plan_stems:
        diagnostics.add("W204", content.root / "plans", None)
    for plan in content.plans:
        _check_plan(plan, diagnostics)
    for report in content.reports:
        _check_report(keys, report, diagnostics, plan_stems)
    _check_markdown(content, diagnostics, reuse)
    _check_formula_starts(content, diagnostics, reuse)
    _check_files(content, diagnostics)
    _check_requirements(content, diagnostics)
    _check_not_stated(content, diagnostics)
    _note_unparsed_deadlines(content, diagnostics)


def _check_requirements(content: Parts, diagnostics: Diagnostics) -> None:
    """The requirement profile named in site.yaml must be one the package ships."""
    from generator.compliance.profiles import available_profiles

    if content.site is None or content.site_source is None:
        return
    name = content.site.requirements.strip()
    profiles = available_profiles()
    if name not in profiles:
        diagnostics.add(
            "E210",
            content.site_source.path,
            content.site_source.at(("requirements",)),
            value=name,
            suggestion=_suggest_profile(name, profiles),
        )


def _suggest_profile(name: str, profiles: list[str]) -> str:
    listing = "доступные профили: " + ", ".join(profiles)
    close = difflib.get_close_matches(name, profiles, n=1, cutoff=0.6)
    return f"возможно, имелось в виду «{close[0]}»; {listing}" if close else listing


def _check_plan(entry: PlanEntry, diagnostics: Diagnostics) -> None:
    source = entry.source
    for kind, duplicate, first in entry.duplicates:
        diagnostics.add(
            "E203" if kind == "measure" else "E208",
            source.path,
            source.at((*duplicate.path, "number")),
            key=duplicate.key,
            first_line=source.at(first).line,
        )
    for key, section in entry.sections.items():
        if not section.section.measures and not section.section.sections:
            diagnostics.add("W202", source.path, source.at(section.path), key=key)
    approved = entry.plan.approved.date
    if not isinstance(approved, Unknown):
        for i, amendment in enumerate(entry.plan.amendments):
            if not isinstance(amendment.date, Unknown) and amendment.date < approved:
                diagnostics.add(
                    "E206",
                    source.path,
                    source.at(("amendments", i, "date")),
                    date=_ru_date(amendment.date),
                    approved=_ru_date(approved),
                )


def _check_report(
    plans: Mapping[str, PlanKeys],
    entry: ReportEntry,
    diagnostics: Diagnostics,
    plan_stems: set[str],
) -> None:
    source = entry.source
    report = entry.report
    _check_results_sanity(entry, diagnostics)
    plan = plans.get(report.plan)
    if plan is None:
        if report.plan in plan_stems:  # the plan could not be read: its errors are reported
            diagnostics.add(
                "W218",
                source.path,
                source.at(("plan",)),
                check=f"сверка результатов с мероприятиями плана «{report.plan}»",
                reason=f"в файле plans/{report.plan}.yaml ошибки",
            )
        else:
            diagnostics.add(
                "E201",
                source.path,
                source.at(("plan",)),
                plan=report.plan,
                suggestion=_suggest(report.plan, sorted(plan_stems), "планы"),
            )
        return
    years = plan.years
    if years and (report.period.start.year < years.start or report.period.end.year > years.end):
        diagnostics.add(
            "E205",
            source.path,
            source.at(("period",)),
            period=str(report.period),
            years=str(years),
            plan=plan.stem,
        )
    seen: dict[str, PathKey] = {}
    seen_sections: dict[str, PathKey] = {}
    for result in entry.results:
        key = result.result.key
        if result.result.section is not None:
            position = source.at((*result.path, "section"))
            if key not in plan.sections:
                diagnostics.add(
                    "E220",
                    source.path,
                    position,
                    plan=plan.stem,
                    key=key,
                    suggestion=_suggest(key, list(plan.sections), "ключи разделов"),
                )
            elif key in seen_sections:
                diagnostics.add(
                    "E221",
                    source.path,
                    position,
                    key=key,
                    first_line=source.at(seen_sections[key]).line,
                )
            else:
                seen_sections[key] = result.path
            continue
        position = source.at((*result.path, "measure"))
        if key not in plan.measures:
            diagnostics.add(
                "E202",
                source.path,
                position,
                plan=plan.stem,
                key=key,
                suggestion=_suggest(key, list(plan.measures), "ключи"),
            )
        elif key in seen:
            diagnostics.add(
                "E204", source.path, position, key=key, first_line=source.at(seen[key]).line
            )
        else:
            seen[key] = result.path
    missing = [key for key in plan.measures if key not in seen]
    missing = [key for key in missing if not plan.in_sections(key, seen_sections)]
    if missing and plan.complete:  # a broken plan's keys may be incomplete
        diagnostics.add(
            "W201", source.path, source.document.key_position(("results",)), keys=", ".join(missing)
        )


def _check_results_sanity(entry: ReportEntry, diagnostics: Diagnostics) -> None:
    """Results that validate but contradict themselves or the report."""
    source = entry.source
    date = entry.report.date
    for result in entry.results:
        completed = result.result.completed
        if completed and isinstance(date, dt.date) and completed > date:
            diagnostics.add(
                "W215",
                source.path,
                source.at((*result.path, "completed")),
                completed=_ru_date(completed),
                date=_ru_date(date),
            )
        if result.result.status is Status.NO_INFORMATION and result.result.text is not None:
            diagnostics.add("W216", source.path, source.at((*result.path, "status")))


def _note_unparsed_deadlines(content: Parts, diagnostics: Diagnostics) -> None:
    """Deadlines the site cannot read as dates: worth a look, never a fault (a term may well be
    an event), so they are notes."""
    for plan in content.plans:
        for measure in plan.measures.values():
            text = measure.measure.deadline
            if parse_deadline(text, years=plan.plan.years).kind is DeadlineKind.UNPARSED:
                where = plan.source.at((*measure.path, "deadline"))
                diagnostics.add("N001", plan.source.path, where, text=_one_line(text))
    for report in content.reports:
        period = report.report.period
        years = YearRange(period.start.year, period.end.year)
        for result in report.results:
            printed = result.result.deadline
            if printed is None:
                continue
            if parse_deadline(printed, years=years).kind is DeadlineKind.UNPARSED:
                where = report.source.at((*result.path, "deadline"))
                diagnostics.add("N001", report.source.path, where, text=_one_line(printed))


def _one_line(text: str) -> str:
    return " / ".join(text.splitlines())


_NOT_STATED_FIELDS = {
    "date": "дата",
    "number": "номер",
    "address": "почтовый адрес органа",
    "hotline_phone": "телефон доверия",
}


def _check_not_stated(content: Parts, diagnostics: Diagnostics) -> None:
    """Every fact marked «не указано»: allowed, shown as such, and worth a look before
    publishing (a warning, so ``--strict`` stops on it)."""
    for source, path in _not_stated(content):
        what = _NOT_STATED_FIELDS.get(str(path[-1]), str(path[-1]))
        diagnostics.add("W217", source.path, source.at(path), what=what)


def _not_stated(content: Parts) -> Iterator[tuple[Source, PathKey]]:
    if content.site_source and content.site:
        if isinstance(content.site.organization.address, NotStated):
            yield content.site_source, ("organization", "address")
        if isinstance(content.site.contacts.hotline_phone, NotStated):
            yield content.site_source, ("contacts", "hotline_phone")
    for plan in content.plans:
        acts: list[tuple[PathKey, ActReference]] = [(("approved",), plan.plan.approved)]
        acts += [(("amendments", i), a) for i, a in enumerate(plan.plan.amendments)]
        for prefix, act in acts:
            for name in ("date", "number"):
                if isinstance(getattr(act, name), NotStated):
                    yield plan.source, (*prefix, name)
    for report in content.reports:
        if isinstance(report.report.date, NotStated):
            yield report.source, ("date",)
    if content.acts_source:
        for i, registered in enumerate(content.acts):
            for name in ("date", "number"):
                if isinstance(getattr(registered, name), NotStated):
                    yield content.acts_source, (i, name)


# Latin letters that look like Cyrillic ones in Roman section numbers and keys.
_LOOKALIKES = str.maketrans("IiXxCcMmVvAaBbEeHKkOoPpTy", "ІіХхСсМмѴѵАаВвЕеНКкОоРрТу")
_ZERO = str.maketrans("Оо", "00")  # the letter O typed for the digit zero


def _looks_same(first: str, second: str) -> bool:
    def shape(text: str) -> str:
        shaped = unicodedata.normalize("NFKC", text).translate(_LOOKALIKES)
        return "".join(shaped.translate(_ZERO).split())

    return shape(first) == shape(second)


def _suggest(value: str, options: list[str], what: str) -> str:
    """A hint naming the closest existing key, never the key itself: a key that only looks
    the same (Latin «I» for Cyrillic «І», a non-breaking space) is said to be spelt apart."""
    options = [option for option in options if option != value]
    twin = next((option for option in options if _looks_same(option, value)), None)
    if twin is not None:
        return (
            f"в плане есть «{twin}»: выглядит так же, но написано другими символами"
            " (латиница вместо кириллицы, буква О вместо нуля, иной пробел); перепечатайте ключ"
        )
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if close:
        return f"возможно, имелось в виду «{close[0]}»"
    if not options:
        return f"{what}: нет ни одного"
    shown = ", ".join(options[:12]) + (" …" if len(options) > 12 else "")
    return f"имеющиеся {what}: {shown}"


def _ru_date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def _models(content: Parts) -> list[tuple[Source, BaseModel]]:
    """The settings, the plans and the reports, each with its file."""
    models: list[tuple[Source, BaseModel]] = []
    if content.site_source and content.site:
        models.append((content.site_source, content.site))
    models += [(plan.source, plan.plan) for plan in content.plans]
    models += [(report.source, report.report) for report in content.reports]
    return models


_Finding = tuple[PathKey, int, str, dict[str, str]]  # value path, offset, code, values


def _markdown_findings(model: BaseModel) -> list[_Finding]:
    """What :func:`scan_markdown` finds in every Markdown text of a model."""
    found: list[_Finding] = []

    def scan(path: PathKey, text: str) -> None:
        found.extend((path, offset, code, values) for offset, code, values in scan_markdown(text))

    walk_markdown(model, scan)
    return found


def _check_markdown(content: Parts, diagnostics: Diagnostics, reuse: Reuse | None = None) -> None:
    for source, model in _models(content):
        findings = take(
            reuse, ("markdown", source.path), (model,), partial(_markdown_findings, model)
        )
        for path, offset, code, values in findings:
            position = source.document.text_position(path, offset)
            diagnostics.add(code, source.path, position, **values)
    for page in content.pages:
        written = page.written_body or page.body
        for offset, code, values in scan_markdown(page.body):
            before = written[:offset]
            line = page.body_line + before.count("\n")
            column = offset - (before.rfind("\n") + 1) + 1
            diagnostics.add(code, page.source.path, Position(line, column), **values)


def scan_markdown(text: str) -> Iterator[tuple[int, str, dict[str, str]]]:
    """Unsafe links and raw HTML in a Markdown text, as (offset, code, values)."""
    for pattern in (_MD_LINK, _MD_REFERENCE, _MD_AUTOLINK):
        for match in pattern.finditer(text):
            url = _as_browsers_read(text, match.start(1), match.group(1))
            if not is_safe_url(url):
                yield match.start(1), "E115", {"url": url}
    for match in _HTML_TAG.finditer(text):
        if _MD_AUTOLINK.fullmatch(match.group(0)):
            continue
        yield match.start(), "W203", {"tag": match.group(0)}


def _as_browsers_read(text: str, start: int, url: str) -> str:
    """A link's address up to the first space, tabs and line breaks included: Markdown keeps
    them in the address and browsers then remove them (``java<TAB>script:``)."""
    end = len(text)
    for stop in (" ", ")", ">", "]", "\n\n"):
        found = text.find(stop, start)
        if found != -1:
            end = min(end, found)
    whole = text[start:end]
    if whole.count("(") > whole.count(")") and text.startswith(")", end):
        whole += ")"  # Markdown keeps balanced parentheses in an address: alert(1)
    return whole if len(whole) > len(url) and whole.startswith(url) else url


_FORMULA_STARTS = {
    "=": "со знака «=»",
    "+": "со знака «+»",
    "@": "со знака «@»",
    "\t": "с табуляции",
}
"""What makes Excel read a CSV field as a formula. «-» does too, but it begins every Markdown
list item and every dash, so it is left alone."""


def _check_formula_starts(
    content: Parts, diagnostics: Diagnostics, reuse: Reuse | None = None
) -> None:
    """Text of a plan or report that a spreadsheet would evaluate when it opens the CSV. The
    text is kept as approved (the data files write it exactly); the editor is told instead."""
    models: list[tuple[Source, BaseModel]] = [(plan.source, plan.plan) for plan in content.plans]
    models += [(report.source, report.report) for report in content.reports]
    for source, model in models:
        found = take(reuse, ("formula", source.path), (model,), partial(_formula_starts, model))
        for path, start in found:
            position = source.document.text_position(path, 0)
            diagnostics.add("W300", source.path, position, start=start)


def _formula_starts(model: BaseModel) -> list[tuple[PathKey, str]]:
    found = []
    for path, text in _texts(model, ()):
        start = _FORMULA_STARTS.get(text[:1])
        if start is not None:
            found.append((path, start))
    return found


def _texts(value: object, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    """Every text value inside a model with its path (aliases, as the YAML spells keys)."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif isinstance(value, str) and not isinstance(value, enum.Enum):
        yield path, value


def _check_files(content: Parts, diagnostics: Diagnostics) -> None:
    """Attachments named in the content must be published files under ``files/``.

    The name is judged as text first: a path that leaves the content folder is refused without
    looking at the disk, so the message never tells whether some outside path exists. Then it is
    looked up among the files the walk of ``files/`` found, never on the disk directly.
    """
    for source, path, name in _attachments(content):
        code, values = attachment_problem(content, name)
        if code:
            diagnostics.add(code, source.path, source.at(path), file=name, **values)


def attachment_problem(content: Parts, name: str) -> tuple[str | None, dict[str, str]]:
    """The diagnostic code (and its values) for a reference to attachment ``name``."""
    normal = attachment_name(name)
    if (
        name.startswith(("/", "\\"))
        or re.match(r"^[a-zA-Z]:", name)
        or normal == ".."
        or normal.startswith("../")
    ):
        return "E211", {}
    if not normal.startswith("files/"):
        return "E212", {}
    if normal in content.attachments:
        return None, {}
    code = content.refused.get(normal, "E209")
    if code == "E213":
        return code, {"ext": extension(name), "allowed": ", ".join(ALLOWED_ATTACHMENTS)}
    return code, {}


def _attachments(content: Parts) -> Iterator[tuple[Source, PathKey, str]]:
    for plan in content.plans:
        acts: list[tuple[PathKey, ActReference]] = [(("approved",), plan.plan.approved)]
        acts += [(("amendments", i), a) for i, a in enumerate(plan.plan.amendments)]
        for prefix, act in acts:
            if act.file:
                yield plan.source, (*prefix, "file"), act.file
    for report in content.reports:
        for entry in report.results:
            for i, link in enumerate(entry.result.links):
                if is_local(link.url):
                    yield report.source, (*entry.path, "links", i, "url"), link.url
    if content.acts_source:
        for i, registered in enumerate(content.acts):
            if registered.file:
                yield content.acts_source, (i, "file"), registered.file
            if registered.url and is_local(registered.url):
                yield content.acts_source, (i, "url"), registered.url
