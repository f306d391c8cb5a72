"""What a text value may hold, and how a value is shown in a terminal.

Content is written by clerks who paste from Word, PDF viewers and web pages, and it may be
written by someone who wants script on an official site. Three rules follow, each in one place:

* A content file may not hold control characters (:data:`FORBIDDEN_IN_FILE`): libyaml refuses
  them, browsers treat them as errors, and nobody types them. The one exception is the vertical
  tab, which is how Word writes a line break (Shift+Enter): it is read as a line feed.
* A text value may not hold control characters either (a double-quoted YAML string can write
  them as escapes, ``"\\e"``), nor the invisible characters that reorder the text around them
  (bidirectional overrides and isolates) or break lines where a text has no lines.
* A plain-text value (a title, a name, an address: everything but Markdown fields) may not hold
  HTML: the text is shown as it is written, so markup there is either a paste from a web page or
  an attempt at script. "Markup" is what an HTML parser would act on: ``<`` followed by a Latin
  letter, ``/``, ``!`` or ``?`` (a tag, an end tag, a comment or declaration, a processing
  instruction), and a character reference (``&laquo;``, ``&#171;``, ``&#xAB;``). ``a < b``,
  ``<<Тема>>`` and ``Рога & копыта`` are text.

Diagnostics print values through :func:`visible`, so that a value cannot write terminal escape
sequences or reorder the message it is quoted in.
"""

from __future__ import annotations

import re
from html.entities import html5

VERTICAL_TAB = "\x0b"

# C0 controls but tab, line feed, carriage return and the vertical tab; DEL; C1 controls; the
# noncharacters that Unicode reserves for a program's own use, and those libyaml refuses.
FORBIDDEN_IN_FILE = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")

# In a value: every control character but tab and line feed (escapes can write any of them),
# bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), and the
# line and paragraph separators. Marks that only nudge neutral characters (U+200E, U+200F),
# zero-width joiners and soft hyphens are left: pasted text carries them and they hide nothing.
FORBIDDEN_IN_VALUE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)

_TAG = re.compile(r"<[a-zA-Z/!?][^<>\n]{0,40}>?")
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[a-zA-Z][a-zA-Z0-9]*;)")

_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "BS",
    "\x0b": "VT",
    "\x0c": "FF",
    "\x0d": "CR",
    "\x1b": "ESC",
    "\x7f": "DEL",
    "\x85": "NEL",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}


def describe_character(char: str) -> str:
    """``U+001B (ESC)``: how a clerk can find the character (VS Code shows the code)."""
    name = _NAMES.get(char)
    code = f"U+{ord(char):04X}"
    return f"{code} ({name})" if name else code


def forbidden_in_value(text: str) -> re.Match[str] | None:
    """The first character a text value may not hold, if any."""
    return FORBIDDEN_IN_VALUE.search(text)


def markup_in_plain_text(text: str) -> tuple[int, str, str] | None:
    """The first HTML markup in a plain-text value: (offset, kind, the markup as written), where
    kind is ``"tag"`` or ``"reference"``; None for text."""
    tag = _TAG.search(text)
    reference = next(
        (m for m in _REFERENCE.finditer(text) if _is_reference(m.group(0))),
        None,
    )
    found = [m for m in (tag, reference) if m is not None]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    kind = "tag" if first is tag else "reference"
    return first.start(), kind, first.group(0)


def _is_reference(candidate: str) -> bool:
    """Numeric references always are; a name is one only if HTML knows it (``R&D;`` is text)."""
    return candidate.startswith("&#") or candidate[1:] in html5


def resolve_reference(reference: str) -> str:
    """The character a reference stands for, for the hint that asks to write it instead."""
    import html

    return html.unescape(reference if reference.endswith(";") else reference + ";")


_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff]"
)


def visible(text: str) -> str:
    """``text`` with every control and invisible formatting character written as an escape
    (``\\x1b``, ``\\u202e``), for a terminal or a log: a value quoted in a message must not
    move the cursor, change colours or reorder the line it stands in."""
    return _INVISIBLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
