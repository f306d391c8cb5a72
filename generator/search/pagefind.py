"""Running Pagefind over a written site: the only part of search that touches disk and processes.

Pagefind's command line indexes a folder of HTML files, in parallel. The records are not
published, so they are never written into the site: the site's pages and the records, one HTML
file each, are put together in a working folder, in memory (``/dev/shm``) where the system
has one with room to spare, otherwise in the temporary folder; Pagefind indexes it and writes
the index into the site, and the folder is removed, whatever happens. Thousands of files that
live for a few seconds then never reach the disk. Last, the few index files that Pagefind
writes in a varying order are rewritten in a stable one.

Pagefind's Python wrapper is not used: it pauses after every answer, which adds minutes over
thousands of records. Its service mode, which the wrapper drives, indexes one document at a time
and measured slower than the command line here.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
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

RECORDS = "antikor-search-records"
"""The folder, beside the pages in Pagefind's working folder, that holds the records."""

MEMORY = Path("/dev/shm")
"""A file system in memory, on Linux; used for the working folder when it has room."""

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


def pagefind_command(
    site_dir: Path, language: str, binary: str, output: Path | None = None
) -> list[str]:
    """The Pagefind command line over ``site_dir``, writing the index to ``output`` (by default
    ``site_dir/pagefind``)."""
    config = index_config(language)
    return [
        binary,
        "--site",
        str(site_dir),
        "--output-path",
        str(output or site_dir / BUNDLE),
        "--force-language",
        config["force_language"],
        "--exclude-selectors",
        ", ".join(config["exclude_selectors"]),
        "--quiet",
    ]


def render_records(records: Sequence[Record], language: str) -> list[bytes]:
    """Each record as the HTML document Pagefind reads."""
    return [render_record(record, language).encode() for record in records]


def write_records(folder: Path, documents: Sequence[bytes]) -> None:
    """One file per record, named by its position. They are written one after another: the
    order in which files are created is the order in which some file systems list them, and
    so the order of the pages in the index."""
    folder.mkdir(parents=True)
    width = len(str(len(documents)))
    for number, document in enumerate(documents, start=1):
        (folder / f"{number:0{width}d}.html").write_bytes(document)


def working_parent(needed: int) -> Path | None:
    """Where to make Pagefind's working folder: in memory when there is twice the room it
    needs, else the system's temporary folder (``None``)."""
    try:
        free = os.statvfs(MEMORY)
    except OSError:  # no such file system here
        return None
    if not os.access(MEMORY, os.W_OK | os.X_OK) or free.f_bavail * free.f_frsize < 2 * needed:
        return None
    return MEMORY


WORK_PREFIX = "antikor-search-"
"""Working folders are named ``antikor-search-<process id>-<random>``."""


def remove_abandoned(parent: Path | None) -> None:
    """Remove working folders left under ``parent`` by builds that were killed mid-way (their
    process is gone): in memory, they would hold it until the machine restarts."""
    root = Path(parent or tempfile.gettempdir())
    for folder in root.glob(f"{WORK_PREFIX}*-*"):
        owner = folder.name.removeprefix(WORK_PREFIX).split("-", 1)[0]
        if not owner.isdigit() or int(owner) == os.getpid():
            continue
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive, under another user
            continue


def prepare_input(
    site_dir: Path, pages: Sequence[Path], documents: Sequence[bytes], parent: Path | None
) -> Path:
    """A new folder under ``parent`` with the site's pages (linked where the file system
    allows, copied otherwise) and the records. The caller removes it."""
    work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=parent))
    try:
        for page in pages:
            target = work / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:  # another file system
                shutil.copyfile(page, target)
        write_records(work / RECORDS, documents)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work


def index_site(
    site_dir: Path,
    records: Sequence[Record],
    language: str,
    *,
    work_parent: Path | None = None,
) -> IndexStats:
    """Index the written site and the records into ``site_dir/pagefind/``. The working folder
    is made under ``work_parent`` if given, else where :func:`working_parent` says.

    Raises :class:`IndexingFailed` when Pagefind fails; the caller fails the build."""
    binary = pagefind_binary()
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    documents = render_records(records, language)
    try:
        pages = sorted(site_dir.rglob("*.html"))
        needed = sum(page.stat().st_size for page in pages) + sum(map(len, documents))
        parent = work_parent or working_parent(needed)
        remove_abandoned(parent)
        try:
            work = prepare_input(site_dir, pages, documents, parent)
        except OSError:
            if parent != MEMORY:
                raise
            log.debug("no room in %s after all, using the temporary folder", MEMORY)
            work = prepare_input(site_dir, pages, documents, None)
    except OSError as exc:
        log.error("cannot prepare the pages and records for pagefind: %s", exc)
        raise IndexingFailed(f"не удалось подготовить записи для поиска ({exc})") from None
    try:
        command = pagefind_command(work, language, binary, output=bundle)
        log.debug("running %s", " ".join(command))
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.error("pagefind did not run: %s", exc)
            raise IndexingFailed(f"программа Pagefind не запустилась ({exc})") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
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
