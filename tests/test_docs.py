"""The documentation keeps up with the code: every code, option and field is documented."""

from __future__ import annotations

import re

from generator.codes import CATALOGUE
from tests.conftest import ROOT

SOURCES = [p for p in (ROOT / "generator").rglob("*.py") if p.name != "codes.py"]


def test_every_code_is_documented_and_every_documented_code_exists() -> None:
    documented = set(re.findall(r"^### ([EW]\d{3})$", (ROOT / "docs/errors.md").read_text(), re.M))
    assert documented == set(CATALOGUE)


def test_every_code_is_used_by_the_generator() -> None:
    code_text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    unused = [code for code in CATALOGUE if f'"{code}"' not in code_text]
    assert unused == []


def test_every_code_but_the_fallbacks_has_a_bad_input_case() -> None:
    produced = set()
    for expected in (ROOT / "tests/cases").glob("*/expected.txt"):
        produced |= set(re.findall(r" ([EW]\d{3}):", expected.read_text(encoding="utf-8")))
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
