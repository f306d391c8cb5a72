"""Reading YAML that keeps the position of every value.

Everything is read as text: the composer resolves no implicit types, so ``number: 1.10`` stays
the string ``"1.10"`` and ``no`` stays ``"no"``; the models convert what they need. Positions of
values and keys are kept in a table indexed by the value's path (``("sections", 0, "title")``),
which later stages use to place schema and cross-file diagnostics exactly.

libyaml composes aliases as references to one shared node, so an alias bomb costs no more than
its text; the conversion below refuses a node reached a second time, before anything is
expanded. Duplicate keys are errors rather than silently keeping the last value.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from generator.diagnostics import ContentError, Position
from generator.plaintext import FORBIDDEN_IN_FILE, VERTICAL_TAB, describe_character

PathKey = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Document:
    """Plain data read from one YAML text, with the positions of its values and keys."""

    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    literal_blocks: dict[PathKey, int] = field(default_factory=dict)
    one_line: dict[PathKey, int] = field(default_factory=dict)
    # Values that held vertical tabs, as written: a vertical tab reads as a line feed, but it
    # does not start a new line of the file, so positions are counted in the written text.
    written: dict[PathKey, str] = field(default_factory=dict)

    def position(self, path: PathKey) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def key_position(self, path: PathKey) -> Position:
        return self.keys.get(path) or self.position(path)

    def text_position(self, path: PathKey, offset: int) -> Position:
        """Where character ``offset`` of a scalar's text stands in the file.

        Exact for ``|`` blocks, where each line of the value is a line of the file; for other
        scalars the position of the scalar itself.
        """
        start = self.position(path)
        if path in self.one_line:
            return Position(start.line, start.column + self.one_line[path] + offset)
        indent = self.literal_blocks.get(path)
        value = self.written.get(path) or _get(self.data, path)
        if indent is None or not isinstance(value, str):
            return start
        before = value[:offset]
        line = before.count("\n")
        column = offset - (before.rfind("\n") + 1)
        return Position(start.line + 1 + line, indent + column + 1)


def _get(data: Any, path: PathKey) -> Any:
    for part in path:
        data = data[part]
    return data


def decode(raw: bytes) -> str:
    """Bytes of a content file as text: UTF-8, with an optional BOM; anything else is refused."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentError(
            "E002", Position(1, 1), guess=" (похоже на UTF-16)", byte=f"{raw[0]:02X}"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise ContentError(
            "E002",
            Position(line, column),
            guess=_guess_encoding(raw),
            byte=f"{raw[exc.start]:02X}",
        ) from None
    _refuse_control_characters(text)
    return text


def _refuse_control_characters(text: str) -> None:
    """A control character anywhere in a file is refused where it stands (libyaml would stop
    with no position); the count tells a clerk whether one stray character or a whole file in
    another encoding (UTF-16 without its mark holds a NUL in every other place) is at fault."""
    found = FORBIDDEN_IN_FILE.search(text)
    if found is None:
        return
    offset = found.start()
    line_start = text.rfind("\n", 0, offset) + 1
    total = len(FORBIDDEN_IN_FILE.findall(text))
    raise ContentError(
        "E020",
        Position(text.count("\n", 0, offset) + 1, offset - line_start + 1),
        char=describe_character(found.group(0)),
        total=f" (всего таких символов в файле: {total})" if total > 1 else "",
    )


def _guess_encoding(raw: bytes) -> str:
    text = raw.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if letters and cyrillic / len(letters) > 0.3:
        return " (похоже на Windows-1251)"
    return ""


class _Loader(CParser, BaseResolver):
    """libyaml's scanner, parser and composer, and no implicit types: every scalar is text."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        BaseResolver.__init__(self)


_DEFAULT_TAGS = {
    ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
    SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
    MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
}


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_INDENT = (
    "элементы одного уровня должны начинаться с одной и той же позиции;"
    " проверьте также, закрыты ли кавычки в строках выше"
)
_QUOTE = "заключите значение в кавычки"
_DIRECTIVE = ("директивы YAML («%YAML», «%TAG») не нужны: удалите строку, начинающуюся с «%»",)
_BAD_CHARACTER = (
    "в файле недопустимый символ",
    "удалите невидимые управляющие символы (часто попадают при копировании из PDF)",
)

# Every problem libyaml reports, in Russian: (beginning of libyaml's text, what, how to fix).
_ADVICE: list[tuple[str, str, str]] = [
    (
        "mapping values are not allowed",
        "двоеточие в неожиданном месте",
        "если в тексте значения есть «: », заключите значение в кавычки или используйте «|»;"
        " иначе проверьте отступ этой строки",
    ),
    (
        "block sequence entries are not allowed",
        "«- » в начале значения: YAML читает это как начало списка, а здесь список не ожидается",
        "если текст начинается с «- », заключите его в кавычки или напишите «|» и сам текст"
        " со следующей строки с отступом",
    ),
    (
        "mapping keys are not allowed",
        "«? » в начале значения: YAML читает это как сложный ключ",
        _QUOTE,
    ),
    (
        "could not find expected ':'",
        "ожидалась строка вида «ключ: значение»",
        "проверьте отступы и двоеточие после ключа",
    ),
    (
        "found unexpected end of stream",
        "файл закончился раньше, чем ожидалось",
        "проверьте, что все кавычки и скобки закрыты",
    ),
    ("expected <block end>, but found", "неверный отступ или незакрытая кавычка", _INDENT),
    ("did not find expected key", "неверный отступ или незакрытая кавычка", _INDENT),
    (
        "did not find expected '-' indicator",
        "неверный отступ в списке",
        "элементы списка должны начинаться с «- » на одной и той же позиции",
    ),
    (
        "did not find expected ',' or ']'",
        "список в квадратных скобках не закрыт",
        "закройте «]» или напишите элементы списка строками «- », каждый с новой строки",
    ),
    (
        "did not find expected ',' or '}'",
        "словарь в фигурных скобках не закрыт",
        "закройте «}» или напишите поля строками «ключ: значение»",
    ),
    (
        "found unknown escape character",
        "недопустимая последовательность с «\\» в тексте в двойных кавычках",
        "используйте одинарные кавычки или «|», если в тексте есть обратная косая черта",
    ),
    (
        "found invalid Unicode character escape code",
        "недопустимый код символа после «\\u» в тексте в двойных кавычках",
        "используйте одинарные кавычки или «|», если в тексте есть обратная косая черта",
    ),
    (
        "did not find expected hexdecimal number",
        "после «\\x» или «\\u» в тексте в двойных кавычках ожидались шестнадцатеричные цифры",
        "используйте одинарные кавычки или «|», если в тексте есть обратная косая черта",
    ),
    (
        "did not find expected node content",
        "ожидалось значение",
        "проверьте, что после «- » или «ключ: » есть значение",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "недопустимый символ после «*» или «&»",
        "если значение начинается с «*» или «&», заключите его в кавычки",
    ),
    (
        "expected alphabetic or numeric character",
        "недопустимый символ после «*» или «&»",
        "если значение начинается с «*» или «&», заключите его в кавычки",
    ),
    (
        "found character that cannot start any token",
        "значение начинается с недопустимого символа («@», «`» и подобных)",
        _QUOTE,
    ),
    (
        "found unexpected ':'",
        "двоеточие в неожиданном месте",
        "заключите значение с двоеточием в кавычки",
    ),
    (
        "found unexpected document indicator",
        "строка «---» или «...» внутри текста в кавычках",
        "используйте «|» для многострочного текста",
    ),
    (
        "did not find expected comment or line break",
        "после значения на той же строке лишний текст",
        "заключите всё значение в кавычки или перенесите лишнее на отдельную строку",
    ),
    (
        "found a tab character",
        "символ табуляции в отступе",
        "замените табуляцию пробелами (по два на уровень вложенности)",
    ),
    (
        "found an indentation indicator equal to 0",
        "после «|» или «>» стоит 0: отступ блока не может быть нулевым",
        "уберите цифру после «|» или «>»",
    ),
    (
        "did not find expected whitespace or line break",
        "после «|» или «>» на той же строке лишний текст",
        "оставьте «|» в конце строки, а текст начните со следующей строки с отступом",
    ),
    (
        "did not find expected whitespace",
        "после «!» или «%» ожидался пробел",
        _QUOTE,
    ),
    (
        "did not find the expected '>'",
        "тег «!<…>» не закрыт",
        "уберите тег или заключите значение в кавычки",
    ),
    ("did not find expected tag URI", "неверный тег YAML («!…»)", "уберите тег или " + _QUOTE),
    ("did not find URI escaped octet", "неверный тег YAML («!…»)", "уберите тег или " + _QUOTE),
    ("did not find expected '!'", "неверный тег YAML («!…»)", "уберите тег или " + _QUOTE),
    ("found undefined tag handle", "неверный тег YAML («!…»)", "уберите тег или " + _QUOTE),
    (
        "found unexpected non-alphabetical character",
        "неверный тег YAML («!…»)",
        "уберите тег или " + _QUOTE,
    ),
    (
        "found undefined alias",
        "ссылка «*имя» на несуществующий якорь",
        "если значение начинается с «*», заключите его в кавычки",
    ),
    (
        "found duplicate anchor",
        "якорь «&имя» повторяется",
        "если значение начинается с «&», заключите его в кавычки",
    ),
    ("could not find expected directive name", "неверная директива YAML", *_DIRECTIVE),
    ("found unknown directive name", "неизвестная директива YAML", *_DIRECTIVE),
    ("found duplicate %", "директива YAML повторяется", *_DIRECTIVE),
    ("found extremely long version number", "неверная директива %YAML", *_DIRECTIVE),
    ("found incompatible YAML document", "неподдерживаемая версия YAML", *_DIRECTIVE),
    ("did not find expected version number", "неверная директива %YAML", *_DIRECTIVE),
    ("did not find expected digit or '.'", "неверная директива %YAML", *_DIRECTIVE),
    (
        "did not find expected <document start>",
        "после директивы или «...» ожидалась строка «---»",
        "уберите строки «%…» и «...»: файл — один документ без разделителей",
    ),
    (
        "expected <document start>",
        "после директивы или «...» ожидалась строка «---»",
        "уберите строки «%…» и «...»: файл — один документ без разделителей",
    ),
    ("control characters are not allowed", *_BAD_CHARACTER),
    ("invalid Unicode character", *_BAD_CHARACTER),
    ("found an incorrect", *_BAD_CHARACTER),
    ("invalid leading UTF-8", *_BAD_CHARACTER),
    ("invalid trailing UTF-8", *_BAD_CHARACTER),
    ("invalid length of a UTF-8", *_BAD_CHARACTER),
    ("incomplete UTF-", *_BAD_CHARACTER),
    ("unexpected low surrogate", *_BAD_CHARACTER),
]
_UNKNOWN = (
    "непонятная конструкция",
    "сравните строку с образцом из документации; значения со спецсимволами заключайте в кавычки",
)


def translate_problem(problem: str) -> tuple[str, str]:
    """libyaml's English problem as (what is wrong, how to fix it) in Russian."""
    for needle, russian, advice in _ADVICE:
        if problem.startswith(needle):
            return russian, advice
    return _UNKNOWN


def parse(text: str) -> Document:
    """Parse one YAML document into plain data (str, list, dict, None) with positions.

    Raises :class:`ContentError` for every fault that makes the file unreadable.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise ContentError("E003", Position(1, 1))
    # libyaml refuses the vertical tab; one character for another keeps every position.
    loader = _Loader(text.replace(VERTICAL_TAB, _LINE_BREAK_MARK))
    try:
        node = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark
        if "single document" in f"{exc.problem} {exc.context}" and mark is not None:
            raise ContentError("E009", _position(mark)) from None
        if "undefined alias" in f"{exc.problem}" and mark is not None:
            raise ContentError("E007", _position(mark)) from None
        raise _syntax_error(exc, text) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    finally:
        loader.dispose()
    if node is None:
        raise ContentError("E003", Position(1, 1))
    document = Document(data=None)
    document.data = _convert(node, (), document, text, set())
    return document


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    position = _position(mark) if mark is not None else None
    if position is not None and ("'\\t'" in (exc.problem or "") or "tab" in (exc.problem or "")):
        return ContentError("E005", position)
    if position is not None:
        lines = text.splitlines()
        for number in (position.line, position.line - 1):
            if 0 < number <= len(lines) and re.match(r"^ *\t", lines[number - 1]):
                return ContentError("E005", Position(number, lines[number - 1].index("\t") + 1))
    problem, advice = translate_problem(exc.problem or "")
    if (exc.problem or "").startswith("could not find expected ':'") and exc.context_mark:
        # A line read as the start of a key that never got its colon: usually a line of a text
        # indented too little, which ended the text. Point at that line, not at the next key.
        position = _position(exc.context_mark)
    under = (exc.problem or "").startswith(_UNDER_INDENTED)
    if under and position is not None and _after_block(text, position.line):
        problem = "строка с недостаточным отступом: текст блока «|» на ней уже закончился"
        advice = (
            "строки текста после «|» должны иметь больший отступ, чем ключ перед «|»;"
            " добавьте пробелы в начале строки"
        )
    return ContentError("E004", position, problem=problem, advice=advice)


_UNDER_INDENTED = ("could not find expected ':'", "did not find expected key")
_BLOCK_HEADER = re.compile(r"(?:^|[:\-]\s)[|>][+-]?\d?[+-]?\s*(?:#.*)?$")


def _after_block(text: str, line: int) -> bool:
    """Whether the nearest line above ``line`` that starts a value is a ``|`` or ``>`` block."""
    lines = text.splitlines()
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    for above in reversed(lines[: line - 1]):
        if not above.strip():
            continue
        if _BLOCK_HEADER.search(above.rstrip()):
            return True
        if len(above) - len(above.lstrip(" ")) <= indent:
            return False
    return False


def _convert(node: Node, path: PathKey, document: Document, text: str, seen: set[int]) -> Any:
    if id(node) in seen:  # an alias: the same node a second time
        raise ContentError("E007", _position(node.start_mark))
    seen.add(id(node))
    if node.tag != _DEFAULT_TAGS[type(node)]:
        raise ContentError("E008", _position(node.start_mark), tag=node.tag)
    document.values[path] = _position(node.start_mark)
    if isinstance(node, ScalarNode):
        plain = not node.style
        if plain and node.value in _NULLS:
            return None
        if node.style == "|":
            document.literal_blocks[path] = _block_indent(node, text)
        elif node.start_mark.line == node.end_mark.line and (plain or node.style in "'\""):
            document.one_line[path] = 0 if plain else 1
        return _line_breaks(node.value, path, document)
    if isinstance(node, SequenceNode):
        return [
            _convert(item, (*path, i), document, text, seen) for i, item in enumerate(node.value)
        ]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise ContentError("E010", _position(key_node.start_mark))
        key = key_node.value.replace(_LINE_BREAK_MARK, VERTICAL_TAB)
        if key in result:
            raise ContentError(
                "E006",
                _position(key_node.start_mark),
                key=key,
                first_line=document.keys[(*path, key)].line,
            )
        document.keys[(*path, key)] = _position(key_node.start_mark)
        result[key] = _convert(value_node, (*path, key), document, text, seen)
    return result


# A noncharacter (reserved for a program's own use, refused in content files) stands for each
# vertical tab while libyaml reads the text.
_LINE_BREAK_MARK = "\ufdd0"


def _line_breaks(value: str, path: PathKey, document: Document) -> str:
    """A vertical tab, written or escaped (``"\\v"``), is a line break in the value."""
    if _LINE_BREAK_MARK not in value and VERTICAL_TAB not in value:
        return value
    written = value.replace(_LINE_BREAK_MARK, VERTICAL_TAB)
    document.written[path] = written
    return written.replace(VERTICAL_TAB, "\n")


def _block_indent(node: ScalarNode, text: str) -> int:
    """The indentation of a ``|`` block's content: the first non-blank line after the header."""
    lines = text.splitlines()
    for line in lines[node.start_mark.line + 1 : node.end_mark.line + 1]:
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 0
