"""Putting a built site in place of the previous one without ever losing either.

A build writes into a working folder beside the target (``.<name>-build-<pid>-<random>``) and
swaps it in only when everything succeeded. The rules, in the order they are applied:

* The target may only be an absent folder, an empty one, or a site an earlier build wrote (it
  carries the :data:`MARKER` file). It must not be, hold or lie inside the content folder or the
  folder of the settings file. Anything else is refused before a single file is touched.
* Builds into one folder take turns: each holds an exclusive ``flock`` on the folder that holds
  the target, from before it looks at the target until after the swap. Under the lock, every
  working folder of that target is left over from a killed build, and is removed.
* The swap is two renames: the previous site to ``.<name>-previous``, the new one to the target,
  then the previous site is deleted. A build killed between the two renames leaves the previous
  site under the ``-previous`` name; the next build puts it back before anything else. A
  ``-previous`` folder antikor did not write (no marker, no antikor home page) is never
  deleted nor taken for the site: the build is refused until the user moves it away.
* The new site's top folder gets the modes of any folder the user creates (``0o777`` less the
  umask), not the ``0o700`` of a private working folder, so a web server running as another
  user may read it.

Faults of the machine (no room, no rights, a read-only disk) become :class:`SiteWriteFailed` with
a Russian reason; the previous site stays in place.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".antikor-site"
"""The file that marks a folder as written by antikor, so a later build may replace it."""

MARKER_TEXT = "Этот сайт собран antikor: следующая сборка заменит папку целиком.\n"

_LEGACY_HOME = b'<meta name="antikor:page" content="home"'


class SiteDirRefused(Exception):
    """``--site-dir`` names a folder the build must not replace; the message says why."""


class SiteWriteFailed(Exception):
    """The machine refused to write the site (disk full, no rights, read-only)."""


_REASONS = {
    errno.ENOSPC: "нет места на диске",
    errno.EDQUOT: "превышена квота на диске",
    errno.EROFS: "файловая система доступна только для чтения",
    errno.EACCES: "нет прав на запись",
    errno.EPERM: "операция не разрешена",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.ENOTDIR: "часть пути — файл, а не папка",
    errno.EISDIR: "на этом месте папка, а не файл",
    errno.EIO: "ошибка ввода-вывода диска",
    errno.ENOENT: "нет такого файла или папки",
    errno.EEXIST: "файл или папка с таким именем уже есть",
    errno.ENOTEMPTY: "папка не пуста",
    errno.ELOOP: "символические ссылки ведут по кругу",
}


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, in Russian; an uncommon fault keeps its system name
    (``EXDEV``) beside the system's own text, so it can still be looked up."""
    code = exc.errno or 0
    if code in _REASONS:
        return _REASONS[code]
    name = errno.errorcode.get(code)
    return f"системная ошибка {name}: {exc.strerror}" if name else (exc.strerror or str(exc))


def describe_os_error(exc: OSError) -> str:
    """An operating system fault in Russian, with the file it happened to."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{os_reason(exc)}"


def check_site_dir(site_dir: Path, *, content: Path, config_file: Path | None) -> Path:
    """The resolved target, or :class:`SiteDirRefused` if a build must not replace it."""
    target = site_dir.resolve()
    if target.parent == target:
        raise SiteDirRefused(
            f"--site-dir {site_dir}: корень файловой системы не может быть папкой сайта"
        )
    # The site may lie in the settings' folder (site/ beside mkdocs.yml), never in the content.
    guarded = [("папка содержимого", "папки содержимого", content.resolve())]
    if config_file is not None:
        guarded.append(("папка файла настроек", "", config_file.resolve().parent))
    for name, of_name, folder in guarded:
        if target == folder:
            relation = f"— это {name}"
        elif target in folder.parents:
            relation = f"содержит {name.replace('папка', 'папку')} ({folder})"
        elif of_name and folder in target.parents:
            relation = f"лежит внутри {of_name} ({folder})"
        else:
            continue
        raise SiteDirRefused(
            f"--site-dir {site_dir} {relation}: сборка стерла бы ее;"
            " укажите отдельную папку для сайта, например site/"
        )
    if not target.exists() and not target.is_symlink():
        return target
    if not target.is_dir():
        raise SiteDirRefused(
            f"--site-dir {site_dir} — это файл, а не папка: сборка его не заменит;"
            " укажите папку для сайта"
        )
    if not is_replaceable(target):
        raise SiteDirRefused(
            f"папка {site_dir} не пуста и собрана не antikor (в ней нет файла {MARKER}):"
            " сборка ее не заменит; укажите новую или пустую папку"
            " или удалите содержимое этой папки сами"
        )
    return target


def is_replaceable(folder: Path) -> bool:
    """Empty, or a site antikor wrote: with the marker, or (sites built before the marker was
    written) a home page that carries antikor's page mark."""
    try:
        with os.scandir(folder) as entries:
            names = {entry.name for entry in entries}
    except OSError:
        return False
    if not names or MARKER in names:
        return True
    home = folder / "index.html"
    if "index.html" not in names or not home.is_file() or home.is_symlink():
        return False
    with home.open("rb") as stream:
        return _LEGACY_HOME in stream.read(65536)


def write_marker(site: Path) -> None:
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _staging_prefix(target: Path) -> str:
    return f".{target.name}-build-"


def _previous(target: Path) -> Path:
    return target.with_name(f".{target.name}-previous")


@contextmanager
def publishing(target: Path) -> Iterator[Path]:
    """A fresh working folder for the site; on normal exit it replaces ``target``.

    ``target`` has passed :func:`check_site_dir`. On an exception the working folder is removed
    and ``target`` is as it was.
    """
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SiteWriteFailed(describe_os_error(exc)) from None
    with _locked(parent, target):
        _recover(target)
        _remove_stale_staging(target)
        try:
            staging = Path(
                tempfile.mkdtemp(prefix=f"{_staging_prefix(target)}{os.getpid()}-", dir=parent)
            )
        except OSError as exc:
            raise SiteWriteFailed(describe_os_error(exc)) from None
        try:
            yield staging
            staging.chmod(0o777 & ~_umask())
            _swap(staging, target)
        except OSError as exc:
            raise SiteWriteFailed(describe_os_error(exc)) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _locked(parent: Path, target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder that holds the target. A second build into the same
    place waits for the first to finish (and says so), then replaces its site."""
    try:
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise SiteWriteFailed(describe_os_error(exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"antikor: в {parent} уже идет другая сборка; ждем ее окончания",
                file=sys.stderr,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        # Re-check under the lock: the build that held it may have left a different folder.
        if target.exists() and not (target.is_dir() and is_replaceable(target)):
            raise SiteDirRefused(f"папка {target} изменилась во время ожидания и не заменена")
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _umask() -> int:
    """The process's umask. Linux shows it in /proc without changing it; elsewhere it is set and
    put back at once (a build runs one thread, so nothing creates a file in between)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _recover(target: Path) -> None:
    """Undo what a killed build left: the previous site put back if the new one never arrived,
    and deleted if it did. A ``-previous`` folder antikor did not write is the user's: refused,
    never deleted or renamed."""
    previous = _previous(target)
    if previous.is_symlink() or (previous.exists() and not previous.is_dir()):
        raise SiteDirRefused(_foreign_previous(previous, "это не папка"))
    if not previous.is_dir():
        return
    if not is_replaceable(previous):
        raise SiteDirRefused(_foreign_previous(previous, "в ней не сайт antikor"))
    if target.exists() or not any(previous.iterdir()):
        shutil.rmtree(previous, ignore_errors=True)
    else:
        previous.rename(target)
        print(
            f"antikor: прежний сайт восстановлен в {target} (предыдущая сборка была прервана)",
            file=sys.stderr,
        )


def _foreign_previous(previous: Path, why: str) -> str:
    return (
        f"{previous}: {why}, а сборка кладет сюда прежний сайт на время замены;"
        " сборка ее не тронет и не начнется: переименуйте или перенесите ее"
    )


def _remove_stale_staging(target: Path) -> None:
    """Working folders of this target left by killed builds. Only the lock holder builds into
    the target, so under the lock none of them is in use. Earlier versions named them
    ``.<name>-`` and eight random characters; those are removed when they hold a site antikor
    wrote (or nothing), so a folder of the user's that happens to match is left alone."""
    prefix = _staging_prefix(target)
    legacy = re.compile(rf"\.{re.escape(target.name)}-[a-z0-9_]{{8}}")
    with os.scandir(target.parent) as entries:
        stale = [
            Path(e.path)
            for e in entries
            if e.is_dir(follow_symlinks=False)
            and (
                e.name.startswith(prefix)
                or (legacy.fullmatch(e.name) and is_replaceable(Path(e.path)))
            )
        ]
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    previous = _previous(target)
    if target.exists():
        target.rename(previous)
    try:
        staging.rename(target)
    except OSError:
        if previous.exists() and not target.exists():
            previous.rename(target)
        raise
    shutil.rmtree(previous, ignore_errors=True)
