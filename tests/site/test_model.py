"""The site model: validated content in, frozen views out, no Jinja and no MkDocs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.content import Content
from generator.models import ILLEGIBLE, NOT_STATED, Status
from generator.pipeline import load_content
from generator.site import model as site_model
from generator.site.i18n import SUBSECTIONS, subsection_address
from generator.site.model import RowKind, SiteModel, build_model, format_date
from tests.conftest import FIXTURES


def _load(folder: Path) -> Content:
    content, diagnostics = load_content(folder)
    assert content is not None, diagnostics.report()
    return content


@pytest.fixture(scope="module")
def minimal() -> SiteModel:
    return build_model(_load(FIXTURES / "minimal"))


def test_views_are_frozen(minimal: SiteModel) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        minimal.plans[0].rows[0].status = Status.DONE  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        minimal.home.current = None  # type: ignore[misc]


def test_plan_rows_carry_kind_depth_anchor_and_the_latest_status(minimal: SiteModel) -> None:
    plan = minimal.plans[0]
    assert [(r.kind, r.key, r.depth, r.anchor) for r in plan.rows] == [
        (RowKind.SECTION, "1", 0, "s-1"),
        (RowKind.MEASURE, "1.1", 1, "m-1-1"),
        (RowKind.MEASURE, "1.10", 1, "m-1-10"),
        (RowKind.SECTION, "2", 0, "s-2"),
        (RowKind.MEASURE, "2.1", 1, "m-2-1"),
    ]
    first = plan.rows[1]
    assert first.status is Status.DONE
    # the link leads from the plan's page to the measure's row on the report's page
    report = plan.reports[-1]
    assert first.status_href == f"../../{report.url}#m-1-1"
    assert all(row.status is None for row in plan.rows if row.kind is RowKind.SECTION)


def test_report_rows_are_joined_to_their_results(minimal: SiteModel) -> None:
    report = minimal.plans[0].reports[-1]
    by_key = {row.key: row for row in report.rows}
    assert by_key["1.1"].result is report.results["1.1"]
    assert by_key["1.1"].status is Status.DONE
    assert by_key["2.1"].status is Status.NOT_DUE
    assert by_key["1"].result is None
    assert report.summary.total == 3 and report.summary.done == 1
    assert report.summary.statuses == (Status.DONE, Status.IN_PROGRESS, Status.NOT_DUE)
    assert report.date_text == "20.01.2025"
    assert report.years == ("2024",) and report.short_title == "Отчет за 2024 год"


def test_the_home_shows_the_newest_plan_and_its_latest_report_view(minimal: SiteModel) -> None:
    home = minimal.home
    assert home.current is minimal.plans[0]
    assert home.latest is minimal.plans[0].reports[-1]  # one summary for home and report page
    assert [address for _, address in home.subsections] == [
        subsection_address(key) for key in SUBSECTIONS
    ]


def test_each_report_is_summed_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    content = _load(FIXTURES / "minimal")
    counted: list[str] = []
    summarize = site_model._summarize

    def counting(report, *args):  # type: ignore[no-untyped-def]
        counted.append(report.stem)
        return summarize(report, *args)

    monkeypatch.setattr(site_model, "_summarize", counting)
    build_model(content)
    assert counted == [report.stem for report in content.reports]


def test_rows_follow_the_numbers_not_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", folder)
    for name in ("plans/2021-2024.yaml", "reports/2024.yaml"):
        path = folder / name
        text = path.read_text(encoding="utf-8").replace('"1.1"', '"1.20"')
        path.write_text(text, encoding="utf-8")
    plan = build_model(_load(folder)).plans[0]
    measures = [row.key for row in plan.rows if row.kind is RowKind.MEASURE]
    assert measures == ["1.10", "1.20", "2.1"]  # 1.20 is written first


def test_the_search_filters_are_known_before_any_page_or_record(minimal: SiteModel) -> None:
    filters = minimal.search.filters
    assert list(filters) == ["kind", "year", "section", "executor", "status"]
    assert filters["kind"] == ["Акт", "Отчет", "План", "Страница"]
    assert filters["section"] == ["Организационные меры", "Открытость"]
    assert filters["status"] == ["Выполнено", "Выполняется", "Срок не наступил"]
    assert filters["year"] == sorted(filters["year"], reverse=True)


def test_act_anchors_are_looked_up_by_act(minimal: SiteModel) -> None:
    for view in minimal.acts:
        assert minimal.act_anchor(view.act) == view.anchor
        assert view.anchor.startswith("a-")


def test_dates_are_formatted_in_one_place() -> None:
    assert format_date(dt.date(2021, 3, 5), "ru") == "05.03.2021"
    assert format_date(None, "ru") == ""
    assert format_date(ILLEGIBLE, "ru") != format_date(NOT_STATED, "ru")
