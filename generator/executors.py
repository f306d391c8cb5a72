"""Executors as plans print them, made comparable: one office printed three ways is one
executor to the search filter and to the roll-up per executor."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "'": '"', "’": '"'})
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "−": "-"})


def tidy(name: str) -> str:
    """The printed name with its spacing made regular and stray end punctuation dropped."""
    text = unicodedata.normalize("NFC", name).replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().strip(" ,;.:")
    text = re.sub(r" ([,;])", r"\1", text)
    return re.sub(r"\s*-\s*", lambda m: "-" if m.group(0) == "-" else " - ", text)


def executor_key(name: str) -> str:
    """What makes two printed executor names the same executor: case, spacing, ё/е, kind of
    quotes and dashes, and trailing punctuation do not count."""
    text = tidy(name).translate(_QUOTES).translate(_DASHES).casefold().replace("ё", "е")
    return re.sub(r"\s*-\s*", "-", text)


def executor_labels(names: Iterable[str]) -> dict[str, str]:
    """For every executor key, the label its filter shows: the form printed most often, ties
    going to a capitalised form, then to the first in alphabetical order."""
    variants: dict[str, Counter[str]] = {}
    for name in names:
        printed = tidy(name)
        if printed:
            variants.setdefault(executor_key(name), Counter())[printed] += 1
    return {
        key: min(counts, key=lambda v: (-counts[v], not v[:1].isupper(), v))
        for key, counts in variants.items()
    }
