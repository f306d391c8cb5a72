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
    items = error.errors(include_url=False)
    misspelt = _misspelt(items)
    for item in items:
        loc: PathKey = tuple(item["loc"])
        if item["type"] == "missing" and loc in misspelt:
            continue  # the unknown key beside it is this one misspelt: one error says both
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


def _misspelt(items: list[Any]) -> set[PathKey]:
    """Missing keys that an unknown key beside them resembles (``executers`` for
    ``executors``): the unknown key's error names the right spelling."""
    missing: dict[PathKey, list[str]] = {}
    for item in items:
        loc = tuple(item["loc"])
        if item["type"] == "missing" and loc and isinstance(loc[-1], str):
            missing.setdefault(loc[:-1], []).append(loc[-1])
    found: set[PathKey] = set()
    for item in items:
        loc = tuple(item["loc"])
        if item["type"] == "extra_forbidden" and loc[:-1] in missing:
            names = missing[loc[:-1]]
            close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
            if close:
                found.add((*loc[:-1], close[0]))
    return found


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
    empty = kind == "E109" or (kind in (*_RECEIVED_CODES, "E105") and received is None)
    if empty:
        if loc and isinstance(loc[-1], int):  # one empty item of a list: say which
            return "E132", position, {"field": field, "index": loc[-1] + 1}
        return "E109", position, {"field": field}
    if kind in _RECEIVED_CODES or kind == "E105":
        return _RECEIVED_CODES.get(kind, "E105"), position, {"received": describe(received)}
    if kind == "too_short":
        return "E108", position, {"field": field}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "E106", position, {"value": received}
    if kind in ("E131", "E132"):  # a validator's fault in one item of a list: point at it
        return kind, document.position((*loc, int(ctx["index"]) - 1)), ctx
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
