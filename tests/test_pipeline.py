"""The order of the stages: prepare (load, validate, model, render), then the outputs made from
the written site, in the order the pipeline lists them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline
from generator.contract import PageKind
from generator.pipeline import (
    ContentFailed,
    Output,
    Written,
    prepare_site,
    start_outputs,
    write_outputs,
)
from generator.site.snippet import SNIPPET_PATH
from tests.conftest import FIXTURES, ROOT

TEMPLATES = ROOT / "theme" / "antikor"


def test_prepare_models_and_renders_validated_content() -> None:
    prepared = prepare_site(FIXTURES / "minimal", TEMPLATES)
    assert prepared.pages[0].kind is PageKind.HOME
    assert [p.url for p in prepared.pages if p.kind is PageKind.PLAN] == [
        plan.url for plan in prepared.model.plans
    ]
    assert prepared.model.content is prepared.content


def test_content_with_errors_stops_before_the_model(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "reports" / "2024.yaml").write_text('plan: "1999"\n', encoding="utf-8")
    with pytest.raises(ContentFailed) as failure:
        prepare_site(folder, TEMPLATES)
    assert "reports/2024.yaml" in failure.value.report


def test_outputs_run_in_their_order_and_a_preview_skips_the_publishing_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    outputs = (
        Output("first", lambda w: made.append("first")),
        Output("index", lambda w: made.append("index"), in_preview=False),
        Output("last", lambda w: made.append("last")),
    )
    monkeypatch.setattr(pipeline, "OUTPUTS", outputs)
    written = Written(prepare_site(FIXTURES / "minimal", TEMPLATES), tmp_path, TEMPLATES, None)
    write_outputs(written)
    assert made == ["first", "index", "last"]
    made.clear()
    write_outputs(written, preview=True)
    assert made == ["first", "last"]


def test_the_snippet_is_written_into_the_site_in_a_preview_too(tmp_path: Path) -> None:
    prepared = prepare_site(FIXTURES / "minimal", TEMPLATES)
    write_outputs(Written(prepared, tmp_path, TEMPLATES, "https://example.org/ak/"), preview=True)
    snippet = (tmp_path / SNIPPET_PATH).read_text(encoding="utf-8")
    assert 'href="https://example.org/ak/"' in snippet
    assert not (tmp_path / "pagefind").exists()  # the index is for publishing only


class _Begun:
    """An output begun before MkDocs writes the site, recording what happens to it."""

    def __init__(self, log: list[str], name: str) -> None:
        self.log, self.name = log, name

    def finish(self, site_dir: Path) -> None:
        self.log.append(f"finish {self.name}")

    def cancel(self) -> None:
        self.log.append(f"cancel {self.name}")


def _writes_begun(name: str) -> Callable[[Written], None]:
    def write(written: Written) -> None:
        written.pending[name].finish(written.site_dir)

    return write


def test_outputs_that_need_only_the_pages_begin_before_mkdocs_and_finish_in_their_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log: list[str] = []

    def fail(written: Written) -> None:
        raise OSError("disk full")

    outputs = (
        Output("first", lambda w: log.append("first")),
        Output(
            "index",
            _writes_begun("index"),
            in_preview=False,
            start=lambda prepared, site: _Begun(log, "index"),
        ),
    )
    monkeypatch.setattr(pipeline, "OUTPUTS", outputs)
    prepared = prepare_site(FIXTURES / "minimal", TEMPLATES)
    assert start_outputs(prepared, tmp_path, preview=True) == {}
    pending = start_outputs(prepared, tmp_path)
    assert list(pending) == ["index"] and log == []
    write_outputs(Written(prepared, tmp_path, TEMPLATES, None, pending))
    # finished in its turn; cancelling what is finished does nothing more
    assert log == ["first", "finish index", "cancel index"]

    log.clear()
    monkeypatch.setattr(pipeline, "OUTPUTS", (Output("first", fail), *outputs[1:]))
    pending = start_outputs(prepared, tmp_path)
    with pytest.raises(OSError):
        write_outputs(Written(prepared, tmp_path, TEMPLATES, None, pending))
    assert log == ["cancel index"]  # an earlier output failed: the begun one is stopped
