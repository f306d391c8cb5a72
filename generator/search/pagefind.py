"""Running Pagefind: the only part of search that touches disk and processes.

Pagefind's command line indexes a folder of HTML files. The records are not published, so they
are never written into the site: the indexed pages and the records, one HTML file each, are put
together in a working folder, in memory (``/dev/shm``) where the system has one with room to
spare, otherwise in the temporary folder, and the folder is removed, whatever happens. Thousands
of files that live for a few seconds then never reach the disk.

Pagefind indexes on one core. The build starts it as soon as the pages are rendered, from the
part of each page that is indexed (nothing else of a page counts), and MkDocs writes the site on
the other core meanwhile; the build then waits for it. The index is written beside the site (MkDocs
empties the site folder when it starts) and moved in. Last, the few index files that Pagefind
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
from collections.abc import Iterable, Sequence
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


def render_records(records: Iterable[Record], language: str) -> list[bytes]:
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


def remove_abandoned(parent: Path | None, prefix: str = WORK_PREFIX) -> None:
    """Remove working folders left under ``parent`` by builds that were killed mid-way (their
    process is gone): in memory, they would hold it until the machine restarts."""
    root = Path(parent or tempfile.gettempdir())
    for folder in root.glob(f"{prefix}*-*"):
        owner = folder.name.removeprefix(prefix).split("-", 1)[0]
        if not owner.isdigit() or int(owner) == os.getpid():
            continue
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive, under another user
            continue


def prepare_input(
    site_dir: Path,
    pages: Sequence[Path],
    documents: Sequence[bytes],
    parent: Path | None,
    *,
    written: Sequence[tuple[str, bytes]] = (),
) -> Path:
    """A new folder under ``parent`` with the site's pages (linked where the file system
    allows, copied otherwise), the ``written`` pages (path under the site, HTML) and the
    records. The caller removes it."""
    work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=parent))
    try:
        for page in pages:
            target = work / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:  # another file system
                shutil.copyfile(page, target)
        for name, document in written:
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(document)
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
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
    pages = sorted(site_dir.rglob("*.html"))
    indexing = start_indexing(
        records, language, site_dir=site_dir, pages=pages, work_parent=work_parent
    )
    return indexing.finish(site_dir)


def start_indexing(
    records: Iterable[Record],
    language: str,
    *,
    site_dir: Path,
    pages: Sequence[Path] = (),
    written: Sequence[tuple[str, bytes]] = (),
    work_parent: Path | None = None,
) -> Indexing:
    """Start Pagefind over the records and the pages, and return at once: Pagefind works on
    one core while the build goes on on the other. ``pages`` are files of the written
    ``site_dir``; ``written`` are pages given as (path under the site, HTML), before the site
    is written. The index is made beside ``site_dir`` (the build empties ``site_dir`` when it
    starts) and moved into it by :meth:`Indexing.finish`."""
    binary = pagefind_binary()
    documents = render_records(records, language)
    try:
        needed = sum(page.stat().st_size for page in pages)
        needed += sum(len(html) for _, html in written) + sum(map(len, documents))
        parent = work_parent or working_parent(needed)
        remove_abandoned(parent)
        try:
            work = prepare_input(site_dir, pages, documents, parent, written=written)
        except OSError:
            if parent != MEMORY:
                raise
            log.debug("no room in %s after all, using the temporary folder", MEMORY)
            work = prepare_input(site_dir, pages, documents, None, written=written)
    except OSError as exc:
        log.error("cannot prepare the pages and records for pagefind: %s", exc)
        raise IndexingFailed(f"не удалось подготовить записи для поиска ({exc})") from None
    try:
        output = _output_folder(site_dir.parent, work)
        command = pagefind_command(work, language, binary, output=output)
        log.debug("running %s", " ".join(command))
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        log.error("pagefind did not run: %s", exc)
        raise IndexingFailed(f"программа Pagefind не запустилась ({exc})") from None
    return Indexing(process, work, output, len(documents))


OUTPUT_PREFIX = ".antikor-search-"
"""The index is written into ``.antikor-search-<process id>-<random>/pagefind`` beside the site."""


def _output_folder(beside: Path, work: Path) -> Path:
    """Where Pagefind writes the index: in a new folder beside the site when that is allowed (the
    index is then moved into the site without copying), else inside the working folder. Pagefind
    makes the ``pagefind`` folder itself, so it gets the modes of the umask, as the site's other
    folders do (a web server running as another user reads it)."""
    try:
        remove_abandoned(beside, OUTPUT_PREFIX)
        parent = tempfile.mkdtemp(prefix=f"{OUTPUT_PREFIX}{os.getpid()}-", dir=beside)
    except OSError:
        return work / BUNDLE
    return Path(parent) / BUNDLE


class Indexing:
    """A Pagefind run under way: :meth:`finish` waits for it and puts the index into the
    site; :meth:`cancel` stops it. Either removes the working folder."""

    def __init__(self, process: subprocess.Popen[str], work: Path, output: Path, records: int):
        self._process = process
        self._work = work
        self._output = output
        self._records = records

    def finish(self, site_dir: Path, timeout: float = 900) -> IndexStats:
        """Wait for Pagefind, make the index reproducible and move it to ``site_dir/pagefind``.

        Raises :class:`IndexingFailed` when Pagefind fails; the caller fails the build."""
        try:
            try:
                output, _ = self._process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired as exc:
                log.error("pagefind did not finish: %s", exc)
                raise IndexingFailed(f"программа Pagefind не завершилась ({exc})") from None
            produced = self._output
            if self._process.returncode != 0 or not (produced / "pagefind-entry.json").is_file():
                output = (output or "").strip()
                log.error("pagefind exited with status %s: %s", self._process.returncode, output)
                last = (
                    output.splitlines()[-1] if output else f"код выхода {self._process.returncode}"
                )
                raise IndexingFailed(f"Pagefind завершился с ошибкой: {last}")
            try:
                tidy_bundle(produced)
            except (UnexpectedBundle, OSError, ValueError, KeyError, TypeError) as exc:
                log.error("unexpected pagefind bundle: %s", exc)
                raise IndexingFailed(
                    f"Pagefind записал индекс в неожиданном виде ({exc})"
                ) from None
            bundle = site_dir / BUNDLE
            try:
                shutil.rmtree(bundle, ignore_errors=True)
                shutil.move(produced, bundle)
            except OSError as exc:
                log.error("cannot move the index into the site: %s", exc)
                raise IndexingFailed(f"не удалось записать индекс поиска ({exc})") from None
        finally:
            self.cancel()
        size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
        return IndexStats(records=self._records, bundle_bytes=size)

    @property
    def running(self) -> bool:
        return self._process.poll() is None

    def cancel(self) -> None:
        """Stop Pagefind if it still runs, and remove its working and output folders."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
        shutil.rmtree(self._work, ignore_errors=True)
        shutil.rmtree(self._output, ignore_errors=True)
        if self._output.parent != self._work:  # the folder made for it beside the site
            shutil.rmtree(self._output.parent, ignore_errors=True)


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
