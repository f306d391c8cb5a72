"""Pagefind's index files made byte-for-byte reproducible.

Pagefind 1.5 writes the values of each filter in hash-map order, which changes from run to run,
and the file names (hashes of the contents) and the metadata file that lists them change with
it. Everything else it writes is stable. So, after each run, every filter file is rewritten with
its values sorted, and the metadata and entry files are rewritten to point at the new names.
This works on the files in memory, before they are written.

The files are gzip-compressed CBOR after a fixed signature.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


class UnexpectedBundle(Exception):
    """The index files are not laid out as this version of the code expects."""


# --- CBOR ----------------------------------------------------------------------------------------


def decode(data: bytes) -> Any:
    try:
        return cbor2.loads(data)
    except cbor2.CBORDecodeError as exc:
        raise UnexpectedBundle(f"not CBOR: {exc}") from None


def encode(value: Any) -> bytes:
    """CBOR as Pagefind writes it: definite lengths, the shortest heads."""
    return cbor2.dumps(value)


# --- the files ----------------------------------------------------------------------------------

Files = dict[str, bytes]
"""The bundle in memory: path under ``pagefind/`` → content."""


def unpacked_cbor(packed: bytes, name: str = "") -> bytes:
    """The CBOR of a file's bytes: decompressed, without the signature."""
    raw = gzip.decompress(packed)
    if not raw.startswith(SIGNATURE):
        raise UnexpectedBundle(f"{name}: no Pagefind signature")
    return raw[len(SIGNATURE) :]


def unpack(packed: bytes, name: str = "") -> Any:
    return decode(unpacked_cbor(packed, name))


def read(path: Path) -> Any:
    return unpack(path.read_bytes(), path.name)


def pack(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


def _name(language: str, packed: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(packed).hexdigest()[:length]}"


def sort_filter(value: Any) -> Any:
    """A filter file's content with its values in alphabetical order."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
        raise UnexpectedBundle("a filter file is not [name, values]")
    return [value[0], sorted(value[1], key=lambda pair: pair[0])]


def make_reproducible(files: Files) -> Files:
    """The same bundle with the filter files of every language in a stable order, and the
    files that name them updated."""
    out = dict(files)
    entry = json.loads(files["pagefind-entry.json"])
    for language, info in entry["languages"].items():
        meta_name = f"pagefind.{info['hash']}.pf_meta"
        meta = unpack(files[meta_name], meta_name)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise UnexpectedBundle("the metadata file has no list of filters")
        filters = []
        for name, old in meta[3]:
            old_name = f"filter/{old}.pf_filter"
            packed = pack(sort_filter(unpack(out.pop(old_name), old_name)))
            new = _name(language, packed, len(old) - len(language) - 1)
            out[f"filter/{new}.pf_filter"] = packed
            filters.append([name, new])
        meta[3] = sorted(filters)
        packed = pack(meta)
        info["hash"] = _name(language, packed, len(info["hash"]) - len(language) - 1)
        del out[meta_name]
        out[f"pagefind.{info['hash']}.pf_meta"] = packed
    out["pagefind-entry.json"] = json.dumps(
        entry, ensure_ascii=False, separators=(",", ":")
    ).encode()
    return out


def without_unused_wasm(files: Files) -> Files:
    """The bundle without the WebAssembly of languages the index does not have (Pagefind
    always writes the one for unstemmed languages too)."""
    entry = json.loads(files["pagefind-entry.json"])
    # a language without a stemmer of its own ("wasm": null) uses the "unknown" one
    used = {f"wasm.{info['wasm'] or 'unknown'}.pagefind" for info in entry["languages"].values()}
    return {
        name: content
        for name, content in files.items()
        if not (name.startswith("wasm.") and name.endswith(".pagefind")) or name in used
    }
