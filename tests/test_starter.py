"""``antikor init``: a new body's section repository that builds at once and says what is
missing."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.compliance.profiles import available_profiles, load_profile
from tests.conftest import CONTENT_DIRS, ROOT, run_antikor

NAME = 'Администрация "Примерного" района: городское поселение'


@pytest.fixture(scope="module")
def section(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A section written by ``init`` and built once (``site/`` inside it)."""
    target = tmp_path_factory.mktemp("init") / "antikor-adm"
    result = run_antikor("init", str(target), "--name", NAME)
    assert result.exit_code == 0, result.stderr
    built = run_antikor("build", cwd=target)
    assert built.exit_code == 0, built.stderr
    return target


def _yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_site_yaml_has_the_name_and_marks_the_other_facts_not_stated(section: Path) -> None:
    site = _yaml(section / "content" / "site.yaml")
    assert isinstance(site, dict)
    assert site["organization"] == {"name": NAME, "address": "не указано"}
    assert site["contacts"] == {"hotline_phone": "не указано"}
    assert site["requirements"] == "federal"


def test_the_new_section_builds_and_check_lists_what_to_fill_in(section: Path) -> None:
    home = BeautifulSoup((section / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert home.select_one("h1").get_text(strip=True) == "Противодействие коррупции"
    check = run_antikor("check", cwd=section)
    assert check.exit_code == 1
    for missing in ("organization.address", "contacts.hotline_phone", "добавьте план"):
        assert missing in check.stdout
    strict = run_antikor("validate", "--strict", cwd=section)
    assert strict.exit_code == 1
    assert "W204" in strict.stderr
    assert "телефон доверия" in strict.stderr


def test_facts_not_yet_filled_in_are_shown_as_such_not_as_links(section: Path) -> None:
    page = section / "site" / "obratnaya-svyaz" / "index.html"
    feedback = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    phone = feedback.select_one('[data-ak-contact="phone"]')
    assert phone is not None
    assert phone.get_text(strip=True) == "не указано в источнике"
    assert feedback.select('a[href^="tel:"]') == []


def test_every_required_subsection_has_a_starter_page_naming_its_basis(tmp_path: Path) -> None:
    from generator.starter import write_starter

    for profile in available_profiles():
        required = {s.key for s in load_profile(profile).subsections if s.required}
        target = tmp_path / profile
        write_starter(target, name="Орган", profile=profile)
        pages = {}
        for page in (target / "content" / "pages").glob("*.md"):
            front, body = page.read_text(encoding="utf-8").split("---\n")[1:3]
            meta = yaml.safe_load(front)
            pages[meta["subsection"]] = body
        # Acts, income data and plans are generated from acts.yaml, site.yaml and plans/.
        assert required - {"acts", "income", "plans"} == set(pages), profile
        for key, body in pages.items():
            assert "Подраздел еще не заполнен." in body, key
            assert re.search(r"\n\nОснование: \S", body), key


def _published_acts() -> dict[tuple[str, str, str, str], str | None]:
    """Every act in the examples' registers, which were checked against the official texts,
    with its link."""
    published = {}
    for folder in CONTENT_DIRS:
        for act in _yaml(folder / "acts.yaml") or []:  # type: ignore[union-attr]
            key = (act["act"], str(act["date"]), str(act["number"]), act["title"])
            published[key] = act.get("url")
    return published


def _check_acts_against_the_examples(acts_file: Path) -> set[str]:
    published = _published_acts()
    acts = _yaml(acts_file)
    assert isinstance(acts, list)
    for act in acts:
        key = (act["act"], str(act["date"]), str(act["number"]), act["title"])
        assert key in published
        assert act["level"] == "federal"
        if "url" in act:
            assert act["url"] == published[key]
    return {str(a["number"]) for a in acts}


def test_federal_acts_have_the_requisites_the_examples_publish(section: Path) -> None:
    numbers = _check_acts_against_the_examples(section / "content" / "acts.yaml")
    assert {"273-ФЗ", "25-ФЗ", "172-ФЗ", "230-ФЗ", "309", "460", "478", "968"} <= numbers


def test_init_refuses_a_folder_with_files_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("заметки", encoding="utf-8")
    refused = run_antikor("init", str(tmp_path), "--name", "Орган")
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"antikor: {tmp_path}: папка не пуста;")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    forced = run_antikor("init", str(tmp_path), "--name", "Орган", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (tmp_path / "content" / "site.yaml").is_file()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "заметки"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--profile", "nosuch"], "nosuch"),
        (["--site-url", "adm.example.ru"], "--site-url: «adm.example.ru» не адрес"),
        (["--name", "  "], "--name: наименование органа не может быть пустым"),
    ],
)
def test_init_rejects_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_antikor("init", str(tmp_path / "new"), "--name", "Орган", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists()


def test_ukrainian_section_with_site_url_and_regional_profile(tmp_path: Path) -> None:
    target = tmp_path / "uk"
    url = "https://adm.example.ua/antikor/"
    result = run_antikor(
        "init", str(target), "--name", "Орган", "--language", "uk", "--profile", "altai",
        "--site-url", url,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert run_antikor("build", cwd=target).exit_code == 0
    home = BeautifulSoup((target / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert home.select_one("html")["lang"] == "uk"
    assert home.select_one("h1").get_text(strip=True) == "Протидія корупції"
    assert home.select_one("link[rel=canonical]")["href"] == url
    snippet = (target / "site" / "antikor-snippet.html").read_text(encoding="utf-8")
    assert url in snippet
    assert "1700-VII" in _check_acts_against_the_examples(target / "content" / "acts.yaml")
    feedback = (target / "content" / "pages" / "feedback.md").read_text(encoding="utf-8")
    assert "Підрозділ ще не заповнено." in feedback
    assert "«Про звернення громадян»" in feedback


def _workflow(section: Path) -> str:
    return (section / ".github" / "workflows" / "antikor.yml").read_text(encoding="utf-8")


def test_ci_pins_the_version_that_wrote_the_section(section: Path) -> None:
    version = metadata.version("antikor")
    gitlab = _yaml(section / ".gitlab-ci.yml")
    github = _yaml(section / ".github" / "workflows" / "antikor.yml")
    assert isinstance(gitlab, dict) and isinstance(github, dict)
    assert gitlab["variables"]["ANTIKOR_VERSION"] == version
    assert github["env"]["ANTIKOR_VERSION"] == version
    assert 'pip install "antikor==${ANTIKOR_VERSION}"' in _workflow(section)
    assert f"antikor=={version}" in (section / "README.md").read_text(encoding="utf-8")


def _check_schema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(command), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _uncomment_rsync(workflow: str) -> str:
    """The workflow as the comment tells a webmaster to enable the rsync job."""
    start = workflow.index("  # rsync:")
    lines = workflow[start:].splitlines()
    enabled = [line.replace("  # ", "  ", 1) for line in lines]
    return workflow[:start] + "\n".join(enabled) + "\n"


def test_workflows_validate_against_their_published_schemas(section: Path, tmp_path: Path) -> None:
    github = section / ".github" / "workflows" / "antikor.yml"
    gitlab = section / ".gitlab-ci.yml"
    assert _check_schema("vendor.github-workflows", github).returncode == 0
    assert _check_schema("vendor.gitlab-ci", gitlab).returncode == 0

    with_rsync = tmp_path / "with-rsync.yml"
    with_rsync.write_text(_uncomment_rsync(github.read_text("utf-8")), encoding="utf-8")
    jobs = _yaml(with_rsync)["jobs"]  # type: ignore[index]
    assert "rsync" in jobs and "rsync -a --delete" in jobs["rsync"]["steps"][-1]["run"]
    assert _check_schema("vendor.github-workflows", with_rsync).returncode == 0
    gitlab_rsync = tmp_path / "gitlab-rsync.yml"
    gitlab_rsync.write_text(gitlab.read_text("utf-8").replace("\n.rsync:", "\nrsync:"), "utf-8")
    assert _check_schema("vendor.gitlab-ci", gitlab_rsync).returncode == 0

    # The check can fail: a job without runs-on is not a workflow.
    broken = tmp_path / "broken.yml"
    broken.write_text(github.read_text("utf-8").replace("runs-on: ubuntu-latest", "runs: x"))
    assert _check_schema("vendor.github-workflows", broken).returncode != 0


def test_github_job_runs_the_commands_the_readme_documents(section: Path) -> None:
    """The build job's antikor commands are the «Новый раздел» publishing commands."""
    github = _yaml(section / ".github" / "workflows" / "antikor.yml")
    steps = github["jobs"]["build"]["steps"]  # type: ignore[index]
    commands = [s["run"] for s in steps if str(s.get("run", "")).startswith("antikor ")]
    assert commands == ["antikor build --strict", "antikor check"]
    gitlab = _yaml(section / ".gitlab-ci.yml")
    assert gitlab["build"]["script"][1:] == commands  # type: ignore[index]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Новый раздел", 1)[1].split("\n## ", 1)[0]
    for command in commands:
        assert re.search(rf"^{re.escape(command)}$", quick_start, re.M), command
    clerk_readme = (section / "README.md").read_text(encoding="utf-8")
    for command in commands:
        assert re.search(rf"^{re.escape(command)}$", clerk_readme, re.M), command


def test_editor_settings_point_at_written_schemas(section: Path) -> None:
    import json

    settings = json.loads((section / ".vscode" / "settings.json").read_text("utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        assert (section / schema).is_file(), schema
        assert all(g.startswith("content/") for g in globs)
    ignored = (section / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/site/" in ignored


def test_init_force_keeps_the_bodys_content_and_settings(tmp_path: Path) -> None:
    """A stub never replaces a filled-in page; what is missing is written, tooling replaced."""
    assert run_antikor("init", str(tmp_path), "--name", "Орган").exit_code == 0
    content = tmp_path / "content"
    own = {
        content / "site.yaml": "name: Администрация поселка\n",
        content / "acts.yaml": "acts: []\n",
        tmp_path / "mkdocs.yml": "site_url: https://adm.example.ru/antikor/\n",
    }
    page = next((content / "pages").glob("*.md"))
    own[page] = "---\ntitle: Заполнено\n---\nНастоящий текст.\n"
    for path, text in own.items():
        path.write_text(text, encoding="utf-8")
    missing = next(p for p in (content / "pages").glob("*.md") if p != page)
    missing.unlink()
    workflow = tmp_path / ".github" / "workflows" / "antikor.yml"
    workflow.write_text("old\n", encoding="utf-8")

    forced = run_antikor("init", str(tmp_path), "--name", "Орган", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert {p: p.read_text(encoding="utf-8") for p in own} == own
    assert "сохранены как есть" in forced.stderr
    for path in own:
        assert f"    {path}\n" in forced.stderr
    assert str(missing) in forced.stdout.splitlines() and missing.is_file()
    assert str(page) not in forced.stdout.splitlines()
    assert workflow.read_text(encoding="utf-8") != "old\n"


def test_init_force_replaces_a_symlink_and_never_writes_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("не трогать\n", encoding="utf-8")
    section = tmp_path / "section"
    section.mkdir()
    (section / ".gitignore").symlink_to(victim)
    forced = run_antikor("init", str(section), "--name", "Орган", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert victim.read_text(encoding="utf-8") == "не трогать\n"
    assert not (section / ".gitignore").is_symlink()
    assert (section / ".gitignore").read_text(encoding="utf-8")


def test_init_force_refuses_a_symlinked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    section = tmp_path / "section"
    section.mkdir()
    (section / ".vscode").symlink_to(outside, target_is_directory=True)
    forced = run_antikor("init", str(section), "--name", "Орган", "--force")
    assert forced.exit_code == 1
    assert "Traceback" not in forced.stderr
    assert f"{section / '.vscode'}: символическая ссылка на месте папки" in forced.stderr
    assert list(outside.iterdir()) == []
