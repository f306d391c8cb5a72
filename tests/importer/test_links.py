"""An import writes only where the build reads: never through a symbolic link that leads out
of the content folder or to a folder, the links the build refuses (E014, E015)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.importer.documents import REPORT, write_docx

NOTHING = "antikor: ничего не записано\n"
OUTSIDE = (
    "ссылка (symlink) ведет за пределы папки содержимого: импорт не записывает через нее;"
    " замените ссылку папкой или файлом"
)
TO_FOLDER = (
    "ссылка (symlink) ведет на папку или по кругу: сборка такие ссылки не читает, и импорт не"
    " записывает через них; замените ссылку самой папкой"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_docx(REPORT, tmp_path / "report.docx")
    (tmp_path / "content").mkdir()
    (tmp_path / "elsewhere").mkdir()
    return tmp_path


def _refused(folder: Path, capsys: pytest.CaptureFixture[str], message: str) -> None:
    assert main(["import", "report.docx", "--content", "content"]) == 1
    assert capsys.readouterr().err == f"antikor: ошибка: {message}\n{NOTHING}"
    assert list((folder / "elsewhere").iterdir()) == []
    assert not (folder / "content" / "site.yaml").exists()


@pytest.mark.parametrize("name", ["plans", "reports"])
def test_a_linked_folder_outside_is_refused(
    name: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "content" / name).symlink_to(folder / "elsewhere")
    _refused(folder, capsys, f"content/{name}: {OUTSIDE}")


def test_a_linked_folder_inside_is_refused_as_the_build_refuses_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "content" / "real").mkdir()
    (folder / "content" / "plans").symlink_to("real")
    _refused(folder, capsys, f"content/plans: {TO_FOLDER}")
    assert list((folder / "content" / "real").iterdir()) == []


def test_a_linked_target_file_outside_is_refused_even_with_force(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "content" / "plans").mkdir()
    (folder / "elsewhere" / "x.yaml").write_text("mine\n", encoding="utf-8")
    (folder / "content" / "plans" / "2022-2024.yaml").symlink_to(folder / "elsewhere" / "x.yaml")
    assert main(["import", "report.docx", "--content", "content", "--force"]) == 1
    assert capsys.readouterr().err == (
        f"antikor: ошибка: content/plans/2022-2024.yaml: {OUTSIDE}\n{NOTHING}"
    )
    assert (folder / "elsewhere" / "x.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (folder / "content" / "reports").exists()


def test_a_linked_site_file_outside_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "content" / "site.yaml").symlink_to(folder / "elsewhere" / "site.yaml")
    assert main(["import", "report.docx", "--content", "content"]) == 1
    assert capsys.readouterr().err == f"antikor: ошибка: content/site.yaml: {OUTSIDE}\n{NOTHING}"
    assert list((folder / "elsewhere").iterdir()) == []
    assert not (folder / "content" / "plans").exists()


def test_a_content_folder_given_through_a_link_is_written(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The content folder itself may be a link: it is the root everything is judged against."""
    (folder / "link").symlink_to("content")
    assert main(["import", "report.docx", "--content", "link"]) == 0
    assert (folder / "content" / "plans" / "2022-2024.yaml").is_file()
