"""Red team: the file system as a way in. A hostile or careless content editor, or a mistaken
``--site-dir``, tries to publish the build machine's files, hang or blow up the build, or make it
delete what it must not. Every attempt must end in a positioned Russian message (exit 1), a
refusal that touches nothing, or a harmless site, never a traceback, a hang or a leak."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from bs4 import BeautifulSoup

from generator.diagnostics import Diagnostics, Severity
from generator.pipeline import load_content
from tests.conftest import FIXTURES, build_site, run_antikor

PLAN = Path("plans") / "2021-2024.yaml"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def _validate(root: Path) -> Diagnostics:
    return load_content(root)[1]


def _codes(diagnostics: Diagnostics) -> list[tuple[str, str]]:
    """(code, file relative to the content folder) of every error and warning, in order.

    Notes (deadlines the parser cannot read, say) are left out: they say nothing of paths."""
    result = []
    for d in diagnostics:
        if d.severity is Severity.NOTE:
            continue
        try:
            where = d.path.relative_to(d.path.anchor).as_posix()
        except ValueError:
            where = str(d.path)
        result.append((d.code, where.rsplit("content/", 1)[-1]))
    return result


def _set_plan_file(root: Path, value: str) -> None:
    plan = root / PLAN
    text = plan.read_text(encoding="utf-8")
    assert "file: files/plan.pdf" in text
    plan.write_text(text.replace("file: files/plan.pdf", f"file: {value}"), encoding="utf-8")


# --- paths written in the content ---------------------------------------------------------------

OUTSIDE_PATHS = [
    "../../etc/passwd",
    "files/../../etc/passwd",
    "files/" + "../" * 40 + "etc/passwd",
    "/etc/passwd",
    "//etc/passwd",
    "'\\\\etc\\\\passwd'",
    "'files\\..\\..\\etc\\passwd'",
    "'C:\\Windows\\win.ini'",
    "c:/boot.ini",
    "../../../../../../../../../../proc/self/environ",
    "files/../../ещё/файл.pdf",
    "./../content/files/plan.pdf",
]


@pytest.mark.parametrize("value", OUTSIDE_PATHS)
def test_a_path_out_of_the_content_folder_is_refused_at_its_line(content: Path, value: str) -> None:
    _set_plan_file(content, value)
    diagnostics = _validate(content)
    found = [d for d in diagnostics if d.code == "E211"]
    assert len(found) == 1, diagnostics.report()
    assert found[0].position is not None and found[0].position.line == 7


NOT_ATTACHMENTS = [
    "site.yaml",
    "plans/2021-2024.yaml",
    "files/./../site.yaml",
    "file:///etc/passwd",
    "~/.ssh/id_rsa",
    "'%2e%2e/%2e%2e/etc/passwd'",
    "FILES/plan.pdf",
    "files/",
]


@pytest.mark.parametrize("value", NOT_ATTACHMENTS)
def test_a_path_outside_files_is_not_an_attachment(content: Path, value: str) -> None:
    _set_plan_file(content, value)
    assert [d.code for d in _validate(content) if d.code.startswith("E")] == ["E212"]


@pytest.mark.parametrize(
    "value",
    [
        "files/Plan.pdf",  # case tricks: the lookup is exact, as on the web server
        "files/plan.PDF",
        "files/%2e%2e/plan.pdf",
        "files/" + "а" * 3000 + ".pdf",
        "files/．．/．．/etc/passwd",  # full-width dots are letters, not a way up
    ],
)
def test_a_name_that_is_not_a_published_file_is_not_found(content: Path, value: str) -> None:
    _set_plan_file(content, value)
    assert [d.code for d in _validate(content) if d.code.startswith("E")] == ["E209"]


def test_the_message_does_not_tell_whether_an_outside_path_exists(
    content: Path, tmp_path: Path
) -> None:
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    messages = []
    for name in ("secret.pdf", "no-such-secret.pdf"):
        _set_plan_file(content, f"../{name}")
        found = [d for d in _validate(content) if d.code.startswith("E")]
        messages.append([(d.code, d.position, d.message.replace(name, "…")) for d in found])
        shutil.copy(FIXTURES / "minimal" / PLAN, content / PLAN)
    assert messages[0] == messages[1]
    links = []
    for name in ("secret.pdf", "no-such-secret.pdf"):
        (content / "files" / "link.pdf").unlink(missing_ok=True)
        (content / "files" / "link.pdf").symlink_to(tmp_path / name)
        links.append(_codes(_validate(content)))
    assert links[0] == links[1] == [("E014", "files/link.pdf")]


def test_a_local_link_in_a_result_is_held_to_the_same_rule(content: Path) -> None:
    report = content / "reports" / "2024.yaml"
    text = report.read_text(encoding="utf-8")
    assert "url: files/plan.pdf}" in text
    report.write_text(text.replace("url: files/plan.pdf}", "url: ../../etc/passwd}"), "utf-8")
    assert [d.code for d in _validate(content) if d.code.startswith("E")] == ["E211"]


# --- links, pipes and loops on the disk ---------------------------------------------------------


def test_a_chain_of_links_that_ends_outside_is_refused_link_by_link(
    content: Path, tmp_path: Path
) -> None:
    files = content / "files"
    (files / "a.pdf").symlink_to("b.pdf")
    (files / "b.pdf").symlink_to("../../outside.pdf")  # relative, and it does not even exist
    (files / "c.pdf").symlink_to(tmp_path / "content" / ".." / "x.pdf")
    found = _codes(_validate(content))
    assert found == [("E014", f"files/{n}.pdf") for n in "abc"]


def test_links_that_stay_inside_are_followed(content: Path) -> None:
    files = content / "files"
    (files / "same.pdf").symlink_to("plan.pdf")
    (files / "absolute.pdf").symlink_to(files / "plan.pdf")
    loaded, diagnostics = load_content(content)
    assert loaded is not None, diagnostics.report()
    assert set(loaded.attachments) >= {"files/same.pdf", "files/absolute.pdf"}
    assert loaded.attachments["files/same.pdf"] == (files / "plan.pdf").resolve()


def test_the_content_folder_given_through_a_link_still_counts_as_inside(
    content: Path, tmp_path: Path
) -> None:
    (tmp_path / "via").symlink_to(content)
    (content / "files" / "same.pdf").symlink_to(content / "files" / "plan.pdf")
    loaded, diagnostics = load_content(tmp_path / "via")
    assert loaded is not None, diagnostics.report()


@pytest.mark.parametrize(
    ("name", "target", "code"),
    [
        ("files", "/etc", "E014"),
        ("plans/2021-2024.yaml", "/etc/hostname", "E014"),
        ("site.yaml", "/etc/hostname", "E014"),
        ("acts.yaml", "acts.yaml", "E015"),
        ("pages/feedback.md", "../../../../../../../../../../etc/passwd", "E014"),
        ("pages/self.md", "self.md", "E015"),
        ("reports", "plans", "E015"),
    ],
)
def test_a_link_in_place_of_content_is_refused(
    content: Path, name: str, target: str, code: str
) -> None:
    path = content / name
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    path.symlink_to(target)
    loaded, diagnostics = load_content(content)
    assert loaded is None
    assert (code, name) in _codes(diagnostics)


def test_many_loops_end_quickly(content: Path) -> None:
    """Two loops made the old walk run forever; fifty are fifty errors."""
    for i in range(50):
        (content / "files" / f"loop{i}").symlink_to("." if i % 2 else "..")
    found = _codes(_validate(content))
    assert len(found) == 50 and {code for code, _ in found} == {"E015"}


def test_a_deep_real_tree_of_attachments_is_walked_without_recursion(content: Path) -> None:
    folder = content / "files"
    for _ in range(300):
        folder = folder / "d"
    folder.mkdir(parents=True)
    (folder / "deep.pdf").write_bytes(b"%PDF-1.4")
    loaded, diagnostics = load_content(content)
    assert loaded is not None, diagnostics.report()
    assert "files/" + "d/" * 300 + "deep.pdf" in loaded.attachments


@pytest.mark.parametrize(
    "name", ["site.yaml", "acts.yaml", "plans/2025.yaml", "reports/2024.yaml", "pages/feedback.md"]
)
def test_a_pipe_in_place_of_a_file_is_an_error_not_a_hang(content: Path, name: str) -> None:
    (content / name).unlink(missing_ok=True)
    os.mkfifo(content / name)
    result = run_antikor("validate", "--content", str(content))
    assert result.exit_code == 1
    assert f"{name}: ошибка E013: это именованный канал (FIFO)" in result.stderr


def test_a_socket_and_a_folder_in_place_of_files(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = socket.socket(socket.AF_UNIX)
    monkeypatch.chdir(content / "files")  # a socket's path must be short
    server.bind("socket.pdf")
    (content / "site.yaml").unlink()
    (content / "site.yaml").mkdir()
    try:
        found = {(d.code, d.message.split(",")[0]) for d in _validate(content)}
    finally:
        server.close()
    assert ("E013", "это сокет") in found
    assert ("E013", "это папка") in found


def test_a_hard_link_is_a_file_of_the_content_folder(content: Path, tmp_path: Path) -> None:
    """A hard link cannot be told from the file: the editor who made it put the file in the
    content folder, and it is published like any other (docs/security.md says so)."""
    outside = tmp_path / "elsewhere.pdf"
    outside.write_bytes(b"%PDF-1.4 shared")
    os.link(outside, content / "files" / "shared.pdf")
    loaded, _ = load_content(content)
    assert loaded is not None and "files/shared.pdf" in loaded.attachments


# --- what the site publishes -------------------------------------------------------------------

TRICKY_NAMES = [
    "План № 1.pdf",
    "a b#c?d.pdf",
    "100%.pdf",
    "a&b;c=d.pdf",
    "кавычки «» 'и' \"эти\" <теги>.pdf",
    "x" * 200 + ".pdf",
]


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    work = tmp_path_factory.mktemp("tricky")
    root = work / "content"
    shutil.copytree(FIXTURES / "minimal", root)
    files = root / "files"
    for i, name in enumerate(TRICKY_NAMES):
        (files / name).write_bytes(b"%PDF-1.4 attachment " + str(i).encode())
    for name in ("evil.html", "evil.svg", "page.md", "index.html", "x.PDF", "y.pdf.html"):
        (files / name).write_text("<script>alert(1)</script>", encoding="utf-8")
    (files / "loop").symlink_to(".")
    acts = root / "acts.yaml"
    entries = "".join(
        f"- level: municipal\n  act: распоряжение\n  date: 2024-01-{i + 10}\n  number: {i}-р\n"
        f"  title: Акт {i}\n  file: {_yaml_quote('files/' + name)}\n"
        for i, name in enumerate(TRICKY_NAMES)
    )
    acts.write_text(acts.read_text(encoding="utf-8") + entries, encoding="utf-8")
    (files / "loop").unlink()  # the loop is tested below; here the build must succeed
    site = work / "site"
    result = build_site(root, site)
    assert result.exit_code == 0, result.stderr
    yield root, site


def _yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_attachment_links_are_percent_encoded_and_lead_to_the_file(
    tricky_site: tuple[Path, Path],
) -> None:
    _, site = tricky_site
    hrefs = []
    for page in site.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs += [(page, a["href"]) for a in soup.select("a[href*='files/']")]
    for name in TRICKY_NAMES:
        expected = quote(f"files/{name}")
        matching = [(page, href) for page, href in hrefs if href.endswith(expected)]
        assert matching, name
        for page, href in matching:
            target = (page.parent / href).resolve()
            assert "#" not in href and "?" not in href and " " not in href
            assert Path(unquote(str(target))).is_file(), href


def test_only_open_formats_are_published_and_nothing_is_rendered(
    tricky_site: tuple[Path, Path],
) -> None:
    _, site = tricky_site
    published = sorted(p.name for p in (site / "files").iterdir())
    assert "x.PDF" in published
    for refused in ("evil.html", "evil.svg", "page.md", "index.html", "y.pdf.html"):
        assert refused not in published
    assert not (site / "files" / "page").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".svg"):
            assert "alert(1)" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_the_compliance_check_follows_every_encoded_link(tricky_site: tuple[Path, Path]) -> None:
    _, site = tricky_site
    result = run_antikor("check", "--site-dir", str(site), "--format", "json")
    assert '"internal-links"' in result.stdout
    rules = {r["id"]: r for r in json.loads(result.stdout)["rules"]}
    assert rules["internal-links"]["passed"], rules["internal-links"]


def test_a_build_with_two_loops_in_files_ends_with_a_message(content: Path, tmp_path: Path) -> None:
    (content / "files" / "loop").symlink_to(".")
    (content / "files" / "loop2").symlink_to("..")
    result = build_site(content, tmp_path / "site")
    assert result.exit_code == 1
    assert "files/loop: ошибка E015" in result.stderr.replace(str(content) + "/", "")
    assert "Traceback" not in result.stderr and "внутренняя ошибка" not in result.stderr
    assert not (tmp_path / "site").exists()


# --- --site-dir tricks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda work: work / "content" / ".." / "content",
        lambda work: work / "content" / "pages" / ".." / "..",
        lambda work: _link(work / "alias", work / "content"),
        lambda work: _link(work / "alias", work / "content" / "files"),
        lambda work: _link(work / "alias", Path("/")),
        lambda work: _link(work / "alias", work),
    ],
    ids=[
        "dot-dot",
        "dot-dot-parent",
        "link-to-content",
        "link-into-content",
        "link-to-root",
        "parent",
    ],
)
def test_site_dir_tricks_never_touch_the_content(content: Path, make: object) -> None:
    work = content.parent
    before = {p: p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}
    assert callable(make)
    target = make(work)
    result = build_site(content, target)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and "внутренняя ошибка" not in result.stderr
    assert {p: p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()} == before


def _link(path: Path, target: Path) -> Path:
    path.symlink_to(target)
    return path


def test_the_lock_is_not_a_file_left_behind(content: Path, tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    assert build_site(content, site).exit_code == 0
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_a_build_never_follows_a_link_in_files_with_mkdocs(content: Path, tmp_path: Path) -> None:
    """MkDocs' own walk of docs_dir follows links; the build must not let it see the content."""
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    (content / "pages" / "private").symlink_to(outside)
    (content / "private").symlink_to(outside)
    result = build_site(content, tmp_path / "site")
    assert result.exit_code == 1
    assert "E014" in result.stderr
    done = subprocess.run(["grep", "-r", "-l", "secret", str(tmp_path)], capture_output=True)
    leaked = [line for line in done.stdout.decode().splitlines() if "/private/" not in line]
    assert leaked == []
