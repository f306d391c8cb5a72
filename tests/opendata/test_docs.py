"""docs/open-data.md names every column and every passport property."""

from __future__ import annotations

from pathlib import Path

from generator.opendata import columns as c
from generator.opendata.passport import PASSPORT_FIELDS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "open-data.md").read_text(encoding="utf-8")


def test_every_column_is_documented() -> None:
    for column in {*c.PLAN_COLUMNS, *c.REPORT_COLUMNS, *c.ACT_COLUMNS}:
        assert f"`{column.name}`" in DOC, column.name
        assert column.title in DOC, column.title


def test_every_passport_property_is_documented() -> None:
    for name, _label in PASSPORT_FIELDS:
        if name not in ("data", "structure"):
            assert f"`{name}`" in DOC, name
