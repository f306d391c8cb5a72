"""What one build of ``antikor serve`` made, for the next build to take again.

A preview rebuilds the whole site after every saved file, yet a save changes one file: the
other plans and reports, their views, pages and data files come out the same as last time.
Each stage asks a :class:`Reuse` for a value by a name (``("page", url)``) and the inputs it
is made from; the value made last time is taken when every input is the very same object as
last time (or an equal plain value: a string, a number, a date), and made afresh otherwise.

The inputs are what the value is a function of, and nothing else reaches it: a loaded file is
the same object only while its text is the same (:mod:`generator.content` keeps it), a view is
the same only while the files it shows are, a page only while its view, the site's settings and
the templates are. So which pages a saved file touches follows from what each page is made of,
with no separate map to keep in step with the templates; :attr:`Reuse.made` says which were
made afresh by the last build.

A one-off ``antikor build`` passes no :class:`Reuse` and keeps nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from pathlib import PurePath
from typing import TypeVar

T = TypeVar("T")

_PLAIN = (str, int, float, bytes, dt.date, PurePath, type(None))
"""Inputs compared by value: they are small, and two equal ones make the same result."""


def same_inputs(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """Whether a value made from ``old`` is the value ``new`` would make: the very same objects
    (they are frozen), plain values equal, tuples of them alike."""
    if len(old) != len(new):
        return False
    for before, now in zip(old, new, strict=True):
        if before is now:
            continue
        if type(before) is not type(now):
            return False
        if isinstance(now, tuple):
            assert isinstance(before, tuple)
            if not same_inputs(before, now):
                return False
        elif not (isinstance(now, _PLAIN) and before == now):
            return False
    return True


class Reuse:
    """The values of the previous builds by name, each with the inputs it was made from.

    The values and their inputs are held, so an input object is never freed and its place
    taken by another while its value is kept. :meth:`begin` starts a build; :meth:`end` of a
    build that got through forgets the names it did not ask for (a deleted report).
    """

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[tuple[object, ...], object]] = {}
        self._asked: set[Hashable] = set()
        self.made: list[Hashable] = []
        """The names made afresh since :meth:`begin`, in the order they were made."""

    def begin(self) -> None:
        self._asked.clear()
        self.made.clear()

    def end(self) -> None:
        """The build got through: what it did not ask for belongs to files that are gone."""
        for name in self._kept.keys() - self._asked:
            del self._kept[name]

    def take(self, name: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """The value last made under ``name`` if it was made from the same ``inputs``, else
        ``make()``, kept for the next build. ``None`` is never kept: a file that failed to load
        is read again, and its diagnostics said again, by every build until it is fixed."""
        self._asked.add(name)
        kept = self._kept.get(name)
        if kept is not None and same_inputs(kept[0], inputs):
            return kept[1]  # type: ignore[return-value]
        value = make()
        self.made.append(name)
        if value is None:
            self._kept.pop(name, None)
        else:
            self._kept[name] = (inputs, value)
        return value


def take(
    reuse: Reuse | None, name: Hashable, inputs: tuple[object, ...], make: Callable[[], T]
) -> T:
    """:meth:`Reuse.take`, or simply ``make()`` in a build that keeps nothing."""
    return make() if reuse is None else reuse.take(name, inputs, make)
