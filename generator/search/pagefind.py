"""Running Pagefind over a written site: the only part of search that touches disk and processes.

One Pagefind process, in its service mode, indexes the published pages (one directory call) and
every record (sent as HTML with the address of its row), and hands back the index files, which
are made reproducible and written into the site. The requests are written to the process as a
stream and the answers read as they come, so the cost is Pagefind's own; nothing is written to
disk but the index. (Pagefind's Python wrapper
speaks the same protocol but pauses after every answer, which adds minutes over thousands of
records; it is not used.)
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from generator.search.bundle import UnexpectedBundle, make_reproducible, without_unused_wasm
from generator.search.records import EXCLUDED, Record, render_record

log = logging.getLogger("antikor.search")

BUNDLE = "pagefind"
"""The folder under the site root where the index and Pagefind's script are published."""

UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's ready-made interfaces; the section has its own, so these are not published."""

ENV_BINARY = "ANTIKOR_PAGEFIND"
"""Environment variable naming another Pagefind binary (for example one installed system-wide)."""


class IndexingFailed(Exception):
    """Pagefind could not build the index; the message says why, in Russian, for the clerk."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    records: int
    bundle_bytes: int


def pagefind_binary() -> str:
    """The Pagefind binary: from ``ANTIKOR_PAGEFIND`` or the ``pagefind_bin`` package."""
    configured = os.environ.get(ENV_BINARY)
    if configured:
        return configured
    try:
        import pagefind_bin  # type: ignore[import-untyped]
    except ImportError as exc:
        raise IndexingFailed(
            "не найден пакет pagefind-bin: установите зависимости проекта (make .venv/.installed)"
        ) from exc
    return str(pagefind_bin.get_executable())


def index_config(language: str) -> dict[str, Any]:
    """Options of the index: Russian is stemmed; Ukrainian is not (Pagefind has no Ukrainian
    stemmer and then matches words by their beginning)."""
    return {"force_language": language, "exclude_selectors": list(EXCLUDED)}


def pagefind_command(site_dir: Path, language: str, binary: str) -> list[str]:
    """The same options for the Pagefind command line (used to compare against it)."""
    config = index_config(language)
    return [
        binary,
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--force-language",
        config["force_language"],
        "--exclude-selectors",
        ", ".join(config["exclude_selectors"]),
        "--quiet",
    ]


def record_requests(
    index_id: int, records: Sequence[Record], language: str
) -> Iterator[dict[str, Any]]:
    for record in records:
        yield {
            "type": "AddFile",
            "index_id": index_id,
            "file_path": None,
            "url": "/" + record.url,
            "file_contents": render_record(record, language),
        }


def index_site(site_dir: Path, records: Sequence[Record], language: str) -> IndexStats:
    """Index the written site and the records into ``site_dir/pagefind/``.

    Raises :class:`IndexingFailed` when Pagefind fails; the caller fails the build."""
    with _Service(pagefind_binary()) as service:
        answer = service.ask([{"type": "NewIndex", "config": index_config(language)}])[0]
        index_id = int(answer["index_id"])
        directory = {"type": "AddDir", "index_id": index_id, "path": str(site_dir), "glob": None}
        answers = service.ask([directory, *record_requests(index_id, records, language)])
        pages = int(answers[0].get("page_count", 0))
        bundle = service.ask([{"type": "GetFiles", "index_id": index_id}])[0]
    try:
        files = {
            str(file["path"]): base64.b64decode(file["content"])
            for file in bundle.get("files", [])
            if file["path"] not in UNUSED
        }
        files = without_unused_wasm(make_reproducible(files))
    except (UnexpectedBundle, ValueError, KeyError, TypeError) as exc:
        log.error("unexpected pagefind bundle: %s", exc)
        raise IndexingFailed(f"Pagefind вернул индекс в неожиданном виде ({exc})") from None
    write_bundle(site_dir / BUNDLE, files)
    size = sum(len(content) for content in files.values())
    return IndexStats(pages=pages, records=len(records), bundle_bytes=size)


def write_bundle(folder: Path, files: dict[str, bytes]) -> None:
    """The index files, written in name order (Pagefind's own writer is not waited for
    reliably in its service mode, so the files are taken from it and written here)."""
    shutil.rmtree(folder, ignore_errors=True)
    for name in sorted(files):
        target = (folder / name).resolve()
        if folder.resolve() not in target.parents:
            raise IndexingFailed(f"Pagefind вернул файл вне папки индекса: {name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[name])


class _Service:
    """``pagefind --service``: base64-encoded JSON messages, each followed by a comma, on stdin
    and stdout; every answer carries the ``message_id`` of its request."""

    def __init__(self, binary: str) -> None:
        try:
            self.process = subprocess.Popen(
                [binary, "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as exc:
            log.error("pagefind did not start: %s", exc)
            raise IndexingFailed(f"программа Pagefind не запустилась ({exc})") from None
        self.next_id = 0
        self.buffer = b""

    def __enter__(self) -> _Service:
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()

    def ask(self, requests: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send every request, written from a thread while the answers are read, so that
        neither pipe fills up; the answers come back in the order of the requests."""
        payloads = list(requests)
        first = self.next_id + 1
        self.next_id += len(payloads)
        failure: list[BaseException] = []

        def write() -> None:
            assert self.process.stdin is not None
            try:
                for number, payload in enumerate(payloads, first):
                    message = json.dumps({"message_id": number, "payload": payload}).encode()
                    self.process.stdin.write(base64.b64encode(message) + b",")
                self.process.stdin.flush()
            except (OSError, ValueError) as exc:
                failure.append(exc)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        answers: dict[int, dict[str, Any]] = {}
        while len(answers) < len(payloads):
            answer = self._read()
            if answer is None:  # the process has ended
                break
            payload = answer.get("payload", {})
            if payload.get("type") == "Error":
                raise self._failed(str(payload.get("message", "")))
            answers[int(answer["message_id"])] = payload
        writer.join(timeout=60)
        if len(answers) < len(payloads):
            raise self._failed(str(failure[0]) if failure else "")
        return [answers[number] for number in range(first, first + len(payloads))]

    def _read(self) -> dict[str, Any] | None:
        stdout: IO[bytes] | None = self.process.stdout
        assert stdout is not None
        while b"," not in self.buffer:
            chunk = stdout.read1(65536)  # type: ignore[attr-defined]
            if not chunk:
                return None
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b",", 1)
        decoded: dict[str, Any] = json.loads(base64.b64decode(message))
        return decoded

    def _failed(self, message: str) -> IndexingFailed:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        assert self.process.stderr is not None
        errors = self.process.stderr.read().decode("utf-8", "replace").strip()
        detail = message or (errors.splitlines()[-1] if errors else "")
        detail = detail or f"код выхода {self.process.returncode}"
        log.error("pagefind failed (status %s): %s %s", self.process.returncode, message, errors)
        return IndexingFailed(f"Pagefind завершился с ошибкой: {detail}")
