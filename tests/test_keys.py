"""Measure keys, as the content format defines them."""

from __future__ import annotations

import pytest

from generator.content import derive_key


@pytest.mark.parametrize(
    ("number", "parent", "explicit", "key"),
    [
        ("2.1.3", "2.1", None, "2.1.3"),  # an inner dot: absolute
        ("1.6.", "1", None, "1.6"),  # trailing dot dropped
        ("1)", "І.1", None, "І.1.1"),  # local: parent key + number
        ("2", "1", None, "1.2"),
        ("1.", "І", None, "І.1"),
        ("І", None, None, "І"),  # a top-level section
        ("5.3", "5", "5.3-2", "5.3-2"),  # an explicit id wins
        ("1.10", "1", None, "1.10"),  # not the same as 1.1
    ],
)
def test_derive_key(number: str, parent: str | None, explicit: str | None, key: str) -> None:
    assert derive_key(number, parent, explicit) == key
