"""JSON Schema (2020-12) of the content files, for editors' autocompletion and hover help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.models import Act, PageMeta, Plan, Report, Site

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, tuple[str, str, type[BaseModel] | TypeAdapter[Any]]] = {
    "site": ("Настройки раздела (site.yaml)", "site.yaml", Site),
    "plan": ("План мероприятий (plans/<имя>.yaml)", "plans/*.yaml", Plan),
    "report": ("Отчет о выполнении плана (reports/<имя>.yaml)", "reports/*.yaml", Report),
    "acts": ("Реестр актов (acts.yaml)", "acts.yaml", TypeAdapter(list[Act])),
    "page": ("Заголовочный блок страницы (pages/<имя>.md)", "pages/*.md", PageMeta),
}


class _Generator(GenerateJsonSchema):
    """An optional field may be left out, but an empty value (``short_name:`` with nothing
    after it) is refused by the loader: the schema does not offer ``null`` either."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])


def build_schema(name: str) -> dict[str, Any]:
    title, _glob, model = SCHEMAS[name]
    if isinstance(model, TypeAdapter):
        schema = model.json_schema(mode="validation", schema_generator=_Generator)
        schema["description"] = "Список нормативных правовых и иных актов раздела"
    else:
        schema = model.model_json_schema(mode="validation", schema_generator=_Generator)
    schema = {"$schema": DIALECT, "$id": f"{name}.schema.json", **schema, "title": title}
    return schema


def schema_text(name: str) -> str:
    """The schema file's text, the same from ``antikor schema`` and ``antikor init``."""
    return json.dumps(build_schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
