"""The documentation keeps up with the code: every code, option and field is documented."""

from __future__ import annotations

import re
from pathlib import Path

from generator.codes import CATALOGUE
from tests.conftest import ROOT

SOURCES = [p for p in (ROOT / "generator").rglob("*.py") if p.name != "codes.py"]


def test_every_code_is_documented_and_every_documented_code_exists() -> None:
    documented = set(re.findall(r"^### ([EWN]\d{3})$", (ROOT / "docs/errors.md").read_text(), re.M))
    assert documented == set(CATALOGUE)


def test_every_code_is_used_by_the_generator() -> None:
    code_text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    unused = [code for code in CATALOGUE if f'"{code}"' not in code_text]
    assert unused == []


def test_every_code_but_the_fallbacks_has_a_bad_input_case() -> None:
    produced = set()
    for expected in (ROOT / "tests/cases").glob("*/expected.txt"):
        produced |= set(re.findall(r" ([EWN]\d{3}):", expected.read_text(encoding="utf-8")))
    # E001 (unreadable folder) is covered in test_cli; E119 is the fallback for the unforeseen.
    assert set(CATALOGUE) - produced == {"E001", "E119"}


def _fields(model: type, seen: set[type] | None = None) -> set[str]:
    """Every key a model accepts, through nested models (Section nests in itself)."""
    from pydantic import BaseModel

    seen = seen if seen is not None else set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        names.add(info.alias or name)
        for arg in _flatten(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in seen:
                names |= _fields(arg, seen)
    return names


def _flatten(annotation: object) -> list[object]:
    import typing

    args = typing.get_args(annotation)
    return [annotation, *[a for arg in args for a in _flatten(arg)]]


def test_every_content_field_is_documented() -> None:
    from generator.models import Act, PageMeta, Plan, Report, Site

    text = (ROOT / "docs/content.md").read_text(encoding="utf-8")
    documented = {part for name in re.findall(r"`([a-z_.]+)`", text) for part in name.split(".")}
    fields = set().union(*(_fields(m) for m in (Site, Plan, Report, Act, PageMeta)))
    assert fields - documented == set()


def test_every_status_is_documented() -> None:
    from generator.models import STATUS_LABELS

    text = (ROOT / "docs/content.md").read_text(encoding="utf-8")
    for status, labels in STATUS_LABELS.items():
        assert f"| `{status.value}` | {labels['ru']} | {labels['uk']} |" in text


def _commands() -> dict[str, list[str]]:
    """Every subcommand of the command line with its long options."""
    import argparse

    from generator.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name: sorted(
            option
            for action in command._actions
            for option in action.option_strings
            if option.startswith("--") and option != "--help"
        )
        for name, command in sub.choices.items()
    }


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"{name} {option}"
        for name, options in _commands().items()
        for option in ["", *options]
        if (option and option not in readme) or f"antikor {name}" not in readme
    ]
    assert missing == []


def test_the_readme_commands_run(tmp_path: Path) -> None:
    from tests.conftest import run_antikor

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\.venv/bin/antikor (validate .*)$", readme, re.M)
    commands += re.findall(r"`\.venv/bin/antikor (build --content examples/[^`]+)`", readme)
    assert commands
    for command in commands:
        args = command.split()
        if "--site-dir" in args:
            args[args.index("--site-dir") + 1] = str(tmp_path / "site")
        result = run_antikor(*args)
        assert result.exit_code == 0, f"{command}: {result.stderr}"
