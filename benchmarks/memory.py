"""Benchmark: the peak memory of the build's own Python process, by stage.

    python -m benchmarks.memory [--sizes small,archive,large] [--search] [--out DIR]

``benchmarks.run`` reports the largest process of a build, which with search is Pagefind; this
reports the Python process alone (its own ``ru_maxrss``; Pagefind is a child and not counted),
with the largest resident size seen in each stage of ``--timings`` and in each output made after
MkDocs (``opendata``, ``search``, ``snippet``). Without ``--search`` the build leaves the search
index out (the records and Pagefind's input are not made at all). Target: below 1 GB on
``large``. Each size is built in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.synthetic import ROOT, SIZES, materialize

_PROBE = """
import dataclasses, json, os, resource, sys, threading, time
from contextlib import contextmanager
from generator import pipeline, timings
from generator.cli import main

content, site, search = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
outputs = [o for o in pipeline.OUTPUTS if search or o.name != "search"]
current = ["start"]
peaks = {}

def labelled(name, write):
    def run(written):
        current[0] = name
        try:
            write(written)
        finally:
            current[0] = "mkdocs"
    return run

pipeline.OUTPUTS = tuple(
    dataclasses.replace(o, write=labelled("output " + o.name, o.write)) for o in outputs
)
stage = timings.stage

@contextmanager
def named(name):
    before, current[0] = current[0], name
    try:
        with stage(name):
            yield
    finally:
        current[0] = before

timings.stage = pipeline.timings.stage = named
page = os.sysconf("SC_PAGE_SIZE")
done = threading.Event()

def sample():
    while not done.is_set():
        with open("/proc/self/statm") as statm:
            rss = int(statm.read().split()[1]) * page
        peaks[current[0]] = max(peaks.get(current[0], 0), rss)
        done.wait(0.05)

threading.Thread(target=sample, daemon=True).start()
started = time.perf_counter()
code = main(["build", "--content", content, "--site-dir", site,
             "--config", os.path.join(os.getcwd(), "mkdocs.yml")])
done.set()
print(json.dumps({"ok": code == 0, "seconds": time.perf_counter() - started,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "stages": peaks}))
"""


def measure(content: Path, site: Path, *, search: bool) -> dict[str, Any]:
    """Build ``content`` into ``site`` in a fresh process; its figures."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(content), str(site), "1" if search else "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="small,archive,large")
    parser.add_argument("--search", action="store_true", help="build the search index too")
    parser.add_argument("--out", type=Path, help="working folder (by default a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        for size in args.sizes.split(","):
            if size not in SIZES:
                raise SystemExit(f"unknown size {size}: one of {', '.join(SIZES)}")
            content = materialize(size, out / size / "content")
            figures = measure(content, out / size / "site", search=args.search)
            print(
                f"{size}: пик процесса Python {figures['peak'] / 2**20:.1f} МБ,"
                f" сборка {figures['seconds']:.1f} с"
            )
            for stage, peak in figures["stages"].items():
                print(f"  {stage:18} {peak / 2**20:8.1f} МБ")


if __name__ == "__main__":
    main()
