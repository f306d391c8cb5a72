"""``antikor build --site-dir``: what a build may replace, taking turns, surviving a kill, and the
machine's faults. Nothing a user did not build with antikor is ever deleted."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.publish import MARKER
from tests.conftest import FIXTURES, ROOT, build_site, run_antikor


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    return tmp_path


def _refused(result_stderr: str) -> None:
    assert "Traceback" not in result_stderr
    assert "внутренняя ошибка" not in result_stderr


def test_a_build_marks_its_site_and_replaces_it_next_time(work: Path) -> None:
    site = work / "site"
    assert build_site(work / "content", site).exit_code == 0
    assert (site / MARKER).is_file()
    (site / "stale.txt").write_text("left by hand", encoding="utf-8")
    assert build_site(work / "content", site).exit_code == 0
    assert not (site / "stale.txt").exists()
    assert sorted(p.name for p in work.iterdir()) == ["content", "site"]


def test_the_content_folder_is_never_the_site(work: Path) -> None:
    content = work / "content"
    before = _tree(content)
    for target in (content, content / "files", work):
        result = build_site(content, target)
        assert result.exit_code == 1, target
        _refused(result.stderr)
        assert "папк" in result.stderr and "содержимого" in result.stderr
    assert _tree(content) == before


def test_the_folder_of_the_settings_is_never_the_site(work: Path) -> None:
    """``--site-dir .`` in a repository would take .git, mkdocs.yml and the content with it."""
    repo = work / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    result = run_antikor(
        "build", "--content", "../content", "--site-dir", ".", "--config", "mkdocs.yml", cwd=repo
    )
    assert result.exit_code == 1
    _refused(result.stderr)
    assert "— это папка файла настроек" in result.stderr
    assert (repo / ".git" / "HEAD").is_file() and (repo / "mkdocs.yml").is_file()
    assert (work / "content" / "site.yaml").is_file()


def test_a_folder_antikor_did_not_write_is_left_alone(work: Path) -> None:
    other = work / "documents"
    other.mkdir()
    (other / "report.docx").write_bytes(b"PK\x03\x04 draft")
    result = build_site(work / "content", other)
    assert result.exit_code == 1
    _refused(result.stderr)
    assert f"не пуста и собрана не antikor (в ней нет файла {MARKER})" in result.stderr
    assert _tree(other) == {"report.docx": b"PK\x03\x04 draft"}
    assert sorted(p.name for p in work.iterdir()) == ["content", "documents"]


def test_a_file_is_not_a_site_folder(work: Path) -> None:
    report = work / "report.docx"
    report.write_bytes(b"PK\x03\x04 the only copy")
    result = build_site(work / "content", report)
    assert result.exit_code == 1
    _refused(result.stderr)
    assert "это файл, а не папка" in result.stderr
    assert report.read_bytes() == b"PK\x03\x04 the only copy"


def test_the_root_is_refused_cleanly(work: Path) -> None:
    result = build_site(work / "content", Path("/"))
    assert result.exit_code == 1
    _refused(result.stderr)
    assert "корень файловой системы" in result.stderr


def test_an_empty_folder_and_a_site_built_before_the_marker_are_replaced(work: Path) -> None:
    empty = work / "empty"
    empty.mkdir()
    assert build_site(work / "content", empty).exit_code == 0
    (empty / MARKER).unlink()  # as a site built by an earlier version of antikor
    assert build_site(work / "content", empty).exit_code == 0
    assert (empty / MARKER).is_file()


def test_the_marker_does_not_disturb_the_compliance_check(work: Path) -> None:
    site = work / "site"
    assert build_site(work / "content", site).exit_code == 0
    with_marker = run_antikor("check", "--site-dir", str(site), "--format", "json")
    (site / MARKER).unlink()
    without = run_antikor("check", "--site-dir", str(site), "--format", "json")
    assert with_marker.stdout == without.stdout and with_marker.exit_code == without.exit_code


# --- a build killed half way -------------------------------------------------------------------


def _previous_and_stale(work: Path) -> tuple[Path, dict[str, bytes]]:
    """The state a build killed between its two renames leaves, plus another killed build's
    working folder: the previous site under its -previous name and no site."""
    site = work / "site"
    assert build_site(work / "content", site).exit_code == 0
    before = _tree(site)
    site.rename(work / ".site-previous")
    stale = work / ".site-build-4194303-deadbeef"
    stale.mkdir()
    (stale / "index.html").write_text("half a site", encoding="utf-8")
    return site, before


def test_a_failed_build_after_a_kill_puts_the_previous_site_back(work: Path) -> None:
    site, before = _previous_and_stale(work)
    plan = work / "content" / "plans" / "2021-2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    result = build_site(work / "content", site)
    assert result.exit_code == 1
    assert "прежний сайт восстановлен" in result.stderr
    assert _tree(site) == before
    assert sorted(p.name for p in work.iterdir()) == ["content", "site"]


def test_a_build_after_a_kill_replaces_the_recovered_site(work: Path) -> None:
    site, _ = _previous_and_stale(work)
    assert build_site(work / "content", site).exit_code == 0
    assert (site / "index.html").is_file()
    assert sorted(p.name for p in work.iterdir()) == ["content", "site"]


def test_a_kill_after_the_swap_leaves_only_the_new_site(work: Path) -> None:
    site = work / "site"
    assert build_site(work / "content", site).exit_code == 0
    shutil.copytree(site, work / ".site-previous")
    assert build_site(work / "content", site).exit_code == 0
    assert sorted(p.name for p in work.iterdir()) == ["content", "site"]


def test_working_folders_of_earlier_versions_are_removed_and_look_alikes_kept(
    work: Path,
) -> None:
    site = work / "site"
    assert build_site(work / "content", site).exit_code == 0
    (site / MARKER).unlink()  # an earlier version wrote no marker
    shutil.copytree(site, work / ".site-k2x9_q0a")
    look_alike = work / ".site-notes123"
    look_alike.mkdir()
    (look_alike / "mine.txt").write_text("keep", encoding="utf-8")
    assert build_site(work / "content", site).exit_code == 0
    assert sorted(p.name for p in work.iterdir()) == [".site-notes123", "content", "site"]


def _start_build(work: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "generator", "build", "--content", str(work / "content")]
    return subprocess.Popen(
        [*command, "--site-dir", str(work / "site"), "--config", str(ROOT / "mkdocs.yml")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition: Callable[[], bool], seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_a_killed_build_leaves_the_previous_site_and_its_working_folder_is_removed(
    work: Path,
) -> None:
    site = work / "site"
    assert build_site(work / "content", site).exit_code == 0
    before = _tree(site)
    build = _start_build(work)

    def staging_has_pages() -> bool:
        return any(work.glob(".site-build-*/**/index.html"))

    assert _wait_for(staging_has_pages), "the build never wrote into a working folder"
    os.kill(build.pid, signal.SIGKILL)
    build.communicate()
    assert _tree(site) == before
    assert list(work.glob(".site-build-*"))  # what the kill left
    assert build_site(work / "content", site).exit_code == 0
    assert sorted(p.name for p in work.iterdir()) == ["content", "site"]


def test_two_builds_into_one_folder_take_turns(work: Path) -> None:
    site = work / "site"
    first, second = _start_build(work), _start_build(work)
    results = [first.communicate(), second.communicate()]
    for process, (_, stderr) in zip((first, second), results, strict=True):
        assert process.returncode == 0, stderr
        _refused(stderr)
    assert (site / MARKER).is_file() and (site / "index.html").is_file()
    assert sorted(p.name for p in work.iterdir()) == ["content", "site"]


# --- the machine's faults --------------------------------------------------------------------


def test_a_full_disk_is_reported_and_the_previous_site_kept(
    work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import cli, publish

    site = work / "site"
    assert build_site(work / "content", site).exit_code == 0
    before = _tree(site)

    def full(folder: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder / MARKER))

    monkeypatch.setattr(publish, "write_marker", full)
    args = ["build", "--content", str(work / "content"), "--site-dir", str(site)]
    code = cli.main([*args, "--config", str(ROOT / "mkdocs.yml")])
    stderr = capsys.readouterr().err
    assert code == 2
    assert "сайт не записан" in stderr and "нет места на диске" in stderr
    _refused(stderr)
    assert _tree(site) == before
    assert sorted(p.name for p in work.iterdir()) == ["content", "site"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of 600 KB (a tmpfs), for the faults a monkeypatch only imitates."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)])
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_real_full_disk_and_a_read_only_one(work: Path, small_disk: Path) -> None:
    site = small_disk / "site"
    site.mkdir()
    (site / MARKER).write_text("", encoding="utf-8")
    (site / "index.html").write_text("previous", encoding="utf-8")
    full = build_site(work / "content", site)
    assert full.exit_code == 2, full.stderr
    assert "нет места на диске" in full.stderr
    _refused(full.stderr)
    assert _tree(site) == {MARKER: b"", "index.html": b"previous"}
    assert sorted(p.name for p in small_disk.iterdir()) == ["site"]
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    read_only = build_site(work / "content", site)
    assert read_only.exit_code == 2
    assert "только для чтения" in read_only.stderr
    _refused(read_only.stderr)


def test_timings_into_a_folder_is_refused_before_the_build(work: Path) -> None:
    result = build_site(work / "content", work / "site", "--timings", str(work))
    assert result.exit_code == 1
    assert "это папка, а нужен файл" in result.stderr and "сайт не собирался" in result.stderr
    _refused(result.stderr)
    assert not (work / "site").exists()
    missing = build_site(work / "content", work / "site", "--timings", str(work / "no" / "t.json"))
    assert missing.exit_code == 1 and "папки" in missing.stderr
    assert not (work / "site").exists()


# --- the top folder's mode and a -previous folder antikor did not write ----------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o755), (0o027, 0o750)])
def test_the_site_folder_gets_the_modes_of_the_umask(work: Path, umask: int, mode: int) -> None:
    """A web server running as another user must read the site: the top folder is not left
    with the private mode of the working folder it was built in."""
    old = os.umask(umask)
    try:
        result = build_site(work / "content", work / "site")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert (work / "site").stat().st_mode & 0o777 == mode
    subfolders = [p for p in (work / "site").iterdir() if p.is_dir()]
    assert subfolders and all(p.stat().st_mode & 0o777 == mode for p in subfolders)


@pytest.mark.parametrize("with_site", [True, False])
def test_a_previous_folder_antikor_did_not_write_is_left_alone(work: Path, with_site: bool) -> None:
    site = work / "site"
    if with_site:
        assert build_site(work / "content", site).exit_code == 0
    before = _tree(site) if with_site else {}
    foreign = work / ".site-previous"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"precious")
    result = build_site(work / "content", site)
    assert result.exit_code == 1
    _refused(result.stderr)
    assert "прежний сайт восстановлен" not in result.stderr
    assert f"{foreign}: в ней не сайт antikor" in result.stderr
    assert _tree(foreign) == {"thesis.docx": b"precious"}
    assert (_tree(site) if site.exists() else {}) == before
    expected = [".site-previous", "content", *(["site"] if with_site else [])]
    assert sorted(p.name for p in work.iterdir()) == expected


def test_a_previous_symlink_is_left_alone(work: Path) -> None:
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "thesis.docx").write_bytes(b"precious")
    (work / ".site-previous").symlink_to(elsewhere)
    site = work / "site"
    result = build_site(work / "content", site)
    assert result.exit_code == 1
    _refused(result.stderr)
    assert "это не папка" in result.stderr
    assert (work / ".site-previous").is_symlink()
    assert _tree(elsewhere) == {"thesis.docx": b"precious"}
