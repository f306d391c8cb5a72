"""The HTML contract (``generator/contract.py``): every name the compliance check reads is one
the generator writes, so renaming it on one side alone fails here rather than in a silent pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import contract
from tests.conftest import FIXTURES, build_site


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[BeautifulSoup]:
    """The pages of the minimal content whose plan was approved by an act with an illegible
    number and amended by one with no date stated, so every part of the contract has a use."""
    work = tmp_path_factory.mktemp("contract")
    content = work / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    plan = content / "plans" / "2021-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    approved = '  number: "123-п"\n'
    amended = '{act: постановление, date: 2022-05-01, number: "45-п"}'
    assert approved in text and amended in text
    text = text.replace(approved, "  number: неразборчиво\n  note: в скане пятно\n")
    text = text.replace(amended, '{act: постановление, date: не указано, number: "45-п"}')
    plan.write_text(text, encoding="utf-8")
    result = build_site(content, work / "site")
    assert result.exit_code == 0, result.stderr
    return [
        BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(Path(work / "site").rglob("*.html"))
    ]


@pytest.mark.parametrize("attribute", contract.ATTRIBUTES)
def test_the_generator_writes_every_attribute(pages: list[BeautifulSoup], attribute: str) -> None:
    assert any(page.select(f"[{attribute}]") for page in pages)


def test_every_page_kind_and_meta_is_written(pages: list[BeautifulSoup]) -> None:
    metas = {
        str(meta.get("name")): str(meta.get("content"))
        for page in pages
        for meta in page.find_all("meta", attrs={"name": list(contract.METAS)})
    }
    assert set(metas) == set(contract.METAS)
    kinds = {
        str(meta.get("content"))
        for page in pages
        for meta in page.find_all("meta", attrs={"name": contract.META_PAGE})
    }
    assert kinds == {kind.value for kind in contract.PageKind}
