"""The section's address on the server (``--site-url``, ``site_url``), checked before use.

MkDocs accepts any text with a scheme and a host and prints it into every page: the canonical
link, the 404 page's links, Material's ``__md_scope`` script. An address with a quote or an
angle bracket would end the attribute or the script it stands in, so only a plain absolute
http(s) address of a folder is taken.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urlsplit

from generator.plaintext import FORBIDDEN_IN_VALUE

# Characters that URLs never carry unencoded and that end an attribute, a string or a tag.
_UNSAFE = re.compile(r"""["'<>\\`{}|^\s]""")

# One label of a host name: letters (Cyrillic too, as in адм.рф), digits and inner hyphens.
_LABEL = re.compile(r"[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?")

_NOT_AN_ADDRESS = (
    "это не адрес: укажите полный адрес раздела, например https://adm.example.ru/antikor/"
)


def site_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as the section's address, in Russian; None if nothing."""
    bad = _UNSAFE.search(url) or FORBIDDEN_IN_VALUE.search(url)
    if bad:
        char = bad.group(0)
        shown = f"«{char}»" if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
        return (
            f"недопустимый символ {shown}: в адресе не бывает пробелов, кавычек, угловых и"
            " фигурных скобок, обратной косой черты и управляющих символов"
        )
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed or invalid [IPv6] host
        return _NOT_AN_ADDRESS
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "нужен полный адрес http:// или https://, например https://adm.example.ru/antikor/"
    if "@" in parts.netloc:
        return "в адресе раздела не указывают имя пользователя и пароль"
    return _host_problem(parts) or _rest_problem(parts, url)


def _host_problem(parts: SplitResult) -> str | None:
    """A host that is no domain name or IP address, or a port outside 1–65535."""
    host = parts.hostname or ""
    if "[" in parts.netloc:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return f"«{host}» в квадратных скобках — не адрес IPv6"
    elif not all(_LABEL.fullmatch(label) for label in host.removesuffix(".").split(".")):
        return (
            f"«{host}» — не имя сервера: части имени состоят из букв, цифр и дефисов"
            " (дефис не первым и не последним), например adm.example.ru"
        )
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        return "номер порта после двоеточия — число от 1 до 65535, например :8443"
    return None


def _rest_problem(parts: SplitResult, url: str) -> str | None:
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return "адрес раздела не может содержать «?» и «#»"
    return None
