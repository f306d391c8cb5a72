"""Wall time of each build stage, for ``antikor build --timings`` and the benchmarks.

Stages nest: a stage's figure is its own time, without the stages run inside it, so the
figures add up to the whole build. The record is per process and starts afresh with
:func:`reset` (``antikor build`` calls it once per build).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

_record: dict[str, float] = {}
_inner: list[float] = []  # per open stage: time spent in the stages nested in it


def reset() -> None:
    _record.clear()
    _inner.clear()


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Add the time of the block, less its nested stages, to stage ``name``."""
    started = time.perf_counter()
    _inner.append(0.0)
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        nested = _inner.pop()
        _record[name] = _record.get(name, 0.0) + elapsed - nested
        if _inner:
            _inner[-1] += elapsed


def snapshot() -> dict[str, float]:
    """Seconds per stage, in the order the stages first ran."""
    return dict(_record)


def report(figures: dict[str, float]) -> str:
    """The figures as lines for a terminal: ``stage  1.234 с``, then the total."""
    width = max(len(name) for name in [*figures, "всего"])
    lines = [f"{name:<{width}}  {seconds:7.3f} с" for name, seconds in figures.items()]
    lines.append(f"{'всего':<{width}}  {sum(figures.values()):7.3f} с")
    return "\n".join(lines)
