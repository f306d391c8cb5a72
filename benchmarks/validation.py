"""Benchmark: how long validation takes, and how much memory, on real and synthetic content.

    python -m benchmarks.validation

Prints a table; targets: content/ < 1 s; a plan of 5,000 measures with a full report < 5 s
and < 500 MB peak memory. Each figure is measured in a fresh process (peak RSS is per process).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.synthetic import ROOT, generate

_PROBE = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from generator.pipeline import load_content
content, diagnostics = load_content(Path(sys.argv[1]))
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": elapsed, "peak": peak, "ok": content is not None,
                  "diagnostics": len(diagnostics)}))
"""


def measure(folder: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(folder)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def main() -> None:
    rows = [("content/ (Кемерово, 29 мероприятий)", ROOT / "content", 1.0, None)]
    with tempfile.TemporaryDirectory() as tmp:
        big = generate(Path(tmp) / "big", plans=1, measures=5000, reports=1)
        rows.append(("синтетический план: 5000 мероприятий + отчет", big, 5.0, 500))
        print(f"{'содержимое':48} {'время, с':>9} {'цель':>6} {'пик, МБ':>8} {'цель':>6}  итог")
        for name, folder, time_target, memory_target in rows:
            figures = measure(folder)
            mb = figures["peak"] / 2**20
            ok = figures["seconds"] < time_target and (memory_target is None or mb < memory_target)
            ok = ok and bool(figures["ok"])
            memory_goal = f"<{memory_target}" if memory_target else "—"
            print(
                f"{name:48} {figures['seconds']:9.3f} {'<' + str(time_target):>6}"
                f" {mb:8.1f} {memory_goal:>6}  {'да' if ok else 'НЕТ'}"
            )


if __name__ == "__main__":
    main()
