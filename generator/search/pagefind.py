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

import json
import logging
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
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

MEMORY_ROOM = 512 * 1024 * 1024
"""The room in :data:`MEMORY` below which the working folder is made on disk from the start;
should the input outgrow what is left, it moves to disk then."""

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


def pagefind_options(language: str, binary: str) -> list[str]:
    """Pagefind's command line without the folders it reads and writes."""
    config = index_config(language)
    return [
        binary,
        "--force-language",
        config["force_language"],
        "--exclude-selectors",
        ", ".join(config["exclude_selectors"]),
        "--quiet",
    ]


def pagefind_command(
    site_dir: Path, language: str, binary: str, output: Path | None = None
) -> list[str]:
    """The Pagefind command line over ``site_dir``, writing the index to ``output`` (by default
    ``site_dir/pagefind``)."""
    folders = ["--site", str(site_dir), "--output-path", str(output or site_dir / BUNDLE)]
    return [*pagefind_options(language, binary), *folders]


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


PART_BYTES = 32 * 1024 * 1024
"""The most input one Pagefind process is given. Pagefind holds about 25 times its input in
memory until it writes the index (a part of this size peaks near 800 MB), so a larger site is
indexed in parts."""

MEMORY_PER_BYTE = 26
"""Bytes of memory a Pagefind process takes for a byte of input, with a margin."""

SMALLEST_SETTING = 0.05
"""The smallest part, in megabytes, ``ANTIKOR_SEARCH_PART_MB`` may ask for."""

PART_PREFIX = "part-"

ENV_PART = "ANTIKOR_SEARCH_PART_MB"
"""Environment variable setting another :data:`PART_BYTES`, in megabytes, for a machine with
less memory."""


def part_bytes() -> int:
    """The most input a Pagefind process is given: :data:`PART_BYTES`, or ``ANTIKOR_SEARCH_PART_MB``."""
    configured = os.environ.get(ENV_PART, "").strip()
    if not configured:
        return PART_BYTES
    try:
        limit = float(configured.replace(",", "."))
    except ValueError:
        limit = math.nan
    if not (math.isfinite(limit) and SMALLEST_SETTING <= limit <= 1024 * 1024):
        raise IndexingFailed(
            f"{ENV_PART}={configured}: ожидается размер части индекса в мегабайтах,"
            f" не меньше {SMALLEST_SETTING:n}".replace(".", ",")
        )
    return int(limit * 1024 * 1024)


def index_jobs(limit: int) -> int:
    """How many Pagefind processes run at once: one a processor the build may use, as many as
    the memory available now holds with parts of ``limit`` bytes."""
    try:
        processors = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        processors = os.cpu_count() or 1
    available = available_memory()
    if available is not None:
        processors = min(processors, available // (MEMORY_PER_BYTE * limit))
    return max(1, processors)


def available_memory() -> int | None:
    """Memory the system can give without swapping (Linux's ``MemAvailable``), if known."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _put(folder: Path, name: str, source: Path | bytes) -> None:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, bytes):
        target.write_bytes(source)
        return
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copyfile(source, target)


def documents_of(
    site_dir: Path,
    pages: Iterable[Path],
    documents: Iterable[bytes],
    written: Iterable[tuple[str, bytes]] = (),
) -> Iterator[tuple[str, Path | bytes, int]]:
    """What Pagefind indexes, in order, one at a time, with what each weighs against
    :data:`PART_BYTES`: the site's pages, the ``written`` pages, the records. Records are named
    by their position, so that their addresses do not depend on the parts."""
    for page in pages:
        yield page.relative_to(site_dir).as_posix(), page, page.stat().st_size // PAGE_WEIGHT
    for name, html in written:
        yield name, html, len(html) // PAGE_WEIGHT
    for number, document in enumerate(documents, start=1):
        yield f"{RECORDS}/{number:0{RECORD_DIGITS}d}.html", document, len(document)


PAGE_WEIGHT = 16
"""A page's bytes count this many times less than a record's against the part's limit: most of
a page is its tables, which Pagefind reads past (they are excluded, their rows are records), so
they take little of its memory (on archive, 41 MB of pages took 17 MB, 27 MB of records 680 MB)."""


RECORD_DIGITS = 7
"""Digits in a record's file name, fixed: the records are written before their number is known."""


class _Input:
    """Pagefind's input written as it comes, into parts of at most ``limit`` bytes: a part is
    closed when the next document would pass the limit (a larger document is a part of its
    own). Nothing is held in memory. In memory (``/dev/shm``) first; should that fill up, what
    is written moves to the temporary folder and the rest goes there."""

    def __init__(self, parent: Path | None, limit: int):
        prefix = f"{WORK_PREFIX}{os.getpid()}-"
        try:
            self.work = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        except OSError:
            if parent != MEMORY:
                raise
            parent = None
            self.work = Path(tempfile.mkdtemp(prefix=prefix))
        self.parent = parent
        self.limit = limit
        self.parts: list[Path] = []
        self.size = 0

    def add(self, name: str, source: Path | bytes, size: int) -> None:
        if not self.parts or (self.size and self.size + size > self.limit):
            self.new_part()
        try:
            _put(self.parts[-1], name, source)
        except OSError:
            if self.parent != MEMORY:
                raise
            log.debug("no room in %s after all, moving to the temporary folder", MEMORY)
            self._move_to_disk()
            _put(self.parts[-1], name, source)
        self.size += size

    def new_part(self) -> None:
        self.parts.append(self.work / f"{PART_PREFIX}{len(self.parts) + 1:04d}")
        self.parts[-1].mkdir()
        self.size = 0

    def _move_to_disk(self) -> None:
        moved = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-"))
        try:
            shutil.copytree(self.work, moved, dirs_exist_ok=True)
        finally:
            shutil.rmtree(self.work, ignore_errors=True)
        self.parts = [moved / part.name for part in self.parts]
        self.work, self.parent = moved, None


def prepare_input(
    site_dir: Path,
    pages: Iterable[Path],
    documents: Iterable[bytes],
    parent: Path | None,
    *,
    written: Iterable[tuple[str, bytes]] = (),
    limit: int = PART_BYTES,
) -> tuple[Path, list[Path]]:
    """A new folder under ``parent`` with the site's pages (linked where the file system
    allows, copied otherwise), the ``written`` pages (path under the site, HTML) and the
    records, in parts laid out like the site, each of at most ``limit`` bytes of input; and
    those parts. The cut depends on the content only, not on the machine, so that builds of
    one commit are the same everywhere. The caller removes the folder."""
    files = _Input(parent, limit)
    try:
        for name, source, size in documents_of(site_dir, pages, documents, written):
            files.add(name, source, size)
        if not files.parts:  # nothing to index: one empty part, for Pagefind to say so
            files.new_part()
    except BaseException:
        shutil.rmtree(files.work, ignore_errors=True)
        raise
    return files.work, files.parts


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
    pages: Iterable[Path] = (),
    written: Iterable[tuple[str, bytes]] = (),
    work_parent: Path | None = None,
) -> Indexing:
    """Start Pagefind over the records and the pages, and return at once: Pagefind works on
    one core while the build goes on on the other. ``pages`` are files of the written
    ``site_dir``; ``written`` are pages given as (path under the site, HTML), before the site
    is written. The index is made beside ``site_dir`` (the build empties ``site_dir`` when it
    starts) and moved into it by :meth:`Indexing.finish`."""
    binary = pagefind_binary()
    limit = part_bytes()
    made = 0

    def documents() -> Iterator[bytes]:
        nonlocal made
        for record in records:
            made += 1
            yield render_record(record, language).encode()

    try:
        parent = work_parent or working_parent(MEMORY_ROOM)
        remove_abandoned(parent)
        work, parts = prepare_input(
            site_dir, pages, documents(), parent, written=written, limit=limit
        )
    except OSError as exc:
        log.error("cannot prepare the pages and records for pagefind: %s", exc)
        raise IndexingFailed(f"не удалось подготовить записи для поиска ({exc})") from None
    try:
        output = _output_folder(site_dir.parent, work)
        if len(parts) == 1:
            command = pagefind_command(parts[0], language, binary, output=output)
        else:
            command = parts_command(parts, output, language, binary, index_jobs(limit))
        log.debug("running %s", " ".join(command))
        # in the build's process group: Ctrl+C in the terminal stops Pagefind with the build
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        log.error("pagefind did not run: %s", exc)
        raise IndexingFailed(f"программа Pagefind не запустилась ({exc})") from None
    return Indexing(process, work, output, made, in_parts=len(parts) > 1)


def parts_command(
    parts: Sequence[Path], output: Path, language: str, binary: str, jobs: int
) -> list[str]:
    """The command that indexes the parts, ``jobs`` at a time, and merges their indexes into
    ``output`` (:mod:`generator.search.parts`)."""
    return [
        sys.executable,
        "-P",  # the package, not a folder of the same name where the build runs
        "-m",
        "generator.search.parts",
        "--output",
        str(output),
        "--jobs",
        str(jobs),
        "--command",
        json.dumps(pagefind_options(language, binary), ensure_ascii=False),
        *map(str, parts),
    ]


STOP_TIMEOUT = 10
"""Seconds the parts' process is given to stop its Pagefind runs before it is killed."""

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

    def __init__(
        self,
        process: subprocess.Popen[str],
        work: Path,
        output: Path,
        records: int,
        *,
        in_parts: bool = False,
    ):
        self._process = process
        self._work = work
        self._output = output
        self._records = records
        self._in_parts = in_parts  # the process is generator.search.parts, not Pagefind

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
                if self._in_parts:  # its last line is a whole message
                    raise IndexingFailed(f"поисковый индекс не построен: {last}")
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
            if self._in_parts:  # it stops its Pagefind runs when asked to end
                self._process.terminate()
            else:
                self._process.kill()
            try:
                self._process.communicate(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
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
