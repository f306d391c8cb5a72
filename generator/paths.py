"""What a path in the content folder really is, before anything reads it.

Everything the build reads or publishes goes through :func:`classify`: a symbolic link is
resolved and must stay inside the content folder; a link to a folder or a circle of links is
refused (so no walk of the content can run forever); only regular files are read, so a named
pipe or a device in place of a file is an error rather than a hang. :func:`read_regular` reads
a file without ever blocking on such a thing, even if it is swapped in after the check.

Attachments are published only in open document and image formats a browser will not run.
"""

from __future__ import annotations

import enum
import errno
import os
import posixpath
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote


class Kind(enum.Enum):
    FILE = "file"
    DIR = "dir"
    MISSING = "missing"
    SPECIAL = "special"  # E013: a pipe, socket or device
    OUTSIDE = "outside"  # E014: a link that leads out of the content folder
    LINK_LOOP = "loop"  # E015: a link to a folder, or a circle of links


CODES = {Kind.SPECIAL: "E013", Kind.OUTSIDE: "E014", Kind.LINK_LOOP: "E015"}

ALLOWED_ATTACHMENTS = (
    "pdf", "odt", "ods", "docx", "xlsx", "rtf", "txt", "csv", "png", "jpg", "jpeg", "gif", "webp",
)  # fmt: skip
"""Formats published as downloads. Not HTML, SVG or Markdown: a browser would run or render
them as part of the official site."""


@dataclass(frozen=True)
class Entry:
    """A path as listed and what it leads to: ``real`` is the resolved file for ``FILE`` and
    ``DIR``; ``what`` names a special file in Russian."""

    kind: Kind
    real: Path | None = None
    what: str = ""


def is_inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def classify(path: Path, root: Path) -> Entry:
    """What ``path`` is, with every link resolved against the (resolved) content ``root``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Entry(Kind.MISSING)
    real = path
    if stat.S_ISLNK(info.st_mode):
        try:
            real = Path(os.path.realpath(path, strict=True))
        except OSError as exc:
            # Decide "outside" on the link's text alone: whether an outside path exists on this
            # machine is none of the content's business.
            if not is_inside(Path(os.path.realpath(path)), root):
                return Entry(Kind.OUTSIDE)
            return Entry(Kind.LINK_LOOP if exc.errno == errno.ELOOP else Kind.MISSING)
        if not is_inside(real, root):
            return Entry(Kind.OUTSIDE)
        info = os.stat(real)
        if stat.S_ISDIR(info.st_mode):
            return Entry(Kind.LINK_LOOP)
    if stat.S_ISDIR(info.st_mode):
        return Entry(Kind.DIR, real)
    if stat.S_ISREG(info.st_mode):
        return Entry(Kind.FILE, real)
    return Entry(Kind.SPECIAL, what=_special_name(info.st_mode))


def _special_name(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "именованный канал (FIFO)"
    if stat.S_ISSOCK(mode):
        return "сокет"
    return "устройство"


class NotRegular(OSError):
    """The file turned out not to be a regular file when opened."""


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file. Opened without blocking and checked once open, so a pipe
    that replaced the file since :func:`classify` looked is refused instead of waited on."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(errno.EINVAL, "не обычный файл", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(fd)


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""


def is_publishable_name(name: str) -> bool:
    """No control characters or backslashes: such names break links and server logs."""
    return not any(ord(c) < 32 or c in "\x7f\\" for c in name)


def is_local(url: str) -> bool:
    """A link value with no scheme that is not an anchor or a site path: a file of the content."""
    return not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) and not url.startswith(("#", "/", "\\"))


def attachment_name(reference: str) -> str:
    """The attachment a reference names: backslashes read as slashes, ``.`` and doubled
    slashes dropped (``files/./a.pdf`` is ``files/a.pdf``)."""
    return posixpath.normpath(reference.replace("\\", "/"))


def attachment_href(reference: str) -> str:
    """The attachment's address, percent-encoded: ``#``, ``?``, spaces and Cyrillic letters in a
    file name would otherwise cut the link short or leave it to the browser's guess."""
    return quote(attachment_name(reference), safe="/")
