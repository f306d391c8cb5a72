"""The site model rendered to the section's pages through the theme's templates.

Pure: a :class:`~generator.site.model.SiteModel` in, a list of :class:`Page` out, in navigation
order. The templates read the model's views; the helpers here only format what a template
prints. Every link between pages is relative, so the site works under any path prefix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.content import Content
from generator.contract import PageKind
from generator.markup import rebase_links, render_markdown
from generator.models import ACT_KIND_UK, ActKind, ActReference, Status, Unknown
from generator.monitoring import statuses_in
from generator.opendata.files import ACTS_FILE, FORMATS, SCHEMAS, plan_file_names, report_file_names
from generator.opendata.ical import SECTION_FILE, calendar_file_name
from generator.opendata.passport import STANDARD, datasets, page_rows
from generator.paths import attachment_href, is_local
from generator.reuse import Reuse, take
from generator.site.i18n import OPENDATA_ADDRESS, UI, subsection_address, subsection_title
from generator.site.model import (
    PlanView,
    ProgressView,
    ReportView,
    SiteModel,
    SubsectionView,
    build_model,
    format_date,
    status_label,
)
from generator.site.urls import act_anchors, anchor, plan_url, relative, report_url, section_anchor
from generator.spool import Spooled, text_of

__all__ = [
    "Page",
    "act_anchors",
    "anchor",
    "build_pages",
    "plan_url",
    "render_pages",
    "report_url",
    "section_anchor",
]


@dataclass(frozen=True)
class Page:
    """One page of the section: its address, title and rendered body."""

    url: str  # "" for the section home, else "a/b/" (directory URLs)
    title: str
    body: str | Spooled  # the rendered HTML, or where it was put (render_pages' ``keep``)
    updated: dt.date | None
    kind: PageKind
    key: str = ""  # the subsection's key, for subsection pages

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"

    @property
    def html(self) -> str:
        return text_of(self.body)


@lru_cache(maxsize=1)
def template_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds, in Jinja's private per-user folder under the
    system temporary directory: compiling Material's templates and ours otherwise takes a
    third of a small build, and is repeated by every rebuild in ``antikor serve``."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


def templates_state(templates: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file of the templates with its modification time and size: a page is taken
    from the previous build only while the templates it was rendered with are unchanged."""
    found = []
    for path in sorted(templates.rglob("*")):
        stat = path.stat()
        found.append((path.relative_to(templates).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def build_pages(content: Content, templates: Path, *, banner: str | None = None) -> list[Page]:
    """Every page of validated content, in navigation order (the model built on the way)."""
    return render_pages(build_model(content, banner=banner), templates)


def render_pages(
    model: SiteModel,
    templates: Path,
    *,
    reuse: Reuse | None = None,
    keep: Callable[[str], str | Spooled] | None = None,
) -> list[Page]:
    """Every page of the section, in navigation order: home, each subsection (the plans
    subsection followed by the plans, newest first, then their reports), the search page.
    ``keep`` is given each page's HTML as soon as it is rendered and returns what the page
    holds (by default the HTML itself; :meth:`generator.spool.Spool.keep` puts it on disk).

    With ``reuse`` (a preview), the page of a view the model took from the previous build is
    that build's page while the settings and the templates are the same; the open data and
    search pages list every plan and report and are made every time."""
    renderer = _Renderer(model, templates, reuse, keep)
    pages = [renderer.home()]
    for subsection in model.subsections:
        pages.append(renderer.subsection(subsection))
        if subsection.key == "plans":
            pages += [renderer.plan(plan) for plan in model.plans]
            pages += [renderer.report(report) for report in model.reports]
    pages.append(renderer.opendata())
    pages.append(renderer.search())
    return pages


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


def markdown(text: str | None, url: str) -> str:
    """Our sanitised Markdown, its relative links rebased from the section root to the page
    at ``url`` (templates pass the ``url`` they are rendered with: ``text|markdown(url)``)."""
    if not text:
        return Markup("")
    return Markup(rebase_links(render_markdown(text), "../" * url.count("/")))


@lru_cache(maxsize=4)
def environment(templates: Path) -> jinja2.Environment:
    """The one Jinja environment of our templates (pages and the snippet): autoescaping, and
    an undefined name is an error rather than an empty string. What a page needs from the
    build comes in its render context, so the environment is shared between builds."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache(),
    )
    env.filters["markdown"] = markdown
    return env


class _Renderer:
    """The pages rendered from the model, with the formatting helpers the templates call."""

    def __init__(
        self,
        model: SiteModel,
        templates: Path,
        reuse: Reuse | None = None,
        keep: Callable[[str], str | Spooled] | None = None,
    ) -> None:
        self.model = model
        self.reuse = reuse
        self.keep = keep
        # What a page is made of besides its view: the settings (the body's name in acts'
        # requisites), the banner, the acts (their anchors) and the templates as they are now.
        self.inputs: tuple[object, ...] = (
            model.site,
            model.banner,
            model.content.acts,
            templates_state(templates) if reuse is not None else (),
        )
        self.lang = model.language
        self.ui = UI[self.lang]
        self.env = environment(templates)
        self.helpers: dict[str, Any] = {
            "ui": self.ui,
            "lang": self.lang,
            "site": model.site,
            "status_label": self.status_label,
            "act_line": self.act_line,
            "illegible_fields": illegible_fields,
            "unknown_kinds": unknown_kinds,
            "illegible_note": self.illegible_note,
            "deadline_lines": deadline_lines,
            "act_kind": self.act_kind,
            "fmt_date": self.fmt_date,
            "act_anchor": model.act_anchor,
            "is_local": is_local,
            "statuses_order": list(Status),
            "statuses_in": statuses_in,
            "progress_text": self.progress_text,
        }

    # --- helpers exposed to templates ---------------------------------------------------

    def status_label(self, status: Status) -> str:
        return status_label(status, self.lang)

    def progress_text(self, points: Sequence[ProgressView]) -> str:
        """«2022 — 17 %; 2023 — 33 %»: what the «Ход выполнения» chart shows, in words."""
        shares = [
            (p.label, self.ui["no_share"] if p.tally.share is None else f"{p.tally.share}\u00a0%")
            for p in points
        ]
        return "; ".join(f"{label} — {share}" for label, share in shares)

    def fmt_date(self, value: dt.date | Unknown | None) -> str:
        return format_date(value, self.lang)

    def act_kind(self, kind: ActKind) -> str:
        return ACT_KIND_UK[kind] if self.lang == "uk" else kind.value

    def act_line(self, act: ActReference) -> str:
        """«Администрация ..., постановление от 15.03.2021 № 123-п», saying plainly which
        requisites the source does not let us read."""
        kind = self.act_kind(act.act)
        authority = act.authority or self.model.site.organization.name
        line = f"{authority}, {kind}"
        if not isinstance(act.date, Unknown):
            line += f" {self.ui['from']} {self.fmt_date(act.date)}"
        if not isinstance(act.number, Unknown):
            line += f" № {act.number}"
        notes = [self.illegible_note(fields, kind) for kind, fields in unknown_kinds(act)]
        return f"{line} ({'; '.join(notes)})" if notes else line

    def illegible_note(self, fields: Sequence[str], kind: str = "illegible") -> str:
        """«дата и номер в источнике неразборчивы» for the fields a scan does not let us read,
        «номер в источнике не указан» for those it does not give."""
        return self.ui[kind + "_" + "_".join(fields)]

    # --- pages ------------------------------------------------------------------------------

    def kept(self, html: str) -> str | Spooled:
        return self.keep(html) if self.keep else html

    def render(self, template: str, url: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            **self.helpers,
            url=url,
            link=lambda target: relative(url, target),
            file_link=lambda name: relative(url, attachment_href(name)),
            **context,
        )

    def take(self, url: str, view: object, make: Callable[[], Page]) -> Page:
        """The page at ``url`` of ``view``, taken from the previous build if it is the same."""
        return take(self.reuse, ("page", url), (view, *self.inputs), make)

    def home(self) -> Page:
        return self.take("", self.model.home, self._home)

    def _home(self) -> Page:
        home = self.model.home
        html = self.render(
            "page_home.html", "", home=home, updated=home.updated, banner=self.model.banner
        )
        return Page("", home.title, self.kept(html), home.updated, PageKind.HOME)

    def subsection(self, view: SubsectionView) -> Page:
        return self.take(view.url, view, lambda: self._subsection(view))

    def _subsection(self, view: SubsectionView) -> Page:
        html = self.render("page_subsection.html", view.url, sub=view, updated=view.updated)
        return Page(
            view.url, view.title, self.kept(html), view.updated, PageKind.SUBSECTION, view.key
        )

    def plan(self, view: PlanView) -> Page:
        return self.take(view.url, view, lambda: self._plan(view))

    def _plan(self, view: PlanView) -> Page:
        html = self.render(
            "page_plan.html",
            view.url,
            plan=view,
            updated=view.updated,
            data_files=plan_file_names(view.stem),
            calendar_file=calendar_file_name(view.stem),
            opendata_url=OPENDATA_ADDRESS,
        )
        return Page(view.url, view.title, self.kept(html), view.updated, PageKind.PLAN)

    def report(self, view: ReportView) -> Page:
        return self.take(view.url, view, lambda: self._report(view))

    def _report(self, view: ReportView) -> Page:
        html = self.render(
            "page_report.html",
            view.url,
            report=view,
            updated=view.updated,
            data_files=report_file_names(view.stem),
            calendar_file="",
            opendata_url=OPENDATA_ADDRESS,
        )
        return Page(view.url, view.title, self.kept(html), view.updated, PageKind.REPORT)

    def opendata(self) -> Page:
        """The «Открытые данные» page: every data file and the open-data passports."""
        # It lists every plan, report and data set: made afresh (a new object never matches).
        return self.take(OPENDATA_ADDRESS, object(), self._opendata)

    def _opendata(self) -> Page:
        model = self.model
        title = self.ui["opendata.title"]
        plans = [(p.title, p.url, p.url, plan_file_names(p.stem)) for p in model.plans]
        reports = [(r.title, r.url, r.url, report_file_names(r.stem)) for r in model.reports]
        acts = [
            (
                subsection_title("acts", self.lang),
                subsection_address("acts"),
                OPENDATA_ADDRESS,
                {fmt: f"{ACTS_FILE}.{fmt}" for fmt in FORMATS},
            )
        ]
        groups = [
            (self.ui["opendata.plans"], plans),
            (self.ui["opendata.reports"], reports),
            (self.ui["opendata.acts"], acts if model.acts else []),
        ]
        html = self.render(
            "page_opendata.html",
            OPENDATA_ADDRESS,
            title=title,
            groups=groups,
            schemas=list(SCHEMAS),
            calendar=SECTION_FILE,
            passports=[(d, page_rows(d)) for d in datasets(model.content, reuse=self.reuse)],
            standard=STANDARD,
            updated=model.search.updated,
        )
        return Page(
            OPENDATA_ADDRESS, title, self.kept(html), model.search.updated, PageKind.OPENDATA
        )

    def search(self) -> Page:
        """The search page: a form that works without scripts, filled in by ``search.js``."""
        return self.take(self.model.search.url, self.model.search, self._search)

    def _search(self) -> Page:
        view = self.model.search
        html = self.render("page_search.html", view.url, search=view, updated=view.updated)
        return Page(view.url, view.title, self.kept(html), view.updated, PageKind.SEARCH)
