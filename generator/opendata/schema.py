"""The JSON Schemas of the published JSON files, published beside them, so that a consumer's
validator can check a download before loading it."""

from __future__ import annotations

from typing import Any, Final

from generator.models import ActStatus, Level, Status

_TEXT: Final = {"type": "string", "minLength": 1}
_DATE: Final = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_REQUISITE_DATE: Final = {"anyOf": [_DATE, {"enum": ["не указано", "неразборчиво"]}]}
_YEARS: Final = {"type": "string", "pattern": r"^\d{4}(-\d{4})?$"}
_SCHEMA_URI: Final = "https://json-schema.org/draft/2020-12/schema"


def _object(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


_ACT: Final = _object(
    ["act", "date", "number"],
    {
        "act": _TEXT,
        "authority": _TEXT,
        "date": _REQUISITE_DATE,
        "number": _TEXT,
        "title": _TEXT,
        "file": _TEXT,
        "url": _TEXT,
        "note": _TEXT,
        "text": {**_TEXT, "description": "Markdown"},
    },
)
_MEASURE: Final = _object(
    ["key", "number", "text", "executors", "deadline"],
    {
        "key": {**_TEXT, "description": "Ключ мероприятия, на который ссылаются отчеты"},
        "number": _TEXT,
        "id": _TEXT,
        "text": {**_TEXT, "description": "Мероприятие (Markdown)"},
        "executors": {"type": "array", "minItems": 1, "items": _TEXT},
        "deadline": {**_TEXT, "description": "Срок как напечатан; несколько сроков — строками"},
        "expected_result": {**_TEXT, "description": "Ожидаемый результат (Markdown)"},
    },
)

PLAN_SCHEMA: Final[dict[str, Any]] = {
    "$schema": _SCHEMA_URI,
    "title": "План противодействия коррупции (antikor)",
    **_object(
        ["plan", "title", "years", "approved", "sections"],
        {
            "plan": {**_TEXT, "description": "Имя файла плана без .yaml"},
            "title": _TEXT,
            "years": _YEARS,
            "approved": {"$ref": "#/$defs/act"},
            "amendments": {"type": "array", "items": {"$ref": "#/$defs/act"}},
            "sections": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/section"}},
        },
    ),
    "$defs": {
        "act": _ACT,
        "measure": _MEASURE,
        "section": _object(
            ["key", "number", "title"],
            {
                "key": _TEXT,
                "number": _TEXT,
                "id": _TEXT,
                "title": _TEXT,
                "measures": {"type": "array", "items": {"$ref": "#/$defs/measure"}},
                "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
            },
        ),
    },
}

REPORT_SCHEMA: Final[dict[str, Any]] = {
    "$schema": _SCHEMA_URI,
    "title": "Отчет о выполнении плана противодействия коррупции (antikor)",
    **_object(
        ["report", "plan", "title", "period", "date", "results"],
        {
            "report": {**_TEXT, "description": "Имя файла отчета без .yaml"},
            "plan": {**_TEXT, "description": "Имя файла плана без .yaml"},
            "title": _TEXT,
            "period": _object(["from", "to"], {"from": _DATE, "to": _DATE}),
            "date": _REQUISITE_DATE,
            "results": {
                "type": "array",
                "minItems": 1,
                "items": {
                    **_object(
                        [],
                        {
                            "measure": _TEXT,
                            "section": _TEXT,
                            "status": {"enum": [s.value for s in Status]},
                            "text": {**_TEXT, "description": "Информация о выполнении (Markdown)"},
                            "deadline": _TEXT,
                            "completed": _DATE,
                            "links": {
                                "type": "array",
                                "items": _object(["title", "url"], {"title": _TEXT, "url": _TEXT}),
                            },
                        },
                    ),
                    "oneOf": [{"required": ["measure"]}, {"required": ["section"]}],
                },
            },
        },
    ),
}

ACTS_SCHEMA: Final[dict[str, Any]] = {
    "$schema": _SCHEMA_URI,
    "title": "Реестр актов в сфере противодействия коррупции (antikor)",
    **_object(
        ["acts"],
        {
            "acts": {
                "type": "array",
                "items": _object(
                    ["level", "act", "date", "number", "title", "status"],
                    {
                        "level": {"enum": [level.value for level in Level]},
                        "act": _TEXT,
                        "date": _REQUISITE_DATE,
                        "number": _TEXT,
                        "title": _TEXT,
                        "url": _TEXT,
                        "file": _TEXT,
                        "status": {"enum": [status.value for status in ActStatus]},
                        "note": _TEXT,
                    },
                ),
            }
        },
    ),
}
