"""A preview's rebuild takes from the previous build what the saved file did not change: a
report's edit remakes its page, its plan's and the pages that list every plan and report, and
leaves the rest; after any sequence of edits the pages and data files are those of a fresh build
of the same content and templates."""

from __future__ import annotations

import re
import shutil
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synthetic import generate
from generator.opendata.files import data_files
from generator.pipeline import ContentFailed, Prepared, prepare_site
from generator.reuse import Reuse, same_inputs
from generator.site.i18n import OPENDATA_ADDRESS, SEARCH_ADDRESS, subsection_address
from tests.conftest import ROOT

TEMPLATES = ROOT / "theme" / "antikor"
PLANS = subsection_address("plans")


def _site(prepared: Prepared) -> tuple[list[Any], dict[str, bytes]]:
    """Everything a build makes of the content: the pages and the data files."""
    pages = [(p.url, p.title, p.html, p.updated, p.kind, p.key) for p in prepared.pages]
    data = data_files(prepared.content, reuse=prepared.reuse)
    return pages, {file.path: file.data for file in data}


class Preview:
    """The builds of ``antikor serve``: one :class:`Reuse` across them, ended after a good one."""

    def __init__(self, root: Path, templates: Path = TEMPLATES) -> None:
        self.root = root
        self.templates = templates
        self.reuse = Reuse()

    def build(self) -> tuple[list[Any], dict[str, bytes]]:
        made = _site(prepare_site(self.root, self.templates, reuse=self.reuse))
        self.reuse.end()
        return made

    def pages_made(self) -> set[Hashable]:
        return {
            name[1] for name in self.reuse.made if isinstance(name, tuple) and name[0] == "page"
        }

    def matches_a_fresh_build(self) -> None:
        assert self.build() == _site(prepare_site(self.root, self.templates))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return generate(tmp_path / "content", plans=2, measures=6, reports=4)


def _retitle(path: Path, words: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: (.*)$", rf"title: \1 {words}", text, count=1, flags=re.M))


def test_a_rebuild_of_unchanged_content_remakes_only_the_open_data_page(content: Path) -> None:
    preview = Preview(content)
    first = preview.build()
    assert first == preview.build()
    assert preview.pages_made() == {OPENDATA_ADDRESS}


def test_an_edited_report_remakes_its_page_its_plan_and_the_pages_listing_them(
    content: Path,
) -> None:
    preview = Preview(content)
    preview.build()
    model = prepare_site(content, TEMPLATES).model
    older = model.plans[-1]  # not the plan the section home shows
    edited, sibling = older.reports[0], older.reports[1]

    _retitle(content / "reports" / f"{edited.stem}.yaml", "правка")
    preview.build()

    made = preview.pages_made()
    assert made == {edited.url, older.url, PLANS, OPENDATA_ADDRESS, SEARCH_ADDRESS}
    assert sibling.url not in made and model.plans[0].url not in made and "" not in made
    # the open data's rows, calendar events and files of one plan, one report each
    own = ("rows-plan", "rows-report", "events", "data-plan", "data-calendar", "data-report")
    data = {n for n in preview.reuse.made if isinstance(n, tuple) and len(n) == 2 and n[0] in own}
    assert data == {("rows-report", edited.stem), ("data-report", edited.stem)}
    preview.matches_a_fresh_build()


def test_an_edit_to_the_newest_plans_latest_report_remakes_the_section_home(
    content: Path,
) -> None:
    preview = Preview(content)
    preview.build()
    newest = prepare_site(content, TEMPLATES).model.plans[0]
    assert newest.latest_report is not None
    _retitle(content / "reports" / f"{newest.latest_report.stem}.yaml", "правка")
    preview.build()
    assert "" in preview.pages_made()
    preview.matches_a_fresh_build()


def test_after_every_kind_of_edit_the_preview_is_a_fresh_build(
    content: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    preview = Preview(content, templates)
    preview.matches_a_fresh_build()
    reports = sorted((content / "reports").glob("*.yaml"))
    plan = sorted((content / "plans").glob("*.yaml"))[0]

    # a report's result, then a plan's measure (every report of it shows the measure)
    text = reports[0].read_text(encoding="utf-8")
    reports[0].write_text(text.replace("status: in_progress", "status: done", 1), "utf-8")
    preview.matches_a_fresh_build()
    _retitle(plan, "в новой редакции")
    preview.matches_a_fresh_build()

    # a broken report keeps nothing of its own; its fix is shown as it is
    good = reports[1].read_text(encoding="utf-8")
    reports[1].write_text(good + "statuses: []\n", encoding="utf-8")
    with pytest.raises(ContentFailed):
        prepare_site(content, templates, reuse=preview.reuse)
    reports[1].write_text(good.replace("title: ", "title: Исправленный ", 1), encoding="utf-8")
    preview.matches_a_fresh_build()

    # a report added, then one deleted
    shutil.copy(reports[2], content / "reports" / "9999.yaml")
    _retitle(content / "reports" / "9999.yaml", "(копия)")
    preview.matches_a_fresh_build()
    reports[3].unlink()
    preview.matches_a_fresh_build()

    # the settings, the acts, an editor's page, a template
    site = content / "site.yaml"
    site.write_text(
        site.read_text("utf-8").replace("name: Администрация", "name: Администрация города", 1),
        "utf-8",
    )
    preview.matches_a_fresh_build()
    acts = content / "acts.yaml"
    acts.write_text(acts.read_text("utf-8").replace("title: ", "title: Новое ", 1), "utf-8")
    preview.matches_a_fresh_build()
    page = sorted((content / "pages").glob("*.md"))[0]
    page.write_text(page.read_text("utf-8") + "\nЕще один абзац.\n", "utf-8")
    preview.matches_a_fresh_build()
    report_template = templates / "page_report.html"
    report_template.write_text(
        report_template.read_text("utf-8") + "<p>Новая строка шаблона</p>\n", "utf-8"
    )
    assert "Новая строка шаблона" in str(preview.build()[0])
    preview.matches_a_fresh_build()


def test_inputs_are_the_same_when_they_are_the_same_objects_or_equal_plain_values() -> None:
    shown = object()
    assert same_inputs((shown, "ru", 3, (shown, None)), (shown, "ru", 3, (shown, None)))
    assert not same_inputs((shown,), (object(),))
    assert not same_inputs(([1],), ([1],))  # equal, but not the same list: it may be changed
    assert not same_inputs(("ru",), ("uk",))
    assert not same_inputs((shown,), (shown, shown))


def test_a_failure_is_never_kept_and_a_name_not_asked_for_is_forgotten() -> None:
    reuse = Reuse()
    made: list[str] = []

    def make(value: str | None) -> str | None:
        made.append(str(value))
        return value

    key = object()
    reuse.begin()
    assert reuse.take("broken", (key,), lambda: make(None)) is None
    assert reuse.take("report", (key,), lambda: make("page")) == "page"
    reuse.end()
    reuse.begin()
    assert reuse.take("broken", (key,), lambda: make(None)) is None  # its errors said again
    assert reuse.take("report", (key,), lambda: make("again")) == "page"
    assert reuse.made == ["broken"]
    reuse.end()
    reuse.begin()
    reuse.end()  # a build without the report: it was deleted
    reuse.begin()
    assert reuse.take("report", (key,), lambda: make("new")) == "new"
    assert made == ["None", "page", "None", "new"]


def test_a_warning_found_in_an_unchanged_file_is_said_again_by_every_rebuild(
    content: Path,
) -> None:
    report = sorted((content / "reports").glob("*.yaml"))[0]
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("text: '", "text: '<b>жирный</b> ", 1), encoding="utf-8")
    plan = sorted((content / "plans").glob("*.yaml"))[0]
    reuse = Reuse()
    reports = []
    for edit in ("первая", "вторая"):
        _retitle(plan, edit)
        diagnostics = prepare_site(content, TEMPLATES, reuse=reuse).diagnostics.report()
        reuse.end()
        reports.append(diagnostics)
    assert "W203" in reports[0] and f"reports/{report.name}:" in reports[0]
    assert reports[0] == reports[1]
    assert ("markdown", plan.resolve()) in reuse.made  # the edited plan is scanned again,
    assert ("markdown", report.resolve()) not in reuse.made  # the report is not
