"""Pages kept on disk between rendering and MkDocs writing them read back as they were
rendered; where the disk refuses them, they stay in memory."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from generator.pipeline import load_content
from generator.site.model import SiteModel, build_model
from generator.site.pages import render_pages
from generator.spool import Spool, Spooled
from tests.conftest import FIXTURES, ROOT

TEMPLATES = ROOT / "theme" / "antikor"


def _model(root: Path = ROOT / "content") -> SiteModel:
    content, diagnostics = load_content(root)
    assert content is not None, diagnostics.report()
    return build_model(content)


def test_spooled_pages_read_back_as_rendered() -> None:
    model = _model()
    spool = Spool.open()
    assert spool is not None
    kept = render_pages(model, TEMPLATES, keep=spool.keep)
    held = render_pages(model, TEMPLATES)
    assert all(isinstance(page.body, Spooled) for page in kept)
    assert [page.html for page in kept] == [page.html for page in held]
    # in any order, and again
    assert [page.html for page in reversed(kept)] == [page.html for page in reversed(held)]


def test_text_beyond_the_basic_plane_and_lone_surrogates_survive() -> None:
    spool = Spool.open()
    assert spool is not None
    texts = ["", "Противодействие «коррупции» 😀", "\udc80 broken", "x" * 200_000]
    kept = [spool.keep(text) for text in texts]
    assert [k if isinstance(k, str) else k.read() for k in kept] == texts


def test_a_page_the_disk_refuses_stays_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    spool = Spool.open()
    assert spool is not None

    def full(fd: int, data: bytes, offset: int) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    first = spool.keep("<p>первая</p>")
    monkeypatch.setattr(os, "pwrite", full)
    second = spool.keep("<p>вторая</p>")
    monkeypatch.undo()
    third = spool.keep("<p>третья</p>")
    assert second == "<p>вторая</p>"
    assert isinstance(first, Spooled) and first.read() == "<p>первая</p>"
    assert isinstance(third, Spooled) and third.read() == "<p>третья</p>"


def test_no_temporary_folder_keeps_the_pages_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.pipeline import prepare_site

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "missing"))
    prepared = prepare_site(FIXTURES / "minimal", TEMPLATES)
    assert all(isinstance(page.body, str) for page in prepared.pages)
    assert prepared.pages[0].html.lstrip().startswith("<")
