"""Russian wording for the messages of :mod:`argparse`.

argparse looks its messages up through :func:`gettext.gettext` at the moment it prints them, and
the package ships no Russian catalogue, so a clerk who mistypes a command would otherwise be
answered in English. :func:`install` points argparse's lookup at this table; a message the table
does not know is printed as argparse wrote it.
"""

from __future__ import annotations

import argparse
import gettext
from typing import Final

MESSAGES: Final[dict[str, str]] = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "argument %(argument_name)s: %(message)s": "параметр %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "непонятные аргументы: %s",
    "the following arguments are required: %s": "не хватает обязательных аргументов: %s",
    "one of the arguments %s is required": "нужен один из параметров: %s",
    "not allowed with argument %s": "нельзя указывать вместе с %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "expected one argument": "нужно одно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "expected at least one argument": "нужно хотя бы одно значение",
    "ambiguous option: %(option)s could match %(matches)s": (
        "неоднозначный параметр: %(option)s может означать %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": "недопустимое значение: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "неизвестное значение %(value)r (возможны: %(choices)s)"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
}


def _translate(message: str) -> str:
    return MESSAGES.get(message, message)


def _translate_plural(singular: str, plural: str, n: int) -> str:
    return gettext.ngettext(singular, plural, n)


def install() -> None:
    """Make argparse print its messages in Russian."""
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _translate_plural  # type: ignore[attr-defined]
