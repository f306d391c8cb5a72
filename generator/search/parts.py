"""Indexing the site: Pagefind over each part, several at a time, then one index.

The build starts this as one process (``python -m generator.search.parts``), so that the parts
and their merge run beside MkDocs, and a cancelled build stops them all by stopping its process
group. Each part is a folder laid out like the site (the same paths, so the same addresses in
the index); the merged index is written to the output folder. A site indexed in one part
still has its word index cut into smaller chunks than Pagefind's when it has several.

Exit status 0: the index is written. 1: a Pagefind run failed or the parts could not be merged;
the last line printed says why.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generator.search.bundle import UnexpectedBundle
from generator.search.merge import merge, read_part

POLL = 0.02
"""Seconds between looks at the running Pagefind processes."""


def run_all(commands: Sequence[Sequence[str]], logs: Sequence[Path], jobs: int) -> int | None:
    """Run the commands, at most ``jobs`` at a time, each writing its output to its log.
    Returns ``None`` when all succeed, else the number of the first that failed (the others
    are stopped)."""
    waiting = list(range(len(commands)))
    running: dict[int, subprocess.Popen[bytes]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                number = waiting.pop(0)
                with logs[number].open("wb") as log:
                    running[number] = subprocess.Popen(
                        list(commands[number]), stdout=log, stderr=subprocess.STDOUT
                    )
            for number, process in list(running.items()):
                if process.poll() is None:
                    continue
                del running[number]
                if process.returncode != 0:
                    return number
            if running:
                time.sleep(POLL)
        return None
    finally:
        for process in running.values():
            process.kill()
            process.wait()


def needs_rechunking(index: Path) -> bool:
    """Whether an index Pagefind wrote in one run has its word index in more than one chunk:
    then it is cut again into the smaller chunks of :data:`generator.search.merge.CHUNK_SIZE`,
    so that a query loads less. A small site's single chunk stays as it is."""
    return len(read_part(index).meta[2]) > 1


def _last_line(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


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
    failed = run_all(commands, logs, max(1, args.jobs))
    if failed is not None:
        print(_last_line(logs[failed]) or "Pagefind завершился с ошибкой", flush=True)
        return 1
    try:
        if len(outputs) == 1 and not needs_rechunking(outputs[0]):
            outputs[0].rename(args.output)
        else:
            merge(outputs, args.output)
    except (UnexpectedBundle, OSError, ValueError, KeyError, TypeError) as exc:
        shutil.rmtree(args.output, ignore_errors=True)
        print(f"части индекса не удалось объединить ({exc})", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
