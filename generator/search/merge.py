"""Several Pagefind indexes of one site made into one, as if Pagefind had indexed every page at once.

Pagefind holds every page it reads in memory until it writes the index (about 80 KB a record),
and indexes on one core. A large site is therefore indexed in parts (shards), each by its own
Pagefind process, several at a time, and the parts are merged here. The merged index is what
one run would write: the same pages with the same word counts, every word with the same
locations on the same pages, the same filters, and the word index cut into chunks by
Pagefind's own rule, so search finds the same results with the same scores. Only the page
numbers differ (they follow the parts in order), and with them the order of results whose
scores are equal.

The layout (Pagefind 1.5; every file gzip-compressed CBOR after a signature):

- ``pagefind.<lang>_<hash>.pf_meta``: ``[version, pages, chunks, filters, sorts, meta fields]``,
  a page being ``[fragment hash, word count]``, a chunk ``[first word, last word, hash]``, a
  filter ``[name, hash]``; meta fields are the names of the metadata whose words are indexed.
- ``index/<hash>.pf_index``: ``[[word, pages, [[variant, pages], …]], …]``, where pages are
  ``[[page, locations, meta locations], …]`` in page order, each page number stored as the
  difference from the one before; in meta locations a negative number ``-(i + 1)`` starts the
  locations in meta field ``i``. Variants are the spellings Pagefind folds into the word.
- ``filter/<hash>.pf_filter``: ``[name, [[value, [page, …]], …]]``, page numbers as they are.
- ``fragment/<hash>.pf_fragment``: one page's text and metadata (JSON), with no page number in
  it, so fragments are copied as they are.

The merge streams: the parts' word chunks are read one at a time, in word order, and a merged
chunk is written as soon as it is full, so memory stays bounded by a few chunks whatever the
size of the site.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import io
import itertools
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import cbor2

from generator.search.bundle import SIGNATURE, UnexpectedBundle, read, unpacked_cbor

CHUNK_SIZE = 20_000
"""Pagefind's size of a word-index chunk: a chunk is closed once its words have this many pages
and locations. Search looks for a word, and for the words it begins, in one chunk only, so the
merged index is cut by the same rule as one run's: where a query's beginning of a word crosses
a chunk's bound, it finds what one run's index finds."""

COMPRESSION = 9
"""The gzip level of the written files, as Pagefind's."""

SHORT_HASH = 7
"""Hex digits of the hash in the name of a fragment, chunk or filter file, as Pagefind names them."""

SUPPORTED = "1.5."
"""The Pagefind versions whose index layout this module knows."""


@dataclass(frozen=True)
class Part:
    """One shard's index: its folder, metadata and language."""

    folder: Path
    language: str
    meta: list[Any]
    entry: dict[str, Any]

    @property
    def pages(self) -> list[list[Any]]:
        pages: list[list[Any]] = self.meta[1]
        return pages

    @property
    def meta_fields(self) -> list[str]:
        fields: list[str] = self.meta[5]
        return fields


def _pack(value: Any) -> tuple[bytes, str]:
    """The file's bytes and the full hash Pagefind names it by (SHA-1 of the CBOR)."""
    return _packed(cbor2.dumps(value))


def _packed(raw: bytes) -> tuple[bytes, str]:
    """A file of the CBOR ``raw``, and its full hash."""
    packed = gzip.compress(SIGNATURE + raw, compresslevel=COMPRESSION, mtime=0)
    return packed, hashlib.sha1(raw).hexdigest()


def read_part(folder: Path) -> Part:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    version = str(entry.get("version", ""))
    if not version.startswith(SUPPORTED):
        raise UnexpectedBundle(
            f"индекс Pagefind {version} не собрать из частей, нужен Pagefind {SUPPORTED}x"
        )
    languages = entry["languages"]
    if len(languages) != 1:
        raise UnexpectedBundle(f"{len(languages)} languages in one part")
    [(language, info)] = languages.items()
    meta = read(folder / f"pagefind.{info['hash']}.pf_meta")
    if not (isinstance(meta, list) and len(meta) == 6):
        raise UnexpectedBundle(
            "the metadata file is not [version, pages, chunks, filters, sorts, fields]"
        )
    if meta[4]:
        raise UnexpectedBundle("sort orders cannot be merged")
    return Part(folder, language, meta, entry)


def merge(parts_folders: Sequence[Path], output: Path, *, chunk_size: int = CHUNK_SIZE) -> int:
    """Merge the indexes in ``parts_folders`` (each as Pagefind wrote it) into ``output``, a new
    folder. Returns the number of pages. Raises :class:`UnexpectedBundle` when the parts are not
    laid out as expected or do not belong together."""
    parts = [read_part(folder) for folder in parts_folders]
    if not parts:
        raise UnexpectedBundle("no parts to merge")
    first = parts[0]
    for part in parts[1:]:
        if (part.language, part.meta[0]) != (first.language, first.meta[0]):
            raise UnexpectedBundle("the parts differ in language or Pagefind version")
    language = first.language
    output.mkdir(parents=True)
    _copy_scripts(first.folder, output)

    fields = sorted({field for part in parts for field in part.meta_fields})
    offsets = []
    total = 0
    for part in parts:
        offsets.append(total)
        total += len(part.pages)

    pages = _merge_fragments(parts, output / "fragment", language)
    chunks = _merge_words(parts, offsets, fields, output / "index", language, chunk_size)
    filters = _merge_filters(parts, offsets, output / "filter", language)

    meta = [first.meta[0], pages, chunks, filters, [], fields]
    packed, digest = _pack(meta)
    meta_hash = f"{language}_{digest[: len(language) + 8]}"
    (output / f"pagefind.{meta_hash}.pf_meta").write_bytes(packed)

    entry = dict(first.entry)
    info = dict(entry["languages"][language])
    info.update(hash=meta_hash, page_count=total)
    entry["languages"] = {language: info}
    (output / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return total


def _copy_scripts(source: Path, output: Path) -> None:
    """Pagefind's scripts and WebAssembly: the same in every part."""
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.name.endswith((".pf_meta", "pagefind-entry.json")):
            shutil.copyfile(path, output / path.name)


class _Names:
    """File names by hash, lengthened past the short hash where two different files would
    share one (as Pagefind does within one run)."""

    def __init__(self, folder: Path, suffix: str):
        self.folder = folder
        self.suffix = suffix
        folder.mkdir()
        self._taken: dict[str, str] = {}  # name → full hash

    def name(self, language: str, digest: str) -> str:
        length = SHORT_HASH
        while True:
            name = f"{language}_{digest[:length]}"
            taken = self._taken.get(name)
            if taken is None:
                self._taken[name] = digest
                return name
            if taken == digest or length >= len(digest):
                return name
            length += 1

    def path(self, name: str) -> Path:
        return self.folder / f"{name}{self.suffix}"


def _merge_fragments(parts: Sequence[Part], folder: Path, language: str) -> list[list[Any]]:
    """Copy every part's fragments; the merged list of pages points at their names. A name
    is the hash of the fragment's content, so a name met again is the same page unless the
    contents differ (two pages whose short hashes collide across parts): that one is named
    by more of its hash."""
    folder.mkdir()
    sources: dict[str, Path] = {}  # name → the fragment it names
    pages: list[list[Any]] = []
    for part in parts:
        for short, word_count in part.pages:
            source = part.folder / "fragment" / f"{short}.pf_fragment"
            name = short
            known = sources.get(name)
            if known is not None and known.read_bytes() != source.read_bytes():
                name = _longer_name(source, language, sources)
            if name not in sources:
                sources[name] = source
                target = folder / f"{name}.pf_fragment"
                try:
                    os.link(source, target)
                except OSError:  # another file system
                    shutil.copyfile(source, target)
            pages.append([name, word_count])
    return pages


def _longer_name(source: Path, language: str, sources: dict[str, Path]) -> str:
    """A name for the fragment in ``source`` that no other fragment has: its hash, as long as
    it must be."""
    digest = hashlib.sha1(unpacked_cbor(source.read_bytes(), source.name)).hexdigest()
    for length in range(SHORT_HASH + 1, len(digest) + 1):
        name = f"{language}_{digest[:length]}"
        known = sources.get(name)
        if known is None or known.read_bytes() == source.read_bytes():
            return name
    raise UnexpectedBundle(f"{source.name}: no free name")


Entry = tuple[str, list[Any], bytes]
"""A word of a chunk: its text, its decoded entry and the entry's CBOR as it was written."""


def _array_start(raw: bytes) -> tuple[int, int]:
    """Where the items of the CBOR array at the start of ``raw`` begin, and how many there are."""
    head = raw[0]
    if head >> 5 != 4 or head & 31 > 27:
        raise UnexpectedBundle("a word chunk is not an array")
    info = head & 31
    if info < 24:
        return 1, info
    size = 1 << (info - 24)
    return 1 + size, int.from_bytes(raw[1 : 1 + size], "big")


def _words(part: Part) -> Iterator[Entry]:
    """A part's words in order, one chunk read at a time, each with its bytes, so that a word
    that stays as it was is copied without encoding it again."""
    for _first, _last, short in part.meta[2]:
        path = part.folder / "index" / f"{short}.pf_index"
        raw = unpacked_cbor(path.read_bytes(), path.name)
        outer, one = _array_start(raw)
        inner, count = _array_start(raw[outer:])
        if one != 1:
            raise UnexpectedBundle(f"{path.name} is not [words]")
        stream = io.BytesIO(raw)
        stream.seek(outer + inner)
        decoder = cbor2.CBORDecoder(stream)
        start = stream.tell()
        for _ in range(count):
            entry = decoder.decode()
            end = stream.tell()
            if not (isinstance(entry, list) and entry and isinstance(entry[0], str)):
                raise UnexpectedBundle(f"{path.name}: a word is not [word, pages, variants]")
            yield entry[0], entry, raw[start:end]
            start = end
        if start != len(raw):
            raise UnexpectedBundle(f"{path.name}: {len(raw) - start} bytes after the words")


def _tagged(words: Iterator[Entry], number: int) -> Iterator[tuple[str, int, Entry]]:
    for entry in words:
        yield entry[0], number, entry


def _renumbered(pages: list[list[Any]], fields: dict[int, int]) -> list[list[Any]]:
    """Pages with the meta fields of their meta locations renumbered."""
    return [
        [delta, locations, [-fields[-v - 1] - 1 if v < 0 else v for v in meta_locations]]
        for delta, locations, meta_locations in pages
    ]


class _Postings:
    """Pages of one word (or variant) gathered from the parts in order. Pagefind stores each
    page number as the difference from the one before, so appending a part's list changes only
    its first entry: the rest is taken as it is."""

    def __init__(self) -> None:
        self.pages: list[list[Any]] = []
        self.last = 0  # the absolute number of the last page

    def extend(self, pages: list[list[Any]], offset: int) -> None:
        if not pages:
            return
        first = pages[0]
        self.pages.append([first[0] + offset - self.last, first[1], first[2]])
        self.pages += pages[1:]
        self.last = offset + sum(map(itemgetter(0), pages))


class _Word:
    """One word being merged: its pages and those of its variants (the spellings, with
    diacritics, that Pagefind folds into the word)."""

    def __init__(self, text: str):
        self.text = text
        self.pages = _Postings()
        self.variants: dict[str, _Postings] = {}

    def add(self, entry: list[Any], offset: int, fields: dict[int, int] | None) -> None:
        if len(entry) != 3:
            raise UnexpectedBundle(f"the word {self.text!r} is not [word, pages, variants]")
        _, pages, variants = entry
        self.pages.extend(pages if fields is None else _renumbered(pages, fields), offset)
        for variant, variant_pages in variants:
            if fields is not None:
                variant_pages = _renumbered(variant_pages, fields)
            self.variants.setdefault(variant, _Postings()).extend(variant_pages, offset)

    def packed(self) -> list[Any]:
        variants = [[text, self.variants[text].pages] for text in sorted(self.variants)]
        return [self.text, self.pages.pages, variants]


def _merge_words(
    parts: Sequence[Part],
    offsets: Sequence[int],
    fields: list[str],
    folder: Path,
    language: str,
    chunk_size: int,
) -> list[list[str]]:
    """The words of every part merged in order and cut into chunks of ``chunk_size`` pages and
    locations; returns the chunk list of the metadata. A word met in one part only, whose page
    numbers and meta fields do not change, is copied as it was written."""
    position = {field: index for index, field in enumerate(fields)}
    renumber = []
    for part in parts:
        mapping = {i: position[field] for i, field in enumerate(part.meta_fields)}
        renumber.append(None if all(i == j for i, j in mapping.items()) else mapping)

    streams = [_tagged(_words(part), number) for number, part in enumerate(parts)]
    merged = itertools.groupby(heapq.merge(*streams, key=itemgetter(0)), key=itemgetter(0))
    writer = _ChunkWriter(folder, language, chunk_size)
    for text, group in merged:
        found = list(group)
        if len(found) == 1 and offsets[found[0][1]] == 0 and renumber[found[0][1]] is None:
            _, entry, encoded = found[0][2]
            writer.add(text, encoded, _size(entry[1]))
            continue
        word = _Word(text)
        for _, number, (_, entry, _) in found:
            word.add(entry, offsets[number], renumber[number])
        packed = word.packed()
        writer.add(text, cbor2.dumps(packed), _size(packed[1]))
    chunks = writer.close()
    _shorten_bounds(chunks)
    return chunks


def _size(pages: list[list[Any]]) -> int:
    """What a word's pages weigh in a chunk, by Pagefind's measure: one for each page, each
    location and each meta location (its variants do not count)."""
    return (
        len(pages)
        + sum(map(len, map(itemgetter(1), pages)))
        + sum(map(len, map(itemgetter(2), pages)))
    )


class _ChunkWriter:
    """Words, as CBOR, gathered into chunk files of ``size`` pages and locations each."""

    def __init__(self, folder: Path, language: str, size: int):
        self.names = _Names(folder, ".pf_index")
        self.language = language
        self.size = size
        self.chunks: list[list[str]] = []
        self.words: list[bytes] = []
        self.first = self.last = ""
        self.filled = 0

    def add(self, text: str, encoded: bytes, size: int) -> None:
        if not self.words:
            self.first = text
        self.words.append(encoded)
        self.last = text
        self.filled += size
        if self.filled >= self.size:
            self._write()

    def close(self) -> list[list[str]]:
        if self.words:
            self._write()
        return self.chunks

    def _write(self) -> None:
        raw = _array_head(1) + _array_head(len(self.words)) + b"".join(self.words)
        packed, digest = _packed(raw)
        name = self.names.name(self.language, digest)
        self.names.path(name).write_bytes(packed)
        self.chunks.append([self.first, self.last, name])
        self.words, self.filled = [], 0


def _array_head(count: int) -> bytes:
    """The CBOR head of an array of ``count`` items."""
    encoded = cbor2.dumps([None] * count)
    return encoded[: len(encoded) - count]  # each None is one byte


def _shorten_bounds(chunks: list[list[str]]) -> None:
    """Pagefind's chunk bounds: between two chunks, the last word of one and the first of the
    next are cut to their common beginning and one letter more."""
    for before, after in itertools.pairwise(chunks):
        last, first = before[1], after[0]
        common = 0
        for a, b in zip(first, last, strict=False):
            if a != b:
                break
            common += 1
        before[1], after[0] = last[: common + 1], first[: common + 1]


def _merge_filters(
    parts: Sequence[Part], offsets: Sequence[int], folder: Path, language: str
) -> list[list[str]]:
    """Every filter's values with the pages of all parts, values in alphabetical order (as
    :func:`generator.search.bundle.make_reproducible` leaves them)."""
    merged: dict[str, dict[str, list[int]]] = {}
    for part, offset in zip(parts, offsets, strict=True):
        for name, short in part.meta[3]:
            value = read(part.folder / "filter" / f"{short}.pf_filter")
            if not (isinstance(value, list) and len(value) == 2 and value[0] == name):
                raise UnexpectedBundle(f"{short}.pf_filter is not [name, values]")
            values = merged.setdefault(name, {})
            for text, pages in value[1]:
                values.setdefault(text, []).extend(page + offset for page in pages)
    names = _Names(folder, ".pf_filter")
    filters = []
    for name in sorted(merged):
        packed, digest = _pack(
            [name, [[text, merged[name][text]] for text in sorted(merged[name])]]
        )
        short = names.name(language, digest)
        names.path(short).write_bytes(packed)
        filters.append([name, short])
    return filters
