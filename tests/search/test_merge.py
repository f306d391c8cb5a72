"""Indexing in parts: the merged index is the one Pagefind writes over all documents at once."""

from __future__ import annotations

import errno
import gzip
import hashlib
import itertools
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cbor2
import pytest

from generator.pipeline import prepare_site
from generator.search.bundle import SIGNATURE, UnexpectedBundle
from generator.search.merge import merge
from generator.search.pagefind import (
    ENV_PART,
    PAGE_WEIGHT,
    IndexingFailed,
    pagefind_binary,
    pagefind_command,
    pagefind_options,
    prepare_input,
    render_records,
    start_indexing,
)
from generator.search.parts import main as index_parts
from generator.search.records import build_records, index_pages, render_page
from tests.conftest import ROOT, build_site

# --- reading an index regardless of page numbers and file names -------------------------------


def _unpack(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE)
    return cbor2.loads(raw[len(SIGNATURE) :])


def _meta(bundle: Path) -> tuple[dict[str, Any], list[Any]]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    [info] = entry["languages"].values()
    return info, _unpack(bundle / f"pagefind.{info['hash']}.pf_meta")


def normalised(bundle: Path) -> dict[str, Any]:
    """Everything search reads from an index, with every page named by its fragment (its text
    and metadata) instead of its number, and meta fields by name."""
    info, meta = _meta(bundle)
    fields = meta[5]
    fragments = [
        gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
        for name, _ in meta[1]
    ]

    def postings(pages: list[Any]) -> list[Any]:
        number = 0
        out = []
        for delta, locations, meta_locations in pages:
            number += delta
            named = tuple(fields[-v - 1] if v < 0 else v for v in meta_locations)
            out.append((fragments[number], tuple(locations), named))
        return sorted(out)

    words: dict[str, Any] = {}
    for first, last, name in meta[2]:
        for word, pages, variants in _unpack(bundle / "index" / f"{name}.pf_index")[0]:
            assert word not in words
            # search loads the chunk whose bounds hold the word
            assert first <= word[: len(first)] and word[: len(last)] <= last, (first, word, last)
            words[word] = (postings(pages), {v: postings(p) for v, p in variants})
    filters = {
        name: {
            value: sorted(fragments[p] for p in pages)
            for value, pages in _unpack(bundle / "filter" / f"{file}.pf_filter")[1]
        }
        for name, file in meta[3]
    }
    return {
        "pages": sorted((fragments[i], count) for i, (_, count) in enumerate(meta[1])),
        "page_count": info["page_count"],
        "words": words,
        "filters": filters,
        "version": meta[0],
    }


# --- an example indexed at once and in parts -------------------------------------------------


Documents = tuple[list[tuple[str, bytes]], list[bytes], str]


def _documents(name: str) -> Documents:
    """What the build gives Pagefind for an example: its pages' indexed parts and its records."""
    folder = ROOT / name if name == "content" else ROOT / "examples" / name
    prepared = prepare_site(folder, ROOT / "theme" / "antikor")
    model = prepared.model
    indexed = index_pages(model)
    pages = sorted(
        (f"{page.url}index.html", render_page(page.html, index, model.language).encode())
        for page in prepared.pages
        if (index := indexed.get(page.url))
    )
    return pages, render_records(build_records(model), model.language), model.language


@pytest.fixture(scope="module")
def derbent() -> Documents:
    return _documents("derbent")


def _at_once(documents: Documents, work: Path) -> Path:
    pages, records, language = documents
    _, [part] = prepare_input(Path("."), [], records, work, written=pages, limit=1 << 40)
    output = work / "at-once"
    subprocess.run(
        pagefind_command(part, language, pagefind_binary(), output=output),
        check=True,
        capture_output=True,
    )
    return output


def _in_parts(documents: Documents, work: Path, limit: int) -> tuple[Path, list[Path]]:
    pages, records, language = documents
    _, parts = prepare_input(Path("."), [], records, work, written=pages, limit=limit)
    output = work / "merged"
    command = json.dumps(pagefind_options(language, pagefind_binary()))
    arguments = ["--output", str(output), "--jobs", "2", "--command", command, *map(str, parts)]
    assert index_parts(arguments) == 0
    return output, parts


def test_the_index_made_in_parts_is_the_index_made_at_once(
    tmp_path: Path, derbent: Documents
) -> None:
    pages, records, _ = derbent
    # the pages fill the first part, whose pages have fewer kinds of metadata than records
    weight = sum(len(html) // PAGE_WEIGHT for _, html in pages)
    assert weight > max(map(len, records))
    whole = normalised(_at_once(derbent, tmp_path))
    merged, parts = _in_parts(derbent, tmp_path, limit=weight)
    assert len(parts) >= 4
    assert normalised(merged) == whole
    assert whole["words"] and whole["filters"]["kind"] and whole["filters"]["executor"]
    # the parts had their own numbering of meta fields and pages, and the merge renumbered them
    fields = [_meta(index)[1][5] for index in sorted(tmp_path.glob("part-*.index"))]
    assert len(fields) == len(parts)
    assert len({tuple(f) for f in fields}) > 1
    # words that Pagefind folds (й into и) keep their spellings as variants across parts
    assert any(variants for _, variants in whole["words"].values())


def test_a_word_in_several_parts_lists_its_pages_in_order(
    tmp_path: Path, derbent: Documents
) -> None:
    _, records, _ = derbent
    merged, parts = _in_parts(derbent, tmp_path, limit=(sum(map(len, records)) // 3))
    assert len(parts) >= 3
    _, meta = _meta(merged)
    spread = 0
    for _, _, name in meta[2]:
        for _word, postings, variants in _unpack(merged / "index" / f"{name}.pf_index")[0]:
            for pages in (postings, *(pages for _, pages in variants)):
                if not pages:
                    continue
                numbers = list(itertools.accumulate(delta for delta, _, _ in pages))
                assert numbers == sorted(set(numbers)) and numbers[-1] < len(meta[1])
                spread += numbers[-1] - numbers[0] > len(meta[1]) // 2
    assert spread  # some words are met in the first and the last parts


def _chunk_words(bundle: Path) -> list[tuple[str, str]]:
    """The first and last word of each chunk of the word index."""
    words = []
    for _, _, name in _meta(bundle)[1][2]:
        entries = _unpack(bundle / "index" / f"{name}.pf_index")[0]
        words.append((entries[0][0], entries[-1][0]))
    return words


def test_merged_chunks_hold_the_words_one_runs_chunks_hold(tmp_path: Path) -> None:
    # search looks for a word, or the words it begins, in one chunk only: where a chunk ends
    # decides what a query finds, so the merge cuts where one run cuts
    documents = _documents("content")
    whole = _at_once(documents, tmp_path)
    assert len(_meta(whole)[1][2]) > 1
    merged, parts = _in_parts(documents, tmp_path, limit=sum(map(len, documents[1])) // 3)
    assert len(parts) >= 3
    assert _chunk_words(merged) == _chunk_words(whole)
    assert normalised(merged) == normalised(whole)


def test_chunk_bounds_lead_to_the_chunk_of_every_word(tmp_path: Path, derbent: Documents) -> None:
    _in_parts(derbent, tmp_path, limit=sum(map(len, derbent[1])) // 2)
    indexes = sorted(tmp_path.glob("part-*.index"))
    assert len(indexes) >= 2
    merge(indexes, tmp_path / "small", chunk_size=500)
    chunks = _meta(tmp_path / "small")[1][2]
    assert len(chunks) > 10
    for (_, last, _), (first, _, _) in itertools.pairwise(chunks):
        assert last < first
    # normalised() checks that each word lies within its chunk's bounds
    assert normalised(tmp_path / "small") == normalised(tmp_path / "merged")


# --- fragments whose short names collide -----------------------------------------------------


def _fake_part(folder: Path, fragments: list[bytes], version: str = "1.5.2") -> Path:
    """A one-word index over ``fragments``, named by their short hash as Pagefind names them,
    except that every fragment gets the same short name (a collision)."""
    (folder / "fragment").mkdir(parents=True)
    (folder / "index").mkdir()
    (folder / "filter").mkdir()
    pages = []
    for text in fragments:
        packed = gzip.compress(SIGNATURE + text, mtime=0)
        (folder / "fragment" / "ru_0000000.pf_fragment").write_bytes(packed)
        pages.append(["ru_0000000", 1])
    chunk = gzip.compress(SIGNATURE + cbor2.dumps([[["слово", [[0, [1], []]], []]]]), mtime=0)
    (folder / "index" / "ru_1111111.pf_index").write_bytes(chunk)
    meta = [version, pages, [["слово", "слово", "ru_1111111"]], [], [], ["title"]]
    (folder / "pagefind.ru_2222222222.pf_meta").write_bytes(
        gzip.compress(SIGNATURE + cbor2.dumps(meta), mtime=0)
    )
    entry = {
        "version": version,
        "languages": {"ru": {"hash": "ru_2222222222", "wasm": "ru", "page_count": 1}},
    }
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return folder


def test_two_parts_fragments_with_one_short_name_keep_both(tmp_path: Path) -> None:
    one = _fake_part(tmp_path / "one", [b'{"url":"/a/"}'])
    two = _fake_part(tmp_path / "two", [b'{"url":"/b/"}'])
    same = _fake_part(tmp_path / "same", [b'{"url":"/a/"}'])
    assert merge([one, two, same], tmp_path / "merged") == 3
    _, meta = _meta(tmp_path / "merged")
    names = [name for name, _ in meta[1]]
    assert names[0] == names[2] == "ru_0000000"  # the same page twice: one file
    digest = hashlib.sha1(b'{"url":"/b/"}').hexdigest()
    assert names[1] == f"ru_{digest[:8]}"  # named by more of its hash
    texts = {
        name: gzip.decompress(
            (tmp_path / "merged" / "fragment" / f"{name}.pf_fragment").read_bytes()
        )
        for name in names
    }
    assert texts[names[1]].endswith(b'/b/"}') and texts[names[0]].endswith(b'/a/"}')


def test_an_index_of_another_pagefind_version_is_not_merged(tmp_path: Path) -> None:
    old = _fake_part(tmp_path / "old", [b"{}"], version="1.4.0")
    with pytest.raises(UnexpectedBundle, match=r"Pagefind 1\.4\.0 не собрать из частей"):
        merge([old], tmp_path / "merged")


# --- how the input is cut ------------------------------------------------------------------------


def _cut(sizes: list[int], limit: int, tmp_path: Path) -> list[list[int]]:
    """The sizes of the documents in each part :func:`prepare_input` makes."""
    documents = [b"x" * size for size in sizes]
    work, parts = prepare_input(Path("."), [], documents, tmp_path, limit=limit)
    cut = [sorted(f.stat().st_size for f in part.rglob("*.html")) for part in parts]
    shutil.rmtree(work)
    return cut


def test_parts_are_filled_up_to_the_limit_and_never_past_it(tmp_path: Path) -> None:
    kb = 1024
    assert _cut([kb] * 10, 32 * kb, tmp_path) == [[kb] * 10]
    assert [len(part) for part in _cut([kb] * 100, 32 * kb, tmp_path)] == [32, 32, 32, 4]
    # three documents of 20 KB: no part may take two of them
    assert _cut([20 * kb] * 3, 32 * kb, tmp_path) == [[20 * kb]] * 3
    # a document over the limit is a part of its own
    assert _cut([kb, 40 * kb, kb], 32 * kb, tmp_path) == [[kb], [40 * kb], [kb]]
    # nothing to index: one empty part, for Pagefind to say so
    assert _cut([], kb, tmp_path) == [[]]


def test_a_bad_part_size_setting_is_refused_in_russian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for value in ("много", "0", "-1", "inf", "nan", "1e400", "0.001"):
        monkeypatch.setenv(ENV_PART, value)
        with pytest.raises(IndexingFailed, match=f"{ENV_PART}=.*: ожидается размер"):
            start_indexing([], "ru", site_dir=tmp_path / "site", written=[("a/index.html", b"<p>")])
    assert not list(tmp_path.iterdir())


# --- a run in parts that fails or is cancelled -----------------------------------------------------


def _fake_pagefind(tmp_path: Path, script: str) -> Path:
    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\n" + script)
    binary.chmod(binary.stat().st_mode | stat.S_IEXEC)
    return binary


def _written(count: int) -> list[tuple[str, bytes]]:
    """Pages that weigh 40 KB against the limit: with parts of at most 0.05 MB, one a part."""
    page = b"<html lang=ru><body>" + b"x" * 40_000 * PAGE_WEIGHT
    return [(f"p{n}/index.html", page) for n in range(count)]


def test_a_failed_part_fails_the_indexing_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = _fake_pagefind(tmp_path, 'echo "Error: нет места"; exit 3\n')
    monkeypatch.setenv("ANTIKOR_PAGEFIND", str(binary))
    monkeypatch.setenv(ENV_PART, "0.05")
    site = tmp_path / "site"
    site.mkdir()
    indexing = start_indexing([], "ru", site_dir=site, written=_written(6), work_parent=tmp_path)
    with pytest.raises(IndexingFailed) as failed:
        indexing.finish(site)
    assert str(failed.value).startswith("поисковый индекс не построен: Pagefind (часть 1 из ")
    assert str(failed.value).endswith("Error: нет места")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind", "site"]


def test_cancelling_a_run_in_parts_stops_every_pagefind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    binary = _fake_pagefind(tmp_path, f'echo $$ >> "{pids}"\nsleep 60\n')
    monkeypatch.setenv("ANTIKOR_PAGEFIND", str(binary))
    monkeypatch.setenv(ENV_PART, "0.05")
    site = tmp_path / "site"
    site.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    indexing = start_indexing([], "ru", site_dir=site, written=_written(6), work_parent=work)
    deadline = time.monotonic() + 30
    while not (pids.exists() and pids.read_text().split()):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    running = [int(pid) for pid in pids.read_text().split()]
    indexing.cancel()
    for pid in running:
        deadline = time.monotonic() + 10
        while _alive(pid):
            assert time.monotonic() < deadline, f"Pagefind {pid} still runs"
            time.sleep(0.05)
    assert list(work.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind", "pids", "site", "work"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")


def test_a_site_built_in_parts_has_the_index_of_one_built_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_site: Callable[[str], Path]
) -> None:
    at_once = example_site("derbent")  # built for the whole session: not with the setting
    monkeypatch.setenv(ENV_PART, "0.05")
    result = build_site(ROOT / "examples" / "derbent", tmp_path / "site")
    assert result.exit_code == 0, result.stderr
    assert normalised(tmp_path / "site" / "pagefind") == normalised(at_once / "pagefind")
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_ctrl_c_in_the_terminal_stops_the_parts_and_their_pagefind(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    binary = _fake_pagefind(tmp_path, f'echo $$ >> "{pids}"\nsleep 60\n')
    site = tmp_path / "site"
    site.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.search.pagefind import start_indexing\n"
        f"page = ('<html lang=ru><body>' + 'x' * 40000 * {PAGE_WEIGHT}).encode()\n"
        "written = [(f'p{n}/index.html', page) for n in range(4)]\n"
        f"indexing = start_indexing([], 'ru', site_dir=Path({str(site)!r}), written=written,"
        f" work_parent=Path({str(work)!r}))\n"
        "import time; time.sleep(60)\n"  # as MkDocs writing the site meanwhile
    )
    environment = {**os.environ, "ANTIKOR_PAGEFIND": str(binary), ENV_PART: "0.05"}
    build = subprocess.Popen(
        [sys.executable, "-c", script, str(site)],
        env=environment,
        cwd=ROOT,
        start_new_session=True,  # its own group, as a build started from a terminal
        # as from a terminal: Ctrl+C not ignored (a job started in the background ignores it)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not (pids.exists() and pids.read_text().split()):
        assert time.monotonic() < deadline and build.poll() is None
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGINT)  # what the terminal does on Ctrl+C
    assert build.wait(timeout=30) != 0
    for pid in [int(pid) for pid in pids.read_text().split()]:
        deadline = time.monotonic() + 10
        while _alive(pid):
            assert time.monotonic() < deadline, f"Pagefind {pid} still runs"
            time.sleep(0.05)
    # the parts' process is gone too (the next build removes the folders it left)
    runners = subprocess.run(
        ["pgrep", "-f", f"generator.search.parts.*{work}"], capture_output=True, text=True
    )
    assert runners.stdout == ""


def test_input_that_outgrows_memory_moves_to_disk_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.search import pagefind

    memory = tmp_path / "shm"
    memory.mkdir()
    disk = tmp_path / "tmp"
    disk.mkdir()
    monkeypatch.setattr(pagefind, "MEMORY", memory)
    monkeypatch.setattr(tempfile, "tempdir", str(disk))
    put = pagefind._put
    written: list[str] = []

    def filling(folder: Path, name: str, source: Path | bytes) -> None:
        if memory in folder.parents and len(written) >= 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        put(folder, name, source)
        written.append(name)

    monkeypatch.setattr(pagefind, "_put", filling)
    documents = [f"<p>{n}</p>".encode() for n in range(8)]
    work, parts = prepare_input(Path("."), [], documents, memory, limit=20)
    assert disk in work.parents and list(memory.iterdir()) == []
    assert len(parts) == 4 and all(part.parent == work for part in parts)
    found = sorted(p.read_bytes() for part in parts for p in part.rglob("*.html"))
    assert found == sorted(documents)


def test_a_killed_builds_parts_stop(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    binary = _fake_pagefind(tmp_path, f'echo $$ >> "{pids}"\nsleep 60\n')
    site = tmp_path / "site"
    site.mkdir()
    script = (
        "from pathlib import Path\n"
        "from generator.search.pagefind import start_indexing\n"
        f"page = ('<html lang=ru><body>' + 'x' * 40000 * {PAGE_WEIGHT}).encode()\n"
        "written = [(f'p{n}/index.html', page) for n in range(4)]\n"
        f"start_indexing([], 'ru', site_dir=Path({str(site)!r}), written=written,"
        f" work_parent=Path({str(tmp_path)!r}))\n"
        "import time; time.sleep(60)\n"
    )
    environment = {**os.environ, "ANTIKOR_PAGEFIND": str(binary), ENV_PART: "0.05"}
    build = subprocess.Popen([sys.executable, "-c", script], env=environment, cwd=ROOT)
    deadline = time.monotonic() + 30
    while not (pids.exists() and pids.read_text().split()):
        assert time.monotonic() < deadline and build.poll() is None
        time.sleep(0.05)
    build.kill()  # no chance to clean up, as under `kill -9` or a CI timeout
    build.wait()
    for pid in [int(pid) for pid in pids.read_text().split()]:
        deadline = time.monotonic() + 15
        while _alive(pid):
            assert time.monotonic() < deadline, f"Pagefind {pid} still runs"
            time.sleep(0.05)
