"""``antikor serve``: a clerk's edit shows up in the open page; a broken edit does not stop it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import ROOT

PAGE = "plany-i-otchety/otchety/2024/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _get_bytes(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bytes(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _start_serve(content: Path, port: int, log: IO[str]) -> subprocess.Popen[bytes]:
    """``antikor serve`` of ``content`` on ``port``, printing into ``log``."""
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "generator", "serve"),
            *("--content", str(content), "--dev-addr", f"127.0.0.1:{port}"),
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture
def server(minimal: Path, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = _start_serve(minimal, port, out)
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}"
        _wait_for(lambda: _get(url) is not None, "the server to start")
        yield url, minimal, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_edited_report_is_served_and_a_broken_one_is_reported(
    server: tuple[str, Path, Path],
) -> None:
    url, content, log = server
    report = content / "reports" / "2024.yaml"
    original = report.read_text(encoding="utf-8")
    assert "Проведено четыре заседания" not in (_get(url) or "")

    edited = original.replace("Проведено 5 заседаний", "Проведено четыре заседания")
    assert edited != original
    report.write_text(edited, encoding="utf-8")
    _wait_for(lambda: "Проведено четыре заседания" in (_get(url) or ""), "the edit to show")

    report.write_text(edited + "statuses: []\n", encoding="utf-8")
    _wait_for(lambda: "E102" in log.read_text(encoding="utf-8"), "the diagnostic")
    assert "reports/2024.yaml:" in log.read_text(encoding="utf-8")
    _wait_for(lambda: "ak-build-errors" in (_get(url) or ""), "the errors in the page")
    page = _get(url) or ""
    assert "Проведено четыре заседания" in page  # the last good build, with the errors on top
    assert "ошибка E102: неизвестное поле «statuses»" in page

    report.write_text(edited.replace("четыре заседания", "шесть заседаний"), encoding="utf-8")
    _wait_for(lambda: "Проведено шесть заседаний" in (_get(url) or ""), "the fix to show")
    assert "ak-build-errors" not in (_get(url) or "")
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_the_preview_leaves_out_the_search_index(server: tuple[str, Path, Path]) -> None:
    url, _, _ = server
    root = url.removesuffix(PAGE)
    assert "ak-search" in (_get(root + "poisk/") or "")  # the page is there, the index is not
    assert _get(root + "pagefind/pagefind.js") is None


def test_a_pipe_or_an_outside_link_in_the_content_neither_hangs_nor_leaks(
    server: tuple[str, Path, Path],
) -> None:
    """A named pipe in place of site.yaml is an error, not a request that never returns; a link
    to a file of the machine is never served."""
    url, content, log = server
    root = url[: -len(PAGE)]
    assert _get(f"{root}files/plan.pdf") is not None
    (content / "files" / "plan.pdf").unlink()
    (content / "files" / "plan.pdf").symlink_to("/etc/passwd")
    (content / "files" / "passwd.txt").symlink_to("/etc/passwd")
    (content / "site.yaml").unlink()
    os.mkfifo(content / "site.yaml")
    _wait_for(lambda: "E013" in log.read_text(encoding="utf-8"), "the pipe to be reported")
    _wait_for(lambda: "E014" in log.read_text(encoding="utf-8"), "the links to be reported")
    assert _get(url) is not None  # the last good pages are still served
    assert _get(f"{root}files/passwd.txt") is None
    assert "root:" not in (_get(f"{root}files/plan.pdf") or "")


def _served_pages(root_url: str, site: Path) -> dict[str, str]:
    """Every page a fresh build wrote, as the server serves it (without its live-reload script)."""
    pages = {}
    for page in sorted(site.rglob("index.html")):
        address = page.parent.relative_to(site).as_posix()
        address = "" if address == "." else address + "/"
        if address.startswith("pagefind"):
            continue
        served = _get(root_url + address) or ""
        pages[address] = re.sub(r"<script>\s*var livereload = .*?</script>", "", served, flags=re.S)
    return pages


def test_after_edits_to_a_report_and_the_theme_the_preview_is_a_fresh_build(
    minimal: Path, tmp_path: Path
) -> None:
    """The rebuilds take what the saved file did not change from the previous build; what they
    serve is still what ``antikor build`` makes of the same content and theme."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (tmp_path / "mkdocs.yml").write_text("theme:\n  custom_dir: theme\n", encoding="utf-8")
    port = _free_port()
    root_url = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w")
    process = _start_serve(minimal, port, log)
    try:
        _wait_for(lambda: _get(root_url + PAGE) is not None, "the server to start")
        report = minimal / "reports" / "2024.yaml"
        report.write_text(
            report.read_text("utf-8").replace("Проведено 5 заседаний", "Проведено семь заседаний"),
            encoding="utf-8",
        )
        _wait_for(lambda: "Проведено семь заседаний" in (_get(root_url + PAGE) or ""), "the edit")
        template = theme / "antikor" / "page_report.html"
        template.write_text(
            template.read_text("utf-8") + "<p>Строка из шаблона</p>\n", encoding="utf-8"
        )
        _wait_for(lambda: "Строка из шаблона" in (_get(root_url + PAGE) or ""), "the template")

        site = tmp_path / "site"
        built = subprocess.run(
            [
                *(sys.executable, "-m", "generator", "build", "--content", str(minimal)),
                *("--site-dir", str(site), "--site-url", root_url),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert built.returncode == 0, built.stderr
        served = _served_pages(root_url, site)
        assert served.keys() and all(served.values())
        for address, html in served.items():
            written = (site / address / "index.html").read_text("utf-8")
            assert html == written, address
        data = [p for p in site.rglob("*") if p.suffix in (".csv", ".xlsx", ".json", ".ics")]
        assert any(p.name.startswith("report-") for p in data)
        for path in data:
            if not path.relative_to(site).as_posix().startswith("pagefind/"):
                address = root_url + path.relative_to(site).as_posix()
                assert _get_bytes(address) == path.read_bytes(), address
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
