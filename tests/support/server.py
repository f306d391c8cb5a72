"""A plain static web server for a built site, mounted under a URL path prefix.

It behaves like the municipal web server the site is copied to: files as they are, directory
URLs answered by their ``index.html``, the site's own ``404.html`` for anything missing, and
nothing outside the prefix. Loopback only.
"""

from __future__ import annotations

import http.server
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")


@dataclass(frozen=True)
class Served:
    """A running server: ``url(path)`` gives the address of a page of the site."""

    base: str  # "http://127.0.0.1:PORT/prefix/"

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


def _handler(root: Path, prefix: str) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._serve(body=True)

        def do_HEAD(self) -> None:
            self._serve(body=False)

        def _serve(self, *, body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(prefix):
                return self._missing(body)
            target = (root / path[len(prefix) :]).resolve()
            if root not in target.parents and target != root:
                return self._missing(body)
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                target = target / "index.html"
            if not target.is_file():
                return self._missing(body)
            self._send(200, target, body)
            return None

        def _missing(self, body: bool) -> None:
            page = root / "404.html"
            if page.is_file():
                self._send(404, page, body)
            else:
                self.send_error(404)

        def _send(self, code: int, file: Path, body: bool) -> None:
            data = file.read_bytes()
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind == "application/javascript":
                kind += "; charset=utf-8"
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(root: Path, prefix: str = "/") -> Iterator[Served]:
    """Serve ``root`` at ``http://127.0.0.1:<free port><prefix>`` until the block ends."""
    if not prefix.startswith("/") or not prefix.endswith("/"):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(root.resolve(), prefix))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield Served(f"http://{host!s}:{port}{prefix}")
    finally:
        server.shutdown()
        server.server_close()
