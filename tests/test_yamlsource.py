"""Reading YAML as text with positions, and refusing what must be refused."""

from __future__ import annotations

import re
import tracemalloc

import pytest

from generator.diagnostics import ContentError, Position
from generator.yamlsource import decode, parse


def test_scalars_stay_text() -> None:
    doc = parse("number: 1.10\nother: 1.1\nflag: no\nyear: 2024\nempty:\n")
    assert doc.data == {
        "number": "1.10",
        "other": "1.1",
        "flag": "no",
        "year": "2024",
        "empty": None,
    }


def test_positions_of_values_and_keys() -> None:
    doc = parse("a:\n  - x: 1\n    y: |\n      line one\n      line two\n")
    assert doc.position(("a", 0, "x")) == Position(2, 8)
    assert doc.key_position(("a", 0, "y")) == Position(3, 5)
    # Inside a "|" block each line of the value is a line of the file.
    assert doc.text_position(("a", 0, "y"), len("line one\nline ")) == Position(5, 12)


def test_missing_path_falls_back_to_nearest_ancestor() -> None:
    doc = parse("a:\n  b: 1\n")
    assert doc.position(("a", "c", 3)) == Position(2, 3)


def test_alias_bomb_is_refused_with_bounded_memory() -> None:
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert len(bomb.encode()) < 400
    tracemalloc.start()
    with pytest.raises(ContentError) as caught:
        parse(bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert caught.value.code == "E007"
    assert peak < 1_000_000


def test_bom_is_tolerated_and_crlf_is_fine() -> None:
    text = decode(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    assert parse(text).data == {"a": "1", "b": "2"}


def test_cp1251_is_named() -> None:
    with pytest.raises(ContentError) as caught:
        decode("title: Отчет\n".encode("cp1251"))
    assert caught.value.code == "E002"
    assert "Windows-1251" in str(caught.value.values["guess"])
    assert caught.value.position == Position(1, 8)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "E003"),
        ("# only a comment\n", "E003"),
        ("a: 1\na: 2\n", "E006"),
        ("a: !!python/name:os.system x\n", "E008"),
        ("a: *nowhere\n", "E007"),
        ("a: 1\n---\nb: 2\n", "E009"),
        ("? [a]\n: b\n", "E010"),
        ("a:\n\tb: 1\n", "E005"),
        ("a: b: c\n", "E004"),
    ],
)
def test_faults(text: str, code: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse(text)
    assert caught.value.code == code


# Every problem text libyaml 0.2 reports (scanner, parser, reader, and the composer of PyYAML's
# CParser): a clerk must never read one of them in English.
LIBYAML_PROBLEMS = [
    "block sequence entries are not allowed in this context",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
    "control characters are not allowed",
    "could not find expected ':'",
    "could not find expected directive name",
    "did not find URI escaped octet",
    "did not find expected '!'",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "did not find expected '-' indicator",
    "did not find expected <document start>",
    "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break",
    "did not find expected digit or '.' character",
    "did not find expected hexdecimal number",
    "did not find expected key",
    "did not find expected node content",
    "did not find expected tag URI",
    "did not find expected version number",
    "did not find expected whitespace",
    "did not find expected whitespace or line break",
    "did not find the expected '>'",
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
    "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet",
    "found an indentation indicator equal to 0",
    "found character that cannot start any token",
    "found duplicate %TAG directive",
    "found duplicate %YAML directive",
    "found duplicate anchor; first occurrence",
    "found extremely long version number",
    "found incompatible YAML document",
    "found invalid Unicode character escape code",
    "found undefined alias",
    "found undefined tag handle",
    "found unexpected ':'",
    "found unexpected document indicator",
    "found unexpected end of stream",
    "found unexpected non-alphabetical character",
    "found unknown directive name",
    "found unknown escape character",
    "incomplete UTF-16 character",
    "incomplete UTF-16 surrogate pair",
    "incomplete UTF-8 octet sequence",
    "invalid Unicode character",
    "invalid leading UTF-8 octet",
    "invalid length of a UTF-8 sequence",
    "invalid trailing UTF-8 octet",
    "unexpected low surrogate area",
    "expected <block end>, but found '<block mapping start>'",
]


@pytest.mark.parametrize("problem", LIBYAML_PROBLEMS)
def test_every_libyaml_problem_is_said_in_russian(problem: str) -> None:
    from generator.yamlsource import _UNKNOWN, translate_problem

    what, advice = translate_problem(problem)
    assert (what, advice) != _UNKNOWN
    assert not re.search(r"[A-Za-z]{3,}", what.replace("YAML", "").replace("PDF", ""))


def test_an_unknown_problem_is_not_shown_in_english() -> None:
    from generator.yamlsource import translate_problem

    what, _advice = translate_problem("something new in a later libyaml")
    assert what == "непонятная конструкция"
