"""Rendered pages kept on disk between rendering and MkDocs writing them.

The pages are rendered before MkDocs starts (the search index begins from them while MkDocs
writes the site), and MkDocs writes them one by one much later. On a site of 50 plans and 200
reports they are half a gigabyte of text, as much as all the rest of the build holds; kept in an
unnamed temporary file they cost the process no memory, and reading one back when MkDocs writes
it costs less than a hundredth of rendering it. Where the file cannot be made or written, a page
stays in memory as before.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import IO


class Spool:
    """An unnamed temporary file that pages are appended to; the system removes it when the
    last page kept in it is gone, or the process ends, however it ends."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self._end = 0

    @classmethod
    def open(cls) -> Spool | None:
        """A new spool, or ``None`` where no temporary file can be made."""
        try:
            return cls(tempfile.TemporaryFile())
        except OSError:
            return None

    def keep(self, text: str) -> str | Spooled:
        """``text`` written to the file, or ``text`` itself if it cannot be (the disk is full)."""
        data = text.encode("utf-8", "surrogatepass")
        try:
            written = 0
            while written < len(data):
                written += os.pwrite(self._file.fileno(), data[written:], self._end + written)
        except OSError:
            return text
        spooled = Spooled(self, self._end, len(data))
        self._end += len(data)
        return spooled

    def read(self, offset: int, length: int) -> str:
        chunks = []
        done = 0
        while done < length:
            chunk = os.pread(self._file.fileno(), length - done, offset + done)
            if not chunk:
                raise OSError(f"temporary file of the pages ends at {offset + done}")
            chunks.append(chunk)
            done += len(chunk)
        return b"".join(chunks).decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Spooled:
    """A text kept in a :class:`Spool`."""

    spool: Spool
    offset: int
    length: int

    def read(self) -> str:
        return self.spool.read(self.offset, self.length)


def text_of(kept: str | Spooled) -> str:
    return kept if isinstance(kept, str) else kept.read()
