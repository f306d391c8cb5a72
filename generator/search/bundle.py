"""Pagefind's index files made byte-for-byte reproducible.

Pagefind 1.5 writes the values of each filter in hash-map order, which changes from run to run,
and the file names (hashes of the contents) and the metadata file that lists them change with
it. Everything else it writes is stable. So, after each run, every filter file is rewritten with
its values sorted, and the metadata and entry files are rewritten to point at the new names.
This works on the files in memory, before they are written.

The files are gzip-compressed CBOR after a fixed signature. Only the CBOR that Pagefind writes
is handled: unsigned integers, text, arrays and maps of definite length.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class UnexpectedBundle(Exception):
    """The index files are not laid out as this version of the code expects."""


# --- a small CBOR codec ----------------------------------------------------------------------


def decode(data: bytes) -> Any:
    value, end = _decode(data, 0)
    if end != len(data):
        raise UnexpectedBundle(f"{len(data) - end} trailing bytes")
    return value


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise UnexpectedBundle(f"indefinite or reserved CBOR item {head:#x}")
    if major == 0:
        return argument, at
    if major == 3:
        return data[at : at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise UnexpectedBundle(f"CBOR major type {major} is not expected in Pagefind's files")


def encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise UnexpectedBundle(f"cannot encode {value!r}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise UnexpectedBundle(f"cannot encode {type(value).__name__}")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if argument < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, argument)
    raise UnexpectedBundle(f"integer too large: {argument}")


# --- the files ----------------------------------------------------------------------------------

Files = dict[str, bytes]
"""The bundle in memory: path under ``pagefind/`` → content."""


def unpack(packed: bytes, name: str = "") -> Any:
    raw = gzip.decompress(packed)
    if not raw.startswith(SIGNATURE):
        raise UnexpectedBundle(f"{name}: no Pagefind signature")
    return decode(raw[len(SIGNATURE) :])


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
