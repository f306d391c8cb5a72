"""Checks across the whole content folder, run once every file has been read.

Each check reads models and positions and appends diagnostics; none of them stops the others.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator

from pydantic import BaseModel

from generator.content import Content, PlanEntry, ReportEntry, Source
from generator.diagnostics import Diagnostics, Position
from generator.models import ActReference, Illegible, is_safe_url, walk_markdown
from generator.paths import ALLOWED_ATTACHMENTS, attachment_name, extension, is_local
from generator.yamlsource import PathKey

_MD_LINK = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_MD_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>")
_HTML_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?/?>|<!--")


def check_content(content: Content, diagnostics: Diagnostics, plan_stems: set[str]) -> None:
    if not plan_stems:
        diagnostics.add("W204", content.root / "plans", None)
    for plan in content.plans:
        _check_plan(plan, diagnostics)
    for report in content.reports:
        _check_report(content, report, diagnostics, plan_stems)
    _check_markdown(content, diagnostics)
    _check_files(content, diagnostics)
    _check_requirements(content, diagnostics)


def _check_requirements(content: Content, diagnostics: Diagnostics) -> None:
    """The requirement profile named in site.yaml must be one the package ships."""
    from generator.compliance.profiles import available_profiles

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
    if not isinstance(approved, Illegible):
        for i, amendment in enumerate(entry.plan.amendments):
            if not isinstance(amendment.date, Illegible) and amendment.date < approved:
                diagnostics.add(
                    "E206",
                    source.path,
                    source.at(("amendments", i, "date")),
                    date=_ru_date(amendment.date),
                    approved=_ru_date(approved),
                )


def _check_report(
    content: Content, entry: ReportEntry, diagnostics: Diagnostics, plan_stems: set[str]
) -> None:
    source = entry.source
    report = entry.report
    plan = content.plan(report.plan)
    if plan is None:
        if report.plan not in plan_stems:  # a plan that failed to load has been reported already
            diagnostics.add(
                "E201",
                source.path,
                source.at(("plan",)),
                plan=report.plan,
                suggestion=_suggest(report.plan, sorted(plan_stems), "планы"),
            )
        return
    years = plan.plan.years
    if report.period.start.year < years.start or report.period.end.year > years.end:
        diagnostics.add(
            "E205",
            source.path,
            source.at(("period",)),
            period=str(report.period),
            years=str(years),
            plan=plan.stem,
        )
    seen: dict[str, PathKey] = {}
    for result in entry.results:
        key = result.result.measure.strip()
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
    if missing:
        diagnostics.add(
            "W201", source.path, source.document.key_position(("results",)), keys=", ".join(missing)
        )


def _suggest(value: str, options: list[str], what: str) -> str:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if close:
        return f"возможно, имелось в виду «{close[0]}»"
    if not options:
        return f"{what}: нет ни одного"
    shown = ", ".join(options[:12]) + (" …" if len(options) > 12 else "")
    return f"имеющиеся {what}: {shown}"


def _ru_date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def _markdown_sources(content: Content) -> Iterator[tuple[Source, PathKey | None, str, int]]:
    """Every Markdown text with where it lives: (source, value path or None for a page body,
    text, first line of a page body)."""
    found: list[tuple[Source, PathKey | None, str, int]] = []
    models: list[tuple[Source, BaseModel]] = [(content.site_source, content.site)]
    models += [(plan.source, plan.plan) for plan in content.plans]
    models += [(report.source, report.report) for report in content.reports]
    for source, model in models:

        def collect(path: PathKey, text: str, source: Source = source) -> None:
            found.append((source, path, text, 0))

        walk_markdown(model, collect)
    for page in content.pages:
        found.append((page.source, None, page.body, page.body_line))
    yield from found


def _check_markdown(content: Content, diagnostics: Diagnostics) -> None:
    for source, path, text, body_line in _markdown_sources(content):
        for offset, code, values in scan_markdown(text):
            if path is None:
                before = text[:offset]
                line = body_line + before.count("\n")
                column = offset - (before.rfind("\n") + 1) + 1
                position = Position(line, column)
            else:
                position = source.document.text_position(path, offset)
            diagnostics.add(code, source.path, position, **values)


def scan_markdown(text: str) -> Iterator[tuple[int, str, dict[str, str]]]:
    """Unsafe links and raw HTML in a Markdown text, as (offset, code, values)."""
    for pattern in (_MD_LINK, _MD_REFERENCE, _MD_AUTOLINK):
        for match in pattern.finditer(text):
            url = match.group(1)
            if not is_safe_url(url):
                yield match.start(1), "E115", {"url": url}
    for match in _HTML_TAG.finditer(text):
        if _MD_AUTOLINK.fullmatch(match.group(0)):
            continue
        yield match.start(), "W203", {"tag": match.group(0)}


def _check_files(content: Content, diagnostics: Diagnostics) -> None:
    """Attachments named in the content must be published files under ``files/``.

    The name is judged as text first: a path that leaves the content folder is refused without
    looking at the disk, so the message never tells whether some outside path exists. Then it is
    looked up among the files the walk of ``files/`` found, never on the disk directly.
    """
    for source, path, name in _attachments(content):
        code, values = attachment_problem(content, name)
        if code:
            diagnostics.add(code, source.path, source.at(path), file=name, **values)


def attachment_problem(content: Content, name: str) -> tuple[str | None, dict[str, str]]:
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


def _attachments(content: Content) -> Iterator[tuple[Source, PathKey, str]]:
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
