"""Validated content → the section's pages, rendered to HTML through the theme's templates.

Pure: a :class:`~generator.content.Content` in, a list of :class:`Page` out. Every link between
pages is relative, so the site works under any path prefix and from any static server.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import monitoring
from generator.content import Content, MeasureEntry, PlanEntry, ReportEntry, SectionEntry
from generator.contract import PageKind
from generator.markup import rebase_links, render_markdown
from generator.models import (
    ACT_KIND_UK,
    NOT_COUNTED,
    STATUS_LABELS,
    Act,
    ActKind,
    ActReference,
    Level,
    Result,
    Status,
    Unknown,
)
from generator.paths import attachment_href, is_local
from generator.site.i18n import (
    REPORTS_ADDRESS,
    SEARCH_ADDRESS,
    SECTION_TITLE,
    SUBSECTIONS,
    UI,
    subsection_address,
    subsection_title,
)


@dataclass(frozen=True)
class Page:
    """One page of the section: its address, title and rendered body."""

    url: str  # "" for the section home, else "a/b/" (directory URLs)
    title: str
    html: str
    updated: dt.date | None
    kind: PageKind
    key: str = ""  # the subsection's key, for subsection pages

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"


@dataclass
class Row:
    """A row of a plan or report table: a section heading or a measure."""

    kind: str  # "section" | "measure"
    key: str
    number: str
    depth: int
    title: str = ""
    entry: MeasureEntry | None = None
    cells: dict[str, str] = field(default_factory=dict)
    status: Status | None = None
    status_href: str = ""
    result: Result | None = None  # a report's result for the whole section


@lru_cache(maxsize=1)
def template_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds, in Jinja's private per-user folder under the
    system temporary directory: compiling Material's templates and ours otherwise takes a
    third of a small build, and is repeated by every rebuild in ``antikor serve``."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


def build_pages(
    content: Content,
    templates: Path,
    *,
    banner: str | None = None,
    search_filters: Mapping[str, Sequence[str]] | None = None,
) -> list[Page]:
    """Every page of the section, in navigation order. ``banner`` is the text of a regional
    banner (the profile's ``banner`` rule) that the section home shows; ``search_filters`` are
    the values the search page offers in each filter."""
    builder = _Builder(content, templates, banner, search_filters or {})
    return builder.pages()


def illegible_fields(act: ActReference, kind: str = "illegible") -> list[str]:
    """Which of an act's date and number the source does not let us read (``illegible``) or
    does not give (``not_stated``)."""
    values = (("date", act.date), ("number", act.number))
    return [name for name, value in values if isinstance(value, Unknown) and value.kind == kind]


def unknown_kinds(act: ActReference) -> list[tuple[str, list[str]]]:
    """The act's unknown requisites grouped by why they are unknown, in a fixed order."""
    found = [(kind, illegible_fields(act, kind)) for kind in ("illegible", "not_stated")]
    return [(kind, fields) for kind, fields in found if fields]


def deadline_lines(text: str) -> list[str]:
    """A printed term, one line per term (several terms are written on several lines)."""
    return [line for line in text.splitlines() if line.strip()]


def anchor(key: str) -> str:
    """The stable anchor of a measure row: ``m-`` and the key with dots as dashes."""
    return "m-" + re.sub(r"[^\w-]+", "-", key.replace(".", "-")).strip("-")


def section_anchor(key: str) -> str:
    return "s-" + re.sub(r"[^\w-]+", "-", key.replace(".", "-")).strip("-")


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


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "І": 1}


def _order_number(key: str) -> int | None:
    """The last component of a key as a number, Roman numerals included."""
    last = key.rsplit(".", 1)[-1].strip()
    if last.isdigit():
        return int(last)
    if last and all(c in _ROMAN for c in last.upper()):
        values = [_ROMAN[c] for c in last.upper()]
        return sum(
            -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
        )
    return None


class _Builder:
    def __init__(
        self,
        content: Content,
        templates: Path,
        banner: str | None,
        search_filters: Mapping[str, Sequence[str]],
    ) -> None:
        self.content = content
        self.banner = banner
        self.search_filters = search_filters
        self.lang = content.site.language.value
        self.ui = UI[self.lang]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=template_cache(),
        )
        self.env.globals.update(
            ui=self.ui,
            lang=self.lang,
            site=content.site,
            status_label=self.status_label,
            act_line=self.act_line,
            illegible_fields=illegible_fields,
            unknown_kinds=unknown_kinds,
            illegible_note=self.illegible_note,
            deadline_lines=deadline_lines,
            act_kind=self.act_kind,
            fmt_date=self.fmt_date,
            anchor=anchor,
            section_anchor=section_anchor,
            act_anchor=self.act_anchor,
            is_local=is_local,
            statuses_order=list(Status),
            statuses_in=monitoring.statuses_in,
        )
        self.env.filters["markdown"] = self.markdown
        self.reports_by_plan: dict[str, list[ReportEntry]] = {}
        for report in sorted(content.reports, key=lambda r: (r.report.period.end, r.stem)):
            self.reports_by_plan.setdefault(report.report.plan, []).append(report)
        self.plans = sorted(content.plans, key=lambda p: (p.plan.years.start, p.stem), reverse=True)
        self._summaries: dict[str, dict[str, Any]] = {}
        self._act_anchors = dict(zip(map(id, content.acts), act_anchors(content.acts), strict=True))

    # --- helpers exposed to templates ---------------------------------------------------

    @staticmethod
    def markdown(text: str | None, url: str) -> str:
        """Our sanitised Markdown, its relative links rebased from the section root to the page
        at ``url`` (templates pass the ``url`` they are rendered with: ``text|markdown(url)``)."""
        if not text:
            return Markup("")
        return Markup(rebase_links(render_markdown(text), "../" * url.count("/")))

    def act_anchor(self, act: Act) -> str:
        return self._act_anchors[id(act)]

    def status_label(self, status: Status) -> str:
        return STATUS_LABELS[status][self.lang]

    def fmt_date(self, value: dt.date | Unknown | None) -> str:
        if value is None:
            return ""
        if isinstance(value, Unknown):
            return self.ui[value.kind]
        return value.strftime("%d.%m.%Y")

    def act_kind(self, kind: ActKind) -> str:
        return ACT_KIND_UK[kind] if self.lang == "uk" else kind.value

    def act_line(self, act: ActReference) -> str:
        """«Администрация ..., постановление от 15.03.2021 № 123-п», saying plainly which
        requisites the source does not let us read."""
        kind = self.act_kind(act.act)
        authority = act.authority or self.content.site.organization.name
        line = f"{authority}, {kind}"
        if not isinstance(act.date, Unknown):
            line += f" {self.ui['from']} {self.fmt_date(act.date)}"
        if not isinstance(act.number, Unknown):
            line += f" № {act.number}"
        notes = [self.illegible_note(fields, kind) for kind, fields in unknown_kinds(act)]
        return f"{line} ({'; '.join(notes)})" if notes else line

    def illegible_note(self, fields: list[str], kind: str = "illegible") -> str:
        """«дата и номер в источнике неразборчивы» for the fields a scan does not let us read,
        «номер в источнике не указан» for those it does not give."""
        return self.ui[kind + "_" + "_".join(fields)]

    # --- pages ------------------------------------------------------------------------------

    def render(self, template: str, url: str, **context: Any) -> str:
        context.setdefault("updated", None)
        return self.env.get_template(template).render(
            url=url,
            link=lambda target: relative(url, target),
            file_link=lambda name: relative(url, attachment_href(name)),
            **context,
        )

    def pages(self) -> list[Page]:
        pages = [self._home()]
        for key in SUBSECTIONS:
            pages.append(self._subsection(key))
            if key == "plans":
                pages += [self._plan(plan) for plan in self.plans]
                pages += [
                    self._report(report)
                    for plan in self.plans
                    for report in reversed(self.reports_by_plan.get(plan.stem, []))
                ]
        pages.append(self._search())
        return pages

    def _latest_date(self) -> dt.date | None:
        dates = [self.content.site.updated]
        dates += [self._plan_updated(p) for p in self.content.plans]
        dates += [_known(r.report.date) for r in self.content.reports]
        dates += [p.meta.updated for p in self.content.pages]
        known = [d for d in dates if d is not None]
        return max(known) if known else None

    def _plan_updated(self, plan: PlanEntry) -> dt.date | None:
        dates = [plan.plan.approved.date, *(a.date for a in plan.plan.amendments)]
        known = [d for d in dates if isinstance(d, dt.date)]
        return max(known) if known else None

    def _home(self) -> Page:
        current = self.plans[0] if self.plans else None
        latest = self.reports_by_plan.get(current.stem, [])[-1:] if current else []
        latest_summary = self._summary(latest[0]) if latest else None
        subsections = [
            (subsection_title(key, self.lang), subsection_address(key)) for key in SUBSECTIONS
        ]
        updated = self._latest_date()
        html = self.render(
            "page_home.html",
            "",
            title=SECTION_TITLE[self.lang],
            subsections=subsections,
            current=current,
            current_url=self._plan_url(current) if current else "",
            latest=latest[0] if latest else None,
            latest_url=self._report_url(latest[0]) if latest else "",
            summary=latest_summary,
            in_force=current is None or monitoring.plan_in_force(current, updated),
            updated=updated,
            banner=self.banner,
        )
        return Page("", SECTION_TITLE[self.lang], html, updated, PageKind.HOME)

    def _pages_of(self, key: str) -> list[Any]:
        pages = [p for p in self.content.pages if p.meta.subsection == key]
        return sorted(
            pages, key=lambda p: (p.meta.order if p.meta.order is not None else 1_000_000, p.name)
        )

    def _subsection(self, key: str) -> Page:
        url = subsection_address(key)
        title = subsection_title(key, self.lang)
        pages = self._pages_of(key)
        dates = [p.meta.updated for p in pages if p.meta.updated]
        context: dict[str, Any] = {"title": title, "key": key, "pages": pages}
        if key == "acts":
            context["levels"] = [
                (level, [a for a in self.content.acts if a.level is level]) for level in Level
            ]
            dates.append(self.content.site.updated)
        if key == "plans":
            context["plans"] = [
                (
                    plan,
                    self._plan_url(plan),
                    [
                        (r, self._report_url(r))
                        for r in reversed(self.reports_by_plan.get(plan.stem, []))
                    ],
                )
                for plan in self.plans
            ]
            dates += [self._plan_updated(p) for p in self.content.plans]
            dates += [_known(r.report.date) for r in self.content.reports]
        if key in ("income", "feedback"):
            dates.append(self.content.site.updated)
        known = [d for d in dates if d is not None]
        updated = max(known) if known else self.content.site.updated
        html = self.render("page_subsection.html", url, updated=updated, **context)
        return Page(url, title, html, updated, PageKind.SUBSECTION, key)

    def _plan_url(self, plan: PlanEntry) -> str:
        return plan_url(plan.stem)

    def _report_url(self, report: ReportEntry) -> str:
        return report_url(report.stem)

    def _search(self) -> Page:
        """The search page: a form that works without scripts, filled in by ``search.js``."""
        title = self.ui["search.title"]
        updated = self._latest_date()  # what the index covers changed last on that date
        html = self.render(
            "page_search.html",
            SEARCH_ADDRESS,
            title=title,
            filters=self.search_filters,
            updated=updated,
        )
        return Page(SEARCH_ADDRESS, title, html, updated, PageKind.SEARCH)

    def _rows(self, plan: PlanEntry, results: dict[str, Result] | None = None) -> list[Row]:
        """The plan as table rows: section headings and measures in document order."""
        rows: list[Row] = []
        by_section: dict[str, list[MeasureEntry]] = {}
        for entry in plan.measures.values():
            by_section.setdefault(entry.section, []).append(entry)
        children: dict[str | None, list[SectionEntry]] = {}
        for section in plan.sections.values():
            children.setdefault(section.parent, []).append(section)

        def visit(section: SectionEntry) -> None:
            rows.append(
                Row(
                    "section",
                    section.key,
                    section.section.number,
                    section.depth,
                    section.section.title,
                )
            )
            items: list[tuple[str, MeasureEntry | SectionEntry]] = [
                ("measure", m) for m in by_section.get(section.key, [])
            ] + [("section", s) for s in children.get(section.key, [])]
            for _kind, item in _in_number_order(items):
                if isinstance(item, SectionEntry):
                    visit(item)
                else:
                    assert isinstance(item, MeasureEntry)
                    rows.append(
                        Row("measure", item.key, item.measure.number, section.depth + 1, entry=item)
                    )

        for top in children.get(None, []):
            visit(top)
        return rows

    def _plan(self, plan: PlanEntry) -> Page:
        url = self._plan_url(plan)
        reports = self.reports_by_plan.get(plan.stem, [])
        latest_status: dict[str, tuple[Status, str]] = {}
        for report in reports:  # oldest first: later reports overwrite
            for entry in report.results:
                if entry.result.measure is None or entry.result.status is None:
                    continue  # a section's result has no measure row on the plan
                latest_status[entry.result.key] = (
                    entry.result.status,
                    relative(url, self._report_url(report)) + "#" + anchor(entry.result.key),
                )
        rows = self._rows(plan)
        for row in rows:
            if row.kind == "measure" and row.key in latest_status:
                row.status, row.status_href = latest_status[row.key]
        has_expected = any(m.measure.expected_result for m in plan.measures.values())
        updated = _latest(self._plan_updated(plan), *(_known(r.report.date) for r in reports))
        updated = updated or self.content.site.updated
        html = self.render(
            "page_plan.html",
            url,
            **self._monitoring_of_plan(plan, reports, url),
            plan=plan,
            rows=rows,
            has_expected=has_expected,
            has_status=bool(reports),
            latest_report=reports[-1] if reports else None,
            reports=[(r, self._report_url(r)) for r in reversed(reports)],
            updated=updated,
        )
        return Page(url, plan.plan.title, html, updated, PageKind.PLAN)

    def _monitoring_of_plan(
        self, plan: PlanEntry, reports: Sequence[ReportEntry], url: str
    ) -> dict[str, Any]:
        """What the plan page shows of its reports: each measure's status in every report (with
        links to the report's row), what is late by the latest report, and the plan's course."""

        def step_href(report: ReportEntry, key: str) -> str:
            return relative(url, self._report_url(report)) + "#" + anchor(key)

        latest = reports[-1] if reports else None
        progress = monitoring.progress(plan, reports)
        shares = [
            (p.tally.label, "—" if p.tally.share is None else f"{p.tally.share}\u00a0%")
            for p in progress
        ]
        return {
            "report_href": lambda report: relative(url, self._report_url(report)),
            "progress_text": "; ".join(f"{label} — {share}" for label, share in shares),
            "history": monitoring.histories(plan, reports),
            "step_href": step_href,
            "late": monitoring.overdue(plan, latest) if latest else {},
            "late_url": relative(url, self._report_url(latest)) + "#ak-overdue" if latest else "",
            "progress": progress,
        }

    def _summary(self, report: ReportEntry) -> dict[str, Any]:
        """The report's totals, computed once: the section home shows the latest report's, and
        the report's own page shows them again."""
        if report.stem not in self._summaries:
            self._summaries[report.stem] = self._count(report)
        return self._summaries[report.stem]

    def _count(self, report: ReportEntry) -> dict[str, Any]:
        plan = self.content.plan(report.report.plan)
        assert plan is not None
        results = _measure_results(report)
        answered = [e.result.key for e in report.results if e.result.section is not None]
        overall: Counter[Status] = Counter(
            r.status for r in results.values() if r.status is not None
        )
        sections = []
        for section in plan.sections.values():
            if section.depth:
                continue
            keys = [m.key for m in plan.measures.values() if _within(m.section, section.key, plan)]
            counts: Counter[Status] = Counter(
                status for k in keys if k in results and (status := results[k].status)
            )
            sections.append((section, counts, len(keys)))
        missing = [
            plan.measures[k]
            for k in plan.measures
            if k not in results and not plan.in_sections(k, answered)
        ]
        statuses = [s for s in Status if overall[s]]
        counted = len(plan.measures) - sum(overall[s] for s in NOT_COUNTED)
        late = monitoring.overdue(plan, report)
        section_tallies = dict(monitoring.by_section(plan, report))
        return {
            "late": list(late.values()),
            "overdue": len(late),
            "section_overdue": [section_tallies[s.key].overdue for s, _, _ in sections],
            "section_share": [section_tallies[s.key].share for s, _, _ in sections],
            "reference": monitoring.reference_date(report),
            "overall": overall,
            "total": len(plan.measures),
            "sections": sections,
            "missing": missing,
            "statuses": statuses,
            "done": overall[Status.DONE],
            "counted": counted,
            "share": round(100 * overall[Status.DONE] / counted) if counted else None,
            "not_counted": ", ".join(f"«{self.status_label(s)}»" for s in NOT_COUNTED),
        }

    def _report(self, report: ReportEntry) -> Page:
        url = self._report_url(report)
        plan = self.content.plan(report.report.plan)
        assert plan is not None
        results = _measure_results(report)
        by_section = {e.result.key: e.result for e in report.results if e.result.section}
        rows = self._rows(plan)
        for row in rows:
            if row.kind == "measure" and row.key in results:
                row.status = results[row.key].status
            elif row.kind == "section" and row.key in by_section:
                row.result = by_section[row.key]
                row.status = row.result.status
        has_expected = any(m.measure.expected_result for m in plan.measures.values())
        html = self.render(
            "page_report.html",
            url,
            report=report,
            plan=plan,
            plan_url=relative(url, self._plan_url(plan)),
            rows=rows,
            results=results,
            has_expected=has_expected,
            summary=self._summary(report),
            updated=_known(report.report.date),
            late=monitoring.overdue(plan, report),
            executors=monitoring.by_executor(plan, report),
        )
        return Page(url, report.report.title, html, _known(report.report.date), PageKind.REPORT)


def _latest(*dates: dt.date | None) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _known(value: dt.date | Unknown) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _measure_results(report: ReportEntry) -> dict[str, Result]:
    """A report's results for single measures, by measure key."""
    return {e.result.key: e.result for e in report.results if e.result.measure is not None}


def _within(section_key: str, ancestor: str, plan: PlanEntry) -> bool:
    key: str | None = section_key
    while key is not None:
        if key == ancestor:
            return True
        key = plan.sections[key].parent
    return False


def _in_number_order(
    items: list[tuple[str, MeasureEntry | SectionEntry]],
) -> Iterator[tuple[str, MeasureEntry | SectionEntry]]:
    """Measures and subsections of one section in the order of their numbers, when every
    number can be read; otherwise measures first, then subsections, as written."""
    numbers = [_order_number(item.key) for _, item in items]
    if all(n is not None for n in numbers):
        order = sorted(range(len(items)), key=lambda i: (numbers[i], i))
        yield from (items[i] for i in order)
    else:
        yield from items
