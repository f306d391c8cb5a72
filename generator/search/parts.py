"""Indexing a large site in parts: Pagefind over each part, several at a time, then one index.

The build starts this as one process (``python -m generator.search.parts``), so that the parts
and their merge run beside MkDocs. It runs in the build's process group, so Ctrl+C in the
terminal stops it and its Pagefind runs with the build; asked to end (SIGTERM, when the build
fails), or left behind by a build that was killed, it stops its Pagefind runs first. Each part is a folder laid out like the site (the same
paths, so the same addresses in the index); the merged index is written to the output folder.

Exit status 0: the index is written. 1: a Pagefind run failed or the parts could not be merged;
the last line printed says why, in Russian.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from generator.search.bundle import UnexpectedBundle
from generator.search.merge import merge

POLL = 0.02
"""Seconds between looks at the running Pagefind processes."""


class PartFailed(Exception):
    """A Pagefind run did not make its part's index; the message says why, in Russian."""


def run_all(commands: Sequence[Sequence[str]], logs: Sequence[Path], jobs: int) -> None:
    """Run the commands, at most ``jobs`` at a time, each writing its output to its log.
    Raises :class:`PartFailed` for the first that fails, having stopped the others."""
    waiting = list(range(len(commands)))
    running: dict[int, subprocess.Popen[bytes]] = {}
    build = os.getppid()
    try:
        while waiting or running:
            if os.getppid() != build:  # the build is gone (killed): so is the need for the index
                raise SystemExit(1)
            while waiting and len(running) < jobs:
                number = waiting.pop(0)
                running[number] = _start(commands[number], logs[number])
            for number, process in list(running.items()):
                if process.poll() is None:
                    continue
                del running[number]
                if process.returncode != 0:
                    raise PartFailed(_why(number, len(commands), process.returncode, logs[number]))
            if running:
                time.sleep(POLL)
    finally:
        for process in running.values():
            process.kill()
            process.wait()


def _start(command: Sequence[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        try:
            return subprocess.Popen(list(command), stdout=output, stderr=subprocess.STDOUT)
        except OSError as exc:
            raise PartFailed(f"программа Pagefind не запустилась ({exc.strerror})") from None


def _why(number: int, count: int, status: int, log: Path) -> str:
    part = f"часть {number + 1} из {count}"
    if status < 0:
        name = signal.Signals(-status).name if -status in signal.valid_signals() else -status
        return (
            f"Pagefind ({part}) остановлен сигналом {name}; если ему не хватило памяти,"
            " уменьшите части: ANTIKOR_SEARCH_PART_MB"
        )
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return f"Pagefind ({part}): {lines[-1] if lines else f'код выхода {status}'}"


def _end(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.search.parts")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--command", required=True, help="Pagefind's command line, as JSON, without the folders"
    )
    parser.add_argument("parts", nargs="+", type=Path)
    args = parser.parse_args(argv)

    command = json.loads(args.command)
    # beside the output, in the folder the build removes in any case
    width = len(str(len(args.parts)))
    names = [f"part-{number:0{width}d}" for number in range(1, len(args.parts) + 1)]
    outputs = [args.output.with_name(f"{name}.index") for name in names]
    logs = [args.output.with_name(f"{name}.log") for name in names]
    commands = [
        [*command, "--site", str(part), "--output-path", str(output)]
        for part, output in zip(args.parts, outputs, strict=True)
    ]
    try:
        run_all(commands, logs, max(1, args.jobs))
        merge(outputs, args.output)
    except PartFailed as exc:
        print(exc, flush=True)
        return 1
    except (UnexpectedBundle, OSError, ValueError, KeyError, TypeError) as exc:
        shutil.rmtree(args.output, ignore_errors=True)
        print(f"части индекса не удалось объединить ({exc})", flush=True)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _end)
    sys.exit(main())
