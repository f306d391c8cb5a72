"""Running Pagefind over a written site: the only part of search that touches disk and processes.

The records are written as HTML into a scratch folder inside the site, one file each, so that a
single run of the Pagefind command line indexes them together with the published pages (in
parallel, as it does for any site); the folder is removed afterwards, whatever happens. Then the
few index files that Pagefind writes in a varying order are rewritten in a stable one.

Pagefind's Python wrapper is not used: it pauses after every answer, which adds minutes over
thousands of records. Its service mode, which the wrapper drives, indexes one document at a time
and measured slower than the command line here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.search.bundle import (
    Files,
    UnexpectedBundle,
    make_reproducible,
    without_unused_wasm,
)
from generator.search.records import EXCLUDED, Record, render_record

log = logging.getLogger("antikor.search")

BUNDLE = "pagefind"
"""The folder under the site root where the index and Pagefind's script are published."""

SCRATCH = "antikor-search-records"
"""The folder, under the site root, that holds the records while Pagefind runs."""

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


# Creating a file is a wait on the file system, not work for the processor (a quarter of a
# millisecond each on the benchmark machine's disk): a few threads overlap those waits.
_WRITERS = 8


def write_records(folder: Path, records: Sequence[Record], language: str) -> list[Path]:
    """One file per record, named by its position, so the index lists them in a fixed order.
    Returns the files written, for :func:`remove_records`."""
    folder.mkdir(parents=True)
    width = len(str(len(records)))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    paths = [folder / f"{number:0{width}d}.html" for number in range(1, len(records) + 1)]

    def write(path: Path, record: Record) -> None:
        descriptor = os.open(path, flags, 0o644)
        try:
            data = memoryview(render_record(record, language).encode())
            while data:
                data = data[os.write(descriptor, data) :]
        finally:
            os.close(descriptor)

    with ThreadPoolExecutor(_WRITERS) as pool:
        list(pool.map(write, paths, records))  # list() raises the first failure, if any
    return paths


def remove_records(folder: Path, paths: Sequence[Path]) -> None:
    """Remove the record files: unlinking the known names is several times quicker than a
    recursive walk of the folder. Anything else found there is removed with the folder."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    shutil.rmtree(folder, ignore_errors=True)


def index_site(site_dir: Path, records: Sequence[Record], language: str) -> IndexStats:
    """Index the written site and the records into ``site_dir/pagefind/``.

    Raises :class:`IndexingFailed` when Pagefind fails; the caller fails the build."""
    binary = pagefind_binary()
    scratch = site_dir / SCRATCH
    bundle = site_dir / BUNDLE
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(bundle, ignore_errors=True)
    written: list[Path] = []
    try:
        written = write_records(scratch, records, language)
        command = pagefind_command(site_dir, language, binary)
        log.debug("running %s", " ".join(command))
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.error("pagefind did not run: %s", exc)
            raise IndexingFailed(f"программа Pagefind не запустилась ({exc})") from None
    finally:
        remove_records(scratch, written)
    if done.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        output = (done.stderr + done.stdout).strip()
        log.error("pagefind exited with status %s: %s", done.returncode, output)
        last = output.splitlines()[-1] if output else f"код выхода {done.returncode}"
        raise IndexingFailed(f"Pagefind завершился с ошибкой: {last}")
    try:
        tidy_bundle(bundle)
    except (UnexpectedBundle, OSError, ValueError, KeyError, TypeError) as exc:
        log.error("unexpected pagefind bundle: %s", exc)
        raise IndexingFailed(f"Pagefind записал индекс в неожиданном виде ({exc})") from None
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    return IndexStats(records=len(records), bundle_bytes=size)


def tidy_bundle(bundle: Path) -> None:
    """Rewrite the files that vary between runs, and drop what the section does not use."""
    varying: Files = {
        path.relative_to(bundle).as_posix(): path.read_bytes()
        for pattern in ("pagefind-entry.json", "*.pf_meta", "filter/*.pf_filter", "wasm.*")
        for path in sorted(bundle.glob(pattern))
    }
    stable = without_unused_wasm(make_reproducible(varying))
    for name in sorted(varying.keys() - stable.keys()):
        (bundle / name).unlink()
    for name in sorted(stable):
        if varying.get(name) != stable[name]:
            (bundle / name).write_bytes(stable[name])
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
