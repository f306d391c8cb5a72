"""Deterministic synthetic content in antikor's format, for benchmarks.

The text is drawn from the Russian example content (itself rebuilt from real published
documents), so cells have realistic length and vocabulary. Each drawn text is marked with its
plan's years and its number, as real plans repeat a measure year after year with small changes:
no two cells are equal, so caching by cell text gains no more than on real content. The same
arguments always give the same files, byte for byte.

    python -m benchmarks.synthetic OUT --plans 10 --measures 150 --reports 40
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
STATUSES = ["done", "done", "done", "in_progress", "partially_done", "not_done", "not_due"]
SIZES = {
    "small": None,  # the example content itself
    "archive": (10, 150, 40),
    "large": (50, 300, 200),
}


def _corpus() -> dict[str, list[str]]:
    """Texts, executors, deadlines and results from every Russian-language example folder."""
    corpus: dict[str, list[str]] = {"text": [], "executor": [], "deadline": [], "result": []}
    for folder in [ROOT / "content", *sorted((ROOT / "examples").iterdir())]:
        site = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))
        if site.get("language", "ru") != "ru":
            continue
        for path in sorted((folder / "plans").glob("*.yaml")):
            _collect_sections(yaml.safe_load(path.read_text(encoding="utf-8"))["sections"], corpus)
        for path in sorted((folder / "reports").glob("*.yaml")):
            for result in yaml.safe_load(path.read_text(encoding="utf-8"))["results"]:
                if result.get("text"):
                    corpus["result"].append(result["text"])
    return corpus


def _collect_sections(sections: list[dict[str, object]], corpus: dict[str, list[str]]) -> None:
    for section in sections:
        for measure in section.get("measures", []) or []:  # type: ignore[union-attr]
            corpus["text"].append(measure["text"])
            executors = measure["executors"]
            corpus["executor"] += executors if isinstance(executors, list) else [executors]
            corpus["deadline"].append(str(measure["deadline"]))
        _collect_sections(section.get("sections", []) or [], corpus)  # type: ignore[arg-type]


def materialize(size: str, out: Path) -> Path:
    """The content folder of a named size (one of :data:`SIZES`) at ``out``."""
    shape = SIZES[size]
    if shape is None:
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(ROOT / "content", out)
        return out
    return generate(out, *shape)


def _varied(text: str, tag: str) -> str:
    """``text`` with ``tag`` at the end of its first line, so that the cell is unique."""
    first, newline, rest = text.partition("\n")
    return f"{first.rstrip()} ({tag}){newline}{rest}"


def generate(out: Path, plans: int, measures: int, reports: int, seed: int = 530) -> Path:
    """Write a content folder with ``plans`` plans of ``measures`` measures each and
    ``reports`` reports spread over them (each covering every measure of its plan)."""
    rng = random.Random(seed)
    corpus = _corpus()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "content", out, ignore=shutil.ignore_patterns("plans", "reports"))
    (out / "plans").mkdir()
    (out / "reports").mkdir()
    stems = []
    for p in range(plans):
        start = 2000 + 2 * p
        stem = f"{start}-{start + 1}"
        stems.append((stem, start))
        (out / "plans" / f"{stem}.yaml").write_text(
            _dump(_plan(rng, corpus, start, measures)), encoding="utf-8"
        )
    for r in range(reports):
        stem, start = stems[r % plans]
        year = start + (r // plans) % 2
        (out / "reports" / f"{year}-{r:03d}.yaml").write_text(
            _dump(_report(rng, corpus, stem, year, measures)), encoding="utf-8"
        )
    return out


def _plan(rng: random.Random, corpus: dict[str, list[str]], start: int, count: int) -> object:
    per_section = 10
    sections = []
    for s in range(0, count, per_section):
        number = s // per_section + 1
        sections.append(
            {
                "number": f"{number}.",
                "title": rng.choice(corpus["text"]).split("\n")[0][:200],
                "measures": [
                    {
                        "number": f"{number}.{m + 1}",
                        "text": _varied(
                            rng.choice(corpus["text"]), f"{start}–{start + 1}, п. {number}.{m + 1}"
                        ),
                        "executors": rng.sample(corpus["executor"], k=rng.randint(1, 3)),
                        "deadline": rng.choice(corpus["deadline"]),
                    }
                    for m in range(min(per_section, count - s))
                ],
            }
        )
    return {
        "title": f"План мероприятий по противодействию коррупции на {start}–{start + 1} годы",
        "years": f"{start}-{start + 1}",
        "approved": {"act": "постановление", "date": f"{start}-01-15", "number": f"{start}-п"},
        "sections": sections,
    }


def _report(
    rng: random.Random, corpus: dict[str, list[str]], stem: str, year: int, count: int
) -> object:
    per_section = 10
    results = []
    for i in range(count):
        results.append(
            {
                "measure": f"{i // per_section + 1}.{i % per_section + 1}",
                "status": rng.choice(STATUSES),
                "text": _varied(
                    rng.choice(corpus["result"]),
                    f"за {year} год, п. {i // per_section + 1}.{i % per_section + 1}",
                ),
            }
        )
    return {
        "plan": stem,
        "title": f"Отчет за {year} год о выполнении плана мероприятий на {stem.replace('-', '–')} годы",
        "period": str(year),
        "date": f"{year + 1}-01-20",
        "results": results,
    }


def _dump(data: object) -> str:
    """YAML through libyaml's emitter when PyYAML has it: the pure-Python one takes a minute
    for the ``large`` size."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=10)
    parser.add_argument("--measures", type=int, default=150)
    parser.add_argument("--reports", type=int, default=40)
    args = parser.parse_args()
    generate(args.out, args.plans, args.measures, args.reports)


if __name__ == "__main__":
    main()
