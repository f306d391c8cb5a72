"""Turning pydantic's validation errors into positioned Russian diagnostics."""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostics, Position
from generator.models import describe
from generator.yamlsource import Document, PathKey

_RECEIVED_CODES = {
    "model_type": "E103",
    "dict_type": "E103",
    "model_attributes_type": "E103",
    "list_type": "E104",
    "string_type": "E105",
}


def report_validation_error(
    error: ValidationError,
    root: Any,
    document: Document,
    path: Path,
    diagnostics: Diagnostics,
) -> None:
    """Add one diagnostic per pydantic error, placed at the value (or key) it concerns."""
    seen: set[tuple[str, PathKey]] = set()
    for item in error.errors(include_url=False):
        loc: PathKey = tuple(item["loc"])
        kind: str = item["type"]
        ctx: dict[str, Any] = dict(item.get("ctx") or {})
        field = str(loc[-1]) if loc and isinstance(loc[-1], str) else _parent_field(loc)
        code, position, values = _translate(
            kind, loc, ctx, item.get("input"), field, root, document
        )
        if (code, loc) in seen:
            continue
        seen.add((code, loc))
        diagnostics.add(code, path, position, **values)


def _parent_field(loc: PathKey) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "значение"


def _translate(
    kind: str,
    loc: PathKey,
    ctx: dict[str, Any],
    received: Any,
    field: str,
    root: Any,
    document: Document,
) -> tuple[str, Position, dict[str, Any]]:
    if kind == "missing":
        return "E101", document.position(loc[:-1]), {"field": field}
    if kind == "extra_forbidden":
        return (
            "E102",
            document.key_position(loc),
            {"field": field, "suggestion": _suggest_field(root, loc)},
        )
    position = document.position(loc)
    if kind in _RECEIVED_CODES or kind == "E105":
        if received is None:
            return "E109", position, {"field": field}
        return _RECEIVED_CODES.get(kind, "E105"), position, {"received": describe(received)}
    if kind == "too_short":
        return "E108", position, {"field": field}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "E106", position, {"value": received}
    if kind == "E109":
        return "E109", position, {"field": field}
    if kind.startswith("E") and kind[1:].isdigit():
        if "offset" in ctx:  # a fault inside a text: point at the character itself
            position = document.text_position(loc, int(ctx.pop("offset")))
        return kind, position, ctx
    return "E119", position, {"detail": ctx.get("error", kind)}


def _suggest_field(root: Any, loc: PathKey) -> str:
    names = _field_names(root, loc[:-1])
    if not names:
        return "уберите это поле"
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    if close:
        return f"возможно, имелось в виду «{close[0]}»"
    return "допустимые поля: " + ", ".join(names)


def _field_names(annotation: Any, loc: PathKey) -> list[str]:
    """The keys allowed by the model found at ``loc`` inside ``annotation``."""
    current = annotation
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            fields = current.model_fields
            match = next(
                (f for name, f in fields.items() if (f.alias or name) == part),
                None,
            )
            current = match.annotation if match else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional to reach the model or list type."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) == 1:
                annotation = options[0]
                continue
        return annotation
