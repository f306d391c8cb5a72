"""The order of the stages, in one place. The MkDocs plugin and the command line both call this
instead of repeating it.

1. load and validate the content (:func:`load_content`);
2. build the site model and render the pages (:func:`prepare_site`), which the MkDocs plugin
   hands to MkDocs;
3. MkDocs writes the site;
4. the outputs made from the written site, in the order of :data:`OUTPUTS` (the open data, the
   search index, the snippet for the official site's main page), called by the plugin once
   MkDocs is done (:func:`write_outputs`); an output that needs only the rendered pages (the
   search index) is begun before MkDocs writes the site (:func:`start_outputs`), so that it
   runs on the other core meanwhile, and finished there;
5. :func:`build` marks the written site as ours and, in strict mode, checks its compliance
   before it replaces the previous site.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from generator import timings
from generator.checks import validate
from generator.content import Content, read_content
from generator.diagnostics import BUILD_LOG, Diagnostics
from generator.reuse import Reuse, take

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.compliance import RuleResult
    from generator.compliance.profiles import Profile
    from generator.opendata.files import DataFile
    from generator.site.model import SiteModel
    from generator.site.pages import Page

log = logging.getLogger(BUILD_LOG)


class ContentFailed(Exception):
    """The content has errors (or warnings, in strict mode); ``report`` says which."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


def load_content(root: Path, reuse: Reuse | None = None) -> tuple[Content | None, Diagnostics]:
    """Read a content folder and check it: the validated content, or ``None`` if anything is
    wrong, and the diagnostics that say what."""
    diagnostics = Diagnostics()
    reading = read_content(root, diagnostics, reuse)
    content = validate(reading, diagnostics, reuse) if reading is not None else None
    return content, diagnostics


@dataclass(frozen=True)
class Prepared:
    """What the stages before MkDocs made: the validated content, its site model, its pages,
    and the diagnostics (warnings only) the content had."""

    content: Content
    model: SiteModel
    pages: list[Page]
    diagnostics: Diagnostics
    reuse: Reuse | None = None  # what the outputs may take from the previous build (a preview)


def prepare_site(
    root: Path, templates: Path, *, strict: bool = False, reuse: Reuse | None = None
) -> Prepared:
    """Load, validate, model and render the content. Raises :class:`ContentFailed` when the
    content has errors (or warnings, in strict mode). ``reuse`` (a preview) takes from the
    previous build whatever is made from the same files, settings and templates again."""
    from generator.site.model import build_model
    from generator.site.pages import render_pages
    from generator.spool import Spool

    if reuse is not None:
        reuse.begin()
    with timings.stage("load"), _collector_paused():
        content, diagnostics = load_content(root, reuse)
    if content is None or diagnostics.failed(strict):
        raise ContentFailed(diagnostics.report())
    if len(diagnostics):
        # `mkdocs build --strict` counts warnings; notes never fail a run
        level = logging.WARNING if diagnostics.warnings else logging.INFO
        log.log(level, diagnostics.report())
    with timings.stage("render"):
        model = build_model(content, banner=banner_text(content.site.requirements), reuse=reuse)
        # Each page goes to disk as it is rendered: MkDocs writes it much later. A preview
        # keeps its pages in memory, those of the previous build too (``reuse``).
        spool = Spool.open() if reuse is None else None
        pages = render_pages(model, templates, reuse=reuse, keep=spool.keep if spool else None)
    return Prepared(content, model, pages, diagnostics, reuse)


@dataclass(frozen=True)
class Written:
    """A site MkDocs has written, for the outputs made from it."""

    prepared: Prepared
    site_dir: Path
    templates: Path
    section_url: str | None  # the published address of the section, if the settings give it
    pending: Mapping[str, Pending] = field(default_factory=dict)  # begun by start_outputs
    kept: Path | None = None  # a preview's folder of data files kept between its builds


class Pending(Protocol):
    """An output begun before MkDocs writes the site, running beside it."""

    def finish(self, site_dir: Path) -> object:
        """Wait for it and put what it made into the written site."""

    def cancel(self) -> None:
        """Stop it and remove what it left (the build failed)."""


@dataclass(frozen=True)
class Output:
    """One more thing made once MkDocs has written the site."""

    name: str  # the stage name in ``--timings``, if timed
    write: Callable[[Written], None]
    in_preview: bool = True  # also made by every rebuild of ``antikor serve``
    timed: bool = False
    start: Callable[[Prepared, Path], Pending] | None = None  # begins it before MkDocs writes


def _start_search_index(prepared: Prepared, site_dir: Path) -> Pending:
    """Pagefind over the records and the indexed part of each rendered page, started now: the
    index is the same as over the written site, and Pagefind runs while MkDocs writes it."""
    from generator.search.pagefind import start_indexing
    from generator.search.records import index_pages, iter_records, render_page

    model = prepared.model
    indexed = index_pages(model)
    # in the order Pagefind finds them in the written site; each page's indexed part is made
    # as it is written into Pagefind's input, and the records one at a time, so that none of
    # them are held together
    ordered = sorted((f"{page.url}index.html", page) for page in prepared.pages)
    pages = (
        (name, render_page(page.html, index, model.language).encode())
        for name, page in ordered
        if (index := indexed.get(page.url))
    )
    return start_indexing(iter_records(model), model.language, site_dir=site_dir, written=pages)


def _write_search_index(written: Written) -> None:
    """Records of every row, indexed by Pagefind into the site. Raises ``IndexingFailed``."""
    from generator.search.pagefind import index_site
    from generator.search.records import build_records

    if (begun := written.pending.get("search")) is not None:
        begun.finish(written.site_dir)
        return
    model = written.prepared.model
    index_site(written.site_dir, build_records(model), model.language)


def _write_snippet(written: Written) -> None:
    from generator.site.snippet import SNIPPET_PATH, render_snippet

    if written.section_url is None:
        log.info(
            "замечание: не задан site_url (--site-url или site_url в mkdocs.yml):"
            " во вставке для главной страницы (%s) адрес раздела не указан",
            SNIPPET_PATH,
        )
    model = written.prepared.model
    snippet = render_snippet(
        model.site, written.templates, section_url=written.section_url, banner=model.banner
    )
    (written.site_dir / SNIPPET_PATH).write_text(snippet, encoding="utf-8")


def _write_open_data(written: Written) -> None:
    """The data files (CSV, XLSX, JSON) beside the pages, and the open-data passports."""
    from generator.opendata.files import data_files
    from generator.opendata.passport import passport_notes

    content = written.prepared.content
    reuse = written.prepared.reuse
    for note in passport_notes(content, reuse):
        log.info("замечание: %s", note)
    for data in data_files(content, section_url=written.section_url, reuse=reuse):
        target = written.site_dir / data.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if written.kept is None or reuse is None:
            target.write_bytes(data.data)
        else:
            _link_kept(data, target, written.kept, reuse)


def _link_kept(data: DataFile, target: Path, kept: Path, reuse: Reuse) -> None:
    """A preview's data file, linked from the folder that keeps it between builds.

    MkDocs empties the site before every build of a preview, and the data files of an archive
    are a hundred megabytes, nearly all of them the same as last time: each is written to
    ``kept`` when it changes and only linked into the site (copied where links are refused).
    A changed file replaces the kept one, whose old link went with the emptied site.
    """
    stored = take(reuse, ("kept", data.path), (data.data,), partial(_keep, data, kept))
    target.unlink(missing_ok=True)  # a link left by a build that did not empty the site
    try:
        os.link(stored, target)
    except OSError:
        target.write_bytes(data.data)


def _keep(data: DataFile, kept: Path) -> Path:
    stored = kept / data.path
    stored.parent.mkdir(parents=True, exist_ok=True)
    fresh = stored.with_name(stored.name + ".new")
    fresh.write_bytes(data.data)
    fresh.replace(stored)
    return stored


OUTPUTS: tuple[Output, ...] = (
    Output("opendata", _write_open_data, timed=True),
    # A preview rebuilds after every saved file and must show it within seconds; indexing an
    # archive takes longer, so the search index is built for publishing only.
    Output("search", _write_search_index, in_preview=False, timed=True, start=_start_search_index),
    Output("snippet", _write_snippet),
)
"""What is made from the written site, in order."""


def start_outputs(
    prepared: Prepared, site_dir: Path, *, preview: bool = False
) -> dict[str, Pending]:
    """Begin the outputs that need only the rendered pages (those of a preview only, if
    ``preview``); :func:`write_outputs` finishes them, :func:`cancel_outputs` stops them. Raises
    what their start raises (``IndexingFailed``), having stopped those already begun."""
    pending: dict[str, Pending] = {}
    try:
        for output in OUTPUTS:
            if output.start is None or (preview and not output.in_preview):
                continue
            with timings.stage(output.name):
                pending[output.name] = output.start(prepared, site_dir)
    except BaseException:
        cancel_outputs(pending)
        raise
    return pending


def cancel_outputs(pending: Mapping[str, Pending]) -> None:
    for begun in pending.values():
        begun.cancel()


def write_outputs(written: Written, *, preview: bool = False) -> None:
    """Make every output of :data:`OUTPUTS` in order (those of a preview only, if ``preview``),
    finishing those :func:`start_outputs` began."""
    try:
        for output in OUTPUTS:
            if preview and not output.in_preview:
                continue
            if output.timed:
                with timings.stage(output.name):
                    output.write(written)
            else:
                output.write(written)
    finally:
        cancel_outputs(written.pending)  # those not finished: an earlier output failed


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Load without Python's cyclic garbage collector, then exempt what was loaded from it.

    The content is hundreds of thousands of small objects that live as long as the build;
    each full collection scanned them all again, so loading and rendering grew faster than
    the content. Reference counting still frees them; a rebuild in ``antikor serve`` first
    hands the previous build's objects back to the collector.
    """
    enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def banner_text(profile_name: str) -> str | None:
    """The text of the profile's banner, if the profile has a ``banner`` rule."""
    from generator.compliance.profiles import load_profile

    rule = load_profile(profile_name).rule_of_type("banner")
    return str(rule.params["text"]) if rule else None


class ComplianceFailed(Exception):
    """``build --strict``: the built site fails the compliance check; ``report`` says how."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


def check_built(
    site_dir: Path, profile_name: str | None = None
) -> tuple[list[RuleResult], Profile]:
    """Run the compliance check on a built site, against ``profile_name`` or else the profile
    the build recorded in the site (``federal`` if none). Raises ``SiteUnreadable`` and
    ``ProfileError`` for a folder or a profile that cannot be read."""
    from generator.compliance import check_site
    from generator.compliance.profiles import load_profile
    from generator.compliance.reader import read_site
    from generator.compliance.site import forget_parsed_pages

    site = read_site(site_dir)
    try:
        profile = load_profile(profile_name or site.profile_name() or "federal")
        return check_site(site, profile), profile
    finally:
        forget_parsed_pages()


def build(
    content: Path,
    site_dir: Path,
    *,
    config_file: Path | None = None,
    strict: bool = False,
    site_url: str | None = None,
) -> str | None:
    """Build the whole site into a working folder beside ``site_dir``, then swap it in.

    ``site_dir`` must be a folder a build may replace (:func:`generator.publish.check_site_dir`
    says which, and raises :class:`~generator.publish.SiteDirRefused` for the rest). A failed
    build (content errors included) leaves the previous ``site_dir`` untouched. In strict mode the
    compliance check runs on the new site before the swap, and a non-compliant site raises
    :class:`ComplianceFailed` instead of replacing the previous one; a compliant one returns the
    check's report.
    """
    from generator.config import find_override, load_site_config
    from generator.publish import check_site_dir, publishing

    settings = find_override(content, config_file)
    target = check_site_dir(site_dir, content=content, config_file=settings)
    with publishing(target) as staging:
        config = load_site_config(
            content, config_file=config_file, site_dir=staging, site_url=site_url
        )
        config.plugins["antikor"].config.strict = strict
        return _build_into(config, staging, strict=strict)


def _build_into(config: MkDocsConfig, staging: Path, *, strict: bool) -> str | None:
    """Write the site into ``staging``, mark it as ours, and check it in strict mode."""
    from mkdocs.commands.build import build

    from generator.compliance.report import format_text
    from generator.publish import write_marker

    # As `mkdocs build` does: MkDocs keeps one plugin object per process, and a preview
    # served from this process earlier must not leave it in preview mode.
    config.plugins.on_startup(command="build", dirty=False)
    with timings.stage("mkdocs"):
        build(config)
    write_marker(staging)
    if not strict:
        return None
    with timings.stage("check"):
        results, profile = check_built(staging)
    report = format_text(results, profile)
    if not all(result.passed for result in results):
        raise ComplianceFailed(report)
    return report
